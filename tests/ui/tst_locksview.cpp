// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The Elections and locks view against real etcd, with `etcdctl lock` and `etcdctl elect` processes
// as contenders: the three models under QAbstractItemModelTester, the view finding and showing
// them in order with TTLs and history, a handover live, resign and revoke asked first (with the
// question saying what happens) and done, a prefix followed by hand, and read-only disabling both.
// LOCKS_SHOT=FILE saves a picture of the populated view.

#include "locks/locksmodels.h"
#include "locks/locksview.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include <csignal>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

class TestLocksView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void showsContendersInOrderAndFollowsHandovers();
    void actionsAreConfirmedAndDone();
    void followsAPrefixByHand();
    void readOnlyDisablesActions();

private:
    QProcess *etcdctl(const QStringList &args);
    QByteArray waitForKey(QProcess *p, const QByteArray &prefix);
    bool waitForContenders(const QByteArray &name, int n);
    static QString cell(const QAbstractItemModel *m, int row, int column)
    {
        return m->index(row, column).data().toString();
    }

    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
    QList<QProcess *> m_processes;
};

void TestLocksView::initTestCase()
{
    START_CLUSTER(cluster, 1, true);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
}

void TestLocksView::cleanupTestCase()
{
    for (QProcess *p : std::as_const(m_processes)) {
        if (p->state() != QProcess::NotRunning && p->processId() > 0) // never kill(0): our own group
            ::kill(static_cast<pid_t>(p->processId()), SIGINT);
        p->waitForFinished(5000);
    }
    m_client.reset();
    m_cluster.reset();
}

QProcess *TestLocksView::etcdctl(const QStringList &args)
{
    QProcess *p = etcdctlFor(*m_cluster).startBackground(args, this);
    if (!p->waitForStarted())
        QTest::qFail("etcdctl did not start", __FILE__, __LINE__);
    m_processes << p;
    return p;
}

QByteArray TestLocksView::waitForKey(QProcess *p, const QByteArray &prefix)
{
    QByteArray seen;
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        seen += p->readAllStandardOutput();
        for (const QByteArray &line : seen.split('\n'))
            if (line.startsWith(prefix))
                return line;
        p->waitForReadyRead(50);
        QCoreApplication::processEvents();
    }
    return {};
}

bool TestLocksView::waitForContenders(const QByteArray &name, int n)
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

