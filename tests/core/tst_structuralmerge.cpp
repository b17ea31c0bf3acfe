// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The three-way merge on parsed JSON and YAML documents: changes to different fields merge
// whatever the formatting (the other writer stores minified JSON, I edit it pretty-printed), the
// merged text is mine with their changes edited in (formatting and YAML comments kept), the same
// field changed on both sides is a conflict by path resolved by picking a side, never markers.
// Also the single-field restore of the history. Pure: no etcd.

#include "format/documentstyle.h"
#include "format/structuralmerge.h"
#include "format/treediff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>

#include <yaml-cpp/yaml.h>

using namespace etcd;

namespace {

const QByteArray kBase = "{\n"
                         "  \"currency\": \"EUR\",\n"
                         "  \"paymentTimeoutMs\": 3000,\n"
                         "  \"upstreams\": {\n"
                         "    \"payments\": \"http://payments:8443\",\n"
                         "    \"search\": \"http://search:9200\"\n"
                         "  },\n"
                         "  \"retries\": [1, 2, 3]\n"
                         "}\n";

QByteArray replaced(QByteArray text, const char *from, const char *to)
{
    const qsizetype at = text.indexOf(from);
    Q_ASSERT(at >= 0);
    return text.replace(at, qsizetype(qstrlen(from)), to);
}

QByteArray minified(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).toJson(QJsonDocument::Compact);
}

QJsonValue jsonOf(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument d = QJsonDocument::fromJson(text, &error);
    if (d.isNull())
        qWarning("not JSON: %s\n%s", qPrintable(error.errorString()), text.constData());
    return d.isObject() ? QJsonValue(d.object()) : QJsonValue(d.array());
}

} // namespace

class TestStructuralMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void minifiedTheirsPrettyMineMergesClean();
    void adjacentFieldsMergeClean();
    void sameFieldIsAConflictByPath();
    void sameChangeOnBothSidesIsNoConflict();
    void addsAndRemovesKeepMyStyle();
    void listsByIndexAndByIdentity();
    void listMatchedDifferentlyOnTheTwoSidesConflicts();
    void neverWritesNonJsonIntoJson();
    void yamlCommentsSurvive();
    void yamlStructureChanges();
    void rewrittenWhenTheTextCannotBeEdited();
    void plainTextIsNotStructured();
    void restoreOneField();
    void randomJsonMerges();
    void randomYamlMerges();
};

void TestStructuralMerge::minifiedTheirsPrettyMineMergesClean()
{
    // The case: another program stores the document minified with currency changed; I
    // changed paymentTimeoutMs in the pretty-printed text. A line merge conflicts over everything.
    const QByteArray theirs = minified(replaced(kBase, "\"EUR\"", "\"USD\""));
    const QByteArray mine = replaced(kBase, "3000", "4500");
    const StructuralMerge m = mergeStructured(kBase, mine, theirs);
    QVERIFY2(m.ok, qPrintable(m.error));
    QVERIFY(m.conflicts.isEmpty());
    QCOMPARE(m.theirChanges, 1);
    QVERIFY(!m.rewritten);
    // Mine, byte for byte, with their one field edited in.
    QCOMPARE(m.text, replaced(mine, "\"EUR\"", "\"USD\""));
    QVERIFY(!m.text.contains("<<<<<<<"));
}

void TestStructuralMerge::adjacentFieldsMergeClean()
{
    const QByteArray theirs = replaced(kBase, "http://payments:8443", "http://payments:9443");
    const QByteArray mine = replaced(kBase, "http://search:9200", "http://search:9300");
    const StructuralMerge m = mergeStructured(kBase, mine, theirs);
    QVERIFY2(m.ok && m.conflicts.isEmpty(), qPrintable(m.error));
    QCOMPARE(m.text, replaced(mine, "http://payments:8443", "http://payments:9443"));
}

