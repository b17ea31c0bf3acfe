// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"

#include <QObject>
#include <QPointer>

namespace etcd::recipe {

// Waits until no key under `prefix` with create revision <= maxCreateRevision is left, watching
// only the newest such key at a time (Go concurrency's waitDeletes: each waiter watches the one
// right before it, so a release wakes one waiter, not all of them).
class DeleteWaiter : public QObject
{
    Q_OBJECT
public:
    DeleteWaiter(EtcdClient *client, const QByteArray &prefix, qint64 maxCreateRevision, QObject *parent = nullptr);
    void start();
    void cancel();

Q_SIGNALS:
    void done(const etcd::ResponseHeader &header);
    void failed(const etcd::EtcdError &error);

private:
    void check();
    void clearWatch();

    QPointer<EtcdClient> m_client;
    QByteArray m_prefix;
    qint64 m_maxCreateRevision;
    Watcher *m_watcher = nullptr;
    bool m_cancelled = false;
};

// Range options Go calls WithFirstCreate / WithLastCreate: the oldest / newest key under a prefix.
RangeOptions firstCreated(const QByteArray &prefix);
RangeOptions lastCreated(const QByteArray &prefix, qint64 maxCreateRevision = 0);
// The key a session owns under a prefix: prefix + lease id in lower-case hex (Go's "%s%x").
QByteArray sessionKey(const QByteArray &prefix, qint64 leaseId);

} // namespace etcd::recipe
