// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The key browser for users who may read only parts of the keyspace, on the offscreen platform
// against real etcd with auth: the model under QAbstractItemModelTester shows the readable folders
// and one "permission denied" row per partly readable folder (neither selectable nor expandable,
// with a tooltip that says what the user may read), follows etcdctl's writes, and a user who can
// read nothing gets one plain sentence instead of an error.
// PERMISSION_SHOT=FILE saves a picture of bob's browser, for people.

#include "keys/keybrowser.h"
#include "keys/keytreemodel.h"
#include "keys/valueeditor.h"
#include "support/permissionusers.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSplitter>
#include <QTreeView>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;
namespace perm = etcd::test::permissions;

class TestPermissionBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void deniedRowsUnderTheTester();
    void nothingReadableIsSaidPlainly();

private:
    std::unique_ptr<LocalCluster> m_cluster;
};

void TestPermissionBrowser::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
    QString why;
    QVERIFY2(perm::setUp(*m_cluster, &why), qPrintable(why));
    for (const char *key : {"/app/a/1", "/app/a/2", "/app/b", "/other/x", "plain"})
        QVERIFY2(perm::put(*m_cluster, QString::fromLatin1(key), QStringLiteral("v"), &why), qPrintable(why));
}

void TestPermissionBrowser::cleanupTestCase()
{
    m_cluster.reset();
}

