// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The cluster as Kubernetes sees it, read from a real etcd holding the demo /registry tree (written
// with our own encoder): registry paths and their kinds, label selectors, the scan's totals per
// resource and namespace, the largest objects, events' share, filters by kind, namespace and labels,
// and the control-plane leader leases kept live by watch. etcdctl checks the scan's figures.

#include "client/etcdclient.h"
#include "k8s/controlplaneleases.h"
#include "k8s/demoregistry.h"
#include "k8s/kubevalue.h"
#include "k8s/labelselector.h"
#include "k8s/registrypath.h"
#include "k8s/registryscan.h"
#include "support/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::k8s;

class TestKubeRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void registryPaths_data();
    void registryPaths();
    void labelSelectors_data();
    void labelSelectors();
    void demoTreeDecodes();
    void scanCountsWhatEtcdHolds();
    void filtersByKindNamespaceAndLabels();
    void scanStopsOnRequest();
    void leaderLeasesAreLive();

private:
    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
    QVector<QPair<QByteArray, QByteArray>> m_demo;
};

void TestKubeRegistry::initTestCase()
{
    START_CLUSTER(cluster, 1, true);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
    m_demo = demoRegistry(QDateTime::currentDateTimeUtc());
    QVERIFY(m_demo.size() > 40);
    for (const auto &[key, value] : m_demo)
        QVERIFY_OK(resultOf(m_client->kv().put(key, value)));
    // Keys outside /registry/ and one under it of no known layout.
    QVERIFY_OK(resultOf(m_client->kv().put("/config/app", "x")));
    QVERIFY_OK(resultOf(m_client->kv().put("/registry/health", "{\"health\":\"true\"}")));
}

void TestKubeRegistry::cleanupTestCase()
{
    m_client.reset();
    m_cluster.reset();
}

void TestKubeRegistry::registryPaths_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("folder");
    QTest::addColumn<int>("level");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("name");
    using L = RegistryPath::Level;
    QTest::newRow("registry") << QByteArray("/registry") << true << int(L::Registry) << "Kubernetes"
                              << ""
                              << "";
    QTest::newRow("pods folder") << QByteArray("/registry/pods") << true << int(L::Resource) << "Pod"
                                 << ""
                                 << "";
    QTest::newRow("namespace folder") << QByteArray("/registry/pods/shop/") << true << int(L::Namespace) << "namespace"
                                      << "shop"
                                      << "";
    QTest::newRow("pod") << QByteArray("/registry/pods/shop/web-1") << false << int(L::Object) << "Pod"
                         << "shop"
                         << "web-1";
    QTest::newRow("node is a minion") << QByteArray("/registry/minions/worker-1") << false << int(L::Object) << "Node"
                                      << ""
                                      << "worker-1";
    QTest::newRow("services folder") << QByteArray("/registry/services") << true << int(L::Group)
                                     << "Service, Endpoints"
                                     << ""
                                     << "";
    QTest::newRow("group folder") << QByteArray("/registry/apiextensions.k8s.io") << true << int(L::Group)
                                  << "API group"
                                  << ""
                                  << "";
    QTest::newRow("service") << QByteArray("/registry/services/specs/default/kubernetes") << false << int(L::Object)
                             << "Service"
                             << "default"
                             << "kubernetes";
    QTest::newRow("endpoints") << QByteArray("/registry/services/endpoints/shop/web") << false << int(L::Object)
                               << "Endpoints"
                               << "shop"
                               << "web";
    QTest::newRow("crd") << QByteArray("/registry/apiextensions.k8s.io/customresourcedefinitions/widgets.example.com")
                         << false << int(L::Object) << "CustomResourceDefinition"
                         << ""
                         << "widgets.example.com";
    QTest::newRow("custom resource") << QByteArray("/registry/example.com/widgets/shop/blue") << false << int(L::Object)
                                     << "widgets.example.com"
                                     << "shop"
                                     << "blue";
    QTest::newRow("custom namespace folder")
        << QByteArray("/registry/example.com/widgets/shop") << true << int(L::Namespace) << "namespace"
        << "shop"
        << "";
    QTest::newRow("cluster-scoped custom") << QByteArray("/registry/example.com/clusterwidgets/big") << false
                                           << int(L::Object) << "clusterwidgets.example.com"
                                           << ""
                                           << "big";
    QTest::newRow("unknown layout") << QByteArray("/registry/health") << false << int(L::None) << ""
                                    << ""
                                    << "";
    QTest::newRow("not kubernetes") << QByteArray("/config/app") << false << int(L::None) << ""
                                    << ""
                                    << "";
}

