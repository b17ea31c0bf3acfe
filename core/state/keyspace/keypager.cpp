// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/keyspace/keypager.h"

#include "client/keyrange.h"
#include "state/operations/operationrunner.h"

#include <algorithm>

namespace etcd::detail {

KeyPager::KeyPager(Kv kv, Options options) : m_kv(std::move(kv)), m_options(std::move(options))
{
    m_cursor = m_options.key;
    m_limit = m_options.firstPageKeys > 0 ? m_options.firstPageKeys : (m_options.keysOnly ? 2000 : 64);
    m_limit = std::min(m_limit, m_options.maxPageKeys);
}

void KeyPager::rewind(const QByteArray &key)
{
    m_cursor = key;
    m_atEnd = false;
    m_ahead.reset(); // read before the caller's change: stale
}

RangeOptions KeyPager::requestAt(const QByteArray &cursor, QByteArray *probeEnd) const
{
    const bool first = m_firstRevision == 0;
    *probeEnd = m_options.rangeEnd;
    if (!first && !m_anchorLow.isEmpty()) {
        const QByteArray estimate = keyrange::estimateEnd(cursor, m_anchorLow, m_anchorHigh, m_anchorCount, m_limit);
        if (!estimate.isEmpty() && keyrange::isBefore(estimate, m_options.rangeEnd))
            *probeEnd = estimate;
        // An empty probe: keys read as numbers leave gaps (between "0019" and "002" nothing can be
        // found, yet the estimate only grows 4x per probe, a round trip each on a remote link).
        // Reach instead to the end of the subtree above the last key seen, one level higher per
        // empty probe: bounded by what that subtree holds, unlike an open end.
        if (m_emptyRun > 0 && !m_lastKey.isEmpty()) {
            int levels = m_emptyRun + 1; // the first subtree end usually closes only the gap itself
            for (qsizetype len = m_lastKey.size() - 1; len > m_options.key.size() && levels > 0; --len) {
                const QByteArray end = keyrange::prefixEnd(m_lastKey.left(len));
                if (end.isEmpty() || !keyrange::isBefore(cursor, end) || !keyrange::isBefore(*probeEnd, end))
                    continue;
                *probeEnd = end;
                --levels;
            }
            // Above the last key's subtrees: the rest of the range (one probe, usually the last).
            if (levels > 0 || !keyrange::isBefore(*probeEnd, m_options.rangeEnd))
                *probeEnd = m_options.rangeEnd;
        }
    }
    RangeOptions request = RangeOptions::range(cursor, *probeEnd);
    request.keysOnly = m_options.keysOnly;
    request.limit = m_limit;
    if (!first && m_options.pinRevision)
        request.revision = m_firstRevision;
    return request;
}

EtcdResult<QVector<KeyValue>> KeyPager::next()
{
    m_pageStart = m_cursor;
    while (!m_atEnd) {
        const bool first = m_firstRevision == 0;
        QByteArray probeEnd;
        QFuture<EtcdResult<RangeResult>> reply;
        if (m_ahead && m_ahead->from == m_cursor) {
            probeEnd = m_ahead->probeEnd;
            reply = m_ahead->future;
        } else {
            reply = m_kv.range(requestAt(m_cursor, &probeEnd));
        }
        m_ahead.reset();
        auto result = awaitResult(reply);
        if (!result.ok())
            return result.error();
        const RangeResult &page = result.value();
        if (first) {
            m_firstRevision = page.header.revision;
            m_total = page.count;
        }
        // The header names the store's current revision; a pinned page was read at the first one.
        m_lastRevision = m_options.pinRevision ? m_firstRevision : page.header.revision;

        const auto n = static_cast<qint64>(page.kvs.size());
        if (page.more && n > 0) {
            // The page filled up before the probe's end: continue after its last key.
            m_anchorLow = page.kvs.first().key;
            m_anchorHigh = page.kvs.last().key;
            m_anchorCount = n;
            m_cursor = keyrange::successor(m_anchorHigh);
        } else if (probeEnd != m_options.rangeEnd) {
            // Every key up to the probe's end came: continue there.
            m_anchorLow = m_cursor;
            m_anchorHigh = probeEnd;
            m_anchorCount = n;
            m_cursor = probeEnd;
        } else {
            m_atEnd = true;
        }
        m_emptyRun = n == 0 ? m_emptyRun + 1 : 0;
        if (n > 0)
            m_lastKey = page.kvs.last().key;
        if (n == 0)
            continue; // an empty probe: the next one reaches further
        qint64 bytes = 0;
        for (const KeyValue &kv : page.kvs)
            bytes += kv.key.size() + kv.value.size() + 48; // 48: the revisions, lease and framing
        const qint64 perKey = std::max<qint64>(1, bytes / n);
        m_limit = std::clamp<qint64>(m_options.targetPageBytes / perKey, 1,
                                     std::min<qint64>(m_limit * 8, m_options.maxPageKeys));
        if (m_options.readAhead && !m_atEnd) {
            Ahead ahead;
            ahead.from = m_cursor;
            ahead.future = m_kv.range(requestAt(m_cursor, &ahead.probeEnd));
            m_ahead = std::move(ahead);
        }
        return page.kvs;
    }
    return QVector<KeyValue>{};
}

} // namespace etcd::detail
