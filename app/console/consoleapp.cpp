// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "console/consoleapp.h"

#include "common/banner.h"
#include "client/continuation.h"
#include "client/etcdclient.h"
#include "connection/connectiondialog.h"
#include "console/consolesession.h"
#include "mainwindow.h"
#include "sandbox/democontention.h"
#include "sandbox/demoseeder.h"
#include "sandbox/demotraffic.h"
#include "sandbox/localcluster.h"
#include "state/cluster/clustermonitor.h"
#include "state/profiles/connectionprofile.h"
#include "state/profiles/passwordvault.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QPixmap>
#include <QPoint>
#include <QSettings>
#include <QTimer>

#include <cstdio>

using namespace etcd;

namespace {
const char *kInstallEtcd = "sudo apt-get install etcd-server etcd-client";
}

ConsoleApp::ConsoleApp(Settings settings, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_appSettings(std::make_unique<QSettings>()),
      m_profiles(std::make_unique<etcd::ProfileStore>(m_appSettings.get())), m_vault(new PasswordVault(this))
{}

ConsoleApp::~ConsoleApp()
{
    // Windows and their connections first, then the demo services, and the sandbox's etcd last.
    for (const QPointer<ConsoleSession> &session : m_sessions)
        delete session.data();
    delete m_traffic;
    delete m_contention;
    delete m_seeder;
    m_seedClient.reset();
    m_sandbox.reset();
}

QList<ConsoleSession *> ConsoleApp::sessions() const
{
    QList<ConsoleSession *> open;
    for (const QPointer<ConsoleSession> &session : m_sessions)
        if (session)
            open << session.data();
    return open;
}

ConsoleSession *ConsoleApp::newSession()
{
    auto *session = new ConsoleSession(this);
    m_sessions << session;
    connect(session, &ConsoleSession::windowClosing, this, [this, session] { onWindowClosing(session); });
    connect(session->window(), &ui::MainWindow::connectRequested, this, [this] { showConnectDialog(); });
    if (m_settings.screenshotPath.isEmpty())
        session->window()->show();
    return session;
}

void ConsoleApp::onWindowClosing(ConsoleSession *session)
{
    m_sessions.removeAll(session);
    session->deleteLater();
}

void ConsoleApp::start()
{
    m_first = newSession();
    if (!m_settings.screenshotPath.isEmpty())
        QTimer::singleShot(m_settings.screenshotTimeoutMs + std::max(0, m_settings.screenshotDelayMs), this, [this] {
            finishScreenshot(false, QStringLiteral("timed out after %1 ms waiting for the view to load")
                                        .arg(m_settings.screenshotTimeoutMs));
        });

    if (!m_settings.configError.isEmpty())
        return fail(tr("Cannot connect"), m_settings.configError);
    if (m_settings.sandboxMembers > 0)
        return startSandbox();
    if (!m_settings.profile.isEmpty())
        return openProfile(m_settings.profile);
    const QStringList eps = m_settings.connection.endpoints;
    const QString title = !m_settings.title.isEmpty() ? m_settings.title
                          : eps.size() == 1           ? eps.first()
                                                      : tr("%1 endpoints").arg(eps.size());
    openFirst(setupFor(m_settings.connection, title, m_settings.colorTag, m_settings.scope));
}

ConsoleSession::Setup ConsoleApp::setupFor(const ConnectionOptions &connection, const QString &title,
                                           const QString &colorTag, const QByteArray &scope) const
{
    ConsoleSession::Setup setup;
    setup.connection = connection;
    // Wherever the connection is named, it says which way it goes.
    setup.title = connection.ssh.isEnabled() && !title.contains(QLatin1String(" via "))
                      ? tr("%1 via %2").arg(title, connection.ssh.destination)
                      : title;
    setup.colorTag = colorTag;
    setup.scope = scope;
    setup.delimiter = m_settings.delimiter;
    return setup;
}

void ConsoleApp::openFirst(ConsoleSession::Setup setup)
{
    // The first window shows what the command line asked for, and is the one --screenshot takes.
    setup.view = m_settings.view;
    setup.select = m_settings.select;
    connect(m_first, &ConsoleSession::progressed, this, &ConsoleApp::maybeTakeScreenshot);
    m_first->open(setup);
    // Settings that cannot work (a CA file that is not there): said at once, not after a timeout.
    if (m_first->client() && m_first->client()->configError())
        fail(tr("Configuration error"), m_first->client()->configError().toString());
}

ConsoleSession *ConsoleApp::openConnection(const ConnectionOptions &connection, const QString &title,
                                           const QString &colorTag, const QByteArray &scope)
{
    ConsoleSession *session = newSession();
    session->open(setupFor(connection, title, colorTag, scope));
    // Windows restore the same remembered geometry: step a new one aside so none hides another.
    if (m_sessions.size() > 1 && m_sessions.at(m_sessions.size() - 2))
        session->window()->move(m_sessions.at(m_sessions.size() - 2)->window()->pos() + QPoint(32, 32));
    return session;
}

void ConsoleApp::showConnectDialog(const QString &selectProfile)
{
    QWidget *parent = m_first ? m_first->window() : nullptr;
    if (m_first && !m_first->isOpen() && m_first->window()->noticeBanner()->isHidden()) {
        ui::Banner *banner = m_first->window()->noticeBanner();
        banner->showMessage(ui::Banner::Kind::Info,
                            tr("<b>Not connected.</b> Choose a saved connection or enter a new one."),
                            tr("Connect to a cluster…"));
        connect(
            banner, &ui::Banner::actionTriggered, this, [this] { showConnectDialog(); }, Qt::UniqueConnection);
    }
    auto *dialog = new ui::ConnectionDialog(m_profiles.get(), m_vault, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!selectProfile.isEmpty())
        dialog->selectProfile(selectProfile);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const ConnectionProfile profile = dialog->profile();
        QString password = dialog->password();
        if (!profile.user.isEmpty() && password.isEmpty()) {
            bool ok = false;
            password = QInputDialog::getText(m_first ? m_first->window() : nullptr, tr("Password"),
                                             tr("Password of %1 for %2:").arg(profile.user, profile.name),
                                             QLineEdit::Password, QString(), &ok);
            if (!ok)
                return;
        }
        openWithPassword(profile, password);
    });
    dialog->open();
}

