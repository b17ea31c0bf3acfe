// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/maintenance.h"

#include "client/convert.h"

#include <mutex>

namespace etcd {

using namespace detail;

namespace {

EndpointStatus statusFromPb(const etcdserverpb::StatusResponse &r, const CallInfo &info)
{
    EndpointStatus s;
    s.endpoint = info.endpoint;
    s.latencyUs = info.latencyUs;
    s.header = fromPb(r.header());
    s.memberId = r.header().member_id();
    s.leaderId = r.leader();
    s.raftTerm = r.raftterm();
    s.raftIndex = r.raftindex();
    s.raftAppliedIndex = r.raftappliedindex();
    s.dbSize = r.dbsize();
    s.dbSizeInUse = r.dbsizeinuse();
    s.version = QString::fromStdString(r.version());
    for (const auto &e : r.errors())
        s.errors << QString::fromStdString(e);
    s.isLearner = r.islearner();
    return s;
}

void startStatus(const std::shared_ptr<Connection> &conn, int endpoint, int timeoutMs,
                 std::function<void(EndpointStatus)> done)
{
    auto req = std::make_shared<etcdserverpb::StatusRequest>();
    CallSpec spec;
    spec.name = "status";
    spec.endpoint = endpoint;
    spec.timeoutMs = timeoutMs;
    spec.retryUnavailable = false; // the answer is about this member: report it down, do not wait
    auto call = std::make_shared<UnaryCall<etcdserverpb::StatusResponse>>(
        conn, spec,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::StatusResponse *resp,
              std::function<void(grpc::Status)> cb) {
            ep.maintenance->async()->Status(ctx, req.get(), resp, std::move(cb));
        },
        [done = std::move(done)](EtcdResult<etcdserverpb::StatusResponse> r, CallInfo info) {
            if (r.ok()) {
                done(statusFromPb(r.value(), info));
            } else {
                EndpointStatus s;
                s.endpoint = info.endpoint;
                s.error = r.error();
                done(s);
            }
        });
    call->start();
}

AlarmList alarmsFromPb(const etcdserverpb::AlarmResponse &r, const CallInfo &)
{
    AlarmList out;
    out.header = fromPb(r.header());
    for (const auto &a : r.alarms())
        out.alarms.push_back(Alarm{a.memberid(), static_cast<AlarmType>(a.alarm())});
    return out;
}

} // namespace

QFuture<EtcdResult<EndpointStatus>> Maintenance::status(const QString &endpoint, int timeoutMs) const
{
    const int index = m_conn->indexOfEndpoint(endpoint);
    if (index < 0)
        return readyFuture<EndpointStatus>(
            EtcdError::invalidArgument(QStringLiteral("%1 is not one of this connection's endpoints").arg(endpoint)));
    auto promise = std::make_shared<QPromise<EtcdResult<EndpointStatus>>>();
    promise->start();
    startStatus(m_conn, index, timeoutMs, [promise](EndpointStatus s) {
        promise->addResult(s.ok() ? EtcdResult<EndpointStatus>(s) : EtcdResult<EndpointStatus>(s.error));
        promise->finish();
    });
    return promise->future();
}

QFuture<QVector<EndpointStatus>> Maintenance::statusAll(int timeoutMs) const
{
    struct Gather
    {
        std::mutex mutex;
        QVector<EndpointStatus> results;
        int remaining = 0;
        QPromise<QVector<EndpointStatus>> promise;
    };
    auto gather = std::make_shared<Gather>();
    gather->promise.start();
    const int n = m_conn->endpointCount();
    gather->results.resize(n);
    gather->remaining = n;
    QFuture<QVector<EndpointStatus>> future = gather->promise.future();
    if (n == 0 || m_conn->configError()) {
        gather->promise.addResult(gather->results);
        gather->promise.finish();
        return future;
    }
    for (int i = 0; i < n; ++i) {
        startStatus(m_conn, i, timeoutMs, [gather, i](EndpointStatus s) {
            std::lock_guard<std::mutex> lock(gather->mutex);
            gather->results[i] = std::move(s);
            if (--gather->remaining == 0) {
                gather->promise.addResult(gather->results);
                gather->promise.finish();
            }
        });
    }
    return future;
}

QFuture<EtcdResult<AlarmList>> Maintenance::alarms(const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::AlarmRequest>();
    req->set_action(etcdserverpb::AlarmRequest::GET);
    return this->call<etcdserverpb::AlarmResponse, AlarmList>(
        "alarm list", false, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::AlarmResponse *resp, auto done) {
            ep.maintenance->async()->Alarm(ctx, req.get(), resp, std::move(done));
        },
        alarmsFromPb);
}