void TestLocksView::showsContendersInOrderAndFollowsHandovers()
{
    QProcess *holder = etcdctl({QStringLiteral("lock"), QStringLiteral("/ui/jobs/nightly")});
    const QByteArray holderKey = waitForKey(holder, "/ui/jobs/nightly/");
    QVERIFY(!holderKey.isEmpty());
    etcdctl({QStringLiteral("lock"), QStringLiteral("/ui/jobs/nightly")});
    QVERIFY(waitForContenders("/ui/jobs/nightly", 2));
    QProcess *leader = etcdctl({QStringLiteral("elect"), QStringLiteral("/ui/scheduler"), QStringLiteral("sched-a")});
    QVERIFY(!waitForKey(leader, "/ui/scheduler/").isEmpty());
    etcdctl({QStringLiteral("elect"), QStringLiteral("/ui/scheduler"), QStringLiteral("sched-b")});
    QVERIFY(waitForContenders("/ui/scheduler", 2));

    LocksView view(m_client.get());
    QAbstractItemModelTester recipesTester(view.recipesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester contendersTester(view.contendersModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester historyTester(view.historyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&view, &LocksView::loaded);
    QCOMPARE(view.mirror()->scanCount(), 0); // nothing is read before the view is shown
    view.resize(1180, 640);
    view.show(); // the first show scans
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);

    const LockRecipesModel *recipes = view.recipesModel();
    QCOMPARE(recipes->rowCount(), 2);
    const int lockRow = recipes->rowOf("/ui/jobs/nightly");
    QCOMPARE(cell(recipes, lockRow, LockRecipesModel::Kind), QStringLiteral("lock"));
    QCOMPARE(cell(recipes, lockRow, LockRecipesModel::Contenders), QStringLiteral("2 (1 waiting)"));
    QCOMPARE(cell(recipes, lockRow, LockRecipesModel::HolderSince), QStringLiteral("before the view opened"));
    QCOMPARE(cell(recipes, recipes->rowOf("/ui/scheduler"), LockRecipesModel::Holder), QStringLiteral("sched-a"));

    view.selectRecipe("/ui/jobs/nightly");
    const LockContendersModel *contenders = view.contendersModel();
    QCOMPARE(contenders->rowCount(), 2);
    QCOMPARE(contenders->keyAt(0), holderKey);
    QCOMPARE(cell(contenders, 0, LockContendersModel::Position), QStringLiteral("1 · holds"));
    QCOMPARE(cell(contenders, 1, LockContendersModel::Position), QStringLiteral("2 · waits"));
    QCOMPARE(cell(contenders, 1, LockContendersModel::WaitingSince), QStringLiteral("before the view opened"));
    QTRY_VERIFY_WITH_TIMEOUT(cell(contenders, 0, LockContendersModel::TtlLeft).endsWith(QLatin1String("of 10 s")),
                             5000);
    QCOMPARE(cell(contenders, 0, LockContendersModel::Lease),
             QString::fromLatin1(holderKey.mid(holderKey.lastIndexOf('/') + 1)));
    QCOMPARE(view.historyModel()->rowCount(), 1); // the history follows the selected recipe

    view.selectRecipe("/ui/scheduler");
    QCOMPARE(cell(contenders, 0, LockContendersModel::Position), QStringLiteral("1 · leads"));
    QCOMPARE(cell(contenders, 0, LockContendersModel::Value), QStringLiteral("sched-a"));
    QCOMPARE(cell(contenders, 1, LockContendersModel::Value), QStringLiteral("sched-b"));

    // The lock's holder lets go: the waiter holds, one row leaves, and the history grows live.
    view.selectRecipe("/ui/jobs/nightly");
    const QByteArray waiterKey = contenders->keyAt(1);
    ::kill(static_cast<pid_t>(holder->processId()), SIGINT);
    QTRY_COMPARE_WITH_TIMEOUT(contenders->rowCount(), 1, 5000);
    QCOMPARE(contenders->keyAt(0), waiterKey);
    QCOMPARE(cell(contenders, 0, LockContendersModel::Position), QStringLiteral("1 · holds"));
    const LockHistoryModel *history = view.historyModel();
    QTRY_COMPARE_WITH_TIMEOUT(history->rowCount(), 2, 5000);
    QCOMPARE(cell(history, 0, LockHistoryModel::Ended), QStringLiteral("holds"));
    QTRY_VERIFY_WITH_TIMEOUT(
        cell(history, 1, LockHistoryModel::Ended).endsWith(QLatin1String("key deleted (unlocked or resigned)")), 5000);
    QCOMPARE(cell(recipes, lockRow, LockRecipesModel::Handovers), QStringLiteral("1"));
    // A new waiter joins at the end, live.
    etcdctl({QStringLiteral("lock"), QStringLiteral("/ui/jobs/nightly")});
    QTRY_COMPARE_WITH_TIMEOUT(contenders->rowCount(), 2, 5000);
    QVERIFY(view.statusText().contains(QLatin1String("live")));

    if (!qEnvironmentVariableIsEmpty("LOCKS_SHOT")) {
        QTest::qWait(300);
        QVERIFY(view.grab().save(qEnvironmentVariable("LOCKS_SHOT")));
    }
}

void TestLocksView::actionsAreConfirmedAndDone()
{
    QProcess *a = etcdctl({QStringLiteral("elect"), QStringLiteral("/ui/act"), QStringLiteral("first")});
    const QByteArray aKey = waitForKey(a, "/ui/act/");
    QVERIFY(!aKey.isEmpty());
    etcdctl({QStringLiteral("elect"), QStringLiteral("/ui/act"), QStringLiteral("second")});
    QVERIFY(waitForContenders("/ui/act", 2));
    etcdctl({QStringLiteral("elect"), QStringLiteral("/ui/act"), QStringLiteral("third")});
    QVERIFY(waitForContenders("/ui/act", 3));

    LocksView view(m_client.get());
    QSignalSpy loaded(&view, &LocksView::loaded);
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    view.selectRecipe("/ui/act");
    QVERIFY(view.resignButton()->isEnabled());
    QCOMPARE(view.resignButton()->text(), QStringLiteral("Resign leader…"));
    const LockContendersModel *contenders = view.contendersModel();
    const QByteArray secondKey = contenders->keyAt(1), thirdKey = contenders->keyAt(2);

    // Resign, answered no: nothing happens. The question says exactly what would.
    QString asked;
    bool answer = false;
    view.setConfirmation([&](const QString &question) {
        asked = question;
        return answer;
    });
    view.resignHolder();
    QVERIFY(asked.contains(QString::fromUtf8(aKey)));
    QVERIFY2(asked.contains(QLatin1String("create revision")) && asked.contains(QLatin1String("takes over")),
             qPrintable(asked));
    QVERIFY(asked.contains(QLatin1String("second")));
    spin(300);
    QCOMPARE(contenders->keyAt(0), aKey);

    // Yes: the leader's key goes, the next candidate leads; the history says who did it.
    answer = true;
    QSignalSpy done(&view, &LocksView::actionDone);
    view.resignHolder();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 5000);
    QVERIFY(done.first().first().toBool());
    QTRY_COMPARE_WITH_TIMEOUT(contenders->keyAt(0), secondKey, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        cell(view.historyModel(), 1, LockHistoryModel::Ended).endsWith(QLatin1String("resigned by this console")),
        5000);

    // Revoke the last candidate's lease: asked with its key, then gone.
    view.selectContender(thirdKey);
    QVERIFY(view.revokeButton()->isEnabled());
    asked.clear();
    view.revokeSelected();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 5000);
    const QString lease = QString::fromLatin1(thirdKey.mid(thirdKey.lastIndexOf('/') + 1));
    QVERIFY2(asked.contains(QLatin1String("Revoke lease ") + lease) && asked.contains(QString::fromUtf8(thirdKey)),
             qPrintable(asked));
    QVERIFY(asked.contains(QLatin1String("place 2"))); // the first leader resigned: it moved up
    QTRY_COMPARE_WITH_TIMEOUT(contenders->rowCount(), 1, 5000);
    QCOMPARE(resultOf(m_client->lease().timeToLive(lease.toLongLong(nullptr, 16)))->ttl, -1);
    QVERIFY2(view.lastOutcome().contains(QLatin1String("Revoked lease")), qPrintable(view.lastOutcome()));
}

