// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/sandboxcontrol.h"

namespace etcd {

SandboxControl::SandboxControl(LocalCluster *cluster, QObject *parent) : QObject(parent), m_cluster(cluster)
{
    connect(cluster, &LocalCluster::memberStateChanged, this, [this](int i, LocalCluster::MemberState state) {
        if (state == LocalCluster::MemberState::Running && m_cluster)
            Q_EMIT performed(tr("%1 (%2) is running again").arg(memberName(i), endpoint(i)), endpoint(i));
        Q_EMIT membersChanged();
    });
}

int SandboxControl::memberCount() const
{
    return m_cluster ? m_cluster->memberCount() : 0;
}

QString SandboxControl::memberName(int i) const
{
    return m_cluster ? m_cluster->memberName(i) : QString();
}

QString SandboxControl::endpoint(int i) const
{
    return m_cluster ? m_cluster->clientEndpoint(i) : QString();
}

LocalCluster::MemberState SandboxControl::state(int i) const
{
    return m_cluster ? m_cluster->memberState(i) : LocalCluster::MemberState::NotStarted;
}

QString SandboxControl::stateText(int i) const
{
    switch (state(i)) {
    case LocalCluster::MemberState::NotStarted: return tr("not started");
    case LocalCluster::MemberState::Starting: return tr("starting");
    case LocalCluster::MemberState::Running: return tr("running");
    case LocalCluster::MemberState::Paused: return tr("paused");
    case LocalCluster::MemberState::Stopped: return tr("stopped");
    case LocalCluster::MemberState::Killed: return tr("killed");
    case LocalCluster::MemberState::Exited: return tr("exited");
    }
    return {};
}

int SandboxControl::runningCount() const
{
    int n = 0;
    for (int i = 0; i < memberCount(); ++i)
        n += state(i) == LocalCluster::MemberState::Running ? 1 : 0;
    return n;
}

int SandboxControl::quorum() const
{
    return memberCount() / 2 + 1;
}

bool SandboxControl::canDo(int i, Action action) const
{
    const LocalCluster::MemberState s = state(i);
    using S = LocalCluster::MemberState;
    switch (action) {
    case Action::Stop:
    case Action::Kill: return s == S::Running || s == S::Starting || s == S::Paused;
    case Action::Pause: return s == S::Running || s == S::Starting;
    case Action::Resume: return s == S::Paused;
    case Action::Restart: return s != S::NotStarted && s != S::Starting;
    }
    return false;
}

bool SandboxControl::losesQuorum(int i, Action action) const
{
    if (action == Action::Resume || action == Action::Restart || state(i) != LocalCluster::MemberState::Running)
        return false;
    return runningCount() - 1 < quorum();
}

QString SandboxControl::actionName(Action action)
{
    switch (action) {
    case Action::Stop: return tr("Stop");
    case Action::Kill: return tr("Kill");
    case Action::Pause: return tr("Pause");
    case Action::Resume: return tr("Resume");
    case Action::Restart: return tr("Restart");
    }
    return {};
}

QString SandboxControl::consequence(int runningAfter) const
{
    const int n = memberCount();
    if (runningAfter >= quorum())
        return tr("%1 of %2 members run, a majority: the cluster keeps working (if this member led, the others elect a "
                  "new leader within the election timeout).")
            .arg(runningAfter)
            .arg(n);
    return tr("Only %1 of %2 members run, %3 are needed: the cluster has NO QUORUM. No leader can be elected; every "
              "write, every linearizable read and every lease keep-alive fails until a member comes back. Clients "
              "that hold leases (the failover workers) cannot renew them and give up when their TTL runs out.")
        .arg(runningAfter)
        .arg(n)
        .arg(quorum());
}

QString SandboxControl::perform(int i, Action action)
{
    if (!m_cluster || i < 0 || i >= memberCount())
        return tr("The sandbox is gone.");
    const QString who = tr("%1 (%2)").arg(memberName(i), endpoint(i));
    if (!canDo(i, action))
        return tr("%1 is %2: nothing to %3.").arg(who, stateText(i), actionName(action).toLower());
    QString sentence;
    bool ok = false;
    QString error;
    switch (action) {
    case Action::Stop:
        ok = m_cluster->stop(i);
        sentence = tr("%1 stopped (SIGTERM).").arg(who);
        break;
    case Action::Kill:
        ok = m_cluster->kill(i);
        sentence = tr("%1 killed (SIGKILL).").arg(who);
        break;
    case Action::Pause:
        ok = m_cluster->pause(i);
        sentence = tr("%1 paused (SIGSTOP): its process is frozen, its connections stay open and silent.").arg(who);
        break;
    case Action::Resume:
        ok = m_cluster->resume(i);
        sentence = tr("%1 resumed (SIGCONT).").arg(who);
        break;
    case Action::Restart:
        ok = m_cluster->restartLater(i, &error);
        sentence = tr("%1 restarting with its data; it rejoins once its /health answers.").arg(who);
        break;
    }
    if (!ok) {
        sentence = tr("Could not %1 %2%3").arg(actionName(action).toLower(), who,
                                               error.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + error);
    } else if (action == Action::Stop || action == Action::Kill || action == Action::Pause) {
        sentence += QLatin1Char(' ') + consequence(runningCount());
    }
    Q_EMIT performed(sentence, endpoint(i));
    Q_EMIT membersChanged();
    return sentence;
}

QString SandboxControl::restartAll()
{
    QStringList done;
    for (int i = 0; i < memberCount(); ++i) {
        if (state(i) == LocalCluster::MemberState::Running)
            continue; // a working member stays: restarting it would only cost an election
        QString error;
        if (state(i) == LocalCluster::MemberState::Paused ? m_cluster->resume(i) : m_cluster->restartLater(i, &error))
            done << memberName(i);
    }
    const QString sentence = done.isEmpty() ? tr("Every member is running already.")
                                            : tr("Bringing back %1: each rejoins once its /health answers.")
                                                  .arg(done.join(QStringLiteral(", ")));
    Q_EMIT performed(sentence, QString());
    Q_EMIT membersChanged();
    return sentence;
}

} // namespace etcd
