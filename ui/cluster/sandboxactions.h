// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "sandbox/sandboxcontrol.h"
#include "sandbox/sandboxfaults.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QMenu;
class QWidget;

namespace etcd {
class ClusterEventLog;
}

namespace etcd::ui {

// The sandbox member actions as a person meets them: a menu per member (Stop, Kill, Pause, Resume,
// Restart, enabled as the member's state allows), "Restart all", a question before the first
// action that would lose quorum, and every action written to the cluster event log. Shared by the
// Sandbox menu, the Cluster view and the failover panel, so they all behave alike.
class SandboxActions : public QObject
{
    Q_OBJECT
public:
    SandboxActions(SandboxControl *control, QWidget *dialogParent, QObject *parent = nullptr);

    SandboxControl *control() const { return m_control; }
    void setEventLog(ClusterEventLog *log);
    // Tests answer the question here instead of a message box.
    void setConfirmation(std::function<bool(const QString &question)> confirm) { m_confirm = std::move(confirm); }

    // The sandbox's network faults (partitions, slow links), when it was started with them;
    // `leader` says which member leads raft now (-1: none).
    void setFaults(SandboxFaults *faults, std::function<int()> leader);
    SandboxFaults *faults() const { return m_faults; }

    // Fill `menu` with one submenu per member, "Restart all" and the network faults; kept current
    // on every show.
    void populate(QMenu *menu);
    // The actions for one member, enabled by its state (rebuilt when the menu is about to show).
    void fillMemberMenu(QMenu *menu, int member);
    // Does `action` to `member`, asking first when it would lose quorum for the first time in this
    // session. Returns the sentence that says what happened (empty when the person declined).
    QString perform(int member, SandboxControl::Action action);
    QString restartAll();
    // Network faults, asked first when they would lose quorum (as member actions are).
    QString isolate(int member);
    QString reconnect(int member);
    QString slowLinks(int member, int preset); // -1: normal links
    QString isolateLeader();
    QString loseQuorum();
    QString healNetwork();
    // Whether the question has been asked (and answered yes) already.
    bool quorumLossAcknowledged() const { return m_acknowledged; }

Q_SIGNALS:
    void performed(const QString &sentence);

private:
    bool confirm(const QString &question);
    void fillNetworkItems(QMenu *menu, int member);
    QString said(const QString &sentence);

    QPointer<SandboxControl> m_control;
    QPointer<SandboxFaults> m_faults;
    std::function<int()> m_leader;
    QPointer<QWidget> m_dialogParent;
    QPointer<ClusterEventLog> m_log;
    std::function<bool(const QString &)> m_confirm;
    bool m_acknowledged = false;
};

} // namespace etcd::ui
