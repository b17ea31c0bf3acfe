// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/kvtypes.h"

#include "client/keyrange.h"

namespace etcd {

RangeOptions RangeOptions::single(const QByteArray &key)
{
    RangeOptions o;
    o.key = key;
    return o;
}

RangeOptions RangeOptions::prefix(const QByteArray &prefix)
{
    RangeOptions o;
    // An empty prefix means the whole keyspace: etcd spells that key "\0", range_end "\0".
    o.key = prefix.isEmpty() ? QByteArray(1, '\0') : prefix;
    o.rangeEnd = keyrange::prefixEnd(prefix);
    return o;
}

RangeOptions RangeOptions::fromKey(const QByteArray &key)
{
    RangeOptions o;
    o.key = key.isEmpty() ? QByteArray(1, '\0') : key;
    o.rangeEnd = keyrange::fromKeyEnd();
    return o;
}

RangeOptions RangeOptions::range(const QByteArray &key, const QByteArray &rangeEnd)
{
    RangeOptions o;
    o.key = key;
    o.rangeEnd = rangeEnd;
    return o;
}

DeleteOptions DeleteOptions::single(const QByteArray &key, bool prevKv)
{
    return DeleteOptions{key, {}, prevKv};
}

DeleteOptions DeleteOptions::prefix(const QByteArray &prefix, bool prevKv)
{
    return DeleteOptions{prefix.isEmpty() ? QByteArray(1, '\0') : prefix, keyrange::prefixEnd(prefix), prevKv};
}

DeleteOptions DeleteOptions::range(const QByteArray &key, const QByteArray &rangeEnd, bool prevKv)
{
    return DeleteOptions{key, rangeEnd, prevKv};
}

} // namespace etcd
