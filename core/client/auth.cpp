#include "client/auth.h"

#include "client/convert.h"

namespace etcd {

using namespace detail;

namespace {

QStringList stringList(const google::protobuf::RepeatedPtrField<std::string> &items)
{
    QStringList out;
    for (const auto &s : items)
        out << QString::fromStdString(s);
    return out;
}

// Fallback for etcd 3.4: an unauthenticated user list works exactly when auth is disabled.
void probeAuthEnabled(const std::shared_ptr<Connection> &conn, int timeoutMs,
                      std::shared_ptr<QPromise<EtcdResult<AuthStatus>>> promise)
{
    auto req = std::make_shared<etcdserverpb::AuthUserListRequest>();
    CallSpec spec;
    spec.name = "auth status";
    spec.authenticate = false;
    spec.timeoutMs = timeoutMs;
    startUnary<etcdserverpb::AuthUserListResponse>(
        conn, spec,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::AuthUserListResponse *resp, auto done) {
            ep.auth->async()->UserList(ctx, req.get(), resp, std::move(done));
        },
        [promise](EtcdResult<etcdserverpb::AuthUserListResponse> r) {
            AuthStatus status;
            if (r.ok()) {
                status.header = fromPb(r.value().header());
                status.enabled = false;
                promise->addResult(status);
            } else if (r.error().message().contains(QLatin1String("user name is empty")) ||
                       r.error().isInvalidAuthToken() || r.error().isPermissionDenied()) {
                status.enabled = true;
                promise->addResult(status);
            } else {
                promise->addResult(r.error());
            }
            promise->finish();
        });
}

} // namespace

QFuture<EtcdResult<AuthStatus>> Auth::status(const CallOptions &call) const
{
    auto promise = std::make_shared<QPromise<EtcdResult<AuthStatus>>>();
    promise->start();
    EtcdError error;
    const CallSpec s = spec("auth status", false, call, &error);
    if (error)
        return readyFuture<AuthStatus>(error);
    auto req = std::make_shared<etcdserverpb::AuthStatusRequest>();
    auto conn = m_conn;
    const int timeoutMs = call.timeoutMs;
    startUnary<etcdserverpb::AuthStatusResponse>(
        m_conn, s,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::AuthStatusResponse *resp, auto done) {
            ep.auth->async()->AuthStatus(ctx, req.get(), resp, std::move(done));
        },
        [promise, conn, timeoutMs](EtcdResult<etcdserverpb::AuthStatusResponse> r) {
            if (!r.ok() && r.error().code() == ErrorCode::Unimplemented)
                return probeAuthEnabled(conn, timeoutMs, promise);
            if (r.ok())
                promise->addResult(
                    AuthStatus{fromPb(r.value().header()), r.value().enabled(), r.value().authrevision()});
            else
                promise->addResult(r.error());
            promise->finish();
        });
    return promise->future();
}

QFuture<EtcdResult<QStringList>> Auth::users(const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::AuthUserListRequest>();
    return this->call<etcdserverpb::AuthUserListResponse, QStringList>(
        "user list", false, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::AuthUserListResponse *resp, auto done) {
            ep.auth->async()->UserList(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::AuthUserListResponse &r, const CallInfo &) { return stringList(r.users()); });
}

QFuture<EtcdResult<QStringList>> Auth::roles(const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::AuthRoleListRequest>();
    return this->call<etcdserverpb::AuthRoleListResponse, QStringList>(
        "role list", false, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::AuthRoleListResponse *resp, auto done) {
            ep.auth->async()->RoleList(ctx, req.get(), resp, std::move(done));
        },
        [](const etcdserverpb::AuthRoleListResponse &r, const CallInfo &) { return stringList(r.roles()); });
}

QFuture<EtcdResult<UserInfo>> Auth::user(const QString &name, const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::AuthUserGetRequest>();
    req->set_name(name.toStdString());
    return this->call<etcdserverpb::AuthUserGetResponse, UserInfo>(
        "user get", false, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::AuthUserGetResponse *resp, auto done) {
            ep.auth->async()->UserGet(ctx, req.get(), resp, std::move(done));
        },
        [name](const etcdserverpb::AuthUserGetResponse &r, const CallInfo &) {
            return UserInfo{name, stringList(r.roles())};
        });
}

QFuture<EtcdResult<RoleInfo>> Auth::role(const QString &name, const CallOptions &call) const
{
    auto req = std::make_shared<etcdserverpb::AuthRoleGetRequest>();
    req->set_role(name.toStdString());
    return this->call<etcdserverpb::AuthRoleGetResponse, RoleInfo>(
        "role get", false, call,
        [req](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::AuthRoleGetResponse *resp, auto done) {
            ep.auth->async()->RoleGet(ctx, req.get(), resp, std::move(done));
        },
        [name](const etcdserverpb::AuthRoleGetResponse &r, const CallInfo &) {
            RoleInfo info;
            info.name = name;
            for (const auto &p : r.perm())
                info.permissions.push_back(
                    Permission{static_cast<Permission::Type>(p.permtype()), bytes(p.key()), bytes(p.range_end())});
            return info;
        });
}

} // namespace etcd
