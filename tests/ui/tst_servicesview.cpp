// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Registered services against real etcd: both discovery layouts parsed, unknown values kept raw,
// instances grouped under their service in a model checked by QAbstractItemModelTester, live
// through the watch (an instance whose lease expires disappears within a second of etcd deleting
// it), TTL left per instance, and the view's own test registration (lease + keepalive) and
// deregistration. etcdctl is the independent writer.

#include "client/continuation.h"
#include "services/servicesmodel.h"
#include "services/servicesview.h"
#include "state/services/serviceregistration.h"
#include "state/leases/leasemonitor.h"
#include "state/services/serviceregistry.h"
#include "support/etcdctl.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QPushButton>
#include <QTimer>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

class TestServicesView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pathsAndValuesAreUnderstood();
    void registryFollowsEtcdUnderTheTester();
    void expiredInstanceDisappearsWithinASecond();
    void viewRegistersAndDeregisters();
    void ttlsComeFromASharedLeaseMonitor();
    void readOnlyCannotRegister();

private:
    std::unique_ptr<LocalCluster> m_cluster;
};

void TestServicesView::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
}

void TestServicesView::pathsAndValuesAreUnderstood()
{
    ServicePath p = ServicePath::parse("api/10.0.0.1:8080");
    QCOMPARE(p.service, QStringLiteral("api"));
    QCOMPARE(p.instance, QStringLiteral("10.0.0.1:8080"));
    p = ServicePath::parse("api/instances/i-1");
    QCOMPARE(p.service, QStringLiteral("api"));
    QCOMPARE(p.instance, QStringLiteral("i-1"));
    p = ServicePath::parse("api/v2/zone-a/i-9"); // deeper: kept, the rest of the path names it
    QCOMPARE(p.service, QStringLiteral("api"));
    QCOMPARE(p.instance, QStringLiteral("v2/zone-a/i-9"));

    ServiceInstance in;
    parseServiceValue(R"({"name":"api","address":"10.0.0.7:9090","status":"healthy","registeredAt":"2026-11-21T08:00:00Z","zone":"a"})", &in);
    QVERIFY(in.parsed);
    QCOMPARE(in.address, QStringLiteral("10.0.0.7"));
    QCOMPARE(in.port, 9090);
    QCOMPARE(in.health, QStringLiteral("healthy"));
    QCOMPARE(in.registeredAt, QStringLiteral("2026-11-21T08:00:00Z"));
    QCOMPARE(in.metadata.value(QStringLiteral("zone")).toString(), QStringLiteral("a")); // unused fields are metadata
    parseServiceValue(R"({"host":"db1","port":5432,"metadata":{"role":"primary"}})", &in);
    QCOMPARE(in.endpoint(), QStringLiteral("db1:5432"));
    QCOMPARE(in.metadata.value(QStringLiteral("role")).toString(), QStringLiteral("primary"));
    parseServiceValue(R"({"address":"[::1]:7000"})", &in);
    QCOMPARE(in.address, QStringLiteral("[::1]"));
    QCOMPARE(in.port, 7000);
    parseServiceValue("10.0.0.3:80", &in); // not JSON: shown raw
    QVERIFY(!in.parsed);
    QVERIFY(in.address.isEmpty());
}

