// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/cluster/clusterevents.h"
#include "state/cluster/clustermonitor.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QTableView;
class QToolButton;
class QVBoxLayout;

namespace etcd {
class RequestRate;
}

namespace etcd::ui {

class ClusterEventsModel;
class MaintenancePanel;
class SandboxActions;

class EndpointStatusModel;
class MembersModel;
class SummaryCard;

// What the console knows about the connection: a state banner, every endpoint's polled status and
// the member list. Fed by a ClusterMonitor; it never talks to etcd itself.
class ConnectionPage : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionPage(QWidget *parent = nullptr);

    // With a client, the maintenance actions appear too (defragment, snapshot, compact, ...).
    void setMonitor(ClusterMonitor *monitor, EtcdClient *client = nullptr);
    MaintenancePanel *maintenancePanel() const { return m_maintenance; }
    // A sandbox's members get buttons here (stop, kill, pause, resume, restart; restart all) and a
    // context menu on their endpoint rows. Call after setMonitor(): actions go to its event log.
    void setSandbox(SandboxActions *actions);
    // Before there is a connection (sandbox starting) or when there cannot be one.
    void showMessage(const QString &title, const QString &detail, bool isError);

    EndpointStatusModel *endpointModel() const { return m_endpointModel; }
    ClusterEventLog *eventLog() const { return m_eventLog; }
    ClusterEventsModel *eventsModel() const { return m_eventsModel; }
    MembersModel *membersModel() const { return m_membersModel; }
    QString bannerText() const;

private:
    void onUpdated(const ClusterMonitor::Snapshot &snapshot);
    void setBanner(const QString &color, const QString &title, const QString &detail);

    void updateCards(const ClusterMonitor::Snapshot &snapshot);

    QLabel *m_banner = nullptr;
    SummaryCard *m_leaderCard = nullptr;
    SummaryCard *m_revisionCard = nullptr;
    SummaryCard *m_membersCard = nullptr;
    SummaryCard *m_dbCard = nullptr;
    SummaryCard *m_versionCard = nullptr;
    SummaryCard *m_loadCard = nullptr;
    RequestRate *m_requestRate = nullptr;
    QTableView *m_endpoints = nullptr;
    QTableView *m_members = nullptr;
    EndpointStatusModel *m_endpointModel = nullptr;
    MembersModel *m_membersModel = nullptr;
    QTableView *m_events = nullptr;
    ClusterEventLog *m_eventLog = nullptr;
    ClusterEventsModel *m_eventsModel = nullptr;
    MaintenancePanel *m_maintenance = nullptr;
    QVBoxLayout *m_layout = nullptr;
    SandboxActions *m_sandbox = nullptr;
    QWidget *m_sandboxRow = nullptr;
    QVector<QToolButton *> m_memberButtons;
    void updateMemberButtons();
    void showEndpointMenu(const QPoint &at);
};

} // namespace etcd::ui
