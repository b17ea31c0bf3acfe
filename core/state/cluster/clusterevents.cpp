// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/cluster/clusterevents.h"

namespace etcd {

QString ClusterEvent::kindName(Kind kind)
{
    switch (kind) {
    case LeaderElected: return QStringLiteral("leader elected");
    case LeaderChanged: return QStringLiteral("leader changed");
    case LeaderLost: return QStringLiteral("no leader");
    case EndpointDown: return QStringLiteral("endpoint down");
    case EndpointUp: return QStringLiteral("endpoint up");
    case MemberAdded: return QStringLiteral("member added");
    case MemberRemoved: return QStringLiteral("member removed");
    case AlarmRaised: return QStringLiteral("alarm");
    case AlarmCleared: return QStringLiteral("alarm cleared");
    case QuorumLost: return QStringLiteral("quorum lost");
    case QuorumRestored: return QStringLiteral("quorum restored");
    case Action: return QStringLiteral("action");
    }
    return {};
}

ClusterEventLog::ClusterEventLog(ClusterMonitor *monitor, int capacity, QObject *parent)
    : QObject(parent), m_monitor(monitor), m_capacity(std::max(1, capacity))
{
    connect(monitor, &ClusterMonitor::updated, this, &ClusterEventLog::onUpdated);
}

void ClusterEventLog::add(ClusterEvent::Kind kind, const QString &text, quint64 memberId, const QString &endpoint)
{
    ClusterEvent e;
    e.at = QDateTime::currentDateTime();
    e.kind = kind;
    e.text = text;
    e.memberId = memberId;
    e.endpoint = endpoint;
    m_events.append(e);
    if (m_events.size() > m_capacity) {
        const int drop = int(m_events.size()) - m_capacity;
        m_events.remove(0, drop);
        Q_EMIT eventsDropped(drop);
    }
    Q_EMIT eventAdded(e);
}

void ClusterEventLog::noteAction(const QString &text, const QString &endpoint)
{
    add(ClusterEvent::Action, text, 0, endpoint);
}

void ClusterEventLog::onUpdated(const ClusterMonitor::Snapshot &s)
{
    if (s.state == ClusterMonitor::State::Connecting)
        return;
    const bool first = !m_havePrevious;
    m_havePrevious = true;

    // Endpoints: down and up, with the error that says why.
    QSet<QString> down;
    QSet<QString> alarms;
    for (const EndpointStatus &st : s.endpoints) {
        if (!st.ok()) {
            down.insert(st.endpoint);
            if (!m_down.contains(st.endpoint)) {
                QString words = tr("%1 is not answering").arg(st.endpoint);
                for (const ClusterMonitor::EndpointHealth &h : s.health)
                    if (h.endpoint == st.endpoint)
                        words = h.words();
                add(ClusterEvent::EndpointDown, words, 0, st.endpoint);
            }
            continue;
        }
        if (m_down.contains(st.endpoint))
            add(ClusterEvent::EndpointUp, tr("%1 answers again (member %2)").arg(st.endpoint, m_monitor->memberName(st.memberId)),
                st.memberId, st.endpoint);
        for (const QString &error : st.errors) {
            const QString id = st.endpoint + QLatin1Char('\n') + error;
            alarms.insert(id);
            if (!m_alarms.contains(id))
                add(ClusterEvent::AlarmRaised, tr("%1 reports: %2").arg(m_monitor->memberName(st.memberId), error), st.memberId,
                    st.endpoint);
        }
    }
    for (const QString &id : std::as_const(m_alarms))
        if (!alarms.contains(id) && !down.contains(id.section(QLatin1Char('\n'), 0, 0)))
            add(ClusterEvent::AlarmCleared, tr("%1 no longer reports: %2").arg(id.section(QLatin1Char('\n'), 0, 0),
                                                                                id.section(QLatin1Char('\n'), 1)));
    m_down = down;
    m_alarms = alarms;

    // Quorum: lost when fewer than a majority answer, restored once a majority elects a leader.
    const bool noQuorum = s.state == ClusterMonitor::State::NoQuorum;
    if (noQuorum && !m_noQuorum) {
        add(ClusterEvent::QuorumLost, tr("quorum lost: %1 of %2 members answer, %3 needed; writes and linearizable "
                                         "reads fail, leases cannot be kept alive")
                                          .arg(s.answering)
                                          .arg(s.voters)
                                          .arg(s.quorum));
        m_noQuorum = true;
    } else if (m_noQuorum && !noQuorum && s.leaderId != 0) {
        add(ClusterEvent::QuorumRestored,
            tr("quorum restored: %1 of %2 members answer, %3 leads").arg(s.answering).arg(s.voters).arg(s.leaderName),
            s.leaderId);
        m_noQuorum = false;
    }

    // Members joining and leaving (not on the first poll: that is the starting point).
    if (!s.members.isEmpty()) {
        QSet<quint64> members;
        for (const Member &m : s.members)
            members.insert(m.id);
        if (!first && !m_members.isEmpty()) {
            for (const Member &m : s.members)
                if (!m_members.contains(m.id))
                    add(ClusterEvent::MemberAdded, tr("member %1 joined").arg(m_monitor->memberName(m.id)), m.id);
            for (quint64 id : std::as_const(m_members))
                if (!members.contains(id))
                    add(ClusterEvent::MemberRemoved, tr("member %1 left").arg(QString::number(id, 16)), id);
        }
        m_members = members;
    }

    // The leader. A poll may fall in the middle of an election (no leader yet): that is logged as
    // "no leader", and the next leader as a change from the last one, with the time without one.
    if (s.leaderId != m_leader) {
        if (s.leaderId == 0) {
            if (s.state != ClusterMonitor::State::Unreachable) {
                add(ClusterEvent::LeaderLost, tr("no member reports a leader (was %1)").arg(m_monitor->memberName(m_leader)),
                    m_leader);
                m_leaderlessSince = QDateTime::currentDateTime();
                m_leader = 0;
            }
        } else {
            const QString without = m_leader == 0 && m_leaderlessSince.isValid()
                                        ? tr(", after %1 ms without a leader").arg(m_leaderlessSince.msecsTo(QDateTime::currentDateTime()))
                                        : QString();
            if (m_lastLeader == 0)
                add(ClusterEvent::LeaderElected, tr("%1 leads (term %2)").arg(s.leaderName).arg(s.raftTerm), s.leaderId);
            else if (m_lastLeader == s.leaderId)
                add(ClusterEvent::LeaderElected, tr("%1 leads again (term %2%3)").arg(s.leaderName).arg(s.raftTerm).arg(without),
                    s.leaderId);
            else
                add(ClusterEvent::LeaderChanged, tr("leader changed from %1 to %2 (term %3%4)")
                                                     .arg(m_monitor->memberName(m_lastLeader), s.leaderName)
                                                     .arg(s.raftTerm)
                                                     .arg(without),
                    s.leaderId);
            m_leader = s.leaderId;
            m_lastLeader = s.leaderId;
            m_leaderlessSince = QDateTime();
        }
    }
}

} // namespace etcd
