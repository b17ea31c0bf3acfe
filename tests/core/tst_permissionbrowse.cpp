// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Browsing with read permission on parts of the keyspace only, against real etcd with auth enabled
// by etcdctl: the interval arithmetic on its own; what etcd 3.4 lets a non-root user ask about
// itself; a mirror of the whole keyspace for users who can read one prefix, several ranges (an exact
// key among them) or nothing at all; and scoped mirrors that keep working as before.

#include "client/etcdclient.h"
#include "client/keyrange.h"
#include "state/keyspace/keyspacemirror.h"
#include "state/keyspace/readaccess.h"
#include "support/permissionusers.h"
#include "support/testsupport.h"

#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
namespace perm = etcd::test::permissions;

namespace etcd {
// For QCOMPARE's messages.
char *toString(const KeyInterval &r)
{
    return QTest::toString(QStringLiteral("[%1, %2)").arg(QString::fromLatin1(r.key.toHex()), QString::fromLatin1(r.rangeEnd.toHex())));
}
} // namespace etcd

namespace {

Permission read(const QByteArray &key, const QByteArray &rangeEnd, Permission::Type type = Permission::Read)
{
    Permission p;
    p.type = type;
    p.key = key;
    p.rangeEnd = rangeEnd;
    return p;
}

KeyInterval prefix(const QByteArray &p)
{
    return {p, keyrange::prefixEnd(p)};
}

// A mirror of `scope` as `user`, with its signals recorded.
struct Browse
{
    Browse(const LocalCluster &cluster, const QString &user, const QByteArray &scope)
        : client(perm::optionsAs(cluster, user)), mirror(&client, {scope, '/'}), loaded(&mirror, &KeySpaceMirror::loaded),
          failed(&mirror, &KeySpaceMirror::failed), limited(&mirror, &KeySpaceMirror::limitedByPermissions)
    {
        mirror.start();
    }
    QString firstError() const
    {
        return failed.isEmpty() ? QString() : failed.at(0).at(0).value<EtcdError>().toString();
    }
    bool has(const QByteArray &key) const
    {
        const KeyTree::Node *n = mirror.tree().find(key);
        return n && n->isKey && mirror.tree().keyOf(n) == key;
    }
    EtcdClient client;
    KeySpaceMirror mirror;
    QSignalSpy loaded;
    QSignalSpy failed;
    QSignalSpy limited;
};

} // namespace

class TestPermissionBrowse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void readableRangesMergeAndClip();
    void usersMayReadTheirOwnUserAndRoles();
    void prefixReaderBrowsesTheWholeKeyspace();
    void severalRangesAndAnExactKeyLoad();
    void flatListIsLimitedToo();
    void userWhoCanReadNothingIsToldPlainly();
    void scopedBrowsingWorksAsBefore();
    void withoutFollowingPermissionsTheRefusalIsReported();

private:
    void waitLoaded(Browse &b);
    std::unique_ptr<LocalCluster> m_cluster;
};

void TestPermissionBrowse::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
    QString why;
    QVERIFY2(perm::setUp(*m_cluster, &why), qPrintable(why));
    for (const char *key : {"/app/a/1", "/app/a/2", "/app/b", "/other/x", "/secret/y", "plain", "/cfg/db/host",
                            "/cfg/db/port", "/cfg/main", "/cfg/mainx", "/cfg/other"})
        QVERIFY2(perm::put(*m_cluster, QString::fromLatin1(key), QStringLiteral("v"), &why), qPrintable(why));
}

void TestPermissionBrowse::cleanupTestCase()
{
    m_cluster.reset();
}

void TestPermissionBrowse::waitLoaded(Browse &b)
{
    QTRY_VERIFY_WITH_TIMEOUT(!b.loaded.isEmpty() || !b.failed.isEmpty(), 15000);
    QVERIFY2(b.failed.isEmpty(), qPrintable(b.firstError()));
    QCOMPARE(b.loaded.count(), 1);
}

