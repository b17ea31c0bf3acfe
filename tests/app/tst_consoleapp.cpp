// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The console with several connections at once, driven in-process: each connection is a window of
// its own, labelled with its name, colour and badges, browsing its own cluster; a read-only one
// refuses writes; closing one window leaves the others live.

#include "common/banner.h"
#include "console/consoleapp.h"
#include "console/consolesession.h"
#include "keys/keybrowser.h"
#include "mainwindow.h"
#include "sandbox/demotraffic.h"
#include "support/testsupport.h"

#include <QAction>
#include <QMenu>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

class TestConsoleApp : public QObject
{
    Q_OBJECT
public:
    TestConsoleApp()
    {
        // Window layout and profiles go to a private settings file, never the user's.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    }

private Q_SLOTS:
    void severalConnectionsEachInItsOwnWindow();
    void sandboxRunsDemoTrafficThatCanBeSwitchedOff();

private:
    static ui::KeyBrowser *browserOf(ConsoleSession *session)
    {
        return qobject_cast<ui::KeyBrowser *>(session->window()->view(QStringLiteral("keys")));
    }
    QTemporaryDir m_settingsDir;
};

void TestConsoleApp::severalConnectionsEachInItsOwnWindow()
{
    START_CLUSTER(a, 1);
    START_CLUSTER(b, 1);
    QVERIFY(etcdctlFor(*a).run({QStringLiteral("put"), QStringLiteral("/only/in/a"), QStringLiteral("1")}).ok());
    QVERIFY(etcdctlFor(*b).run({QStringLiteral("put"), QStringLiteral("/only/in/b"), QStringLiteral("2")}).ok());

    ConsoleApp::Settings settings;
    settings.connection = optionsFor(*a);
    settings.title = QStringLiteral("cluster-a");
    settings.view = QStringLiteral("keys");
    ConsoleApp console(settings);
    console.start();
    QCOMPARE(console.sessions().size(), 1);
    ConsoleSession *first = console.sessions().first();
    QTRY_VERIFY_WITH_TIMEOUT(first->viewIsLoaded(), 20000);

    ConnectionOptions readOnlyB = optionsFor(*b);
    readOnlyB.readOnly = true;
    ConsoleSession *second = console.openConnection(readOnlyB, QStringLiteral("prod-b"), QStringLiteral("#c62828"), {});
    QCOMPARE(console.sessions().size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(second->viewIsLoaded(), 20000);
    QVERIFY(first->window() != second->window());
    QCOMPARE(second->window()->pos(), first->window()->pos() + QPoint(32, 32)); // not hidden under the first
    QVERIFY(first->window()->isVisible() && second->window()->isVisible());

    // Each window says which connection it is.
    QVERIFY2(first->window()->windowTitle().contains(QLatin1String("cluster-a")),
             qPrintable(first->window()->windowTitle()));
    QVERIFY(!first->window()->windowTitle().contains(QLatin1String("READ-ONLY")));
    QVERIFY(second->window()->windowTitle().contains(QLatin1String("prod-b")));
    QVERIFY(second->window()->windowTitle().contains(QLatin1String("READ-ONLY")));
    QCOMPARE(second->window()->colorTag(), QStringLiteral("#c62828"));
    QVERIFY(first->window()->colorTag().isEmpty());

    // Each browses its own cluster.
    QVERIFY(browserOf(first)->mirror()->tree().find("/only/in/a"));
    QVERIFY(!browserOf(first)->mirror()->tree().find("/only/in/b"));
    QVERIFY(browserOf(second)->mirror()->tree().find("/only/in/b"));
    QVERIFY(!browserOf(second)->mirror()->tree().find("/only/in/a"));

    // The read-only window refuses writes in core; the other writes.
    const auto refused = resultOf(second->client()->kv().put("/only/in/b", "changed"));
    QVERIFY(!refused.ok());
    QVERIFY_OK(resultOf(first->client()->kv().put("/only/in/a", "changed")));

    // Closing one window ends that connection only; the other stays live.
    second->window()->close();
    QTRY_COMPARE_WITH_TIMEOUT(console.sessions().size(), 1, 5000);
    QCOMPARE(console.sessions().first(), first);
    QVERIFY(etcdctlFor(*a).run({QStringLiteral("put"), QStringLiteral("/only/in/a2"), QStringLiteral("3")}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(browserOf(first)->mirror()->tree().find("/only/in/a2"), 10000);
}

// The sandbox (seeded) keeps a light workload running, which the key tree follows live, and
// Sandbox > Demo traffic switches it off and on again.
void TestConsoleApp::sandboxRunsDemoTrafficThatCanBeSwitchedOff()
{
    ConsoleApp::Settings settings;
    settings.sandboxMembers = 1;
    settings.view = QStringLiteral("keys");
    ConsoleApp console(settings);
    console.start();
    ConsoleSession *session = console.sessions().first();
    QTRY_VERIFY_WITH_TIMEOUT(session->viewIsLoaded(), 60000);
    DemoTraffic *traffic = console.demoTraffic();
    QVERIFY(traffic);
    QVERIFY(traffic->isRunning());
    auto *menu = session->window()->findChild<QMenu *>(QStringLiteral("sandboxMenu"));
    QVERIFY(menu);
    auto *toggle = menu->findChild<QAction *>(QStringLiteral("demoTrafficAction"));
    QVERIFY(toggle);
    QVERIFY(toggle->isChecked());
    QVERIFY(session->window()->noticeBanner()->text().contains(QLatin1String("Demo traffic")));

    // The tree follows it through its watch: node metrics appear, jobs move (the first job's running
    // key lives only for its 3 s lease, so the lasting sign is the job queued in the same transaction).
    const KeyTree &tree = browserOf(session)->mirror()->tree();
    QTRY_VERIFY_WITH_TIMEOUT(tree.find(DemoTraffic::metricKey(0)) &&
                                 tree.find(DemoTraffic::queuedKey(DemoTraffic::kFirstJob + DemoTraffic::kQueued)),
                             20000);
    QVERIFY(!tree.find(DemoTraffic::queuedKey(DemoTraffic::kFirstJob)));

    toggle->trigger();
    QVERIFY(!traffic->isRunning());
    QVERIFY(!toggle->isChecked());
    const qint64 ticks = traffic->ticks();
    spin(4 * DemoTraffic::kTickMs);
    QCOMPARE(traffic->ticks(), ticks);
    toggle->trigger();
    QVERIFY(traffic->isRunning() && toggle->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(traffic->ticks() > ticks, 5000);
}

QTEST_MAIN(TestConsoleApp)
#include "tst_consoleapp.moc"
