// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "cluster/sandboxactions.h"

#include "sandbox/faultnetwork.h"
#include "state/cluster/clusterevents.h"

#include <QMenu>
#include <QMessageBox>

namespace etcd::ui {

SandboxActions::SandboxActions(SandboxControl *control, QWidget *dialogParent, QObject *parent)
    : QObject(parent), m_control(control), m_dialogParent(dialogParent)
{
    connect(control, &SandboxControl::performed, this, [this](const QString &sentence, const QString &endpoint) {
        if (m_log)
            m_log->noteAction(sentence, endpoint);
    });
}

void SandboxActions::setEventLog(ClusterEventLog *log)
{
    m_log = log;
}

void SandboxActions::setFaults(SandboxFaults *faults, std::function<int()> leader)
{
    m_faults = faults;
    m_leader = std::move(leader);
    connect(faults, &SandboxFaults::performed, this, [this](const QString &sentence, const QString &endpoint) {
        if (m_log)
            m_log->noteAction(sentence, endpoint);
    });
}

void SandboxActions::populate(QMenu *menu)
{
    if (!m_control)
        return;
    for (int i = 0; i < m_control->memberCount(); ++i) {
        QMenu *member = menu->addMenu(m_control->memberName(i));
        member->setObjectName(QStringLiteral("sandboxMember%1Menu").arg(i));
        connect(member, &QMenu::aboutToShow, this, [this, member, i] { fillMemberMenu(member, i); });
        fillMemberMenu(member, i);
        // The title says the state; refreshed whenever the parent menu opens.
        connect(menu, &QMenu::aboutToShow, member, [this, member, i] {
            if (m_control)
                member->setTitle(
                    tr("%1 (%2) — %3").arg(m_control->memberName(i), m_control->endpoint(i), m_control->stateText(i)));
        });
        member->setTitle(
            tr("%1 (%2) — %3").arg(m_control->memberName(i), m_control->endpoint(i), m_control->stateText(i)));
    }
    QAction *all = menu->addAction(tr("Restart &all that are down"));
    all->setObjectName(QStringLiteral("sandboxRestartAllAction"));
    all->setToolTip(tr("Every member that is stopped, killed or paused runs again; running members stay as they are"));
    connect(all, &QAction::triggered, this, [this] { restartAll(); });
    if (!m_faults || !m_faults->isAvailable())
        return;
    menu->addSeparator();
    struct Entry
    {
        const char *name;
        QString text;
        QString tip;
        std::function<void()> run;
    };
    const Entry entries[] = {
        {"sandboxIsolateLeaderAction", tr("Cut the etcd &leader off (partition)"),
         tr("The raft leader keeps running but can reach no peer: the others elect a new leader"),
         [this] { isolateLeader(); }},
        {"sandboxLoseQuorumAction", tr("Lose &quorum (cut off two of three)"),
         tr("No majority can talk: no leader, no writes, no lease keep-alives until the network heals"),
         [this] { loseQuorum(); }},
        {"sandboxHealNetworkAction", tr("Restore the &network"), tr("Every link healed, no delay"),
         [this] { healNetwork(); }},
    };
    for (const Entry &e : entries) {
        QAction *a = menu->addAction(e.text);
        a->setObjectName(QLatin1String(e.name));
        a->setToolTip(e.tip);
        connect(a, &QAction::triggered, this, e.run);
    }
}

void SandboxActions::fillNetworkItems(QMenu *menu, int member)
{
    if (!m_faults || !m_faults->isAvailable())
        return;
    menu->addSeparator();
    const bool isolated = m_faults->isIsolated(member);
    QAction *cut =
        menu->addAction(isolated ? tr("Re&connect to its peers") : tr("&Cut off from its peers (partition)"));
    cut->setObjectName(QStringLiteral("sandboxIsolateMember%1").arg(member));
    cut->setToolTip(isolated ? tr("Heal the partition: it catches up with the leader's log")
                             : tr("It keeps running and answering clients, but sends and hears no raft message"));
    connect(cut, &QAction::triggered, this,
            [this, member, isolated] { isolated ? reconnect(member) : isolate(member); });
    // One link only: raft does not relay, so a follower cut from the leader alone loses it.
    for (int other = 0; other < m_faults->memberCount(); ++other) {
        if (other == member)
            continue;
        const bool pairCut = m_faults->network()->pairFault(member, other).cut;
        QAction *pair = menu->addAction(pairCut ? tr("Restore the link to %1").arg(m_faults->memberName(other))
                                                : tr("Cut the link to %1 only").arg(m_faults->memberName(other)));
        pair->setObjectName(QStringLiteral("sandboxPairMember%1To%2").arg(member).arg(other));
        connect(pair, &QAction::triggered, this, [this, member, other, pairCut] {
            said(pairCut ? m_faults->healPair(member, other) : m_faults->cutPair(member, other));
        });
    }
    QMenu *links = menu->addMenu(tr("&Links: %1").arg(m_faults->links(member).describe()));
    links->setObjectName(QStringLiteral("sandboxLinksMember%1").arg(member));
    for (int preset = -1; preset < 3; ++preset) {
        QAction *a = links->addAction(preset < 0 ? tr("Normal") : SandboxFaults::slowPresetName(preset));
        a->setObjectName(QStringLiteral("sandboxLinks%1Member%2").arg(preset + 1).arg(member));
        connect(a, &QAction::triggered, this, [this, member, preset] { slowLinks(member, preset); });
    }
}

QString SandboxActions::said(const QString &sentence)
{
    Q_EMIT performed(sentence);
    return sentence;
}

QString SandboxActions::isolate(int member)
{
    if (!m_faults)
        return {};
    // Cutting this member off leaves a majority only if the rest can still reach each other.
    if (m_faults->hasQuorum() && !m_faults->hasQuorum(member) && !m_acknowledged) {
        if (!confirm(tr("Cut %1 off? No majority of members could then reach each other: the cluster loses quorum "
                        "until the network heals (Sandbox ▸ Restore the network).")
                         .arg(m_faults->memberName(member))))
            return {};
        m_acknowledged = true;
    }
    return said(m_faults->isolate(member));
}

QString SandboxActions::reconnect(int member)
{
    return m_faults ? said(m_faults->reconnect(member)) : QString();
}

QString SandboxActions::slowLinks(int member, int preset)
{
    if (!m_faults)
        return {};
    return said(m_faults->slowLinks(member, preset < 0 ? LinkFault() : SandboxFaults::slowPreset(preset)));
}

QString SandboxActions::isolateLeader()
{
    if (!m_faults)
        return {};
    return said(m_faults->isolateLeader(m_leader ? m_leader() : -1));
}

QString SandboxActions::loseQuorum()
{
    if (!m_faults)
        return {};
    if (!m_acknowledged) {
        if (!confirm(tr("Lose quorum on purpose? Two of three members are cut off: no leader, no writes, no lease "
                        "keep-alives until the network heals (Sandbox ▸ Restore the network).")))
            return {};
        m_acknowledged = true;
    }
    return said(m_faults->loseQuorum(m_leader ? m_leader() : -1));
}

QString SandboxActions::healNetwork()
{
    return m_faults ? said(m_faults->healAll()) : QString();
}

void SandboxActions::fillMemberMenu(QMenu *menu, int member)
{
    menu->clear();
    if (!m_control)
        return;
    using A = SandboxControl::Action;
    const struct
    {
        A action;
        const char *text;
        const char *tip;
    } entries[] = {
        {A::Stop, QT_TR_NOOP("&Stop (SIGTERM)"),
         QT_TR_NOOP("A clean shutdown: it leaves the cluster's traffic and can be restarted")},
        {A::Kill, QT_TR_NOOP("&Kill (SIGKILL)"), QT_TR_NOOP("Gone at once, as in a crash or power loss")},
        {A::Pause, QT_TR_NOOP("&Pause (SIGSTOP)"),
         QT_TR_NOOP("Frozen: connections stay open but nothing answers, as a hung process")},
        {A::Resume, QT_TR_NOOP("Res&ume (SIGCONT)"), QT_TR_NOOP("A paused member runs on")},
        {A::Restart, QT_TR_NOOP("&Restart"), QT_TR_NOOP("Start it again with its data, same name and ports")},
    };
    for (const auto &e : entries) {
        QAction *a = menu->addAction(tr(e.text));
        a->setToolTip(tr(e.tip));
        a->setObjectName(QStringLiteral("sandbox%1Member%2").arg(SandboxControl::actionName(e.action)).arg(member));
        a->setEnabled(m_control->canDo(member, e.action));
        const A action = e.action;
        connect(a, &QAction::triggered, this, [this, member, action] { perform(member, action); });
    }
    fillNetworkItems(menu, member);
}

bool SandboxActions::confirm(const QString &question)
{
    if (m_confirm)
        return m_confirm(question);
    return QMessageBox::question(m_dialogParent, tr("Lose quorum?"), question, QMessageBox::Yes | QMessageBox::Cancel,
                                 QMessageBox::Cancel) == QMessageBox::Yes;
}

QString SandboxActions::perform(int member, SandboxControl::Action action)
{
    if (!m_control)
        return {};
    if (m_control->losesQuorum(member, action) && !m_acknowledged) {
        const QString question =
            tr("%1 %2? Only %3 of %4 members would run, and %5 are needed: the cluster loses quorum. No leader can be "
               "elected, writes, linearizable reads and lease keep-alives fail until a member comes back "
               "(Sandbox ▸ %2 ▸ Restart, or Restart all).")
                .arg(SandboxControl::actionName(action), m_control->memberName(member))
                .arg(m_control->runningCount() - 1)
                .arg(m_control->memberCount())
                .arg(m_control->quorum());
        if (!confirm(question))
            return {};
        m_acknowledged = true;
    }
    const QString sentence = m_control->perform(member, action);
    Q_EMIT performed(sentence);
    return sentence;
}

QString SandboxActions::restartAll()
{
    if (!m_control)
        return {};
    const QString sentence = m_control->restartAll();
    Q_EMIT performed(sentence);
    return sentence;
}

} // namespace etcd::ui
