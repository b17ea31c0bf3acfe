// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Schemas stored in etcd (state/schemas/schemacatalog.h) against real etcd, written with etcdctl
// as an administrator would: the glob convention, the most specific schema winning, schemas that
// cannot be used reported (never silently ignored), changes followed by the watch, nothing read
// before the first check, and a user who may not read the schemas.

#include "sandbox/demoseeder.h"
#include "state/schemas/schemacatalog.h"
#include "support/permissionusers.h"
#include "support/testsupport.h"

#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using Kind = SchemaVerdict::Kind;

namespace {
const char *const kCheckoutSchema =
    "{\"x-etcd-console-keys\": [\"/config/checkout/*.json\"], \"type\": \"object\", \"required\": [\"currency\"], "
    "\"properties\": {\"currency\": {\"enum\": [\"EUR\", \"USD\"]}, \"retries\": {\"maximum\": 10}}}";
const char *const kRelaxedCheckoutSchema =
    "{\"x-etcd-console-keys\": [\"/config/checkout/*.json\"], \"properties\": {\"retries\": {\"maximum\": 20}}}";
} // namespace

class TestSchemaCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void globs();
    void mostSpecificSchemaWins();
    void invalidValuesSayWhereAndWhy();
    void schemasThatCannotBeUsedAreReported();
    void changesAreFollowed();
    void nothingIsReadBeforeTheFirstCheck();
    void anotherPrefixOrNone();
    void schemasThatCannotBeReadDoNotBlock();
    void theSandboxSchemasAcceptTheDemoConfiguration();

private:
    bool put(const QString &key, const QString &value);
    bool put(const QString &key, const char *value) { return put(key, QString::fromUtf8(value)); }
    SchemaVerdict check(SchemaCatalog &catalog, const QByteArray &key, const QByteArray &value);

    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
};

void TestSchemaCatalog::initTestCase()
{
    START_CLUSTER(cluster, 1, true);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
    QVERIFY(put("/schemas/checkout.json", kCheckoutSchema));
    QVERIFY(
        put("/schemas/settings.json", "{\"x-etcd-console-keys\": \"/config/*/settings.json\", \"type\": \"object\"}"));
    QVERIFY(put("/schemas/everything.json",
                "{\"x-etcd-console-keys\": [\"/config/**\"], \"type\": [\"object\", \"array\"]}"));
}

bool TestSchemaCatalog::put(const QString &key, const QString &value)
{
    const EtcdctlResult r = etcdctlFor(*m_cluster).run({QStringLiteral("put"), key, value});
    if (!r.ok())
        qWarning("etcdctl put %s: %s", qPrintable(key), r.describe().constData());
    return r.ok();
}

SchemaVerdict TestSchemaCatalog::check(SchemaCatalog &catalog, const QByteArray &key, const QByteArray &value)
{
    return resultOf(catalog.check(key, value));
}