void TestPermissionBrowser::deniedRowsUnderTheTester()
{
    EtcdClient bob(perm::optionsAs(*m_cluster, QStringLiteral("bob")));
    KeyBrowser browser(&bob, {QByteArray(), '/'});
    KeyTreeModel *model = browser.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    browser.resize(1400, 440);
    browser.show();
    browser.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
    QVERIFY2(!browser.statusText().contains(QLatin1String("Cannot")), qPrintable(browser.statusText()));
    QVERIFY2(browser.statusText().contains(QLatin1String("3 keys")), qPrintable(browser.statusText()));
    QVERIFY2(browser.statusText().contains(QLatin1String("user bob may read only /app/*")), qPrintable(browser.statusText()));

    // Top level: "/" (partly readable), then bob's denied row.
    QCOMPARE(model->rowCount(), 2);
    const QModelIndex slash = model->index(0, KeyTreeModel::Name);
    QCOMPARE(slash.data().toString(), QStringLiteral("/  (partly readable)"));
    QVERIFY(slash.data(Qt::ToolTipRole).toString().contains(QLatin1String("Partly readable: user bob may read only some keys")));
    QVERIFY(slash.data(KeyTreeModel::IsFolderRole).toBool());
    const QModelIndex denied = model->index(1, KeyTreeModel::Name);
    QCOMPARE(denied.data().toString(), QStringLiteral("other keys (permission denied for user bob)"));
    const QString tip = denied.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("bob (roles: app-reader) may read: /app/*")), qPrintable(tip));
    QVERIFY2(tip.contains(QLatin1String("Ask an administrator")), qPrintable(tip));
    QCOMPARE(denied.data(KeyTreeModel::AccessRole).toInt(), static_cast<int>(KeyTree::Node::Access::Denied));
    QVERIFY(!(model->flags(denied) & Qt::ItemIsSelectable));
    QVERIFY(!(model->flags(denied) & Qt::ItemIsEditable));
    QVERIFY(!model->hasChildren(denied));
    QVERIFY(!model->canFetchMore(denied));
    QVERIFY(model->keyAt(denied).isEmpty());
    QVERIFY(!denied.data(KeyTreeModel::IsKeyRole).toBool());
    QVERIFY(!denied.data(Qt::DecorationRole).value<QIcon>().isNull()); // a lock
    QCOMPARE(model->index(1, KeyTreeModel::Keys).data(), QVariant());

    // Under "/": app/ (readable) and another denied row.
    browser.treeView()->expand(slash);
    QCOMPARE(model->rowCount(slash), 2);
    const QModelIndex app = model->index(0, KeyTreeModel::Name, slash);
    QCOMPARE(app.data().toString(), QStringLiteral("app"));
    QCOMPARE(model->index(0, KeyTreeModel::Keys, slash).data().toString(), QStringLiteral("3"));
    QVERIFY(app.data(Qt::ToolTipRole).toString().contains(QLatin1String("User bob may read every key under here")));
    QCOMPARE(model->index(1, KeyTreeModel::Name, slash).data().toString(), denied.data().toString());
    QCOMPARE(model->parent(model->index(1, 0, slash)), slash);

    // Selecting the denied row (the view cannot; a program can set it current) opens nothing.
    browser.treeView()->setCurrentIndex(denied);
    QVERIFY(browser.selection().isEmpty());
    QVERIFY(browser.editor()->key().isEmpty());

    // Readable keys open as usual; a key bob may not read is refused plainly.
    QVERIFY(browser.goToKey("/app/a/1"));
    QTRY_VERIFY_WITH_TIMEOUT(browser.editor()->key() == "/app/a/1" && !browser.editor()->isLoading(), 10000);
    QCOMPARE(browser.editor()->text(), QStringLiteral("v"));
    QVERIFY(!browser.goToKey("/other/x"));
    QVERIFY2(browser.statusText().contains(QLatin1String("User bob may not read /other/x")), qPrintable(browser.statusText()));

    // Live, under the tester: etcdctl's writes under /app/ show up; others do not, and no error.
    QString why;
    QVERIFY2(perm::put(*m_cluster, QStringLiteral("/other/y"), QStringLiteral("v"), &why), qPrintable(why));
    QVERIFY2(perm::put(*m_cluster, QStringLiteral("/app/c"), QStringLiteral("v"), &why), qPrintable(why));
    browser.treeView()->expand(app);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(app), 3, 10000); // a/, b, c
    QCOMPARE(model->index(2, KeyTreeModel::Name, app).data().toString(), QStringLiteral("c"));
    QCOMPARE(model->rowCount(slash), 2);
    QCOMPARE(model->rowCount(), 2);
    QVERIFY2(!browser.statusText().contains(QLatin1String("Cannot")), qPrintable(browser.statusText()));

    if (!qEnvironmentVariableIsEmpty("PERMISSION_SHOT")) {
        browser.treeView()->expand(model->indexForKey("/app/a"));
        browser.findChild<QSplitter *>(QStringLiteral("browserSplitter"))->setSizes({760, 640});
        browser.treeView()->setColumnWidth(KeyTreeModel::Name, 380);
        browser.treeView()->setCurrentIndex(denied); // the tooltip's row, shown as current
        QTest::qWait(200);
        QVERIFY(browser.grab().save(qEnvironmentVariable("PERMISSION_SHOT")));
    }
    QVERIFY(perm::asRoot(*m_cluster).run({QStringLiteral("del"), QStringLiteral("/app/c")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(app), 2, 10000);

    // Every readable key deleted: app/ stays, an empty folder (where bob may read, or write); keys
    // that come back appear in it.
    QVERIFY(perm::asRoot(*m_cluster).run({QStringLiteral("del"), QStringLiteral("/app/"), QStringLiteral("--prefix")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(browser.mirror()->tree().keyCount(), 0u, 10000);
    QCOMPARE(model->rowCount(slash), 2);
    QCOMPARE(model->index(0, KeyTreeModel::Name, slash), app);
    QCOMPARE(model->rowCount(app), 0);
    QVERIFY(app.data(KeyTreeModel::IsFolderRole).toBool());
    QCOMPARE(model->index(0, KeyTreeModel::Keys, slash).data().toString(), QStringLiteral("0"));
    for (const char *key : {"/app/a/1", "/app/a/2", "/app/b"})
        QVERIFY2(perm::put(*m_cluster, QString::fromLatin1(key), QStringLiteral("v"), &why), qPrintable(why));
    QTRY_COMPARE_WITH_TIMEOUT(browser.mirror()->tree().keyCount(), 3u, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(model->hasChildren(app), 5000);
    browser.treeView()->expand(app);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(app), 2, 5000); // a/, b
    QCOMPARE(resets.count(), 0);
}

void TestPermissionBrowser::nothingReadableIsSaidPlainly()
{
    EtcdClient dave(perm::optionsAs(*m_cluster, QStringLiteral("dave")));
    KeyBrowser browser(&dave, {QByteArray(), '/'});
    QAbstractItemModelTester tester(browser.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    browser.show();
    browser.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
    QCOMPARE(browser.statusText(), QStringLiteral("User dave has no read permission in this cluster; ask an "
                                                  "administrator for a role with read on a prefix."));
    QCOMPARE(browser.model()->rowCount(), 1);
    const QModelIndex only = browser.model()->index(0, 0);
    QCOMPARE(only.data().toString(), QStringLiteral("nothing readable here (no read permission for user dave)"));
    QVERIFY(only.data(Qt::ToolTipRole).toString().contains(QLatin1String("User dave (roles: app-writer) may not read any key")));
    spin(1000); // and it stays that way: no retries, no errors
    QCOMPARE(loaded.count(), 1);
    QVERIFY(browser.statusText().startsWith(QLatin1String("User dave has no read permission")));
}

QTEST_MAIN(TestPermissionBrowser)
#include "tst_permissionbrowser.moc"
