// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The JSON Schema validator (format/jsonschema.h): each keyword with the words and paths a person
// reads, schemas that cannot be used, and the official JSON Schema Test Suite (Debian's
// json-schema-test-suite: draft 7, the newest draft it has) run case by case. A case whose
// schema uses a keyword this validator does not check is counted and listed with that keyword,
// never dropped silently; a missing suite is a failure, not a skip.

#include "format/jsonpath.h"
#include "format/jsonschema.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QtTest>

using namespace etcd;

namespace {

SchemaValidation check(const char *schema, const char *value)
{
    const JsonSchema s = JsonSchema::parse(schema);
    if (!s.isValid())
        qWarning("schema did not compile: %s", qPrintable(s.error()));
    return s.validate(QByteArray(value));
}

// "path|keyword|message" per error, for comparing whole reports at once.
QStringList report(const SchemaValidation &v)
{
    QStringList out;
    for (const SchemaError &e : v.errors)
        out << e.instancePath + QLatin1Char('|') + e.keyword + QLatin1Char('|') + e.message;
    return out;
}

} // namespace

class TestJsonSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void types();
    void numbers();
    void stringsCountCodePointsAndSearchPatterns();
    void enumAndConstCompareDeeply();
    void objects();
    void arrays();
    void pathsAreWrittenLikeTheStructuralDiff();
    void booleanSchemas();
    void unknownKeywordsAreListedAnnotationsAreNot();
    void unusableSchemasSayWhy();
    void valuesThatAreNotJson();
    void errorsAreCapped();
    void pathOffsetsInText();
    void officialTestSuite();
};

void TestJsonSchema::types()
{
    QVERIFY(check(R"({"type":"integer"})", "1.0").valid());
    QCOMPARE(report(check(R"({"type":"integer"})", "1.5")), QStringList{"|type|is the number 1.5, must be an integer"});
    QCOMPARE(report(check(R"({"type":["string","null"]})", "8443")),
             QStringList{"|type|is the number 8443, must be null or a string"});
    QVERIFY(check(R"({"type":["string","null"]})", "null").valid());
    QCOMPARE(report(check(R"({"properties":{"port":{"type":"integer"}}})", R"({"port":"8443"})")),
             QStringList{R"(port|type|is the string "8443", must be an integer)"});
    QCOMPARE(report(check(R"({"type":"boolean"})", "{}")), QStringList{"|type|is an object, must be true or false"});
    QVERIFY(check(R"({"type":"number"})", "3").valid());
}

void TestJsonSchema::numbers()
{
    const char *port = R"({"minimum":1,"maximum":65535})";
    QCOMPARE(report(check(port, "70000")), QStringList{"|maximum|is 70000, more than the maximum 65535"});
    QCOMPARE(report(check(port, "0")), QStringList{"|minimum|is 0, less than the minimum 1"});
    QVERIFY(check(port, "65535").valid());
    QCOMPARE(report(check(R"({"exclusiveMaximum":10})", "10")),
             QStringList{"|exclusiveMaximum|is 10, must be less than 10"});
    QCOMPARE(report(check(R"({"exclusiveMinimum":0.5})", "0.5")),
             QStringList{"|exclusiveMinimum|is 0.5, must be more than 0.5"});
    QVERIFY(check(R"({"exclusiveMinimum":0.5})", "0.51").valid());
    // Draft 4's boolean form modifies minimum / maximum.
    QVERIFY(!check(R"({"maximum":10,"exclusiveMaximum":true})", "10").valid());
    QVERIFY(check(R"({"multipleOf":0.0001})", "0.0075").valid()); // not fooled by rounding
    QCOMPARE(report(check(R"({"multipleOf":5})", "7")), QStringList{"|multipleOf|is 7, not a multiple of 5"});
    QVERIFY(check(R"({"minimum":1})", R"("text")").valid()); // numeric keywords ignore other types
}

