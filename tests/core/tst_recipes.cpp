// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Session, Mutex and Election against real etcd, and against the real etcdctl: `etcdctl lock` and
// `etcdctl elect` contend with ours, `etcdctl elect -l` sees our leader, and etcd's own server-side
// Lock and Election services (v3lockpb, v3electionpb, spoken through our protos) agree as well.

#include "client/connection.h"
#include "recipes/election.h"
#include "recipes/mutex.h"
#include "recipes/session.h"
#include "support/testsupport.h"

#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include <csignal>

using namespace etcd;
using namespace etcd::test;

class TestRecipes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void sessionGrantsAndRevokes();
    void mutexExcludesAndHandsOver();
    void mutexCancelledWaitLeavesNoKey();
    void etcdctlLockBlocksUsUntilItExits();
    void ourLockBlocksEtcdctlUntilUnlock();
    void serverSideLockServiceContendsWithUs();
    void electionLeaderIsSeenByEtcdctl();
    void electionHandsOverToEtcdctlAndBack();
    void observerFollowsProclaimsAndChanges();
    void lostSessionDeposesLeader();

private:
    std::unique_ptr<Session> openSession(qint64 ttl = 10);
    // Wait until a background etcdctl has printed `needle` on stdout.
    static bool waitForOutput(QProcess *p, const QByteArray &needle, int timeoutMs, QByteArray *all = nullptr);
    static void interrupt(QProcess *p);

    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
};

void TestRecipes::initTestCase()
{
    START_CLUSTER(cluster, 1, true);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
}

void TestRecipes::cleanupTestCase()
{
    m_client.reset();
    m_cluster.reset();
}

std::unique_ptr<Session> TestRecipes::openSession(qint64 ttl)
{
    auto s = std::make_unique<Session>(m_client.get(), ttl);
    auto opened = resultOf(s->open());
    if (!opened.ok())
        return nullptr;
    return s;
}

bool TestRecipes::waitForOutput(QProcess *p, const QByteArray &needle, int timeoutMs, QByteArray *all)
{
    QByteArray seen;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        seen += p->readAllStandardOutput();
        if (seen.contains(needle)) {
            if (all)
                *all = seen;
            return true;
        }
        p->waitForReadyRead(50);
        QCoreApplication::processEvents();
    }
    if (all)
        *all = seen;
    return false;
}

void TestRecipes::interrupt(QProcess *p)
{
    ::kill(static_cast<pid_t>(p->processId()), SIGINT);
    p->waitForFinished(5000);
}

void TestRecipes::sessionGrantsAndRevokes()
{
    auto s = openSession(5);
    QVERIFY(s);
    QVERIFY(s->isAlive());
    QVERIFY(s->leaseId() != 0);
    QCOMPARE(s->ttl(), 5);
    spin(2500); // past TTL/3 several times
    auto ttl = resultOf(m_client->lease().timeToLive(s->leaseId()));
    QVERIFY(ttl->ttl >= 4); // refreshed
    QVERIFY_OK(resultOf(s->close()));
    QVERIFY(!s->isAlive());
    QCOMPARE(resultOf(m_client->lease().timeToLive(s->leaseId()))->ttl, -1);
}

void TestRecipes::mutexExcludesAndHandsOver()
{
    auto s1 = openSession();
    auto s2 = openSession();
    Mutex m1(s1.get(), "/recipes/mutex");
    Mutex m2(s2.get(), "/recipes/mutex");
    QVERIFY_OK(resultOf(m1.lock()));
    QVERIFY(m1.isLocked());
    QCOMPARE(m1.key(), "/recipes/mutex/" + QByteArray::number(s1->leaseId(), 16));
    auto second = m2.lock();
    spin(500);
    QVERIFY(!second.isFinished());
    QVERIFY_OK(resultOf(m1.unlock()));
    QVERIFY_OK(resultOf(second));
    QVERIFY(m2.isLocked());
    QVERIFY(m2.revision() > 0);
    // The fencing compare holds for the owner only.
    TxnSpec fenced;
    fenced.compares << m2.ownerCompare();
    fenced.success << TxnOp::putKey("/recipes/fenced", "m2");
    QVERIFY(resultOf(m_client->kv().txn(fenced))->succeeded);
    QVERIFY_OK(resultOf(m2.unlock()));
    QVERIFY(!resultOf(m_client->kv().txn(fenced))->succeeded);
}

