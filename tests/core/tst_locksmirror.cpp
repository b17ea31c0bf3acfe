// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The locks mirror against real etcd and the real etcdctl: `etcdctl lock` and `etcdctl elect`
// processes are found by their key shape (both ways: asking each lease for its keys, and the
// keys-only walk), with holder and waiters in order; handovers are seen live and their ends told
// apart (unlock vs. expired lease); revoke and resign work, and are refused read-only; a recipe
// that appears later is found through the lease monitor; and a lock-strategy etcd-demo-worker
// excludes `etcdctl lock` on the same name, both ways round.

#include "sandbox/democontention.h"
#include "state/locks/locksmirror.h"
#include "support/testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include <csignal>

using namespace etcd;
using namespace etcd::test;

class TestLocksMirror : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void sessionKeyShape();
    void findsEtcdctlLocksAndElectionsInOrder();
    void handoverSeenLiveAndHowItEnded();
    void resignAndRevokeFromTheMirror();
    void lateRecipeFoundThroughLeaseMonitor();
    void manualPrefixOfAnotherShape();
    void demoWorkerLockAndEtcdctlLockExcludeEachOther();
    void sandboxDemoContentionIsFoundAndMoves();

private:
    QProcess *background(const QStringList &args);
    // Everything a background process printed so far.
    static QByteArray output(QProcess *p);
    // Wait until it printed a line starting with `prefix`; returns that line.
    static QByteArray waitForLine(QProcess *p, const QByteArray &prefix, int timeoutMs);
    static bool waitForText(QProcess *p, const QByteArray &text, int timeoutMs);
    static void signal(QProcess *p, int sig);
    static QVector<QByteArray> keysOf(const LockRecipe *r);
    static QByteArray historyOf(const LocksMirror &mirror); // for failure messages
    // The reigns of one recipe: a scan also finds what earlier tests' processes still hold.
    static QVector<HolderReign> reigns(const LocksMirror &mirror, const QByteArray &name);
    bool waitForContenders(const QByteArray &name, int n);

    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
};

void TestLocksMirror::initTestCase()
{
    START_CLUSTER(cluster, 1, true);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
}

void TestLocksMirror::cleanupTestCase()
{
    m_client.reset();
    m_cluster.reset();
}

QProcess *TestLocksMirror::background(const QStringList &args)
{
    QProcess *p = etcdctlFor(*m_cluster).startBackground(args, this);
    if (!p->waitForStarted())
        QTest::qFail("etcdctl did not start", __FILE__, __LINE__);
    return p;
}

QByteArray TestLocksMirror::output(QProcess *p)
{
    const QByteArray seen = p->property("seen").toByteArray() + p->readAllStandardOutput();
    p->setProperty("seen", seen);
    return seen;
}

QByteArray TestLocksMirror::waitForLine(QProcess *p, const QByteArray &prefix, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    do {
        for (const QByteArray &line : output(p).split('\n'))
            if (line.startsWith(prefix))
                return line;
        p->waitForReadyRead(50);
        QCoreApplication::processEvents();
    } while (!deadline.hasExpired());
    return {};
}

bool TestLocksMirror::waitForText(QProcess *p, const QByteArray &text, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    do {
        if (output(p).contains(text))
            return true;
        p->waitForReadyRead(50);
        QCoreApplication::processEvents();
    } while (!deadline.hasExpired());
    return false;
}

void TestLocksMirror::signal(QProcess *p, int sig)
{
    if (p->state() != QProcess::NotRunning && p->processId() > 0) // never kill(0): our own group
        ::kill(static_cast<pid_t>(p->processId()), sig);
}

QVector<QByteArray> TestLocksMirror::keysOf(const LockRecipe *r)
{
    QVector<QByteArray> keys;
    if (r)
        for (const LockContender &c : r->contenders)
            keys << c.key;
    return keys;
}

QByteArray TestLocksMirror::historyOf(const LocksMirror &mirror)
{
    QByteArray text;
    for (const HolderReign &r : mirror.history())
        text += r.recipe + ' ' + r.key + " lease " + QByteArray::number(r.lease, 16) + " end " +
                lockrecipe::endText(r.end).toUtf8() + '\n';
    return text;
}

QVector<HolderReign> TestLocksMirror::reigns(const LocksMirror &mirror, const QByteArray &name)
{
    QVector<HolderReign> of;
    for (const HolderReign &r : mirror.history())
        if (r.recipe == name)
            of << r;
    return of;
}

