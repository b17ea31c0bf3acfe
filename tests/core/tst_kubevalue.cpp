// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Values kube-apiserver writes under /registry/: the "k8s\0" + runtime.Unknown envelope, object
// metadata read as kubectl shows it, the rest as a field tree by number, Secret data masked,
// encryption at rest named. Fixtures are assembled here byte by byte from the documented field
// numbers (so the decoder is not only checked against our own .proto files), and also encoded with
// those files, which must give the same bytes. Damaged values and 100 000 random mutations of the
// fixtures must give "cannot decode: ..." or a decoding, never a crash. Pure decoding: no etcd.

#include "k8s/kubevalue.h"
#include "support/kubefixtures.h"

#include <QRandomGenerator>
#include <QtTest>

#include <yaml-cpp/yaml.h>

#include "k8s/meta.pb.h"
#include "k8s/runtime.pb.h"

using namespace etcd;
using namespace etcd::test::kube;

namespace {

QByteArray configMapObject()
{
    const QByteArray creation = varintField(1, 1700000000); // 2023-11-14T22:13:20Z
    const QByteArray metadata = bytesField(1, "settings") + bytesField(3, "prod") + bytesField(5, "6f1c-uid") +
                                bytesField(6, "4242") + bytesField(8, creation) + bytesField(11, entry("tier", "web")) +
                                bytesField(11, entry("app", "shop"));
    return bytesField(1, metadata) + bytesField(2, entry("timeoutMs", "1500")) + bytesField(2, entry("mode", "fast"));
}

YAML::Node parse(const QString &yaml)
{
    return YAML::Load(yaml.toStdString());
}

} // namespace

class TestKubeValue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handAssembledConfigMap();
    void unknownKindsByFieldNumber();
    void handAssembledKindsReadByName();
    void ourProtoFilesGiveTheSameBytes();
    void secretDataIsMaskedUntilRevealed();
    void encryptionAtRestIsNamed();
    void damagedValuesSayWhy_data();
    void damagedValuesSayWhy();
    void deepNestingIsBounded();
    void hundredThousandMutations();
};

void TestKubeValue::handAssembledConfigMap()
{
    const QByteArray value = envelope("v1", "ConfigMap", configMapObject());
    QCOMPARE(etcd::k8s::storageOf(value), etcd::k8s::Storage::Protobuf);
    const etcd::k8s::Decoded d = etcd::k8s::decode(value);
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.kind, QStringLiteral("ConfigMap"));
    QCOMPARE(d.name, QStringLiteral("settings"));
    QCOMPARE(d.ns, QStringLiteral("prod"));
    const YAML::Node y = parse(d.yaml);
    QCOMPARE(y["apiVersion"].as<std::string>(), std::string("v1"));
    QCOMPARE(y["kind"].as<std::string>(), std::string("ConfigMap"));
    QCOMPARE(y["metadata"]["name"].as<std::string>(), std::string("settings"));
    QCOMPARE(y["metadata"]["namespace"].as<std::string>(), std::string("prod"));
    QCOMPARE(y["metadata"]["uid"].as<std::string>(), std::string("6f1c-uid"));
    QCOMPARE(y["metadata"]["resourceVersion"].as<std::string>(), std::string("4242"));
    QCOMPARE(y["metadata"]["creationTimestamp"].as<std::string>(), std::string("2023-11-14T22:13:20Z"));
    QCOMPARE(y["metadata"]["labels"]["app"].as<std::string>(), std::string("shop"));
    QCOMPARE(y["metadata"]["labels"]["tier"].as<std::string>(), std::string("web"));
    // Sorted as kubectl sorts them.
    QVERIFY(d.yaml.indexOf(QLatin1String("app:")) < d.yaml.indexOf(QLatin1String("tier:")));
    QVERIFY(d.yaml.indexOf(QLatin1String("creationTimestamp")) < d.yaml.indexOf(QLatin1String("labels")));
    // The rest through ConfigMap's definition: data is a map, sorted, its numbers kept as strings.
    QVERIFY(d.typed);
    QCOMPARE(y["data"]["timeoutMs"].as<std::string>(), std::string("1500"));
    QCOMPARE(y["data"]["mode"].as<std::string>(), std::string("fast"));
    QVERIFY(d.yaml.contains(QLatin1String("timeoutMs: \"1500\"")));
    QVERIFY(d.yaml.indexOf(QLatin1String("data:")) < d.yaml.indexOf(QLatin1String("kind:")));
}

