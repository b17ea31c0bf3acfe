// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The sandbox's demo data, checked with etcdctl: configuration in JSON and YAML with history, a
// binary value, a few thousand keys in a hierarchy, and service instances whose leases are kept
// alive for as long as the seeder lives.

#include "sandbox/demoseeder.h"
#include "sandbox/demotraffic.h"
#include "support/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

class TestDemoSeeder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedsConfigBinaryHierarchyAndLiveServices();
    void readOnlyConnectionSeedsNothing();
    void trafficWorksTheQueueAndStaysBounded();
};

void TestDemoSeeder::seedsConfigBinaryHierarchyAndLiveServices()
{
    START_CLUSTER(cluster, 1, true);
    EtcdClient client(optionsFor(*cluster));
    DemoSeeder seeder(&client);
    QSignalSpy finished(&seeder, &DemoSeeder::finished);
    QSignalSpy progress(&seeder, &DemoSeeder::progress);
    seeder.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    const auto error = finished.first().first().value<EtcdError>();
    QVERIFY2(!error, qPrintable(error.toString()));
    QVERIFY(progress.size() >= 20); // written in transactions, reported as it goes

    QSet<QByteArray> distinct;
    for (const auto &kv : DemoSeeder::plainKeys())
        distinct.insert(kv.first);
    QVERIFY2(distinct.size() >= 2000, "a few thousand keys");

    const Etcdctl ctl = etcdctlFor(*cluster);
    const EtcdctlResult count =
        ctl.run({QStringLiteral("get"), QStringLiteral("--from-key"), QStringLiteral(""), QStringLiteral("--keys-only"),
                 QStringLiteral("--limit=1"), QStringLiteral("-w"), QStringLiteral("json")});
    QVERIFY2(count.ok(), count.describe().constData());
    const qint64 total = QJsonDocument::fromJson(count.out).object().value(QStringLiteral("count")).toInteger();
    QCOMPARE(total, qint64(distinct.size() + DemoSeeder::services().size()));

    // JSON that parses, YAML as text, and history: three versions of the checkout settings.
    const EtcdctlResult settings = ctl.run({QStringLiteral("get"), QStringLiteral("/config/checkout/settings.json"),
                                            QStringLiteral("-w"), QStringLiteral("json")});
    QVERIFY2(settings.ok(), settings.describe().constData());
    const QJsonObject kv =
        QJsonDocument::fromJson(settings.out).object().value(QStringLiteral("kvs")).toArray().first().toObject();
    QCOMPARE(kv.value(QStringLiteral("version")).toInteger(), 3);
    const QByteArray value = QByteArray::fromBase64(kv.value(QStringLiteral("value")).toString().toLatin1());
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(value, &parse);
    QCOMPARE(parse.error, QJsonParseError::NoError);
    QCOMPARE(doc.object().value(QStringLiteral("paymentTimeoutMs")).toInt(), 1500);
    const EtcdctlResult yaml = ctl.run({QStringLiteral("get"), QStringLiteral("/config/checkout/features.yaml"),
                                        QStringLiteral("--print-value-only")});
    QVERIFY(yaml.out.contains("express_checkout: true"));

    // A binary value, byte for byte.
    const EtcdctlResult ticket = ctl.run({QStringLiteral("get"), QStringLiteral("/secrets/tls/session-ticket.key"),
                                          QStringLiteral("--print-value-only")});
    QVERIFY(ticket.ok());
    QByteArray expected;
    for (const auto &p : DemoSeeder::plainKeys())
        if (p.first == "/secrets/tls/session-ticket.key")
            expected = p.second;
    QCOMPARE(ticket.out.left(expected.size()), expected);
    QVERIFY(!QString::fromUtf8(expected).toUtf8().startsWith(expected)); // really not UTF-8 text

    // Services are registered with leases, and the leases are kept alive: after half the TTL the
    // remaining time is still above it (without keepalives it would have fallen below).
    const EtcdctlResult instances = ctl.run({QStringLiteral("get"), QStringLiteral("/services/"),
                                             QStringLiteral("--prefix"), QStringLiteral("-w"), QStringLiteral("json")});
    const QJsonArray kvs = QJsonDocument::fromJson(instances.out).object().value(QStringLiteral("kvs")).toArray();
    QCOMPARE(kvs.size(), DemoSeeder::services().size());
    const qint64 lease = kvs.first().toObject().value(QStringLiteral("lease")).toInteger();
    QVERIFY(lease != 0);
    spin(int(DemoSeeder::kServiceTtl * 1000 / 2 + 500));
    const EtcdctlResult ttl = ctl.run({QStringLiteral("lease"), QStringLiteral("timetolive"),
                                       QString::number(lease, 16), QStringLiteral("-w"), QStringLiteral("json")});
    QVERIFY2(ttl.ok(), ttl.describe().constData());
    const qint64 left = QJsonDocument::fromJson(ttl.out).object().value(QStringLiteral("ttl")).toInteger();
    QVERIFY2(left > DemoSeeder::kServiceTtl / 2, qPrintable(QStringLiteral("TTL left %1 s").arg(left)));
}

