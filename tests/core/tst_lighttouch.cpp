// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// A light touch on production: the lease monitor reads each lease once, then only what someone
// looks at (often) and the rest in a slow rotation; a kept-alive lease is not shown as expiring;
// the console's own request counter agrees with etcd's grpc_server_started_total.

#include "client/etcdclient.h"
#include "state/cluster/requestrate.h"
#include "state/leases/leasemonitor.h"
#include "support/testsupport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

class TestLightTouch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void eachLeaseIsReadOnceThenLeftAlone();
    void leasesLookedAtAreReadFirstAndOften();
    void keptAliveLeaseIsNotShownExpiring();
    void expiredLeaseIsReportedGone();
    void requestCounterAgreesWithEtcd();

private:
    double etcdStarted(const QByteArray &method) const
    {
        return etcdMetric(*m_cluster, 0, "grpc_server_started_total", "grpc_method=\"" + method + "\"");
    }
    QVector<qint64> grantMany(int count, qint64 ttl);

    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_admin; // the test's own writes, not counted against the monitor
};

void TestLightTouch::initTestCase()
{
    START_CLUSTER(cluster, 1, true);
    m_cluster = std::move(cluster);
    m_admin = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
}

void TestLightTouch::cleanupTestCase()
{
    m_admin.reset();
    m_cluster.reset();
}

QVector<qint64> TestLightTouch::grantMany(int count, qint64 ttl)
{
    QVector<QFuture<EtcdResult<LeaseGrant>>> grants;
    for (int i = 0; i < count; ++i)
        grants << m_admin->lease().grant(ttl);
    QVector<qint64> ids;
    for (const auto &g : grants) {
        const auto r = resultOf(g);
        if (!r.ok())
            return {};
        ids << r->id;
    }
    return ids;
}

void TestLightTouch::eachLeaseIsReadOnceThenLeftAlone()
{
    const QVector<qint64> ids = grantMany(300, 600);
    QCOMPARE(ids.size(), 300);
    for (int i = 0; i < 30; ++i) {
        PutOptions o;
        o.lease = ids.at(i);
        QVERIFY_OK(resultOf(m_admin->kv().put(QByteArray("/lt/once/") + QByteArray::number(i), "v", o)));
    }
    const double ttlBefore = etcdStarted("LeaseTimeToLive");
    QVERIFY(ttlBefore >= 0);
    EtcdClient console(optionsFor(*m_cluster));
    LeaseMonitor monitor(&console, 300);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(monitor.isLoaded() && monitor.leases().size() >= 300 && monitor.unreadCount() == 0, 20000);
    // Every lease once, at the load budget, and its keys with it.
    QTRY_COMPARE_WITH_TIMEOUT(etcdStarted("LeaseTimeToLive") - ttlBefore, double(monitor.leases().size()), 5000);
    QCOMPARE(console.requests().byMethod().value(QStringLiteral("lease time-to-live")),
             quint64(monitor.leases().size()));
    QCOMPARE(monitor.lease(ids.first())->keys.size(), 1);

    // Then idle: nobody looks, every answer is younger than the rotation age: the list only.
    const quint64 reads = console.requests().byMethod().value(QStringLiteral("lease time-to-live"));
    const quint64 lists = console.requests().byMethod().value(QStringLiteral("lease list"));
    spin(4000);
    QCOMPARE(console.requests().byMethod().value(QStringLiteral("lease time-to-live")), reads);
    const quint64 listed = console.requests().byMethod().value(QStringLiteral("lease list")) - lists;
    QVERIFY2(listed >= 8 && listed <= 15, qPrintable(QString::number(listed)));
    // Not fresh any more after kFreshMs: shown as an estimate, never highlighted as expiring.
    for (qint64 id : ids)
        QVERIFY(!monitor.lease(id)->expiringSoon(QDateTime::currentMSecsSinceEpoch() + LeaseInfo::kFreshMs + 1));
    for (qint64 id : ids)
        m_admin->lease().revoke(id);
}

void TestLightTouch::leasesLookedAtAreReadFirstAndOften()
{
    const QVector<qint64> ids = grantMany(200, 600);
    QCOMPARE(ids.size(), 200);
    EtcdClient console(optionsFor(*m_cluster));
    LeaseMonitor monitor(&console, 300);
    const QSet<qint64> looked{ids.at(150), ids.at(170), ids.at(199)};
    monitor.setInterest(QStringLiteral("test"), looked);
    QSignalSpy loaded(&monitor, &LeaseMonitor::loaded);
    monitor.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    // Loaded as soon as the leases looked at are in, ahead of the load of the rest.
    for (qint64 id : looked)
        QVERIFY(monitor.lease(id)->checkedAtMs > 0);
    QTRY_COMPARE_WITH_TIMEOUT(monitor.unreadCount(), 0, 20000);

    QHash<qint64, int> reads;
    QHash<qint64, qint64> seen;
    for (qint64 id : looked)
        seen[id] = monitor.lease(id)->checkedAtMs;
    const quint64 before = console.requests().byMethod().value(QStringLiteral("lease time-to-live"));
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 11500) {
        spin(100);
        for (qint64 id : looked) {
            const qint64 at = monitor.lease(id)->checkedAtMs;
            if (at != seen[id]) {
                seen[id] = at;
                ++reads[id];
            }
        }
    }
    for (qint64 id : looked)
        QVERIFY2(reads.value(id) >= 2 && reads.value(id) <= 3, qPrintable(QString::number(reads.value(id))));
    // ... and nothing else was read meanwhile (every other answer is younger than the rotation age).
    const quint64 sent = console.requests().byMethod().value(QStringLiteral("lease time-to-live")) - before;
    QVERIFY2(sent <= 9, qPrintable(QString::number(sent)));
    for (qint64 id : ids)
        m_admin->lease().revoke(id);
}

