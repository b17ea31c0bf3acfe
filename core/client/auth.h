// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/apibase.h"
#include "client/authtypes.h"

#include <QFuture>

namespace etcd {

// Authentication status, the user/role listing and their administration.
//
// Every change is a write: a read-only connection refuses it before anything is sent. Passwords go
// to etcd in the request only; they never appear in an error, a log line or a debug print.
// After enable() or disable() succeeds through this client, its connection forgets its tokens, so
// the next call signs in with the connection's user (or learns that it need not).
class Auth : public detail::ApiBase
{
public:
    using ApiBase::ApiBase;

    // etcd 3.5+ answers AuthStatus; etcd 3.4 does not have it, so there we find out by asking
    // for the user list without a token: etcd refuses that only when authentication is on.
    QFuture<EtcdResult<AuthStatus>> status(const CallOptions &call = {}) const;
    QFuture<EtcdResult<QStringList>> users(const CallOptions &call = {}) const;
    QFuture<EtcdResult<QStringList>> roles(const CallOptions &call = {}) const;
    QFuture<EtcdResult<UserInfo>> user(const QString &name, const CallOptions &call = {}) const;
    QFuture<EtcdResult<RoleInfo>> role(const QString &name, const CallOptions &call = {}) const;

    // etcd refuses enable() unless a user "root" with the role "root" exists.
    QFuture<EtcdResult<ResponseHeader>> enable(const CallOptions &call = {}) const;
    QFuture<EtcdResult<ResponseHeader>> disable(const CallOptions &call = {}) const;

    // An empty password creates a user without one (etcd's no_password: it can sign in only with
    // a TLS client certificate whose common name is the user's name).
    QFuture<EtcdResult<ResponseHeader>> addUser(const QString &name, const QString &password,
                                                const CallOptions &call = {}) const;
    QFuture<EtcdResult<ResponseHeader>> deleteUser(const QString &name, const CallOptions &call = {}) const;
    QFuture<EtcdResult<ResponseHeader>> changePassword(const QString &name, const QString &password,
                                                       const CallOptions &call = {}) const;
    QFuture<EtcdResult<ResponseHeader>> grantRole(const QString &user, const QString &role,
                                                  const CallOptions &call = {}) const;
    QFuture<EtcdResult<ResponseHeader>> revokeRole(const QString &user, const QString &role,
                                                   const CallOptions &call = {}) const;

    QFuture<EtcdResult<ResponseHeader>> addRole(const QString &name, const CallOptions &call = {}) const;
    QFuture<EtcdResult<ResponseHeader>> deleteRole(const QString &name, const CallOptions &call = {}) const;
    // The permission's key and rangeEnd follow etcd's range convention (state/permissiontext.h
    // builds them from what a person types). Granting the same range again replaces its type.
    QFuture<EtcdResult<ResponseHeader>> grantPermission(const QString &role, const Permission &permission,
                                                        const CallOptions &call = {}) const;
    // Revokes the permission on exactly this range (whatever its type).
    QFuture<EtcdResult<ResponseHeader>> revokePermission(const QString &role, const QByteArray &key,
                                                         const QByteArray &rangeEnd, const CallOptions &call = {}) const;

private:
    // A change: `rpc(asyncStub, context, request, response, done)` sends it. `resetSignIn`: forget
    // the connection's tokens once it succeeded (auth switched on or off).
    template<class Resp, class Req, class Rpc>
    QFuture<EtcdResult<ResponseHeader>> change(const char *name, std::shared_ptr<Req> request, const CallOptions &call,
                                               Rpc rpc, bool resetSignIn = false) const;
};

} // namespace etcd
