// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// KeyTreeModel's row arithmetic on an in-memory key tree (tests/support/memorykeyspace.h), no etcd:
// lazy fetching, single-row inserts and removals at the sorted position, folders appearing and
// disappearing, keys that are folders too, relists, delimiters and the flat list, permission rows,
// data per column, and the filter over the same tree. Every test runs under
// QAbstractItemModelTester (fatal mode). The real-etcd tests of the mirror stay in tst_keybrowser.

#include "keys/keysearch.h"
#include "keys/keytreemodel.h"
#include "support/memorykeyspace.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

namespace {

QList<QByteArray> keys(std::initializer_list<const char *> list)
{
    QList<QByteArray> out;
    for (const char *k : list)
        out << QByteArray(k);
    return out;
}

// Fetches everything and writes the tree as "name" lines indented by depth, keys marked "*".
void dumpInto(KeyTreeModel &model, const QModelIndex &parent, int depth, QStringList &out)
{
    if (model.canFetchMore(parent))
        model.fetchMore(parent);
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex i = model.index(row, 0, parent);
        out << QString(depth * 2, u' ') + i.data().toString() +
                   (i.data(KeyTreeModel::IsKeyRole).toBool() ? QStringLiteral("*") : QString());
        dumpInto(model, i, depth + 1, out);
    }
}

QStringList dump(KeyTreeModel &model)
{
    QStringList out;
    dumpInto(model, {}, 0, out);
    return out;
}

QStringList names(KeyTreeModel &model, const QModelIndex &parent = {})
{
    if (model.canFetchMore(parent))
        model.fetchMore(parent);
    QStringList out;
    for (int row = 0; row < model.rowCount(parent); ++row)
        out << model.index(row, 0, parent).data().toString();
    return out;
}

enum class Tester { Now, Later };

// The model, its tester and the source, together. The tester walks the whole model, fetching every
// folder as a view that expands everything would: tests of laziness attach it after their checks.
struct Fixture
{
    explicit Fixture(QByteArray scope = {}, char delimiter = '/', Tester when = Tester::Now)
        : space(std::move(scope), delimiter), model(&space)
    {
        if (when == Tester::Now)
            attachTester();
    }
    explicit Fixture(Tester when) : Fixture({}, '/', when) {}
    void attachTester()
    {
        tester =
            std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    MemoryKeySpace space;
    KeyTreeModel model;
    std::unique_ptr<QAbstractItemModelTester> tester;
};

} // namespace

class TestKeyTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyTreeHasNoRows();
    void keysBecomeFoldersAtTheDelimiter();
    void childrenAreSortedByBytes();
    void nothingIsShownUntilAViewFetches();
    void changesUnderUnfetchedFoldersAreSilent();
    void insertIsOneRowAtItsSortedPlace();
    void newFolderIsOneRowAndItsKeyComesWithIt();
    void removeIsOneRowAndEmptyFoldersGo();
    void aKeyCanBeAFolderToo();
    void aFolderThatStopsBeingAKeyStays();
    void updateIsADataChangeNotARowChange();
    void folderCountsFollowChanges();
    void columnsShowRevisionVersionAndLease();
    void liveChangesFlashAndFade();
    void relistRemovesOnlyWhatIsGone();
    void indexForKeyFetchesTheWayDown();
    void otherDelimiterMakesOtherFolders();
    void flatListIsOneRowPerKey();
    void scopeIsLeftOutOfTheNames();
    void binaryKeysAreEscaped();
    void partlyReadableFolderEndsWithADeniedRow();
    void nothingReadableShowsOnlyTheDeniedRow();
    void manyChangesInOneBatch();
    void filterFindsSubstringsAndGlobs();
    void neverAResetOnLiveChanges();
};

void TestKeyTreeModel::emptyTreeHasNoRows()
{
    Fixture f;
    QCOMPARE(f.model.rowCount(), 0);
    QVERIFY(!f.model.hasChildren());
    QVERIFY(!f.model.canFetchMore({}));
    QCOMPARE(f.model.columnCount(), int(KeyTreeModel::ColumnCount));
    QCOMPARE(f.model.headerData(KeyTreeModel::Revision, Qt::Horizontal).toString(), QStringLiteral("Revision"));
}

