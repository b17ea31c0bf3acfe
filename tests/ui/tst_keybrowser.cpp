// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The key tree model and browser on the offscreen platform against real etcd: the model under
// QAbstractItemModelTester while etcdctl inserts, deletes and changes keys; 100 000 keys; binary
// keys shown escaped yet addressable byte for byte; a quiet relist after compaction with no reset.

#include "keys/keybrowser.h"
#include "keys/keysearch.h"
#include "keys/keytreemodel.h"
#include "keys/newkeydialog.h"
#include "keys/valueeditor.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

class TestKeyBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modelFollowsEtcdctlUnderTheTester();
    void loadsOneHundredThousandKeys();
    void binaryKeysAreShownEscapedAndAddressable();
    void filterFindsKeysWithoutBlocking();
    void relistAfterCompactionKeepsTheView();
    void delimiterIsConfigurable();
    void largeLoadCanBeCancelled();
    void keyViewStaysInStepWithItself();

private:
    static void writeKeys(EtcdClient &client, const QByteArray &prefix, int count);
    std::unique_ptr<LocalCluster> m_cluster;
};

void TestKeyBrowser::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
}

void TestKeyBrowser::writeKeys(EtcdClient &client, const QByteArray &prefix, int count)
{
    for (int from = 0; from < count; from += 100) {
        TxnSpec txn;
        for (int i = from; i < std::min(count, from + 100); ++i)
            txn.success << TxnOp::putKey(prefix + "dir" + QByteArray::number(i % 13) + "/sub" + QByteArray::number(i % 7)
                                             + "/key" + QByteArray::number(i),
                                         "v");
        resultOf(client.kv().txn(txn));
    }
}