void TestKubeRegistry::registryPaths()
{
    QFETCH(QByteArray, key);
    QFETCH(bool, folder);
    QFETCH(int, level);
    QFETCH(QString, label);
    QFETCH(QString, ns);
    QFETCH(QString, name);
    const RegistryPath p = RegistryPath::parse(key, folder);
    QCOMPARE(int(p.level), level);
    QCOMPARE(p.label(), label);
    QCOMPARE(p.ns, ns);
    QCOMPARE(p.name, name);
}

void TestKubeRegistry::labelSelectors_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("matchesWebFrontend"); // app=web, tier=frontend
    QTest::newRow("empty") << "" << true << true;
    QTest::newRow("equals") << "app=web" << true << true;
    QTest::newRow("double equals") << "app==web" << true << true;
    QTest::newRow("and, not equal") << "app=web,tier!=db" << true << true;
    QTest::newRow("not equal fails") << "app=web,tier!=frontend" << true << false;
    QTest::newRow("in") << "tier in (frontend, backend)" << true << true;
    QTest::newRow("notin") << "tier notin (frontend)" << true << false;
    QTest::newRow("exists") << "app" << true << true;
    QTest::newRow("does not exist") << "!canary" << true << true;
    QTest::newRow("exists fails") << "canary" << true << false;
    QTest::newRow("prefixed key") << "app.kubernetes.io/name=web" << true << false;
    QTest::newRow("bad key") << "-app=web" << false << false;
    QTest::newRow("bad value") << "app=we b" << false << false;
    QTest::newRow("unclosed") << "tier in (a,b" << false << false;
    QTest::newRow("empty term") << "app=web,,tier=x" << false << false;
}

void TestKubeRegistry::labelSelectors()
{
    QFETCH(QString, selector);
    QFETCH(bool, valid);
    QFETCH(bool, matchesWebFrontend);
    const LabelSelector s = LabelSelector::parse(selector);
    QCOMPARE(s.isValid(), valid);
    if (!valid) {
        QVERIFY(!s.error().isEmpty());
        return;
    }
    QCOMPARE(s.matches({{QStringLiteral("app"), QStringLiteral("web")},
                        {QStringLiteral("tier"), QStringLiteral("frontend")}}),
             matchesWebFrontend);
}

void TestKubeRegistry::demoTreeDecodes()
{
    // Every demo object decodes through its definition, except the custom resource (JSON) and the
    // encrypted Secret, which says what it is.
    int typed = 0;
    for (const auto &[key, value] : m_demo) {
        if (key.startsWith("/registry/example.com/")) {
            QCOMPARE(storageOf(value), Storage::Other);
            continue;
        }
        const Decoded d = decode(value);
        if (key == "/registry/secrets/shop/payment-keys") {
            QVERIFY(!d.ok);
            QVERIFY2(d.error.contains(QLatin1String("encrypted at rest (aescbc, key key1)")), qPrintable(d.error));
            continue;
        }
        QVERIFY2(d.ok && d.typed, qPrintable(key + ": " + d.error));
        QVERIFY2(!d.yaml.contains(QLatin1String("field ")), qPrintable(key + "\n" + d.yaml));
        const RegistryPath p = RegistryPath::parse(key);
        QCOMPARE(d.kind, p.resource.kind);
        QCOMPARE(d.name, p.name);
        QCOMPARE(d.ns, p.ns);
        ++typed;
    }
    QVERIFY(typed >= 40);
}