bool TestLocksMirror::waitForContenders(const QByteArray &name, int n)
{
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        auto r = resultOf(m_client->kv().range(RangeOptions::prefix(name + '/')));
        if (r.ok() && r->kvs.size() == n)
            return true;
        spin(50);
    }
    return false;
}

void TestLocksMirror::sessionKeyShape()
{
    const qint64 lease = 0x694d8a1b2c3e4f50;
    QVERIFY(lockrecipe::isSessionKey("/jobs/lock/694d8a1b2c3e4f50", lease));
    QVERIFY(lockrecipe::isSessionKey("plain/694d8a1b2c3e4f50", lease));
    QVERIFY(!lockrecipe::isSessionKey("/jobs/lock/694D8A1B2C3E4F50", lease));  // Go writes lowercase
    QVERIFY(!lockrecipe::isSessionKey("/jobs/lock/0694d8a1b2c3e4f50", lease)); // and no leading zero
    QVERIFY(!lockrecipe::isSessionKey("/jobs/lock/694d8a1b2c3e4f50", 0));      // a lease is a must
    QVERIFY(!lockrecipe::isSessionKey("/jobs/lock/694d8a1b2c3e4f51", lease));  // another lease's id
    QVERIFY(!lockrecipe::isSessionKey("694d8a1b2c3e4f50", lease));             // no name before it
    QCOMPARE(lockrecipe::nameOf("/a/b/694d"), QByteArray("/a/b"));
    LockContender empty, set;
    empty.sessionKey = set.sessionKey = true;
    set.value = "proposal";
    QCOMPARE(lockrecipe::judgeKind({empty, empty}, RecipeKind::Unknown), RecipeKind::Lock);
    QCOMPARE(lockrecipe::judgeKind({set}, RecipeKind::Unknown), RecipeKind::Election);
    QCOMPARE(lockrecipe::judgeKind({set, empty}, RecipeKind::Lock), RecipeKind::Unknown);
    QCOMPARE(lockrecipe::judgeKind({}, RecipeKind::Election), RecipeKind::Election); // kept while empty
}