void TestKeyBrowser::modelFollowsEtcdctlUnderTheTester()
{
    EtcdClient client(optionsFor(*m_cluster));
    writeKeys(client, "/b1/", 300);
    KeyBrowser browser(&client, {"/b1/", '/'});
    QAbstractItemModelTester tester(browser.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    QSignalSpy resets(browser.model(), &QAbstractItemModel::modelReset);
    browser.show();
    browser.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    KeyTreeModel *model = browser.model();
    QCOMPARE(model->rowCount(), 13);
    QCOMPARE(model->index(0, KeyTreeModel::Keys).data().toString(), QStringLiteral("24")); // dir0: i%13==0 in 0..299

    // Open dir1/sub1 like a user expanding folders.
    QModelIndex dir1 = model->indexForKey("/b1/dir1");
    browser.treeView()->expand(dir1);
    const QModelIndex sub = model->indexForKey("/b1/dir1/sub1");
    browser.treeView()->expand(sub);
    const int rows = model->rowCount(sub);
    QVERIFY(rows > 0);

    Etcdctl ctl = etcdctlFor(*m_cluster);
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/b1/dir1/sub1/zz-new"), QStringLiteral("1")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(sub), rows + 1, 5000);
    QVERIFY(inserted.count() >= 1);
    QCOMPARE(model->index(rows, 0, sub).data().toString(), QStringLiteral("zz-new")); // sorted: last
    QVERIFY(ctl.run({QStringLiteral("del"), QStringLiteral("/b1/dir1/sub1/zz-new")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(sub), rows, 5000);
    QVERIFY(removed.count() >= 1);
    const QByteArray first = model->keyAt(model->index(0, 0, sub));
    changed.clear();
    QVERIFY(ctl.run({QStringLiteral("put"), QString::fromLatin1(first), QStringLiteral("changed")}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 5000);
    // The changed row flashes.
    QTRY_VERIFY_WITH_TIMEOUT(model->index(0, 0, sub).data(Qt::BackgroundRole).isValid(), 2000);
    // A whole new folder at the top, and the removal of the last key of one.
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/b1/aaa/x"), QStringLiteral("1")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 14, 5000);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("aaa"));
    QVERIFY(ctl.run({QStringLiteral("del"), QStringLiteral("/b1/aaa/x")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 13, 5000);
    QCOMPARE(resets.count(), 0); // live updates never reset the model
}

void TestKeyBrowser::loadsOneHundredThousandKeys()
{
    EtcdClient client(optionsFor(*m_cluster));
    writeKeys(client, "/b2/", 100000);
    KeyBrowser browser(&client, {"/b2/", '/'});
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    QSignalSpy resets(browser.model(), &QAbstractItemModel::modelReset);
    QElapsedTimer t;
    t.start();
    browser.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
    qInfo("100 000 keys browsable after %lld ms", t.elapsed());
    QCOMPARE(browser.mirror()->tree().keyCount(), 100000u);
    QCOMPARE(browser.model()->rowCount(), 13);
    {
        // The tester re-checks the whole model on every signal (quadratic during a load), so it
        // checks the loaded model once: its constructor walks and fetches all 100 000 rows.
        // Live changes under the tester are the job of modelFollowsEtcdctlUnderTheTester.
        QElapsedTimer check;
        check.start();
        QAbstractItemModelTester tester(browser.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        qInfo("the model tester checked all 100 000 rows in %lld ms", check.elapsed());
    }
    QVERIFY(browser.goToKey("/b2/dir1/sub2/key99997"));
    QCOMPARE(browser.model()->keyAt(browser.treeView()->currentIndex()), QByteArray("/b2/dir1/sub2/key99997"));
    QTRY_VERIFY_WITH_TIMEOUT(browser.editor()->key() == "/b2/dir1/sub2/key99997" && !browser.editor()->isLoading(), 5000);
    QCOMPARE(browser.editor()->text(), QStringLiteral("v"));
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("put"), QStringLiteral("/b2/dir1/sub2/key-new"), QStringLiteral("1")}).ok());
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("del"), QStringLiteral("/b2/dir1/sub2/key99997")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(browser.mirror()->tree().keyCount(), 100000u, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!browser.mirror()->tree().find("/b2/dir1/sub2/key99997"), 5000);
    QCOMPARE(resets.count(), 0);
}

void TestKeyBrowser::binaryKeysAreShownEscapedAndAddressable()
{
    EtcdClient client(optionsFor(*m_cluster));
    const QByteArray key("/b3/bin\xff\x00\x01/leaf", 15);
    const QByteArray value("\x00\x01\x02\xff\xfe", 5);
    QVERIFY_OK(resultOf(client.kv().put(key, value)));
    KeyBrowser browser(&client, {"/b3/", '/'});
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    browser.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    const QModelIndex folder = browser.model()->index(0, 0);
    QCOMPARE(folder.data().toString(), QStringLiteral("bin\\xff\\x00\\x01"));
    QVERIFY(browser.goToKey(key));
    const QModelIndex leaf = browser.treeView()->currentIndex();
    QCOMPARE(browser.model()->keyAt(leaf), key);
    QTRY_VERIFY_WITH_TIMEOUT(browser.editor()->key() == key && !browser.editor()->isLoading(), 5000);
    QCOMPARE(browser.editor()->format(), ValueFormat::Binary);
    QCOMPARE(browser.editor()->loaded().value, value);
    // Change one byte through the hex text and save: etcd has exactly those bytes.
    QString hex = browser.editor()->text();
    hex.replace(QStringLiteral("ff fe"), QStringLiteral("ff 7f"));
    browser.editor()->setText(hex);
    QVERIFY(browser.editor()->isDirty());
    QSignalSpy saved(browser.editor(), &ValueEditor::saved);
    browser.editor()->save();
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 5000);
    QCOMPARE(resultOf(client.kv().get(key))->kvs[0].value, QByteArray("\x00\x01\x02\xff\x7f", 5));
}

void TestKeyBrowser::filterFindsKeysWithoutBlocking()
{
    EtcdClient client(optionsFor(*m_cluster));
    writeKeys(client, "/b4/", 20000);
    KeyBrowser browser(&client, {"/b4/", '/'});
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    browser.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    KeySearchModel *search = browser.searchModel();
    QAbstractItemModelTester tester(search, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(search, &KeySearchModel::finished);
    // Substring: every key ending in 777 (key777, key1777, ... key19777).
    search->search(QStringLiteral("key1977"));
    QVERIFY(search->isSearching()); // it returns at once and works in slices
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(search->rowCount(), 11); // key1977 and key19770..key19779
    // Glob.
    search->search(QStringLiteral("*/dir3/sub2/key1?"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
    for (int i = 0; i < search->rowCount(); ++i)
        QVERIFY(search->keyAt(i).startsWith("/b4/dir3/sub2/key1"));
    QVERIFY(search->rowCount() >= 1);
    QCOMPARE(search->scanned(), 20000);
}

void TestKeyBrowser::relistAfterCompactionKeepsTheView()
{
    START_CLUSTER(cluster, 3, true);
    ConnectionOptions only0 = optionsFor(*cluster);
    only0.endpoints = QStringList{cluster->clientEndpoint(0)};
    EtcdClient client(only0);
    ConnectionOptions survivors = optionsFor(*cluster);
    survivors.endpoints.removeFirst();
    survivors.callTimeoutMs = 15000; // a write may wait out an election when member 0 led
    EtcdClient writer(survivors);
    writeKeys(writer, "/b5/", 200);
    KeyBrowser browser(&client, {"/b5/", '/'});
    QAbstractItemModelTester tester(browser.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    QSignalSpy resets(browser.model(), &QAbstractItemModel::modelReset);
    browser.show();
    browser.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    const QModelIndex dir2 = browser.model()->indexForKey("/b5/dir2");
    browser.treeView()->expand(dir2);

    QVERIFY(cluster->kill(0));
    QVERIFY(waitForLeader(writer));
    QVERIFY_OK(resultOf(writer.kv().deleteRange(DeleteOptions::prefix("/b5/dir2/sub0/"))));
    QVERIFY_OK(resultOf(writer.kv().put("/b5/dir2/sub9/new", "x")));
    auto head = resultOf(writer.kv().put("/b5/head", "x"));
    QVERIFY_OK(head);
    QVERIFY_OK(resultOf(writer.kv().compact(head->header.revision, true)));
    QString error;
    QVERIFY2(cluster->restart(0, &error), qPrintable(error));

    QTRY_COMPARE_WITH_TIMEOUT(browser.mirror()->relists(), 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(browser.mirror()->isLoaded() && browser.mirror()->tree().find("/b5/head"), 20000);
    QVERIFY(!browser.mirror()->tree().find("/b5/dir2/sub0"));
    QVERIFY(browser.mirror()->tree().find("/b5/dir2/sub9/new"));
    QCOMPARE(resets.count(), 0);
    QVERIFY(browser.treeView()->isExpanded(browser.model()->indexForKey("/b5/dir2"))); // the view kept its state
}

void TestKeyBrowser::delimiterIsConfigurable()
{
    EtcdClient client(optionsFor(*m_cluster));
    for (const QByteArray k : {"cfg:svc1:port", "cfg:svc1:host", "cfg:svc2:port"})
        QVERIFY_OK(resultOf(client.kv().put(k, "v")));
    KeyBrowser browser(&client, {"cfg:", ':'});
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    browser.show();
    browser.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QVERIFY(browser.model()->indexForKey("cfg:svc1").isValid()); // a folder, split at ':'
    auto *box = browser.findChild<QComboBox *>(QStringLiteral("delimiterBox"));
    QVERIFY(box);
    QCOMPARE(box->currentText(), QStringLiteral(":"));

    // The flat list: every key one row, the delimiter choice off meanwhile.
    browser.findChild<QAction *>(QStringLiteral("flatAction"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10000);
    QCOMPARE(browser.model()->rowCount(), 3);
    QVERIFY(!box->isEnabled());
    browser.findChild<QAction *>(QStringLiteral("flatAction"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 3, 10000);
    QVERIFY(box->isEnabled());
    QVERIFY(browser.model()->indexForKey("cfg:svc2").isValid());

    // Another delimiter typed in the box: no ':' folders any more.
    box->setCurrentText(QStringLiteral("."));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 4, 10000);
    QVERIFY(!browser.model()->indexForKey("cfg:svc1").isValid());
    QVERIFY(browser.goToKey("cfg:svc1:port"));

    // A rebuild leaves no selection model behind, not even until the next event loop turn (Qt
    // deletes a view's own one later, when its model goes).
    auto *tree = browser.findChild<QTreeView *>(QStringLiteral("keyTree"));
    QVERIFY(tree);
    browser.findChild<QAction *>(QStringLiteral("flatAction"))->trigger(); // a rebuild
    QCOMPARE(tree->findChildren<QItemSelectionModel *>(QString(), Qt::FindDirectChildrenOnly).size(), 1);
    QCOMPARE(tree->selectionModel()->model(), browser.model());
}

// Cancel on a large load: the listing stops, what was listed stays, nothing is watched any more,
// the status says so, and Refresh lists everything again.
void TestKeyBrowser::largeLoadCanBeCancelled()
{
    EtcdClient client(optionsFor(*m_cluster));
    writeKeys(client, "/b5/", 60000);
    KeyBrowser browser(&client, {"/b5/", '/'});
    browser.show();
    QSignalSpy cancelled(browser.mirror(), &KeySpaceMirror::loadCancelled);
    browser.start();
    auto *cancel = browser.findChild<QPushButton *>(QStringLiteral("cancelLoadButton"));
    QVERIFY(cancel);
    QTRY_VERIFY_WITH_TIMEOUT(browser.mirror()->loadedKeys() > 0 || browser.mirror()->isLoaded(), 20000);
    QVERIFY2(browser.mirror()->isLoading(), "the load finished before it could be cancelled");
    QVERIFY(cancel->isVisible());
    cancel->click();
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(!browser.mirror()->isLoading());
    QVERIFY(!cancel->isVisible());
    const quint64 listed = browser.mirror()->tree().keyCount();
    QVERIFY2(listed > 0 && listed < 60000u, qPrintable(QString::number(listed)));
    QVERIFY2(browser.statusText().contains(QLatin1String("Loading cancelled")), qPrintable(browser.statusText()));
    // Not live any more: a new key does not appear...
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("put"), QStringLiteral("/b5/zz-after-cancel"), QStringLiteral("1")}).ok());
    spin(500);
    QVERIFY(!browser.mirror()->tree().find("/b5/zz-after-cancel"));
    // ...until Refresh lists everything again.
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    browser.findChild<QAction *>(QStringLiteral("refreshAction"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 60000);
    QCOMPARE(browser.mirror()->tree().keyCount(), 60001u);
}

// The selection, the path bar, the editor and the status line describe the same key and its real
// state: after creating a key, after its lease is revoked, across F5 (which keeps expansion and
// selection); the filter's results follow the watch; the first level shows at once.
void TestKeyBrowser::keyViewStaysInStepWithItself()
{
    EtcdClient client(optionsFor(*m_cluster));
    Etcdctl ctl = etcdctlFor(*m_cluster);
    for (const char *k : {"/s/app/a", "/s/app/b", "/s/cfg/x"})
        QVERIFY(ctl.run({QStringLiteral("put"), QLatin1String(k), QStringLiteral("v")}).ok());
    KeyBrowser browser(&client, {"", '/'});
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    browser.show();
    browser.start();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, 10000);
    QTreeView *tree = browser.treeView();
    auto *path = browser.findChild<QLineEdit *>(QStringLiteral("pathBar"));
    QVERIFY(path);
    // The tree opens with its first level shown ("/" expanded).
    bool slashOpen = false;
    for (int row = 0; row < browser.model()->rowCount(); ++row)
        if (browser.model()->index(row, 0).data().toString() == QLatin1String("/"))
            slashOpen = tree->isExpanded(browser.model()->index(row, 0));
    QVERIFY(slashOpen);

    // Select /s/app/a, then create /s/app/new: tree, path bar and editor all move to it.
    QVERIFY(browser.goToKey("/s/app/a"));
    QCOMPARE(path->text(), QStringLiteral("/s/app/a"));
    NewKeyDialog *dialog = browser.newKey();
    QVERIFY(dialog);
    dialog->setKeyText(QStringLiteral("/s/app/new"));
    dialog->setValueText(QStringLiteral("fresh"));
    dialog->create();
    QTRY_COMPARE_WITH_TIMEOUT(browser.editor()->key(), QByteArray("/s/app/new"), 10000);
    QCOMPARE(path->text(), QStringLiteral("/s/app/new"));
    QTRY_COMPARE_WITH_TIMEOUT(browser.model()->keyAt(tree->currentIndex()), QByteArray("/s/app/new"), 10000);
    QCOMPARE(tree->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(browser.model()->keyAt(tree->selectionModel()->selectedRows().constFirst()), QByteArray("/s/app/new"));

    // A key on a lease, open in the editor; the lease is revoked: one message, Save off until typed.
    const auto lease = resultOf(client.lease().grant(60));
    QVERIFY_OK(lease);
    PutOptions on;
    on.lease = lease->id;
    QVERIFY_OK(resultOf(client.kv().put("/s/app/leased", "L", on)));
    QTRY_VERIFY_WITH_TIMEOUT(browser.goToKey("/s/app/leased"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(browser.editor()->text(), QStringLiteral("L"), 10000);
    QVERIFY_OK(resultOf(client.lease().revoke(lease->id)));
    QTRY_VERIFY2_WITH_TIMEOUT(!browser.editor()->loaded().exists && !browser.editor()->isLoading(), qPrintable(browser.editor()->statusText() + QLatin1Char(' ') + QString::fromUtf8(browser.editor()->key()) + QLatin1Char(' ') + browser.statusText()), 10000);
    const QString said = browser.editor()->statusText();
    QVERIFY2(said.contains(QLatin1String("not in etcd")) && !said.contains(QLatin1String("yet")), qPrintable(said));
    auto *save = browser.editor()->findChild<QPushButton *>(QStringLiteral("saveButton"));
    QVERIFY(!save->isEnabled());
    browser.editor()->setText(QStringLiteral("again"));
    QVERIFY(save->isEnabled());
    browser.editor()->revert();

    // F5 lists again into the same tree: expansion and selection stay.
    QVERIFY(browser.goToKey("/s/cfg/x"));
    const QModelIndex app = browser.model()->indexForKey("/s/app");
    tree->expand(app);
    QSignalSpy resets(browser.model(), &QAbstractItemModel::modelReset);
    const int loads = loaded.count();
    browser.findChild<QAction *>(QStringLiteral("refreshAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > loads, 10000);
    QCOMPARE(resets.count(), 0);
    QVERIFY(tree->isExpanded(browser.model()->indexForKey("/s/app")));
    QCOMPARE(browser.model()->keyAt(tree->currentIndex()), QByteArray("/s/cfg/x"));
    QCOMPARE(path->text(), QStringLiteral("/s/cfg/x"));

    // The filter's results are live, with the tree's columns.
    auto *filter = browser.findChild<QLineEdit *>(QStringLiteral("filterBox"));
    QTest::keyClicks(filter, QStringLiteral("app/"));
    KeySearchModel *search = browser.findChild<KeySearchModel *>();
    QVERIFY(search);
    QTRY_VERIFY_WITH_TIMEOUT(!search->isSearching() && search->rowCount() == 3, 5000); // a, b, new
    QCOMPARE(search->columnCount(), int(KeySearchModel::ColumnCount));
    QVERIFY(!search->index(0, KeySearchModel::Revision).data().toString().isEmpty());
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/s/app/aa"), QStringLiteral("1")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(search->rowCount(), 4, 5000);
    QCOMPARE(search->keyAt(1), QByteArray("/s/app/aa")); // in the tree's order
    QVERIFY(ctl.run({QStringLiteral("del"), QStringLiteral("/s/app/b")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(search->rowCount(), 3, 5000);
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/s/other"), QStringLiteral("1")}).ok());
    QTest::qWait(300);
    QCOMPARE(search->rowCount(), 3); // not a match

    // The status line's revision is the one the tree applied.
    QTRY_VERIFY_WITH_TIMEOUT(browser.statusText().contains(QStringLiteral("revision %1").arg(browser.mirror()->revision())),
                             5000);
}

QTEST_MAIN(TestKeyBrowser)
#include "tst_keybrowser.moc"
