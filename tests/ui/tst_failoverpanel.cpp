// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The failover panel with real workers against real etcd: start three, kill the master from the
// panel, the failover is measured through etcd and drawn on the timeline, the story explains it;
// the lock strategy elects a master too.

#include "common/qcustomplotinclude.h"
#include "failover/failoverpanel.h"
#include "sandbox/faultnetwork.h"
#include "sandbox/sandboxfaults.h"
#include "support/testsupport.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

class TestFailoverPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killTheMasterFromThePanel();
    void lockStrategyElectsAMaster();
    void cutOffAndNetworkFaultsOnTheTimeline();
    void runsANamedScenario();

private:
    std::unique_ptr<LocalCluster> m_cluster;
};

void TestFailoverPanel::initTestCase()
{
    qputenv("ETCD_DEMO_WORKER", ETCD_DEMO_WORKER_BIN);
    START_CLUSTER(cluster, 1, true);
    m_cluster = std::move(cluster);
}

void TestFailoverPanel::killTheMasterFromThePanel()
{
    EtcdClient client(optionsFor(*m_cluster));
    FailoverPanel panel(&client);
    panel.resize(1100, 800);
    panel.show();
    panel.startWorkers(3, QStringLiteral("election"), 1, true);
    QTRY_VERIFY_WITH_TIMEOUT(panel.pool()->masterIndex() >= 0 && !panel.observer()->currentMaster().isEmpty(), 15000);
    QCOMPARE(panel.pool()->workers().size(), 3);
    const int master = panel.pool()->masterIndex();
    const QString id = panel.pool()->workers()[master].id;
    QCOMPARE(panel.observer()->currentMaster(), id);
    QVERIFY(panel.explanation().contains(id + QStringLiteral(" is master")));

    QVERIFY(panel.killWorker(master));
    QTRY_COMPARE_WITH_TIMEOUT(panel.observer()->gaps().size(), 1, 10000);
    QTRY_VERIFY(panel.explanation().contains(QStringLiteral("Failover %1 ->").arg(id)));
    QTRY_VERIFY_WITH_TIMEOUT(panel.pool()->masterIndex() >= 0 && panel.pool()->masterIndex() != master, 5000);
    // The timeline draws lanes, the gap and its label.
    auto gapLabel = [&panel] {
        for (int i = 0; i < panel.timeline()->itemCount(); ++i)
            if (auto *text = qobject_cast<QCPItemText *>(panel.timeline()->item(i)))
                if (text->text().startsWith(QStringLiteral("gap ")))
                    return true;
        return false;
    };
    QTRY_VERIFY(panel.timeline()->itemCount() >= 5);
    QTRY_VERIFY(gapLabel());

    // FAILOVER_SHOT=FILE saves a picture of the panel at this point, for people (and the README).
    if (!qEnvironmentVariableIsEmpty("FAILOVER_SHOT")) {
        QTest::qWait(1500);
        panel.grab().save(qEnvironmentVariable("FAILOVER_SHOT"));
    }

    // The unavailability window of the kill (from the kill, not from the key's deletion) is
    // measured, drawn and narrated; the run exports as PNG, SVG, CSV and JSON.
    QTRY_VERIFY_WITH_TIMEOUT(!panel.unavailability().isEmpty() && panel.unavailability().constFirst().lengthMs >= 0,
                             10000);
    const FailoverRunWindow window = panel.unavailability().constFirst();
    QCOMPARE(window.master, id);
    QCOMPARE(window.fault, QStringLiteral("kill"));
    QVERIFY(window.lengthMs >= panel.observer()->gaps().constFirst().length());
    QVERIFY(panel.explanation().contains(QStringLiteral("Unavailable for %1 ms").arg(window.lengthMs)));
    QTRY_VERIFY(panel.findChild<QLabel *>(QStringLiteral("failoverSummary"))
                    ->text()
                    .contains(QLatin1String("fencing check: 1 handover, 0 violations")));
    QTemporaryDir dir;
    const QString base = dir.filePath(QStringLiteral("run"));
    QString why;
    QVERIFY2(panel.exportRun(base, &why), qPrintable(why));
    QVERIFY(!QImage(base + QStringLiteral(".png")).isNull());
    QFile svg(base + QStringLiteral(".svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QVERIFY(svg.readAll().contains("<svg"));
    QFile json(base + QStringLiteral(".json"));
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject run = QJsonDocument::fromJson(json.readAll()).object();
    QVERIFY(run.value(QStringLiteral("records")).toArray().size() > 2);
    QCOMPARE(run.value(QStringLiteral("gaps")).toArray().size(), 1);
    QCOMPARE(run.value(QStringLiteral("unavailability"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("lengthMs"))
                 .toInteger(),
             window.lengthMs);
    QCOMPARE(run.value(QStringLiteral("fencingCheck")).toObject().value(QStringLiteral("summary")).toString(),
             QStringLiteral("1 handover, 0 violations"));
    QFile records(base + QStringLiteral("-records.csv"));
    QVERIFY(records.open(QIODevice::ReadOnly));
    QCOMPARE(records.readLine(), QByteArray("time,time_ms,worker,token,seq\n"));
    QFile events(base + QStringLiteral("-events.csv"));
    QVERIFY(events.open(QIODevice::ReadOnly));
    QVERIFY(events.readAll().contains("killed (SIGKILL)"));

    // Restart the killed one: it comes back as a standby.
    QVERIFY(panel.restartWorker(master));
    QTRY_COMPARE_WITH_TIMEOUT(panel.pool()->workers()[master].state, QStringLiteral("standby"), 10000);
    panel.stopAll();
}

void TestFailoverPanel::lockStrategyElectsAMaster()
{
    EtcdClient client(optionsFor(*m_cluster));
    FailoverPanel panel(&client);
    panel.startWorkers(2, QStringLiteral("lock"), 1, true);
    QTRY_VERIFY_WITH_TIMEOUT(panel.pool()->masterIndex() >= 0 && panel.observer()->workRecords() > 0, 15000);
    const int master = panel.pool()->masterIndex();
    QVERIFY(panel.stopWorker(master));
    QTRY_COMPARE_WITH_TIMEOUT(panel.observer()->gaps().size(), 1, 10000);
    QVERIFY2(panel.observer()->gaps().constFirst().length() < 300,
             qPrintable(QString::number(panel.observer()->gaps().constFirst().length())));
    panel.stopAll();
}

void TestFailoverPanel::cutOffAndNetworkFaultsOnTheTimeline()
{
    // A 3-member sandbox with its breakable network: the master is cut off from etcd from the
    // panel (it runs on), a standby takes over, the cut-off span is hatched on its lane; a member
    // cut off from its peers is narrated and marked; the network is restored.
    LocalClusterOptions options;
    options.members = 3;
    options.fastTimings = true;
    options.faultNetwork = true;
    LocalCluster cluster(options);
    QString why;
    QVERIFY2(cluster.startAndWait(&why), qPrintable(why));
    SandboxFaults faults(&cluster);
    QVERIFY(faults.isAvailable());
    EtcdClient client(optionsFor(cluster));
    FailoverPanel panel(&client);
    panel.resize(1100, 800);
    panel.show();
    QVector<quint16> ports;
    for (int i = 0; i < 3; ++i)
        ports << cluster.clientPort(i);
    panel.setSandboxNetwork(faults.network(), ports);
    connect(&faults, &SandboxFaults::performed, &panel, [&panel](const QString &s) { panel.noteSandboxEvent(s); });
    QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("cutOffWorkerButton"))->isVisibleTo(&panel));
    panel.startWorkers(2, QStringLiteral("election"), 1, true);
    QTRY_VERIFY_WITH_TIMEOUT(panel.pool()->masterIndex() >= 0 && panel.observer()->workRecords() > 2, 15000);
    const int master = panel.pool()->masterIndex();
    const QString id = panel.pool()->workers()[master].id;
    QVERIFY(panel.toggleCutOff(master));
    QVERIFY(panel.explanation().contains(id + QStringLiteral(" cut off from etcd")));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.observer()->currentMaster().isEmpty() && panel.observer()->currentMaster() != id,
                             10000);
    QCOMPARE(panel.pool()->workers()[master].process->state(), QProcess::Running);
    QVERIFY(panel.toggleCutOff(master));
    QVERIFY(panel.explanation().contains(id + QStringLiteral(" reconnected")));

    // Faults done to the sandbox: narrated and marked on the timeline.
    const QString said = faults.isolate(2);
    QVERIFY2(said.contains(QLatin1String("still reach each other, a majority (2 of 3)")), qPrintable(said));
    QVERIFY(faults.hasQuorum());
    QVERIFY(!faults.hasQuorum(1));
    const QString lost = faults.loseQuorum();
    QVERIFY2(lost.contains(QLatin1String("NO QUORUM")), qPrintable(lost));
    QVERIFY(!faults.hasQuorum());
    QVERIFY(faults.healAll().contains(QLatin1String("whole again")));
    QVERIFY(faults.hasQuorum());
    QVERIFY(panel.explanation().contains(QLatin1String("cut off from its peers")));
    auto count = [&panel](auto match) {
        int n = 0;
        for (int i = 0; i < panel.timeline()->itemCount(); ++i)
            n += match(panel.timeline()->item(i)) ? 1 : 0;
        return n;
    };
    QTRY_VERIFY(count([](QCPAbstractItem *item) {
                    auto *rect = qobject_cast<QCPItemRect *>(item);
                    return rect && rect->brush().style() == Qt::BDiagPattern;
                }) == 1);
    QTRY_VERIFY(count([](QCPAbstractItem *item) { return qobject_cast<QCPItemLine *>(item) != nullptr; }) >= 3);
    if (!qEnvironmentVariableIsEmpty("FAILOVER_SHOT")) {
        QTest::qWait(1500);
        panel.grab().save(
            qEnvironmentVariable("FAILOVER_SHOT").replace(QStringLiteral(".png"), QStringLiteral("-faults.png")));
    }
    panel.stopAll();
}

void TestFailoverPanel::runsANamedScenario()
{
    EtcdClient client(optionsFor(*m_cluster));
    FailoverPanel panel(&client);
    panel.resize(1100, 800);
    panel.show();
    // No workers yet: the scenario starts three, waits for a working master, kills it, measures.
    QVERIFY(panel.runScenario(FailoverScenario::Kind::KillMaster));
    QCOMPARE(panel.pool()->workers().size(), 3);
    QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("runScenarioButton"))->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(panel.explanation().contains(QLatin1String("Scenario \"Kill the master\" done")), 40000);
    QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("runScenarioButton"))->isEnabled());
    QCOMPARE(panel.unavailability().size(), 1);
    QTRY_VERIFY(panel.unavailability().constFirst().lengthMs >= 0);
    // The etcd scenarios need the sandbox's network: refused, with the reason, on a plain cluster.
    QVERIFY(!panel.runScenario(FailoverScenario::Kind::LoseQuorum));
    QVERIFY(panel.explanation().contains(QLatin1String("needs the sandbox's fault network")));
    panel.stopAll();
}

QTEST_MAIN(TestFailoverPanel)
#include "tst_failoverpanel.moc"
