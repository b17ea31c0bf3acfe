// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Leases against real etcd: grant/revoke/time-to-live/list, and the keeper: many leases on one
// keepalive stream refreshed at TTL/3, a 1 s lease kept for 10 s, loss reported when etcd drops the
// lease or when nothing can be refreshed in time, and riding through the loss of a member.

#include "client/etcdclient.h"
#include "support/testsupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

class TestLease : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void grantTimeToLiveListRevoke();
    void minimumTtlDependsOnElectionTimeout();
    void keepsOneSecondLeaseAliveForTenSeconds();
    void manyLeasesShareOneStream();
    void externallyRevokedLeaseIsReportedLost();
    void unreachableClusterLosesLeaseAfterTtl();
    void stoppingKeepAliveLetsLeaseExpire();
    void keepAliveRidesThroughMemberKill();
    void keepAliveRidesThroughLeaderElections();

private:
    std::unique_ptr<LocalCluster> m_fast; // fast timings: a 1 s TTL is granted as 1 s
    std::unique_ptr<EtcdClient> m_client;
};

void TestLease::initTestCase()
{
    START_CLUSTER(cluster, 1, true);
    m_fast = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_fast));
}

void TestLease::cleanupTestCase()
{
    m_client.reset();
    m_fast.reset();
}

void TestLease::grantTimeToLiveListRevoke()
{
    auto grant = resultOf(m_client->lease().grant(30));
    QVERIFY_OK(grant);
    QVERIFY(grant->id != 0);
    QCOMPARE(grant->ttl, 30);
    PutOptions o;
    o.lease = grant->id;
    QVERIFY_OK(resultOf(m_client->kv().put("/lease/a", "1", o)));
    QVERIFY_OK(resultOf(m_client->kv().put("/lease/b", "2", o)));

    auto ttl = resultOf(m_client->lease().timeToLive(grant->id, true));
    QVERIFY_OK(ttl);
    QCOMPARE(ttl->grantedTtl, 30);
    QVERIFY(ttl->ttl > 0 && ttl->ttl <= 30);
    QCOMPARE(ttl->keys.size(), 2);
    QVERIFY(ttl->keys.contains("/lease/a"));

    auto list = resultOf(m_client->lease().list());
    QVERIFY_OK(list);
    QVERIFY(list->ids.contains(grant->id));

    // etcdctl sees the same lease.
    auto ctl = etcdctlFor(*m_fast).run({QStringLiteral("lease"), QStringLiteral("list")});
    QVERIFY2(ctl.ok(), ctl.describe().constData());
    QVERIFY(ctl.out.contains(QByteArray::number(grant->id, 16)));

    QVERIFY_OK(resultOf(m_client->lease().revoke(grant->id)));
    auto gone = resultOf(m_client->kv().range(RangeOptions::prefix("/lease/")));
    QCOMPARE(gone->count, 0);
    auto after = resultOf(m_client->lease().timeToLive(grant->id));
    QVERIFY_OK(after);
    QCOMPARE(after->ttl, -1);
    auto again = resultOf(m_client->lease().revoke(grant->id));
    QVERIFY(!again.ok());
    QVERIFY(again.error().isLeaseNotFound());
}

void TestLease::minimumTtlDependsOnElectionTimeout()
{
    // etcd raises a TTL below 1.5 election timeouts: 1 s stays 1 s only with fast timings.
    auto fast = resultOf(m_client->lease().grant(1));
    QVERIFY_OK(fast);
    QCOMPARE(fast->ttl, 1);
    START_CLUSTER(standard, 1);
    EtcdClient client(optionsFor(*standard));
    auto slow = resultOf(client.lease().grant(1));
    QVERIFY_OK(slow);
    QCOMPARE(slow->ttl, 2);
}

