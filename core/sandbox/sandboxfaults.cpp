// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/sandboxfaults.h"

#include "sandbox/faultnetwork.h"

#include <QStringList>

namespace etcd {

SandboxFaults::SandboxFaults(LocalCluster *cluster, QObject *parent) : QObject(parent), m_cluster(cluster)
{
    if (FaultNetwork *net = network())
        connect(net, &FaultNetwork::faultsChanged, this, &SandboxFaults::changed);
}

FaultNetwork *SandboxFaults::network() const
{
    return m_cluster ? m_cluster->faultNetwork() : nullptr;
}

bool SandboxFaults::isAvailable() const
{
    return network() != nullptr;
}

int SandboxFaults::memberCount() const
{
    return m_cluster ? m_cluster->memberCount() : 0;
}

QString SandboxFaults::memberName(int i) const
{
    return m_cluster ? m_cluster->memberName(i) : QString();
}

QString SandboxFaults::who(int i) const
{
    return tr("%1 (%2)").arg(memberName(i), m_cluster ? m_cluster->clientEndpoint(i) : QString());
}

bool SandboxFaults::isIsolated(int i) const
{
    return network() && network()->memberFault(i).cut;
}

LinkFault SandboxFaults::links(int i) const
{
    return network() ? network()->memberFault(i) : LinkFault();
}

QVector<int> SandboxFaults::largestConnectedGroup(int alsoCut) const
{
    // Members reach each other when both run and their link is not cut; raft needs a majority that
    // is connected all to all (a leader talks to each follower directly).
    const int n = memberCount();
    FaultNetwork *net = network();
    auto up = [this](int i) { return m_cluster && m_cluster->memberState(i) == LocalCluster::MemberState::Running; };
    auto cutOff = [net, alsoCut](int i) { return i == alsoCut || (net && net->memberFault(i).cut); };
    auto linked = [net, cutOff](int a, int b) {
        return !(cutOff(a) || cutOff(b) || (net && net->pairFault(a, b).cut));
    };
    QVector<int> best;
    for (int mask = 1; mask < (1 << n); ++mask) {
        QVector<int> group;
        bool ok = true;
        for (int i = 0; i < n && ok; ++i) {
            if (!(mask & (1 << i)))
                continue;
            ok = up(i);
            for (int j : group)
                ok = ok && linked(i, j);
            group << i;
        }
        if (ok && group.size() > best.size())
            best = group;
    }
    return best;
}

bool SandboxFaults::hasQuorum(int alsoCut) const
{
    return largestConnectedGroup(alsoCut).size() >= memberCount() / 2 + 1;
}

QString SandboxFaults::majorityText() const
{
    const QVector<int> group = largestConnectedGroup();
    const int quorum = memberCount() / 2 + 1;
    QStringList names;
    for (int i : group)
        names << memberName(i);
    if (group.size() >= quorum)
        return tr("%1 still reach each other, a majority (%2 of %3): the cluster keeps working; a member cut off "
                  "from it runs and answers clients but has no leader, so it serves no writes and no linearizable "
                  "reads.")
            .arg(names.join(QStringLiteral(", ")))
            .arg(group.size())
            .arg(memberCount());
    return tr("No %1 members can reach each other: the cluster has NO QUORUM. No leader, no writes, no lease "
              "keep-alives: the workers' leases run out.")
        .arg(quorum);
}

QString SandboxFaults::done(const QString &sentence, const QString &endpoint)
{
    Q_EMIT performed(sentence, endpoint);
    return sentence;
}

QString SandboxFaults::isolate(int i)
{
    return isolateAs(i, QString());
}

QString SandboxFaults::isolateAs(int i, const QString &role)
{
    if (!isAvailable())
        return tr("This sandbox was started without its fault network.");
    LinkFault f = network()->memberFault(i);
    f.cut = true;
    network()->setMemberFault(i, f);
    return done(
        tr("%1%2 cut off from its peers (a network partition): it keeps running. %3").arg(role, who(i), majorityText()),
        m_cluster->clientEndpoint(i));
}

QString SandboxFaults::reconnect(int i)
{
    if (!isAvailable())
        return tr("This sandbox was started without its fault network.");
    LinkFault f = network()->memberFault(i);
    f.cut = false;
    network()->setMemberFault(i, f);
    return done(tr("%1 reconnected to its peers: it catches up with the leader's log. %2").arg(who(i), majorityText()),
                m_cluster->clientEndpoint(i));
}

QString SandboxFaults::slowLinks(int i, const LinkFault &fault)
{
    if (!isAvailable())
        return tr("This sandbox was started without its fault network.");
    LinkFault f = fault;
    f.cut = network()->memberFault(i).cut;
    network()->setMemberFault(i, f);
    const QString what = fault.isNone()
                             ? tr("%1's links are back to normal.").arg(who(i))
                             : tr("%1's links to its peers: %2. Raft messages arrive late; past the election timeout "
                                  "(500 ms here) heartbeats are missed and elections follow.")
                                   .arg(who(i), fault.describe());
    return done(what, m_cluster->clientEndpoint(i));
}

QString SandboxFaults::cutPair(int a, int b)
{
    if (!isAvailable())
        return tr("This sandbox was started without its fault network.");
    LinkFault cut;
    cut.cut = true;
    network()->setPairFault(a, b, cut);
    return done(tr("The link between %1 and %2 is cut; both keep their other links. Raft does not relay: if one of "
                   "them leads, the other hears no leader. %3")
                    .arg(memberName(a), memberName(b), majorityText()),
                QString());
}

QString SandboxFaults::healPair(int a, int b)
{
    if (!isAvailable())
        return tr("This sandbox was started without its fault network.");
    network()->setPairFault(a, b, LinkFault());
    return done(tr("The link between %1 and %2 is back. %3").arg(memberName(a), memberName(b), majorityText()),
                QString());
}

QString SandboxFaults::isolateLeader(int leader)
{
    if (leader < 0 || leader >= memberCount())
        return done(tr("No etcd leader to cut off right now (no member reports one: is quorum lost?)."), QString());
    return isolateAs(leader, tr("The raft leader "));
}

QString SandboxFaults::loseQuorum(int keepConnectedHint)
{
    if (!isAvailable())
        return tr("This sandbox was started without its fault network.");
    // Cut off one more member than a majority can spare; the hint (the leader, say) goes first.
    const int n = memberCount();
    const int toCut = n - (n / 2 + 1) + 1;
    LinkFault cut;
    cut.cut = true;
    int cutCount = 0;
    QStringList names;
    for (int k = 0; k < n && cutCount < toCut; ++k) {
        const int i = keepConnectedHint >= 0 ? (keepConnectedHint + k) % n : k;
        LinkFault f = network()->memberFault(i);
        f.cut = true;
        network()->setMemberFault(i, f);
        names << memberName(i);
        ++cutCount;
    }
    return done(tr("Cut off %1 from their peers. %2").arg(names.join(QStringLiteral(", ")), majorityText()), QString());
}

QString SandboxFaults::healAll()
{
    if (!isAvailable())
        return tr("This sandbox was started without its fault network.");
    network()->healAll();
    return done(tr("The sandbox network is whole again: every link healed, no delay. %1").arg(majorityText()),
                QString());
}

LinkFault SandboxFaults::slowPreset(int which)
{
    LinkFault f;
    switch (which) {
    case 0:
        f.latencyMs = 200;
        f.jitterMs = 50;
        break;
    case 1:
        f.latencyMs = 1000;
        f.jitterMs = 200;
        break;
    default:
        f.stallsPerMinute = 12;
        f.stallMs = 1500;
        break;
    }
    return f;
}

QString SandboxFaults::slowPresetName(int which)
{
    switch (which) {
    case 0: return tr("Slow: 200 ms ± 50 ms");
    case 1: return tr("Very slow: 1 s ± 200 ms (past the election timeout)");
    default: return tr("Stalls: 12 a minute, 1.5 s each");
    }
}

} // namespace etcd
