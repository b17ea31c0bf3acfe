// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/authtypes.h"
#include "client/etcderror.h"

#include <QFuture>
#include <QString>
#include <QStringList>

namespace etcd {

class EtcdClient;

// What enabling authentication needs first, and what it will do to this connection.
struct AuthEnableCheck
{
    // etcd refuses to enable authentication without a user root holding the role root (someone
    // must be able to administer it afterwards).
    enum class Root { Ready, UserMissing, RoleMissing };
    // This connection once authentication is on.
    enum class Connection {
        NoUser,      // signs in as nobody: every request refused (locked out)
        UserMissing, // its user does not exist: every request refused (locked out)
        RootRole,    // its user has the role root: keeps working
        OtherRoles,  // only what `roles` allow: no more user/role/auth administration
    };

    Root root = Root::Ready;
    Connection connection = Connection::NoUser;
    QString user;      // the connection's user
    QStringList roles; // its roles (RootRole, OtherRoles)

    bool locksOut() const { return connection == Connection::NoUser || connection == Connection::UserMissing; }
};

// The guarded "enable authentication" workflow: check, fix the user root when needed, enable. A
// view asks the person between the steps (password for root, "lock yourself out?") and shows the
// outcome; the steps and their order live here.
namespace authenable {

// Reads the user root and the connection's own user (two calls). Fails only when etcd cannot be
// asked (a user that does not exist is an answer, not a failure).
QFuture<EtcdResult<AuthEnableCheck>> check(EtcdClient *client);

// Makes root ready: creates the user root with `rootPassword` when check.root is UserMissing, makes
// sure the role root is listed (etcd's built-in role works without, but a cluster set up by the
// book lists it; "already exists" is fine), and grants it to root. Check again afterwards.
QFuture<EtcdResult<ResponseHeader>> prepareRoot(EtcdClient *client, AuthEnableCheck::Root root,
                                                 const QString &rootPassword);

// Enables authentication; the connection's sign-in state starts afresh.
QFuture<EtcdResult<ResponseHeader>> enable(EtcdClient *client);

} // namespace authenable

} // namespace etcd
