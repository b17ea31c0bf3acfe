// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/keepalive.h"

#include "client/leasekeeper.h"

namespace etcd {

KeepAlive::KeepAlive(detail::LeaseKeeper *keeper, qint64 leaseId, qint64 ttl, QObject *parent)
    : QObject(parent), m_keeper(keeper), m_leaseId(leaseId), m_ttl(ttl)
{
    if (!keeper)
        return;
    connect(keeper, &detail::LeaseKeeper::refreshed, this, [this](qint64 id, qint64 ttlSeconds) {
        if (id != m_leaseId || !m_alive)
            return;
        m_ttl = ttlSeconds;
        ++m_refreshes;
        Q_EMIT refreshed(ttlSeconds);
    });
    connect(keeper, &detail::LeaseKeeper::lost, this, [this](qint64 id, const EtcdError &reason) {
        if (id == m_leaseId)
            markLost(reason);
    });
}

KeepAlive::~KeepAlive()
{
    stop();
}

void KeepAlive::stop()
{
    if (!m_alive)
        return;
    m_alive = false;
    if (m_keeper) {
        detail::LeaseKeeper *keeper = m_keeper.data();
        const qint64 id = m_leaseId;
        QMetaObject::invokeMethod(
            keeper, [keeper, id] { keeper->release(id); }, Qt::QueuedConnection);
    }
}

void KeepAlive::markLost(const EtcdError &reason)
{
    if (!m_alive)
        return;
    m_alive = false;
    Q_EMIT lost(reason);
}

} // namespace etcd