void ConsoleApp::openProfile(const QString &name)
{
    const std::optional<ConnectionProfile> profile = m_profiles->load(name);
    if (!profile)
        return fail(
            tr("No such connection profile"),
            tr("There is no saved profile called \"%1\" (saved: %2).")
                .arg(name, m_profiles->list().isEmpty() ? tr("none") : m_profiles->list().join(QLatin1String(", "))));
    if (profile->user.isEmpty())
        return openWithPassword(*profile, QString());
    if (!profile->rememberPassword)
        return showConnectDialog(name); // the password is asked for, never stored
    whenFinished(m_vault->read(name), this, [this, p = *profile](const VaultResult &r) {
        if (r.ok())
            openWithPassword(p, r.password);
        else
            showConnectDialog(p.name); // no keychain, or nothing in it: ask
    });
}

void ConsoleApp::openWithPassword(const ConnectionProfile &profile, const QString &password)
{
    m_profiles->setLastUsed(profile.name);
    m_profiles->sync();
    if (m_first && !m_first->isOpen()) // still empty (started with a profile): it takes this connection
        return openFirst(setupFor(profile.toOptions(password), profile.name, profile.colour, profile.scope));
    openConnection(profile.toOptions(password), profile.name, profile.colour, profile.scope);
}

void ConsoleApp::startSandbox()
{
    LocalClusterOptions options;
    options.members = m_settings.sandboxMembers;
    options.fastTimings = true;
    options.faultNetwork = true; // partitions and slow links for failover training (Sandbox menu)
    ui::MainWindow *window = m_first->window();
    QString error;
    if (LocalCluster::findEtcdBinary(QString(), &error).isEmpty()) {
        const QString why = m_settings.sandboxIsDefault
                                ? tr("No endpoint was given, so the console wanted to start a local etcd sandbox, "
                                     "but the etcd program is not installed.")
                                : tr("The local etcd sandbox needs the etcd program, which is not installed.");
        return fail(tr("etcd is not installed"), error,
                    tr("<b>etcd is not installed.</b> %1<br>Install it with <code>%2</code> and start the console "
                       "again, or connect to an existing cluster: <code>etcd-console --endpoints host:2379</code> "
                       "(File ▸ Connect to cluster…).")
                        .arg(why.toHtmlEscaped(), QLatin1String(kInstallEtcd)));
    }
    m_sandbox = std::make_unique<LocalCluster>(options);
    window->setConnectionTitle(tr("local sandbox"), false, true);
    window->showMessage(tr("Starting a local etcd sandbox (%n member(s))…", nullptr, options.members),
                        tr("Data lives in a temporary directory and is removed when the console exits."), false);
    window->noticeBanner()->showMessage(
        ui::Banner::Kind::Sandbox,
        tr("<b>Starting a local etcd sandbox</b> (%n member(s) on this machine)…", nullptr, options.members));
    connect(m_sandbox.get(), &LocalCluster::ready, this, [this] {
        if (m_settings.demoData)
            seedSandbox();
        else
            openSandboxSession();
    });
    connect(m_sandbox.get(), &LocalCluster::failed, this,
            [this](const QString &message) { fail(tr("The local etcd sandbox did not start"), message); });
    m_sandbox->start();
}