void TestStructuralMerge::sameFieldIsAConflictByPath()
{
    const QByteArray theirs = minified(replaced(replaced(kBase, "9200", "9201"), "\"EUR\"", "\"USD\""));
    const QByteArray mine = replaced(replaced(kBase, "9200", "9300"), "3000", "4500");
    StructuralMerge m = mergeStructured(kBase, mine, theirs);
    QVERIFY2(m.ok, qPrintable(m.error));
    QCOMPARE(m.conflicts.size(), 1);
    QCOMPARE(m.conflicts.at(0).path, QStringLiteral("upstreams.search"));
    QCOMPARE(m.conflicts.at(0).base, QStringLiteral("\"http://search:9200\""));
    QCOMPARE(m.conflicts.at(0).mine, QStringLiteral("\"http://search:9300\""));
    QCOMPARE(m.conflicts.at(0).theirs, QStringLiteral("\"http://search:9201\""));
    // Unresolved, mine stays; their other change is in; no markers, valid JSON.
    QCOMPARE(m.text, replaced(mine, "\"EUR\"", "\"USD\""));
    QVERIFY(!jsonOf(m.text).isUndefined());
    // Resolved with theirs.
    m = mergeStructured(kBase, mine, theirs, {QStringLiteral("upstreams.search")});
    QCOMPARE(m.text, replaced(replaced(mine, "\"EUR\"", "\"USD\""), "9300", "9201"));
    // A whole object on one side against one of its fields on the other: one conflict, the object.
    const QByteArray theirsDropped = "{\"currency\":\"EUR\",\"paymentTimeoutMs\":3000,\"retries\":[1,2,3]}";
    m = mergeStructured(kBase, mine, theirsDropped);
    QCOMPARE(m.conflicts.size(), 1);
    QCOMPARE(m.conflicts.at(0).path, QStringLiteral("upstreams"));
    QCOMPARE(m.conflicts.at(0).theirs, QStringLiteral("(absent)"));
    QVERIFY(jsonOf(m.text).toObject().contains(QStringLiteral("upstreams")));
    m = mergeStructured(kBase, mine, theirsDropped, {QStringLiteral("upstreams")});
    QVERIFY(!jsonOf(m.text).toObject().contains(QStringLiteral("upstreams")));
    QCOMPARE(jsonOf(m.text).toObject().value(QStringLiteral("paymentTimeoutMs")), QJsonValue(4500));
}

void TestStructuralMerge::sameChangeOnBothSidesIsNoConflict()
{
    const QByteArray theirs = minified(replaced(kBase, "3000", "4500"));
    const QByteArray mine = replaced(kBase, "3000", "4500");
    const StructuralMerge m = mergeStructured(kBase, mine, theirs);
    QVERIFY(m.ok && m.conflicts.isEmpty());
    QCOMPARE(m.text, mine);
}

void TestStructuralMerge::addsAndRemovesKeepMyStyle()
{
    // Theirs adds a nested object, removes a key in the middle and another at the end of a map.
    QJsonObject t = jsonOf(kBase).toObject();
    t.insert(QStringLiteral("limits"), QJsonObject{{QStringLiteral("rps"), 50}, {QStringLiteral("burst"), 80}});
    t.remove(QStringLiteral("paymentTimeoutMs"));
    QJsonObject upstreams = t.value(QStringLiteral("upstreams")).toObject();
    upstreams.remove(QStringLiteral("search"));
    t.insert(QStringLiteral("upstreams"), upstreams);
    const QByteArray theirs = QJsonDocument(t).toJson(QJsonDocument::Compact);
    const QByteArray mine = replaced(kBase, "\"EUR\"", "\"CHF\"");
    StructuralMerge m = mergeStructured(kBase, mine, theirs);
    QVERIFY2(m.ok && m.conflicts.isEmpty() && !m.rewritten, m.text.constData());
    const QByteArray expected = "{\n"
                                "  \"currency\": \"CHF\",\n"
                                "  \"upstreams\": {\n"
                                "    \"payments\": \"http://payments:8443\"\n"
                                "  },\n"
                                "  \"retries\": [1, 2, 3],\n"
                                "  \"limits\": {\n"
                                "    \"burst\": 80,\n"
                                "    \"rps\": 50\n"
                                "  }\n"
                                "}\n";
    QCOMPARE(m.text, expected);

    // Mine minified: what is added is minified too.
    const QByteArray mineMin = minified(mine);
    m = mergeStructured(kBase, mineMin, theirs);
    QVERIFY(m.ok && !m.rewritten);
    QVERIFY2(!m.text.contains('\n') && !m.text.contains(' '), m.text.constData());
    QJsonObject want = t;
    want.insert(QStringLiteral("currency"), QStringLiteral("CHF"));
    QCOMPARE(jsonOf(m.text), QJsonValue(want));

    // Removing the first key, and every key of a map.
    const QByteArray two = "{\"a\": 1, \"b\": {\"x\": 1, \"y\": 2}, \"c\": 3}";
    m = mergeStructured(two, "{\"a\": 1, \"b\": {\"x\": 1, \"y\": 2}, \"c\": 4}", "{\"b\": {}, \"c\": 3}");
    QCOMPARE(m.text, QByteArray("{\"b\": {}, \"c\": 4}"));
}

