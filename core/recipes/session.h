// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"

#include <QFuture>
#include <QObject>
#include <QPointer>

namespace etcd {

// A lease kept alive for as long as the session lives: the liveness behind Mutex and Election,
// like Go's concurrency.Session. close() revokes the lease, which releases every lock and election
// key held through it at once; destroying an open session only stops the keepalive, so etcd
// removes its keys when the TTL runs out.
class Session : public QObject
{
    Q_OBJECT
public:
    explicit Session(EtcdClient *client, qint64 ttlSeconds = 60, QObject *parent = nullptr);
    ~Session() override;

    // Grant the lease (or adopt `existingLease`) and start keeping it alive.
    QFuture<EtcdStatus> open(qint64 existingLease = 0);
    QFuture<EtcdStatus> close();

    EtcdClient *client() const { return m_client; }
    qint64 leaseId() const { return m_leaseId; }
    qint64 ttl() const { return m_ttl; }
    bool isAlive() const { return m_alive; }

Q_SIGNALS:
    void opened(qint64 leaseId);
    void keptAlive(qint64 ttlSeconds);
    // The lease expired or could not be kept alive: every key held through it is gone or going.
    void lost(const etcd::EtcdError &reason);

private:
    void startKeepAlive();

    QPointer<EtcdClient> m_client;
    qint64 m_ttl;
    qint64 m_leaseId = 0;
    bool m_alive = false;
    KeepAlive *m_keepAlive = nullptr;
};

} // namespace etcd