void TestLease::keepsOneSecondLeaseAliveForTenSeconds()
{
    auto grant = resultOf(m_client->lease().grant(1));
    QVERIFY_OK(grant);
    PutOptions o;
    o.lease = grant->id;
    QVERIFY_OK(resultOf(m_client->kv().put("/lease/kept", "alive", o)));
    KeepAlive *ka = m_client->keepAlive(grant->id, grant->ttl, this);
    QSignalSpy lost(ka, &KeepAlive::lost);
    spin(10000);
    QCOMPARE(lost.count(), 0);
    QVERIFY(ka->isAlive());
    // Refreshed at TTL/3: about 30 times in 10 s.
    QVERIFY2(ka->refreshCount() >= 25, qPrintable(QString::number(ka->refreshCount())));
    auto still = resultOf(m_client->kv().get("/lease/kept"));
    QCOMPARE(still->kvs.size(), 1);
    auto ttl = resultOf(m_client->lease().timeToLive(grant->id));
    QVERIFY(ttl->ttl >= 0);
    delete ka;
    QVERIFY_OK(resultOf(m_client->lease().revoke(grant->id)));
}

void TestLease::manyLeasesShareOneStream()
{
    EtcdClient client(optionsFor(*m_fast));
    const QString endpoint = m_fast->clientEndpoint(0);
    const QByteArray metric = "grpc_server_started_total";
    const QByteArray label = "grpc_method=\"LeaseKeepAlive\"";
    const double streamsBefore = std::max(0.0, etcdMetric(endpoint, metric, label));
    QVector<KeepAlive *> kept;
    for (int i = 0; i < 50; ++i) {
        auto grant = resultOf(client.lease().grant(2));
        QVERIFY_OK(grant);
        kept << client.keepAlive(grant->id, grant->ttl, this);
    }
    spin(5000);
    for (KeepAlive *ka : kept) {
        QVERIFY(ka->isAlive());
        QVERIFY(ka->refreshCount() >= 5);
    }
    QCOMPARE(etcdMetric(endpoint, metric, label) - streamsBefore, 1.0);
    for (KeepAlive *ka : kept) {
        QVERIFY_OK(resultOf(client.lease().revoke(ka->leaseId())));
        delete ka;
    }
}

void TestLease::externallyRevokedLeaseIsReportedLost()
{
    auto grant = resultOf(m_client->lease().grant(5));
    QVERIFY_OK(grant);
    KeepAlive *ka = m_client->keepAlive(grant->id, grant->ttl, this);
    QTRY_VERIFY_WITH_TIMEOUT(ka->refreshCount() >= 1, 5000);
    QSignalSpy lost(ka, &KeepAlive::lost);
    auto ctl =
        etcdctlFor(*m_fast).run({QStringLiteral("lease"), QStringLiteral("revoke"), QString::number(grant->id, 16)});
    QVERIFY2(ctl.ok(), ctl.describe().constData());
    QTRY_COMPARE_WITH_TIMEOUT(lost.count(), 1, 5000);
    const auto reason = lost.first().first().value<EtcdError>();
    QCOMPARE(reason.code(), ErrorCode::NotFound);
    QVERIFY(!ka->isAlive());
    delete ka;
}

