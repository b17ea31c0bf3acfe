// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/pagedwalk.h"

#include "client/convert.h"
#include "client/keyrange.h"

#include <algorithm>

namespace etcd::detail {

namespace {

// One more request in flight per this many milliseconds of the first page's answer time: on
// loopback (a few ms) two, over a 50 ms round trip about eight.
constexpr qint64 kMsPerExtraRequest = 7;

} // namespace

PagedWalk::PagedWalk(std::shared_ptr<Connection> conn, CallSpec spec, PagedRangeOptions options, ThreadSink sink,
                     Kv::PageHandler handler)
    : m_conn(std::move(conn)), m_spec(spec), m_options(std::move(options)), m_sink(std::move(sink)),
      m_handler(std::move(handler))
{
    const RangeOptions &r = m_options.range;
    m_base = r.rangeEnd == keyrange::fromKeyEnd() ? QByteArray() : keyrange::commonPrefix(r.key, r.rangeEnd);
    Segment first;
    first.id = m_nextId++;
    first.start = r.key;
    first.from = r.key;
    first.end = r.rangeEnd;
    first.limit = m_options.firstPageLimit > 0 ? m_options.firstPageLimit : (r.keysOnly ? 2000 : 64);
    m_segments.push_back(first);
    m_promise.start();
}

void PagedWalk::start()
{
    std::vector<Request> out;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        out.push_back(prepare(m_segments.front()));
        m_firstSent.start();
    }
    send(out);
}

PagedWalk::Segment *PagedWalk::segment(int id)
{
    for (Segment &s : m_segments)
        if (s.id == id)
            return &s;
    return nullptr;
}

PagedWalk::Request PagedWalk::prepare(Segment &s)
{
    auto req = std::make_shared<etcdserverpb::RangeRequest>();
    RangeOptions page = m_options.range;
    page.key = s.from;
    page.limit = s.limit;
    // etcd 3.4 walks its whole index from `key` to `range_end` for every limited range, so
    // open-ended pages would cost O(keys left) each, O(n^2) for the walk. Each page gets an end
    // estimated from how densely the keys came so far (see keyrange), within its segment.
    s.probeEnd = s.end;
    if (!s.anchorLow.isEmpty()) {
        const QByteArray estimate = keyrange::estimateEnd(s.from, s.anchorLow, s.anchorHigh, s.anchorCount, s.limit);
        if (!estimate.isEmpty() && keyrange::isBefore(estimate, s.end))
            s.probeEnd = estimate;
        // A long empty stretch (the estimate grows 4x per empty probe, which from a dense cluster
        // deep in the key bytes takes dozens of probes): halve what is left of the segment instead.
        if (s.emptyRun >= 3) {
            const QByteArray half = keyrange::midpoint(s.from, s.end);
            if (!half.isEmpty() && s.probeEnd < half)
                s.probeEnd = half;
        }
    }
    page.rangeEnd = s.probeEnd;
    // Pages after the first read at the walk's revision, which MVCC keeps consistent on any member
    // that has applied it: no raft read-index round per page. A member that has not (after a
    // failover) says "future revision", and that page is read the linearizable way instead.
    page.revision = m_revision > 0 ? m_revision : m_options.range.revision;
    page.serializable = m_options.range.serializable || (m_revision > 0 && !s.linearizableRetry);
    s.linearizableRetry = false;
    page.sortOrder = SortOrder::None; // key order, which paging relies on
    page.countOnly = false;
    toPb(page, req.get());
    s.inFlight = true;
    ++m_inFlight;
    m_summary.maxInFlight = std::max(m_summary.maxInFlight, m_inFlight);
    return {s.id, req};
}

void PagedWalk::send(const std::vector<Request> &requests)
{
    // Outside the lock: gRPC may complete a call inline, inside the call that starts it.
    for (const Request &r : requests) {
        auto self = shared_from_this();
        const int id = r.segment;
        auto req = r.request;
        startUnary<etcdserverpb::RangeResponse>(
            m_conn, m_spec,
            [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::RangeResponse *resp, auto done) {
                ep.kv->async()->Range(ctx, req.get(), resp, std::move(done));
            },
            [self, id](EtcdResult<etcdserverpb::RangeResponse> result) { self->received(id, std::move(result)); });
    }
}

