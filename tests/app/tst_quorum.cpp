// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

// The console when the cluster is down or half down, on a real 3-member sandbox driven through the
// console's own sandbox actions: one member killed (degraded, the dead endpoint keeps its member's
// name and says why in words), a second one (the question first; then no quorum: the red banner
// naming the members down, the status bar, the members table, the event log, the key view not live,
// a value that cannot load cannot be saved), then everything restarted (quorum restored, live
// again, the value loads and saves).

#include "cluster/connectionpage.h"
#include "cluster/endpointstatusmodel.h"
#include "cluster/membersmodel.h"
#include "cluster/sandboxactions.h"
#include "common/banner.h"
#include "console/consolesession.h"
#include "keys/keybrowser.h"
#include "keys/valueeditor.h"
#include "leases/leasesview.h"
#include "mainwindow.h"
#include "sandbox/faultnetwork.h"
#include "sandbox/sandboxfaults.h"
#include "state/cluster/clusterevents.h"
#include "support/testsupport.h"

#include <QAction>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

class TestQuorum : public QObject
{
    Q_OBJECT
public:
    TestQuorum() { QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path()); }

private Q_SLOTS:
    void losingAndRegainingQuorumIsSaidAsItIs();
    void partitionsFromTheSandboxMenu();

private:
    QTemporaryDir m_settingsDir;
};

namespace {

QString bannerText(ui::MainWindow *window)
{
    return window->connectionBanner()->text();
}

bool hasEvent(ClusterEventLog *log, ClusterEvent::Kind kind, const QString &containing = {})
{
    for (const ClusterEvent &e : log->events())
        if (e.kind == kind && e.text.contains(containing))
            return true;
    return false;
}

// The endpoint table's row of an endpoint, or -1.
int rowOf(ui::EndpointStatusModel *model, const QString &endpoint)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (endpoint.endsWith(model->index(r, ui::EndpointStatusModel::Endpoint).data().toString()))
            return r;
    return -1;
}

} // namespace

