// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVector>

#include <map>

namespace etcd {

// A lease as last read: TTLs and attached keys.
struct LeaseInfo
{
    qint64 id = 0;
    qint64 grantedTtl = 0;
    qint64 ttl = -1;           // seconds left at checkedAtMs (-1: not read yet)
    qint64 checkedAtMs = 0;    // QDateTime::currentMSecsSinceEpoch() of that answer
    qint64 firstSeenMs = 0;
    QVector<QByteArray> keys;  // attached keys (sorted)

    qint64 ttlLeft(qint64 nowMs) const; // counting down from the last answer; -1 when unknown
    // About to expire: under a third of its TTL left (when keepalives run at TTL/3 they refresh
    // before that), or 3 s, whichever is larger.
    bool expiringSoon(qint64 nowMs) const;
};

// Every lease of the cluster, polled: the lease list every `intervalMs`, then each lease's time to
// live with its keys (at most kMaxPerRound per round, oldest answers first). etcd has no lease
// event stream, so a lease that leaves the list is reported as gone (expired or revoked).
class LeaseMonitor : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxPerRound = 500;

    explicit LeaseMonitor(EtcdClient *client, int intervalMs = 1000, QObject *parent = nullptr);

    void start();
    void refresh(); // a round now (after a grant or revoke made here)
    bool isLoaded() const { return m_loaded; }
    const std::map<qint64, LeaseInfo> &leases() const { return m_leases; }
    const LeaseInfo *lease(qint64 id) const;

    // Writes (refused by core on read-only connections). Each refreshes the list when done.
    QFuture<EtcdResult<LeaseGrant>> grant(qint64 ttlSeconds);
    QFuture<EtcdResult<ResponseHeader>> revoke(qint64 id);

Q_SIGNALS:
    void loaded();
    void leaseAdded(qint64 id);
    void leaseChanged(qint64 id);
    void leaseRemoved(qint64 id);
    void failed(const etcd::EtcdError &error);

private:
    void poll();
    void onList(const EtcdResult<LeaseList> &result);
    void onTtl(qint64 id, const EtcdResult<LeaseTimeToLive> &result);

    QPointer<EtcdClient> m_client;
    std::map<qint64, LeaseInfo> m_leases;
    QTimer m_timer;
    bool m_loaded = false;
    bool m_polling = false;
    int m_pendingTtls = 0;
};

} // namespace etcd