void TestDemoSeeder::readOnlyConnectionSeedsNothing()
{
    START_CLUSTER(cluster, 1, true);
    ConnectionOptions o = optionsFor(*cluster);
    o.readOnly = true;
    EtcdClient client(o);
    DemoSeeder seeder(&client);
    QSignalSpy finished(&seeder, &DemoSeeder::finished);
    seeder.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QVERIFY(bool(finished.first().first().value<EtcdError>())); // refused, and said so
    const EtcdctlResult count = etcdctlFor(*cluster).run(
        {QStringLiteral("get"), QStringLiteral("--from-key"), QStringLiteral(""), QStringLiteral("--keys-only"),
         QStringLiteral("--limit=1"), QStringLiteral("-w"), QStringLiteral("json")});
    QCOMPARE(QJsonDocument::fromJson(count.out).object().value(QStringLiteral("count")).toInteger(), 0);
}

// The sandbox's live workload, checked with etcdctl: metrics rewritten in place, one job a second
// through queue -> running (on a lease etcd expires) -> done, and nothing grows however long it
// runs (here 60 jobs at up to 25x its pace); stopped, it writes nothing more.
void TestDemoSeeder::trafficWorksTheQueueAndStaysBounded()
{
    START_CLUSTER(cluster, 1, true);
    EtcdClient client(optionsFor(*cluster));
    DemoSeeder seeder(&client);
    QSignalSpy seeded(&seeder, &DemoSeeder::finished);
    seeder.start();
    QTRY_COMPARE_WITH_TIMEOUT(seeded.size(), 1, 30000);
    const Etcdctl ctl = etcdctlFor(*cluster);
    const auto count = [&ctl](const char *prefix) -> qint64 {
        const EtcdctlResult r = ctl.run({QStringLiteral("get"), QString::fromLatin1(prefix), QStringLiteral("--prefix"),
                                         QStringLiteral("--keys-only"), QStringLiteral("--limit=1"),
                                         QStringLiteral("-w"), QStringLiteral("json")});
        if (!r.ok())
            return -1;
        return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("count")).toInteger();
    };
    QCOMPARE(count("/jobs/queue/"), qint64(DemoTraffic::kQueued));

    DemoTraffic traffic(&client);
    QSignalSpy running(&traffic, &DemoTraffic::runningChanged);
    traffic.start();
    QCOMPARE(running.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(count("/metrics/nodes/"), qint64(DemoTraffic::kNodes), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(traffic.jobsStarted() >= 1 && traffic.isIdle(), 5000);
    const QByteArray firstJob = DemoTraffic::runningKey(DemoTraffic::kFirstJob);
    auto first = resultOf(client.kv().get(firstJob));
    QVERIFY_OK(first);
    QCOMPARE(first->kvs.size(), 1);
    QVERIFY(first->kvs.first().lease != 0);
    QCOMPARE(resultOf(client.kv().get(DemoTraffic::queuedKey(DemoTraffic::kFirstJob)))->kvs.size(), 0);
    // Nobody deletes a running job: its lease runs out and etcd does.
    QTRY_COMPARE_WITH_TIMEOUT(resultOf(client.kv().get(firstJob))->kvs.size(), 0,
                              int(DemoTraffic::kJobLeaseTtl) * 1000 + 5000);

    // Faster, long enough for the done list to be trimmed many times over.
    traffic.setTickMs(10);
    QTRY_VERIFY_WITH_TIMEOUT(traffic.jobsStarted() >= 2 * DemoTraffic::kDoneKept, 90000);
    traffic.stop();
    QCOMPARE(running.size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(traffic.isIdle(), 5000);
    QCOMPARE(traffic.failures(), 0);
    QCOMPARE(count("/jobs/queue/"), qint64(DemoTraffic::kQueued));
    QCOMPARE(count("/jobs/done/"), qint64(DemoTraffic::kDoneKept));
    QCOMPARE(count("/metrics/nodes/"), qint64(DemoTraffic::kNodes));
    const auto runningJobs = resultOf(client.kv().range(RangeOptions::prefix("/jobs/running/")));
    QVERIFY_OK(runningJobs);
    for (const KeyValue &kv : runningJobs->kvs)
        QVERIFY2(kv.lease != 0, kv.key.constData());

    // Stopped: no more writes of its own (running jobs still expire, which etcd does).
    const auto before = resultOf(client.kv().range(RangeOptions::prefix("/metrics/")));
    QVERIFY_OK(before);
    spin(4 * DemoTraffic::kTickMs);
    const auto after = resultOf(client.kv().range(RangeOptions::prefix("/metrics/")));
    QVERIFY_OK(after);
    QCOMPARE(after->kvs.size(), before->kvs.size());
    for (int i = 0; i < after->kvs.size(); ++i)
        QCOMPARE(after->kvs.at(i).modRevision, before->kvs.at(i).modRevision);
    QCOMPARE(count("/jobs/done/"), qint64(DemoTraffic::kDoneKept));
}

QTEST_MAIN(TestDemoSeeder)
#include "tst_demoseeder.moc"