void TestKubeRegistry::scanCountsWhatEtcdHolds()
{
    const EtcdResult<RegistryScan> r = resultOf(scanRegistry(m_client.get()), 30000);
    QVERIFY_OK(r);
    const RegistryScan &scan = r.value();
    QVERIFY(!scan.cancelled);
    QCOMPARE(scan.objects, qint64(m_demo.size()));
    QCOMPARE(scan.otherKeys, qint64(1)); // /registry/health
    QCOMPARE(scan.index.size(), m_demo.size());

    // etcdctl's own view of /registry/: keys and bytes.
    const EtcdctlResult all = etcdctlFor(*m_cluster)
                                  .run({QStringLiteral("get"), QStringLiteral("/registry/"), QStringLiteral("--prefix"),
                                        QStringLiteral("-w"), QStringLiteral("json")});
    QVERIFY2(all.ok(), all.describe().constData());
    qint64 bytes = 0, podBytes = 0, pods = 0, shopObjects = 0;
    for (const QJsonValue &kv : QJsonDocument::fromJson(all.out).object().value(QStringLiteral("kvs")).toArray()) {
        const QByteArray key = QByteArray::fromBase64(kv.toObject().value(QStringLiteral("key")).toString().toLatin1());
        const qint64 size =
            QByteArray::fromBase64(kv.toObject().value(QStringLiteral("value")).toString().toLatin1()).size();
        if (key == "/registry/health")
            continue;
        bytes += size;
        if (key.startsWith("/registry/pods/")) {
            podBytes += size;
            ++pods;
        }
        shopObjects += key.contains("/shop/") ? 1 : 0;
    }
    QCOMPARE(scan.bytes, bytes);
    const ResourceTotals *podTotals = scan.resourceOf(QStringLiteral("Pod"));
    QVERIFY(podTotals);
    QCOMPARE(podTotals->objects, pods);
    QCOMPARE(podTotals->bytes, podBytes);
    const ResourceTotals *secrets = scan.resourceOf(QStringLiteral("Secret"));
    QVERIFY(secrets);
    QCOMPARE(secrets->encrypted, qint64(1));
    // Resources and namespaces come largest first.
    for (int i = 1; i < scan.resources.size(); ++i)
        QVERIFY(scan.resources[i - 1].bytes >= scan.resources[i].bytes);
    for (const NamespaceTotals &ns : scan.namespaces)
        if (ns.ns == QLatin1String("shop"))
            QCOMPARE(ns.objects, shopObjects);
    // The largest objects, largest first, and really the largest.
    QVERIFY(!scan.largest.isEmpty());
    qint64 biggest = 0;
    for (const RegistryObject &o : scan.index)
        biggest = std::max(biggest, o.bytes);
    QCOMPARE(scan.index[scan.largest.first()].bytes, biggest);
    for (int i = 1; i < scan.largest.size(); ++i)
        QVERIFY(scan.index[scan.largest[i - 1]].bytes >= scan.index[scan.largest[i]].bytes);
    // Events: 12 demo events in shop.
    QCOMPARE(scan.eventObjects(), qint64(12));
    QVERIFY(scan.eventBytes() > 0 && scan.eventBytes() < scan.bytes);
    // A custom resource's kind comes from its JSON.
    bool widget = false;
    for (const RegistryObject &o : scan.index)
        widget = widget || (o.kind == QLatin1String("Widget") && o.ns() == QLatin1String("shop"));
    QVERIFY(widget);
}

