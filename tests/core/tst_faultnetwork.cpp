// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The sandbox's breakable network against a real 3-member etcd whose peer traffic runs through
// the console's proxies: member ids learnt from the traffic, a follower cut off and healed (it
// catches up), the raft leader cut off (the others elect a new one), pairs of links cut (a
// follower cut from the leader alone loses it), quorum lost and restored, and a client route that is slowed, made to
// stall and cut (a worker cut off from etcd while it keeps running).

#include "client/maintenance.h"
#include "sandbox/faultnetwork.h"
#include "support/testsupport.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

class TestFaultNetwork : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void learnsMemberIdsFromTheTraffic();
    void cutFollowerFallsBehindAndCatchesUp();
    void cutLeaderIsReplaced();
    void onePairCutKeepsTheClusterWorking();
    void quorumLostAndRestored();
    void routeLatencyStallsAndCut();

private:
    // The member index etcd reports as leader, asking the members given (-1: none agrees).
    int leaderIndex(const QList<int> &askMembers);
    bool putVia(int member, const QByteArray &key, const QByteArray &value, int timeoutMs = 3000);
    QByteArray serializableGetFrom(int member, const QByteArray &key);

    std::unique_ptr<LocalCluster> m_cluster;
    FaultNetwork *m_net = nullptr;
};

void TestFaultNetwork::initTestCase()
{
    LocalClusterOptions options;
    options.members = 3;
    options.fastTimings = true;
    options.faultNetwork = true;
    m_cluster = std::make_unique<LocalCluster>(options);
    QString why;
    QVERIFY2(m_cluster->startAndWait(&why), qPrintable(why));
    m_net = m_cluster->faultNetwork();
    QVERIFY(m_net);
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_cluster->peerUrl(i) != m_cluster->peerListenUrl(i)); // advertised: the proxy
}

void TestFaultNetwork::cleanupTestCase()
{
    m_cluster.reset();
}

void TestFaultNetwork::init()
{
    // Every test starts healed, with a leader all members agree on.
    m_net->healAll();
    QTRY_VERIFY_WITH_TIMEOUT(leaderIndex({0, 1, 2}) >= 0, 15000);
}

int TestFaultNetwork::leaderIndex(const QList<int> &askMembers)
{
    EtcdClient client(optionsFor(*m_cluster));
    quint64 leader = 0;
    for (int i : askMembers) {
        const auto status = resultOf(client.maintenance().status(m_cluster->clientEndpoint(i), 1500), 5000);
        if (!status.ok() || status.value().leaderId == 0)
            return -1;
        if (leader != 0 && status.value().leaderId != leader)
            return -1;
        leader = status.value().leaderId;
    }
    for (int i = 0; i < 3; ++i)
        if (m_net->memberId(i) == QString::number(leader, 16))
            return i;
    return -1;
}

bool TestFaultNetwork::putVia(int member, const QByteArray &key, const QByteArray &value, int timeoutMs)
{
    ConnectionOptions o = optionsFor(*m_cluster);
    o.endpoints = {m_cluster->clientEndpoint(member)};
    EtcdClient client(o);
    CallOptions call;
    call.timeoutMs = timeoutMs;
    PutOptions put;
    const auto r = resultOf(client.kv().put(key, value, put, call), timeoutMs + 5000);
    return r.ok();
}

QByteArray TestFaultNetwork::serializableGetFrom(int member, const QByteArray &key)
{
    ConnectionOptions o = optionsFor(*m_cluster);
    o.endpoints = {m_cluster->clientEndpoint(member)};
    EtcdClient client(o);
    RangeOptions range;
    range.key = key;
    range.serializable = true; // the member's own copy, even without a leader
    const auto r = resultOf(client.kv().range(range), 10000);
    if (!r.ok() || r.value().kvs.isEmpty())
        return {};
    return r.value().kvs.constFirst().value;
}

