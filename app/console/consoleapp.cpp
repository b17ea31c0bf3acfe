#include "console/consoleapp.h"

#include "client/etcdclient.h"
#include "connectionpage.h"
#include "keybrowser.h"
#include "activityview.h"
#include "failoverpanel.h"
#include "leasesview.h"
#include "servicesview.h"
#include "valueeditor.h"
#include "mainwindow.h"
#include "sandbox/localcluster.h"
#include "state/clustermonitor.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

using namespace etcd;

ConsoleApp::ConsoleApp(Settings settings, QObject *parent) : QObject(parent), m_settings(std::move(settings)) {}

ConsoleApp::~ConsoleApp()
{
    // Views first, then what feeds them, then the connection, and the sandbox's etcd last.
    m_window.reset();
    m_monitor.reset();
    m_client.reset();
    m_sandbox.reset();
}

void ConsoleApp::start()
{
    m_window = std::make_unique<ui::MainWindow>();
    if (m_settings.screenshotPath.isEmpty())
        m_window->show();
    else
        QTimer::singleShot(m_settings.screenshotTimeoutMs, this, [this] {
            finishScreenshot(false, QStringLiteral("timed out after %1 ms waiting for the view to load")
                                        .arg(m_settings.screenshotTimeoutMs));
        });

    if (!m_settings.configError.isEmpty())
        return fail(tr("Cannot connect"), m_settings.configError);
    if (m_settings.sandboxMembers > 0)
        return startSandbox();
    const QStringList eps = m_settings.connection.endpoints;
    connectTo(m_settings.connection, eps.size() == 1 ? eps.first() : tr("%1 endpoints").arg(eps.size()), false);
}

void ConsoleApp::startSandbox()
{
    LocalClusterOptions options;
    options.members = m_settings.sandboxMembers;
    options.fastTimings = true;
    QString error;
    if (LocalCluster::findEtcdBinary(QString(), &error).isEmpty())
        return fail(tr("No etcd binary for the sandbox"), error);
    m_sandbox = std::make_unique<LocalCluster>(options);
    m_window->setConnectionTitle(tr("local sandbox"), false, true);
    m_window->showMessage(tr("Starting a local etcd sandbox (%n member(s))…", nullptr, options.members),
                          tr("Data lives in a temporary directory and is removed when the console exits."), false);
    connect(m_sandbox.get(), &LocalCluster::ready, this, [this] {
        ConnectionOptions o = m_settings.connection;
        o.endpoints = m_sandbox->clientEndpoints();
        connectTo(o, tr("local sandbox"), true);
    });
    connect(m_sandbox.get(), &LocalCluster::failed, this,
            [this](const QString &message) { fail(tr("The local etcd sandbox did not start"), message); });
    m_sandbox->start();
}

void ConsoleApp::connectTo(const ConnectionOptions &options, const QString &title, bool sandbox)
{
    m_client = std::make_unique<EtcdClient>(options);
    m_monitor = std::make_unique<ClusterMonitor>(m_client.get(), 2000);
    m_window->setConnectionTitle(title, options.readOnly, sandbox);
    m_window->attach(m_client.get(), m_monitor.get());
    connect(m_monitor.get(), &ClusterMonitor::updated, this, &ConsoleApp::maybeTakeScreenshot);
    m_monitor->start();

    KeySpaceMirror::Options browse;
    browse.scope = m_settings.scope;
    browse.delimiter = m_settings.delimiter;
    m_browser = new ui::KeyBrowser(m_client.get(), browse);
    m_window->addView(QStringLiteral("keys"), tr("Keys"), m_browser, true);
    connect(m_browser, &ui::KeyBrowser::loaded, this, [this] {
        if (!m_settings.select.isEmpty() && !m_selectionShown) {
            m_selectionShown = true;
            m_browser->goToKey(m_settings.select);
        }
        maybeTakeScreenshot();
    });
    connect(m_browser->editor(), &ui::ValueEditor::valueLoaded, this, &ConsoleApp::maybeTakeScreenshot);
    m_browser->start();

    m_services = new ui::ServicesView(m_client.get());
    m_window->addView(QStringLiteral("services"), tr("Services"), m_services);
    connect(m_services, &ui::ServicesView::loaded, this, &ConsoleApp::maybeTakeScreenshot);
    m_services->start();

    m_leases = new ui::LeasesView(m_client.get());
    m_window->addView(QStringLiteral("leases"), tr("Leases"), m_leases);
    connect(m_leases, &ui::LeasesView::loaded, this, &ConsoleApp::maybeTakeScreenshot);
    m_leases->start();
    m_services->setLeaseMonitor(m_leases->monitor()); // one lease poll for both views

    m_meter = new ActivityMeter(m_client.get(), m_monitor.get(), m_leases->monitor(), m_settings.scope, 3600, this);
    m_activity = new ui::ActivityView(m_meter);
    m_window->addView(QStringLiteral("activity"), tr("Activity"), m_activity);
    connect(m_meter, &ActivityMeter::sampled, this, &ConsoleApp::maybeTakeScreenshot);
    m_meter->start();

    m_failover = new ui::FailoverPanel(m_client.get());
    m_window->addView(QStringLiteral("failover"), tr("Failover demo"), m_failover);
    if (m_sandbox) {
        m_failover->setKillEtcdLeader([this]() -> QString {
            const auto &snapshot = m_monitor->snapshot();
            for (const EndpointStatus &st : snapshot.endpoints) {
                if (!st.isLeader())
                    continue;
                const int index = m_sandbox->clientEndpoints().indexOf(st.endpoint);
                if (index < 0 || !m_sandbox->kill(index))
                    break;
                return tr("Killed the etcd leader %1 (%2). The other members elect a new leader within the election "
                          "timeout; the workers' calls fail over to another endpoint and their leases survive.")
                    .arg(m_monitor->memberName(st.memberId), st.endpoint);
            }
            return tr("No etcd leader to kill right now.");
        });
    }
    m_window->showView(m_settings.view);
}