void TestLocksView::followsAPrefixByHand()
{
    QVERIFY_OK(resultOf(m_client->kv().put("/ui/custom/leader/node-1", "10.0.0.1")));
    LocksView view(m_client.get());
    QAbstractItemModelTester tester(view.recipesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&view, &LocksView::loaded);
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QCOMPARE(view.recipesModel()->rowOf("/ui/custom/leader"), -1); // no lease: not a recipe by its shape
    auto *prefix = view.findChild<QLineEdit *>(QStringLiteral("locksPrefix"));
    QVERIFY(prefix);
    prefix->setText(QStringLiteral("/ui/custom/leader/"));
    QTest::keyClick(prefix, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(view.recipesModel()->rowOf("/ui/custom/leader") >= 0, 5000);
    QCOMPARE(view.selectedRecipe(), QByteArray("/ui/custom/leader"));
    QTRY_COMPARE_WITH_TIMEOUT(view.contendersModel()->rowCount(), 1, 5000);
    QCOMPARE(cell(view.contendersModel(), 0, LockContendersModel::Value), QStringLiteral("10.0.0.1"));
    QCOMPARE(cell(view.contendersModel(), 0, LockContendersModel::Lease), QStringLiteral("none"));
    QVERIFY(!view.revokeButton()->isEnabled()); // nothing to revoke without a lease
}

void TestLocksView::readOnlyDisablesActions()
{
    QProcess *p = etcdctl({QStringLiteral("lock"), QStringLiteral("/ui/readonly")});
    QVERIFY(!waitForKey(p, "/ui/readonly/").isEmpty());
    ConnectionOptions o = optionsFor(*m_cluster);
    o.readOnly = true;
    EtcdClient readOnly(o);
    LocksView view(&readOnly);
    QSignalSpy loaded(&view, &LocksView::loaded);
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    view.selectRecipe("/ui/readonly");
    view.selectContender(view.contendersModel()->keyAt(0));
    for (QPushButton *b : {view.revokeButton(), view.resignButton()}) {
        QVERIFY(!b->isEnabled());
        QVERIFY2(b->toolTip().contains(QLatin1String("Read-only")), qPrintable(b->toolTip()));
    }
    bool asked = false;
    view.setConfirmation([&asked](const QString &) { return asked = true; });
    view.resignHolder();
    view.revokeSelected();
    spin(300);
    QVERIFY(!asked); // not even asked
    QCOMPARE(view.contendersModel()->rowCount(), 1);
}

QTEST_MAIN(TestLocksView)
#include "tst_locksview.moc"