void TestKubeValue::unknownKindsByFieldNumber()
{
    // A kind with no definition here: metadata decoded, the rest as a field tree by number.
    const QByteArray value = envelope("example.com/v1", "Widget", configMapObject());
    const etcd::k8s::Decoded d = etcd::k8s::decode(value);
    QVERIFY2(d.ok, qPrintable(d.error));
    QVERIFY(!d.typed);
    const YAML::Node y = parse(d.yaml);
    QCOMPARE(y["metadata"]["name"].as<std::string>(), std::string("settings"));
    const YAML::Node data = y["field 2"];
    QVERIFY(data.IsSequence());
    QCOMPARE(data.size(), std::size_t(2));
    QCOMPARE(data[0]["field 1"].as<std::string>(), std::string("timeoutMs"));
    QCOMPARE(data[0]["field 2"].as<std::string>(), std::string("1500"));
    // A known kind whose bytes do not fit its definition (a container that is a string): shown by
    // field number, with a note, never only as hex.
    const etcd::k8s::Decoded odd = etcd::k8s::decode(
        envelope("v1", "Pod", metadata("web-1", "prod") + bytesField(2, bytesField(2, "\x0a\x05nginx\xff"))));
    QVERIFY2(odd.ok, qPrintable(odd.error));
    QVERIFY(!odd.typed);
    QVERIFY2(odd.note.contains(QLatin1String("does not match")), qPrintable(odd.note));
    QCOMPARE(parse(odd.yaml)["metadata"]["name"].as<std::string>(), std::string("web-1"));
    QVERIFY(parse(odd.yaml)["field 2"]);
    // A field newer than a known kind's definition also shows by number.
    const etcd::k8s::Decoded newer =
        etcd::k8s::decode(envelope("v1", "ConfigMap", configMapObject() + bytesField(99, "future")));
    QVERIFY2(newer.ok, qPrintable(newer.error));
    QCOMPARE(parse(newer.yaml)["field 99"].as<std::string>(), std::string("future"));
}

// Kinds assembled from the field numbers k8s.io/api documents (not from our .proto files), read
// back by name: a wrong number in a definition would show here as "field N" or a wrong key.
void TestKubeValue::handAssembledKindsReadByName()
{
    auto intOrString = [](bool isString, int i, const QByteArray &s) {
        return isString ? varintField(1, 1) + bytesField(3, s) : varintField(1, 0) + varintField(2, quint64(i));
    };
    // Deployment: spec(2){replicas 1, strategy 4{type 1, rollingUpdate 2{maxUnavailable 1, maxSurge 2}}}.
    const QByteArray deployment =
        metadata("web", "shop") +
        bytesField(2, varintField(1, 3) +
                          bytesField(4, bytesField(1, "RollingUpdate") +
                                            bytesField(2, bytesField(1, intOrString(false, 1, {})) +
                                                              bytesField(2, intOrString(true, 0, "25%"))))) +
        bytesField(3, varintField(2, 3)); // status{replicas 2}
    const etcd::k8s::Decoded d = etcd::k8s::decode(envelope("apps/v1", "Deployment", deployment));
    QVERIFY2(d.ok && d.typed, qPrintable(d.error));
    YAML::Node y = parse(d.yaml);
    QCOMPARE(y["spec"]["replicas"].as<int>(), 3);
    QCOMPARE(y["spec"]["strategy"]["type"].as<std::string>(), std::string("RollingUpdate"));
    QCOMPARE(y["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"].as<int>(), 1);
    QCOMPARE(y["spec"]["strategy"]["rollingUpdate"]["maxSurge"].as<std::string>(), std::string("25%"));
    QCOMPARE(y["status"]["replicas"].as<int>(), 3);

    // Service: spec(2){ports 1{name 1, protocol 2, port 3, targetPort 4}, selector 2, clusterIP 3, type 4}.
    const QByteArray service =
        metadata("web", "shop") +
        bytesField(2, bytesField(1, bytesField(1, "http") + bytesField(2, "TCP") + varintField(3, 80) +
                                        bytesField(4, intOrString(false, 8080, {}))) +
                          bytesField(2, entry("app", "web")) + bytesField(3, "10.96.0.7") + bytesField(4, "ClusterIP"));
    const etcd::k8s::Decoded s = etcd::k8s::decode(envelope("v1", "Service", service));
    QVERIFY2(s.ok && s.typed, qPrintable(s.error));
    y = parse(s.yaml);
    QCOMPARE(y["spec"]["ports"][0]["port"].as<int>(), 80);
    QCOMPARE(y["spec"]["ports"][0]["targetPort"].as<int>(), 8080);
    QCOMPARE(y["spec"]["ports"][0]["protocol"].as<std::string>(), std::string("TCP"));
    QCOMPARE(y["spec"]["selector"]["app"].as<std::string>(), std::string("web"));
    QCOMPARE(y["spec"]["clusterIP"].as<std::string>(), std::string("10.96.0.7"));
    QCOMPARE(y["spec"]["type"].as<std::string>(), std::string("ClusterIP"));

    // Lease (coordination.k8s.io): spec(2){holderIdentity 1, leaseDurationSeconds 2, renewTime 4 (MicroTime)}.
    const QByteArray lease = metadata("kube-scheduler", "kube-system") +
                             bytesField(2, bytesField(1, "cp-1_abc") + varintField(2, 15) +
                                               bytesField(4, varintField(1, 1700000000) + varintField(2, 123456000)) +
                                               varintField(5, 2));
    const etcd::k8s::Decoded l = etcd::k8s::decode(envelope("coordination.k8s.io/v1", "Lease", lease));
    QVERIFY2(l.ok && l.typed, qPrintable(l.error));
    y = parse(l.yaml);
    QCOMPARE(y["spec"]["holderIdentity"].as<std::string>(), std::string("cp-1_abc"));
    QCOMPARE(y["spec"]["leaseDurationSeconds"].as<int>(), 15);
    QCOMPARE(y["spec"]["renewTime"].as<std::string>(), std::string("2023-11-14T22:13:20.123456Z"));
    QCOMPARE(y["spec"]["leaseTransitions"].as<int>(), 2);

    // Node: status(3){capacity 1 (map of Quantity{string 1}), addresses 5{type 1, address 2}}.
    const QByteArray node =
        metadata("worker-1", {}) +
        bytesField(3, bytesField(1, entry("cpu", bytesField(1, "3800m"))) +
                          bytesField(1, entry("memory", bytesField(1, "16Gi"))) +
                          bytesField(5, bytesField(1, "InternalIP") + bytesField(2, "10.0.0.11")));
    const etcd::k8s::Decoded n = etcd::k8s::decode(envelope("v1", "Node", node));
    QVERIFY2(n.ok && n.typed, qPrintable(n.error));
    y = parse(n.yaml);
    QCOMPARE(y["status"]["capacity"]["cpu"].as<std::string>(), std::string("3800m"));
    QCOMPARE(y["status"]["capacity"]["memory"].as<std::string>(), std::string("16Gi"));
    QCOMPARE(y["status"]["addresses"][0]["address"].as<std::string>(), std::string("10.0.0.11"));
    QVERIFY(!n.yaml.contains(QLatin1String("field ")));
}

