// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Every kind with a definition in core/proto/k8s round-trips its main fields: each block of
// tests/core/k8s/*.fixtures is an object in protobuf text format, encoded with our definitions,
// wrapped in the envelope kube-apiserver writes, decoded, and checked against what kubectl shows
// (JSON names, RFC 3339 times, IntOrString and Quantity strings, base64 bytes, inline fields).
// The kinds the console promises to read must all be covered. Also: 100 000 random mutations of
// these encoded fixtures decode or say "cannot decode: ...", never crash. Pure decoding: no etcd.

#include "k8s/kubetypes.h"
#include "k8s/kubevalue.h"
#include "support/kubefixtures.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QtTest>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/text_format.h>
#include <yaml-cpp/yaml.h>

#include <memory>

namespace pb = google::protobuf;

namespace {

struct Fixture
{
    QString file;
    int line = 0;
    QString apiVersion;
    QString kind;
    QString message;
    QByteArray text;
    QVector<QPair<QString, QString>> expect;
    QString where() const { return QStringLiteral("%1:%2 (%3 %4)").arg(file).arg(line).arg(apiVersion, kind); }
};

QVector<Fixture> loadFixtures()
{
    QVector<Fixture> all;
    const QDir dir(QStringLiteral(KUBE_FIXTURES_DIR));
    for (const QString &name : dir.entryList({QStringLiteral("*.fixtures")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        Fixture *current = nullptr;
        bool inExpect = false;
        int lineNo = 0;
        for (const QByteArray &raw : f.readAll().split('\n')) {
            ++lineNo;
            const QString line = QString::fromUtf8(raw);
            if (line.startsWith(QLatin1String("=== "))) {
                const QStringList parts = line.mid(4).split(QLatin1Char(' '), Qt::SkipEmptyParts);
                all.append(Fixture{});
                current = &all.last();
                current->file = name;
                current->line = lineNo;
                current->apiVersion = parts.value(0);
                current->kind = parts.value(1);
                current->message = parts.value(2);
                inExpect = false;
                continue;
            }
            if (!current)
                continue;
            if (line.startsWith(QLatin1String("--- expect"))) {
                inExpect = true;
                continue;
            }
            if (!inExpect) {
                if (!line.trimmed().startsWith(QLatin1Char('#')))
                    current->text += raw + '\n';
                continue;
            }
            if (line.trimmed().isEmpty() || line.trimmed().startsWith(QLatin1Char('#')))
                continue;
            const qsizetype eq = line.indexOf(QLatin1String(" = "));
            if (eq > 0)
                current->expect.append({line.left(eq).trimmed(), line.mid(eq + 3)});
        }
    }
    return all;
}

// `spec.template.spec.containers[0].ports[0]`, `metadata.annotations["a.b/c"]`.
bool walk(YAML::Node node, const QString &path, YAML::Node *out, QString *why)
{
    static const QRegularExpression token(QStringLiteral(R"re(\["([^"]*)"\]|\[(\d+)\]|\.?([^.\[]+))re"));
    auto it = token.globalMatch(path);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (!m.captured(2).isEmpty()) {
            const auto i = m.captured(2).toULong();
            if (!node.IsSequence() || i >= node.size()) {
                *why = QStringLiteral("no element [%1]").arg(i);
                return false;
            }
            node.reset(node[i]);
            continue;
        }
        const std::string key = (m.capturedStart(1) >= 0 ? m.captured(1) : m.captured(3)).toStdString();
        if (!node.IsMap() || !node[key]) {
            *why = QStringLiteral("no key \"%1\"").arg(QString::fromStdString(key));
            return false;
        }
        node.reset(node[key]);
    }
    *out = node;
    return true;
}

QByteArray encode(const Fixture &fx, QString *error)
{
    const pb::Descriptor *type = pb::DescriptorPool::generated_pool()->FindMessageTypeByName(fx.message.toStdString());
    if (!type) {
        *error = QStringLiteral("no message %1 in our definitions").arg(fx.message);
        return {};
    }
    std::unique_ptr<pb::Message> m(pb::MessageFactory::generated_factory()->GetPrototype(type)->New());
    if (!pb::TextFormat::ParseFromString(fx.text.toStdString(), m.get())) {
        *error = QStringLiteral("the text format does not parse as %1").arg(fx.message);
        return {};
    }
    return etcd::test::kube::envelope(fx.apiVersion.toUtf8(), fx.kind.toUtf8(),
                                      QByteArray::fromStdString(m->SerializeAsString()));
}

} // namespace

class TestKubeKinds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyPromisedKindIsDefinedAndCovered();
    void fixturesRoundTrip();
    void inlineFieldsShowInTheirParent();
    void hundredThousandMutationsOfEveryKind();

private:
    QVector<Fixture> m_fixtures;
};

void TestKubeKinds::initTestCase()
{
    m_fixtures = loadFixtures();
    QVERIFY2(m_fixtures.size() >= 40, qPrintable(QString::number(m_fixtures.size())));
}

void TestKubeKinds::everyPromisedKindIsDefinedAndCovered()
{
    // The kinds the console promises to read (issue 13), as kube-apiserver stores them.
    const QStringList promised{"v1 Pod",
                               "v1 Service",
                               "v1 Endpoints",
                               "discovery.k8s.io/v1 EndpointSlice",
                               "v1 ConfigMap",
                               "v1 Secret",
                               "v1 Namespace",
                               "v1 Node",
                               "v1 ServiceAccount",
                               "apps/v1 Deployment",
                               "apps/v1 ReplicaSet",
                               "apps/v1 StatefulSet",
                               "apps/v1 DaemonSet",
                               "batch/v1 Job",
                               "batch/v1 CronJob",
                               "coordination.k8s.io/v1 Lease",
                               "v1 Event",
                               "events.k8s.io/v1 Event",
                               "v1 PersistentVolume",
                               "v1 PersistentVolumeClaim",
                               "storage.k8s.io/v1 StorageClass",
                               "rbac.authorization.k8s.io/v1 Role",
                               "rbac.authorization.k8s.io/v1 RoleBinding",
                               "rbac.authorization.k8s.io/v1 ClusterRole",
                               "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
                               "networking.k8s.io/v1 Ingress",
                               "networking.k8s.io/v1 NetworkPolicy",
                               "autoscaling/v2 HorizontalPodAutoscaler",
                               "scheduling.k8s.io/v1 PriorityClass",
                               "apiextensions.k8s.io/v1 CustomResourceDefinition",
                               "apiregistration.k8s.io/v1 APIService",
                               "admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration",
                               "admissionregistration.k8s.io/v1 MutatingWebhookConfiguration"};
    QSet<QString> covered;
    for (const Fixture &fx : m_fixtures)
        covered.insert(fx.apiVersion + QLatin1Char(' ') + fx.kind);
    const QStringList known = etcd::k8s::knownKinds();
    for (const QString &kind : promised) {
        QVERIFY2(known.contains(kind), qPrintable(kind + " has no definition"));
        QVERIFY2(covered.contains(kind), qPrintable(kind + " has no fixture"));
    }
    // And every defined kind has a fixture.
    for (const QString &kind : known)
        QVERIFY2(covered.contains(kind), qPrintable(kind + " is defined but has no fixture"));
}

void TestKubeKinds::fixturesRoundTrip()
{
    int checked = 0;
    QHash<QString, int> perKind, fieldsOf;
    for (const Fixture &fx : m_fixtures) {
        QString error;
        const QByteArray value = encode(fx, &error);
        QVERIFY2(error.isEmpty(), qPrintable(fx.where() + ": " + error));
        etcd::k8s::DecodeOptions reveal;
        reveal.revealSecrets = true;
        const etcd::k8s::Decoded d = etcd::k8s::decode(value, reveal);
        QVERIFY2(d.ok, qPrintable(fx.where() + ": " + d.error));
        // The events.k8s.io Event is never stored as itself (kube-apiserver stores every event as
        // a core v1 Event), yet it decodes by its own definition when met.
        QVERIFY2(d.typed, qPrintable(fx.where() + ": decoded without its definition"));
        QVERIFY2(!d.yaml.contains(QLatin1String("field ")), qPrintable(fx.where() + ": fields by number\n" + d.yaml));
        const YAML::Node doc = YAML::Load(d.yaml.toStdString());
        QCOMPARE(QString::fromStdString(doc["kind"].as<std::string>()), fx.kind);
        perKind[fx.apiVersion + QLatin1Char(' ') + fx.kind] += int(fx.expect.size());
        fieldsOf[fx.apiVersion + QLatin1Char(' ') + fx.kind] =
            pb::DescriptorPool::generated_pool()->FindMessageTypeByName(fx.message.toStdString())->field_count();
        for (const auto &[path, expected] : fx.expect) {
            YAML::Node node;
            QString why;
            QVERIFY2(walk(doc, path, &node, &why), qPrintable(fx.where() + ": " + path + ": " + why + "\n" + d.yaml));
            QVERIFY2(node.IsScalar(), qPrintable(fx.where() + ": " + path + " is not a scalar\n" + d.yaml));
            QVERIFY2(QString::fromStdString(node.Scalar()) == expected,
                     qPrintable(QStringLiteral("%1: %2 is \"%3\", expected \"%4\"")
                                    .arg(fx.where(), path, QString::fromStdString(node.Scalar()), expected)));
            ++checked;
        }
    }
    // Main fields: at least 8 checks per kind, fewer only for kinds with few fields at all.
    for (auto it = perKind.cbegin(); it != perKind.cend(); ++it)
        QVERIFY2(it.value() >= (fieldsOf.value(it.key()) <= 3 ? 3 : 8),
                 qPrintable(it.key() + ": too few expectations"));
    qInfo("%lld fixtures, %d expectations", static_cast<long long>(m_fixtures.size()), checked);
}

void TestKubeKinds::inlineFieldsShowInTheirParent()
{
    // A Pod volume: Go embeds VolumeSource inline, so `configMap` sits beside `name` (kubectl).
    Fixture fx;
    fx.apiVersion = QStringLiteral("v1");
    fx.kind = QStringLiteral("Pod");
    fx.message = QStringLiteral("k8s.io.api.core.v1.Pod");
    fx.text = "metadata { name: \"p\" } spec { volumes { name: \"cfg\" volumeSource { configMap { "
              "localObjectReference { name: \"settings\" } defaultMode: 420 } } } }";
    QString error;
    const etcd::k8s::Decoded d = etcd::k8s::decode(encode(fx, &error));
    QVERIFY2(d.ok, qPrintable(error + d.error));
    const YAML::Node volume = YAML::Load(d.yaml.toStdString())["spec"]["volumes"][0];
    QCOMPARE(volume["configMap"]["name"].as<std::string>(), std::string("settings"));
    QCOMPARE(volume["configMap"]["defaultMode"].as<int>(), 420);
    QVERIFY(!volume["volumeSource"]);
}

void TestKubeKinds::hundredThousandMutationsOfEveryKind()
{
    QList<QByteArray> values;
    for (const Fixture &fx : m_fixtures) {
        QString error;
        values << encode(fx, &error);
    }
    QRandomGenerator random(20261203);
    int decoded = 0;
    for (int i = 0; i < 100000; ++i) {
        const QByteArray v = etcd::test::kube::mutate(values[i % values.size()], random);
        const etcd::k8s::Decoded d = etcd::k8s::decode(v);
        if (d.ok)
            ++decoded;
        else
            QVERIFY2(d.error.startsWith(QLatin1String("cannot decode: ")), qPrintable(d.error));
        const etcd::k8s::ObjectInfo info = etcd::k8s::readObjectInfo(v); // the scan's path, too
        Q_UNUSED(info)
    }
    QVERIFY(decoded > 0);
}

QTEST_GUILESS_MAIN(TestKubeKinds)
#include "tst_kubekinds.moc"
