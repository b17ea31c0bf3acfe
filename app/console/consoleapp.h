// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/connectionoptions.h"
#include "client/etcderror.h"
#include "console/consolesession.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QSettings;

namespace etcd {
struct ConnectionProfile;
class DemoContention;
class DemoSeeder;
class DemoTraffic;
class PasswordVault;
class ProfileStore;
class EtcdClient;
class LocalCluster;
} // namespace etcd

// Everything etcd-console runs: an optional local sandbox with demo data, one window per open
// connection (ConsoleSession), created and destroyed in a safe order. Also the headless --screenshot
// mode, which pictures the first window.
class ConsoleApp : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        etcd::ConnectionOptions connection;
        QString title;                 // window label; empty: the endpoint(s)
        QString profile;               // connect with this saved profile (--profile, or the last used)
        QString colorTag;              // "#rrggbb" or empty
        QString configError;           // the command line could not be used: shown, never connected
        int sandboxMembers = 0;        // > 0: start a local etcd cluster and connect to it
        bool sandboxIsDefault = false; // started because no endpoint was given anywhere
        bool demoData = true;          // seed the sandbox with demo data
        bool demoTraffic = true;       // and keep a light workload running on it (Sandbox > Demo traffic)
        QString screenshotPath;
        QString view;         // "keys", "connection", ...
        QByteArray select;    // key to open in the key browser
        QByteArray scope;     // browse only under this prefix
        char delimiter = '/'; // splits keys into folders; 0: a flat list
        int screenshotTimeoutMs = 30000;
        int screenshotDelayMs = 0; // wait this long once the view is loaded (live plots fill up)
    };

    explicit ConsoleApp(Settings settings, QObject *parent = nullptr);
    ~ConsoleApp() override;

    void start();
    // Exit status for --screenshot runs (set before the event loop ends).
    int exitCode() const { return m_exitCode; }

    // The open windows, first opened first.
    QList<ConsoleSession *> sessions() const;

    // The sandbox's demo workload (null without a seeded sandbox).
    etcd::DemoTraffic *demoTraffic() const { return m_traffic; }

    // Opens a window connected with `connection` (File > Connect to cluster... ends here).
    ConsoleSession *openConnection(const etcd::ConnectionOptions &connection, const QString &title,
                                   const QString &colorTag, const QByteArray &scope);

    // File > Connect to cluster...: the profiles dialog; Connect opens a new window (or, before the
    // first window has a connection, connects that one).
    void showConnectDialog(const QString &selectProfile = {});

private:
    ConsoleSession *newSession();
    ConsoleSession::Setup setupFor(const etcd::ConnectionOptions &connection, const QString &title,
                                   const QString &colorTag, const QByteArray &scope) const;
    void openFirst(ConsoleSession::Setup setup);
    void openProfile(const QString &name);
    void openWithPassword(const etcd::ConnectionProfile &profile, const QString &password);
    void onWindowClosing(ConsoleSession *session);
    void startSandbox();
    void seedSandbox();
    void openSandboxSession();
    void startDemoTraffic();
    void fail(const QString &title, const QString &detail, const QString &bannerHtml = {});
    void maybeTakeScreenshot();
    void finishScreenshot(bool ok, const QString &message);

    Settings m_settings;
    std::unique_ptr<etcd::LocalCluster> m_sandbox;
    std::unique_ptr<etcd::EtcdClient> m_seedClient; // keeps the demo services' leases alive
    etcd::DemoSeeder *m_seeder = nullptr;
    etcd::DemoTraffic *m_traffic = nullptr;
    etcd::DemoContention *m_contention = nullptr; // the sandbox's demo lock and election
    std::unique_ptr<QSettings> m_appSettings;
    std::unique_ptr<etcd::ProfileStore> m_profiles;
    etcd::PasswordVault *m_vault = nullptr;
    QList<QPointer<ConsoleSession>> m_sessions;
    QPointer<ConsoleSession> m_first; // the window --screenshot pictures
    bool m_screenshotTaken = false;   // scheduled
    bool m_screenshotDone = false;    // written (or failed): never twice
    int m_exitCode = 0;
};
