// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/connectionoptions.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

namespace etcd {
namespace ssh {
struct TunnelStatus;
}
class ActivityMeter;
class EtcdClient;
class ClusterMonitor;
class LocalCluster;
namespace ui {
class MainWindow;
class KeyBrowser;
class ServicesView;
class ActivityView;
class FailoverPanel;
class LeasesView;
class SecurityView;
class KubernetesView;
class LocksView;
class SandboxActions;
} // namespace ui
} // namespace etcd

// One open connection: its client, monitor and window with every view. The console can hold several
// (File > Connect to cluster... opens another window), each labelled with its profile name and colour.
class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    struct Setup
    {
        etcd::ConnectionOptions connection;
        QString title;           // "prod-east", "local sandbox", "127.0.0.1:2379"
        QString colorTag;        // "#rrggbb" or empty
        QByteArray scope;        // browse only under this prefix
        char delimiter = '/';    // splits keys into folders; 0: a flat list
        QString view = QStringLiteral("keys");
        QByteArray select;       // key to open in the key browser
        etcd::LocalCluster *sandbox = nullptr; // set: this session is the sandbox's ("Kill etcd leader")
    };

    // The window exists from the start (it shows "starting the sandbox..." or why nothing can be
    // connected); open() connects it.
    explicit ConsoleSession(QObject *parent = nullptr);
    ~ConsoleSession() override;

    void open(Setup setup);
    bool isOpen() const { return m_client != nullptr; }
    const Setup &setup() const { return m_setup; }
    etcd::ui::MainWindow *window() const { return m_window.get(); }
    etcd::EtcdClient *client() const { return m_client.get(); }
    etcd::ClusterMonitor *monitor() const { return m_monitor.get(); }
    // Whether the first view has everything it shows (for --screenshot).
    bool viewIsLoaded() const;

Q_SIGNALS:
    void progressed();     // something loaded: check viewIsLoaded() again
    void windowClosing();  // the user closed the window: the owner deletes the session later

public:
    // The member actions of the sandbox (nullptr without one): for tests.
    etcd::ui::SandboxActions *sandboxActions() const { return m_sandboxActions; }

private:
    void addViews();
    void addSandboxControls(etcd::LocalCluster *sandbox);
    void showTunnel(const etcd::ssh::TunnelStatus &status);

    Setup m_setup;
    std::unique_ptr<etcd::EtcdClient> m_client;
    std::unique_ptr<etcd::ClusterMonitor> m_monitor;
    std::unique_ptr<etcd::ui::MainWindow> m_window;
    etcd::ui::KeyBrowser *m_browser = nullptr;     // owned by the window
    etcd::ui::ServicesView *m_services = nullptr;  // owned by the window
    etcd::ui::LeasesView *m_leases = nullptr;      // owned by the window
    etcd::ui::ActivityView *m_activity = nullptr;  // owned by the window
    etcd::ui::KubernetesView *m_kubernetes = nullptr; // owned by the window
    etcd::ui::LocksView *m_locks = nullptr;        // owned by the window
    etcd::ui::FailoverPanel *m_failover = nullptr; // owned by the window
    etcd::ui::SecurityView *m_security = nullptr;  // owned by the window
    bool m_securityLoaded = false;
    etcd::ActivityMeter *m_meter = nullptr;
    etcd::ui::SandboxActions *m_sandboxActions = nullptr;
    bool m_selectionShown = false;
    bool m_tunnelBanner = false; // the notice banner shows the SSH tunnel's trouble
};
