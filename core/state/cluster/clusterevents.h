// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/cluster/clustermonitor.h"

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <QVector>

namespace etcd {

// Something that happened to the cluster, as this console saw it.
struct ClusterEvent
{
    enum Kind {
        LeaderElected, // a leader where there was none (or the first one seen)
        LeaderChanged, // another member leads now
        LeaderLost,    // no endpoint reports a leader
        EndpointDown,  // an endpoint stopped answering (the error says why)
        EndpointUp,    // it answers again
        MemberAdded,
        MemberRemoved,
        AlarmRaised,   // a member reports an alarm (NOSPACE, CORRUPT)
        AlarmCleared,
        QuorumLost,     // fewer than a majority of the members answer
        QuorumRestored, // a majority answers and a leader is elected again
        Action,         // something this console did to the cluster (a sandbox member stopped, ...)
    };
    QDateTime at;
    Kind kind = LeaderElected;
    QString text;       // one sentence for people
    quint64 memberId = 0;
    QString endpoint;

    static QString kindName(Kind kind);
};

// The event log: compares each ClusterMonitor snapshot with the one before and records leader
// elections and changes, endpoints going down and up, members joining and leaving, and alarms
// appearing and clearing, with timestamps. Keeps the newest `capacity` events.
class ClusterEventLog : public QObject
{
    Q_OBJECT
public:
    explicit ClusterEventLog(ClusterMonitor *monitor, int capacity = 1000, QObject *parent = nullptr);

    const QVector<ClusterEvent> &events() const { return m_events; } // oldest first
    // Something this console did (a sandbox member killed or restarted, ...), in the same log.
    void noteAction(const QString &text, const QString &endpoint = {});
    int capacity() const { return m_capacity; }

Q_SIGNALS:
    void eventAdded(const etcd::ClusterEvent &event);
    void eventsDropped(int count); // the oldest events left the log (capacity reached)

private:
    void onUpdated(const ClusterMonitor::Snapshot &snapshot);
    void add(ClusterEvent::Kind kind, const QString &text, quint64 memberId = 0, const QString &endpoint = {});

    ClusterMonitor *m_monitor;
    int m_capacity;
    QVector<ClusterEvent> m_events;
    bool m_havePrevious = false;
    quint64 m_leader = 0;     // as of the last poll (0: none)
    quint64 m_lastLeader = 0; // the last leader seen, across leaderless polls
    QDateTime m_leaderlessSince;
    QSet<QString> m_down;       // endpoints that did not answer the last poll
    QSet<quint64> m_members;
    QSet<QString> m_alarms;     // "endpoint\nerror" reported by the last poll
    bool m_noQuorum = false;
};

} // namespace etcd

Q_DECLARE_METATYPE(etcd::ClusterEvent)
