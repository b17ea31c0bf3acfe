// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The main window on the offscreen platform against a real 3-member cluster: the models under
// QAbstractItemModelTester, the status bar's state/leader/revision matching etcdctl, and the
// window following a member going down and a leader change.

#include "common/banner.h"
#include "cluster/connectionpage.h"
#include "keys/keybrowser.h"
#include "keys/valueeditor.h"
#include "cluster/endpointstatusmodel.h"
#include "mainwindow.h"
#include "cluster/membersmodel.h"
#include "state/cluster/clustermonitor.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTemporaryDir>
#include <QtTest>

#include <grpcpp/grpcpp.h>

using namespace etcd;
using namespace etcd::test;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsClusterStateAndFollowsChanges();
    void showsConfigurationProblemsInsteadOfConnecting();
    void lostConnectionShowsBannerReconnectsAndKeepsEdits();
    void colourTagMarksTheWindow();
    void layoutIsRemembered();

public:
    TestMainWindow()
    {
        // Window state goes to a private settings file, never the user's.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    }

private:
    QTemporaryDir m_settingsDir;
};

namespace {
// The leader's member id as etcdctl reports it (as a string: JSON doubles lose its low bits).
QString etcdctlLeaderHex(const Etcdctl &ctl)
{
    auto r =
        ctl.run({QStringLiteral("endpoint"), QStringLiteral("status"), QStringLiteral("-w"), QStringLiteral("fields")});
    for (const QByteArray &line : r.out.split('\n'))
        if (line.startsWith("\"Leader\" : "))
            return QString::number(line.mid(11).trimmed().toULongLong(), 16);
    return {};
}
} // namespace

