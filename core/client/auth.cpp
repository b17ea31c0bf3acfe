// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

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
            } else if (r.error().isUserNameEmpty() ||
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

namespace etcd {

template<class Resp, class Req, class Rpc>
QFuture<EtcdResult<ResponseHeader>> Auth::change(const char *name, std::shared_ptr<Req> request,
                                                 const CallOptions &call, Rpc rpc, bool resetSignIn) const
{
    auto conn = m_conn;
    return this->call<Resp, ResponseHeader>(
        name, true, call,
        [request, rpc](Endpoint &ep, grpc::ClientContext *ctx, Resp *resp, auto done) {
            rpc(ep.auth->async(), ctx, request.get(), resp, std::move(done));
        },
        [conn, resetSignIn](const Resp &r, const CallInfo &) {
            // Still on the gRPC thread, before the caller hears of it: its next call signs in afresh.
            if (resetSignIn)
                conn->resetSignIn();
            return fromPb(r.header());
        });
}

namespace {

QFuture<EtcdResult<ResponseHeader>> refused(const QString &why)
{
    return readyFuture<ResponseHeader>(EtcdError::invalidArgument(why));
}

} // namespace

QFuture<EtcdResult<ResponseHeader>> Auth::enable(const CallOptions &call) const
{
    return change<etcdserverpb::AuthEnableResponse>(
        "auth enable", std::make_shared<etcdserverpb::AuthEnableRequest>(), call,
        [](auto *stub, auto *ctx, auto *req, auto *resp, auto done) { stub->AuthEnable(ctx, req, resp, std::move(done)); },
        true);
}

QFuture<EtcdResult<ResponseHeader>> Auth::disable(const CallOptions &call) const
{
    return change<etcdserverpb::AuthDisableResponse>(
        "auth disable", std::make_shared<etcdserverpb::AuthDisableRequest>(), call,
        [](auto *stub, auto *ctx, auto *req, auto *resp, auto done) { stub->AuthDisable(ctx, req, resp, std::move(done)); },
        true);
}

QFuture<EtcdResult<ResponseHeader>> Auth::addUser(const QString &name, const QString &password,
                                                  const CallOptions &call) const
{
    if (name.isEmpty())
        return refused(QStringLiteral("a user needs a name"));
    auto req = std::make_shared<etcdserverpb::AuthUserAddRequest>();
    req->set_name(name.toStdString());
    if (password.isEmpty())
        req->mutable_options()->set_no_password(true);
    else
        req->set_password(password.toStdString());
    return change<etcdserverpb::AuthUserAddResponse>(
        "user add", req, call,
        [](auto *stub, auto *ctx, auto *r, auto *resp, auto done) { stub->UserAdd(ctx, r, resp, std::move(done)); });
}

QFuture<EtcdResult<ResponseHeader>> Auth::deleteUser(const QString &name, const CallOptions &call) const
{
    if (name.isEmpty())
        return refused(QStringLiteral("no user name given"));
    auto req = std::make_shared<etcdserverpb::AuthUserDeleteRequest>();
    req->set_name(name.toStdString());
    return change<etcdserverpb::AuthUserDeleteResponse>(
        "user delete", req, call,
        [](auto *stub, auto *ctx, auto *r, auto *resp, auto done) { stub->UserDelete(ctx, r, resp, std::move(done)); });
}

QFuture<EtcdResult<ResponseHeader>> Auth::changePassword(const QString &name, const QString &password,
                                                         const CallOptions &call) const
{
    if (name.isEmpty())
        return refused(QStringLiteral("no user name given"));
    if (password.isEmpty())
        return refused(QStringLiteral("the new password is empty"));
    auto req = std::make_shared<etcdserverpb::AuthUserChangePasswordRequest>();
    req->set_name(name.toStdString());
    req->set_password(password.toStdString());
    return change<etcdserverpb::AuthUserChangePasswordResponse>(
        "user change password", req, call, [](auto *stub, auto *ctx, auto *r, auto *resp, auto done) {
            stub->UserChangePassword(ctx, r, resp, std::move(done));
        });
}

QFuture<EtcdResult<ResponseHeader>> Auth::grantRole(const QString &user, const QString &role,
                                                    const CallOptions &call) const
{
    if (user.isEmpty() || role.isEmpty())
        return refused(QStringLiteral("granting a role needs a user name and a role name"));
    auto req = std::make_shared<etcdserverpb::AuthUserGrantRoleRequest>();
    req->set_user(user.toStdString());
    req->set_role(role.toStdString());
    return change<etcdserverpb::AuthUserGrantRoleResponse>(
        "user grant role", req, call,
        [](auto *stub, auto *ctx, auto *r, auto *resp, auto done) { stub->UserGrantRole(ctx, r, resp, std::move(done)); });
}

QFuture<EtcdResult<ResponseHeader>> Auth::revokeRole(const QString &user, const QString &role,
                                                     const CallOptions &call) const
{
    if (user.isEmpty() || role.isEmpty())
        return refused(QStringLiteral("revoking a role needs a user name and a role name"));
    auto req = std::make_shared<etcdserverpb::AuthUserRevokeRoleRequest>();
    req->set_name(user.toStdString());
    req->set_role(role.toStdString());
    return change<etcdserverpb::AuthUserRevokeRoleResponse>(
        "user revoke role", req, call,
        [](auto *stub, auto *ctx, auto *r, auto *resp, auto done) { stub->UserRevokeRole(ctx, r, resp, std::move(done)); });
}

QFuture<EtcdResult<ResponseHeader>> Auth::addRole(const QString &name, const CallOptions &call) const
{
    if (name.isEmpty())
        return refused(QStringLiteral("a role needs a name"));
    auto req = std::make_shared<etcdserverpb::AuthRoleAddRequest>();
    req->set_name(name.toStdString());
    return change<etcdserverpb::AuthRoleAddResponse>(
        "role add", req, call,
        [](auto *stub, auto *ctx, auto *r, auto *resp, auto done) { stub->RoleAdd(ctx, r, resp, std::move(done)); });
}

QFuture<EtcdResult<ResponseHeader>> Auth::deleteRole(const QString &name, const CallOptions &call) const
{
    if (name.isEmpty())
        return refused(QStringLiteral("no role name given"));
    auto req = std::make_shared<etcdserverpb::AuthRoleDeleteRequest>();
    req->set_role(name.toStdString());
    return change<etcdserverpb::AuthRoleDeleteResponse>(
        "role delete", req, call,
        [](auto *stub, auto *ctx, auto *r, auto *resp, auto done) { stub->RoleDelete(ctx, r, resp, std::move(done)); });
}

QFuture<EtcdResult<ResponseHeader>> Auth::grantPermission(const QString &role, const Permission &permission,
                                                          const CallOptions &call) const
{
    if (role.isEmpty())
        return refused(QStringLiteral("no role name given"));
    if (permission.key.isEmpty())
        return refused(QStringLiteral("a permission needs a key (for every key: key \"\\0\" with range end \"\\0\")"));
    auto req = std::make_shared<etcdserverpb::AuthRoleGrantPermissionRequest>();
    req->set_name(role.toStdString());
    authpb::Permission *perm = req->mutable_perm();
    perm->set_permtype(static_cast<authpb::Permission::Type>(permission.type));
    perm->set_key(permission.key.toStdString());
    perm->set_range_end(permission.rangeEnd.toStdString());
    return change<etcdserverpb::AuthRoleGrantPermissionResponse>(
        "role grant permission", req, call, [](auto *stub, auto *ctx, auto *r, auto *resp, auto done) {
            stub->RoleGrantPermission(ctx, r, resp, std::move(done));
        });
}

QFuture<EtcdResult<ResponseHeader>> Auth::revokePermission(const QString &role, const QByteArray &key,
                                                           const QByteArray &rangeEnd, const CallOptions &call) const
{
    if (role.isEmpty() || key.isEmpty())
        return refused(QStringLiteral("revoking a permission needs a role name and a key"));
    auto req = std::make_shared<etcdserverpb::AuthRoleRevokePermissionRequest>();
    req->set_role(role.toStdString());
    req->set_key(key.toStdString());
    req->set_range_end(rangeEnd.toStdString());
    return change<etcdserverpb::AuthRoleRevokePermissionResponse>(
        "role revoke permission", req, call, [](auto *stub, auto *ctx, auto *r, auto *resp, auto done) {
            stub->RoleRevokePermission(ctx, r, resp, std::move(done));
        });
}

} // namespace etcd
