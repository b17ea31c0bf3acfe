#include "client/kv.h"

#include "client/convert.h"
#include "client/keyrange.h"
#include "client/threadsink.h"

#include <algorithm>

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
        [](const etcdserverpb::RangeResponse &r, const CallInfo &) { return fromPb(r); });
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
        [](const etcdserverpb::PutResponse &r, const CallInfo &) { return fromPb(r); });
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
        [](const etcdserverpb::DeleteRangeResponse &r, const CallInfo &) { return fromPb(r); });
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

    void request(const QByteArray &fromKey)
    {
        if (m_promise.isCanceled()) {
            m_summary.cancelled = true;
            return finish(m_summary);
        }
        auto req = std::make_shared<etcdserverpb::RangeRequest>();
        RangeOptions page = m_options.range;
        page.key = fromKey;
        page.limit = m_limit;
        page.revision = m_summary.pages == 0 ? m_options.range.revision : m_summary.header.revision;
        page.sortOrder = SortOrder::None; // key order, which paging relies on
        page.countOnly = false;
        toPb(page, req.get());
        auto self = shared_from_this();
        startUnary<etcdserverpb::RangeResponse>(
            m_conn, m_spec,
            [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::RangeResponse *resp, auto done) {
                ep.kv->async()->Range(ctx, req.get(), resp, std::move(done));
            },
            [self](EtcdResult<etcdserverpb::RangeResponse> r) { self->received(std::move(r)); });
    }

private:
    void received(EtcdResult<etcdserverpb::RangeResponse> result)
    {
        if (!result.ok())
            return finish(result.error());
        const etcdserverpb::RangeResponse &resp = result.value();
        RangePage page;
        page.responseBytes = static_cast<qint64>(resp.ByteSizeLong());
        if (m_summary.pages == 0) {
            m_summary.header = fromPb(resp.header());
            m_total = resp.count();
        }
        page.kvs.reserve(resp.kvs_size());
        for (const auto &kv : resp.kvs())
            page.kvs.push_back(fromPb(kv));
        page.revision = m_summary.header.revision;
        page.index = m_summary.pages;
        m_summary.keys += page.kvs.size();
        m_summary.bytes += page.responseBytes;
        m_summary.largestPageBytes = std::max(m_summary.largestPageBytes, page.responseBytes);
        ++m_summary.pages;
        page.keysSoFar = m_summary.keys;
        page.totalKeys = m_total;

        const QByteArray next = page.kvs.isEmpty() ? QByteArray() : keyrange::successor(page.kvs.constLast().key);
        const auto n = static_cast<qint64>(page.kvs.size());
        if (n > 0) {
            // Aim the next page at the target size, growing at most 8x per page.
            const qint64 perKey = std::max<qint64>(1, page.responseBytes / n);
            m_limit = std::clamp<qint64>(m_options.targetPageBytes / perKey, 1, std::min<qint64>(m_limit * 8, 100000));
        }
        if (m_handler) {
            auto handler = m_handler;
            m_sink.post([handler, page = std::move(page)] { handler(page); });
        }
        if (!resp.more() || n == 0)
            return finish(m_summary);
        request(next);
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
};

} // namespace

QFuture<EtcdResult<PagedRangeSummary>> Kv::pagedRange(const PagedRangeOptions &options, QObject *context,
                                                      PageHandler onPage, const CallOptions &call) const
{
    EtcdError error;
    const CallSpec s = spec("paged range", false, call, &error);
    if (error)
        return readyFuture<PagedRangeSummary>(error);
    auto walk = std::make_shared<PagedWalk>(m_conn, s, options, ThreadSink(context), std::move(onPage));
    auto future = walk->future();
    walk->request(options.range.key);
    return future;
}

} // namespace etcd