void TestKeyTreeModel::keysBecomeFoldersAtTheDelimiter()
{
    Fixture f;
    f.space.load(keys({"/app/db/host", "/app/db/port", "/app/name", "/other"}));
    QCOMPARE(dump(f.model), (QStringList{QStringLiteral("/"), QStringLiteral("  app"), QStringLiteral("    db"),
                                         QStringLiteral("      host*"), QStringLiteral("      port*"),
                                         QStringLiteral("    name*"), QStringLiteral("  other*")}));
    const QModelIndex app = f.model.indexForKey("/app");
    QVERIFY(app.isValid());
    QCOMPARE(app.data(KeyTreeModel::IsFolderRole).toBool(), true);
    QCOMPARE(f.model.index(app.row(), KeyTreeModel::Keys, app.parent()).data().toString(), QStringLiteral("3"));
    QCOMPARE(f.model.keyAt(f.model.indexForKey("/app/db/port")), QByteArray("/app/db/port"));
}

void TestKeyTreeModel::childrenAreSortedByBytes()
{
    Fixture f;
    f.space.load(keys({"b", "a", "B", "a0", "a-", "\xc3\xa9"}));
    // Bytes, not locale: 'B' (0x42) < '_' ... 'a' (0x61); "a-" (0x2d) < "a0" (0x30); UTF-8 last.
    QCOMPARE(names(f.model), (QStringList{QStringLiteral("B"), QStringLiteral("a"), QStringLiteral("a-"),
                                          QStringLiteral("a0"), QStringLiteral("b"), QStringLiteral("é")}));
}

void TestKeyTreeModel::nothingIsShownUntilAViewFetches()
{
    Fixture f(Tester::Later);
    f.space.load(keys({"/a/1", "/a/2"}));
    // The top level is always known; below it, a folder's rows appear when a view asks.
    QCOMPARE(f.model.rowCount(), 1);
    QVERIFY(!f.model.canFetchMore({}));
    const QModelIndex slash = f.model.index(0, 0);
    QVERIFY(f.model.hasChildren(slash));
    QCOMPARE(f.model.rowCount(slash), 0);
    QVERIFY(f.model.canFetchMore(slash));
    QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
    f.model.fetchMore(slash);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(f.model.rowCount(slash), 1);
    QVERIFY(!f.model.canFetchMore(slash));
    const QModelIndex a = f.model.index(0, 0, slash);
    QCOMPARE(f.model.rowCount(a), 0);
    QVERIFY(f.model.canFetchMore(a));
    f.attachTester();
}

void TestKeyTreeModel::changesUnderUnfetchedFoldersAreSilent()
{
    Fixture f(Tester::Later);
    f.space.load(keys({"/a/1"}));
    QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
    f.space.put(keys({"/a/2", "/a/3"}));
    f.space.remove("/a/1");
    QCOMPARE(inserted.count(), 0); // "/" is shown but never opened: nothing to tell
    QCOMPARE(removed.count(), 0);
    QCOMPARE(names(f.model, f.model.index(0, 0)), QStringList{QStringLiteral("a")});
    QCOMPARE(names(f.model, f.model.indexForKey("/a")), (QStringList{QStringLiteral("2"), QStringLiteral("3")}));
    f.attachTester();
}

void TestKeyTreeModel::insertIsOneRowAtItsSortedPlace()
{
    Fixture f;
    f.space.load(keys({"k1", "k3", "k5"}));
    f.model.fetchMore({});
    QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
    f.space.put("k4");
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 2);
    QCOMPARE(inserted.first().at(2).toInt(), 2);
    f.space.put("k0");
    QCOMPARE(inserted.last().at(1).toInt(), 0);
    QCOMPARE(names(f.model), (QStringList{QStringLiteral("k0"), QStringLiteral("k1"), QStringLiteral("k3"),
                                          QStringLiteral("k4"), QStringLiteral("k5")}));
}