void TestFaultNetwork::learnsMemberIdsFromTheTraffic()
{
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_net->memberId(0).isEmpty() && !m_net->memberId(1).isEmpty() && !m_net->memberId(2).isEmpty(), 10000);
    EtcdClient client(optionsFor(*m_cluster));
    for (int i = 0; i < 3; ++i) {
        const auto status = resultOf(client.maintenance().status(m_cluster->clientEndpoint(i)));
        QVERIFY_OK(status);
        QCOMPARE(m_net->memberId(i), QString::number(status.value().memberId, 16));
    }
    QVERIFY(m_net->stats().forwardedBytes > 0);
    QVERIFY(m_net->stats().openConnections >= 2);
}

void TestFaultNetwork::cutFollowerFallsBehindAndCatchesUp()
{
    const int leader = leaderIndex({0, 1, 2});
    const int follower = (leader + 1) % 3;
    QVERIFY(putVia(leader, "/fault/follower", "before"));
    QTRY_COMPARE_WITH_TIMEOUT(serializableGetFrom(follower, "/fault/follower"), QByteArray("before"), 5000);

    LinkFault cut;
    cut.cut = true;
    m_net->setMemberFault(follower, cut);
    // The majority goes on; the follower does not hear of it, and cannot write.
    QVERIFY(putVia(leader, "/fault/follower", "during"));
    spin(1500);
    QCOMPARE(serializableGetFrom(follower, "/fault/follower"), QByteArray("before"));
    QVERIFY(!putVia(follower, "/fault/follower", "from the island", 1500));
    QVERIFY(m_net->stats().droppedBytes > 0);

    const int closedBefore = m_net->stats().closedByHeal;
    m_net->setMemberFault(follower, LinkFault());
    QTRY_COMPARE_WITH_TIMEOUT(serializableGetFrom(follower, "/fault/follower"), QByteArray("during"), 15000);
    QVERIFY(m_net->stats().closedByHeal > closedBefore); // the silent streams were closed
    QVERIFY(putVia(follower, "/fault/follower", "after"));
}