void TestLease::unreachableClusterLosesLeaseAfterTtl()
{
    START_CLUSTER(cluster, 1, true);
    EtcdClient client(optionsFor(*cluster));
    auto grant = resultOf(client.lease().grant(2));
    QVERIFY_OK(grant);
    KeepAlive *ka = client.keepAlive(grant->id, grant->ttl, this);
    QTRY_VERIFY_WITH_TIMEOUT(ka->refreshCount() >= 1, 5000);
    QSignalSpy lost(ka, &KeepAlive::lost);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(cluster->pause(0)); // nothing answers any more
    QTRY_COMPARE_WITH_TIMEOUT(lost.count(), 1, 6000);
    // Reported no later than the TTL after the last confirmed refresh (plus one tick).
    QVERIFY2(timer.elapsed() <= 2000 + 300, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(lost.first().first().value<EtcdError>().code(), ErrorCode::DeadlineExceeded);
    QVERIFY(cluster->resume(0));
    delete ka;
}

void TestLease::stoppingKeepAliveLetsLeaseExpire()
{
    auto grant = resultOf(m_client->lease().grant(1));
    QVERIFY_OK(grant);
    PutOptions o;
    o.lease = grant->id;
    QVERIFY_OK(resultOf(m_client->kv().put("/lease/expiring", "x", o)));
    KeepAlive *ka = m_client->keepAlive(grant->id, grant->ttl, this);
    spin(2500);
    QCOMPARE(resultOf(m_client->kv().get("/lease/expiring"))->kvs.size(), 1);
    delete ka; // stops refreshing; etcd expires the lease and deletes the key
    QTRY_COMPARE_WITH_TIMEOUT(resultOf(m_client->kv().get("/lease/expiring"))->kvs.size(), 0, 5000);
}

void TestLease::keepAliveRidesThroughMemberKill()
{
    START_CLUSTER(cluster, 3, true);
    EtcdClient client(optionsFor(*cluster));
    auto grant = resultOf(client.lease().grant(3));
    QVERIFY_OK(grant);
    PutOptions o;
    o.lease = grant->id;
    QVERIFY_OK(resultOf(client.kv().put("/lease/ride", "x", o)));
    KeepAlive *ka = client.keepAlive(grant->id, grant->ttl, this);
    QTRY_VERIFY_WITH_TIMEOUT(ka->refreshCount() >= 2, 5000);
    QSignalSpy lost(ka, &KeepAlive::lost);
    const int victim = cluster->clientEndpoints().indexOf(client.currentEndpoint());
    QVERIFY(victim >= 0);
    QVERIFY(cluster->kill(victim));
    const int before = ka->refreshCount();
    QTRY_VERIFY_WITH_TIMEOUT(ka->refreshCount() > before + 5, 10000);
    spin(3000);
    QCOMPARE(lost.count(), 0);
    QCOMPARE(resultOf(client.kv().get("/lease/ride"))->kvs.size(), 1);
    delete ka;
}

// A 2 s lease kept alive while the raft leader is killed, four times over, with the keepalive
// stream on the leader itself or on a follower. A follower answers "no leader" until the survivors have elected one
// (election timeout 500 ms, randomised up to 2x); the keeper must be back on a stream soon enough after that to refresh
// the lease in time, not waiting out a long reconnect pause it built up meanwhile.
void TestLease::keepAliveRidesThroughLeaderElections()
{
    START_CLUSTER(cluster, 3, true);
    EtcdClient probe(optionsFor(*cluster));
    const auto leaderIndex = [&]() {
        for (int i = 0; i < cluster->memberCount(); ++i) {
            if (cluster->pid(i) == 0)
                continue;
            auto st = resultOf(probe.maintenance().status(cluster->clientEndpoint(i), 2000));
            if (st.ok() && st->isLeader())
                return i;
        }
        return -1;
    };
    for (int round = 0; round < 4; ++round) {
        QVERIFY(waitForLeader(probe));
        const int leader = leaderIndex();
        QVERIFY(leader >= 0);
        // The keeping client's stream is on the leader itself in even rounds, on a follower else.
        ConnectionOptions o = optionsFor(*cluster);
        o.endpoints.removeAll(cluster->clientEndpoint(leader));
        if (round % 2 == 0)
            o.endpoints.prepend(cluster->clientEndpoint(leader));
        EtcdClient client(o);
        auto grant = resultOf(client.lease().grant(2));
        QVERIFY_OK(grant);
        KeepAlive *ka = client.keepAlive(grant->id, grant->ttl, this);
        QTRY_VERIFY_WITH_TIMEOUT(ka->refreshCount() >= 2, 5000);
        QSignalSpy lost(ka, &KeepAlive::lost);
        QVERIFY(cluster->kill(leader));
        const int before = ka->refreshCount();
        QTRY_VERIFY_WITH_TIMEOUT(ka->refreshCount() > before + 3 || !lost.isEmpty(), 10000);
        QVERIFY2(
            lost.isEmpty(),
            qPrintable(
                QStringLiteral("round %1: %2").arg(round).arg(lost.value(0).value(0).value<EtcdError>().toString())));
        auto ttl = resultOf(client.lease().timeToLive(grant->id));
        QVERIFY_OK(ttl);
        QVERIFY2(ttl->ttl > 0, "etcd let the lease expire");
        delete ka;
        QString error;
        QVERIFY2(cluster->restart(leader, &error), qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(TestLease)
#include "tst_lease.moc"
