// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The cluster event log against a real 3-member cluster (fast timings): the leader it reports is
// the one `etcdctl endpoint status` reports; killing the leader gives an endpoint-down and a
// leader-change entry with a new leader within the election timeout (plus polling); restarting
// the member gives an endpoint-up entry.

#include "state/cluster/clusterevents.h"
#include "state/cluster/clustermonitor.h"
#include "support/etcdctl.h"
#include "support/testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

class TestClusterEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void leaderMatchesEtcdctlAndFailoverIsLogged();
};

namespace {

// etcdctl endpoint status -w json: the leader's member id as every endpoint reports it.
quint64 etcdctlLeader(const LocalCluster &cluster)
{
    const EtcdctlResult r = etcdctlFor(cluster).run({QStringLiteral("endpoint"), QStringLiteral("status"), QStringLiteral("-w"),
                                                      QStringLiteral("json")});
    // With a member down etcdctl exits non-zero but still prints the others' status.
    const QJsonArray statuses = QJsonDocument::fromJson(r.out).array();
    for (const QJsonValue &v : statuses) {
        const quint64 leader = quint64(v.toObject().value(QStringLiteral("Status")).toObject()
                                           .value(QStringLiteral("leader")).toDouble());
        if (leader != 0)
            return leader;
    }
    return 0;
}

int countOf(const ClusterEventLog &log, ClusterEvent::Kind kind)
{
    int n = 0;
    for (const ClusterEvent &e : log.events())
        n += e.kind == kind ? 1 : 0;
    return n;
}

} // namespace

void TestClusterEvents::leaderMatchesEtcdctlAndFailoverIsLogged()
{
    START_CLUSTER(cluster, 3, true);
    EtcdClient client(optionsFor(*cluster));
    ClusterMonitor monitor(&client, 200);
    ClusterEventLog log(&monitor);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(monitor.snapshot().state == ClusterMonitor::State::Connected && monitor.snapshot().leaderId != 0,
                             10000);
    // The same leader as etcdctl (which reports member ids as JSON numbers: exact below 2^53, and
    // compared through the same conversion).
    const quint64 ours = monitor.snapshot().leaderId;
    const quint64 theirs = etcdctlLeader(*cluster);
    QVERIFY(theirs != 0);
    QCOMPARE(quint64(double(ours)), theirs);
    QCOMPARE(countOf(log, ClusterEvent::LeaderElected), 1);
    QCOMPARE(log.events().constFirst().kind, ClusterEvent::LeaderElected);

    // Kill the leader's process.
    int leaderIndex = -1;
    for (const EndpointStatus &st : monitor.snapshot().endpoints)
        if (st.isLeader())
            leaderIndex = cluster->clientEndpoints().indexOf(st.endpoint);
    QVERIFY(leaderIndex >= 0);
    QElapsedTimer t;
    t.start();
    QVERIFY(cluster->kill(leaderIndex));
    QTRY_VERIFY_WITH_TIMEOUT(countOf(log, ClusterEvent::LeaderChanged) == 1, 10000);
    const qint64 seenAfterMs = t.elapsed();
    qInfo("new leader logged %lld ms after the kill was sent (election timeout 500 ms, polls every 200 ms)",
          static_cast<long long>(seenAfterMs));
    // Election timeout 500 ms (randomised up to 2x) plus one 200 ms poll and its round trip.
    QVERIFY2(seenAfterMs < 2500, qPrintable(QString::number(seenAfterMs)));
    QVERIFY(monitor.snapshot().leaderId != ours);
    QCOMPARE(countOf(log, ClusterEvent::EndpointDown), 1);
    const ClusterEvent &down = *std::find_if(log.events().cbegin(), log.events().cend(),
                                             [](const ClusterEvent &e) { return e.kind == ClusterEvent::EndpointDown; });
    QCOMPARE(down.endpoint, cluster->clientEndpoint(leaderIndex));
    QCOMPARE(quint64(double(monitor.snapshot().leaderId)), etcdctlLeader(*cluster));

    // The member comes back: logged as up, and the leader stays where it is.
    QString error;
    QVERIFY2(cluster->restart(leaderIndex, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(countOf(log, ClusterEvent::EndpointUp) == 1, 10000);
    for (int i = 1; i < log.events().size(); ++i)
        QVERIFY(log.events().at(i - 1).at <= log.events().at(i).at); // in time order
}

QTEST_GUILESS_MAIN(TestClusterEvents)
#include "tst_clusterevents.moc"