void TestFaultNetwork::cutLeaderIsReplaced()
{
    const int leader = leaderIndex({0, 1, 2});
    QVERIFY(leader >= 0);
    LinkFault cut;
    cut.cut = true;
    m_net->setMemberFault(leader, cut);
    const QList<int> others = {(leader + 1) % 3, (leader + 2) % 3};
    QElapsedTimer t;
    t.start();
    int next = -1;
    QTRY_VERIFY_WITH_TIMEOUT((next = leaderIndex(others)) >= 0 && next != leader, 15000);
    qInfo("new leader m%d elected %lld ms after m%d was cut off", next, t.elapsed(), leader);
    QVERIFY(putVia(next, "/fault/leader", "written by the majority"));
    m_net->setMemberFault(leader, LinkFault());
    QTRY_VERIFY_WITH_TIMEOUT(leaderIndex({0, 1, 2}) >= 0, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(serializableGetFrom(leader, "/fault/leader"), QByteArray("written by the majority"),
                              15000);
}

void TestFaultNetwork::onePairCutKeepsTheClusterWorking()
{
    const int leader = leaderIndex({0, 1, 2});
    QVERIFY(leader >= 0);
    const int a = (leader + 1) % 3, b = (leader + 2) % 3;
    const qint64 droppedBefore = m_net->stats().droppedBytes;
    LinkFault cut;
    cut.cut = true;
    // Two followers cut from each other: both still hear the leader, everyone can write.
    m_net->setPairFault(a, b, cut);
    QCOMPARE(m_net->pairFault(b, a), cut);
    QVERIFY(m_net->memberFault(a).isNone());
    for (int i = 0; i < 3; ++i)
        QVERIFY2(putVia(i, "/fault/pair", QByteArray::number(i), 8000), qPrintable(QString::number(i)));
    QTRY_VERIFY_WITH_TIMEOUT(m_net->stats().droppedBytes > droppedBefore, 10000);
    // A follower cut from the leader too: raft does not relay through the third member, so that
    // follower has no leader and cannot write, while the other two go on.
    m_net->setPairFault(leader, a, cut);
    QVERIFY(putVia(leader, "/fault/pair", "leader", 8000));
    QVERIFY(putVia(b, "/fault/pair", "b", 8000));
    QVERIFY(!putVia(a, "/fault/pair", "a", 1500));
    m_net->setPairFault(a, b, LinkFault());
    m_net->setPairFault(leader, a, LinkFault());
    QTRY_VERIFY_WITH_TIMEOUT(leaderIndex({0, 1, 2}) >= 0, 15000);
    QVERIFY(putVia(a, "/fault/pair", "a again", 8000));
}

void TestFaultNetwork::quorumLostAndRestored()
{
    LinkFault cut;
    cut.cut = true;
    m_net->setMemberFault(0, cut);
    m_net->setMemberFault(1, cut);
    spin(1200);
    for (int i = 0; i < 3; ++i)
        QVERIFY(!putVia(i, "/fault/quorum", "lost", 1500));
    m_net->healAll();
    QTRY_VERIFY_WITH_TIMEOUT(leaderIndex({0, 1, 2}) >= 0, 15000);
    QVERIFY(putVia(0, "/fault/quorum", "restored"));
}

void TestFaultNetwork::routeLatencyStallsAndCut()
{
    // A worker's way to etcd: one proxy per member's client port.
    QVector<quint16> targets, ports;
    for (int i = 0; i < 3; ++i)
        targets << m_cluster->clientPort(i);
    const int route = m_net->addRoute(QStringLiteral("w1"), targets, &ports);
    QVERIFY(route >= 0);
    QCOMPARE(ports.size(), 3);
    ConnectionOptions o = optionsFor(*m_cluster);
    o.endpoints.clear();
    for (quint16 port : ports)
        o.endpoints << QStringLiteral("127.0.0.1:%1").arg(port);
    EtcdClient client(o);
    QVERIFY_OK(resultOf(client.kv().put("/fault/route", "direct")));
    auto timedGet = [&client](int timeoutMs) {
        QElapsedTimer t;
        t.start();
        CallOptions call;
        call.timeoutMs = timeoutMs;
        const bool ok = resultOf(client.kv().get("/fault/route", call), timeoutMs + 5000).ok();
        return ok ? t.elapsed() : qint64(-1);
    };
    const qint64 fast = timedGet(3000);
    QVERIFY(fast >= 0);

    LinkFault slow;
    slow.latencyMs = 150;
    slow.jitterMs = 20;
    m_net->setRouteFault(route, slow);
    const qint64 slowed = timedGet(5000);
    qInfo("get: %lld ms direct, %lld ms with 150 ms ± 20 ms each way", fast, slowed);
    QVERIFY2(slowed >= 2 * (150 - 20), qPrintable(QString::number(slowed)));

    LinkFault stalls;
    stalls.stallsPerMinute = 6000; // about every 10 ms: nearly every request meets one
    stalls.stallMs = 400;
    m_net->setRouteFault(route, stalls);
    qint64 longest = 0;
    for (int i = 0; i < 5; ++i)
        longest = std::max(longest, timedGet(5000));
    qInfo("longest get with stalls of 400 ms: %lld ms", longest);
    QVERIFY2(longest >= 380, qPrintable(QString::number(longest)));

    // Cut: the client cannot reach etcd at all, whatever member it tries; healed, it can again.
    LinkFault cut;
    cut.cut = true;
    m_net->setRouteFault(route, cut);
    QCOMPARE(timedGet(1500), qint64(-1));
    m_net->setRouteFault(route, LinkFault());
    QTRY_VERIFY_WITH_TIMEOUT(timedGet(2000) >= 0, 15000);
    // The members never noticed: their own links were not touched.
    QVERIFY(leaderIndex({0, 1, 2}) >= 0);
    m_net->removeRoute(route);
    QCOMPARE(m_net->routeName(route), QString());
}

QTEST_GUILESS_MAIN(TestFaultNetwork)
#include "tst_faultnetwork.moc"