void TestMainWindow::showsClusterStateAndFollowsChanges()
{
    START_CLUSTER(cluster, 3, true);
    EtcdClient client(optionsFor(*cluster));
    ClusterMonitor monitor(&client, 300);
    ui::MainWindow window;
    window.setConnectionTitle(QStringLiteral("test cluster"), true, false);
    window.attach(&client, &monitor);
    QAbstractItemModelTester endpointsTester(window.connectionPage()->endpointModel(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester membersTester(window.connectionPage()->membersModel(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.show();
    QVERIFY(window.windowTitle().contains(QLatin1String("READ-ONLY")));
    QSignalSpy leaderChanged(&monitor, &ClusterMonitor::leaderChanged);
    monitor.start();

    QTRY_VERIFY_WITH_TIMEOUT(window.statusSummary().contains(QLatin1String("Connected")), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.connectionPage()->membersModel()->rowCount(), 3, 10000);
    auto *endpoints = window.connectionPage()->endpointModel();
    QCOMPARE(endpoints->rowCount(), 3);

    // The leader shown is the one etcdctl reports.
    const QString leaderHex = etcdctlLeaderHex(etcdctlFor(*cluster));
    QVERIFY(!leaderHex.isEmpty());
    QCOMPARE(QString::number(monitor.snapshot().leaderId, 16), leaderHex);
    QVERIFY(window.statusSummary().contains(QStringLiteral("Leader: %1").arg(monitor.snapshot().leaderName)));
    int leaderRows = 0;
    for (int row = 0; row < 3; ++row)
        if (endpoints->index(row, ui::EndpointStatusModel::Role).data().toString() == QLatin1String("Leader"))
            ++leaderRows;
    QCOMPARE(leaderRows, 1);

    // Help > About names this build, Qt, gRPC and the connected etcd's version (as etcdctl reports it).
    QString etcdVersion;
    for (const QByteArray &line : etcdctlFor(*cluster)
                                      .run({QStringLiteral("endpoint"), QStringLiteral("status"), QStringLiteral("-w"),
                                            QStringLiteral("fields")})
                                      .out.split('\n'))
        if (line.startsWith("\"Version\" : "))
            etcdVersion = QString::fromUtf8(line.mid(12).trimmed()).remove(QLatin1Char('"'));
    QVERIFY(!etcdVersion.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(window.aboutText().contains(QStringLiteral("etcd %1").arg(etcdVersion)), 5000);
    QVERIFY(window.aboutText().contains(QStringLiteral("Qt %1").arg(QLatin1String(qVersion()))));
    QVERIFY(window.aboutText().contains(QStringLiteral("gRPC %1").arg(QString::fromStdString(grpc::Version()))));
    QVERIFY(window.aboutText().contains(QLatin1String(ETCDCONSOLE_VERSION)));
    auto *about = window.findChild<QAction *>(QStringLiteral("aboutAction"));
    QVERIFY(about);
    QString shown;
    QTimer closer; // the box is modal: read and close it from inside its event loop
    connect(&closer, &QTimer::timeout, &window, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            shown = box->text();
            box->accept();
        }
    });
    closer.start(50);
    about->trigger();
    closer.stop();
    QCOMPARE(shown, window.aboutText());

    // The revision follows writes.
    auto put = resultOf(client.kv().put("/ui/test", "1"));
    QVERIFY_OK(put);
    QTRY_VERIFY_WITH_TIMEOUT(window.statusSummary().contains(QStringLiteral("Revision: %1").arg(put->header.revision)),
                             5000);

    // Kill the leader: the window says degraded, shows the dead endpoint's error, then a new leader.
    const int leaderIndex = cluster->clientEndpoints().indexOf(monitor.snapshot().leaderEndpoint);
    QVERIFY(leaderIndex >= 0);
    const quint64 oldLeader = monitor.snapshot().leaderId;
    QVERIFY(cluster->kill(leaderIndex));
    QTRY_VERIFY_WITH_TIMEOUT(window.statusSummary().contains(QLatin1String("Degraded")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(monitor.snapshot().leaderId != 0 && monitor.snapshot().leaderId != oldLeader, 10000);
    QVERIFY(leaderChanged.count() >= 1);
    QVERIFY(!endpoints->index(leaderIndex, ui::EndpointStatusModel::Health)
                 .data()
                 .toString()
                 .contains(QLatin1String("healthy")));
    QVERIFY(window.connectionPage()->bannerText().contains(QLatin1String("Degraded")));

    QString error;
    QVERIFY2(cluster->restart(leaderIndex, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(window.statusSummary().contains(QLatin1String("Connected")), 15000);
}

void TestMainWindow::showsConfigurationProblemsInsteadOfConnecting()
{
    ConnectionOptions o;
    o.endpoints = QStringList{QStringLiteral("127.0.0.1:1")}; // nothing listens on port 1
    o.callTimeoutMs = 800;
    EtcdClient client(o);
    ClusterMonitor monitor(&client, 300);
    ui::MainWindow window;
    window.attach(&client, &monitor);
    window.show();
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(window.statusSummary().contains(QLatin1String("Unreachable")), 10000);
    QVERIFY(window.connectionPage()->bannerText().contains(QLatin1String("Cannot reach etcd")));
    QCOMPARE(window.connectionPage()->endpointModel()->rowCount(), 1);
}

// etcd goes away under an open window with an unsaved edit: a banner says so and keeps retrying,
// nothing the user typed is lost, and when etcd is back the views resume (the key tree follows a new
// write) and the edit saves with compare-and-swap.
void TestMainWindow::lostConnectionShowsBannerReconnectsAndKeepsEdits()
{
    START_CLUSTER(cluster, 1, true);
    const Etcdctl ctl = etcdctlFor(*cluster);
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/cfg/a"), QStringLiteral("one")}).ok());
    ConnectionOptions o = optionsFor(*cluster);
    o.dialTimeoutMs = 500;
    o.callTimeoutMs = 1000;
    EtcdClient client(o);
    ClusterMonitor monitor(&client, 300);
    ui::MainWindow window;
    window.attach(&client, &monitor);
    auto *browser = new ui::KeyBrowser(&client, KeySpaceMirror::Options{});
    window.addView(QStringLiteral("keys"), QStringLiteral("Keys"), browser, true);
    window.show();
    monitor.start();
    browser->start();
    QTRY_VERIFY_WITH_TIMEOUT(browser->mirror()->isLoaded(), 10000);
    QVERIFY(browser->goToKey("/cfg/a"));
    QTRY_COMPARE_WITH_TIMEOUT(browser->editor()->text(), QStringLiteral("one"), 10000);
    browser->editor()->setText(QStringLiteral("edited while etcd was away"));
    QVERIFY(window.connectionBanner()->isHidden());

    QVERIFY(cluster->stop(0));
    QTRY_VERIFY_WITH_TIMEOUT(window.connectionBanner()->isVisible(), 10000);
    QCOMPARE(window.connectionBanner()->kind(), ui::Banner::Kind::Error);
    QVERIFY2(window.connectionBanner()->text().contains(QLatin1String("Connection lost")),
             qPrintable(window.connectionBanner()->text()));
    QVERIFY(window.connectionBanner()->text().contains(QLatin1String("Reconnecting automatically")));
    QCOMPARE(browser->editor()->text(), QStringLiteral("edited while etcd was away"));

    QString error;
    QVERIFY2(cluster->restart(0, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(window.connectionBanner()->kind(), ui::Banner::Kind::Success, 15000);
    QVERIFY(window.connectionBanner()->text().contains(QLatin1String("Reconnected")));
    // Views resume: a write made after the outage reaches the tree through the re-opened watch.
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/cfg/after-outage"), QStringLiteral("x")}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(browser->mirror()->tree().find("/cfg/after-outage") != nullptr, 15000);
    // The edit survived and saves as a compare-and-swap on the revision loaded before the outage.
    QCOMPARE(browser->editor()->text(), QStringLiteral("edited while etcd was away"));
    QSignalSpy saved(browser->editor(), &ui::ValueEditor::saved);
    browser->editor()->save();
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 10000);
    const EtcdctlResult value = ctl.run({QStringLiteral("get"), QStringLiteral("/cfg/a"), QStringLiteral("--print-value-only")});
    QCOMPARE(value.out.trimmed(), QByteArray("edited while etcd was away"));
}

void TestMainWindow::colourTagMarksTheWindow()
{
    ui::MainWindow window;
    window.setConnectionTitle(QStringLiteral("prod-east"), true, false);
    window.setColorTag(QStringLiteral("#c62828"));
    window.show();
    auto *stripe = window.findChild<QWidget *>(QStringLiteral("colorStripe"));
    QVERIFY(stripe && stripe->isVisible());
    QCOMPARE(window.colorTag(), QStringLiteral("#c62828"));
    QVERIFY(window.statusSummary().contains(QLatin1String("prod-east")));
    QVERIFY(window.statusSummary().contains(QLatin1String("READ-ONLY")));
    QVERIFY(window.windowTitle().contains(QLatin1String("prod-east")));
    window.setColorTag(QStringLiteral("not a colour"));
    QVERIFY(!stripe->isVisible());
}

void TestMainWindow::layoutIsRemembered()
{
    QByteArray splitterState;
    {
        ui::MainWindow window;
        auto *splitter = new QSplitter;
        splitter->setObjectName(QStringLiteral("testSplitter"));
        splitter->addWidget(new QWidget);
        splitter->addWidget(new QWidget);
        window.addView(QStringLiteral("split"), QStringLiteral("Split"), splitter);
        window.show();
        window.resize(1000, 640);
        splitter->setSizes({150, 750});
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        splitterState = splitter->saveState();
        window.close(); // saves
    }
    ui::MainWindow again;
    auto *splitter = new QSplitter;
    splitter->setObjectName(QStringLiteral("testSplitter"));
    splitter->addWidget(new QWidget);
    splitter->addWidget(new QWidget);
    again.addView(QStringLiteral("split"), QStringLiteral("Split"), splitter);
    again.restoreLayout();
    QCOMPARE(again.size(), QSize(1000, 640));
    QCOMPARE(splitter->saveState(), splitterState);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
