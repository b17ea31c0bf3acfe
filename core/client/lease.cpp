// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/lease.h"

#include "client/convert.h"

namespace etcd {

using namespace detail;

QFuture<EtcdResult<LeaseGrant>> Lease::grant(qint64 ttlSeconds, qint64 id, const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::LeaseGrantRequest>();
    req->set_ttl(ttlSeconds);
    req->set_id(id);
    return this->call<etcdserverpb::LeaseGrantResponse, LeaseGrant>(
        "lease grant", true, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::LeaseGrantResponse *resp, auto done) {
            ep.lease->async()->LeaseGrant(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::LeaseGrantResponse &r, const CallInfo &) {
            return LeaseGrant{fromPb(r.header()), r.id(), r.ttl()};
        });
}

QFuture<EtcdResult<ResponseHeader>> Lease::revoke(qint64 id, const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::LeaseRevokeRequest>();
    req->set_id(id);
    return this->call<etcdserverpb::LeaseRevokeResponse, ResponseHeader>(
        "lease revoke", true, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::LeaseRevokeResponse *resp, auto done) {
            ep.lease->async()->LeaseRevoke(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::LeaseRevokeResponse &r, const CallInfo &) { return fromPb(r.header()); });
}

QFuture<EtcdResult<LeaseTimeToLive>> Lease::timeToLive(qint64 id, bool withKeys, const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::LeaseTimeToLiveRequest>();
    req->set_id(id);
    req->set_keys(withKeys);
    return this->call<etcdserverpb::LeaseTimeToLiveResponse, LeaseTimeToLive>(
        "lease time-to-live", false, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::LeaseTimeToLiveResponse *resp, auto done) {
            ep.lease->async()->LeaseTimeToLive(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::LeaseTimeToLiveResponse &r, const CallInfo &) {
            LeaseTimeToLive out;
            out.header = fromPb(r.header());
            out.id = r.id();
            out.ttl = r.ttl();
            out.grantedTtl = r.grantedttl();
            for (const auto &k : r.keys())
                out.keys.push_back(bytes(k));
            return out;
        });
}

QFuture<EtcdResult<LeaseList>> Lease::list(const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::LeaseLeasesRequest>();
    return this->call<etcdserverpb::LeaseLeasesResponse, LeaseList>(
        "lease list", false, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::LeaseLeasesResponse *resp, auto done) {
            ep.lease->async()->LeaseLeases(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::LeaseLeasesResponse &r, const CallInfo &) {
            LeaseList out;
            out.header = fromPb(r.header());
            for (const auto &l : r.leases())
                out.ids.push_back(l.id());
            return out;
        });
}

} // namespace etcd