void TestPermissionBrowse::readableRangesMergeAndClip()
{
    RoleInfo a{QStringLiteral("a"),
               {read("/app/", keyrange::prefixEnd("/app/")), read("/app/cfg/", keyrange::prefixEnd("/app/cfg/")),
                read("/w/", keyrange::prefixEnd("/w/"), Permission::Write), read("/k", QByteArray())}};
    RoleInfo b{QStringLiteral("b"),
               {read("/app0", "/app5", Permission::ReadWrite), read("/app/x", QByteArray()), read("/z", "\0")}};
    b.permissions[2].rangeEnd = QByteArray(1, '\0');
    const ReadAccess access = ReadAccess::fromRoles(QStringLiteral("u"), {QStringLiteral("a"), QStringLiteral("b")}, {a, b});
    // "/app/" ends at "/app0", where the next range starts: one interval. The write-only range is
    // not readable; the key /k stays a single key; /z runs to the end.
    QCOMPARE(access.ranges.size(), 3);
    QCOMPARE(access.ranges.at(0), (KeyInterval{"/app/", "/app5"}));
    QCOMPARE(access.ranges.at(1), (KeyInterval{"/k", QByteArray()}));
    QVERIFY(access.ranges.at(1).isSingleKey());
    QCOMPARE(access.ranges.at(2), (KeyInterval{"/z", QByteArray(1, '\0')}));
    QVERIFY(!access.everything);
    QVERIFY(!access.coversAll(QByteArray()));
    QVERIFY(access.coversAll("/app/"));
    QVERIFY(access.coversAll("/zebra/"));
    QVERIFY(!access.coversAll("/"));

    // Clipped to a scope.
    QCOMPARE(access.within("/app/c"), (QVector<KeyInterval>{prefix("/app/c")}));
    QCOMPARE(access.within("/"), (QVector<KeyInterval>{access.ranges.at(0), access.ranges.at(1), {"/z", "0"}}));
    QCOMPARE(access.within("/k"), (QVector<KeyInterval>{{"/k", QByteArray()}}));
    QVERIFY(access.within("/b/").isEmpty());
    QCOMPARE(access.within(QByteArray()), access.ranges);

    QVERIFY(prefix("/app/").isPrefix());
    QVERIFY(prefix("/app/").contains("/app/x"));
    QVERIFY(!prefix("/app/").contains("/app"));
    QCOMPARE(prefix("/app/").describe(), QStringLiteral("/app/*"));
    QCOMPARE((KeyInterval{"/k", QByteArray()}).describe(), QStringLiteral("/k"));
    QCOMPARE(access.ranges.at(0).describe(), QStringLiteral("from /app/ up to /app5"));

    // The root role reads everything.
    const ReadAccess root = ReadAccess::fromRoles(QStringLiteral("root"), {QStringLiteral("root")}, {});
    QVERIFY(root.everything);
    QVERIFY(root.coversAll(QByteArray()));
}

void TestPermissionBrowse::usersMayReadTheirOwnUserAndRoles()
{
    // The facts the fallback relies on, checked against the etcd under test: a user without the
    // root role may get its own user and its own roles, but no one else's.
    EtcdClient bob(perm::optionsAs(*m_cluster, QStringLiteral("bob")));
    auto self = resultOf(bob.auth().user(QStringLiteral("bob")));
    QVERIFY_OK(self);
    QCOMPARE(self->roles, QStringList{QStringLiteral("app-reader")});
    auto role = resultOf(bob.auth().role(QStringLiteral("app-reader")));
    QVERIFY_OK(role);
    QCOMPARE(role->permissions.size(), 1);
    QVERIFY(!resultOf(bob.auth().user(QStringLiteral("carol"))).ok());
    QVERIFY(!resultOf(bob.auth().role(QStringLiteral("cfg-reader"))).ok());
    QVERIFY(resultOf(bob.kv().range(RangeOptions::prefix(QByteArray()))).error().isPermissionDenied());
}