void TestStructuralMerge::listsByIndexAndByIdentity()
{
    // By index: mine changes [0], theirs [2] and appends.
    StructuralMerge m = mergeStructured("[1, 2, 3]", "[10, 2, 3]", "[1,2,30,4]");
    QVERIFY(m.ok && m.conflicts.isEmpty());
    QCOMPARE(m.text, QByteArray("[10, 2, 30, 4]"));
    // By name: mine adds a server and changes web's port; theirs reorders nothing but changes db's
    // port and removes cache. Indexes would mis-pair these; names do not.
    const QByteArray base = "servers:\n"
                            "  - name: web\n"
                            "    port: 80\n"
                            "  - name: cache\n"
                            "    port: 6379\n"
                            "  - name: db\n"
                            "    port: 5432\n";
    const QByteArray mine = "servers:\n"
                            "  - name: web\n"
                            "    port: 8080 # moved\n"
                            "  - name: cache\n"
                            "    port: 6379\n"
                            "  - name: db\n"
                            "    port: 5432\n"
                            "  - name: queue\n"
                            "    port: 5672\n";
    const QByteArray theirs = "{\"servers\":[{\"name\":\"web\",\"port\":80},{\"name\":\"db\",\"port\":5433}]}";
    m = mergeStructured(base, mine, theirs);
    QVERIFY2(m.ok && m.conflicts.isEmpty() && !m.rewritten, m.text.constData());
    const QByteArray expected = "servers:\n"
                                "  - name: web\n"
                                "    port: 8080 # moved\n"
                                "  - name: db\n"
                                "    port: 5433\n"
                                "  - name: queue\n"
                                "    port: 5672\n";
    QCOMPARE(m.text, expected);
    // Theirs appends to the list too: after mine's last element, in block style.
    m = mergeStructured(base, mine,
                        "{\"servers\":[{\"name\":\"web\",\"port\":80},{\"name\":\"cache\",\"port\":6379},"
                        "{\"name\":\"db\",\"port\":5432},{\"name\":\"mail\",\"port\":25,\"tls\":true}]}");
    QVERIFY2(m.ok && m.conflicts.isEmpty() && !m.rewritten, m.text.constData());
    QCOMPARE(m.text, mine + "  - name: mail\n    port: 25\n    tls: true\n");
}

void TestStructuralMerge::listMatchedDifferentlyOnTheTwoSidesConflicts()
{
    // Mine adds a server without a name, so my side matches the list by index; theirs matches it
    // by name. Both changed web's port: that must be a conflict, not their value silently taken.
    const QByteArray base = "{\"servers\": [{\"name\": \"web\", \"port\": 80}, {\"name\": \"db\", \"port\": 5432}]}";
    const QByteArray mine =
        "{\"servers\": [{\"name\": \"web\", \"port\": 8080}, {\"name\": \"db\", \"port\": 5432}, {\"port\": 9000}]}";
    const QByteArray theirs = "{\"servers\": [{\"name\": \"web\", \"port\": 81}, {\"name\": \"db\", \"port\": 5432}]}";
    const StructuralMerge m = mergeStructured(base, mine, theirs);
    QVERIFY2(m.ok, qPrintable(m.error));
    QVERIFY2(!m.conflicts.isEmpty(), m.text.constData());
    QVERIFY(m.text.contains("8080")); // unresolved: mine stays
    QVERIFY(!m.text.contains("\"port\": 81"));
}