void TestJsonSchema::stringsCountCodePointsAndSearchPatterns()
{
    QVERIFY(
        check(R"({"maxLength":2})", "\"\xF0\x9F\x92\xA9\xF0\x9F\x92\xA9\"").valid()); // two emoji, four UTF-16 units
    QCOMPARE(report(check(R"({"minLength":3})", R"("ab")")),
             QStringList{"|minLength|is 2 characters long, shorter than the minimum 3"});
    QCOMPARE(report(check(R"({"maxLength":1})", R"("ab")")),
             QStringList{"|maxLength|is 2 characters long, longer than the maximum 1"});
    // Searched, not anchored; anchors are the schema author's to write.
    QVERIFY(check(R"({"pattern":"b+"})", R"("abbbc")").valid());
    QCOMPARE(report(check(R"({"pattern":"^[0-9]+$"})", R"("12a")")),
             QStringList{R"(|pattern|"12a" does not match the pattern ^[0-9]+$)"});
    QVERIFY(check(R"({"pattern":"^\\p{Lu}"})", "\"\xC3\x89t\xC3\xA9\"").valid()); // Unicode property of "É"
    QVERIFY(!check(R"({"pattern":"^\\d$"})", "\"\xD9\xA3\"").valid());            // \d is ASCII, as in ECMA-262
}

void TestJsonSchema::enumAndConstCompareDeeply()
{
    QVERIFY(check(R"({"enum":[1,"a",{"x":[1,2]}]})", "1.0").valid());
    QVERIFY(check(R"({"enum":[1,"a",{"x":[1,2]}]})", R"({"x":[1.0,2]})").valid());
    QCOMPARE(report(check(R"({"enum":["EUR","USD","GBP"]})", R"("CHF")")),
             QStringList{R"(|enum|is "CHF", must be one of "EUR", "USD", "GBP")"});
    QCOMPARE(report(check(R"({"const":{"a":1}})", R"({"a":2})")), QStringList{R"(|const|is {"a":2}, must be {"a":1})"});
    QVERIFY(!check(R"({"const":false})", "0").valid()); // false is not 0
    QVERIFY(!jsonEqual(QJsonValue(1), QJsonValue(true)));
    QVERIFY(jsonEqual(QJsonValue(2), QJsonValue(2.0)));
}

void TestJsonSchema::objects()
{
    const char *schema = R"({
        "type": "object",
        "required": ["service", "currency"],
        "properties": {"service": {"type": "string"}, "currency": {}, "retries": {"maximum": 10}},
        "patternProperties": {"^x-": {"type": "string"}},
        "additionalProperties": false,
        "minProperties": 1
    })";
    QCOMPARE(report(check(schema, R"({"service":"checkout","retries":12,"x-team":"shop","colour":"red"})")),
             (QStringList{
                 R"(|required|required field "currency" is missing)", "retries|maximum|is 12, more than the maximum 10",
                 R"(colour|additionalProperties|field "colour" is not allowed here (not one the schema lists))"}));
    QCOMPARE(report(check(schema, R"({"service":"a","currency":"EUR","x-n":1})")),
             QStringList{"x-n|type|is the number 1, must be a string"});
    // additionalProperties as a schema applies to the fields nothing else describes.
    QCOMPARE(
        report(check(R"({"properties":{"a":{}},"additionalProperties":{"type":"integer"}})", R"({"a":"x","b":"y"})")),
        QStringList{R"(b|type|is the string "y", must be an integer)"});
    QCOMPARE(report(check(R"({"maxProperties":1})", R"({"a":1,"b":2})")),
             QStringList{"|maxProperties|has 2 fields, more than the maximum 1"});
    QCOMPARE(report(check(R"({"properties":{"debug":false}})", R"({"debug":true})")),
             QStringList{R"(debug|properties|field "debug" is not allowed)"});
}

