// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The leases view against real etcd: leases granted and revoked by etcdctl appear and disappear,
// their keys are listed, TTLs count down and short ones are highlighted; grant and revoke from the
// view (with its confirmation) reach etcd; an expired lease goes; read-only disables writes.

#include "leases/leasesmodel.h"
#include "leases/leasesview.h"
#include "support/etcdctl.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

class TestLeasesView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void followsLeasesOfEtcdctl();
    void grantsAndRevokesFromTheView();
    void readOnlyCannotGrantOrRevoke();
    void readsOnlyTheRowsOnScreenOften();

private:
    static qint64 grantWithEtcdctl(const Etcdctl &ctl, int ttl);
    std::unique_ptr<LocalCluster> m_cluster;
};

void TestLeasesView::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
}

qint64 TestLeasesView::grantWithEtcdctl(const Etcdctl &ctl, int ttl)
{
    const EtcdctlResult r = ctl.run({QStringLiteral("lease"), QStringLiteral("grant"), QString::number(ttl)});
    if (!r.ok())
        return 0;
    return QString::fromUtf8(r.out).section(QLatin1Char(' '), 1, 1).toLongLong(nullptr, 16); // "lease 694d... granted with TTL(60s)"
}

void TestLeasesView::followsLeasesOfEtcdctl()
{
    const Etcdctl ctl = etcdctlFor(*m_cluster);
    const qint64 longLease = grantWithEtcdctl(ctl, 600);
    const qint64 shortLease = grantWithEtcdctl(ctl, 4);
    QVERIFY(longLease && shortLease);
    for (const char *k : {"/leased/a", "/leased/b"})
        QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("--lease=%1").arg(longLease, 0, 16), QLatin1String(k), QStringLiteral("v")}).ok());

    EtcdClient client(optionsFor(*m_cluster));
    LeasesView view(&client);
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&view, &LeasesView::loaded);
    view.show();
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    LeasesModel *model = view.model();
    QVERIFY(model->rowOf(longLease) >= 0);
    QVERIFY(model->rowOf(shortLease) >= 0);

    // The long lease: granted TTL, its two keys, not highlighted.
    const int row = model->rowOf(longLease);
    QTRY_COMPARE(model->index(row, LeasesModel::KeyCount).data().toString(), QStringLiteral("2"));
    QCOMPARE(model->index(row, LeasesModel::Granted).data().toString(), QStringLiteral("600 s"));
    QVERIFY(!model->index(row, 0).data(LeasesModel::ExpiringSoonRole).toBool());
    view.selectLease(longLease);
    QCOMPARE(view.keyList()->count(), 2);
    QCOMPARE(view.keyList()->item(0)->text(), QStringLiteral("/leased/a"));

    // The short one is about to expire (highlighted), counts down, and goes when it expires.
    QTRY_VERIFY(model->index(model->rowOf(shortLease), 0).data(LeasesModel::ExpiringSoonRole).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(shortLease) < 0, 10000);

    // A lease revoked elsewhere disappears; a new one appears.
    const qint64 another = grantWithEtcdctl(ctl, 300);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(another) >= 0, 5000);
    QVERIFY(ctl.run({QStringLiteral("lease"), QStringLiteral("revoke"), QString::number(another, 16)}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(another) < 0, 5000);
}