void PagedWalk::received(int segmentId, EtcdResult<etcdserverpb::RangeResponse> result)
{
    std::vector<Request> next;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        --m_inFlight;
        Segment *s = segment(segmentId);
        if (m_finished || !s)
            return;
        s->inFlight = false;
        if (m_promise.isCanceled()) {
            m_summary.cancelled = true;
            finish(m_summary); // answers still on their way are dropped
            return;
        }
        if (!result.ok() && result.error().isFutureRevision() && m_revision > 0 && !s->linearizableRetry) {
            s->linearizableRetry = true;
            next.push_back(prepare(*s));
        } else if (!result.ok()) {
            finish(result.error());
            return;
        } else {
            const etcdserverpb::RangeResponse &resp = result.value();
            if (m_revision == 0) {
                m_summary.header = fromPb(resp.header());
                m_revision = m_summary.header.revision;
                m_total = resp.count();
                const qint64 ms = m_firstSent.elapsed();
                m_wanted = int(std::min<qint64>(2 + ms / kMsPerExtraRequest, std::max(1, m_options.maxInFlight)));
                if (m_options.fixedInFlight > 0)
                    m_wanted = m_options.fixedInFlight;
            }
            ++m_summary.requests;
            const int n = resp.kvs_size();
            const auto responseBytes = static_cast<qint64>(resp.ByteSizeLong());
            const bool whole = s->probeEnd == s->end; // this request reached the segment's end
            s->lastPageFull = resp.more() && n > 0;
            s->emptyRun = n == 0 ? s->emptyRun + 1 : 0;
            if (resp.more() && n > 0) {
                // The page filled up before the probe's end: continue after its last key.
                s->anchorLow = bytes(resp.kvs(0).key());
                s->anchorHigh = bytes(resp.kvs(n - 1).key());
                s->anchorCount = n;
                s->from = keyrange::successor(s->anchorHigh);
            } else if (!whole) {
                // Every key up to the probe's end came: continue there.
                s->anchorLow = s->from;
                s->anchorHigh = s->probeEnd;
                s->anchorCount = n;
                s->from = s->probeEnd;
            } else {
                s->done = true;
            }
            if (n > 0) {
                // Aim the next page at the target size, growing at most 8x per page.
                const qint64 perKey = std::max<qint64>(1, responseBytes / n);
                s->limit =
                    std::clamp<qint64>(m_options.targetPageBytes / perKey, 1, std::min<qint64>(s->limit * 8, 100000));
                RangePage page;
                page.responseBytes = responseBytes;
                page.kvs.reserve(n);
                for (const auto &kv : resp.kvs())
                    page.kvs.push_back(fromPb(kv));
                m_summary.bytes += responseBytes;
                m_summary.largestPageBytes = std::max(m_summary.largestPageBytes, responseBytes);
                m_buffered += responseBytes;
                m_summary.peakBufferedBytes = std::max(m_summary.peakBufferedBytes, m_buffered);
                s->waiting.push_back(std::move(page));
            }
            deliver();
            if (m_finished)
                return;
            resume(&next); // this segment, and any parked one the delivery made room for
            std::vector<Request> more = fill();
            next.insert(next.end(), more.begin(), more.end());
        }
    }
    send(next);
}

void PagedWalk::deliver()
{
    while (!m_segments.empty()) {
        Segment &head = m_segments.front();
        for (RangePage &page : head.waiting) {
            m_buffered -= page.responseBytes;
            m_summary.keys += page.kvs.size();
            page.revision = m_revision;
            page.index = m_summary.pages++;
            page.keysSoFar = m_summary.keys;
            page.totalKeys = m_total;
            if (m_handler) {
                auto handler = m_handler;
                m_sink.post([handler, page = std::move(page)] { handler(page); });
            }
        }
        head.waiting.clear();
        if (!head.done || head.inFlight)
            return;
        m_segments.erase(m_segments.begin());
    }
    finish(m_summary);
}

std::vector<PagedWalk::Request> PagedWalk::fill()
{
    std::vector<Request> out;
    while (m_inFlight < m_wanted && !overBudget() && splitWidest(&out)) {
    }
    return out;
}

bool PagedWalk::overBudget() const
{
    return m_options.maxBufferedBytes > 0 && m_buffered > m_options.maxBufferedBytes;
}

void PagedWalk::resume(std::vector<Request> *out)
{
    // The head always reads on (its pages go straight to the consumer); the others only while the
    // pages waiting behind the head stay within the budget.
    for (size_t i = 0; i < m_segments.size(); ++i) {
        Segment &s = m_segments[i];
        if (s.done || s.inFlight)
            continue;
        if (i > 0 && overBudget())
            break;
        out->push_back(prepare(s));
    }
}

bool PagedWalk::splitWidest(std::vector<Request> *out)
{
    // The widest part nobody has asked for yet: above the in-flight request of a segment.
    int best = -1;
    double bestWidth = 0;
    for (int i = 0; i < int(m_segments.size()); ++i) {
        const Segment &s = m_segments[size_t(i)];
        // Only where keys come in full pages: splitting empty stretches would only add requests.
        if (s.done || !s.lastPageFull)
            continue;
        const QByteArray &from = s.inFlight ? s.probeEnd : s.from;
        const double w = keyrange::width(from, s.end, m_base);
        if (w <= bestWidth)
            continue;
        // Not worth a segment when the keys seen so far say one page covers the rest.
        if (!s.anchorLow.isEmpty() && s.anchorCount > 0) {
            const double seen = keyrange::width(s.anchorLow, keyrange::successor(s.anchorHigh), m_base);
            if (seen > 0 && w / seen * double(s.anchorCount) < double(s.limit))
                continue;
        }
        best = i;
        bestWidth = w;
    }
    if (best < 0)
        return false;
    Segment &parent = m_segments[size_t(best)];
    const QByteArray from = parent.inFlight ? parent.probeEnd : parent.from;
    const QByteArray mid = keyrange::midpoint(from, parent.end);
    if (mid.isEmpty())
        return false;
    Segment child;
    child.id = m_nextId++;
    child.start = mid;
    child.from = mid;
    child.end = parent.end;
    child.limit = parent.limit;
    // No density estimate yet: its first request runs to its end, which the split bounds.
    parent.end = mid;
    const bool parentIdle = !parent.inFlight;
    const int parentId = parent.id;
    auto at = m_segments.insert(m_segments.begin() + best + 1, std::move(child));
    out->push_back(prepare(*at));
    if (parentIdle)
        out->push_back(prepare(*segment(parentId)));
    return true;
}

void PagedWalk::finish(EtcdResult<PagedRangeSummary> result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_promise.addResult(std::move(result));
    m_promise.finish();
}

} // namespace etcd::detail