void ConsoleApp::seedSandbox()
{
    ConnectionOptions o;
    o.endpoints = m_sandbox->clientEndpoints();
    m_seedClient = std::make_unique<EtcdClient>(o);
    m_seeder = new DemoSeeder(m_seedClient.get());
    ui::Banner *banner = m_first->window()->noticeBanner();
    connect(m_seeder, &DemoSeeder::progress, this, [banner](int written, int total) {
        banner->showMessage(ui::Banner::Kind::Sandbox,
                            tr("<b>Local etcd sandbox</b>: writing demo data, %1 of %2 keys…").arg(written).arg(total));
    });
    connect(m_seeder, &DemoSeeder::finished, this, [this](const EtcdError &error) {
        if (error) // the sandbox is still useful without its demo data: say so and go on
            std::fprintf(stderr, "etcd-console: demo data incomplete: %s\n", qPrintable(error.toString()));
        // A held lock and an election with waiters, in place before the first window looks (as the
        // seeded services are), so the Elections and locks view has something to show.
        m_contention = new etcd::DemoContention(m_seedClient.get(), this);
        connect(m_contention, &etcd::DemoContention::ready, this, [this, error] {
            openSandboxSession();
            startDemoTraffic();
            if (error)
                m_first->window()->noticeBanner()->showMessage(
                    ui::Banner::Kind::Warning, tr("<b>Local etcd sandbox</b>: some demo data could not be written (%1).")
                                                   .arg(error.toString().toHtmlEscaped()));
        });
        m_contention->start();
    });
    m_seeder->start();
}

void ConsoleApp::startDemoTraffic()
{
    if (!m_seedClient || m_traffic || !m_first)
        return;
    m_traffic = new etcd::DemoTraffic(m_seedClient.get(), this);
    QAction *toggle = m_first->window()->sandboxMenu()->addAction(tr("Demo &traffic"));
    toggle->setObjectName(QStringLiteral("demoTrafficAction"));
    toggle->setCheckable(true);
    toggle->setToolTip(tr("Node metrics under /metrics/ several times a second and one job a second moved through "
                          "/jobs/queue/, /jobs/running/ (on a lease that expires) and /jobs/done/"));
    connect(toggle, &QAction::toggled, m_traffic, [traffic = m_traffic](bool on) {
        if (on)
            traffic->start();
        else
            traffic->stop();
    });
    connect(m_traffic, &etcd::DemoTraffic::runningChanged, toggle, &QAction::setChecked);
    if (m_contention) // the lock and the election change hands while the traffic runs
        connect(m_traffic, &etcd::DemoTraffic::runningChanged, m_contention, &etcd::DemoContention::setMoving);
    if (m_settings.demoTraffic)
        m_traffic->start();
}