void TestServicesView::registryFollowsEtcdUnderTheTester()
{
    Etcdctl ctl = etcdctlFor(*m_cluster);
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/svc1/api/instances/i-1"),
                     QStringLiteral(R"({"address":"10.0.0.1","port":80,"health":"passing"})")}).ok());
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/svc1/api/10.0.0.2:80"), QStringLiteral("10.0.0.2:80")}).ok());
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/svc1/db/primary"), QStringLiteral(R"({"host":"db1","port":5432})")}).ok());

    EtcdClient client(optionsFor(*m_cluster));
    ServiceRegistry registry(&client, "/svc1/");
    ServicesModel model(&registry);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&registry, &ServiceRegistry::loaded);
    registry.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QCOMPARE(model.rowCount(), 2); // api, db
    const QModelIndex api = model.indexForService(QStringLiteral("api"));
    QCOMPARE(model.rowCount(api), 2);
    QCOMPARE(model.index(api.row(), ServicesModel::Endpoint).data().toString(), QStringLiteral("2 instances"));
    const QModelIndex raw = model.indexForKey("/svc1/api/10.0.0.2:80");
    QVERIFY(raw.isValid());
    QCOMPARE(raw.data().toString(), QStringLiteral("10.0.0.2:80"));
    QCOMPARE(raw.siblingAtColumn(ServicesModel::Details).data().toString(), QStringLiteral("10.0.0.2:80")); // raw, not dropped
    const QModelIndex json = model.indexForKey("/svc1/api/instances/i-1");
    QCOMPARE(json.data().toString(), QStringLiteral("i-1"));
    QCOMPARE(json.siblingAtColumn(ServicesModel::Endpoint).data().toString(), QStringLiteral("10.0.0.1:80"));
    QCOMPARE(json.siblingAtColumn(ServicesModel::Health).data().toString(), QStringLiteral("passing"));

    // Live: a new service, a change, a removal that empties a service.
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/svc1/cache/instances/c-1"), QStringLiteral(R"({"address":"10.0.0.9","port":6379})")}).ok());
    QTRY_VERIFY(model.indexForService(QStringLiteral("cache")).isValid());
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/svc1/api/instances/i-1"), QStringLiteral(R"({"address":"10.0.0.1","port":80,"health":"critical"})")}).ok());
    QTRY_COMPARE(model.indexForKey("/svc1/api/instances/i-1").siblingAtColumn(ServicesModel::Health).data().toString(),
                 QStringLiteral("critical"));
    QVERIFY(ctl.run({QStringLiteral("del"), QStringLiteral("/svc1/db/primary")}).ok());
    QTRY_VERIFY(!model.indexForService(QStringLiteral("db")).isValid());
    QCOMPARE(model.rowCount(), 2); // api, cache
    QCOMPARE(registry.serviceNames(), QStringList({QStringLiteral("api"), QStringLiteral("cache")}));
}

void TestServicesView::expiredInstanceDisappearsWithinASecond()
{
    Etcdctl ctl = etcdctlFor(*m_cluster);
    const EtcdctlResult grant = ctl.run({QStringLiteral("lease"), QStringLiteral("grant"), QStringLiteral("3")});
    QVERIFY2(grant.ok(), grant.describe().constData());
    const QString lease = QString::fromUtf8(grant.out).section(QLatin1Char(' '), 1, 1); // "lease 694d... granted with TTL(3s)"
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("--lease=") + lease, QStringLiteral("/svc2/web/instances/w-1"),
                     QStringLiteral(R"({"address":"10.1.0.1","port":443})")}).ok());
    EtcdClient client(optionsFor(*m_cluster));
    ServiceRegistry registry(&client, "/svc2/");
    registry.setTtlPollInterval(500);
    ServicesModel model(&registry);
    QSignalSpy loaded(&registry, &ServiceRegistry::loaded);
    registry.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    const QByteArray key = "/svc2/web/instances/w-1";
    QCOMPARE(registry.instance(key)->lease, lease.toLongLong(nullptr, 16));
    // The TTL left is known and counts down.
    QTRY_VERIFY_WITH_TIMEOUT(registry.instance(key) && registry.instance(key)->ttl >= 0, 5000);
    QVERIFY(registry.instance(key)->grantedTtl == 3);
    QVERIFY(model.indexForKey(key).siblingAtColumn(ServicesModel::TtlLeft).data().toString().contains(QStringLiteral("of 3 s")));

    // Nobody keeps the lease alive: etcd deletes the key when it expires; the instance goes with it.
    // When etcd deleted it is watched independently: another client reads the key every 50 ms.
    EtcdClient witness(optionsFor(*m_cluster));
    qint64 goneInEtcdAt = 0;
    qint64 removedAt = 0;
    QTimer poll;
    poll.setInterval(50);
    connect(&poll, &QTimer::timeout, this, [&] {
        whenFinished(witness.kv().get(key), this, [&](const EtcdResult<RangeResult> &r) {
            if (r.ok() && r->kvs.isEmpty() && goneInEtcdAt == 0)
                goneInEtcdAt = QDateTime::currentMSecsSinceEpoch();
        });
    });
    poll.start();
    connect(&registry, &ServiceRegistry::instanceRemoved, this, [&] { removedAt = QDateTime::currentMSecsSinceEpoch(); });
    QTRY_VERIFY_WITH_TIMEOUT(removedAt != 0 && goneInEtcdAt != 0, 15000);
    poll.stop();
    QVERIFY2(removedAt - goneInEtcdAt < 1000,
             qPrintable(QStringLiteral("removed %1 ms after etcd deleted it").arg(removedAt - goneInEtcdAt)));
    QVERIFY(!model.indexForService(QStringLiteral("web")).isValid());
}

