// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// KeyTree on its own: paths and segments (empty ones included), counts, flat mode, the listener's
// announcements (only for fetched parents, always bracketing the change), resumable visits that
// survive mutations, and merging a relist.

#include "state/keyspace/keytree.h"

#include <QtTest>

using namespace etcd;

namespace {

KeyValue kv(const QByteArray &key, qint64 rev = 1)
{
    KeyValue k;
    k.key = key;
    k.modRevision = rev;
    k.createRevision = rev;
    k.version = 1;
    return k;
}

// Checks the listener protocol: begin/end alternate, and the tree changes only in between.
struct Recorder : KeyTree::Listener
{
    explicit Recorder(KeyTree *t) : tree(t) {}
    void beginInsert(KeyTree::Node *parent, int first, int last) override
    {
        QVERIFY(!open);
        QVERIFY(parent->fetched);
        open = true;
        sizeBefore = parent->children.size();
        log << QStringLiteral("+%1[%2..%3]").arg(QString::fromLatin1(tree->keyOf(parent))).arg(first).arg(last);
        current = parent;
    }
    void endInsert() override
    {
        QVERIFY(open);
        QCOMPARE(current->children.size(), sizeBefore + 1);
        open = false;
    }
    void beginRemove(KeyTree::Node *parent, int first, int last) override
    {
        QVERIFY(!open);
        QVERIFY(parent->fetched);
        open = true;
        sizeBefore = parent->children.size();
        log << QStringLiteral("-%1[%2..%3]").arg(QString::fromLatin1(tree->keyOf(parent))).arg(first).arg(last);
        current = parent;
    }
    void endRemove() override
    {
        QVERIFY(open);
        QCOMPARE(current->children.size() + 1, sizeBefore);
        open = false;
    }
    void changed(KeyTree::Node *node) override { log << QStringLiteral("~%1").arg(QString::fromLatin1(tree->keyOf(node))); }
    KeyTree *tree;
    QStringList log;
    bool open = false;
    size_t sizeBefore = 0;
    KeyTree::Node *current = nullptr;
};

QVector<QByteArray> allKeys(const KeyTree &t)
{
    QVector<QByteArray> keys;
    KeyTree::Path after;
    do {
        after = t.visitKeys(after, 3, [&](const KeyTree::Node *, const QByteArray &key) {
            keys << key;
            return true;
        });
    } while (!after.isEmpty());
    return keys;
}

} // namespace

class TestKeyTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void segmentsCountsAndFind();
    void emptySegmentsAreRealKeys();
    void flatModeIsOneLevel();
    void listenerHearsOnlyAboutFetchedParents();
    void removingALastKeyPrunesEmptyFolders();
    void visitResumesAcrossMutations();
    void removeUnseenMergesARelist();
    void scopeLimitsTheTree();
};

void TestKeyTree::segmentsCountsAndFind()
{
    KeyTree t({}, '/');
    for (const char *k : {"/app/a", "/app/b/c", "/app/b", "/svc/x", "top"})
        t.upsert(kv(k));
    QCOMPARE(t.keyCount(), 5u);
    KeyTree::Node *app = t.find("/app");
    QVERIFY(app);
    QCOMPARE(app->keys, 3u);
    QVERIFY(!app->isKey);
    QCOMPARE(t.find("/app/")->segment, QByteArray("app")); // a trailing delimiter names the folder
    KeyTree::Node *b = t.find("/app/b");
    QVERIFY(b->isKey && b->isFolder()); // both a key and a folder
    QCOMPARE(t.keyOf(t.find("/app/b/c")), QByteArray("/app/b/c"));
    QVERIFY(!t.find("/app/zzz"));
    // "/app" has an empty first segment: the root holds "" and "top", sorted.
    QCOMPARE(t.root()->children.size(), size_t(2));
    QCOMPARE(t.root()->children[0]->segment, QByteArray(""));
    QCOMPARE(t.root()->children[1]->segment, QByteArray("top"));
    QCOMPARE(t.find("/app/b/c")->row(), 0);
}

void TestKeyTree::emptySegmentsAreRealKeys()
{
    KeyTree t("p/", '/');
    for (const char *k : {"p/a", "p/a/", "p/a//b", "p/"})
        t.upsert(kv(k));
    QCOMPARE(t.keyCount(), 4u);
    QVERIFY(t.root()->isKey); // the scope itself is a key
    QCOMPARE(allKeys(t), (QVector<QByteArray>{"p/", "p/a", "p/a/", "p/a//b"}));
    QVERIFY(t.remove("p/a/"));
    QVERIFY(t.find("p/a//b"));
    QVERIFY(!t.remove("p/a/")); // not a key any more
    QCOMPARE(t.keyCount(), 3u);
}