void TestRecipes::mutexCancelledWaitLeavesNoKey()
{
    auto s1 = openSession();
    auto s2 = openSession();
    Mutex holder(s1.get(), "/recipes/cancel");
    Mutex waiter(s2.get(), "/recipes/cancel");
    QVERIFY_OK(resultOf(holder.lock()));
    auto wait = waiter.lock();
    QTRY_COMPARE(resultOf(m_client->kv().range(RangeOptions::prefix("/recipes/cancel/")))->count, 2);
    wait.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(resultOf(m_client->kv().range(RangeOptions::prefix("/recipes/cancel/")))->count, 1, 5000);
    QVERIFY_OK(resultOf(holder.unlock()));
}

void TestRecipes::etcdctlLockBlocksUsUntilItExits()
{
    Etcdctl ctl = etcdctlFor(*m_cluster);
    QProcess *p = ctl.startBackground({QStringLiteral("lock"), QStringLiteral("/recipes/shared")}, this);
    QVERIFY(p->waitForStarted());
    QByteArray out;
    QVERIFY2(waitForOutput(p, "/recipes/shared/", 10000, &out), out.constData()); // it holds the lock
    auto s = openSession();
    Mutex ours(s.get(), "/recipes/shared");
    auto lock = ours.lock();
    spin(1000);
    QVERIFY(!lock.isFinished());
    interrupt(p); // etcdctl unlocks on SIGINT
    QVERIFY_OK(resultOf(lock, 10000));
    QVERIFY(ours.isLocked());
    QVERIFY_OK(resultOf(ours.unlock()));
}

void TestRecipes::ourLockBlocksEtcdctlUntilUnlock()
{
    auto s = openSession();
    Mutex ours(s.get(), "/recipes/shared2");
    QVERIFY_OK(resultOf(ours.lock()));
    Etcdctl ctl = etcdctlFor(*m_cluster);
    QProcess *p = ctl.startBackground({QStringLiteral("lock"), QStringLiteral("/recipes/shared2")}, this);
    QVERIFY(p->waitForStarted());
    QVERIFY(!waitForOutput(p, "/recipes/shared2/", 1500)); // waiting for us
    QVERIFY_OK(resultOf(ours.unlock()));
    QByteArray out;
    QVERIFY2(waitForOutput(p, "/recipes/shared2/", 10000, &out), out.constData());
    interrupt(p);
}

void TestRecipes::serverSideLockServiceContendsWithUs()
{
    // etcd's own Lock service (v3lockpb) uses the same layout: holding it blocks our Mutex.
    auto holderLease = resultOf(m_client->lease().grant(30));
    QVERIFY_OK(holderLease);
    auto &ep = m_client->connection()->endpoint(0);
    v3lockpb::LockRequest req;
    req.set_name("/recipes/server");
    req.set_lease(holderLease->id);
    v3lockpb::LockResponse resp;
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    QVERIFY(ep.lock->Lock(&ctx, req, &resp).ok());
    QVERIFY(QByteArray::fromStdString(resp.key()).startsWith("/recipes/server/"));

    auto s = openSession();
    Mutex ours(s.get(), "/recipes/server");
    auto lock = ours.lock();
    spin(800);
    QVERIFY(!lock.isFinished());
    v3lockpb::UnlockRequest unlock;
    unlock.set_key(resp.key());
    v3lockpb::UnlockResponse unlocked;
    grpc::ClientContext ctx2;
    ctx2.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    QVERIFY(ep.lock->Unlock(&ctx2, unlock, &unlocked).ok());
    QVERIFY_OK(resultOf(lock));
    QVERIFY_OK(resultOf(ours.unlock()));
}

void TestRecipes::electionLeaderIsSeenByEtcdctl()
{
    auto s = openSession();
    Election e(s.get(), "/recipes/elect");
    QVERIFY_OK(resultOf(e.campaign("alpha")));
    QVERIFY(e.isLeader());

    Etcdctl ctl = etcdctlFor(*m_cluster);
    QProcess *observer =
        ctl.startBackground({QStringLiteral("elect"), QStringLiteral("-l"), QStringLiteral("/recipes/elect")}, this);
    QByteArray out;
    QVERIFY2(waitForOutput(observer, "alpha", 10000, &out), out.constData());
    QVERIFY(out.contains(e.key()));
    interrupt(observer);

    // etcd's server-side Election service reads the same leader through our v3electionpb.
    v3electionpb::LeaderRequest req;
    req.set_name("/recipes/elect");
    v3electionpb::LeaderResponse resp;
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    QVERIFY(m_client->connection()->endpoint(0).election->Leader(&ctx, req, &resp).ok());
    QCOMPARE(QByteArray::fromStdString(resp.kv().key()), e.key());
    QCOMPARE(QByteArray::fromStdString(resp.kv().value()), QByteArray("alpha"));

    auto leader = resultOf(e.leader());
    QVERIFY_OK(leader);
    QCOMPARE(leader->value, QByteArray("alpha"));
    QVERIFY_OK(resultOf(e.resign()));
    auto none = resultOf(e.leader());
    QCOMPARE(none.error().code(), ErrorCode::NotFound);
}

