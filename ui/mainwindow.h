// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/cluster/clustermonitor.h"

#include <QDateTime>
#include <QMainWindow>
#include <QPointer>

class QLabel;
class QMenu;
class QTabWidget;

namespace etcd::ui {

class Banner;
class ConnectionPage;

// Arranges the views and keeps the status bar current; the views do the work.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // "prod-east (3 endpoints)", marked read-only or sandbox in the title and the status bar.
    void setConnectionTitle(const QString &name, bool readOnly, bool sandbox);
    // A profile's colour ("#rrggbb", empty for none): a stripe across the window and the badge, so
    // a production window cannot be taken for a test one.
    void setColorTag(const QString &color);
    QString colorTag() const { return m_colorTag; }
    // The strip that explains a sandbox (or any standing note about this connection).
    Banner *noticeBanner() const { return m_notice; }
    // Connection lost / reconnected; driven by the monitor.
    Banner *connectionBanner() const { return m_connectionBanner; }
    // Window geometry, toolbar/dock state and every named splitter, as the user left them.
    void restoreLayout();
    void saveLayout() const;
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
    // Help > About: this version, Qt's, gRPC's and the connected etcd's.
    QString aboutText() const;
    // The "Sandbox" menu (before Help), made on first use: only a sandbox window has one.
    QMenu *sandboxMenu();
    // Every menu action with a shortcut, one a line: "keys\tmenu ▸ submenu\taction" (Help ▸ Keyboard shortcuts).
    QString shortcutList() const;
    // The revision the views have applied: the status bar shows it (etcd's own head is its tooltip).
    void setAppliedRevision(qint64 revision);

Q_SIGNALS:
    void connectRequested(); // File > Connect to cluster...
    void aboutToClose();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void onUpdated(const ClusterMonitor::Snapshot &snapshot);
    void showAbout();
    void addThemeMenu(QMenu *view);
    void updateConnectionBanner(const ClusterMonitor::Snapshot &snapshot);
    void updateRevision();
    void updateViewActions();
    void focusKeys(bool pathBar);
    void showShortcuts();

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
    QWidget *m_stripe = nullptr;
    Banner *m_notice = nullptr;
    Banner *m_connectionBanner = nullptr;
    QMenu *m_helpMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_keyMenu = nullptr;
    QMenu *m_clusterMenu = nullptr;
    QAction *m_viewsSeparator = nullptr;
    QVector<QAction *> m_viewActions;
    QMenu *m_sandboxMenu = nullptr;
    QString m_colorTag;
    QString m_title;
    bool m_readOnly = false;
    bool m_sandbox = false;
    QDateTime m_lostSince;     // valid while no endpoint answers
    QDateTime m_noQuorumSince; // valid while fewer than a majority answer
    qint64 m_appliedRevision = 0;
    QString m_configError; // the connection's settings cannot work (a missing CA file, ...)
    qint64 m_clusterRevision = 0;
    QString m_etcdVersion;
};

} // namespace etcd::ui