void TestKeyTree::flatModeIsOneLevel()
{
    KeyTree t("/s/", 0);
    for (const char *k : {"/s/b/c", "/s/a", "/s/b"})
        t.upsert(kv(k));
    QCOMPARE(t.root()->children.size(), size_t(3));
    QCOMPARE(t.root()->children[0]->segment, QByteArray("a"));
    QCOMPARE(t.root()->children[2]->segment, QByteArray("b/c"));
    QCOMPARE(t.keyOf(t.root()->children[2].get()), QByteArray("/s/b/c"));
    QCOMPARE(allKeys(t), (QVector<QByteArray>{"/s/a", "/s/b", "/s/b/c"}));
}

void TestKeyTree::listenerHearsOnlyAboutFetchedParents()
{
    KeyTree t({}, '/');
    Recorder r(&t);
    t.setListener(&r);
    t.upsert(kv("a/x"));
    // The root is shown: "a" appears there, already holding "x" (one announcement for the chain).
    QCOMPARE(r.log, QStringList{QStringLiteral("+[0..0]")});
    r.log.clear();
    t.find("a")->fetched = true;
    t.upsert(kv("a/w"));
    t.upsert(kv("a/w", 5)); // a change of a shown key
    t.upsert(kv("a/w", 5)); // the same again: nothing to say
    QCOMPARE(r.log, (QStringList{QStringLiteral("+a[0..0]"), QStringLiteral("~a/w")}));
    r.log.clear();
    t.upsert(kv("b"));
    t.upsert(kv("b/c")); // "b" gains its first child: shown, so it is announced as changed
    QCOMPARE(r.log, (QStringList{QStringLiteral("+[1..1]"), QStringLiteral("~b")}));
}

void TestKeyTree::removingALastKeyPrunesEmptyFolders()
{
    KeyTree t({}, '/');
    Recorder r(&t);
    t.setListener(&r);
    t.upsert(kv("a/b/c"));
    t.upsert(kv("keep"));
    t.find("a")->fetched = true;
    t.find("a/b")->fetched = true;
    r.log.clear();
    QVERIFY(t.remove("a/b/c"));
    QCOMPARE(r.log, (QStringList{QStringLiteral("-a/b[0..0]"), QStringLiteral("-a[0..0]"), QStringLiteral("-[0..0]")}));
    QCOMPARE(t.keyCount(), 1u);
    QVERIFY(!t.find("a"));
    QVERIFY(!t.remove("nope"));
}

void TestKeyTree::visitResumesAcrossMutations()
{
    KeyTree t({}, '/');
    for (int i = 0; i < 50; ++i)
        t.upsert(kv(QByteArray("d") + QByteArray::number(i % 5) + "/k" + QByteArray::number(i).rightJustified(2, '0')));
    QVector<QByteArray> seen;
    KeyTree::Path after = t.visitKeys({}, 7, [&](const KeyTree::Node *, const QByteArray &key) {
        seen << key;
        return true;
    });
    // Between two slices the tree changes: a key before the resume point, one after, one removed.
    t.upsert(kv("d0/k00a"));
    t.upsert(kv("d4/zz"));
    QVERIFY(t.remove("d4/k49"));
    do {
        after = t.visitKeys(after, 7, [&](const KeyTree::Node *, const QByteArray &key) {
            seen << key;
            return true;
        });
    } while (!after.isEmpty());
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QCOMPARE(std::adjacent_find(seen.begin(), seen.end()), seen.end()); // nothing twice
    QVERIFY(seen.contains("d4/zz"));
    QVERIFY(!seen.contains("d4/k49"));
    QCOMPARE(seen.size(), 50); // 50 - 1 removed + 1 added after; the one added before the resume point is skipped
}

void TestKeyTree::removeUnseenMergesARelist()
{
    KeyTree t({}, '/');
    for (const char *k : {"a", "b/c", "b/d", "e"})
        t.upsert(kv(k), 1);
    // The relist (generation 2) sees b/c (changed) and a new key, not a, b/d or e.
    t.upsert(kv("b/c", 9), 2);
    t.upsert(kv("f"), 2);
    QCOMPARE(t.removeUnseen(2), 3);
    QCOMPARE(allKeys(t), (QVector<QByteArray>{"b/c", "f"}));
    QCOMPARE(t.find("b/c")->modRevision, 9);
}

void TestKeyTree::scopeLimitsTheTree()
{
    KeyTree t("/app/", '/');
    QVERIFY(!t.upsert(kv("/other/x")));
    QVERIFY(t.upsert(kv("/app/x")));
    QCOMPARE(t.root()->children[0]->segment, QByteArray("x"));
    QCOMPARE(t.keyOf(t.find("/app/x")), QByteArray("/app/x"));
    QVERIFY(t.upsert(kv(QByteArray("/app/\xff\x00z", 8)))); // bytes, not text
    QVERIFY(t.find(QByteArray("/app/\xff\x00z", 8)));
}

QTEST_GUILESS_MAIN(TestKeyTree)
#include "tst_keytree.moc"