void TestLocksMirror::findsEtcdctlLocksAndElectionsInOrder()
{
    // Leased keys of other shapes are not recipes: a service instance, a hex name of another lease.
    const qint64 other = resultOf(m_client->lease().grant(60))->id;
    const qint64 another = resultOf(m_client->lease().grant(60))->id;
    QVERIFY_OK(resultOf(m_client->kv().put("/svc/api/instance-1", "{}", PutOptions{other})));
    QVERIFY_OK(resultOf(m_client->kv().put("/fake/" + QByteArray::number(another, 16), "", PutOptions{other})));
    QVERIFY_OK(resultOf(m_client->kv().put("/plain/" + QByteArray::number(other, 16), "no lease")));

    QProcess *holder = background({QStringLiteral("lock"), QStringLiteral("/find/lock")});
    const QByteArray holderKey = waitForLine(holder, "/find/lock/", 10000);
    QVERIFY(!holderKey.isEmpty());
    QProcess *waiter = background({QStringLiteral("lock"), QStringLiteral("/find/lock")});
    QVERIFY(waitForContenders("/find/lock", 2));
    QProcess *leader = background({QStringLiteral("elect"), QStringLiteral("/find/elect"), QStringLiteral("alpha")});
    const QByteArray leaderKey = waitForLine(leader, "/find/elect/", 10000);
    QVERIFY(!leaderKey.isEmpty());
    QProcess *candidate = background({QStringLiteral("elect"), QStringLiteral("/find/elect"), QStringLiteral("beta")});
    QVERIFY(waitForContenders("/find/elect", 2));

    for (int probeLimit : {256, 0}) { // each lease asked for its keys; then the keys-only walk
        LocksMirrorOptions o;
        o.leaseProbeLimit = probeLimit;
        LocksMirror mirror(m_client.get(), o);
        QSignalSpy loaded(&mirror, &LocksMirror::loaded);
        mirror.scan();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        QCOMPARE(mirror.lastScan().method, probeLimit ? RecipeScan::Method::LeaseKeys : RecipeScan::Method::KeysOnly);
        QCOMPARE(mirror.lastScan().names, (QVector<QByteArray>{"/find/elect", "/find/lock"}));
        QVERIFY(mirror.lastScan().requests >= 2);

        const LockRecipe *lock = mirror.recipe("/find/lock");
        QVERIFY(lock);
        QCOMPARE(lock->kind, RecipeKind::Lock);
        QCOMPARE(lock->contenders.size(), size_t(2));
        QCOMPARE(lock->holder()->key, holderKey);
        QVERIFY(lock->contenders[0].createRevision < lock->contenders[1].createRevision);
        QVERIFY(lock->contenders[1].sessionKey && lock->contenders[1].wasThere);
        QCOMPARE(lock->handovers, 0);

        const LockRecipe *elect = mirror.recipe("/find/elect");
        QVERIFY(elect);
        QCOMPARE(elect->kind, RecipeKind::Election);
        QCOMPARE(elect->holder()->key, leaderKey);
        QCOMPARE(elect->contenders[0].value, QByteArray("alpha"));
        QCOMPARE(elect->contenders[1].value, QByteArray("beta"));
        // Two holders seen, both held since before the view opened; TTLs read and counting down.
        QCOMPARE(reigns(mirror, "/find/lock").size(), 1);
        QCOMPARE(reigns(mirror, "/find/elect").size(), 1);
        QVERIFY(reigns(mirror, "/find/lock").front().wasThere);
        mirror.setFocus("/find/lock");
        QTRY_VERIFY_WITH_TIMEOUT(mirror.ttlsKnown("/find/lock"), 5000);
        const qint64 left = mirror.recipe("/find/lock")->contenders[0].ttlLeft(QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(left > 0 && left <= 10, qPrintable(QString::number(left))); // etcdctl lock's --ttl is 10
    }
    for (QProcess *p : {holder, waiter, leader, candidate}) {
        signal(p, SIGINT);
        p->waitForFinished(5000);
    }
}

void TestLocksMirror::handoverSeenLiveAndHowItEnded()
{
    // Long leases where one must outlive a handover (a loaded machine delays keep-alives); a short
    // one where it must expire.
    QProcess *first = background({QStringLiteral("lock"), QStringLiteral("/handover")});
    const QByteArray firstKey = waitForLine(first, "/handover/", 10000);
    QVERIFY(!firstKey.isEmpty());
    QProcess *second = background({QStringLiteral("lock"), QStringLiteral("--ttl=2"), QStringLiteral("/handover")});
    QVERIFY(waitForContenders("/handover", 2));
    QProcess *third = background({QStringLiteral("lock"), QStringLiteral("/handover")});
    QVERIFY(waitForContenders("/handover", 3));

    LocksMirror mirror(m_client.get());
    QSignalSpy loaded(&mirror, &LocksMirror::loaded);
    mirror.scan();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    const QVector<QByteArray> order = keysOf(mirror.recipe("/handover"));
    QCOMPARE(order.size(), 3);
    QCOMPARE(order[0], firstKey);

    // SIGTERM: etcdctl unlocks (deletes its key) and its lease lives on: "key deleted".
    signal(first, SIGTERM);
    QCOMPARE(waitForLine(second, "/handover/", 10000), order[1]);
    QTRY_COMPARE_WITH_TIMEOUT(mirror.recipe("/handover")->holder()->key, order[1], 5000);
    QCOMPARE(mirror.recipe("/handover")->handovers, 1);
    QCOMPARE(keysOf(mirror.recipe("/handover")), (QVector<QByteArray>{order[1], order[2]}));
    QTRY_VERIFY2_WITH_TIMEOUT(reigns(mirror, "/handover").front().end == ReignEnd::KeyDeleted,
                              historyOf(mirror).constData(), 5000);
    QVERIFY(reigns(mirror, "/handover").front().endMs > 0);

    // SIGKILL: nobody unlocks; the key goes when the 2 s lease expires: "lease expired or revoked".
    signal(second, SIGKILL);
    QCOMPARE(waitForLine(third, "/handover/", 15000), order[2]);
    QTRY_COMPARE_WITH_TIMEOUT(mirror.recipe("/handover")->holder()->key, order[2], 5000);
    QCOMPARE(mirror.recipe("/handover")->handovers, 2);
    QCOMPARE(reigns(mirror, "/handover").size(), 3);
    QTRY_VERIFY2_WITH_TIMEOUT(reigns(mirror, "/handover")[1].end == ReignEnd::LeaseEnded, historyOf(mirror).constData(),
                              5000);
    QCOMPARE(reigns(mirror, "/handover")[2].end, ReignEnd::Holding);
    QVERIFY(!reigns(mirror, "/handover")[2].wasThere);

    signal(third, SIGINT);
    QTRY_VERIFY_WITH_TIMEOUT(mirror.recipe("/handover")->contenders.empty(), 5000);
    QCOMPARE(mirror.recipe("/handover")->kind, RecipeKind::Lock); // remembered while nobody contends
    // A rescan drops a recipe nobody contends for any more.
    QSignalSpy removed(&mirror, &LocksMirror::recipeRemoved);
    mirror.scan();
    QTRY_VERIFY_WITH_TIMEOUT(!mirror.recipe("/handover"), 5000);
    QVERIFY(removed.count() >= 1);
    for (QProcess *p : {first, second, third})
        p->waitForFinished(5000);
}

void TestLocksMirror::resignAndRevokeFromTheMirror()
{
    QProcess *a = background({QStringLiteral("elect"), QStringLiteral("/act/elect"), QStringLiteral("a")});
    const QByteArray aKey = waitForLine(a, "/act/elect/", 10000);
    QVERIFY(!aKey.isEmpty());
    QProcess *b = background({QStringLiteral("elect"), QStringLiteral("/act/elect"), QStringLiteral("b")});
    QVERIFY(waitForContenders("/act/elect", 2));
    QProcess *c = background({QStringLiteral("elect"), QStringLiteral("/act/elect"), QStringLiteral("c")});
    QVERIFY(waitForContenders("/act/elect", 3));
    LocksMirror mirror(m_client.get());
    QSignalSpy loaded(&mirror, &LocksMirror::loaded);
    mirror.scan();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    const QVector<QByteArray> order = keysOf(mirror.recipe("/act/elect"));
    QCOMPARE(order.size(), 3);

    // Read-only: both refused in core, nothing changes.
    ConnectionOptions ro = optionsFor(*m_cluster);
    ro.readOnly = true;
    EtcdClient readOnly(ro);
    LocksMirror watching(&readOnly);
    QSignalSpy roLoaded(&watching, &LocksMirror::loaded);
    watching.scan();
    QTRY_COMPARE_WITH_TIMEOUT(roLoaded.count(), 1, 10000);
    const auto notResigned = resultOf(watching.resign("/act/elect", aKey));
    QVERIFY(!notResigned.ok() && notResigned.error().isReadOnlyRefusal());
    const auto notRevoked = resultOf(watching.revoke("/act/elect", aKey));
    QVERIFY(!notRevoked.ok() && notRevoked.error().isReadOnlyRefusal());
    QCOMPARE(keysOf(mirror.recipe("/act/elect")), order);

    // Resign: the leader's key goes (compared on its create revision); b leads.
    const auto resigned = resultOf(mirror.resign("/act/elect", aKey));
    QVERIFY_OK(resigned);
    QVERIFY(resigned->succeeded);
    QVERIFY(!waitForLine(b, "b", 10000).isEmpty()); // etcdctl elect prints the proposal it won with
    QTRY_COMPARE_WITH_TIMEOUT(mirror.recipe("/act/elect")->holder()->key, order[1], 5000);
    QTRY_COMPARE_WITH_TIMEOUT(reigns(mirror, "/act/elect").front().end, ReignEnd::ResignedHere, 5000);
    // Resigning a key that is gone does nothing.
    QVERIFY(!resultOf(mirror.resign("/act/elect", aKey)).ok());

    // Revoke b's lease: the key goes with it; c leads.
    auto keys = resultOf(mirror.leaseKeys(mirror.recipe("/act/elect")->holder()->lease));
    QVERIFY_OK(keys);
    QCOMPARE(keys->keys, QVector<QByteArray>{order[1]});
    QVERIFY_OK(resultOf(mirror.revoke("/act/elect", order[1])));
    QVERIFY(!waitForLine(c, "c", 10000).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(mirror.recipe("/act/elect")->holder()->key, order[2], 5000);
    QTRY_VERIFY2_WITH_TIMEOUT(reigns(mirror, "/act/elect").size() == 3 &&
                                  reigns(mirror, "/act/elect")[1].end == ReignEnd::RevokedHere,
                              historyOf(mirror).constData(), 5000);
    QCOMPARE(mirror.recipe("/act/elect")->handovers, 2);
    QTRY_COMPARE_WITH_TIMEOUT(watching.recipe("/act/elect")->holder()->key, order[2], 5000); // seen read-only too
    for (QProcess *p : {a, b, c}) {
        signal(p, SIGINT);
        p->waitForFinished(5000);
    }
}

void TestLocksMirror::lateRecipeFoundThroughLeaseMonitor()
{
    LeaseMonitor monitor(m_client.get(), 300);
    monitor.start();
    LocksMirror mirror(m_client.get());
    mirror.setLeaseMonitor(&monitor);
    QSignalSpy loaded(&mirror, &LocksMirror::loaded);
    mirror.scan();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QVERIFY(!mirror.recipe("/late/lock"));
    QProcess *p = background({QStringLiteral("lock"), QStringLiteral("/late/lock")});
    const QByteArray key = waitForLine(p, "/late/lock/", 10000);
    QVERIFY(!key.isEmpty());
    // No rescan: the monitor reads the new lease's keys anyway, which names the recipe.
    QTRY_VERIFY_WITH_TIMEOUT(mirror.recipe("/late/lock") && !mirror.recipe("/late/lock")->contenders.empty(), 10000);
    QCOMPARE(mirror.recipe("/late/lock")->holder()->key, key);
    QCOMPARE(mirror.scanCount(), 1);
    mirror.setFocus("/late/lock");
    QTRY_VERIFY_WITH_TIMEOUT(mirror.ttlsKnown("/late/lock"), 5000); // through the monitor too
    signal(p, SIGINT);
    p->waitForFinished(5000);
}

void TestLocksMirror::manualPrefixOfAnotherShape()
{
    QVERIFY_OK(resultOf(m_client->kv().put("/other/leader/member-a", "10.0.0.1")));
    QVERIFY_OK(resultOf(m_client->kv().put("/other/leader/member-b", "10.0.0.2")));
    LocksMirror mirror(m_client.get());
    mirror.addRecipe("/other/leader/");
    QTRY_VERIFY_WITH_TIMEOUT(mirror.recipe("/other/leader") && mirror.recipe("/other/leader")->listed, 5000);
    const LockRecipe *r = mirror.recipe("/other/leader");
    QVERIFY(r->manual);
    QCOMPARE(keysOf(r), (QVector<QByteArray>{"/other/leader/member-a", "/other/leader/member-b"}));
    QVERIFY(!r->contenders[0].sessionKey);
    QCOMPARE(r->holder()->value, QByteArray("10.0.0.1"));
    QVERIFY_OK(resultOf(m_client->kv().deleteRange(DeleteOptions::single("/other/leader/member-a"))));
    QTRY_COMPARE_WITH_TIMEOUT(mirror.recipe("/other/leader")->holder()->key, QByteArray("/other/leader/member-b"),
                              5000);
    QTRY_COMPARE_WITH_TIMEOUT(reigns(mirror, "/other/leader").front().end, ReignEnd::KeyDeleted,
                              5000); // no lease to ask
    // Kept across rescans although nothing in it looks like a recipe.
    QSignalSpy scanned(&mirror, &LocksMirror::scanned);
    mirror.scan();
    QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, 5000);
    QVERIFY(mirror.recipe("/other/leader"));
}

void TestLocksMirror::demoWorkerLockAndEtcdctlLockExcludeEachOther()
{
    auto worker = [this](const QString &id) {
        auto *p = new QProcess(this);
        p->setProgram(QStringLiteral(ETCD_DEMO_WORKER_BIN));
        p->setArguments({QStringLiteral("--endpoints=%1").arg(m_cluster->clientEndpoints().join(QLatin1Char(','))),
                         QStringLiteral("--election"), QStringLiteral("/shared/lock"), QStringLiteral("--strategy"),
                         QStringLiteral("lock"), QStringLiteral("--ttl"), QStringLiteral("3"), QStringLiteral("--id"),
                         id});
        p->start();
        return p;
    };
    LocksMirror mirror(m_client.get());
    // The worker holds first; etcdctl lock waits behind it.
    QProcess *w1 = worker(QStringLiteral("w1"));
    QVERIFY2(waitForText(w1, "\"state\":\"master\"", 10000), output(w1).constData());
    QProcess *ctl = background({QStringLiteral("lock"), QStringLiteral("/shared/lock")});
    QVERIFY(waitForContenders("/shared/lock", 2));
    QVERIFY(waitForLine(ctl, "/shared/lock/", 1500).isEmpty()); // waiting
    QSignalSpy loaded(&mirror, &LocksMirror::loaded);
    mirror.scan();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    const LockRecipe *r = mirror.recipe("/shared/lock");
    QVERIFY(r);
    QCOMPARE(r->kind, RecipeKind::Lock); // the worker's Mutex writes "" as etcdctl's does
    QCOMPARE(r->contenders.size(), size_t(2));
    const QByteArray workerKey = r->holder()->key;
    QVERIFY(output(w1).contains(workerKey));

    // The worker stops (unlocks, closes its session): etcdctl takes the lock.
    signal(w1, SIGTERM);
    QVERIFY(w1->waitForFinished(10000));
    const QByteArray ctlKey = waitForLine(ctl, "/shared/lock/", 10000);
    QVERIFY(!ctlKey.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(mirror.recipe("/shared/lock")->holder()->key, ctlKey, 5000);

    // Now etcdctl holds and a second worker waits (standby) behind it, until etcdctl lets go.
    QProcess *w2 = worker(QStringLiteral("w2"));
    QTRY_COMPARE_WITH_TIMEOUT(mirror.recipe("/shared/lock")->contenders.size(), size_t(2), 10000);
    QVERIFY(waitForText(w2, "\"state\":\"standby\"", 5000));
    QVERIFY(!waitForText(w2, "\"state\":\"master\"", 1500));
    QCOMPARE(mirror.recipe("/shared/lock")->holder()->key, ctlKey);
    signal(ctl, SIGINT);
    QVERIFY2(waitForText(w2, "\"state\":\"master\"", 10000), output(w2).constData());
    QTRY_COMPARE_WITH_TIMEOUT(mirror.recipe("/shared/lock")->contenders.size(), size_t(1), 5000);
    QCOMPARE(mirror.recipe("/shared/lock")->handovers, 2);
    signal(w2, SIGTERM);
    QVERIFY(w2->waitForFinished(10000));
    ctl->waitForFinished(5000);
}

// The sandbox's demo: a lock and an election with three workers each, in place when ready() says
// so; while moving, the lock changes hands; a worker whose lease is revoked comes back.
void TestLocksMirror::sandboxDemoContentionIsFoundAndMoves()
{
    EtcdClient demoClient(optionsFor(*m_cluster));
    DemoContention demo(&demoClient);
    QSignalSpy ready(&demo, &DemoContention::ready);
    demo.start();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, DemoContention::kReadyTimeoutMs + 2000);
    LocksMirror mirror(m_client.get());
    QSignalSpy loaded(&mirror, &LocksMirror::loaded);
    mirror.scan();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    const LockRecipe *lock = mirror.recipe(DemoContention::kLockName);
    const LockRecipe *election = mirror.recipe(DemoContention::kElectionName);
    QVERIFY(lock && election);
    QCOMPARE(lock->contenders.size(), size_t(DemoContention::kWorkers));
    QCOMPARE(election->contenders.size(), size_t(DemoContention::kWorkers));
    QCOMPARE(lock->kind, RecipeKind::Lock);
    QCOMPARE(election->kind, RecipeKind::Election);
    QVERIFY2(election->holder()->value.startsWith("report-worker-"), election->holder()->value.constData());
    QVERIFY(lock->holder()->lease != election->holder()->lease); // queued in opposite orders

    // Still: nobody lets go. Moving: the lock changes hands within a holding time (4 to 8 s).
    spin(1500);
    QCOMPARE(mirror.recipe(DemoContention::kLockName)->handovers, 0);
    demo.setMoving(true);
    QTRY_VERIFY_WITH_TIMEOUT(mirror.recipe(DemoContention::kLockName)->handovers >= 1, 12000);

    // A revoked worker opens a new session and queues again in both, on a new lease.
    demo.setMoving(false);
    spin(2500); // a worker that just let go is back in the queue
    const LockContender victim = mirror.recipe(DemoContention::kLockName)->contenders.back();
    QVERIFY_OK(resultOf(mirror.revoke(DemoContention::kLockName, victim.key)));
    const auto backOnNewLease = [&](const char *name) {
        const LockRecipe *r = mirror.recipe(name);
        if (r->contenders.size() != size_t(DemoContention::kWorkers))
            return false;
        for (const LockContender &c : r->contenders)
            if (c.lease == victim.lease)
                return false;
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(backOnNewLease(DemoContention::kLockName), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(backOnNewLease(DemoContention::kElectionName), 10000);
}

QTEST_GUILESS_MAIN(TestLocksMirror)
#include "tst_locksmirror.moc"
