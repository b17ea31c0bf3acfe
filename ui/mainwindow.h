#pragma once

#include "state/clustermonitor.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QTabWidget;

namespace etcd::ui {

class ConnectionPage;

// Arranges the views and keeps the status bar current; the views do the work.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // "prod-east (3 endpoints)", marked read-only or sandbox in the title and the status bar.
    void setConnectionTitle(const QString &name, bool readOnly, bool sandbox);
    void attach(EtcdClient *client, ClusterMonitor *monitor);
    void showMessage(const QString &title, const QString &detail, bool isError);

    ConnectionPage *connectionPage() const { return m_connectionPage; }
    // Views are tabs; `id` names them for --view. The connection view is "connection".
    void addView(const QString &id, const QString &title, QWidget *view, bool first = false);
    bool showView(const QString &id);
    QWidget *view(const QString &id) const;
    QStringList viewIds() const;
    // The status bar's current text, for tests and screenshots: "Connected | 127.0.0.1:2379 | ..."
    QString statusSummary() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void onUpdated(const ClusterMonitor::Snapshot &snapshot);
    void showAbout();

    ConnectionPage *m_connectionPage = nullptr;
    QTabWidget *m_tabs = nullptr;
    QStringList m_viewIds;
    QPointer<EtcdClient> m_client;
    QPointer<ClusterMonitor> m_monitor;
    QLabel *m_state = nullptr;
    QLabel *m_endpoint = nullptr;
    QLabel *m_leader = nullptr;
    QLabel *m_revision = nullptr;
    QLabel *m_badge = nullptr;
    QString m_etcdVersion;
};

} // namespace etcd::ui