void ConsoleApp::fail(const QString &title, const QString &detail)
{
    std::fprintf(stderr, "etcd-console: %s: %s\n", qPrintable(title), qPrintable(detail));
    m_window->showMessage(title, detail, true);
    if (!m_settings.screenshotPath.isEmpty())
        finishScreenshot(false, title + QStringLiteral(": ") + detail);
}

bool ConsoleApp::viewIsLoaded() const
{
    const auto &s = m_monitor->snapshot();
    // The connection view: every endpoint answered once, and the member names are in.
    if (s.state == ClusterMonitor::State::Connecting)
        return false;
    if (s.state != ClusterMonitor::State::Unreachable && s.members.isEmpty())
        return false;
    if (m_settings.view == QLatin1String("keys") && s.state != ClusterMonitor::State::Unreachable) {
        // The key view: the whole tree is in, and the selected key's value is shown.
        if (!m_browser || !m_browser->mirror()->isLoaded())
            return false;
        if (!m_settings.select.isEmpty()
            && (m_browser->editor()->key() != m_settings.select || m_browser->editor()->isLoading()))
            return false;
    }
    if (m_settings.view == QLatin1String("services") && s.state != ClusterMonitor::State::Unreachable)
        return m_services && m_services->registry()->isLoaded();
    if (m_settings.view == QLatin1String("leases") && s.state != ClusterMonitor::State::Unreachable)
        return m_leases && m_leases->monitor()->isLoaded();
    if (m_settings.view == QLatin1String("activity") && s.state != ClusterMonitor::State::Unreachable)
        return m_meter && m_meter->series(ActivityMeter::Puts).size() >= 5 && m_meter->series(ActivityMeter::DbSize).size() >= 2;
    return true;
}

void ConsoleApp::maybeTakeScreenshot()
{
    if (m_settings.screenshotPath.isEmpty() || m_screenshotTaken || !m_monitor)
        return;
    if (!viewIsLoaded())
        return;
    const auto &s = m_monitor->snapshot();
    const bool reachable = s.state != ClusterMonitor::State::Unreachable;
    // Let the layout settle (column widths follow the new contents) before grabbing.
    QTimer::singleShot(150, this, [this, reachable] {
        finishScreenshot(reachable, reachable ? QString()
                                              : QStringLiteral("cannot reach etcd: ") +
                                                    m_monitor->snapshot().lastError.toString());
    });
    m_screenshotTaken = true;
}

void ConsoleApp::finishScreenshot(bool ok, const QString &message)
{
    if (m_settings.screenshotPath.isEmpty() || m_screenshotDone || !m_window)
        return;
    m_screenshotDone = true;
    // The picture is written in every case: a failure screen is worth seeing too.
    m_window->ensurePolished();
    const QPixmap shot = m_window->grab();
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