void TestQuorum::losingAndRegainingQuorumIsSaidAsItIs()
{
    START_CLUSTER(cluster, 3, true);
    QVERIFY(etcdctlFor(*cluster).run({QStringLiteral("put"), QStringLiteral("/q/a"), QStringLiteral("1")}).ok());
    QVERIFY(etcdctlFor(*cluster).run({QStringLiteral("put"), QStringLiteral("/q/b"), QStringLiteral("2")}).ok());
    QVERIFY(etcdctlFor(*cluster).run({QStringLiteral("lease"), QStringLiteral("grant"), QStringLiteral("600")}).ok());

    ConsoleSession session;
    ConsoleSession::Setup setup;
    setup.connection = optionsFor(*cluster);
    setup.connection.callTimeoutMs = 2000;
    setup.title = QStringLiteral("sandbox");
    setup.sandbox = cluster.get();
    setup.select = "/q/a";
    session.open(setup);
    QTRY_VERIFY_WITH_TIMEOUT(session.viewIsLoaded(), 20000);
    ui::MainWindow *window = session.window();
    auto *browser = qobject_cast<ui::KeyBrowser *>(window->view(QStringLiteral("keys")));
    QVERIFY(browser);
    ui::SandboxActions *actions = session.sandboxActions();
    QVERIFY(actions);
    QStringList asked;
    actions->setConfirmation([&asked](const QString &q) {
        asked << q;
        return true;
    });
    // The Cluster menu holds the maintenance actions, the Sandbox menu every member's.
    auto *clusterMenu = window->findChild<QMenu *>(QStringLiteral("clusterMenu"));
    QVERIFY(clusterMenu);
    QStringList clusterItems;
    for (QAction *a : clusterMenu->actions())
        clusterItems << QString(a->text()).remove(QLatin1Char('&'));
    for (const char *item :
         {"Poll the members now", "Defragment", "Move leader", "Compact…", "Disarm alarms…", "Save snapshot…"})
        QVERIFY2(clusterItems.contains(QString::fromUtf8(item)), qPrintable(clusterItems.join(QLatin1Char('|'))));
    QVERIFY(window->findChild<QMenu *>(QStringLiteral("sandboxMember2Menu")));
    ClusterEventLog *log = window->connectionPage()->eventLog();
    ui::EndpointStatusModel *endpoints = window->connectionPage()->endpointModel();
    QTRY_VERIFY2_WITH_TIMEOUT(browser->statusText().contains(QStringLiteral("· live")),
                              qPrintable(browser->statusText()), 10000);

    // One member down: degraded, not more. Its row keeps the member's name and says why in words.
    const QString killed0 = actions->perform(0, SandboxControl::Action::Kill);
    QVERIFY2(killed0.contains(QLatin1String("2 of 3 members run")), qPrintable(killed0));
    QVERIFY(asked.isEmpty()); // no quorum at stake: no question
    QTRY_COMPARE_WITH_TIMEOUT(session.monitor()->snapshot().state, ClusterMonitor::State::Degraded, 15000);
    const int row0 = rowOf(endpoints, cluster->clientEndpoint(0));
    QVERIFY(row0 >= 0);
    QCOMPARE(endpoints->index(row0, ui::EndpointStatusModel::Member).data().toString(), QStringLiteral("m0"));
    const QString health = endpoints->index(row0, ui::EndpointStatusModel::Health).data().toString();
    QVERIFY2(health.startsWith(QLatin1String("not answering: connection refused since ")), qPrintable(health));
    QVERIFY2(!health.contains(QLatin1String("ipv4:")) && !health.contains(QLatin1String("UNAVAILABLE")),
             qPrintable(health));
    const QString tip = endpoints->index(row0, ui::EndpointStatusModel::Health).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("m0 (")) && tip.contains(QLatin1String("Details:")), qPrintable(tip));
    QTRY_VERIFY_WITH_TIMEOUT(hasEvent(log, ClusterEvent::EndpointDown, QStringLiteral("m0 (")), 5000);
    QVERIFY(hasEvent(log, ClusterEvent::Action, QStringLiteral("killed (SIGKILL)")));

    // A second one: the question first, then no quorum, said everywhere.
    const QString killed1 = actions->perform(1, SandboxControl::Action::Kill);
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked.first().contains(QLatin1String("loses quorum")), qPrintable(asked.first()));
    QVERIFY2(killed1.contains(QLatin1String("NO QUORUM")) && killed1.contains(QLatin1String("lease")),
             qPrintable(killed1));
    QTRY_COMPARE_WITH_TIMEOUT(session.monitor()->snapshot().state, ClusterMonitor::State::NoQuorum, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(bannerText(window).contains(QLatin1String("No quorum")), 5000);
    const QString banner = bannerText(window);
    QVERIFY2(banner.contains(QLatin1String("writes and linearizable reads fail")) &&
                 banner.contains(QLatin1String("m0 (")) && banner.contains(QLatin1String("m1 (")) &&
                 banner.contains(QLatin1String("connection refused")) && banner.contains(QLatin1String("2 are needed")),
             qPrintable(banner));
    QVERIFY2(window->statusSummary().contains(QLatin1String("No quorum")), qPrintable(window->statusSummary()));
    QTRY_VERIFY_WITH_TIMEOUT(hasEvent(log, ClusterEvent::QuorumLost), 5000);
    ui::MembersModel *members = window->connectionPage()->membersModel();
    bool markedUnreachable = false;
    for (int r = 0; r < members->rowCount(); ++r)
        markedUnreachable =
            markedUnreachable ||
            (members->index(r, ui::MembersModel::Name).data().toString() == QLatin1String("m1") &&
             members->index(r, ui::MembersModel::Kind).data().toString().contains(QLatin1String("unreachable")));
    QVERIFY(markedUnreachable);
    // The key view does not claim to be live.
    QTRY_VERIFY_WITH_TIMEOUT(browser->statusText().contains(QLatin1String("NOT LIVE since")), 20000);
    // Nor does the Leases view once shown (a hidden view asks etcd nothing): its rows' TTLs fail.
    auto *leasesView = qobject_cast<ui::LeasesView *>(window->view(QStringLiteral("leases")));
    QVERIFY(leasesView);
    window->show();
    window->showView(QStringLiteral("leases"));
    QTRY_VERIFY_WITH_TIMEOUT(leasesView->statusText().contains(QLatin1String("NOT LIVE since")), 20000);
    window->showView(QStringLiteral("keys"));
    // A value that does not load cannot be saved: Save off, Retry offered, the reason shown.
    ui::ValueEditor *editor = browser->editor();
    QVERIFY(browser->goToKey("/q/b"));
    QTRY_VERIFY_WITH_TIMEOUT(editor->loadFailed(), 20000);
    auto *save = editor->findChild<QPushButton *>(QStringLiteral("saveButton"));
    auto *retry = editor->findChild<QPushButton *>(QStringLiteral("retryButton"));
    QVERIFY(save && retry);
    QVERIFY(!save->isEnabled());
    QVERIFY(retry->isVisibleTo(editor));
    QVERIFY2(editor->statusText().contains(QLatin1String("cannot be edited or saved until it loads")),
             qPrintable(editor->statusText()));
    editor->save(); // Ctrl+S's way: refused with the reason, nothing sent
    QVERIFY(editor->statusText().contains(QLatin1String("Not saved")));

    // Everything back: quorum restored, live again, the value loads and saves.
    const QString back = actions->restartAll();
    QVERIFY2(back.contains(QLatin1String("m0")) && back.contains(QLatin1String("m1")), qPrintable(back));
    QTRY_COMPARE_WITH_TIMEOUT(session.monitor()->snapshot().state, ClusterMonitor::State::Connected, 40000);
    QTRY_VERIFY_WITH_TIMEOUT(hasEvent(log, ClusterEvent::QuorumRestored), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        bannerText(window).contains(QLatin1String("Quorum restored")) || window->connectionBanner()->isHidden(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(browser->statusText().contains(QStringLiteral("· live")), 20000);
    window->showView(QStringLiteral("leases"));
    QTRY_VERIFY_WITH_TIMEOUT(!leasesView->statusText().contains(QLatin1String("NOT LIVE")), 20000);
    window->showView(QStringLiteral("keys"));
    retry->click();
    QTRY_VERIFY_WITH_TIMEOUT(!editor->loadFailed() && !editor->isLoading(), 20000);
    QCOMPARE(editor->text(), QStringLiteral("2"));
    QVERIFY(!save->isEnabled()); // nothing edited yet
    editor->setText(QStringLiteral("3"));
    QVERIFY(save->isEnabled());
    QSignalSpy saved(editor, &ui::ValueEditor::saved);
    save->click();
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 15000);
    QVERIFY(hasEvent(log, ClusterEvent::Action, QStringLiteral("is running again")));
}

void TestQuorum::partitionsFromTheSandboxMenu()
{
    // The sandbox as the console starts it (peers through the console's proxies): the Sandbox menu
    // cuts the raft leader off (a new leader is elected among the others), loses quorum by
    // partition (every member still runs and answers, none has a leader) and restores the network.
    LocalClusterOptions options;
    options.members = 3;
    options.fastTimings = true;
    options.faultNetwork = true;
    LocalCluster cluster(options);
    QString why;
    QVERIFY2(cluster.startAndWait(&why), qPrintable(why));
    ConsoleSession session;
    ConsoleSession::Setup setup;
    setup.connection = optionsFor(cluster);
    setup.connection.callTimeoutMs = 2000;
    setup.title = QStringLiteral("sandbox");
    setup.sandbox = &cluster;
    session.open(setup);
    QTRY_VERIFY_WITH_TIMEOUT(session.viewIsLoaded(), 20000);
    ui::MainWindow *window = session.window();
    ui::SandboxActions *actions = session.sandboxActions();
    QVERIFY(actions && actions->faults() && actions->faults()->isAvailable());
    QStringList asked;
    actions->setConfirmation([&asked](const QString &q) {
        asked << q;
        return true;
    });
    for (const char *name :
         {"sandboxIsolateLeaderAction", "sandboxLoseQuorumAction", "sandboxHealNetworkAction", "sandboxIsolateMember1"})
        QVERIFY2(window->findChild<QAction *>(QLatin1String(name)), name);
    ClusterEventLog *log = window->connectionPage()->eventLog();
    auto leaderName = [&session]() -> QString {
        for (const EndpointStatus &st : session.monitor()->snapshot().endpoints)
            if (st.isLeader())
                return st.endpoint;
        return {};
    };
    QTRY_VERIFY_WITH_TIMEOUT(!leaderName().isEmpty(), 15000);
    const QString oldLeader = leaderName();

    // One pair cut from the member's menu, then restored: said, and no quorum question.
    window->findChild<QAction *>(QStringLiteral("sandboxPairMember0To2"))->trigger();
    QVERIFY(actions->faults()->network()->pairFault(0, 2).cut);
    QVERIFY(hasEvent(log, ClusterEvent::Action, QStringLiteral("The link between m0 and m2 is cut")));
    actions->faults()->healPair(0, 2);
    QVERIFY(!actions->faults()->network()->pairFault(0, 2).cut);
    window->findChild<QAction *>(QStringLiteral("sandboxIsolateLeaderAction"))->trigger();
    QVERIFY(asked.isEmpty()); // two of three still reach each other: nothing to ask
    QVERIFY(hasEvent(log, ClusterEvent::Action, QStringLiteral("The raft leader m")));
    QTRY_VERIFY_WITH_TIMEOUT(!leaderName().isEmpty() && leaderName() != oldLeader, 20000);

    window->findChild<QAction *>(QStringLiteral("sandboxLoseQuorumAction"))->trigger();
    QCOMPARE(asked.size(), 1);
    QVERIFY(hasEvent(log, ClusterEvent::Action, QStringLiteral("NO QUORUM")));
    QVERIFY(!actions->faults()->hasQuorum());
    QTRY_VERIFY_WITH_TIMEOUT(session.monitor()->snapshot().state != ClusterMonitor::State::Connected, 20000);

    window->findChild<QAction *>(QStringLiteral("sandboxHealNetworkAction"))->trigger();
    QVERIFY(hasEvent(log, ClusterEvent::Action, QStringLiteral("whole again")));
    QTRY_COMPARE_WITH_TIMEOUT(session.monitor()->snapshot().state, ClusterMonitor::State::Connected, 40000);
    QTRY_VERIFY_WITH_TIMEOUT(!leaderName().isEmpty(), 15000);
}

QTEST_MAIN(TestQuorum)
#include "tst_quorum.moc"
