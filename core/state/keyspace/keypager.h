// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/kv.h"

#include <QByteArray>
#include <QVector>

#include <optional>

namespace etcd::detail {

// Reads a key range page by page, for an operation on a worker thread that acts on each page before
// it reads the next (Kv::pagedRange reads ahead of its consumer, which a delete or an export of a
// huge prefix must not do). Like pagedRange, every page after the first gets a range end estimated
// from the key density seen so far: etcd 3.4 collects the revision of every key up to range_end for
// a limited range, so open-ended pages would make a walk quadratic.
class KeyPager
{
public:
    struct Options
    {
        QByteArray key;
        QByteArray rangeEnd;
        bool keysOnly = false;
        bool pinRevision = true;          // every page at the first page's revision (one snapshot)
        qint64 targetPageBytes = 1 << 20; // pages aim at this response size...
        qint64 maxPageKeys = 10000;       // ...and at most this many keys
        qint64 firstPageKeys = 0;         // 0: 2 000 keys-only, 64 with values
        // Ask for the next page as soon as one arrives, while the caller works on it: on a remote
        // link each page then costs one round trip less. At most one page is read ahead, and a
        // rewind drops it.
        bool readAhead = true;
    };

    KeyPager(Kv kv, Options options);

    // The next page in key order; an empty page once the range is exhausted. Blocks (worker threads only).
    EtcdResult<QVector<KeyValue>> next();
    bool atEnd() const { return m_atEnd; }
    // Read again from `key` (a page whose write found it had changed).
    void rewind(const QByteArray &key);
    QByteArray pageStart() const { return m_pageStart; } // where the last page's request started

    qint64 firstRevision() const { return m_firstRevision; } // 0 before the first page
    qint64 lastRevision() const { return m_lastRevision; }   // revision of the last page read
    qint64 totalKeys() const { return m_total; }             // keys in the whole range at firstRevision()

private:
    RangeOptions requestAt(const QByteArray &cursor, QByteArray *probeEnd) const;

    Kv m_kv;
    Options m_options;
    QByteArray m_cursor; // start of the next request
    QByteArray m_pageStart;
    bool m_atEnd = false;
    qint64 m_limit = 0;
    qint64 m_firstRevision = 0;
    qint64 m_lastRevision = 0;
    qint64 m_total = 0;
    QByteArray m_anchorLow; // a key interval and how many keys it held: the density estimate
    QByteArray m_anchorHigh;
    qint64 m_anchorCount = 0;
    int m_emptyRun = 0;  // empty probes in a row
    QByteArray m_lastKey; // the last key any page held
    struct Ahead
    {
        QByteArray from; // the cursor it was asked at
        QByteArray probeEnd;
        QFuture<EtcdResult<RangeResult>> future;
    };
    std::optional<Ahead> m_ahead;
};

} // namespace etcd::detail
