// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "cluster/sandboxactions.h"

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
                member->setTitle(tr("%1 (%2) — %3").arg(m_control->memberName(i), m_control->endpoint(i), m_control->stateText(i)));
        });
        member->setTitle(tr("%1 (%2) — %3").arg(m_control->memberName(i), m_control->endpoint(i), m_control->stateText(i)));
    }
    QAction *all = menu->addAction(tr("Restart &all that are down"));
    all->setObjectName(QStringLiteral("sandboxRestartAllAction"));
    all->setToolTip(tr("Every member that is stopped, killed or paused runs again; running members stay as they are"));
    connect(all, &QAction::triggered, this, [this] { restartAll(); });
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
        {A::Stop, QT_TR_NOOP("&Stop (SIGTERM)"), QT_TR_NOOP("A clean shutdown: it leaves the cluster's traffic and can be restarted")},
        {A::Kill, QT_TR_NOOP("&Kill (SIGKILL)"), QT_TR_NOOP("Gone at once, as in a crash or power loss")},
        {A::Pause, QT_TR_NOOP("&Pause (SIGSTOP)"), QT_TR_NOOP("Frozen: connections stay open but nothing answers, as a hung process")},
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
