// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

// Users with read permission on parts of the keyspace only, made the way an administrator would:
// etcdctl as root, then `auth enable`. Shared by the core and ui permission-browsing tests.
//   bob   (role app-reader):             read /app/ (prefix)
//   carol (roles app-reader, cfg-reader): read /app/, /cfg/db/ (prefix) and the one key /cfg/main
//   dave  (role app-writer):             write /app/ only: reads nothing

#include "support/testsupport.h"

namespace etcd::test::permissions {

inline QString password(const QString &user)
{
    return user + QStringLiteral("-pw");
}

inline Etcdctl asRoot(const LocalCluster &cluster)
{
    return Etcdctl(cluster.clientEndpoints(), {QStringLiteral("--user=root:") + password(QStringLiteral("root"))});
}

inline ConnectionOptions optionsAs(const LocalCluster &cluster, const QString &user)
{
    ConnectionOptions o = optionsFor(cluster);
    o.user = user;
    o.password = password(user);
    return o;
}

// Creates the users and roles above and enables auth. False with the failing step in `why`.
inline bool setUp(const LocalCluster &cluster, QString *why)
{
    auto s = [](const char *text) { return QString::fromLatin1(text).split(QLatin1Char(' ')); };
    const QList<QStringList> steps = {
        s("role add root"),
        s("user add root:root-pw"),
        s("user grant-role root root"),
        s("role add app-reader"),
        s("role grant-permission app-reader read /app/ --prefix=true"),
        s("role add cfg-reader"),
        s("role grant-permission cfg-reader read /cfg/db/ --prefix=true"),
        s("role grant-permission cfg-reader readwrite /cfg/main"),
        s("role add app-writer"),
        s("role grant-permission app-writer write /app/ --prefix=true"),
        s("user add bob:bob-pw"),
        s("user grant-role bob app-reader"),
        s("user add carol:carol-pw"),
        s("user grant-role carol app-reader"),
        s("user grant-role carol cfg-reader"),
        s("user add dave:dave-pw"),
        s("user grant-role dave app-writer"),
        s("auth enable"),
    };
    const Etcdctl ctl = etcdctlFor(cluster);
    for (const QStringList &args : steps) {
        const EtcdctlResult r = ctl.run(args);
        if (!r.ok()) {
            *why = args.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(r.describe());
            return false;
        }
    }
    return true;
}

// etcdctl put as root; false (with etcdctl's answer in `why`) if it failed.
inline bool put(const LocalCluster &cluster, const QString &key, const QString &value, QString *why = nullptr)
{
    const EtcdctlResult r = asRoot(cluster).run({QStringLiteral("put"), key, value});
    if (!r.ok() && why)
        *why = QString::fromUtf8(r.describe());
    return r.ok();
}

} // namespace etcd::test::permissions