void TestPermissionBrowse::prefixReaderBrowsesTheWholeKeyspace()
{
    Browse b(*m_cluster, QStringLiteral("bob"), QByteArray());
    waitLoaded(b);
    QCOMPARE(b.limited.count(), 1);
    QCOMPARE(b.mirror.access(), KeySpaceMirror::Access::Partial);
    QCOMPARE(b.mirror.readAccess().user, QStringLiteral("bob"));
    QCOMPARE(b.mirror.ranges(), (QVector<KeyInterval>{prefix("/app/")}));
    QVERIFY(b.has("/app/a/1"));
    QVERIFY(b.has("/app/a/2"));
    QVERIFY(b.has("/app/b"));
    QVERIFY(!b.mirror.tree().find("/other/x"));
    QVERIFY(!b.mirror.tree().find("/secret"));
    QVERIFY(!b.mirror.tree().find("plain"));
    QCOMPARE(b.mirror.tree().keyCount(), 3u);

    // The way to /app/: the root and "/" are partly readable (a denied marker each), app/ is whole.
    const KeyTree &tree = b.mirror.tree();
    using Access = KeyTree::Node::Access;
    QCOMPARE(tree.root()->access, Access::Partial);
    QVERIFY(tree.deniedMarker(tree.root()));
    QCOMPARE(tree.deniedMarker(tree.root())->access, Access::Denied);
    const KeyTree::Node *slash = tree.find("/");
    QVERIFY(slash && slash->parent == tree.root());
    QCOMPARE(slash->access, Access::Partial);
    QVERIFY(tree.deniedMarker(slash));
    QCOMPARE(tree.deniedMarker(slash)->row(), static_cast<int>(slash->children.size()));
    const KeyTree::Node *app = tree.find("/app/");
    QVERIFY(app);
    QCOMPARE(app->access, Access::Readable);
    QVERIFY(!tree.deniedMarker(app));

    // Live, through the readable range's watch: etcdctl's writes under /app/ arrive; writes
    // elsewhere are not seen and cause no error.
    QString why;
    QVERIFY2(perm::put(*m_cluster, QStringLiteral("/other/x2"), QStringLiteral("v"), &why), qPrintable(why));
    QVERIFY2(perm::put(*m_cluster, QStringLiteral("/app/new"), QStringLiteral("v"), &why), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(b.has("/app/new"), 10000);
    QVERIFY(!tree.find("/other/x2"));
    QVERIFY2(b.failed.isEmpty(), qPrintable(b.firstError()));
    QCOMPARE(b.loaded.count(), 1);

    // app/ stays when its last key goes: it is where bob can read (and perhaps write).
    const EtcdctlResult del = perm::asRoot(*m_cluster).run({QStringLiteral("del"), QStringLiteral("/app/"), QStringLiteral("--prefix")});
    QVERIFY2(del.ok(), del.describe().constData());
    QTRY_COMPARE_WITH_TIMEOUT(tree.keyCount(), 0u, 10000);
    QVERIFY(tree.find("/app/"));
    QCOMPARE(tree.find("/app/")->access, Access::Readable);
    for (const char *key : {"/app/a/1", "/app/a/2", "/app/b"})
        QVERIFY2(perm::put(*m_cluster, QString::fromLatin1(key), QStringLiteral("v"), &why), qPrintable(why));
    QTRY_COMPARE_WITH_TIMEOUT(tree.keyCount(), 3u, 10000);
    QVERIFY(b.failed.isEmpty());
}

void TestPermissionBrowse::severalRangesAndAnExactKeyLoad()
{
    Browse b(*m_cluster, QStringLiteral("carol"), QByteArray());
    waitLoaded(b);
    QCOMPARE(b.mirror.access(), KeySpaceMirror::Access::Partial);
    QCOMPARE(b.mirror.ranges(),
             (QVector<KeyInterval>{prefix("/app/"), prefix("/cfg/db/"), KeyInterval{"/cfg/main", QByteArray()}}));
    for (const char *key : {"/app/a/1", "/app/b", "/cfg/db/host", "/cfg/db/port", "/cfg/main"})
        QVERIFY2(b.has(key), key);
    for (const char *key : {"/cfg/mainx", "/cfg/other", "/other/x", "plain"})
        QVERIFY2(!b.mirror.tree().find(key), key);
    using Access = KeyTree::Node::Access;
    QCOMPARE(b.mirror.tree().find("/cfg")->access, Access::Partial); // db/ and main, the rest unknown
    QCOMPARE(b.mirror.tree().find("/cfg/db/")->access, Access::Readable);
    QCOMPARE(b.mirror.tree().find("/cfg/main")->access, Access::Open);

    // Each range is watched: the exact key and a new key under /cfg/db/ change live; a neighbour
    // of the exact key does not show up.
    const qint64 before = b.mirror.tree().find("/cfg/main")->modRevision;
    QString why;
    QVERIFY2(perm::put(*m_cluster, QStringLiteral("/cfg/mainx"), QStringLiteral("w"), &why), qPrintable(why));
    QVERIFY2(perm::put(*m_cluster, QStringLiteral("/cfg/main"), QStringLiteral("w"), &why), qPrintable(why));
    QVERIFY2(perm::put(*m_cluster, QStringLiteral("/cfg/db/user"), QStringLiteral("w"), &why), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(b.mirror.tree().find("/cfg/main")->modRevision > before, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(b.has("/cfg/db/user"), 10000);
    QVERIFY(!b.mirror.tree().find("/cfg/mainx"));
    QVERIFY2(b.failed.isEmpty(), qPrintable(b.firstError()));
}

void TestPermissionBrowse::flatListIsLimitedToo()
{
    // Without folders, the readable keys are top-level rows and only the root is partly readable.
    EtcdClient carol(perm::optionsAs(*m_cluster, QStringLiteral("carol")));
    KeySpaceMirror mirror(&carol, {QByteArray(), 0});
    QSignalSpy loaded(&mirror, &KeySpaceMirror::loaded);
    QSignalSpy failed(&mirror, &KeySpaceMirror::failed);
    mirror.start();
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() || !failed.isEmpty(), 15000);
    QVERIFY(failed.isEmpty());
    QCOMPARE(mirror.access(), KeySpaceMirror::Access::Partial);
    const KeyTree::Node *root = mirror.tree().root();
    QVERIFY(mirror.tree().deniedMarker(root));
    QCOMPARE(static_cast<qsizetype>(root->children.size()), static_cast<qsizetype>(mirror.tree().keyCount()));
    QVERIFY(mirror.tree().find("/cfg/main"));
    QVERIFY(mirror.tree().find("/app/b"));
    QVERIFY(!mirror.tree().find("/cfg/other"));
    for (const auto &child : root->children)
        QCOMPARE(child->access, KeyTree::Node::Access::Open);
}

void TestPermissionBrowse::userWhoCanReadNothingIsToldPlainly()
{
    Browse b(*m_cluster, QStringLiteral("dave"), QByteArray());
    waitLoaded(b);
    QCOMPARE(b.mirror.access(), KeySpaceMirror::Access::None);
    QCOMPARE(b.mirror.readAccess().user, QStringLiteral("dave"));
    QCOMPARE(b.mirror.readAccess().roles, QStringList{QStringLiteral("app-writer")});
    QVERIFY(b.mirror.readAccess().ranges.isEmpty());
    QVERIFY(b.mirror.ranges().isEmpty());
    QVERIFY(b.mirror.isLoaded());
    QCOMPARE(b.mirror.tree().keyCount(), 0u);
    QVERIFY(b.mirror.tree().root()->children.empty());
    QVERIFY(b.mirror.tree().deniedMarker(b.mirror.tree().root()));
    // Nothing keeps retrying or failing afterwards, writes included.
    QString why;
    QVERIFY2(perm::put(*m_cluster, QStringLiteral("/app/dave-cannot-see"), QStringLiteral("v"), &why), qPrintable(why));
    spin(1500);
    QCOMPARE(b.loaded.count(), 1);
    QCOMPARE(b.failed.count(), 0);
    QCOMPARE(b.mirror.tree().keyCount(), 0u);
    const EtcdctlResult del = perm::asRoot(*m_cluster).run({QStringLiteral("del"), QStringLiteral("/app/dave-cannot-see")});
    QVERIFY(del.ok());
}

void TestPermissionBrowse::scopedBrowsingWorksAsBefore()
{
    // A scope bob can read: the plain single-range load, no permission lookup.
    Browse app(*m_cluster, QStringLiteral("bob"), "/app/");
    waitLoaded(app);
    QCOMPARE(app.limited.count(), 0);
    QCOMPARE(app.mirror.access(), KeySpaceMirror::Access::Full);
    QVERIFY(app.has("/app/a/1"));
    QCOMPARE(app.mirror.tree().root()->access, KeyTree::Node::Access::Open);
    QVERIFY(!app.mirror.tree().deniedMarker(app.mirror.tree().root()));
    QString why;
    QVERIFY2(perm::put(*m_cluster, QStringLiteral("/app/scoped"), QStringLiteral("v"), &why), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(app.has("/app/scoped"), 10000);

    // A scope wider than what bob reads: narrowed to /app/ inside it.
    Browse slash(*m_cluster, QStringLiteral("bob"), "/");
    waitLoaded(slash);
    QCOMPARE(slash.mirror.access(), KeySpaceMirror::Access::Partial);
    QVERIFY(slash.has("/app/a/1"));
    QVERIFY(!slash.mirror.tree().find("/other/x"));
    QCOMPARE(slash.mirror.tree().find("/app/")->access, KeyTree::Node::Access::Readable);

    // A scope where bob reads nothing.
    Browse other(*m_cluster, QStringLiteral("bob"), "/other/");
    waitLoaded(other);
    QCOMPARE(other.mirror.access(), KeySpaceMirror::Access::None);
    QCOMPARE(other.mirror.tree().keyCount(), 0u);
    QVERIFY(perm::asRoot(*m_cluster).run({QStringLiteral("del"), QStringLiteral("/app/scoped")}).ok());
}

void TestPermissionBrowse::withoutFollowingPermissionsTheRefusalIsReported()
{
    EtcdClient bob(perm::optionsAs(*m_cluster, QStringLiteral("bob")));
    KeySpaceMirror::Options o{QByteArray(), '/'};
    o.followPermissions = false;
    KeySpaceMirror mirror(&bob, o);
    QSignalSpy failed(&mirror, &KeySpaceMirror::failed);
    QSignalSpy loaded(&mirror, &KeySpaceMirror::loaded);
    mirror.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 15000);
    QVERIFY(failed.at(0).at(0).value<EtcdError>().isPermissionDenied());
    QVERIFY(!mirror.isLoading());
    spin(500);
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(failed.count(), 1);
}

QTEST_GUILESS_MAIN(TestPermissionBrowse)
#include "tst_permissionbrowse.moc"
