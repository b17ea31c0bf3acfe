// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/cluster.h"

#include "client/convert.h"

namespace etcd {

using namespace detail;

namespace {

Member fromPb(const etcdserverpb::Member &m)
{
    Member out;
    out.id = m.id();
    out.name = QString::fromStdString(m.name());
    for (const auto &u : m.peerurls())
        out.peerUrls << QString::fromStdString(u);
    for (const auto &u : m.clienturls())
        out.clientUrls << QString::fromStdString(u);
    out.isLearner = m.islearner();
    return out;
}

template<class Resp> MemberList memberListFrom(const Resp &r)
{
    MemberList out;
    out.header = detail::fromPb(r.header());
    for (const auto &m : r.members())
        out.members.push_back(fromPb(m));
    return out;
}

} // namespace

QFuture<EtcdResult<MemberList>> Cluster::memberList(const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::MemberListRequest>();
    return this->call<etcdserverpb::MemberListResponse, MemberList>(
        "member list", false, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::MemberListResponse *resp, auto done) {
            ep.cluster->async()->MemberList(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::MemberListResponse &r, const CallInfo &) { return memberListFrom(r); });
}

QFuture<EtcdResult<MemberAdded>> Cluster::memberAdd(const QStringList &peerUrls, bool asLearner,
                                                    const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::MemberAddRequest>();
    for (const QString &u : peerUrls)
        req->add_peerurls(u.toStdString());
    req->set_islearner(asLearner);
    return this->call<etcdserverpb::MemberAddResponse, MemberAdded>(
        "member add", true, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::MemberAddResponse *resp, auto done) {
            ep.cluster->async()->MemberAdd(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::MemberAddResponse &r, const CallInfo &) {
            MemberList list = memberListFrom(r);
            return MemberAdded{list.header, fromPb(r.member()), list.members};
        });
}

QFuture<EtcdResult<MemberList>> Cluster::memberRemove(quint64 memberId, const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::MemberRemoveRequest>();
    req->set_id(memberId);
    return this->call<etcdserverpb::MemberRemoveResponse, MemberList>(
        "member remove", true, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::MemberRemoveResponse *resp, auto done) {
            ep.cluster->async()->MemberRemove(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::MemberRemoveResponse &r, const CallInfo &) { return memberListFrom(r); });
}

QFuture<EtcdResult<MemberList>> Cluster::memberPromote(quint64 memberId, const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::MemberPromoteRequest>();
    req->set_id(memberId);
    return this->call<etcdserverpb::MemberPromoteResponse, MemberList>(
        "member promote", true, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::MemberPromoteResponse *resp, auto done) {
            ep.cluster->async()->MemberPromote(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::MemberPromoteResponse &r, const CallInfo &) { return memberListFrom(r); });
}

QFuture<EtcdResult<MemberList>> Cluster::memberUpdate(quint64 memberId, const QStringList &peerUrls,
                                                      const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::MemberUpdateRequest>();
    req->set_id(memberId);
    for (const QString &u : peerUrls)
        req->add_peerurls(u.toStdString());
    return this->call<etcdserverpb::MemberUpdateResponse, MemberList>(
        "member update", true, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::MemberUpdateResponse *resp, auto done) {
            ep.cluster->async()->MemberUpdate(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::MemberUpdateResponse &r, const CallInfo &) { return memberListFrom(r); });
}

} // namespace etcd