void ConsoleApp::openSandboxSession()
{
    ConnectionOptions connection = m_settings.connection;
    connection.endpoints = m_sandbox->clientEndpoints();
    ConsoleSession::Setup setup = setupFor(connection, tr("local sandbox"), QString(), m_settings.scope);
    setup.sandbox = m_sandbox.get();
    ui::MainWindow *window = m_first->window();
    window->noticeBanner()->showMessage(
        ui::Banner::Kind::Sandbox,
        tr("<b>This is a local etcd sandbox</b>: %n etcd member(s) on this machine with demo data%1, in a temporary "
           "directory that is removed when the console exits. To work with a real cluster use File ▸ Connect to "
           "cluster…, or start <code>etcd-console --endpoints https://host:2379</code>.",
           nullptr, m_sandbox->memberCount())
            .arg(m_seedClient && m_settings.demoTraffic
                     ? tr(" and a light live workload under /metrics/ and /jobs/ (Sandbox ▸ Demo traffic)")
                     : QString()),
        tr("Connect to a cluster…"));
    connect(window->noticeBanner(), &ui::Banner::actionTriggered, window, &ui::MainWindow::connectRequested);
    openFirst(setup);
}

void ConsoleApp::fail(const QString &title, const QString &detail, const QString &bannerHtml)
{
    std::fprintf(stderr, "etcd-console: %s: %s\n", qPrintable(title), qPrintable(detail));
    if (m_first) {
        m_first->window()->showMessage(title, detail, true);
        m_first->window()->noticeBanner()->showMessage(
            ui::Banner::Kind::Error,
            bannerHtml.isEmpty() ? QStringLiteral("<b>%1</b>: %2").arg(title.toHtmlEscaped(), detail.toHtmlEscaped())
                                 : bannerHtml);
    }
    if (!m_settings.screenshotPath.isEmpty())
        finishScreenshot(false, title + QStringLiteral(": ") + detail);
}

void ConsoleApp::maybeTakeScreenshot()
{
    if (m_settings.screenshotPath.isEmpty() || m_screenshotTaken || !m_first || !m_first->isOpen())
        return;
    if (!m_first->viewIsLoaded())
        return;
    const bool reachable = m_first->monitor()->snapshot().state != ClusterMonitor::State::Unreachable;
    // Let the layout settle (column widths follow the new contents) before grabbing, and live plots
    // gather history if a delay was asked for.
    QTimer::singleShot(std::max(150, m_settings.screenshotDelayMs), this, [this, reachable] {
        finishScreenshot(reachable, reachable || !m_first ? QString()
                                                          : QStringLiteral("cannot reach etcd: ") +
                                                                m_first->monitor()->snapshot().lastError.toString());
    });
    m_screenshotTaken = true;
}

void ConsoleApp::finishScreenshot(bool ok, const QString &message)
{
    if (m_settings.screenshotPath.isEmpty() || m_screenshotDone || !m_first)
        return;
    m_screenshotDone = true;
    // The picture is written in every case: a failure screen is worth seeing too.
    ui::MainWindow *window = m_first->window();
    window->ensurePolished();
    const QPixmap shot = window->grab();
    const bool saved = shot.save(m_settings.screenshotPath, "PNG");
    if (!saved) {
        std::fprintf(stderr, "etcd-console: cannot write %s\n", qPrintable(m_settings.screenshotPath));
        m_exitCode = 1;
    } else if (!ok) {
        std::fprintf(stderr, "etcd-console: screenshot of a failed view written to %s: %s\n",
                     qPrintable(m_settings.screenshotPath), qPrintable(message));
        m_exitCode = 1;
    } else {
        std::printf("%s\n", qPrintable(QFileInfo(m_settings.screenshotPath).absoluteFilePath()));
        m_exitCode = 0;
    }
    QTimer::singleShot(0, qApp, [code = m_exitCode] { QCoreApplication::exit(code); });
}
