// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/security/authenable.h"

#include "client/etcdclient.h"

#include <QPromise>

#include <memory>

namespace etcd::authenable {

namespace {

const QString kRoot = QStringLiteral("root");

template<typename T> void settle(const std::shared_ptr<QPromise<EtcdResult<T>>> &promise, EtcdResult<T> result)
{
    promise->addResult(std::move(result));
    promise->finish();
}

} // namespace

QFuture<EtcdResult<AuthEnableCheck>> check(EtcdClient *client)
{
    auto promise = std::make_shared<QPromise<EtcdResult<AuthEnableCheck>>>();
    promise->start();
    const Auth auth = client->auth();
    const QString user = client->options().user;
    // Continuations run on the thread that completes each call (a gRPC thread); an unfinished
    // promise (the client shut down) ends cancelled.
    auth.user(kRoot).then(QtFuture::Launch::Sync, [promise, auth, user](const EtcdResult<UserInfo> &root) {
        AuthEnableCheck check;
        check.user = user;
        if (!root.ok() && !root.error().isUserNotFound())
            return settle<AuthEnableCheck>(promise, root.error());
        check.root = !root.ok()                     ? AuthEnableCheck::Root::UserMissing
                     : root->roles.contains(kRoot) ? AuthEnableCheck::Root::Ready
                                                   : AuthEnableCheck::Root::RoleMissing;
        if (user.isEmpty()) {
            check.connection = AuthEnableCheck::Connection::NoUser;
            return settle<AuthEnableCheck>(promise, check);
        }
        auth.user(user).then(QtFuture::Launch::Sync, [promise, check](const EtcdResult<UserInfo> &mine) mutable {
            if (!mine.ok() && !mine.error().isUserNotFound())
                return settle<AuthEnableCheck>(promise, mine.error());
            if (!mine.ok()) {
                check.connection = AuthEnableCheck::Connection::UserMissing;
            } else {
                check.roles = mine->roles;
                check.connection = mine->roles.contains(kRoot) ? AuthEnableCheck::Connection::RootRole
                                                               : AuthEnableCheck::Connection::OtherRoles;
            }
            settle<AuthEnableCheck>(promise, check);
        });
    });
    return promise->future();
}

QFuture<EtcdResult<ResponseHeader>> prepareRoot(EtcdClient *client, AuthEnableCheck::Root root,
                                                 const QString &rootPassword)
{
    auto promise = std::make_shared<QPromise<EtcdResult<ResponseHeader>>>();
    promise->start();
    const Auth auth = client->auth();
    const auto grant = [promise, auth] {
        auth.grantRole(kRoot, kRoot).then(QtFuture::Launch::Sync, [promise](const EtcdResult<ResponseHeader> &r) {
            settle<ResponseHeader>(promise, r);
        });
    };
    // "Already exists" is what a listed role root answers: fine. Any other refusal (permission
    // denied, say) the grant then meets and reports.
    const auto listRoleThenGrant = [auth, grant] {
        auth.addRole(kRoot).then(QtFuture::Launch::Sync, [grant](const EtcdResult<ResponseHeader> &) { grant(); });
    };
    if (root == AuthEnableCheck::Root::UserMissing) {
        auth.addUser(kRoot, rootPassword)
            .then(QtFuture::Launch::Sync, [promise, listRoleThenGrant](const EtcdResult<ResponseHeader> &r) {
                if (!r.ok())
                    return settle<ResponseHeader>(promise, r.error());
                listRoleThenGrant();
            });
    } else {
        listRoleThenGrant();
    }
    return promise->future();
}

QFuture<EtcdResult<ResponseHeader>> enable(EtcdClient *client)
{
    return client->auth().enable();
}

} // namespace etcd::authenable
