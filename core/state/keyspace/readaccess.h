// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/authtypes.h"
#include "client/etcderror.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>

class QObject;

namespace etcd {

class EtcdClient;

// A key interval in etcd's convention: [key, rangeEnd). An empty rangeEnd is the single key `key`;
// "\0" means "to the end of the keyspace".
struct KeyInterval
{
    QByteArray key;
    QByteArray rangeEnd;

    bool isSingleKey() const { return rangeEnd.isEmpty(); }
    bool isPrefix() const; // every key starting with `key`
    bool contains(const QByteArray &k) const;
    // For people: "/app/…" (a prefix), "/cfg/main" (one key), "/a … /c" (a range), "/x and after".
    QString describe() const;
    bool operator==(const KeyInterval &o) const { return key == o.key && rangeEnd == o.rangeEnd; }
};

// What one user may read, from the read and readwrite permissions of its roles. etcd's permissions
// only ever add (there are no deny rules), and etcd allows a read when the union of the user's
// intervals covers the requested range, so the merged union is exactly what can be listed.
struct ReadAccess
{
    QString user;
    QStringList roles;
    bool everything = false;     // the root role reads every key
    QVector<KeyInterval> ranges; // merged: sorted, disjoint, not touching

    static ReadAccess fromRoles(const QString &user, const QStringList &roleNames, const QVector<RoleInfo> &roles);
    // The readable parts of the keys under `scope` ("" = the whole keyspace), clipped to it, each
    // usable as one range request and one watch.
    QVector<KeyInterval> within(const QByteArray &scope) const;
    // Can every key under `scope` be read?
    bool coversAll(const QByteArray &scope) const;
    QString describeRanges(int max = 6) const;
};

// Asks etcd what `user` may read: UserGet on the user itself, then RoleGet on each of its roles
// (etcd lets any user read its own user and roles, root role or not). `done` runs on `context`'s
// thread, once, unless `context` goes first.
void fetchReadAccess(EtcdClient *client, const QString &user, QObject *context,
                     std::function<void(const EtcdResult<ReadAccess> &)> done);

} // namespace etcd

Q_DECLARE_METATYPE(etcd::ReadAccess)