void TestLeasesView::grantsAndRevokesFromTheView()
{
    EtcdClient client(optionsFor(*m_cluster));
    LeasesView view(&client);
    QSignalSpy loaded(&view, &LeasesView::loaded);
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    const int before = view.model()->rowCount();
    view.grant(120);
    QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), before + 1, 5000);
    QVERIFY2(view.statusText().contains(QStringLiteral("Granted")), qPrintable(view.statusText()));
    // The new lease is the one etcdctl lists too.
    const EtcdctlResult list = etcdctlFor(*m_cluster).run({QStringLiteral("lease"), QStringLiteral("list")});
    qint64 granted = 0;
    for (int r = 0; r < view.model()->rowCount(); ++r)
        if (view.model()->index(r, LeasesModel::Granted).data().toString() == QStringLiteral("120 s"))
            granted = view.model()->leaseAt(r);
    QVERIFY(granted != 0);
    QVERIFY2(list.out.contains(QByteArray::number(granted, 16)), list.out.constData());

    QVERIFY_OK(resultOf(client.kv().put("/leased/view", "v", PutOptions{granted})));
    view.selectLease(granted);
    QString asked;
    view.setConfirmation([&asked](const QString &question) {
        asked = question;
        return false; // the user says no: nothing happens
    });
    view.revokeSelected();
    QTRY_VERIFY(!asked.isEmpty());
    QVERIFY2(asked.contains(QStringLiteral("/leased/view")), qPrintable(asked)); // the question names its keys
    QTest::qWait(1500);
    QVERIFY(view.model()->rowOf(granted) >= 0);
    view.setConfirmation([](const QString &) { return true; });
    view.revokeSelected();
    QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOf(granted) < 0, 5000);
    auto gone = resultOf(client.kv().get("/leased/view"));
    QVERIFY_OK(gone);
    QVERIFY(gone->kvs.isEmpty()); // etcd deleted the attached key
}

void TestLeasesView::readOnlyCannotGrantOrRevoke()
{
    ConnectionOptions o = optionsFor(*m_cluster);
    o.readOnly = true;
    EtcdClient client(o);
    LeasesView view(&client);
    QSignalSpy loaded(&view, &LeasesView::loaded);
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000); // listing is a read: it works
    QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("grantButton"))->isEnabled());
    QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("revokeButton"))->isEnabled());
    const int before = view.model()->rowCount();
    view.grant(60);
    QTest::qWait(1500);
    QCOMPARE(view.model()->rowCount(), before);
}

void TestLeasesView::readsOnlyTheRowsOnScreenOften()
{
    // 120 leases: more rows than the table shows. The rows on screen (and the selected one) are what
    // the monitor reads often; a hidden view asks for nothing.
    EtcdClient admin(optionsFor(*m_cluster));
    QVector<QFuture<EtcdResult<LeaseGrant>>> grants;
    for (int i = 0; i < 120; ++i)
        grants << admin.lease().grant(600);
    QVector<qint64> ids;
    for (const auto &g : grants) {
        const auto r = resultOf(g);
        QVERIFY_OK(r);
        ids << r->id;
    }
    EtcdClient client(optionsFor(*m_cluster));
    LeasesView view(&client);
    view.resize(800, 400);
    QSignalSpy loaded(&view, &LeasesView::loaded);
    view.show();
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QTRY_VERIFY(view.model()->rowCount() >= 120);
    QTableView *table = view.tableView();
    QTRY_VERIFY(!view.monitor()->interest().isEmpty());
    const int first = table->rowAt(0);
    const int last = table->rowAt(table->viewport()->height() - 1);
    QVERIFY(first == 0 && last > 0 && last < view.model()->rowCount() - 1);
    QSet<qint64> onScreen;
    for (int row = first; row <= last; ++row)
        onScreen.insert(view.model()->leaseAt(row));
    QCOMPARE(view.monitor()->interest(), onScreen);

    // Scrolled to the end: the interest follows; the selected lease stays in it.
    view.selectLease(view.model()->leaseAt(0));
    table->scrollToBottom();
    QTRY_VERIFY(view.monitor()->interest().contains(view.model()->leaseAt(view.model()->rowCount() - 1)));
    QVERIFY(view.monitor()->interest().contains(view.model()->leaseAt(0)));
    QVERIFY(!view.monitor()->interest().contains(view.model()->leaseAt(last + 1)));
    QVERIFY(view.statusText().contains(QStringLiteral("slow rotation")));

    view.hide();
    QVERIFY(view.monitor()->interest().isEmpty());
    for (qint64 id : ids)
        admin.lease().revoke(id);
}

QTEST_MAIN(TestLeasesView)
#include "tst_leasesview.moc"