void TestKeyTreeModel::newFolderIsOneRowAndItsKeyComesWithIt()
{
    Fixture f(Tester::Later);
    f.space.load(keys({"/a/x"}));
    const QModelIndex a = f.model.indexForKey("/a");
    f.model.fetchMore(a);
    QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
    f.space.put("/a/new/deep/key");
    QCOMPARE(inserted.count(), 1); // "new" under the open "/a"; what is below it waits to be opened
    QCOMPARE(inserted.first().at(0).value<QModelIndex>(), f.model.indexForKey("/a"));
    QCOMPARE(names(f.model, f.model.indexForKey("/a")), (QStringList{QStringLiteral("new"), QStringLiteral("x")}));
    QVERIFY(f.model.indexForKey("/a/new/deep/key").isValid());
    f.attachTester();
}

void TestKeyTreeModel::removeIsOneRowAndEmptyFoldersGo()
{
    Fixture f;
    f.space.load(keys({"/a/b/c", "/a/d"}));
    dump(f.model); // everything open
    QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
    QCOMPARE(f.space.remove("/a/b/c"), 1);
    // "c" from the open "b", then "b", empty now, from "a": one single row each.
    QCOMPARE(removed.count(), 2);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 0);
    QCOMPARE(removed.at(1).at(0).value<QModelIndex>(), f.model.indexForKey("/a"));
    QVERIFY(!f.model.indexForKey("/a/b").isValid());
    QCOMPARE(dump(f.model), (QStringList{QStringLiteral("/"), QStringLiteral("  a"), QStringLiteral("    d*")}));
    QCOMPARE(f.space.remove("/a/d"), 1);
    QCOMPARE(f.model.rowCount(), 0); // nothing left, not even "/"
    QCOMPARE(f.space.remove("/not/there"), 0);
}

void TestKeyTreeModel::aKeyCanBeAFolderToo()
{
    Fixture f(Tester::Later);
    f.space.load(keys({"/svc"}));
    f.model.fetchMore({});
    const QModelIndex slash = f.model.index(0, 0);
    f.model.fetchMore(slash);
    QModelIndex svc = f.model.indexForKey("/svc");
    QVERIFY(svc.data(KeyTreeModel::IsKeyRole).toBool());
    QVERIFY(!f.model.hasChildren(svc));
    QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
    f.space.put("/svc/instance");
    QCOMPARE(inserted.count(), 0); // "svc" was never opened: it only gains children
    svc = f.model.indexForKey("/svc");
    QVERIFY(f.model.hasChildren(svc));
    QVERIFY(svc.data(KeyTreeModel::IsKeyRole).toBool());
    QVERIFY(svc.data(KeyTreeModel::IsFolderRole).toBool());
    QCOMPARE(f.model.index(svc.row(), KeyTreeModel::Keys, svc.parent()).data().toString(), QStringLiteral("2"));
    f.attachTester();
}

void TestKeyTreeModel::aFolderThatStopsBeingAKeyStays()
{
    Fixture f;
    f.space.load(keys({"/svc", "/svc/a"}));
    dump(f.model);
    QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
    f.space.remove("/svc");
    QCOMPARE(removed.count(), 0); // the folder still holds "/svc/a"
    const QModelIndex svc = f.model.indexForKey("/svc");
    QVERIFY(svc.isValid());
    QVERIFY(!svc.data(KeyTreeModel::IsKeyRole).toBool());
    QCOMPARE(f.model.index(svc.row(), KeyTreeModel::Revision, svc.parent()).data(), QVariant());
}

void TestKeyTreeModel::updateIsADataChangeNotARowChange()
{
    Fixture f;
    f.space.load(keys({"k1", "k2"}));
    f.model.fetchMore({});
    QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
    const qint64 before = f.model.indexForKey("k2").data(KeyTreeModel::ModRevisionRole).toLongLong();
    f.space.put("k2");
    QTRY_VERIFY(!changed.isEmpty());
    QCOMPARE(inserted.count(), 0);
    QVERIFY(f.model.indexForKey("k2").data(KeyTreeModel::ModRevisionRole).toLongLong() > before);
    const auto first = changed.first().at(0).value<QModelIndex>();
    QVERIFY(!first.parent().isValid());
}

