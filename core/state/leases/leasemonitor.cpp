// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/leases/leasemonitor.h"

#include "client/continuation.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>

namespace etcd {

qint64 LeaseInfo::ttlLeft(qint64 nowMs) const
{
    if (ttl < 0)
        return -1;
    return std::max<qint64>(0, ttl - (nowMs - checkedAtMs) / 1000);
}

bool LeaseInfo::expiringSoon(qint64 nowMs) const
{
    const qint64 left = ttlLeft(nowMs);
    return left >= 0 && left <= std::max<qint64>(3, grantedTtl / 3);
}

LeaseMonitor::LeaseMonitor(EtcdClient *client, int intervalMs, QObject *parent)
    : QObject(parent), m_client(client)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LeaseMonitor::poll);
}

void LeaseMonitor::start()
{
    m_timer.start();
    poll();
}

void LeaseMonitor::refresh()
{
    poll();
}

const LeaseInfo *LeaseMonitor::lease(qint64 id) const
{
    auto it = m_leases.find(id);
    return it == m_leases.end() ? nullptr : &it->second;
}

QFuture<EtcdResult<LeaseGrant>> LeaseMonitor::grant(qint64 ttlSeconds)
{
    auto f = m_client->lease().grant(ttlSeconds);
    whenFinished(f, this, [this](const EtcdResult<LeaseGrant> &) { refresh(); });
    return f;
}

QFuture<EtcdResult<ResponseHeader>> LeaseMonitor::revoke(qint64 id)
{
    auto f = m_client->lease().revoke(id);
    whenFinished(f, this, [this](const EtcdResult<ResponseHeader> &) { refresh(); });
    return f;
}

void LeaseMonitor::poll()
{
    // One round at a time: a slow cluster gets fewer rounds, never a pile of them.
    if (!m_client || m_polling)
        return;
    m_polling = true;
    whenFinished(m_client->lease().list(), this, [this](const EtcdResult<LeaseList> &r) { onList(r); });
}

void LeaseMonitor::onList(const EtcdResult<LeaseList> &result)
{
    if (!result.ok()) {
        m_polling = false;
        Q_EMIT failed(result.error());
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QSet<qint64> listed(result->ids.cbegin(), result->ids.cend());
    QVector<qint64> gone;
    for (const auto &entry : m_leases)
        if (!listed.contains(entry.first))
            gone << entry.first;
    for (qint64 id : std::as_const(gone)) {
        m_leases.erase(id);
        Q_EMIT leaseRemoved(id);
    }
    for (qint64 id : result->ids) {
        if (m_leases.find(id) != m_leases.end())
            continue;
        LeaseInfo info;
        info.id = id;
        info.firstSeenMs = now;
        m_leases.emplace(id, info);
        Q_EMIT leaseAdded(id);
    }
    // Ask the leases read longest ago first, up to the round's limit.
    QVector<const LeaseInfo *> order;
    for (const auto &entry : m_leases)
        order << &entry.second;
    std::sort(order.begin(), order.end(),
              [](const LeaseInfo *a, const LeaseInfo *b) { return a->checkedAtMs < b->checkedAtMs; });
    if (order.size() > kMaxPerRound)
        order.resize(kMaxPerRound);
    m_pendingTtls = int(order.size());
    if (m_pendingTtls == 0) {
        m_polling = false;
        if (!m_loaded) {
            m_loaded = true;
            Q_EMIT loaded();
        }
        return;
    }
    for (const LeaseInfo *info : std::as_const(order)) {
        const qint64 id = info->id;
        whenFinished(m_client->lease().timeToLive(id, true), this,
                     [this, id](const EtcdResult<LeaseTimeToLive> &r) { onTtl(id, r); });
    }
}

void LeaseMonitor::onTtl(qint64 id, const EtcdResult<LeaseTimeToLive> &result)
{
    auto it = m_leases.find(id);
    if (it != m_leases.end() && result.ok()) {
        if (result->ttl < 0) {
            // Expired or revoked between the list and this answer.
            m_leases.erase(it);
            Q_EMIT leaseRemoved(id);
        } else {
            LeaseInfo &info = it->second;
            QVector<QByteArray> keys = result->keys;
            std::sort(keys.begin(), keys.end());
            const bool changed = info.ttl != result->ttl || info.grantedTtl != result->grantedTtl || info.keys != keys;
            info.ttl = result->ttl;
            info.grantedTtl = result->grantedTtl;
            info.keys = std::move(keys);
            info.checkedAtMs = QDateTime::currentMSecsSinceEpoch();
            if (changed)
                Q_EMIT leaseChanged(id);
        }
    }
    if (--m_pendingTtls == 0) {
        m_polling = false;
        if (!m_loaded) {
            m_loaded = true;
            Q_EMIT loaded();
        }
    }
}

} // namespace etcd
