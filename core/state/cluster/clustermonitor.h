// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/clustertypes.h"
#include "client/etcdclient.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace etcd {

// Polls the status of every endpoint and the member list, and turns them into what a person wants
// to know at a glance: can we talk to the cluster, who leads, at which revision. Never blocks: one
// poll at a time, each bounded by its own deadline.
class ClusterMonitor : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Connecting,  // no answer yet
        Connected,   // every endpoint answers and agrees on a leader
        Degraded,    // some endpoint is down, or there is no leader (an election), but a majority answers
        Unreachable, // no endpoint answers
        NoQuorum,    // fewer than a majority of the members answer: no leader can be elected, writes and
                     // linearizable reads fail, leases cannot be kept alive
    };
    Q_ENUM(State)

    // One endpoint as a person wants to read it.
    struct EndpointHealth
    {
        QString endpoint;
        QString member;      // its member's name (kept while it is down); empty if never known
        bool answering = false;
        QDateTime downSince; // the first failed poll of this outage
        QString reason;      // EtcdError::plainReason() of the last failure
        QString detail;      // gRPC's or etcd's own text, for a tooltip
        // "m1 (127.0.0.1:54673) is not answering: connection refused since 15:35:27"
        QString words() const;
        QString label() const; // "m1 (127.0.0.1:54673)", or the endpoint alone
    };

    struct Snapshot
    {
        State state = State::Connecting;
        QVector<EndpointStatus> endpoints;
        QVector<Member> members;
        quint64 leaderId = 0;
        QDateTime leaderSince;   // when this console first saw the current leader
        quint64 raftTerm = 0;    // highest term any endpoint reported
        QString leaderName;      // from the member list; hex id if unknown
        QString leaderEndpoint;  // among ours; empty if the leader is not one of our endpoints
        qint64 revision = 0;     // highest revision any endpoint reported
        QString currentEndpoint; // where the client sends calls now
        QDateTime polledAt;
        EtcdError lastError; // the most telling error of the last poll
        QVector<EndpointHealth> health; // per endpoint, in the order of `endpoints`
        int voters = 0;          // voting members known (from the member list; else the endpoints)
        int answering = 0;       // endpoints that answered this poll
        int quorum = 0;          // voters / 2 + 1
        QDateTime lastQuorumAt;  // the last poll that saw a leader and a majority answering
        // The endpoints that do not answer, each in words.
        QStringList downInWords() const;
    };

    explicit ClusterMonitor(EtcdClient *client, int intervalMs = 2000, QObject *parent = nullptr);

    void start();
    void stop();
    void pollNow();
    const Snapshot &snapshot() const { return m_snapshot; }
    int pollCount() const { return m_polls; }
    static QString stateName(State state);
    // Name of a member id, or its hex id when the member list does not know it.
    QString memberName(quint64 id) const;

Q_SIGNALS:
    void updated(const etcd::ClusterMonitor::Snapshot &snapshot);
    void stateChanged(etcd::ClusterMonitor::State state);
    void leaderChanged(quint64 previousLeader, quint64 newLeader);

private:
    void onStatuses(const QVector<EndpointStatus> &statuses);

    QPointer<EtcdClient> m_client;
    QTimer m_timer;
    Snapshot m_snapshot;
    QHash<QString, QString> m_memberOfEndpoint; // last known member name per endpoint
    QHash<QString, QDateTime> m_downSince;
    bool m_inFlight = false;
    int m_polls = 0;
};

} // namespace etcd

Q_DECLARE_METATYPE(etcd::ClusterMonitor::Snapshot)
