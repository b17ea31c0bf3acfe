// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "console/consolesession.h"

#include "client/etcdclient.h"
#include "cluster/activityview.h"
#include "cluster/connectionpage.h"
#include "cluster/sandboxactions.h"
#include "common/banner.h"
#include "connection/connectiondialog.h"
#include "connection/sshprompter.h"
#include "failover/failoverpanel.h"
#include "keys/keybrowser.h"
#include "keys/valueeditor.h"
#include "kubernetes/kubernetesview.h"
#include "leases/leasesview.h"
#include "locks/locksview.h"
#include "mainwindow.h"
#include "sandbox/localcluster.h"
#include "sandbox/sandboxcontrol.h"
#include "sandbox/sandboxfaults.h"
#include "security/securityview.h"
#include "services/servicesview.h"
#include "state/cluster/activitymeter.h"
#include "state/cluster/clustermonitor.h"

#include <QMenu>

using namespace etcd;

ConsoleSession::ConsoleSession(QObject *parent) : QObject(parent), m_window(std::make_unique<ui::MainWindow>())
{
    connect(m_window.get(), &ui::MainWindow::aboutToClose, this, &ConsoleSession::windowClosing);
    m_window->restoreLayout();
}

ConsoleSession::~ConsoleSession()
{
    // Views first, then what feeds them, then the connection.
    m_window.reset();
    delete m_meter;
    m_monitor.reset();
    m_client.reset();
}

void ConsoleSession::open(Setup setup)
{
    if (m_client)
        return; // a session connects once; another connection gets another window
    m_setup = std::move(setup);
    if (m_setup.connection.ssh.isEnabled() && !m_setup.connection.ssh.prompter)
        m_setup.connection.ssh.prompter = ui::makeSshPrompter(m_window.get(), ui::sharedVault());
    m_client = std::make_unique<EtcdClient>(m_setup.connection);
    if (m_client->usesTunnel()) {
        connect(m_client.get(), &EtcdClient::tunnelStatusChanged, this, &ConsoleSession::showTunnel);
        connect(m_window->noticeBanner(), &ui::Banner::actionTriggered, this, [this] {
            if (m_tunnelBanner)
                m_client->retryTunnel();
        });
    }
    m_monitor = std::make_unique<ClusterMonitor>(m_client.get(), 2000);
    m_window->setConnectionTitle(m_setup.title, m_setup.connection.readOnly, m_setup.sandbox != nullptr);
    m_window->setColorTag(m_setup.colorTag);
    m_window->attach(m_client.get(), m_monitor.get());
    if (m_setup.connection.tls.insecureSkipVerify)
        m_window->noticeBanner()->showMessage(
            ui::Banner::Kind::Warning,
            tr("<b>Server certificates are NOT verified</b> (skip verification is on): the connection is "
               "encrypted, but anyone between this console and etcd could pose as the cluster. Use a CA file "
               "(--cacert) for real work."));
    connect(m_monitor.get(), &ClusterMonitor::updated, this, &ConsoleSession::progressed);
    m_monitor->start();
    addViews();
    m_window->restoreLayout(); // the splitters of the views just added
    m_window->showView(m_setup.view);
}

void ConsoleSession::showTunnel(const ssh::TunnelStatus &status)
{
    ui::Banner *banner = m_window->noticeBanner();
    const QString bastion = status.bastion.toHtmlEscaped();
    switch (status.state) {
    case ssh::TunnelStatus::State::Up:
    case ssh::TunnelStatus::State::Stopped:
        if (m_tunnelBanner)
            banner->clear();
        m_tunnelBanner = false;
        return;
    case ssh::TunnelStatus::State::Connecting:
        banner->showMessage(ui::Banner::Kind::Info, tr("<b>Connecting through the SSH bastion %1</b>…").arg(bastion));
        break;
    case ssh::TunnelStatus::State::Reconnecting:
        banner->showMessage(
            ui::Banner::Kind::Warning,
            tr("<b>SSH tunnel down</b> (%1): %2. What is shown is as last read; unsaved edits are "
               "kept, and watches resume where they stopped.")
                .arg(ssh::hopName(status.failure.hop).toHtmlEscaped(), status.describe().toHtmlEscaped()),
            tr("Retry now"));
        break;
    case ssh::TunnelStatus::State::Failed:
        banner->showMessage(
            ui::Banner::Kind::Error,
            tr("<b>Cannot connect: %1 failed</b>. %2")
                .arg(ssh::hopName(status.failure.hop).toHtmlEscaped(), status.describe().toHtmlEscaped()),
            tr("Retry"));
        break;
    }
    m_tunnelBanner = true;
}