void TestSchemaCatalog::globs()
{
    const KeyGlob one(QStringLiteral("/config/checkout/*.json"));
    QVERIFY(one.matches(QByteArray("/config/checkout/settings.json")));
    QVERIFY(!one.matches(QByteArray("/config/checkout/eu/settings.json"))); // * stays in its segment
    QVERIFY(!one.matches(QByteArray("/config/checkout/settings.yaml")));
    QVERIFY(!one.matches(QByteArray("x/config/checkout/a.json"))); // anchored
    const KeyGlob deep(QStringLiteral("/config/**.json"));
    QVERIFY(deep.matches(QByteArray("/config/checkout/eu/settings.json")));
    const KeyGlob anyDepth(QStringLiteral("/config/**/settings.json"));
    QVERIFY(anyDepth.matches(QByteArray("/config/settings.json"))); // **/ is also no folder at all
    QVERIFY(anyDepth.matches(QByteArray("/config/a/b/settings.json")));
    const KeyGlob single(QStringLiteral("/node-?"));
    QVERIFY(single.matches(QByteArray("/node-7")));
    QVERIFY(!single.matches(QByteArray("/node-17")));
    QVERIFY(!single.matches(QByteArray("/node-/")));
    QVERIFY(KeyGlob(QStringLiteral("/a+b/(c)")).matches(QByteArray("/a+b/(c)"))); // regex characters are literal
    QVERIFY(KeyGlob(QStringLiteral("/caf\u00e9/*")).matches(QByteArray("/caf\xc3\xa9/x")));
    QVERIFY(!KeyGlob().matches(QByteArray("")));
    // Specificity: the longer literal prefix, then more literal characters, then fewer wildcards.
    QVERIFY(one.moreSpecificThan(KeyGlob(QStringLiteral("/config/*/settings.json"))));
    QVERIFY(KeyGlob(QStringLiteral("/config/*/settings.json")).moreSpecificThan(KeyGlob(QStringLiteral("/config/**"))));
    QVERIFY(!KeyGlob(QStringLiteral("/config/**")).moreSpecificThan(KeyGlob(QStringLiteral("/config/**"))));
}

void TestSchemaCatalog::mostSpecificSchemaWins()
{
    SchemaCatalog catalog(m_client.get());
    const SchemaVerdict checkout = check(catalog, "/config/checkout/settings.json", "{\"currency\":\"EUR\"}");
    QCOMPARE(checkout.kind, Kind::Valid);
    QCOMPARE(checkout.schemaKey, QByteArray("/schemas/checkout.json"));
    QCOMPARE(checkout.glob, QStringLiteral("/config/checkout/*.json"));
    QCOMPARE(checkout.alsoMatching, (QVector<QByteArray>{"/schemas/everything.json", "/schemas/settings.json"}));
    QVERIFY(checkout.schemaRevision > 0);
    const SchemaVerdict payments = check(catalog, "/config/payments/settings.json", "{}");
    QCOMPARE(payments.kind, Kind::Valid);
    QCOMPARE(payments.schemaKey, QByteArray("/schemas/settings.json"));
    const SchemaVerdict deep = check(catalog, "/config/a/b/c", "\"text\"");
    QCOMPARE(deep.kind, Kind::Invalid);
    QCOMPARE(deep.schemaKey, QByteArray("/schemas/everything.json"));
    QCOMPARE(check(catalog, "/elsewhere/x.json", "not even JSON").kind, Kind::NoSchema);
    QCOMPARE(catalog.state(), SchemaCatalog::State::Loaded);
}

void TestSchemaCatalog::invalidValuesSayWhereAndWhy()
{
    SchemaCatalog catalog(m_client.get());
    const SchemaVerdict v = check(catalog, "/config/checkout/settings.json", "{\"currency\":\"CHF\",\"retries\":12}");
    QCOMPARE(v.kind, Kind::Invalid);
    QCOMPARE(v.validation.errors.size(), 2);
    QCOMPARE(v.validation.errors.at(0).describe(),
             QStringLiteral("currency: is \"CHF\", must be one of \"EUR\", \"USD\""));
    QCOMPARE(v.validation.errors.at(1).describe(), QStringLiteral("retries: is 12, more than the maximum 10"));
    const SchemaVerdict notJson = check(catalog, "/config/checkout/settings.json", "{oops");
    QCOMPARE(notJson.kind, Kind::Invalid);
    QCOMPARE(notJson.validation.errors.constFirst().keyword, QStringLiteral("json"));
}