void TestKubeRegistry::filtersByKindNamespaceAndLabels()
{
    const EtcdResult<RegistryScan> r = resultOf(scanRegistry(m_client.get()), 30000);
    QVERIFY_OK(r);
    const RegistryScan &scan = r.value();
    auto names = [&scan](const QVector<int> &rows) {
        QStringList out;
        for (int i : rows)
            out << scan.index[i].kind + QLatin1Char(' ') + scan.index[i].ns() + QLatin1Char('/') + scan.index[i].name();
        out.sort();
        return out;
    };
    const QStringList webPods =
        names(filterObjects(scan, {QStringLiteral("Pod"), QStringLiteral("shop"), QStringLiteral("app=web,tier!=db")}));
    QCOMPARE(webPods, (QStringList{"Pod shop/web-7d9f8c6b5d-4xk2p", "Pod shop/web-7d9f8c6b5d-9qzrt",
                                   "Pod shop/web-7d9f8c6b5d-hc7vn"}));
    // Any kind labelled app=web in shop: the deployment, replica set, pods, service, endpoints,
    // config map and the JSON custom resource.
    const QStringList web = names(filterObjects(scan, {{}, QStringLiteral("shop"), QStringLiteral("app=web")}));
    QVERIFY2(web.contains(QStringLiteral("Deployment shop/web")), qPrintable(web.join(", ")));
    QVERIFY(web.contains(QStringLiteral("Widget shop/blue")));
    QVERIFY(web.contains(QStringLiteral("ConfigMap shop/web-settings")));
    QVERIFY(!web.contains(QStringLiteral("Pod shop/payments-db-0")));
    QCOMPARE(filterObjects(scan, {QStringLiteral("Pod"), {}, QStringLiteral("tier in (db)")}).size(), 1);
    QCOMPARE(filterObjects(scan, {QStringLiteral("Node"), {}, {}}).size(), 3);
    QCOMPARE(filterObjects(scan, {{}, QStringLiteral("kube-system"), QStringLiteral("component")}).size(), 4);
    QVERIFY(filterObjects(scan, {{}, {}, QStringLiteral("bad key=")}).isEmpty()); // invalid: nothing
}

void TestKubeRegistry::scanStopsOnRequest()
{
    StopToken stop;
    stop.requestStop();
    const EtcdResult<RegistryScan> r = resultOf(scanRegistry(m_client.get(), stop), 30000);
    QVERIFY_OK(r);
    QVERIFY(r->cancelled);
}

void TestKubeRegistry::leaderLeasesAreLive()
{
    ControlPlaneLeases leases(m_client.get());
    QSignalSpy loaded(&leases, &ControlPlaneLeases::loaded);
    leases.start();
    QVERIFY(loaded.wait(10000));
    const QByteArray scheduler = "/registry/leases/kube-system/kube-scheduler";
    QVERIFY(leases.leases().count(scheduler));
    const LeaderLease before = leases.leases().at(scheduler);
    QVERIFY(before.decoded);
    QVERIFY(before.isLeaderElection());
    QVERIFY(before.holder.startsWith(QLatin1String("cp-1_")));
    QCOMPARE(before.durationSeconds, 15);
    QCOMPARE(before.transitions, 2);
    QVERIFY(before.isFresh(QDateTime::currentDateTimeUtc()));
    QVERIFY(!before.isFresh(QDateTime::currentDateTimeUtc().addSecs(60)));
    QVERIFY(leases.leases().count("/registry/leases/kube-system/apiserver-kq3v7zr2d4ph5ecx6t2xkm3ocq"));
    QVERIFY(
        !leases.leases().at("/registry/leases/kube-system/apiserver-kq3v7zr2d4ph5ecx6t2xkm3ocq").isLeaderElection());

    // Another scheduler takes over: the watch brings the new holder.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto taken = demoLeaderLease(QStringLiteral("kube-scheduler"), QStringLiteral("cp-2_new"), now, now, 3);
    QVERIFY_OK(resultOf(m_client->kv().put(taken.first, taken.second)));
    QTRY_COMPARE_WITH_TIMEOUT(leases.leases().at(scheduler).holder, QStringLiteral("cp-2_new"), 10000);
    QCOMPARE(leases.leases().at(scheduler).transitions, 3);
    // A damaged lease is listed, not decoded.
    QVERIFY_OK(resultOf(m_client->kv().put("/registry/leases/kube-system/broken", QByteArray("k8s\0\x0a\xff", 6))));
    QTRY_VERIFY_WITH_TIMEOUT(leases.leases().count("/registry/leases/kube-system/broken"), 10000);
    QVERIFY(!leases.leases().at("/registry/leases/kube-system/broken").decoded);
    QVERIFY_OK(resultOf(m_client->kv().deleteRange(DeleteOptions::single("/registry/leases/kube-system/broken"))));
    QTRY_VERIFY_WITH_TIMEOUT(!leases.leases().count("/registry/leases/kube-system/broken"), 10000);
}

QTEST_GUILESS_MAIN(TestKubeRegistry)
#include "tst_kuberegistry.moc"