void ConsoleSession::addViews()
{
    KeySpaceMirror::Options browse;
    browse.scope = m_setup.scope;
    browse.delimiter = m_setup.delimiter;
    m_browser = new ui::KeyBrowser(m_client.get(), browse);
    m_window->addView(QStringLiteral("keys"), tr("Keys"), m_browser, true);
    connect(m_browser, &ui::KeyBrowser::loaded, this, [this] {
        if (!m_setup.select.isEmpty() && !m_selectionShown) {
            m_selectionShown = true;
            m_browser->goToKey(m_setup.select);
        }
        Q_EMIT progressed();
    });
    connect(m_browser->editor(), &ui::ValueEditor::valueLoaded, this, &ConsoleSession::progressed);
    connect(m_browser, &ui::KeyBrowser::revisionApplied, m_window.get(), &ui::MainWindow::setAppliedRevision);
    m_browser->start();

    m_services = new ui::ServicesView(m_client.get());
    m_window->addView(QStringLiteral("services"), tr("Services"), m_services);
    connect(m_services, &ui::ServicesView::loaded, this, &ConsoleSession::progressed);
    m_services->start();

    m_leases = new ui::LeasesView(m_client.get());
    m_window->addView(QStringLiteral("leases"), tr("Leases"), m_leases);
    connect(m_leases, &ui::LeasesView::loaded, this, &ConsoleSession::progressed);
    m_leases->start();
    m_services->setLeaseMonitor(m_leases->monitor()); // one lease poll for both views

    m_meter = new ActivityMeter(m_client.get(), m_monitor.get(), m_leases->monitor(), m_setup.scope, 3600);
    m_activity = new ui::ActivityView(m_meter);
    m_window->addView(QStringLiteral("activity"), tr("Activity"), m_activity);
    connect(m_meter, &ActivityMeter::sampled, this, &ConsoleSession::progressed);
    m_meter->start();

    m_security = new ui::SecurityView(m_client.get());
    m_window->addView(QStringLiteral("security"), tr("Users && roles"), m_security);
    connect(m_security, &ui::SecurityView::loaded, this, [this] {
        m_securityLoaded = true;
        Q_EMIT progressed();
    });
    m_security->start();

    m_failover = new ui::FailoverPanel(m_client.get());
    m_window->addView(QStringLiteral("failover"), tr("Failover demo"), m_failover);

    // Reads /registry/ only once shown: a console that never looks at it costs etcd nothing.
    m_kubernetes = new ui::KubernetesView(m_client.get());
    m_window->addView(QStringLiteral("kubernetes"), tr("Kubernetes"), m_kubernetes);
    connect(m_kubernetes, &ui::KubernetesView::loaded, this, &ConsoleSession::progressed);
    connect(m_kubernetes, &ui::KubernetesView::openKey, this, [this](const QByteArray &key) {
        m_window->showView(QStringLiteral("keys"));
        m_browser->goToKey(key);
    });
    if (m_setup.view == QLatin1String("kubernetes"))
        m_kubernetes->start(); // asked for: now, not on a first show a headless run never has

    // Elections and locks: like Kubernetes, nothing is read until the view is first shown.
    m_locks = new ui::LocksView(m_client.get(), m_setup.scope);
    m_window->addView(QStringLiteral("locks"), tr("Elections && locks"), m_locks);
    m_locks->setLeaseMonitor(m_leases->monitor()); // TTLs and new recipes from the one lease poll
    connect(m_locks, &ui::LocksView::loaded, this, &ConsoleSession::progressed);
    connect(m_locks, &ui::LocksView::openKey, this, [this](const QByteArray &key) {
        m_window->showView(QStringLiteral("keys"));
        m_browser->goToKey(key);
    });
    if (m_setup.view == QLatin1String("locks"))
        m_locks->start();
    if (LocalCluster *sandbox = m_setup.sandbox)
        addSandboxControls(sandbox);
}