void TestStructuralMerge::neverWritesNonJsonIntoJson()
{
    // Their version was written as YAML with a hexadecimal number: it cannot go into my JSON as
    // it is, so the structural merge declines (the dialog then merges by lines) instead of
    // producing text that is no longer JSON.
    const StructuralMerge m = mergeStructured("{\"a\": 1, \"b\": 2}", "{\"a\": 1, \"b\": 3}", "a: 0x1F\nb: 2\n");
    QVERIFY(!m.ok);
    QVERIFY(!m.error.isEmpty());
    const FieldRestore r = restoreField("{\"a\": 1}", "a: .5\n", QStringLiteral("a"));
    QVERIFY(!r.ok || !QJsonDocument::fromJson(r.text).isNull());
}

void TestStructuralMerge::yamlCommentsSurvive()
{
    const QByteArray base = "# checkout service\n"
                            "currency: EUR   # ISO 4217\n"
                            "timeouts:\n"
                            "  # milliseconds\n"
                            "  payment: 3000\n"
                            "  search: 800\n"
                            "motd: |\n"
                            "  Welcome.\n"
                            "  Be nice.\n"
                            "owner: \"team-payments\"\n";
    const QByteArray mine = replaced(base, "800", "900");
    const QByteArray theirs = "{\"currency\":\"USD\",\"timeouts\":{\"payment\":3000,\"search\":800},"
                              "\"motd\":\"Welcome.\\nBe kind.\\n\",\"owner\":\"team-checkout\"}";
    const StructuralMerge m = mergeStructured(base, mine, theirs);
    QVERIFY2(m.ok && m.conflicts.isEmpty(), qPrintable(m.error));
    QVERIFY(!m.rewritten && !m.commentsLost);
    const QByteArray expected = "# checkout service\n"
                                "currency: USD   # ISO 4217\n"
                                "timeouts:\n"
                                "  # milliseconds\n"
                                "  payment: 3000\n"
                                "  search: 900\n"
                                "motd: \"Welcome.\\nBe kind.\\n\"\n"
                                "owner: team-checkout\n";
    QCOMPARE(m.text, expected);
}

void TestStructuralMerge::yamlStructureChanges()
{
    const QByteArray base = "app:\n"
                            "  name: shop   # shown in the header\n"
                            "  replicas: 2\n"
                            "  tags: [a, b]\n"
                            "  env:\n"
                            "    - LOG=info\n"
                            "    - TZ=UTC\n"
                            "debug: false\n";
    const QByteArray mine = replaced(base, "replicas: 2", "replicas: 3");
    // Theirs: a nested map added, a list element removed and one appended, the last key removed,
    // a string that would read as a number.
    const QByteArray theirs = "app:\n  name: shop\n  replicas: 2\n  tags: [a, b, c]\n  env: [LOG=info, MODE=x]\n"
                              "  resources: {cpu: 500m, memory: \"512\"}\n";
    const StructuralMerge m = mergeStructured(base, mine, theirs);
    QVERIFY2(m.ok && m.conflicts.isEmpty() && !m.rewritten, m.text.constData());
    const QByteArray expected = "app:\n"
                                "  name: shop   # shown in the header\n"
                                "  replicas: 3\n"
                                "  tags: [a, b, c]\n"
                                "  env:\n"
                                "    - LOG=info\n"
                                "    - MODE=x\n"
                                "  resources:\n"
                                "    cpu: 500m\n"
                                "    memory: \"512\"\n";
    QCOMPARE(m.text, expected);
}

void TestStructuralMerge::rewrittenWhenTheTextCannotBeEdited()
{
    // A plain scalar over two lines cannot be edited in place: the document is written anew in
    // mine's style, and the comments it had are reported lost.
    const QByteArray base = "# settings\nbanner: a long\n  folded line\nlevel: 1\n";
    const QByteArray mine = "# settings\nbanner: a long\n  folded line\nlevel: 2\n";
    const QByteArray theirs = "banner: short\nlevel: 1\n";
    const StructuralMerge m = mergeStructured(base, mine, theirs);
    QVERIFY(m.ok && m.conflicts.isEmpty());
    QVERIFY(m.rewritten);
    QVERIFY(m.commentsLost);
    QCOMPARE(m.text, QByteArray("banner: short\nlevel: 2\n"));
    QVERIFY(hasYamlComments(mine));
    QVERIFY(!hasYamlComments("a: \"#not\"\nb: 'x # y'\nc: d#e\n"));
}