void TestKubeValue::ourProtoFilesGiveTheSameBytes()
{
    namespace meta = ::k8s::io::apimachinery::pkg::apis::meta::v1;
    namespace runtime = ::k8s::io::apimachinery::pkg::runtime;
    meta::ObjectMeta m;
    m.set_name("settings");
    m.set_namespace_("prod");
    m.set_uid("6f1c-uid");
    m.set_resourceversion("4242");
    m.mutable_creationtimestamp()->set_seconds(1700000000);
    // Maps serialize in no fixed order, so one label here.
    (*m.mutable_labels())["app"] = "shop";
    const QByteArray handMeta = bytesField(1, "settings") + bytesField(3, "prod") + bytesField(5, "6f1c-uid") +
                                bytesField(6, "4242") + bytesField(8, varintField(1, 1700000000)) +
                                bytesField(11, entry("app", "shop"));
    QCOMPARE(QByteArray::fromStdString(m.SerializeAsString()), handMeta);

    runtime::Unknown u;
    u.mutable_typemeta()->set_apiversion("v1");
    u.mutable_typemeta()->set_kind("ConfigMap");
    u.set_raw(bytesField(1, handMeta).toStdString());
    QCOMPARE(QByteArray("k8s\0", 4) + QByteArray::fromStdString(u.SerializeAsString()),
             envelope("v1", "ConfigMap", bytesField(1, handMeta)));
    const etcd::k8s::Decoded d = etcd::k8s::decode(envelope("v1", "ConfigMap", bytesField(1, handMeta)));
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.name, QStringLiteral("settings"));
}

void TestKubeValue::secretDataIsMaskedUntilRevealed()
{
    const QByteArray metadata = bytesField(1, "db-credentials") + bytesField(3, "prod");
    const QByteArray object = bytesField(1, metadata) + bytesField(2, entry("password", "hunter2")) +
                              bytesField(2, entry("user", "shop")) + bytesField(3, "Opaque");
    const QByteArray value = envelope("v1", "Secret", object);
    const etcd::k8s::Decoded masked = etcd::k8s::decode(value);
    QVERIFY2(masked.ok, qPrintable(masked.error));
    QVERIFY(masked.secretMasked);
    QVERIFY(!masked.yaml.contains(QLatin1String("hunter2")));
    QVERIFY(!masked.yaml.contains(QLatin1String("aHVudGVyMg==")));
    const YAML::Node y = parse(masked.yaml);
    QCOMPARE(y["data"]["password"].as<std::string>(), std::string("<hidden: 7 bytes>"));
    QCOMPARE(y["type"].as<std::string>(), std::string("Opaque"));

    etcd::k8s::DecodeOptions reveal;
    reveal.revealSecrets = true;
    const etcd::k8s::Decoded shown = etcd::k8s::decode(value, reveal);
    QVERIFY(!shown.secretMasked);
    QCOMPARE(parse(shown.yaml)["data"]["password"].as<std::string>(),
             std::string("aHVudGVyMg==")); // base64, as kubectl
}

