// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Field-by-field differences between JSON and YAML documents, whatever their formatting: minified
// against pretty-printed, JSON against YAML, numbers written differently; paths with dots and list
// elements matched by index or by their id/name/key field. Pure: no etcd.

#include "format/structuraldiff.h"

#include <QtTest>

using namespace etcd;

namespace {

QStringList described(const StructuralDiff &d)
{
    QStringList out;
    for (const FieldChange &c : d.changes)
        out << c.describe();
    return out;
}

} // namespace

class TestStructuralDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formattingIsNotAChange();
    void oneFieldChangedInAMinifiedDocument();
    void addedRemovedAndTypeChanges();
    void listsByIndexOrByIdentity();
    void numbersAndStrings();
    void pathsWithDotsAreQuoted();
    void unreadableSideSaysWhich();
};

void TestStructuralDiff::formattingIsNotAChange()
{
    const QByteArray minified =
        "{\"currency\":\"EUR\",\"upstreams\":{\"payments\":\"http://payments:8443\"},\"retries\":[1,2,3]}";
    const QByteArray pretty = "{\n  \"retries\": [ 1, 2, 3 ],\n  \"upstreams\": {\n    \"payments\": "
                              "\"http://payments:8443\"\n  },\n  \"currency\": \"EUR\"\n}\n";
    const QByteArray yaml =
        "currency: EUR\nupstreams:\n  payments: http://payments:8443\nretries:\n  - 1\n  - 2\n  - 3\n";
    StructuralDiff d = structuralDiff(minified, pretty);
    QVERIFY2(d.ok, qPrintable(d.error));
    QVERIFY(d.structured);
    QVERIFY2(d.changes.isEmpty(), qPrintable(described(d).join('\n')));
    d = structuralDiff(pretty, yaml);
    QVERIFY2(d.ok && d.changes.isEmpty(), qPrintable(described(d).join('\n')));
}

void TestStructuralDiff::oneFieldChangedInAMinifiedDocument()
{
    // Every line differs as text; one field differs as data.
    const StructuralDiff d =
        structuralDiff("{\"upstreams\":{\"payments\":\"http://payments:8443\",\"search\":\"http://"
                       "search:9200\"},\"currency\":\"EUR\"}",
                       "{\n  \"currency\": \"EUR\",\n  \"upstreams\": {\n    \"search\": \"http://search:9200\",\n"
                       "    \"payments\": \"http://payments:9443\"\n  }\n}\n");
    QVERIFY(d.ok);
    QCOMPARE(described(d), QStringList{"upstreams.payments: \"http://payments:8443\" -> \"http://payments:9443\""});
    QCOMPARE(d.changes.first().kind, FieldChange::Kind::Changed);
    QCOMPARE(d.changes.first().path, QStringLiteral("upstreams.payments"));
}

void TestStructuralDiff::addedRemovedAndTypeChanges()
{
    const StructuralDiff d =
        structuralDiff("{\"a\":1,\"gone\":{\"x\":true},\"t\":{\"k\":1}}", "{\"a\":1,\"new\":[1,\"two\"],\"t\":5}");
    QVERIFY(d.ok);
    QCOMPARE(described(d), (QStringList{"- gone: {x: true}", "t: {k: 1} -> 5", "+ new: [1, \"two\"]"}));
}

void TestStructuralDiff::listsByIndexOrByIdentity()
{
    // Plain lists: by index.
    StructuralDiff d = structuralDiff("{\"ports\":[80,443]}", "{\"ports\":[80,8443,9000]}");
    QCOMPARE(described(d), (QStringList{"ports[1]: 443 -> 8443", "+ ports[2]: 9000"}));
    // Elements with a name: by name, so a reordering is no change and an edit names its element.
    d = structuralDiff("{\"servers\":[{\"name\":\"web\",\"port\":80},{\"name\":\"api\",\"port\":8080}]}",
                       "{\"servers\":[{\"name\":\"api\",\"port\":8081},{\"name\":\"web\",\"port\":80},{\"name\":\"db\","
                       "\"port\":5432}]}");
    QVERIFY(d.ok);
    QCOMPARE(described(d),
             (QStringList{"servers[name=api].port: 8080 -> 8081", "+ servers[name=db]: {name: \"db\", port: 5432}"}));
    // An id that repeats is no identity: back to the index.
    d = structuralDiff("[{\"id\":1,\"v\":\"a\"},{\"id\":1,\"v\":\"b\"}]",
                       "[{\"id\":1,\"v\":\"a\"},{\"id\":1,\"v\":\"c\"}]");
    QCOMPARE(described(d), QStringList{"[1].v: \"b\" -> \"c\""});
}

void TestStructuralDiff::numbersAndStrings()
{
    StructuralDiff d = structuralDiff("{\"timeout\":1500,\"ratio\":1}", "timeout: 1500\nratio: 1.0\n");
    QVERIFY2(d.ok && d.changes.isEmpty(), qPrintable(described(d).join('\n')));
    d = structuralDiff("{\"timeout\":1500}", "{\"timeout\":\"1500\"}");
    QCOMPARE(described(d), QStringList{"timeout: 1500 -> \"1500\""});
    d = structuralDiff("{\"on\":true}", "{\"on\":false}");
    QCOMPARE(described(d), QStringList{"on: true -> false"});
}

void TestStructuralDiff::pathsWithDotsAreQuoted()
{
    const StructuralDiff d = structuralDiff("{\"labels\":{\"app.kubernetes.io/name\":\"web\"}}",
                                            "{\"labels\":{\"app.kubernetes.io/name\":\"api\"}}");
    QCOMPARE(described(d), QStringList{"labels[\"app.kubernetes.io/name\"]: \"web\" -> \"api\""});
}

void TestStructuralDiff::unreadableSideSaysWhich()
{
    StructuralDiff d = structuralDiff("{\"a\":1}", "{\"a\":");
    QVERIFY(!d.ok);
    QVERIFY2(d.error.startsWith(QLatin1String("the second version is not JSON or YAML")), qPrintable(d.error));
    d = structuralDiff("plain text", "other text");
    QVERIFY(d.ok);
    QVERIFY(!d.structured); // text, not a document: the caller shows its text diff only
}

QTEST_GUILESS_MAIN(TestStructuralDiff)
#include "tst_structuraldiff.moc"
