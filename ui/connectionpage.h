#pragma once

#include "state/clustermonitor.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace etcd::ui {

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

    void setMonitor(ClusterMonitor *monitor);
    // Before there is a connection (sandbox starting) or when there cannot be one.
    void showMessage(const QString &title, const QString &detail, bool isError);

    EndpointStatusModel *endpointModel() const { return m_endpointModel; }
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
    QTableView *m_endpoints = nullptr;
    QTableView *m_members = nullptr;
    EndpointStatusModel *m_endpointModel = nullptr;
    MembersModel *m_membersModel = nullptr;
};

} // namespace etcd::ui
