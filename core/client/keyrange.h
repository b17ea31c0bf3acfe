// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>

namespace etcd {

// etcd addresses key ranges as [key, range_end): these helpers build the range_end values
// etcd (and etcdctl) use, so our ranges mean exactly what theirs do.
namespace keyrange {

// The smallest key greater than every key starting with `prefix`. For an empty prefix, or one made
// only of 0xff bytes, etcd's convention is "\0", which means "to the end of the keyspace".
QByteArray prefixEnd(const QByteArray &prefix);

// range_end for "every key >= key" (etcdctl --from-key).
inline QByteArray fromKeyEnd()
{
    return QByteArray(1, '\0');
}

// The key right after `key` in byte order: used to continue a paged range.
inline QByteArray successor(const QByteArray &key)
{
    return key + QByteArray(1, '\0');
}

// Is `key` below `rangeEnd`? ("\0" as range end means: no end.)
bool isBefore(const QByteArray &key, const QByteArray &rangeEnd);

QByteArray commonPrefix(const QByteArray &a, const QByteArray &b);

// Where to end a range starting at `start` so that it holds about `wanted` keys, knowing that the
// interval [low, high] held `count` keys. Keys are read as numbers (the 16 bytes after the common
// prefix of low and high), so the estimate follows how densely the keyspace is populated there.
// Returns a key > start, or an empty array when no estimate is possible (start outside the
// interval's neighbourhood): then the caller falls back to an open range.
QByteArray estimateEnd(const QByteArray &start, const QByteArray &low, const QByteArray &high, qint64 count,
                       qint64 wanted);

// A key strictly inside (low, end), halfway when both are read as numbers after their common
// prefix; empty when the interval is too narrow to split. `end` is a range end ("\0": no end).
QByteArray midpoint(const QByteArray &low, const QByteArray &end);

// How wide [low, end) is, read as a number after `base` (which both start with), to compare
// ranges under the same base; 0 for an empty or foreign range.
double width(const QByteArray &low, const QByteArray &end, const QByteArray &base);

} // namespace keyrange
} // namespace etcd
