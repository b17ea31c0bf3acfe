// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/watchtypes.h"

#include "client/keyrange.h"

namespace etcd {

WatchOptions WatchOptions::single(const QByteArray &key, qint64 startRevision)
{
    WatchOptions o;
    o.key = key;
    o.startRevision = startRevision;
    return o;
}

WatchOptions WatchOptions::prefix(const QByteArray &prefix, qint64 startRevision)
{
    WatchOptions o;
    o.key = prefix.isEmpty() ? QByteArray(1, '\0') : prefix;
    o.rangeEnd = keyrange::prefixEnd(prefix);
    o.startRevision = startRevision;
    return o;
}

WatchOptions WatchOptions::range(const QByteArray &key, const QByteArray &rangeEnd, qint64 startRevision)
{
    WatchOptions o;
    o.key = key;
    o.rangeEnd = rangeEnd;
    o.startRevision = startRevision;
    return o;
}

} // namespace etcd
