// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcderror.h"

#include <QObject>
#include <QPointer>

namespace etcd {

namespace detail {
class LeaseKeeper;
}

// Keeps one lease alive while it exists (EtcdClient::keepAlive). Destroying it stops the
// keepalives; it does not revoke the lease.
class KeepAlive : public QObject
{
    Q_OBJECT
public:
    ~KeepAlive() override;

    qint64 leaseId() const { return m_leaseId; }
    qint64 ttl() const { return m_ttl; } // seconds, as of the last answer
    bool isAlive() const { return m_alive; }
    int refreshCount() const { return m_refreshes; }
    void stop();

Q_SIGNALS:
    void refreshed(qint64 ttlSeconds);
    // The lease expired, was revoked, or could not be refreshed in time. Keepalive has ended.
    void lost(const etcd::EtcdError &reason);

private:
    friend class EtcdClient;
    KeepAlive(detail::LeaseKeeper *keeper, qint64 leaseId, qint64 ttl, QObject *parent);
    void markLost(const EtcdError &reason);

    QPointer<detail::LeaseKeeper> m_keeper;
    qint64 m_leaseId;
    qint64 m_ttl;
    bool m_alive = true;
    int m_refreshes = 0;
};

} // namespace etcd