void TestSchemaCatalog::schemasThatCannotBeUsedAreReported()
{
    // Not JSON, but the keys it is meant for can still be read: saves of those keys say so.
    QVERIFY(put("/schemas/broken.json", "{\"x-etcd-console-keys\": [\"/broken/*\"], \"type\": \"object\",}"));
    QVERIFY(put("/schemas/badpattern.json", "{\"x-etcd-console-keys\": [\"/pattern/*\"], \"pattern\": \"[a-\"}"));
    QVERIFY(put("/schemas/nokeys.json", "{\"type\": \"object\"}"));
    QVERIFY(put("/schemas/garbage", "\x01\x02 not a schema"));
    SchemaCatalog catalog(m_client.get());
    const SchemaVerdict broken = check(catalog, "/broken/a", "{}");
    QCOMPARE(broken.kind, Kind::Unusable);
    QCOMPARE(broken.schemaKey, QByteArray("/schemas/broken.json"));
    QVERIFY2(broken.problem.startsWith(QLatin1String("not JSON: ")), qPrintable(broken.problem));
    const SchemaVerdict pattern = check(catalog, "/pattern/a", "\"x\"");
    QCOMPARE(pattern.kind, Kind::Unusable);
    QVERIFY2(pattern.problem.contains(QLatin1String("is not a valid regular expression")), qPrintable(pattern.problem));
    // Schemas whose keys are unknown are named with every key no schema covers.
    const SchemaVerdict none = check(catalog, "/nothing/here", "{}");
    QCOMPARE(none.kind, Kind::NoSchema);
    QCOMPARE(none.broken, (QVector<QByteArray>{"/schemas/garbage", "/schemas/nokeys.json"}));
    QVERIFY(catalog.entries().at("/schemas/nokeys.json").problem.startsWith(QLatin1String("names no keys")));
    for (const char *key :
         {"/schemas/broken.json", "/schemas/badpattern.json", "/schemas/nokeys.json", "/schemas/garbage"})
        QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("del"), QLatin1String(key)}).ok());
}

void TestSchemaCatalog::changesAreFollowed()
{
    SchemaCatalog catalog(m_client.get());
    QCOMPARE(check(catalog, "/config/checkout/a.json", "{\"currency\":\"EUR\",\"retries\":12}").kind, Kind::Invalid);
    QSignalSpy changed(&catalog, &SchemaCatalog::changed);
    QVERIFY(put("/schemas/checkout.json", kRelaxedCheckoutSchema));
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, 10000);
    QCOMPARE(check(catalog, "/config/checkout/a.json", "{\"currency\":\"EUR\",\"retries\":12}").kind, Kind::Valid);
    // Removed: the next most specific one applies.
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("del"), QStringLiteral("/schemas/checkout.json")}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 2, 10000);
    QCOMPARE(check(catalog, "/config/checkout/settings.json", "{}").schemaKey, QByteArray("/schemas/settings.json"));
    QVERIFY(put("/schemas/checkout.json", kCheckoutSchema));
    QTRY_COMPARE_WITH_TIMEOUT(check(catalog, "/config/checkout/settings.json", "{}").kind, Kind::Invalid, 10000);
}

void TestSchemaCatalog::nothingIsReadBeforeTheFirstCheck()
{
    SchemaCatalog catalog(m_client.get());
    QSignalSpy loaded(&catalog, &SchemaCatalog::loaded);
    spin(300);
    QCOMPARE(catalog.state(), SchemaCatalog::State::Idle);
    QCOMPARE(loaded.count(), 0);
    QVERIFY(catalog.entries().empty());
    // Checks that come while the listing is on its way wait for it, in order.
    QFuture<SchemaVerdict> first = catalog.check("/config/checkout/x.json", "{}");
    QFuture<SchemaVerdict> second = catalog.check("/config/checkout/x.json", "{\"currency\":\"EUR\"}");
    QCOMPARE(catalog.state(), SchemaCatalog::State::Loading);
    QCOMPARE(resultOf(first).kind, Kind::Invalid);
    QCOMPARE(resultOf(second).kind, Kind::Valid);
    QCOMPARE(loaded.count(), 1);
}