void TestJsonSchema::arrays()
{
    QCOMPARE(report(check(R"({"items":{"type":"integer"},"minItems":4})", R"([1,"2",3])")),
             (QStringList{"|minItems|has 3 items, fewer than the minimum 4",
                          R"([1]|type|is the string "2", must be an integer)"}));
    // prefixItems (2020-12) and items' array form (draft 7) are tuples; items then covers the rest.
    QCOMPARE(report(check(R"({"prefixItems":[{"type":"string"}],"items":{"type":"integer"}})", R"(["a","b",3])")),
             QStringList{R"([1]|type|is the string "b", must be an integer)"});
    QVERIFY(check(R"({"items":[{"type":"string"}]})", R"(["a",1,{}])").valid());
    QCOMPARE(report(check(R"({"uniqueItems":true})", R"([1,{"a":1},1.0])")),
             QStringList{"|uniqueItems|has equal items [0] and [2]; every item must be different"});
    QVERIFY(check(R"({"uniqueItems":true})", R"([1,"1",[1],{"1":1}])").valid());
    QVERIFY(!check(R"({"maxItems":1})", "[1,2]").valid());
}

void TestJsonSchema::pathsAreWrittenLikeTheStructuralDiff()
{
    const char *schema = R"({
        "properties": {
            "upstreams": {"additionalProperties": {"pattern": "^https?://"}},
            "servers": {"items": {"properties": {"port": {"maximum": 65535}}}},
            "labels": {"additionalProperties": {"maxLength": 3}}
        }
    })";
    const SchemaValidation v = check(schema, R"({
        "upstreams": {"payments": "ftp://payments"},
        "servers": [{"port": 1}, {"port": 2}, {"port": 70000}],
        "labels": {"app.kubernetes.io/name": "shop", "say \"hi\"": "long"}
    })");
    QStringList paths;
    for (const SchemaError &e : v.errors)
        paths << e.instancePath;
    paths.sort();
    QCOMPARE(paths, (QStringList{R"(labels["app.kubernetes.io/name"])", R"(labels["say \"hi\""])", "servers[2].port",
                                 "upstreams.payments"}));
    QCOMPARE(v.errors.constFirst().describe().section(QLatin1Char(':'), 0, 0).isEmpty(), false);
    QCOMPARE(SchemaError({QString(), "type", "is null"}).describe(), QStringLiteral("(document): is null"));
}

void TestJsonSchema::booleanSchemas()
{
    QVERIFY(check("true", R"({"anything":[1]})").valid());
    QCOMPARE(report(check("false", "1")),
             QStringList{"|false|is not allowed here (the schema allows nothing at this place)"});
    QCOMPARE(report(check(R"({"items":false})", "[1]")),
             QStringList{"[0]|false|is not allowed here (the schema allows nothing at this place)"});
}

void TestJsonSchema::unknownKeywordsAreListedAnnotationsAreNot()
{
    const JsonSchema s = JsonSchema::parse(R"({
        "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "x", "title": "t", "description": "d",
        "default": {}, "examples": [], "x-etcd-console-keys": ["/a/*"], "$comment": "c",
        "properties": {"a": {"$ref": "#/$defs/a", "format": "ipv4"}},
        "oneOf": [{"not": {}}], "$defs": {"a": {"allOf": []}}
    })");
    QVERIFY2(s.isValid(), qPrintable(s.error()));
    // Keywords inside subschemas it does not understand are not looked at (so "not", "allOf" stay out).
    QCOMPARE(s.uncheckedKeywords(), (QStringList{"$defs", "$ref", "format", "oneOf"}));
    QVERIFY(s.validate(QByteArray(R"({"a":"not an address"})")).valid());
    QVERIFY(JsonSchema::supportedKeywords().contains(QStringLiteral("additionalProperties")));
}

