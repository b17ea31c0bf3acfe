// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/kv.h"

#include "client/convert.h"
#include "client/keyrange.h"
#include "client/pagedwalk.h"
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
    walk->start();
    return future;
}

} // namespace etcd
