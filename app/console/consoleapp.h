#pragma once

#include "client/connectionoptions.h"

#include <QObject>
#include <QString>

#include <memory>

namespace etcd {
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
} // namespace ui
} // namespace etcd

// Everything etcd-console runs: an optional local sandbox, the client, the monitor and the window,
// created and destroyed in a safe order. Also the headless --screenshot mode.
class ConsoleApp : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        etcd::ConnectionOptions connection;
        QString configError;    // the command line could not be used: shown, never connected
        int sandboxMembers = 0; // > 0: start a local etcd cluster and connect to it
        QString screenshotPath;
        QString view;           // "keys" or "connection"
        QByteArray select;      // key to open in the key browser
        QByteArray scope;       // browse only under this prefix
        char delimiter = '/';   // splits keys into folders; 0: a flat list
        int screenshotTimeoutMs = 30000;
    };

    explicit ConsoleApp(Settings settings, QObject *parent = nullptr);
    ~ConsoleApp() override;

    void start();
    // Exit status for --screenshot runs (set before the event loop ends).
    int exitCode() const { return m_exitCode; }

private:
    void connectTo(const etcd::ConnectionOptions &options, const QString &title, bool sandbox);
    void startSandbox();
    void fail(const QString &title, const QString &detail);
    void maybeTakeScreenshot();
    bool viewIsLoaded() const;
    void finishScreenshot(bool ok, const QString &message);

    Settings m_settings;
    std::unique_ptr<etcd::LocalCluster> m_sandbox;
    std::unique_ptr<etcd::EtcdClient> m_client;
    std::unique_ptr<etcd::ClusterMonitor> m_monitor;
    std::unique_ptr<etcd::ui::MainWindow> m_window;
    etcd::ui::KeyBrowser *m_browser = nullptr; // owned by the window
    etcd::ui::ServicesView *m_services = nullptr; // owned by the window
    etcd::ui::LeasesView *m_leases = nullptr;     // owned by the window
    etcd::ui::ActivityView *m_activity = nullptr; // owned by the window
    etcd::ActivityMeter *m_meter = nullptr;
    etcd::ui::FailoverPanel *m_failover = nullptr; // owned by the window
    bool m_selectionShown = false;
    bool m_screenshotTaken = false; // scheduled
    bool m_screenshotDone = false;  // written (or failed): never twice
    int m_exitCode = 0;
};
