// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"

#include <QObject>
#include <QDateTime>
#include <QHash>
#include <QPointer>
#include <QSet>
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
    qint64 listedAtMs = 0;     // the last lease list that held it
    QVector<QByteArray> keys;  // attached keys (sorted)

    // Counting down from the last answer; -1 when unknown: never read, or renewed since (its
    // countdown ran out but a later list still held it, so something keeps it alive).
    qint64 ttlLeft(qint64 nowMs) const;
    bool renewedSinceRead() const;
    // The last answer is recent enough to trust its countdown (read within kFreshMs).
    bool isFresh(qint64 nowMs) const { return ttl >= 0 && nowMs - checkedAtMs <= kFreshMs; }
    // About to expire: under a third of its TTL left (when keepalives run at TTL/3 they refresh
    // before that), or 3 s, whichever is larger; judged on a fresh answer only, since a lease read
    // long ago may have been kept alive since.
    bool expiringSoon(qint64 nowMs) const;

    static constexpr qint64 kFreshMs = 10000;
};

// Every lease of the cluster, with a light touch: the lease list (one request) every `intervalMs`,
// and LeaseTimeToLive within a budget per round. Leases someone looks at (the rows on screen, the
// services shown: setInterest) are read first and again every few seconds, and at once when their
// countdown says they are about to expire; leases never read are read at a load budget; the rest
// in a slow rotation. Countdowns in between are local. etcd has no lease event stream, so a lease
// that leaves the list is reported as gone (expired or revoked).
class LeaseMonitor : public QObject
{
    Q_OBJECT
public:
    static constexpr int kInterestPerRound = 10; // TTL reads per round for leases looked at
    static constexpr int kLoadPerRound = 100;    // ... for leases never read (start, new leases)
    static constexpr int kRotationPerRound = 2;  // ... for the rest, oldest answer first
    static constexpr qint64 kInterestRefreshMs = 5000;
    static constexpr qint64 kRotationAgeMs = 60000;

    explicit LeaseMonitor(EtcdClient *client, int intervalMs = 1000, QObject *parent = nullptr);

    void start();
    void refresh(); // a round now (after a grant or revoke made here)
    bool isLoaded() const { return m_loaded; }
    int unreadCount() const; // leases listed but never read yet
    const std::map<qint64, LeaseInfo> &leases() const { return m_leases; }
    const LeaseInfo *lease(qint64 id) const;
    // The leases `owner` looks at now (replaces its earlier set; empty: none). Read first, often.
    void setInterest(const QString &owner, const QSet<qint64> &ids);
    QSet<qint64> interest() const; // every owner's set, united
    qint64 ttlReads() const { return m_ttlReads; } // LeaseTimeToLive requests sent so far
    // Since when rounds fail (the list, or TTL reads: without a raft leader etcd answers the list
    // but not the TTLs); invalid while the last round went well.
    QDateTime troubleSince() const { return m_troubleSince; }
    EtcdError lastError() const { return m_lastError; }

    // Writes (refused by core on read-only connections). Each refreshes the list when done.
    QFuture<EtcdResult<LeaseGrant>> grant(qint64 ttlSeconds);
    QFuture<EtcdResult<ResponseHeader>> revoke(qint64 id);

Q_SIGNALS:
    void loaded();
    void leaseAdded(qint64 id);
    void leaseChanged(qint64 id);
    void leaseRemoved(qint64 id);
    void failed(const etcd::EtcdError &error);
    void healthChanged(); // troubleSince() became valid or was cleared

private:
    void poll();
    void onList(const EtcdResult<LeaseList> &result);
    void onTtl(qint64 id, const EtcdResult<LeaseTimeToLive> &result);
    QVector<qint64> pickTtlReads(qint64 now) const;
    void finishRound();
    void noteTrouble(const EtcdError &error);

    QPointer<EtcdClient> m_client;
    std::map<qint64, LeaseInfo> m_leases;
    QTimer m_timer;
    bool m_loaded = false;
    bool m_polling = false;
    int m_pendingTtls = 0;
    qint64 m_ttlReads = 0;
    QHash<QString, QSet<qint64>> m_interest;
    QDateTime m_troubleSince;
    EtcdError m_lastError;
    bool m_roundFailed = false;
};

} // namespace etcd
