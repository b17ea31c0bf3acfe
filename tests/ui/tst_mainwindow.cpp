// The main window on the offscreen platform against a real 3-member cluster: the models under
// QAbstractItemModelTester, the status bar's state/leader/revision matching etcdctl, and the
// window following a member going down and a leader change.

#include "connectionpage.h"
#include "endpointstatusmodel.h"
#include "mainwindow.h"
#include "membersmodel.h"
#include "state/clustermonitor.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsClusterStateAndFollowsChanges();
    void showsConfigurationProblemsInsteadOfConnecting();
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