void TestKeyTreeModel::folderCountsFollowChanges()
{
    Fixture f;
    f.space.load(keys({"/a/1", "/a/2"}));
    dump(f.model);
    const auto countOf = [&f](const char *key) {
        const QModelIndex i = f.model.indexForKey(key);
        return f.model.index(i.row(), KeyTreeModel::Keys, i.parent()).data().toString();
    };
    QCOMPARE(countOf("/a"), QStringLiteral("2"));
    QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
    f.space.put(keys({"/a/3", "/a/4"}));
    QCOMPARE(countOf("/a"), QStringLiteral("4"));
    bool countsAnnounced = false;
    for (const auto &args : changed)
        countsAnnounced = countsAnnounced || (args.at(0).value<QModelIndex>().column() <= KeyTreeModel::Keys &&
                                              args.at(1).value<QModelIndex>().column() >= KeyTreeModel::Keys);
    QVERIFY(countsAnnounced);
    f.space.remove(keys({"/a/1", "/a/2", "/a/3"}));
    QCOMPARE(countOf("/a"), QStringLiteral("1"));
}

void TestKeyTreeModel::columnsShowRevisionVersionAndLease()
{
    Fixture f;
    f.space.load(keys({"k"}));
    f.space.put("k", 0x2a);
    f.model.fetchMore({});
    const QModelIndex k = f.model.indexForKey("k");
    QCOMPARE(f.model.index(k.row(), KeyTreeModel::Revision).data().toString(), QString::number(f.space.revision()));
    QCOMPARE(f.model.index(k.row(), KeyTreeModel::Version).data().toString(), QStringLiteral("2"));
    QCOMPARE(f.model.index(k.row(), KeyTreeModel::Lease).data().toString(), QStringLiteral("2a")); // hex, as etcdctl
    QCOMPARE(f.model.index(k.row(), KeyTreeModel::Keys).data(), QVariant()); // a key, not a folder
    QVERIFY(k.data(Qt::ToolTipRole).toString().contains(QLatin1String("version 2")));
    QCOMPARE(k.data(KeyTreeModel::FullKeyRole).toByteArray(), QByteArray("k"));
    QVERIFY(f.model.flags(k) & Qt::ItemIsSelectable);
}

void TestKeyTreeModel::liveChangesFlashAndFade()
{
    Fixture f;
    f.space.load(keys({"quiet", "busy"}));
    f.model.fetchMore({});
    QVERIFY(!f.model.indexForKey("quiet").data(Qt::BackgroundRole).isValid()); // a listing does not flash
    f.space.put("busy");
    QVERIFY(f.model.indexForKey("busy").data(Qt::BackgroundRole).value<QColor>().isValid());
    QTRY_VERIFY_WITH_TIMEOUT(!f.model.indexForKey("busy").data(Qt::BackgroundRole).isValid(),
                             KeyTreeModel::kFlashMs * 3);
}

void TestKeyTreeModel::relistRemovesOnlyWhatIsGone()
{
    Fixture f;
    f.space.load(keys({"/a/1", "/a/2", "/b/1"}));
    dump(f.model);
    const QPersistentModelIndex keep = f.model.indexForKey("/a/1");
    QSignalSpy reset(&f.model, &QAbstractItemModel::modelReset);
    QCOMPARE(f.space.relist(keys({"/a/1", "/c/1"})), 2);
    QCOMPARE(reset.count(), 0);
    QVERIFY(keep.isValid()); // the row that stayed is the same row
    QCOMPARE(keep.data(KeyTreeModel::FullKeyRole).toByteArray(), QByteArray("/a/1"));
    QCOMPARE(dump(f.model), (QStringList{QStringLiteral("/"), QStringLiteral("  a"), QStringLiteral("    1*"),
                                         QStringLiteral("  c"), QStringLiteral("    1*")}));
}

