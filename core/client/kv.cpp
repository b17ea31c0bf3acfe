// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/kv.h"

#include "client/convert.h"
#include "client/keyrange.h"
#include "client/threadsink.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>

namespace etcd {

using namespace detail;

QFuture<EtcdResult<RangeResult>> Kv::range(const RangeOptions &options, const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::RangeRequest>();
    toPb(options, req.get());
    return this->call<etcdserverpb::RangeResponse, RangeResult>(
        "range", false, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::RangeResponse *resp, auto done) {
            ep.kv->async()->Range(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::RangeResponse &r, const CallInfo &) { return fromPb(r); },
        describeKeys(options.key, options.rangeEnd));
}

QFuture<EtcdResult<RangeResult>> Kv::get(const QByteArray &key, const CallOptions &call) const
{
    return range(RangeOptions::single(key), call);
}

QFuture<EtcdResult<PutResult>> Kv::put(const QByteArray &key, const QByteArray &value, const PutOptions &options,
                                       const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::PutRequest>();
    toPb(key, value, options, req.get());
    return this->call<etcdserverpb::PutResponse, PutResult>(
        "put", true, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::PutResponse *resp, auto done) {
            ep.kv->async()->Put(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::PutResponse &r, const CallInfo &) { return fromPb(r); }, describeKeys(key, {}));
}

QFuture<EtcdResult<DeleteResult>> Kv::deleteRange(const DeleteOptions &options, const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::DeleteRangeRequest>();
    toPb(options, req.get());
    return this->call<etcdserverpb::DeleteRangeResponse, DeleteResult>(
        "delete", true, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::DeleteRangeResponse *resp, auto done) {
            ep.kv->async()->DeleteRange(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::DeleteRangeResponse &r, const CallInfo &) { return fromPb(r); },
        describeKeys(options.key, options.rangeEnd));
}

QFuture<EtcdResult<TxnResult>> Kv::txn(const TxnSpec &spec, const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::TxnRequest>();
    toPb(spec, req.get());
    return this->call<etcdserverpb::TxnResponse, TxnResult>(
        "transaction", spec.writes(), call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::TxnResponse *resp, auto done) {
            ep.kv->async()->Txn(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::TxnResponse &r, const CallInfo &) { return fromPb(r); });
}

QFuture<EtcdResult<ResponseHeader>> Kv::compact(qint64 revision, bool physical, const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::CompactionRequest>();
    req->set_revision(revision);
    req->set_physical(physical);
    return this->call<etcdserverpb::CompactionResponse, ResponseHeader>(
        "compact", true, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::CompactionResponse *resp, auto done) {
            ep.kv->async()->Compact(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::CompactionResponse &r, const CallInfo &) { return fromPb(r.header()); });
}

namespace {

// One paged walk: requests the next page as soon as the previous one arrived, on gRPC threads,
// and hands each converted page to the consumer's thread.
class PagedWalk : public std::enable_shared_from_this<PagedWalk>
{
public:
    PagedWalk(std::shared_ptr<Connection> conn, CallSpec spec, PagedRangeOptions options, ThreadSink sink,
              Kv::PageHandler handler)
        : m_conn(std::move(conn)), m_spec(spec), m_options(std::move(options)), m_sink(std::move(sink)),
          m_handler(std::move(handler))
    {
        m_limit = m_options.firstPageLimit > 0 ? m_options.firstPageLimit : (m_options.range.keysOnly ? 2000 : 64);
        m_promise.start();
    }

    QFuture<EtcdResult<PagedRangeSummary>> future() { return m_promise.future(); }