void TestStructuralMerge::plainTextIsNotStructured()
{
    const StructuralMerge m = mergeStructured("hello\n", "hello world\n", "hello there\n");
    QVERIFY(!m.ok);
    QVERIFY(!m.error.isEmpty());
    QVERIFY(!mergeStructured("{\"a\": 1}", "{\"a\": ", "{\"a\": 2}").ok);
}

void TestStructuralMerge::restoreOneField()
{
    const QByteArray old = kBase;
    QByteArray current = replaced(replaced(kBase, "3000", "4500"), "\"EUR\"", "\"USD\"");
    current = replaced(current, "    \"search\": \"http://search:9200\"\n", "    \"extra\": true\n");
    current = replaced(current, "\"http://payments:8443\",", "\"http://payments:8443\",\n    \"search\": \"x\",");
    // Changed back: only that field.
    FieldRestore r = restoreField(current, old, QStringLiteral("paymentTimeoutMs"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.text, replaced(current, "4500", "3000"));
    // An added field removed, a changed one back.
    r = restoreField(current, old, QStringLiteral("upstreams.extra"));
    QVERIFY(r.ok);
    QVERIFY(!jsonOf(r.text).toObject().value(QStringLiteral("upstreams")).toObject().contains(QStringLiteral("extra")));
    QCOMPARE(jsonOf(r.text).toObject().value(QStringLiteral("currency")), QJsonValue(QStringLiteral("USD")));
    // Unknown path: a clear error.
    r = restoreField(current, old, QStringLiteral("nope"));
    QVERIFY(!r.ok);
    QVERIFY(r.error.contains(QStringLiteral("nope")));
}

namespace {

QJsonValue randomValue(QRandomGenerator &rng, int depth)
{
    const int kind = int(rng.bounded(depth > 2 ? 4 : 6));
    switch (kind) {
    case 0: return QJsonValue(int(rng.bounded(1000)));
    case 1: return QJsonValue(QStringLiteral("s%1 x").arg(rng.bounded(100)));
    case 2: return QJsonValue(rng.bounded(2) == 1);
    case 3: return QJsonValue(QStringLiteral("%1").arg(rng.bounded(50))); // a string that looks like a number
    case 4: {
        QJsonArray a;
        for (int i = 0, n = int(rng.bounded(4)); i < n; ++i)
            a.append(randomValue(rng, depth + 1));
        return a;
    }
    default: {
        QJsonObject o;
        for (int i = 0, n = int(rng.bounded(4)); i < n; ++i)
            o.insert(QStringLiteral("k%1").arg(rng.bounded(8)), randomValue(rng, depth + 1));
        return o;
    }
    }
}

// Changes a random place under `key`: a value replaced, a key added or removed, an element
// appended or removed at the end.
QJsonValue mutate(QRandomGenerator &rng, QJsonValue v, int depth = 0)
{
    if (v.isObject() && !v.toObject().isEmpty() && rng.bounded(3) > 0 && depth < 4) {
        QJsonObject o = v.toObject();
        const QString k = o.keys().at(int(rng.bounded(o.size())));
        switch (rng.bounded(3)) {
        case 0: o.remove(k); break;
        case 1: o.insert(QStringLiteral("n%1").arg(rng.bounded(100)), randomValue(rng, depth + 1)); break;
        default: o.insert(k, mutate(rng, o.value(k), depth + 1));
        }
        return o;
    }
    if (v.isArray() && !v.toArray().isEmpty() && rng.bounded(3) > 0 && depth < 4) {
        QJsonArray a = v.toArray();
        switch (rng.bounded(3)) {
        case 0: a.removeLast(); break;
        case 1: a.append(randomValue(rng, depth + 1)); break;
        default: {
            const int i = int(rng.bounded(a.size()));
            a.replace(i, mutate(rng, a.at(i), depth + 1));
        }
        }
        return a;
    }
    return randomValue(rng, depth);
}

struct RandomCase
{
    QJsonObject base, mine, theirs, expected;
};

RandomCase randomCase(QRandomGenerator &rng)
{
    RandomCase c;
    for (int i = 0; i < 8; ++i)
        c.base.insert(QStringLiteral("f%1").arg(i), randomValue(rng, 0));
    c.mine = c.theirs = c.expected = c.base;
    // Disjoint fields: mine changes f0..f3, theirs f4..f7 (and each may add a top-level field).
    for (int i = 0; i < 8; ++i) {
        if (rng.bounded(2) == 0)
            continue;
        const QString k = QStringLiteral("f%1").arg(i);
        QJsonObject &side = i < 4 ? c.mine : c.theirs;
        if (rng.bounded(5) == 0) {
            side.remove(k);
            c.expected.remove(k);
        } else {
            const QJsonValue v = mutate(rng, side.value(k));
            side.insert(k, v);
            c.expected.insert(k, v);
        }
    }
    if (rng.bounded(2) == 0) {
        const QJsonValue v = randomValue(rng, 1);
        c.theirs.insert(QStringLiteral("added"), v);
        c.expected.insert(QStringLiteral("added"), v);
    }
    return c;
}

} // namespace

void TestStructuralMerge::randomJsonMerges()
{
    QRandomGenerator rng(20261203);
    int rewritten = 0;
    for (int round = 0; round < 1500; ++round) {
        const RandomCase c = randomCase(rng);
        const QByteArray mine =
            QJsonDocument(c.mine).toJson(round % 2 ? QJsonDocument::Indented : QJsonDocument::Compact);
        const StructuralMerge m = mergeStructured(QJsonDocument(c.base).toJson(), mine,
                                                  QJsonDocument(c.theirs).toJson(QJsonDocument::Compact));
        QVERIFY2(m.ok, qPrintable(m.error));
        if (!m.conflicts.isEmpty()) // an identical value on both sides can only agree, never conflict
            QFAIL(qPrintable(QStringLiteral("round %1: conflict at %2").arg(round).arg(m.conflicts.at(0).path)));
        if (jsonOf(m.text) != QJsonValue(c.expected)) {
            qWarning("round %d\nbase %s\nmine %s\ntheirs %s\nmerged %s", round,
                     QJsonDocument(c.base).toJson(QJsonDocument::Compact).constData(), mine.constData(),
                     QJsonDocument(c.theirs).toJson(QJsonDocument::Compact).constData(), m.text.constData());
            QFAIL("the merge is not base + both changes");
        }
        rewritten += m.rewritten ? 1 : 0;
    }
    // JSON is always edited in place: my formatting is kept.
    QCOMPARE(rewritten, 0);
}

void TestStructuralMerge::randomYamlMerges()
{
    QRandomGenerator rng(7);
    int rewritten = 0;
    for (int round = 0; round < 1000; ++round) {
        const RandomCase c = randomCase(rng);
        // Mine in block YAML (what people write by hand), theirs as JSON.
        // Every other round with a comment at the end of each line and a comment line between.
        const bool comments = round % 2 == 1;
        auto yaml = [comments](const QJsonObject &o) {
            const YAML::Node n = YAML::Load(QJsonDocument(o).toJson().toStdString());
            const QByteArray text = QByteArray::fromStdString(tree::renderYaml(n, tree::DocumentStyle(), 0));
            if (!comments)
                return text + "\n";
            QByteArray out = "# top\n";
            for (const QByteArray &line : text.split('\n'))
                out += line + " # note\n" + QByteArray(line.size() - line.trimmed().size(), ' ') + "# between\n";
            return out;
        };
        const StructuralMerge m = mergeStructured(yaml(c.base), yaml(c.mine), QJsonDocument(c.theirs).toJson());
        QVERIFY2(m.ok, qPrintable(m.error));
        QVERIFY(m.conflicts.isEmpty());
        const YAML::Node want = YAML::Load(QJsonDocument(c.expected).toJson().toStdString());
        if (!tree::sameValue(YAML::Load(m.text.toStdString()), want)) {
            qWarning("round %d\nmine\n%s\ntheirs %s\nmerged\n%s", round, yaml(c.mine).constData(),
                     QJsonDocument(c.theirs).toJson(QJsonDocument::Compact).constData(), m.text.constData());
            QFAIL("the merge is not base + both changes");
        }
        rewritten += m.rewritten ? 1 : 0;
    }
    QCOMPARE(rewritten, 0); // block YAML is edited in place too
}

QTEST_GUILESS_MAIN(TestStructuralMerge)
#include "tst_structuralmerge.moc"