void TestRecipes::electionHandsOverToEtcdctlAndBack()
{
    auto s = openSession();
    Election ours(s.get(), "/recipes/handover");
    QVERIFY_OK(resultOf(ours.campaign("ours")));

    Etcdctl ctl = etcdctlFor(*m_cluster);
    QProcess *theirs = ctl.startBackground(
        {QStringLiteral("elect"), QStringLiteral("/recipes/handover"), QStringLiteral("theirs")}, this);
    QVERIFY(!waitForOutput(theirs, "theirs", 1500)); // a candidate behind us
    QVERIFY_OK(resultOf(ours.resign()));
    QByteArray out;
    QVERIFY2(waitForOutput(theirs, "theirs", 10000, &out), out.constData()); // etcdctl is leader now

    auto s2 = openSession();
    Election again(s2.get(), "/recipes/handover");
    auto campaign = again.campaign("ours-again");
    spin(1000);
    QVERIFY(!campaign.isFinished());
    interrupt(theirs); // etcdctl resigns on SIGINT
    QVERIFY_OK(resultOf(campaign, 10000));
    QVERIFY(again.isLeader());
    QVERIFY_OK(resultOf(again.resign()));
}

void TestRecipes::observerFollowsProclaimsAndChanges()
{
    ElectionObserver observer(m_client.get(), "/recipes/observe");
    QSignalSpy changed(&observer, &ElectionObserver::leaderChanged);
    QSignalSpy none(&observer, &ElectionObserver::noLeader);
    observer.start();
    auto s1 = openSession();
    auto s2 = openSession();
    Election a(s1.get(), "/recipes/observe");
    Election b(s2.get(), "/recipes/observe");
    QVERIFY_OK(resultOf(a.campaign("a1")));
    QTRY_COMPARE_WITH_TIMEOUT(observer.currentLeader().value, QByteArray("a1"), 5000);
    QVERIFY_OK(resultOf(a.proclaim("a2")));
    QTRY_COMPARE_WITH_TIMEOUT(observer.currentLeader().value, QByteArray("a2"), 5000);
    auto bWins = b.campaign("b1");
    QVERIFY_OK(resultOf(a.resign()));
    QVERIFY_OK(resultOf(bWins));
    QTRY_COMPARE_WITH_TIMEOUT(observer.currentLeader().value, QByteArray("b1"), 5000);
    QCOMPARE(observer.currentLeader().key, b.key());
    QVERIFY_OK(resultOf(b.resign()));
    QTRY_COMPARE_WITH_TIMEOUT(none.count(), 1, 5000);
    QVERIFY(changed.count() >= 3);
    // A deposed leader cannot proclaim.
    QVERIFY(!resultOf(a.proclaim("late")).ok());
}

void TestRecipes::lostSessionDeposesLeader()
{
    auto s1 = openSession(2);
    auto s2 = openSession(2);
    Election a(s1.get(), "/recipes/lost");
    Election b(s2.get(), "/recipes/lost");
    QVERIFY_OK(resultOf(a.campaign("a")));
    auto bWins = b.campaign("b");
    QSignalSpy lost(&a, &Election::lost);
    // Someone revokes a's lease: etcd deletes its key, a hears it has lost, b takes over.
    auto ctl = etcdctlFor(*m_cluster)
                   .run({QStringLiteral("lease"), QStringLiteral("revoke"), QString::number(s1->leaseId(), 16)});
    QVERIFY2(ctl.ok(), ctl.describe().constData());
    QVERIFY_OK(resultOf(bWins, 10000));
    QTRY_COMPARE_WITH_TIMEOUT(lost.count(), 1, 5000);
    QVERIFY(!a.isLeader());
    QVERIFY(b.isLeader());
    QVERIFY_OK(resultOf(b.resign()));
}

QTEST_GUILESS_MAIN(TestRecipes)
#include "tst_recipes.moc"