void TestSchemaCatalog::anotherPrefixOrNone()
{
    QVERIFY(
        put("/team-a/schemas/s.json", "{\"x-etcd-console-keys\": \"/config/checkout/*.json\", \"maxProperties\": 0}"));
    SchemaCatalog catalog(m_client.get(), "/team-a/schemas/");
    const SchemaVerdict v = check(catalog, "/config/checkout/settings.json", "{\"a\":1}");
    QCOMPARE(v.kind, Kind::Invalid);
    QCOMPARE(v.schemaKey, QByteArray("/team-a/schemas/s.json"));
    QCOMPARE(v.prefix, QByteArray("/team-a/schemas/"));
    catalog.setPrefix("/schemas/");
    QCOMPARE(catalog.state(), SchemaCatalog::State::Idle);
    QCOMPARE(check(catalog, "/config/checkout/settings.json", "{\"currency\":\"USD\"}").schemaKey,
             QByteArray("/schemas/checkout.json"));
    catalog.setPrefix(QByteArray());
    QCOMPARE(check(catalog, "/config/checkout/settings.json", "nonsense").kind, Kind::Off);
}

void TestSchemaCatalog::schemasThatCannotBeReadDoNotBlock()
{
    // bob may read /app/ only: the schemas are refused to him, and every check says so.
    START_CLUSTER(cluster, 1, true);
    QString why;
    QVERIFY(etcdctlFor(*cluster)
                .run({QStringLiteral("put"), QStringLiteral("/schemas/app.json"),
                      QStringLiteral("{\"x-etcd-console-keys\": \"/app/*\"}")})
                .ok());
    QVERIFY2(permissions::setUp(*cluster, &why), qPrintable(why));
    EtcdClient bob(permissions::optionsAs(*cluster, QStringLiteral("bob")));
    SchemaCatalog catalog(&bob);
    QSignalSpy failed(&catalog, &SchemaCatalog::failed);
    const SchemaVerdict v = check(catalog, "/app/x", "{}");
    QCOMPARE(v.kind, Kind::Unavailable);
    QVERIFY2(v.problem.startsWith(QLatin1String("the schemas under /schemas/ could not be read: ")),
             qPrintable(v.problem));
    QVERIFY2(v.problem.contains(QLatin1String("permission denied")), qPrintable(v.problem));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(catalog.state(), SchemaCatalog::State::Failed);
    // The next check tries again (permissions may have been granted meanwhile).
    QCOMPARE(check(catalog, "/app/x", "{}").kind, Kind::Unavailable);
    QCOMPARE(failed.count(), 2);
}

void TestSchemaCatalog::theSandboxSchemasAcceptTheDemoConfiguration()
{
    // The demo schemas, under a prefix of their own here, against every demo value they name.
    const auto demo = DemoSeeder::plainKeys();
    int schemas = 0;
    for (const auto &[key, value] : demo) {
        if (!key.startsWith("/schemas/"))
            continue;
        QVERIFY_OK(resultOf(m_client->kv().put("/demo" + key, value)));
        ++schemas;
    }
    QCOMPARE(schemas, 2);
    SchemaCatalog catalog(m_client.get(), "/demo/schemas/");
    int valid = 0;
    for (const auto &[key, value] : demo) {
        const SchemaVerdict v = check(catalog, key, value);
        QVERIFY2(v.kind == Kind::Valid || v.kind == Kind::NoSchema,
                 qPrintable(QStringLiteral("%1 against %2: %3")
                                .arg(QString::fromUtf8(key), QString::fromUtf8(v.schemaKey),
                                     v.validation.valid() ? v.problem : v.validation.errors.constFirst().describe())));
        QVERIFY2(v.unchecked.isEmpty(), qPrintable(v.unchecked.join(QLatin1Char(','))));
        valid += v.kind == Kind::Valid ? 1 : 0;
        if (key == "/config/checkout/settings.json")
            QCOMPARE(v.schemaKey, QByteArray("/demo/schemas/checkout.json"));
    }
    QCOMPARE(valid, 3 + 5); // checkout's three revisions, five services
}

QTEST_GUILESS_MAIN(TestSchemaCatalog)
#include "tst_schemacatalog.moc"
