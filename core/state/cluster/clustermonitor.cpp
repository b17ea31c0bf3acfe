// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/cluster/clustermonitor.h"
#include "client/continuation.h"

namespace etcd {

ClusterMonitor::ClusterMonitor(EtcdClient *client, int intervalMs, QObject *parent) : QObject(parent), m_client(client)
{
    qRegisterMetaType<etcd::ClusterMonitor::Snapshot>();
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ClusterMonitor::pollNow);
}

void ClusterMonitor::start()
{
    m_timer.start();
    pollNow();
}

void ClusterMonitor::stop()
{
    m_timer.stop();
}

QString ClusterMonitor::stateName(State state)
{
    switch (state) {
    case State::Connecting: return tr("Connecting");
    case State::Connected: return tr("Connected");
    case State::Degraded: return tr("Degraded");
    case State::Unreachable: return tr("Unreachable");
    case State::NoQuorum: return tr("No quorum");
    }
    return {};
}

QString ClusterMonitor::EndpointHealth::label() const
{
    return member.isEmpty() ? endpoint : QStringLiteral("%1 (%2)").arg(member, endpoint);
}

QString ClusterMonitor::EndpointHealth::words() const
{
    if (answering)
        return ClusterMonitor::tr("%1 answers").arg(label());
    return ClusterMonitor::tr("%1 is not answering: %2 since %3").arg(label(), reason, downSince.toString(QStringLiteral("HH:mm:ss")));
}

QStringList ClusterMonitor::Snapshot::downInWords() const
{
    QStringList out;
    for (const EndpointHealth &h : health)
        if (!h.answering)
            out << h.words();
    return out;
}

QString ClusterMonitor::memberName(quint64 id) const
{
    for (const Member &m : m_snapshot.members)
        if (m.id == id && !m.name.isEmpty())
            return m.name;
    return id ? QString::number(id, 16) : QString();
}

void ClusterMonitor::pollNow()
{
    if (m_inFlight || !m_client)
        return;
    m_inFlight = true;
    // A status answer must come quickly to mean anything; never wait longer than the poll interval.
    const int timeout = std::max(500, m_timer.interval());
    whenFinished(m_client->maintenance().statusAll(timeout), this,
                 [this](QVector<EndpointStatus> statuses) { onStatuses(statuses); });
}

void ClusterMonitor::onStatuses(const QVector<EndpointStatus> &statuses)
{
    Snapshot next = m_snapshot;
    next.endpoints = statuses;
    next.polledAt = QDateTime::currentDateTime();
    next.currentEndpoint = m_client ? m_client->currentEndpoint() : QString();
    next.lastError = EtcdError();
    int answering = 0;
    quint64 leader = 0;
    bool agree = true;
    for (const EndpointStatus &s : statuses) {
        if (!s.ok()) {
            next.lastError = s.error;
            continue;
        }
        ++answering;
        next.revision = std::max(next.revision, s.header.revision);
        next.raftTerm = std::max(next.raftTerm, s.raftTerm);
        if (s.leaderId != 0) {
            if (leader != 0 && leader != s.leaderId)
                agree = false;
            leader = leader ? leader : s.leaderId;
        }
    }
    next.leaderId = leader;
    if (leader != m_snapshot.leaderId || !next.leaderSince.isValid())
        next.leaderSince = leader ? next.polledAt : QDateTime();
    next.leaderEndpoint.clear();
    for (const EndpointStatus &s : statuses)
        if (s.isLeader())
            next.leaderEndpoint = s.endpoint;
    next.answering = answering;
    // Each endpoint in words, with its member's name kept across an outage.
    const QDateTime now = next.polledAt;
    next.health.clear();
    for (const EndpointStatus &s : statuses) {
        EndpointHealth h;
        h.endpoint = s.endpoint;
        h.answering = s.ok();
        if (s.ok()) {
            m_downSince.remove(s.endpoint);
            for (const Member &m : std::as_const(m_snapshot.members))
                if (m.id == s.memberId && !m.name.isEmpty())
                    m_memberOfEndpoint.insert(s.endpoint, m.name);
        } else {
            if (!m_downSince.contains(s.endpoint))
                m_downSince.insert(s.endpoint, now);
            h.downSince = m_downSince.value(s.endpoint);
            h.reason = s.error.plainReason();
            h.detail = s.error.toString();
        }
        h.member = m_memberOfEndpoint.value(s.endpoint);
        next.health.push_back(h);
    }
    // A majority of the voting members must answer. Members whose endpoint is not among ours are
    // not seen here: counted as answering only when a leader is reported (which needs a majority).
    int voters = 0;
    for (const Member &m : std::as_const(m_snapshot.members))
        voters += m.isLearner ? 0 : 1;
    next.voters = std::max(voters, int(statuses.size()));
    next.quorum = next.voters / 2 + 1;
    const int down = int(statuses.size()) - answering;
    const bool majorityDown = next.voters - down < next.quorum;
    if (answering == 0)
        next.state = statuses.isEmpty() ? State::Connecting : State::Unreachable;
    else if (majorityDown)
        next.state = State::NoQuorum;
    else if (answering < statuses.size() || leader == 0 || !agree)
        next.state = State::Degraded;
    else
        next.state = State::Connected;
    if (leader != 0 && !majorityDown)
        next.lastQuorumAt = now;

    // The new snapshot and its signals appear together, once the member names are in: a reader
    // of snapshot() never sees a state whose signals have not been sent yet.
    auto publish = [this](Snapshot complete) {
        const State previousState = m_snapshot.state;
        const quint64 previousLeader = m_snapshot.leaderId;
        const bool firstPoll = m_polls == 0;
        m_snapshot = std::move(complete);
        m_snapshot.leaderName = memberName(m_snapshot.leaderId);
        // Endpoints by their members' client URLs: a member down since before the first poll has a
        // name too, as long as another member lists it.
        for (const Member &m : std::as_const(m_snapshot.members))
            for (const QString &url : m.clientUrls)
                if (!m.name.isEmpty())
                    m_memberOfEndpoint.insert(ConnectionOptions::normalizeEndpoint(url), m.name);
        for (EndpointHealth &h : m_snapshot.health)
            if (h.member.isEmpty())
                h.member = m_memberOfEndpoint.value(h.endpoint);
        ++m_polls;
        m_inFlight = false;
        Q_EMIT updated(m_snapshot);
        if (firstPoll || previousState != m_snapshot.state)
            Q_EMIT stateChanged(m_snapshot.state);
        if (!firstPoll && previousLeader != m_snapshot.leaderId)
            Q_EMIT leaderChanged(previousLeader, m_snapshot.leaderId);
    };
    if (answering == 0 || !m_client)
        return publish(std::move(next));
    // Names come from the member list; one call per poll is cheap and keeps them current.
    whenFinished(m_client->cluster().memberList(), this, [publish, next](EtcdResult<MemberList> r) mutable {
        if (r.ok())
            next.members = r->members;
        publish(std::move(next));
    });
}

} // namespace etcd