void TestServicesView::viewRegistersAndDeregisters()
{
    EtcdClient client(optionsFor(*m_cluster));
    ServicesView view(&client);
    view.setPrefix("/svc3/");
    QSignalSpy loaded(&view, &ServicesView::loaded);
    view.show();
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);

    ServiceRegistration *r = view.registerTestInstance(QStringLiteral("demo"), QStringLiteral("d-1"), 2);
    QVERIFY(r);
    QSignalSpy registered(r, &ServiceRegistration::registered);
    QTRY_COMPARE_WITH_TIMEOUT(registered.count(), 1, 10000);
    const QByteArray key = "/svc3/demo/instances/d-1";
    QTRY_VERIFY(view.model()->indexForKey(key).isValid());
    QCOMPARE(view.model()->indexForKey(key).siblingAtColumn(ServicesModel::Health).data().toString(), QStringLiteral("passing"));
    // The keepalive holds it well past its 2 s TTL.
    QTest::qWait(4500);
    QVERIFY(view.model()->indexForKey(key).isValid());
    const EtcdctlResult get = etcdctlFor(*m_cluster).run({QStringLiteral("get"), QString::fromUtf8(key), QStringLiteral("--print-value-only")});
    QVERIFY2(get.out.contains("\"registeredBy\":\"etcd console\""), get.out.constData());

    // The same id again is refused: never over an existing instance.
    ServiceRegistration *twice = view.registerTestInstance(QStringLiteral("demo"), QStringLiteral("d-1"), 2);
    QSignalSpy refused(twice, &ServiceRegistration::failed);
    QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 10000);

    // Deregister: the lease is revoked, the key goes at once.
    QElapsedTimer t;
    t.start();
    view.deregisterTestInstances();
    QTRY_VERIFY_WITH_TIMEOUT(!view.model()->indexForKey(key).isValid(), 3000);
    QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
    QVERIFY(view.statusText().contains(QStringLiteral("0 instance")));
}

// In the console the Leases view polls every lease already; the registry takes TTLs from it.
void TestServicesView::ttlsComeFromASharedLeaseMonitor()
{
    EtcdClient client(optionsFor(*m_cluster));
    auto lease = resultOf(client.lease().grant(30));
    QVERIFY_OK(lease);
    QVERIFY_OK(resultOf(client.kv().put("/svc4/api/instances/a", R"({"address":"10.4.0.1","port":80})", PutOptions{lease->id})));
    LeaseMonitor leases(&client, 500);
    ServiceRegistry registry(&client, "/svc4/");
    registry.setLeaseMonitor(&leases);
    QSignalSpy loaded(&registry, &ServiceRegistry::loaded);
    leases.start();
    registry.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(registry.instance("/svc4/api/instances/a")->ttl > 0, 5000);
    QCOMPARE(registry.instance("/svc4/api/instances/a")->grantedTtl, 30);
    // The monitor reads the instances' leases first and often while someone looks, not otherwise.
    QTRY_COMPARE(leases.interest(), QSet<qint64>{lease->id});
    registry.setLooking(false);
    QVERIFY(leases.interest().isEmpty());
    registry.setLooking(true);
    QCOMPARE(leases.interest(), QSet<qint64>{lease->id});
    // Revoked: the monitor sees it gone and the instance shows expired until etcd's delete arrives.
    QSignalSpy removed(&registry, &ServiceRegistry::instanceRemoved);
    QVERIFY_OK(resultOf(client.lease().revoke(lease->id)));
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 5000);
}

void TestServicesView::readOnlyCannotRegister()
{
    ConnectionOptions o = optionsFor(*m_cluster);
    o.readOnly = true;
    EtcdClient client(o);
    ServicesView view(&client);
    QVERIFY(!view.registerTestInstance(QStringLiteral("demo"), QStringLiteral("x"), 5));
    QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("registerButton"))->isEnabled());
}

QTEST_MAIN(TestServicesView)
#include "tst_servicesview.moc"