void TestKubeValue::encryptionAtRestIsNamed()
{
    const QByteArray value = QByteArray("k8s:enc:aescbc:v1:key1:") + QByteArray(245, '\x9c');
    QCOMPARE(etcd::k8s::storageOf(value), etcd::k8s::Storage::Encrypted);
    etcd::k8s::Encryption e;
    QVERIFY(etcd::k8s::parseEncryption(value, &e));
    QCOMPARE(e.describe(), QStringLiteral("encrypted at rest (aescbc, key key1), 245 bytes"));
    const etcd::k8s::Decoded d = etcd::k8s::decode(value);
    QVERIFY(!d.ok);
    QCOMPARE(d.error, QStringLiteral("cannot decode: encrypted at rest (aescbc, key key1), 245 bytes"));
    QVERIFY(etcd::k8s::parseEncryption(QByteArray("k8s:enc:kms:v2:vault-prod:") + QByteArray(64, 'x'), &e));
    QCOMPARE(e.describe(), QStringLiteral("encrypted at rest (kms v2, key vault-prod), 64 bytes"));
    QVERIFY(!etcd::k8s::parseEncryption("k8s:enc:broken", &e));
}

void TestKubeValue::damagedValuesSayWhy_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("expected");
    const QByteArray good = envelope("v1", "ConfigMap", configMapObject());
    QTest::newRow("not kubernetes") << QByteArray("{\"a\":1}") << "not a Kubernetes protobuf value";
    QTest::newRow("magic only") << QByteArray("k8s\0", 4) << "names no kind";
    QTest::newRow("truncated envelope") << good.left(good.size() - 7) << "not a valid runtime.Unknown";
    QTest::newRow("garbage after the magic")
        << QByteArray("k8s\0\xff\xff\xff\xff\xff\xff", 10) << "not a valid runtime.Unknown";
    QTest::newRow("length beyond the end") << QByteArray("k8s\0", 4) + varint(1 << 3 | 2) + varint(1000) + "v1"
                                           << "not a valid runtime.Unknown";
    QTest::newRow("damaged metadata") << envelope("v1", "Pod", bytesField(1, QByteArray("\x0a\x50short", 7)))
                                      << "metadata (field 1) is damaged";
    QTest::newRow("damaged object") << envelope("v1", "Pod",
                                                QByteArray("\x0a\x05"
                                                           "ab",
                                                           4))
                                    << "inside the envelope is damaged";
}

void TestKubeValue::damagedValuesSayWhy()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, expected);
    const etcd::k8s::Decoded d = etcd::k8s::decode(value);
    QVERIFY(!d.ok);
    QVERIFY2(d.error.startsWith(QLatin1String("cannot decode: ")) && d.error.contains(expected), qPrintable(d.error));
}

void TestKubeValue::deepNestingIsBounded()
{
    // 2 000 messages inside each other: shown down to the depth limit, the rest as bytes.
    QByteArray nested = bytesField(1, "core");
    for (int i = 0; i < 2000; ++i)
        nested = bytesField(1, nested);
    const etcd::k8s::Decoded d = etcd::k8s::decode(
        envelope("example.com/v1", "Matryoshka", bytesField(1, bytesField(1, "doll")) + bytesField(2, nested)));
    QVERIFY2(d.ok, qPrintable(d.error));
    QVERIFY(d.yaml.size() < 200000);
}

void TestKubeValue::hundredThousandMutations()
{
    const QList<QByteArray> fixtures{
        envelope("v1", "ConfigMap", configMapObject()),
        envelope("v1", "Secret", bytesField(1, bytesField(1, "s")) + bytesField(2, entry("k", "v"))),
        envelope("apps/v1", "Deployment", configMapObject() + bytesField(3, bytesField(1, varintField(1, 3)))),
    };
    QRandomGenerator random(20261203);
    int decoded = 0;
    for (int i = 0; i < 100000; ++i) {
        const QByteArray v = mutate(fixtures[i % fixtures.size()], random);
        const etcd::k8s::Decoded d = etcd::k8s::decode(v);
        if (d.ok) {
            ++decoded;
            QVERIFY(!d.yaml.isEmpty());
        } else {
            QVERIFY(d.error.startsWith(QLatin1String("cannot decode: ")));
        }
    }
    QVERIFY(decoded > 0); // mutations that keep the structure still decode
}

QTEST_GUILESS_MAIN(TestKubeValue)
#include "tst_kubevalue.moc"