    void request(const QByteArray &fromKey, int index = 0)
    {
        if (m_promise.isCanceled()) {
            m_summary.cancelled = true;
            return finish(m_summary);
        }
        auto req = std::make_shared<etcdserverpb::RangeRequest>();
        RangeOptions page = m_options.range;
        page.key = fromKey;
        page.limit = m_limit;
        // etcd 3.4 walks its whole index from `key` to `range_end` for every limited range, so
        // open-ended pages would cost O(keys left) each, O(n^2) for the walk. After the first page,
        // each page gets an end estimated from how densely the keys came so far (see keyrange).
        m_from = fromKey;
        m_probeEnd = m_options.range.rangeEnd;
        if (index > 0 && !m_anchorLow.isEmpty()) {
            const QByteArray estimate =
                keyrange::estimateEnd(fromKey, m_anchorLow, m_anchorHigh, m_anchorCount, m_limit);
            if (!estimate.isEmpty() && keyrange::isBefore(estimate, m_options.range.rangeEnd))
                m_probeEnd = estimate;
        }
        page.rangeEnd = m_probeEnd;
        page.revision = index == 0 ? m_options.range.revision : m_summary.header.revision;
        // Later pages read at the walk's revision, which MVCC keeps consistent on any member that
        // has applied it: no raft read-index round per page. A member that has not (after a
        // failover) says "future revision", and that page is read the linearizable way instead.
        if (index > 0 && !m_linearizableRetry)
            page.serializable = true;
        m_linearizableRetry = false;
        page.sortOrder = SortOrder::None; // key order, which paging relies on
        page.countOnly = false;
        toPb(page, req.get());
        auto self = shared_from_this();
        startUnary<etcdserverpb::RangeResponse>(
            m_conn, m_spec,
            [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::RangeResponse *resp, auto done) {
                ep.kv->async()->Range(ctx, req.get(), resp, std::move(done));
            },
            [self, index](EtcdResult<etcdserverpb::RangeResponse> r) { self->received(std::move(r), index); });
    }

private:
    void received(EtcdResult<etcdserverpb::RangeResponse> result, int index)
    {
        if (!result.ok() && result.error().isFutureRevision() && index > 0 && !m_linearizableRetry) {
            m_linearizableRetry = true;
            return request(m_from, index);
        }
        if (!result.ok())
            return finish(result.error());
        const etcdserverpb::RangeResponse &resp = result.value();

        // 1. Plan the next request. (The next answer cannot arrive before that request is sent.)
        if (index == 0) {
            m_summary.header = fromPb(resp.header());
            m_total = resp.count();
        }
        ++m_summary.requests;
        const int n = resp.kvs_size();
        const auto responseBytes = static_cast<qint64>(resp.ByteSizeLong());
        const bool whole = m_probeEnd == m_options.range.rangeEnd; // this request reached the end
        QByteArray next;
        if (resp.more() && n > 0) {
            // The page filled up before the probe's end: continue after its last key.
            m_anchorLow = bytes(resp.kvs(0).key());
            m_anchorHigh = bytes(resp.kvs(n - 1).key());
            m_anchorCount = n;
            next = keyrange::successor(m_anchorHigh);
        } else if (!whole) {
            // Every key up to the probe's end came: continue there.
            m_anchorLow = m_from;
            m_anchorHigh = m_probeEnd;
            m_anchorCount = n;
            next = m_probeEnd;
        }
        if (n > 0) {
            // Aim the next page at the target size, growing at most 8x per page.
            const qint64 perKey = std::max<qint64>(1, responseBytes / n);
            m_limit = std::clamp<qint64>(m_options.targetPageBytes / perKey, 1, std::min<qint64>(m_limit * 8, 100000));
        }

        // 2. Ask for the next page now: etcd works on it while this one is converted here.
        const bool last = next.isEmpty();
        if (!last)
            request(next, index + 1);

        // 3. Convert this page.
        RangePage page;
        page.responseBytes = responseBytes;
        page.kvs.reserve(n);
        for (const auto &kv : resp.kvs())
            page.kvs.push_back(fromPb(kv));

        // 4. Hand pages over in order: a later page waits until this one has been posted.
        std::unique_lock<std::mutex> lock(m_orderMutex);
        m_ordered.wait(lock, [&] { return m_handedOver == index; });
        m_summary.keys += n;
        m_summary.bytes += responseBytes;
        m_summary.largestPageBytes = std::max(m_summary.largestPageBytes, responseBytes);
        if (n > 0) {
            page.revision = m_summary.header.revision;
            page.index = m_summary.pages++;
            page.keysSoFar = m_summary.keys;
            page.totalKeys = m_total;
            if (m_handler) {
                auto handler = m_handler;
                m_sink.post([handler, page = std::move(page)] { handler(page); });
            }
        }
        m_handedOver = index + 1;
        m_ordered.notify_all();
        if (last)
            finish(m_summary);
    }

    void finish(EtcdResult<PagedRangeSummary> result)
    {
        m_promise.addResult(std::move(result));
        m_promise.finish();
    }

    std::shared_ptr<Connection> m_conn;
    CallSpec m_spec;
    PagedRangeOptions m_options;
    ThreadSink m_sink;
    Kv::PageHandler m_handler;
    QPromise<EtcdResult<PagedRangeSummary>> m_promise;
    PagedRangeSummary m_summary;
    qint64 m_limit = 0;
    qint64 m_total = 0;
    std::mutex m_orderMutex;
    std::condition_variable m_ordered;
    int m_handedOver = 0;             // pages (responses) handed to the caller so far
    bool m_linearizableRetry = false; // the next request repeats a page a lagging member refused
    QByteArray m_from;                // start of the request in flight
    QByteArray m_probeEnd;            // its range end
    QByteArray m_anchorLow;           // a key interval and how many keys it held: the density estimate
    QByteArray m_anchorHigh;
    qint64 m_anchorCount = 0;
};

} // namespace

QFuture<EtcdResult<PagedRangeSummary>> Kv::pagedRange(const PagedRangeOptions &options, QObject *context,
                                                      PageHandler onPage, const CallOptions &call) const
{
    EtcdError error;
    CallSpec s = spec("paged range", false, call, &error);
    if (error)
        return readyFuture<PagedRangeSummary>(error);
    s.keys = describeKeys(options.range.key, options.range.rangeEnd);
    auto walk = std::make_shared<PagedWalk>(m_conn, s, options, ThreadSink(context), std::move(onPage));
    auto future = walk->future();
    walk->request(options.range.key);
    return future;
}

} // namespace etcd
