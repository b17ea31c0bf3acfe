// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The five named failover scenarios, each run once on a real 3-member sandbox with its fault
// network and three real etcd-demo-worker processes (TTL 1 s, fencing on): every step happens in
// time, the unavailability window is measured through etcd, no overlap, and the fencing check
// over every work record finds no violation.

#include "support/scenariorig.h"

#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

Q_DECLARE_METATYPE(etcd::FailoverScenario::Kind)

class TestFailoverScenarios : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void scenario_data();
    void scenario();
    void refusesWithoutTheNetwork();

private:
    std::unique_ptr<ScenarioRig> m_rig;
};

void TestFailoverScenarios::initTestCase()
{
    qRegisterMetaType<FailoverScenario::Result>();
    m_rig = std::make_unique<ScenarioRig>();
    QString why;
    QVERIFY2(m_rig->start(QStringLiteral(ETCD_DEMO_WORKER_BIN), 1, "/demo/scenarios", &why), qPrintable(why));
}

void TestFailoverScenarios::cleanupTestCase()
{
    m_rig.reset();
}

void TestFailoverScenarios::scenario_data()
{
    QTest::addColumn<FailoverScenario::Kind>("kind");
    QTest::addColumn<bool>("masterChanges");
    QTest::newRow("kill the master") << FailoverScenario::Kind::KillMaster << true;
    QTest::newRow("pause the master") << FailoverScenario::Kind::PauseMaster << true;
    QTest::newRow("cut the master off") << FailoverScenario::Kind::CutOffMaster << true;
    QTest::newRow("partition the etcd leader") << FailoverScenario::Kind::PartitionEtcdLeader << false;
    QTest::newRow("lose quorum") << FailoverScenario::Kind::LoseQuorum << false;
}

void TestFailoverScenarios::scenario()
{
    QFETCH(FailoverScenario::Kind, kind);
    QFETCH(bool, masterChanges);
    QStringList said;
    connect(m_rig->scenario.get(), &FailoverScenario::narrate, this, [&said](const QString &s) { said << s; });
    QSignalSpy faults(m_rig->scenario.get(), &FailoverScenario::faultDone);
    QSignalSpy finished(m_rig->scenario.get(), &FailoverScenario::finished);
    QVERIFY(m_rig->scenario->start(kind));
    QVERIFY(!m_rig->scenario->start(kind)); // one at a time
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 90000);
    disconnect(m_rig->scenario.get(), &FailoverScenario::narrate, this, nullptr);
    const auto result = finished.at(0).at(0).value<FailoverScenario::Result>();
    QVERIFY2(result.ok, qPrintable(result.error + QLatin1Char('\n') + said.join(QLatin1Char('\n'))));
    qInfo("%s: unavailable %lld ms, gap %lld ms, overlaps %d, fenced refused %d, %s",
          qPrintable(FailoverScenario::name(kind)), static_cast<long long>(result.unavailableMs),
          static_cast<long long>(result.gapMs), result.overlaps, result.fencedRefused, qPrintable(result.fencingCheck));
    QVERIFY(result.unavailableMs >= 0);
    QCOMPARE(result.overlaps, 0);
    QVERIFY2(result.fencingCheck.endsWith(QLatin1String(", 0 violations")), qPrintable(result.fencingCheck));
    QVERIFY(said.constLast().contains(QLatin1String("done: unavailable for")));
    QCOMPARE(faults.count(), 1);
    if (masterChanges) {
        QVERIFY(result.gapMs >= 0);
        QVERIFY(result.unavailableMs >= result.gapMs);
    }
    // The network is whole again for the next scenario.
    QVERIFY(m_rig->faults->hasQuorum());
}

void TestFailoverScenarios::refusesWithoutTheNetwork()
{
    FailoverScenario bare(m_rig->pool.get(), m_rig->observer.get(), nullptr, {});
    QStringList said;
    connect(&bare, &FailoverScenario::narrate, this, [&said](const QString &s) { said << s; });
    QVERIFY(!bare.start(FailoverScenario::Kind::LoseQuorum));
    QVERIFY2(said.value(0).contains(QLatin1String("needs the sandbox's fault network")), qPrintable(said.join('\n')));
}

QTEST_GUILESS_MAIN(TestFailoverScenarios)
#include "tst_failoverscenarios.moc"
