// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QVector>

#include <optional>

namespace etcd {

struct ResponseHeader
{
    quint64 clusterId = 0;
    quint64 memberId = 0;
    qint64 revision = 0;
    quint64 raftTerm = 0;
};

struct KeyValue
{
    QByteArray key;
    QByteArray value;
    qint64 createRevision = 0;
    qint64 modRevision = 0;
    qint64 version = 0;
    qint64 lease = 0;

    bool operator==(const KeyValue &o) const
    {
        return key == o.key && value == o.value && createRevision == o.createRevision && modRevision == o.modRevision &&
               version == o.version && lease == o.lease;
    }
};

enum class SortOrder { None = 0, Ascend = 1, Descend = 2 };
enum class SortTarget { Key = 0, Version = 1, Create = 2, Mod = 3, Value = 4 };

// Everything etcd's Range can do. Build with the named constructors, then adjust fields.
struct RangeOptions
{
    QByteArray key;
    QByteArray rangeEnd; // empty: the single key; "\0": every key >= key
    qint64 limit = 0;    // 0: no limit
    qint64 revision = 0; // 0: latest
    SortOrder sortOrder = SortOrder::None;
    SortTarget sortTarget = SortTarget::Key;
    bool serializable = false; // answer from the member's local state, without a quorum read
    bool keysOnly = false;
    bool countOnly = false;
    qint64 minModRevision = 0;
    qint64 maxModRevision = 0;
    qint64 minCreateRevision = 0;
    qint64 maxCreateRevision = 0;

    static RangeOptions single(const QByteArray &key);
    static RangeOptions prefix(const QByteArray &prefix);
    static RangeOptions fromKey(const QByteArray &key);
    static RangeOptions range(const QByteArray &key, const QByteArray &rangeEnd);
};

struct RangeResult
{
    ResponseHeader header;
    QVector<KeyValue> kvs;
    bool more = false;
    qint64 count = 0;
};

struct PutOptions
{
    qint64 lease = 0;
    bool prevKv = false;
    bool ignoreValue = false;
    bool ignoreLease = false;
};

struct PutResult
{
    ResponseHeader header;
    std::optional<KeyValue> prevKv;
};

struct DeleteOptions
{
    QByteArray key;
    QByteArray rangeEnd;
    bool prevKv = false;

    static DeleteOptions single(const QByteArray &key, bool prevKv = false);
    static DeleteOptions prefix(const QByteArray &prefix, bool prevKv = false);
    static DeleteOptions range(const QByteArray &key, const QByteArray &rangeEnd, bool prevKv = false);
};

struct DeleteResult
{
    ResponseHeader header;
    qint64 deleted = 0;
    QVector<KeyValue> prevKvs;
};

// One page of a paged range walk (see Kv::pagedRange).
struct RangePage
{
    QVector<KeyValue> kvs;
    qint64 revision = 0;      // every page of one walk is read at this same revision
    int index = 0;            // 0-based page number
    qint64 keysSoFar = 0;     // including this page
    qint64 totalKeys = 0;     // keys in the whole range at `revision` (from the first page's count)
    qint64 responseBytes = 0; // encoded size of this page's response
};

struct PagedRangeOptions
{
    RangeOptions range;               // key/rangeEnd/keysOnly/serializable; limit and sort are managed
    qint64 targetPageBytes = 1 << 20; // pages aim at this encoded size, far below gRPC's 4 MiB default
    qint64 firstPageLimit = 0;        // 0: chosen from keysOnly
    // Requests kept in flight at most; how many are used follows the first page's answer time
    // (2 on loopback, more as the round trip grows). 1: one page at a time.
    int maxInFlight = 16;
    int fixedInFlight = 0; // > 0: exactly this many, whatever the round trip (tests, benchmarks)
    // Pages read ahead of the one being delivered wait in memory (a walk hands pages over in key
    // order); past this many bytes waiting, only the walk's head segment reads on, so a walk with
    // values holds about this much whatever the range's size. 0: no bound.
    qint64 maxBufferedBytes = 64 << 20;
};

struct PagedRangeSummary
{
    ResponseHeader header; // of the first page: its revision is the walk's revision
    qint64 keys = 0;
    qint64 bytes = 0; // sum of encoded response sizes
    int pages = 0;    // pages with keys, as handed to the caller
    int requests = 0; // range requests sent (probes that found no key count here only)
    int maxInFlight = 0; // the most requests that were in flight at once
    qint64 largestPageBytes = 0;
    qint64 peakBufferedBytes = 0; // the most page bytes that waited for earlier segments at once
    bool cancelled = false;
};

} // namespace etcd

Q_DECLARE_METATYPE(etcd::KeyValue)
Q_DECLARE_METATYPE(etcd::ResponseHeader)