void TestKeyTreeModel::indexForKeyFetchesTheWayDown()
{
    Fixture f(Tester::Later);
    f.space.load(keys({"/x/y/z/leaf"}));
    QCOMPARE(f.model.rowCount(f.model.index(0, 0)), 0); // "/" not opened yet
    const QModelIndex leaf = f.model.indexForKey("/x/y/z/leaf");
    QVERIFY(leaf.isValid());
    QCOMPARE(leaf.data().toString(), QStringLiteral("leaf"));
    QCOMPARE(f.model.indexForKey("/x/y/").data().toString(), QStringLiteral("y")); // a folder path, trailing '/'
    QVERIFY(!f.model.indexForKey("/x/nope").isValid());
    QCOMPARE(f.model.parent(f.model.parent(leaf)).data().toString(), QStringLiteral("y"));
    f.attachTester();
}

void TestKeyTreeModel::otherDelimiterMakesOtherFolders()
{
    const QList<QByteArray> all = keys({"cfg:svc1:port", "cfg:svc1:host", "cfg:svc2:port", "cfg/plain"});
    Fixture colon({}, ':');
    colon.space.load(all);
    QCOMPARE(dump(colon.model),
             (QStringList{QStringLiteral("cfg"), QStringLiteral("  svc1"), QStringLiteral("    host*"),
                          QStringLiteral("    port*"), QStringLiteral("  svc2"), QStringLiteral("    port*"),
                          QStringLiteral("cfg/plain*")}));
    Fixture slash({}, '/');
    slash.space.load(all);
    QCOMPARE(names(slash.model), (QStringList{QStringLiteral("cfg"), QStringLiteral("cfg:svc1:host"),
                                              QStringLiteral("cfg:svc1:port"), QStringLiteral("cfg:svc2:port")}));
}

void TestKeyTreeModel::flatListIsOneRowPerKey()
{
    Fixture f({}, 0);
    f.space.load(keys({"/a/b", "/a/c", "/d"}));
    QCOMPARE(dump(f.model), (QStringList{QStringLiteral("/a/b*"), QStringLiteral("/a/c*"), QStringLiteral("/d*")}));
    QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
    f.space.put("/a/bb");
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 1);
    QVERIFY(!f.model.hasChildren(f.model.indexForKey("/a/b")));
}

void TestKeyTreeModel::scopeIsLeftOutOfTheNames()
{
    Fixture f("/app/", '/');
    f.space.load(keys({"/app/a", "/app/b/c", "/elsewhere"}));
    QCOMPARE(dump(f.model), (QStringList{QStringLiteral("a*"), QStringLiteral("b"), QStringLiteral("  c*")}));
    QCOMPARE(f.model.keyAt(f.model.indexForKey("/app/b/c")), QByteArray("/app/b/c"));
}

void TestKeyTreeModel::binaryKeysAreEscaped()
{
    Fixture f;
    f.space.load({QByteArray("bin\xff\x00\x01", 6), QByteArray("back\\slash"), QByteArray("tab\tkey")});
    QCOMPARE(names(f.model), (QStringList{QStringLiteral("back\\\\slash"), QStringLiteral("bin\\xff\\x00\\x01"),
                                          QStringLiteral("tab\\x09key")}));
    QCOMPARE(f.model.keyAt(f.model.index(1, 0)), QByteArray("bin\xff\x00\x01", 6));
}

void TestKeyTreeModel::partlyReadableFolderEndsWithADeniedRow()
{
    Fixture f;
    f.space.limitTo(QStringLiteral("alice"), keys({"/app/", "/cfg/main"}));
    f.space.load(keys({"/app/x", "/cfg/main"}));
    // "/" is partly readable: its children, then one row standing for what alice cannot see.
    QVERIFY(f.model.index(0, 0).data().toString().contains(QLatin1String("partly readable")));
    const QStringList rows = names(f.model, f.model.index(0, 0));
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.at(0), QStringLiteral("app"));
    QVERIFY(rows.at(1).startsWith(QLatin1String("cfg")));
    QVERIFY2(rows.at(2).contains(QLatin1String("permission denied for user alice")), qPrintable(rows.at(2)));
    const QModelIndex denied = f.model.index(2, 0, f.model.index(0, 0));
    QVERIFY(!(f.model.flags(denied) & Qt::ItemIsSelectable));
    QVERIFY(f.model.flags(denied) & Qt::ItemNeverHasChildren);
    QCOMPARE(f.model.keyAt(denied), QByteArray());
    QCOMPARE(denied.data(KeyTreeModel::AccessRole).toInt(), int(KeyTree::Node::Access::Denied));
    // The readable folder keeps its place when its last key goes.
    f.space.remove("/app/x");
    QVERIFY(f.model.indexForKey("/app/").isValid());
}