void TestLightTouch::keptAliveLeaseIsNotShownExpiring()
{
    const auto grant = resultOf(m_admin->lease().grant(2));
    QVERIFY_OK(grant);
    KeepAlive *keeper = m_admin->keepAlive(grant->id, 2, this);
    EtcdClient console(optionsFor(*m_cluster));
    LeaseMonitor monitor(&console, 300);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(monitor.lease(grant->id) && monitor.lease(grant->id)->checkedAtMs > 0, 10000);
    // Nobody looks: not read again, its countdown runs out, yet the list still holds it.
    QTRY_VERIFY_WITH_TIMEOUT(monitor.lease(grant->id)->renewedSinceRead(), 8000);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(monitor.lease(grant->id)->ttlLeft(now), qint64(-1));
    QVERIFY(!monitor.lease(grant->id)->expiringSoon(now));
    // Looked at: read again at once, a real countdown again.
    const qint64 lastRead = monitor.lease(grant->id)->checkedAtMs;
    monitor.setInterest(QStringLiteral("test"), {grant->id});
    QTRY_VERIFY_WITH_TIMEOUT(monitor.lease(grant->id)->checkedAtMs > lastRead, 2000);
    QVERIFY(!monitor.lease(grant->id)->renewedSinceRead());
    QVERIFY(monitor.lease(grant->id)->ttlLeft(QDateTime::currentMSecsSinceEpoch()) >= 0);
    delete keeper;
    m_admin->lease().revoke(grant->id);
}

void TestLightTouch::expiredLeaseIsReportedGone()
{
    const auto grant = resultOf(m_admin->lease().grant(2));
    QVERIFY_OK(grant);
    EtcdClient console(optionsFor(*m_cluster));
    LeaseMonitor monitor(&console, 300);
    QSignalSpy removed(&monitor, &LeaseMonitor::leaseRemoved);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(monitor.lease(grant->id), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!monitor.lease(grant->id), 8000);
    QVERIFY(std::any_of(removed.cbegin(), removed.cend(),
                        [&](const QList<QVariant> &args) { return args.at(0).toLongLong() == grant->id; }));
}

void TestLightTouch::requestCounterAgreesWithEtcd()
{
    EtcdClient console(optionsFor(*m_cluster));
    RequestRate rate(&console, 10);
    rate.sample();
    const double puts = etcdStarted("Put");
    const double ranges = etcdStarted("Range");
    for (int i = 0; i < 25; ++i)
        QVERIFY_OK(resultOf(console.kv().put("/lt/count/" + QByteArray::number(i), "v")));
    for (int i = 0; i < 7; ++i)
        QVERIFY_OK(resultOf(console.kv().get("/lt/count/1")));
    spin(50);
    rate.sample();
    QCOMPARE(etcdStarted("Put") - puts, 25.0);
    QCOMPARE(etcdStarted("Range") - ranges, 7.0);
    QCOMPARE(console.requests().byMethod().value(QStringLiteral("put")), quint64(25));
    QCOMPARE(console.requests().byMethod().value(QStringLiteral("range")), quint64(7));
    QCOMPARE(console.requests().total(), quint64(32));
    QVERIFY(rate.perSecond() > 0);
    QVERIFY(rate.perSecondByMethod().contains(QStringLiteral("put")));
    QVERIFY(rate.breakdown().contains(QStringLiteral("put")));

    // Stream messages count too: one watch create request on the shared stream.
    const double watchMsgs = etcdMetric(*m_cluster, 0, "grpc_server_msg_received_total", "grpc_method=\"Watch\"");
    Watcher *w = console.watch(WatchOptions::prefix("/lt/count/"), this);
    QSignalSpy created(w, &Watcher::created);
    QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 5000);
    QCOMPARE(console.requests().byMethod().value(QStringLiteral("WatchRequest")), quint64(1));
    QTRY_COMPARE_WITH_TIMEOUT(
        etcdMetric(*m_cluster, 0, "grpc_server_msg_received_total", "grpc_method=\"Watch\"") - watchMsgs, 1.0, 3000);
    delete w;
}

QTEST_GUILESS_MAIN(TestLightTouch)
#include "tst_lighttouch.moc"