QFuture<EtcdResult<AlarmList>> Maintenance::disarm(quint64 memberId, AlarmType type, const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::AlarmRequest>();
    req->set_action(etcdserverpb::AlarmRequest::DEACTIVATE);
    req->set_memberid(memberId);
    req->set_alarm(static_cast<etcdserverpb::AlarmType>(type));
    return this->call<etcdserverpb::AlarmResponse, AlarmList>(
        "alarm disarm", true, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::AlarmResponse *resp, auto done) {
            ep.maintenance->async()->Alarm(ctx, req.get(), resp, std::move(done));
        },
        alarmsFromPb);
}

QFuture<EtcdResult<ResponseHeader>> Maintenance::defragment(const QString &endpoint, int timeoutMs) const
{
    auto req = std::make_shared<etcdserverpb::DefragmentRequest>();
    return this->call<etcdserverpb::DefragmentResponse, ResponseHeader>(
        "defragment", true, CallOptions{timeoutMs, endpoint},
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::DefragmentResponse *resp, auto done) {
            ep.maintenance->async()->Defragment(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::DefragmentResponse &r, const CallInfo &) { return fromPb(r.header()); });
}

QFuture<EtcdResult<HashResult>> Maintenance::hash(const QString &endpoint) const
{
    auto req = std::make_shared<etcdserverpb::HashRequest>();
    return this->call<etcdserverpb::HashResponse, HashResult>(
        "hash", false, CallOptions{0, endpoint},
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::HashResponse *resp, auto done) {
            ep.maintenance->async()->Hash(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::HashResponse &r, const CallInfo &info) {
            return HashResult{info.endpoint, fromPb(r.header()), r.hash(), 0};
        });
}

QFuture<EtcdResult<HashResult>> Maintenance::hashKv(const QString &endpoint, qint64 revision) const
{
    auto req = std::make_shared<etcdserverpb::HashKVRequest>();
    req->set_revision(revision);
    return this->call<etcdserverpb::HashKVResponse, HashResult>(
        "hash kv", false, CallOptions{0, endpoint},
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::HashKVResponse *resp, auto done) {
            ep.maintenance->async()->HashKV(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::HashKVResponse &r, const CallInfo &info) {
            return HashResult{info.endpoint, fromPb(r.header()), r.hash(), r.compact_revision()};
        });
}

QFuture<EtcdResult<ResponseHeader>> Maintenance::moveLeader(quint64 targetMemberId, int timeoutMs) const
{
    if (m_conn->isReadOnly()) // refuse before anything is sent, even the status probe
        return readyFuture<ResponseHeader>(EtcdError::readOnlyRefusal(QStringLiteral("move leader")));
    auto promise = std::make_shared<QPromise<EtcdResult<ResponseHeader>>>();
    promise->start();
    auto conn = m_conn;
    auto finish = [promise](EtcdResult<ResponseHeader> r) {
        promise->addResult(std::move(r));
        promise->finish();
    };
    // Find the leader among our endpoints, then ask it to hand over.
    Maintenance(conn).statusAll(timeoutMs).then([conn, targetMemberId, timeoutMs, finish](QVector<EndpointStatus> all) {
        int leaderIndex = -1;
        for (const EndpointStatus &s : all)
            if (s.isLeader())
                leaderIndex = conn->indexOfEndpoint(s.endpoint);
        if (leaderIndex < 0)
            return finish(EtcdError::client(ErrorCode::Unavailable,
                                            QStringLiteral("move leader: the current leader is not reachable through "
                                                           "this connection's endpoints")));
        auto req = std::make_shared<etcdserverpb::MoveLeaderRequest>();
        req->set_targetid(targetMemberId);
        CallSpec spec;
        spec.name = "move leader";
        spec.write = true;
        spec.endpoint = leaderIndex;
        spec.timeoutMs = timeoutMs;
        startUnary<etcdserverpb::MoveLeaderResponse>(
            conn, spec,
            [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::MoveLeaderResponse *resp, auto done) {
                ep.maintenance->async()->MoveLeader(ctx, req.get(), resp, std::move(done));
            },
            [finish](EtcdResult<etcdserverpb::MoveLeaderResponse> r) {
                finish(r.ok() ? EtcdResult<ResponseHeader>(fromPb(r.value().header()))
                              : EtcdResult<ResponseHeader>(r.error()));
            });
    });
    return promise->future();
}

} // namespace etcd
