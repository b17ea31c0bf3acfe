// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Maintenance actions of the Cluster page against a real 3-member cluster: each asks first (a "no"
// changes nothing), move leader hands leadership to the chosen member, compaction discards old
// revisions (etcdctl can no longer read them), defragment succeeds, a snapshot is a valid etcd
// snapshot (etcdctl snapshot status), a cancelled one leaves no file, disarm with nothing raised
// says so; read-only disables the writes but not the snapshot.

#include "cluster/maintenancepanel.h"
#include "support/etcdctl.h"
#include "support/testsupport.h"

#include <QFileInfo>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

class TestMaintenancePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void declinedActionsDoNothing();
    void moveLeaderCompactDefragment();
    void snapshotIsValidAndCancelLeavesNothing();
    void readOnlyKeepsOnlyTheSnapshot();

private:
    std::unique_ptr<LocalCluster> m_cluster;
};

void TestMaintenancePanel::initTestCase()
{
    START_CLUSTER(cluster, 3, true);
    m_cluster = std::move(cluster);
}

void TestMaintenancePanel::declinedActionsDoNothing()
{
    EtcdClient client(optionsFor(*m_cluster));
    ClusterMonitor monitor(&client, 300);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(monitor.snapshot().leaderId != 0, 10000);
    MaintenancePanel panel(&client, &monitor);
    QStringList asked;
    panel.setConfirmation([&asked](const QString &q) {
        asked << q;
        return false;
    });
    QSignalSpy finished(&panel, &MaintenancePanel::finished);
    const quint64 leader = monitor.snapshot().leaderId;
    quint64 other = 0;
    for (const Member &m : monitor.snapshot().members)
        if (m.id != leader)
            other = m.id;
    panel.moveLeader(other);
    panel.compact(2);
    panel.defragment(m_cluster->clientEndpoint(0));
    QCOMPARE(asked.size(), 3);
    QVERIFY2(asked.at(1).contains(QStringLiteral("cannot be undone")), qPrintable(asked.at(1)));
    QTest::qWait(1000);
    QCOMPARE(finished.count(), 0);
    monitor.pollNow();
    QTest::qWait(500);
    QCOMPARE(monitor.snapshot().leaderId, leader);
}

void TestMaintenancePanel::moveLeaderCompactDefragment()
{
    EtcdClient client(optionsFor(*m_cluster));
    ClusterMonitor monitor(&client, 300);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(monitor.snapshot().leaderId != 0 && monitor.snapshot().members.size() == 3, 10000);
    MaintenancePanel panel(&client, &monitor);
    panel.setConfirmation([](const QString &) { return true; });
    QSignalSpy finished(&panel, &MaintenancePanel::finished);

    // Move the leader to another member.
    const quint64 leader = monitor.snapshot().leaderId;
    quint64 target = 0;
    for (const Member &m : monitor.snapshot().members)
        if (m.id != leader)
            target = m.id;
    panel.moveLeader(target);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
    QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(monitor.snapshot().leaderId, target, 5000);

    // Compact: old revisions are gone for etcdctl too.
    for (int i = 0; i < 5; ++i)
        QVERIFY_OK(resultOf(client.kv().put("/maint/k", QByteArray::number(i))));
    auto now = resultOf(client.kv().get("/maint/k"));
    QVERIFY_OK(now);
    const qint64 revision = now->header.revision;
    panel.compact(revision - 1);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 15000);
    QVERIFY2(finished.at(1).at(1).toBool(), qPrintable(finished.at(1).at(2).toString()));
    const EtcdctlResult old = etcdctlFor(*m_cluster).run({QStringLiteral("get"), QStringLiteral("/maint/k"),
                                                          QStringLiteral("--rev=%1").arg(revision - 2)});
    QVERIFY(!old.ok());
    QVERIFY2(old.err.contains("compacted"), old.err.constData());

    // Defragment one member.
    panel.defragment(m_cluster->clientEndpoint(1));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 30000);
    QVERIFY2(finished.at(2).at(1).toBool(), qPrintable(finished.at(2).at(2).toString()));
    QVERIFY(panel.resultText().contains(QStringLiteral("Defragmented")));

    // Disarm with nothing raised: said plainly.
    panel.disarmAlarms();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 4, 10000);
    QVERIFY2(panel.resultText().contains(QStringLiteral("No alarm")), qPrintable(panel.resultText()));
}

void TestMaintenancePanel::snapshotIsValidAndCancelLeavesNothing()
{
    EtcdClient client(optionsFor(*m_cluster));
    // Some bulk, so that the snapshot takes a moment.
    for (int i = 0; i < 24; ++i)
        QVERIFY_OK(resultOf(client.kv().put("/maint/bulk/" + QByteArray::number(i), QByteArray(1 << 20, char('a' + i % 26)))));
    ClusterMonitor monitor(&client, 1000);
    MaintenancePanel panel(&client, &monitor);
    QTemporaryDir dir;
    QSignalSpy finished(&panel, &MaintenancePanel::finished);
    const QString file = dir.filePath(QStringLiteral("snap.db"));
    panel.saveSnapshot(file);
    QVERIFY(panel.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).toString()));
    QVERIFY(QFileInfo(file).size() > 20 * (1 << 20));
    const EtcdctlResult status = etcdctlFor(*m_cluster).run({QStringLiteral("snapshot"), QStringLiteral("status"), file});
    QVERIFY2(status.ok(), status.describe().constData()); // etcd itself reads it as a snapshot

    const QString cancelled = dir.filePath(QStringLiteral("cancelled.db"));
    panel.saveSnapshot(cancelled);
    panel.cancelSnapshot();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
    QVERIFY(!finished.at(1).at(1).toBool());
    QVERIFY2(panel.resultText().contains(QStringLiteral("cancelled")), qPrintable(panel.resultText()));
    QVERIFY(!QFileInfo::exists(cancelled));
    QVERIFY(!QFileInfo::exists(cancelled + QStringLiteral(".part")));
}

void TestMaintenancePanel::readOnlyKeepsOnlyTheSnapshot()
{
    ConnectionOptions o = optionsFor(*m_cluster);
    o.readOnly = true;
    EtcdClient client(o);
    ClusterMonitor monitor(&client, 1000);
    MaintenancePanel panel(&client, &monitor);
    for (const char *name : {"defragButton", "moveLeaderButton"})
        QVERIFY2(!panel.findChild<QToolButton *>(QLatin1String(name))->isEnabled(), name);
    for (const char *name : {"compactButton", "disarmButton"})
        QVERIFY2(!panel.findChild<QPushButton *>(QLatin1String(name))->isEnabled(), name);
    QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("snapshotButton"))->isEnabled());
    int asked = 0;
    panel.setConfirmation([&asked](const QString &) { return ++asked > 0; });
    panel.compact(1);
    QCOMPARE(asked, 0); // refused before asking
}

QTEST_MAIN(TestMaintenancePanel)
#include "tst_maintenancepanel.moc"