void TestJsonSchema::unusableSchemasSayWhy()
{
    const JsonSchema notJson = JsonSchema::parse(R"({"type": "object",})");
    QVERIFY(!notJson.isValid());
    QVERIFY2(notJson.error().startsWith(QLatin1String("the schema is not JSON: ")), qPrintable(notJson.error()));
    QVERIFY(notJson.error().contains(QLatin1String("at character")));
    const JsonSchema badPattern = JsonSchema::parse(R"({"properties":{"id":{"pattern":"[a-"}}})");
    QVERIFY(!badPattern.isValid());
    QVERIFY2(badPattern.error().startsWith(
                 QLatin1String(R"(#/properties/id/pattern: the pattern "[a-" is not a valid regular expression: )")),
             qPrintable(badPattern.error()));
    QVERIFY(badPattern.error().contains(QLatin1String("(at character ")));
    QCOMPARE(JsonSchema::parse(R"({"type":"int"})").error(),
             QStringLiteral(R"(#/type: "int" is not a type (null, boolean, object, array, number, string, integer))"));
    QCOMPARE(JsonSchema::parse(R"({"minLength":-1})").error(),
             QStringLiteral(R"(#: "minLength" must be a whole number, 0 or more)"));
    QCOMPARE(JsonSchema::parse(R"({"patternProperties":{"(":{}}})").isValid(), false);
    QCOMPARE(JsonSchema::parse("42").error(), QStringLiteral("#: a schema must be an object, true or false"));
    QString deep = QStringLiteral("true");
    for (int i = 0; i < JsonSchema::kMaxDepth + 2; ++i)
        deep = QStringLiteral(R"({"items":%1})").arg(deep);
    QVERIFY(JsonSchema::parse(deep.toUtf8()).error().contains(QLatin1String("nested more than 64 deep")));
    // A schema that did not compile fails every value with its reason, never passes it.
    QCOMPARE(report(JsonSchema().validate(QJsonValue(1))), QStringList{"|schema|no schema"});
}

void TestJsonSchema::valuesThatAreNotJson()
{
    const SchemaValidation v = check("{}", "{\"a\": }");
    QCOMPARE(v.errors.size(), 1);
    QCOMPARE(v.errors.constFirst().keyword, QStringLiteral("json"));
    QVERIFY(v.errors.constFirst().message.startsWith(QLatin1String("is not JSON (")));
    QCOMPARE(report(check("{}", "  ")), QStringList{"|json|is not JSON (empty)"});
    QVERIFY(check(R"({"type":"string"})", R"("scalar documents are JSON too")").valid());
}

void TestJsonSchema::errorsAreCapped()
{
    QJsonArray many;
    for (int i = 0; i < 1000; ++i)
        many.append(QStringLiteral("x"));
    const JsonSchema s = JsonSchema::parse(R"({"items":{"type":"integer"}})");
    const SchemaValidation v = s.validate(QJsonValue(many));
    QCOMPARE(v.errors.size(), JsonSchema::kMaxErrors);
    QVERIFY(v.truncated);
    QCOMPARE(s.validate(QJsonValue(many), 3).errors.size(), 3);
}

void TestJsonSchema::pathOffsetsInText()
{
    const QString text = QStringLiteral(R"({
  "upstreams": {"payments": "ftp://x"},
  "servers": [{"port": 1}, {"port": 70000}],
  "a.b": {"c": [10, 20]},
  "s": "has \"quotes\" and a } brace"
})");
    QCOMPARE(jsonPathOffset(text, QString()), 0);
    QCOMPARE(jsonPathOffset(text, QStringLiteral("upstreams.payments")), text.indexOf(QLatin1String("\"payments\"")));
    QCOMPARE(jsonPathOffset(text, QStringLiteral("servers[1].port")), text.indexOf(QLatin1String("\"port\": 70000")));
    QCOMPARE(jsonPathOffset(text, QStringLiteral("servers[1]")), text.indexOf(QLatin1String("{\"port\": 70000")));
    QCOMPARE(jsonPathOffset(text, QStringLiteral(R"(["a.b"].c[1])")), text.indexOf(QLatin1String("20")));
    QCOMPARE(jsonPathOffset(text, QStringLiteral("s")), text.indexOf(QLatin1String("\"s\"")));
    QCOMPARE(jsonPathOffset(text, QStringLiteral("servers[2]")), -1);
    QCOMPARE(jsonPathOffset(text, QStringLiteral("nothere")), -1);
    QCOMPARE(jsonPathKey(QStringLiteral("a"), QStringLiteral("b-c_1")), QStringLiteral("a.b-c_1"));
    QCOMPARE(jsonPathKey(QString(), QStringLiteral("1st")), QStringLiteral(R"(["1st"])"));
    QCOMPARE(jsonPathIndex(QStringLiteral("a"), 3), QStringLiteral("a[3]"));
}

void TestJsonSchema::officialTestSuite()
{
    const QDir dir(QStringLiteral(JSON_SCHEMA_TEST_SUITE_DIR));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        QFAIL(qPrintable(QStringLiteral("The JSON Schema Test Suite is not at %1. Install it: sudo apt-get install "
                                        "json-schema-test-suite (or bash packaging/install-deps.sh).")
                             .arg(dir.path())));
    int run = 0;
    QStringList failures;
    int excluded = 0;
    QMap<QString, int> excludedBy; // keyword -> cases
    QStringList excludedGroups;
    for (const QString &file : files) {
        QFile f(dir.filePath(file));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
        const QJsonArray groups = QJsonDocument::fromJson(f.readAll()).array();
        QVERIFY2(!groups.isEmpty(), qPrintable(file + QLatin1String(" has no test groups")));
        for (const QJsonValue &g : groups) {
            const QJsonObject group = g.toObject();
            const QJsonArray tests = group.value(QLatin1String("tests")).toArray();
            const QString where = file + QLatin1String(": ") + group.value(QLatin1String("description")).toString();
            const JsonSchema schema = JsonSchema::fromJson(group.value(QLatin1String("schema")));
            if (!schema.isValid()) {
                failures << QStringLiteral("%1: the schema did not compile: %2").arg(where, schema.error());
                continue;
            }
            if (!schema.uncheckedKeywords().isEmpty()) {
                excluded += int(tests.size());
                for (const QString &k : schema.uncheckedKeywords())
                    excludedBy[k] += int(tests.size());
                excludedGroups << QStringLiteral("%1 (%2 cases): uses %3")
                                      .arg(where)
                                      .arg(tests.size())
                                      .arg(schema.uncheckedKeywords().join(QLatin1String(", ")));
                continue;
            }
            for (const QJsonValue &t : tests) {
                const QJsonObject test = t.toObject();
                const SchemaValidation v = schema.validate(test.value(QLatin1String("data")));
                ++run;
                if (v.valid() != test.value(QLatin1String("valid")).toBool())
                    failures << QStringLiteral("%1 / %2: expected %3, got %4")
                                    .arg(where, test.value(QLatin1String("description")).toString(),
                                         v.valid() ? QStringLiteral("invalid") : QStringLiteral("valid"),
                                         v.valid() ? QStringLiteral("valid") : v.errors.constFirst().describe());
            }
        }
    }
    for (const QString &group : std::as_const(excludedGroups))
        qInfo("excluded: %s", qPrintable(group));
    for (auto it = excludedBy.constBegin(); it != excludedBy.constEnd(); ++it)
        qInfo("excluded by keyword %s: %d cases", qPrintable(it.key()), it.value());
    qInfo("JSON Schema Test Suite (%s): %d cases run, %d excluded (keywords not checked), %d failed",
          qPrintable(dir.path()), run, excluded, int(failures.size()));
    for (const QString &f : std::as_const(failures))
        qWarning("FAILED %s", qPrintable(f));
    QVERIFY2(failures.isEmpty(), qPrintable(QStringLiteral("%1 suite cases failed").arg(failures.size())));
    QVERIFY2(run >= 250, qPrintable(QStringLiteral("only %1 cases ran").arg(run)));
}

QTEST_GUILESS_MAIN(TestJsonSchema)
#include "tst_jsonschema.moc"