void TestKeyTreeModel::nothingReadableShowsOnlyTheDeniedRow()
{
    Fixture f;
    f.space.limitTo(QStringLiteral("bob"), {});
    QCOMPARE(f.space.access(), KeyTreeSource::Access::None);
    QCOMPARE(f.model.rowCount(), 1);
    const QModelIndex only = f.model.index(0, 0);
    QVERIFY2(only.data().toString().contains(QLatin1String("nothing readable here (no read permission for user bob)")),
             qPrintable(only.data().toString()));
    QVERIFY(only.data(Qt::ToolTipRole).toString().contains(QLatin1String("may not read any key")));
    QVERIFY(!(f.model.flags(only) & Qt::ItemIsSelectable));
    QVERIFY(!f.model.hasChildren(only));
}

void TestKeyTreeModel::manyChangesInOneBatch()
{
    Fixture f;
    QList<QByteArray> many;
    for (int i = 0; i < 2000; ++i)
        many << "/bulk/" + QByteArray::number(i).rightJustified(4, '0');
    f.space.load(many);
    dump(f.model);
    QCOMPARE(f.model.rowCount(f.model.indexForKey("/bulk")), 2000);
    QList<QByteArray> odd;
    for (int i = 1; i < 2000; i += 2)
        odd << many.at(i);
    QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
    QCOMPARE(f.space.remove(odd), 1000);
    QCOMPARE(removed.count(), 1000); // single rows, each at its place
    QCOMPARE(f.model.rowCount(f.model.indexForKey("/bulk")), 1000);
    QCOMPARE(f.model.index(1, 0, f.model.indexForKey("/bulk")).data().toString(), QStringLiteral("0002"));
}

void TestKeyTreeModel::filterFindsSubstringsAndGlobs()
{
    MemoryKeySpace space;
    space.load(keys({"/app/db/host", "/app/db/port", "/app/web/port", "/other/PORT"}));
    KeySearchModel search(&space);
    QAbstractItemModelTester tester(&search, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy finished(&search, &KeySearchModel::finished);
    search.search(QStringLiteral("port"));
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(search.rowCount(), 3); // case-insensitive by default
    search.search(QStringLiteral("/app/*/port"));
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(search.rowCount(), 2);
    QCOMPARE(search.keyAt(0), QByteArray("/app/db/port"));
    search.search(QStringLiteral("port"), Qt::CaseSensitive);
    QTRY_COMPARE(finished.count(), 3);
    QCOMPARE(search.rowCount(), 2);
    search.search(QString());
    QCOMPARE(search.rowCount(), 0);
}

void TestKeyTreeModel::neverAResetOnLiveChanges()
{
    Fixture f;
    QSignalSpy reset(&f.model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(&f.model, &QAbstractItemModel::layoutChanged);
    f.space.load(keys({"/a/1", "/b/2"}));
    dump(f.model);
    for (int round = 0; round < 50; ++round) {
        f.space.put("/a/" + QByteArray::number(round % 7) + "/x");
        f.space.put("/c/" + QByteArray::number(round));
        if (round % 3 == 0)
            f.space.remove("/c/" + QByteArray::number(round / 2));
        dump(f.model);
    }
    QCOMPARE(reset.count(), 0);
    QCOMPARE(layout.count(), 0);
}

QTEST_MAIN(TestKeyTreeModel)
#include "tst_keytreemodel.moc"
