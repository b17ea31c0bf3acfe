// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/leases/leasemonitor.h"

#include "client/continuation.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>
#include <tuple>
#include <vector>

namespace etcd {

qint64 LeaseInfo::ttlLeft(qint64 nowMs) const
{
    if (ttl < 0 || renewedSinceRead())
        return -1;
    return std::max<qint64>(0, ttl - (nowMs - checkedAtMs) / 1000);
}

bool LeaseInfo::renewedSinceRead() const
{
    // A list taken after the countdown ran out still held it: a keepalive renewed it meanwhile.
    return ttl >= 0 && listedAtMs > checkedAtMs + ttl * 1000 + 1000;
}

bool LeaseInfo::expiringSoon(qint64 nowMs) const
{
    if (!isFresh(nowMs))
        return false;
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

int LeaseMonitor::unreadCount() const
{
    int n = 0;
    for (const auto &entry : m_leases)
        n += entry.second.checkedAtMs == 0 ? 1 : 0;
    return n;
}

void LeaseMonitor::setInterest(const QString &owner, const QSet<qint64> &ids)
{
    if (ids.isEmpty())
        m_interest.remove(owner);
    else
        m_interest.insert(owner, ids);
}

QSet<qint64> LeaseMonitor::interest() const
{
    QSet<qint64> all;
    for (const QSet<qint64> &ids : m_interest)
        all.unite(ids);
    return all;
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
        noteTrouble(result.error());
        Q_EMIT failed(result.error());
        return;
    }
    m_roundFailed = false;
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
    for (qint64 id : result->ids)
        if (auto it = m_leases.find(id); it != m_leases.end())
            it->second.listedAtMs = now;
    const QVector<qint64> order = pickTtlReads(now);
    m_pendingTtls = int(order.size());
    m_ttlReads += order.size();
    if (m_pendingTtls == 0)
        return finishRound();
    for (qint64 id : order) {
        whenFinished(m_client->lease().timeToLive(id, true), this,
                     [this, id](const EtcdResult<LeaseTimeToLive> &r) { onTtl(id, r); });
    }
}

QVector<qint64> LeaseMonitor::pickTtlReads(qint64 now) const
{
    const QSet<qint64> interesting = interest();
    struct Candidate
    {
        int priority;
        qint64 checkedAtMs;
        qint64 id;
        bool operator<(const Candidate &o) const
        {
            return std::tie(priority, checkedAtMs, id) < std::tie(o.priority, o.checkedAtMs, o.id);
        }
    };
    std::vector<Candidate> looked, unread, rest;
    for (const auto &[id, info] : m_leases) {
        const qint64 age = now - info.checkedAtMs;
        if (interesting.contains(id)) {
            // Never read; then about to expire or renewed behind our back (confirm at once); then stale.
            int priority = -1;
            if (info.checkedAtMs == 0)
                priority = 0;
            else if (age >= 1000 && (info.renewedSinceRead() || info.ttlLeft(now) <= std::max<qint64>(3, info.grantedTtl / 3)))
                priority = 1;
            else if (age >= kInterestRefreshMs)
                priority = 2;
            if (priority >= 0)
                looked.push_back({priority, info.checkedAtMs, id});
        } else if (info.checkedAtMs == 0) {
            unread.push_back({0, info.firstSeenMs, id});
        } else if (age >= kRotationAgeMs) {
            // The slow rotation; leases renewed behind our back first (their countdown is unknown).
            rest.push_back({info.renewedSinceRead() ? 0 : 1, info.checkedAtMs, id});
        }
    }
    QVector<qint64> out;
    auto take = [&out](std::vector<Candidate> &from, int budget) {
        const size_t n = std::min(from.size(), size_t(budget));
        std::partial_sort(from.begin(), from.begin() + std::ptrdiff_t(n), from.end());
        for (size_t i = 0; i < n; ++i)
            out << from[i].id;
    };
    take(looked, kInterestPerRound);
    take(unread, kLoadPerRound);
    take(rest, kRotationPerRound);
    return out;
}
void LeaseMonitor::onTtl(qint64 id, const EtcdResult<LeaseTimeToLive> &result)
{
    if (!result.ok() && !result.error().isLeaseNotFound()) {
        if (!m_roundFailed)
            Q_EMIT failed(result.error());
        noteTrouble(result.error());
    }
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
    if (--m_pendingTtls == 0)
        finishRound();
}

void LeaseMonitor::noteTrouble(const EtcdError &error)
{
    m_roundFailed = true;
    m_lastError = error;
    if (!m_troubleSince.isValid()) {
        m_troubleSince = QDateTime::currentDateTime();
        Q_EMIT healthChanged();
    }
}

void LeaseMonitor::finishRound()
{
    m_polling = false;
    if (!m_roundFailed && m_troubleSince.isValid()) {
        m_troubleSince = QDateTime();
        Q_EMIT healthChanged();
    }
    if (m_loaded)
        return;
    // Loaded once the leases someone looks at are read (the rest follow at the load budget).
    for (const QSet<qint64> &ids : std::as_const(m_interest))
        for (qint64 id : ids)
            if (const LeaseInfo *info = lease(id); info && info->checkedAtMs == 0)
                return;
    m_loaded = true;
    Q_EMIT loaded();
}

} // namespace etcd