void ConsoleSession::addSandboxControls(LocalCluster *sandbox)
{
    // One set of member actions for the Sandbox menu, the Cluster view and the failover panel: they
    // ask the same question before losing quorum and write to the same event log.
    auto *control = new SandboxControl(sandbox, this);
    m_sandboxActions = new ui::SandboxActions(control, m_window.get(), this);
    m_window->connectionPage()->setSandbox(m_sandboxActions);
    // Which member leads raft now, by what the cluster monitor last heard (-1: none).
    auto leader = [this, control]() -> int {
        for (const EndpointStatus &st : m_monitor->snapshot().endpoints) {
            if (!st.isLeader())
                continue;
            for (int i = 0; i < control->memberCount(); ++i)
                if (control->endpoint(i).endsWith(st.endpoint))
                    return i;
        }
        return -1;
    };
    m_failover->setKillEtcdLeader([this, control, leader]() -> QString {
        const int i = leader();
        if (i < 0)
            return tr("No etcd leader to kill right now (no member reports one: is quorum lost?).");
        const QString said = m_sandboxActions->perform(i, SandboxControl::Action::Kill);
        return said.isEmpty() ? tr("Not killed: the leader %1 runs on.").arg(control->memberName(i)) : said;
    });
    // Partitions and slow links (the sandbox routes its peers through the console's proxies), and
    // the failover workers reach etcd through routes of their own, so one can be cut off alive.
    auto *faults = new SandboxFaults(sandbox, this);
    if (faults->isAvailable()) {
        m_sandboxActions->setFaults(faults, leader);
        QVector<quint16> clientPorts;
        for (int i = 0; i < sandbox->memberCount(); ++i)
            clientPorts << sandbox->clientPort(i);
        m_failover->setSandboxNetwork(faults->network(), clientPorts);
        m_failover->setSandboxFaults(faults, leader);
    }
    QMenu *menu = m_window->sandboxMenu();
    menu->addSeparator();
    m_sandboxActions->populate(menu);
    // Everything done to the sandbox is narrated, and marked on the failover timeline.
    connect(control, &SandboxControl::performed, m_failover,
            [this](const QString &sentence) { m_failover->noteSandboxEvent(sentence); });
    connect(faults, &SandboxFaults::performed, m_failover,
            [this](const QString &sentence) { m_failover->noteSandboxEvent(sentence); });
}

bool ConsoleSession::viewIsLoaded() const
{
    if (!m_monitor)
        return false;
    const auto &s = m_monitor->snapshot();
    // The connection view: every endpoint answered once, and the member names are in.
    if (s.state == ClusterMonitor::State::Connecting)
        return false;
    if (s.state != ClusterMonitor::State::Unreachable && s.members.isEmpty())
        return false;
    if (s.state == ClusterMonitor::State::Unreachable)
        return true;
    const QString &view = m_setup.view;
    if (view == QLatin1String("keys")) {
        // The key view: the whole tree is in, and the selected key's value is shown.
        if (!m_browser || !m_browser->mirror()->isLoaded())
            return false;
        if (!m_setup.select.isEmpty() &&
            (m_browser->editor()->key() != m_setup.select || m_browser->editor()->isLoading()))
            return false;
    }
    if (view == QLatin1String("services"))
        return m_services && m_services->registry()->isLoaded();
    if (view == QLatin1String("leases"))
        return m_leases && m_leases->monitor()->isLoaded();
    if (view == QLatin1String("security"))
        return m_securityLoaded;
    if (view == QLatin1String("kubernetes"))
        return m_kubernetes && m_kubernetes->isLoaded();
    if (view == QLatin1String("locks"))
        return m_locks && m_locks->isLoaded();
    if (view == QLatin1String("activity"))
        return m_meter && m_meter->series(ActivityMeter::Puts).size() >= 5 &&
               m_meter->series(ActivityMeter::DbSize).size() >= 2;
    return true;
}
