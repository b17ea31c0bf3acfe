// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The key dialogs as a person uses them, on the offscreen platform against real etcd, with etcdctl
// as the independent witness: create (TTL, existing lease, never over an existing key), copy and
// rename of a folder, compare-and-delete of a key and typed-prefix delete of a folder, export and
// import round trip (binary values, preview, create-only vs overwrite), history with restore as a
// compare-and-swap, the browser's actions (read-only, "Copy as etcdctl" commands that really work).

#include "common/diffview.h"
#include "common/operationreportview.h"
#include "format/valueformat.h"
#include "keys/bulkoperationdialog.h"
#include "keys/conflictdialog.h"
#include "keys/copykeydialog.h"
#include "keys/deletedialog.h"
#include "keys/exportdialog.h"
#include "keys/fieldchangesview.h"
#include "keys/importdialog.h"
#include "keys/keybrowser.h"
#include "keys/keyhistorydialog.h"
#include "keys/keytreemodel.h"
#include "keys/newkeydialog.h"
#include "keys/valueeditor.h"
#include "support/etcdctl.h"
#include "support/testsupport.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

namespace {
// KEYDIALOGS_SHOTS=DIR saves a picture of each dialog in the state a test leaves it, for people
// to look at (the dialogs are never shown on screen in tests).
void shoot(QWidget *dialog, const char *name)
{
    const QString dir = qEnvironmentVariable("KEYDIALOGS_SHOTS");
    if (dir.isEmpty())
        return;
    dialog->show();
    QCoreApplication::processEvents();
    dialog->grab().save(dir + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png"));
}
} // namespace

class TestKeyDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void newKeyCreatesWithTtlAndNeverOverwrites();
    void newKeyAttachesAnExistingLease();
    void copyAndRenameAFolder();
    void deleteKeyComparesTheRevisionSeen();
    void deleteFolderNeedsTheTypedPrefix();
    void exportImportRoundTripWithPreview();
    void historyComparesAndRestoresAsCas();
    void historyRestoresOneField();
    void saveConflictMergesFieldByField();
    void browserActionsAndEtcdctlCommands();
    void readOnlyDisablesEveryWrite();
    void everyBulkDialogStopsOnCloseAndStaysForItsOutcome();

private:
    QByteArray value(const QByteArray &key); // etcdctl's view; "<absent>" when there is no such key
    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
};

void TestKeyDialogs::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
}

QByteArray TestKeyDialogs::value(const QByteArray &key)
{
    const EtcdctlResult r =
        etcdctlFor(*m_cluster)
            .run({QStringLiteral("get"), QString::fromUtf8(key), QStringLiteral("--print-value-only")});
    if (!r.ok())
        return "<etcdctl failed: " + r.describe() + ">";
    if (r.out.isEmpty())
        return "<absent>";
    return r.out.endsWith('\n') ? r.out.chopped(1) : r.out;
}

void TestKeyDialogs::newKeyCreatesWithTtlAndNeverOverwrites()
{
    NewKeyDialog dialog(m_client.get(), "/nk/", '/');
    dialog.setKeyText(QStringLiteral("/nk/config.json"));
    QVERIFY(dialog.setFormat(ValueFormat::Json));
    dialog.setValueText(QStringLiteral("{\"a\": 1"));
    QVERIFY(!dialog.canCreate()); // invalid JSON: validated with a position, not created
    QVERIFY2(dialog.validationText().contains(QStringLiteral("line")), qPrintable(dialog.validationText()));
    dialog.setValueText(QStringLiteral("{\"a\": 1}"));
    dialog.setLifetime(NewKeyDialog::Lifetime::Ttl, 60);
    QTRY_VERIFY(dialog.canCreate());
    QSignalSpy created(&dialog, &NewKeyDialog::created);
    dialog.create();
    QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 10000);
    QCOMPARE(value("/nk/config.json"), QByteArray("{\"a\": 1}"));
    auto kv = resultOf(m_client->kv().get("/nk/config.json"));
    QVERIFY_OK(kv);
    QCOMPARE(kv->kvs.size(), 1);
    const qint64 lease = kv->kvs[0].lease;
    QVERIFY2(lease != 0, "a TTL key must be attached to a lease of its own");
    auto ttl = resultOf(m_client->lease().timeToLive(lease));
    QVERIFY_OK(ttl);
    QVERIFY2(ttl->ttl > 50 && ttl->ttl <= 60, qPrintable(QString::number(ttl->ttl)));

    // The same key again: reported, the existing value stays, and the text typed stays too.
    NewKeyDialog again(m_client.get(), "/nk/", '/');
    again.setKeyText(QStringLiteral("/nk/config.json"));
    again.setValueText(QStringLiteral("other"));
    QTRY_VERIFY(again.canCreate());
    QSignalSpy failed(&again, &NewKeyDialog::createFailed);
    again.create();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("exist")),
             qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(again.valueText(), QStringLiteral("other"));
    QCOMPARE(value("/nk/config.json"), QByteArray("{\"a\": 1}"));
    shoot(&again, "newkey-exists");
}

void TestKeyDialogs::newKeyAttachesAnExistingLease()
{
    auto lease = resultOf(m_client->lease().grant(120));
    QVERIFY_OK(lease);
    NewKeyDialog dialog(m_client.get(), "/nk/", '/');
    dialog.setKeyText(QStringLiteral("/nk/leased"));
    dialog.setValueText(QStringLiteral("x"));
    dialog.setLifetime(NewKeyDialog::Lifetime::ExistingLease, 0, lease->id);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.canCreate(), 5000); // the lease is looked up first
    QSignalSpy created(&dialog, &NewKeyDialog::created);
    dialog.create();
    QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 10000);
    auto kv = resultOf(m_client->kv().get("/nk/leased"));
    QVERIFY_OK(kv);
    QCOMPARE(kv->kvs.value(0).lease, lease->id);

    // A lease that does not exist: said as soon as it is typed, and etcd's refusal is reported
    // with nothing written and the typed text kept.
    NewKeyDialog bad(m_client.get(), "/nk/", '/');
    bad.setKeyText(QStringLiteral("/nk/badlease"));
    bad.setValueText(QStringLiteral("x"));
    bad.setLifetime(NewKeyDialog::Lifetime::ExistingLease, 0, 0x7777777777);
    auto *leaseInfo = bad.findChild<QLabel *>(QStringLiteral("leaseInfo"));
    QVERIFY(leaseInfo);
    QTRY_VERIFY2_WITH_TIMEOUT(leaseInfo->text().contains(QStringLiteral("no such lease")),
                              qPrintable(leaseInfo->text()), 5000);
    QSignalSpy failed(&bad, &NewKeyDialog::createFailed);
    bad.create();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("lease")),
             qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(bad.valueText(), QStringLiteral("x"));
    QCOMPARE(value("/nk/badlease"), QByteArray("<absent>"));
}

void TestKeyDialogs::copyAndRenameAFolder()
{
    Etcdctl ctl = etcdctlFor(*m_cluster);
    for (int i = 0; i < 5; ++i)
        QVERIFY(
            ctl.run({QStringLiteral("put"), QStringLiteral("/cp/src/k%1").arg(i), QStringLiteral("v%1").arg(i)}).ok());
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/cp/dst/k3"), QStringLiteral("already")}).ok());

    CopyKeyDialog copy(m_client.get(), "/cp/src/", true);
    QTRY_VERIFY_WITH_TIMEOUT(!copy.isCounting() && copy.keyCount() == 5, 5000);
    copy.setMode(CopyKeyDialog::Mode::Copy);
    copy.setDestinationText(QStringLiteral("/cp/dst/"));
    QVERIFY2(copy.canStart(), qPrintable(copy.statusText()));
    QSignalSpy finished(&copy, &CopyKeyDialog::finished);
    copy.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(copy.report().done, 4);
    QCOMPARE(copy.report().skipped, 1); // k3 exists at the destination: left alone, reported
    QCOMPARE(copy.report().problems.value(0).kind, KeyProblem::Exists);
    QCOMPARE(value("/cp/dst/k3"), QByteArray("already"));
    QVERIFY(copy.reportView()->isVisibleTo(&copy));
    QVERIFY2(copy.reportView()->reportText().contains(QStringLiteral("/cp/src/k4\tcopied\t→ /cp/dst/k4")),
             qPrintable(copy.reportView()->reportText())); // where each key went
    shoot(&copy, "copy-report");
    QCOMPARE(value("/cp/dst/k4"), QByteArray("v4"));
    QCOMPARE(value("/cp/src/k4"), QByteArray("v4"));

    CopyKeyDialog rename(m_client.get(), "/cp/src/", true);
    QTRY_VERIFY_WITH_TIMEOUT(!rename.isCounting() && rename.keyCount() == 5, 5000);
    rename.setMode(CopyKeyDialog::Mode::Rename);
    rename.setDestinationText(QStringLiteral("/cp/moved/"));
    QVERIFY2(rename.canStart(), qPrintable(rename.statusText()));
    QSignalSpy renamed(&rename, &CopyKeyDialog::finished);
    rename.start();
    QTRY_COMPARE_WITH_TIMEOUT(renamed.count(), 1, 10000);
    QVERIFY2(rename.report().complete(), qPrintable(rename.report().summary()));
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(value("/cp/moved/k" + QByteArray::number(i)), "v" + QByteArray::number(i));
        QCOMPARE(value("/cp/src/k" + QByteArray::number(i)), QByteArray("<absent>"));
    }

    // A destination inside the source is refused before anything runs.
    CopyKeyDialog inside(m_client.get(), "/cp/moved/", true);
    QTRY_VERIFY_WITH_TIMEOUT(!inside.isCounting(), 5000);
    inside.setDestinationText(QStringLiteral("/cp/moved/sub/"));
    QVERIFY(!inside.canStart());
}

void TestKeyDialogs::deleteKeyComparesTheRevisionSeen()
{
    Etcdctl ctl = etcdctlFor(*m_cluster);
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/del/one"), QStringLiteral("seen")}).ok());
    auto seen = resultOf(m_client->kv().get("/del/one"));
    QVERIFY_OK(seen);
    const qint64 rev = seen->kvs.value(0).modRevision;
    // Someone changes it after the user looked: the delete must not happen.
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/del/one"), QStringLiteral("changed")}).ok());
    DeleteDialog stale(m_client.get(), "/del/one", false, rev);
    QTRY_COMPARE(stale.state(), DeleteDialog::State::Ready);
    QVERIFY(stale.deleteButton()->isEnabled()); // a single key needs no typing
    QSignalSpy staleDone(&stale, &DeleteDialog::finished);
    stale.startDelete();
    QTRY_COMPARE_WITH_TIMEOUT(staleDone.count(), 1, 10000);
    QCOMPARE(stale.report().done, 0);
    QCOMPARE(value("/del/one"), QByteArray("changed"));
    QVERIFY2(stale.statusText().contains(QStringLiteral("chang")), qPrintable(stale.statusText()));

    // Revision 0: the dialog reads the key and compares with what it shows.
    DeleteDialog fresh(m_client.get(), "/del/one", false, 0);
    QTRY_COMPARE(fresh.state(), DeleteDialog::State::Ready);
    QVERIFY(fresh.seenRevision() > rev);
    QSignalSpy done(&fresh, &DeleteDialog::finished);
    fresh.startDelete();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
    QCOMPARE(fresh.report().done, 1);
    QCOMPARE(value("/del/one"), QByteArray("<absent>"));
}

void TestKeyDialogs::deleteFolderNeedsTheTypedPrefix()
{
    for (int from = 0; from < 300; from += 100) {
        TxnSpec txn; // etcd allows 128 operations per transaction
        for (int i = from; i < from + 100; ++i)
            txn.success << TxnOp::putKey("/delf/a/k" + QByteArray::number(i), "v");
        QVERIFY_OK(resultOf(m_client->kv().txn(txn)));
    }
    QVERIFY_OK(resultOf(m_client->kv().put("/delf/ab", "neighbour"))); // shares the letters, not the folder

    DeleteDialog dialog(m_client.get(), "/delf/a/", true, 0);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.state(), DeleteDialog::State::Ready, 5000);
    QCOMPARE(dialog.keyCount(), 300);
    QVERIFY2(dialog.headline().contains(QStringLiteral("300")), qPrintable(dialog.headline()));
    QVERIFY(!dialog.deleteButton()->isEnabled());
    dialog.confirmEdit()->setText(QStringLiteral("/delf/"));
    QVERIFY(!dialog.deleteButton()->isEnabled());
    dialog.startDelete(); // disabled: nothing happens
    QCOMPARE(dialog.state(), DeleteDialog::State::Ready);
    dialog.confirmEdit()->setText(QStringLiteral("/delf/a/"));
    QVERIFY(dialog.deleteButton()->isEnabled());

    // A key created after the count is not part of what the user confirmed: it stays.
    QVERIFY(etcdctlFor(*m_cluster)
                .run({QStringLiteral("put"), QStringLiteral("/delf/a/late"), QStringLiteral("new")})
                .ok());
    QSignalSpy done(&dialog, &DeleteDialog::finished);
    dialog.startDelete();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    QCOMPARE(dialog.state(), DeleteDialog::State::Done);
    QCOMPARE(dialog.report().done, 300);
    QVERIFY(dialog.reportView()->isVisible() || !dialog.isVisible());
    QVERIFY2(dialog.reportView()->summaryText().contains(QStringLiteral("300")),
             qPrintable(dialog.reportView()->summaryText()));
    QCOMPARE(value("/delf/a/k7"), QByteArray("<absent>"));
    QCOMPARE(value("/delf/a/late"), QByteArray("new"));
    QCOMPARE(value("/delf/ab"), QByteArray("neighbour"));
    shoot(&dialog, "delete-folder-done");
}

void TestKeyDialogs::exportImportRoundTripWithPreview()
{
    const QByteArray binary("\x00\x01\xfe\xff binary\n", 12);
    QVERIFY_OK(resultOf(m_client->kv().put("/exp/bin", binary)));
    QVERIFY_OK(resultOf(m_client->kv().put("/exp/text", "hello")));
    QVERIFY_OK(resultOf(m_client->kv().put("/exp/dir/json", "{\"x\":[1,2]}")));
    QVERIFY_OK(resultOf(m_client->kv().put(QByteArray("/exp/\xff\x00key", 9), "odd key")));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("exp.json"));
    ExportDialog exporter(m_client.get(), "/exp/");
    exporter.setFilePath(file);
    QTRY_VERIFY(exporter.exportButton()->isEnabled());
    QSignalSpy exported(&exporter, &ExportDialog::exported);
    exporter.startExport();
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 10000);
    QCOMPARE(exporter.state(), ExportDialog::State::Done);
    QCOMPARE(exporter.summary().keys, 4);
    QVERIFY(exporter.summary().base64Values >= 1);
    QVERIFY(exporter.summary().base64Keys >= 1);
    QVERIFY(QFile::exists(file));

    // Change the keyspace: one key differs, one is gone; then preview the import.
    QVERIFY_OK(resultOf(m_client->kv().put("/exp/text", "changed since export")));
    QVERIFY_OK(resultOf(m_client->kv().deleteRange(DeleteOptions::single("/exp/bin"))));
    ImportDialog importer(m_client.get());
    QSignalSpy previewed(&importer, &ImportDialog::previewChanged);
    importer.setFilePath(file);
    QTRY_COMPARE_WITH_TIMEOUT(importer.state(), ImportDialog::State::Ready, 10000);
    QCOMPARE(importer.preview().newKeys, 1);
    QCOMPARE(importer.preview().differentKeys, 1);
    QCOMPARE(importer.preview().identicalKeys, 2);
    QVERIFY2(importer.previewText().contains(QStringLiteral("1")), qPrintable(importer.previewText()));
    shoot(&importer, "import-preview");

    // Create only: the missing binary key comes back byte for byte; the changed one is left alone.
    importer.setMode(ImportMode::CreateOnly);
    QSignalSpy imported(&importer, &ImportDialog::finished);
    importer.startImport();
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 10000);
    QCOMPARE(importer.report().done, 1);
    auto bin = resultOf(m_client->kv().get("/exp/bin"));
    QVERIFY_OK(bin);
    QCOMPARE(bin->kvs.value(0).value, binary);
    QCOMPARE(value("/exp/text"), QByteArray("changed since export"));

    // Overwrite, re-rooted under another prefix into empty space, then back onto the original.
    ImportDialog overwrite(m_client.get());
    overwrite.setFilePath(file);
    QTRY_COMPARE_WITH_TIMEOUT(overwrite.state(), ImportDialog::State::Ready, 10000);
    overwrite.setMode(ImportMode::Overwrite);
    QSignalSpy overwritten(&overwrite, &ImportDialog::finished);
    overwrite.startImport();
    QTRY_COMPARE_WITH_TIMEOUT(overwritten.count(), 1, 10000);
    QCOMPARE(value("/exp/text"), QByteArray("hello"));
    QCOMPARE(overwrite.report().unchanged, 3);

    ImportDialog reRooted(m_client.get());
    reRooted.setFilePath(file);
    QTRY_COMPARE_WITH_TIMEOUT(reRooted.state(), ImportDialog::State::Ready, 10000);
    reRooted.setTargetPrefix(QByteArray("/imp/"));
    QTRY_VERIFY_WITH_TIMEOUT(
        reRooted.state() == ImportDialog::State::Ready && reRooted.preview().targetPrefix == "/imp/", 10000);
    QCOMPARE(reRooted.preview().newKeys, 4);
    QSignalSpy rooted(&reRooted, &ImportDialog::finished);
    reRooted.startImport();
    QTRY_COMPARE_WITH_TIMEOUT(rooted.count(), 1, 10000);
    QCOMPARE(reRooted.report().done, 4);
    auto odd = resultOf(m_client->kv().get(QByteArray("/imp/\xff\x00key", 9)));
    QVERIFY_OK(odd);
    QCOMPARE(odd->kvs.value(0).value, QByteArray("odd key"));
    auto bin2 = resultOf(m_client->kv().get("/imp/bin"));
    QVERIFY_OK(bin2);
    QCOMPARE(bin2->kvs.value(0).value, binary);

    // A malformed file: a clear error with a position, no preview, nothing importable.
    QFile broken(dir.filePath(QStringLiteral("broken.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{\"format\": \"etcd-console-export\", \"keys\": [ {\"key\": ");
    broken.close();
    ImportDialog bad(m_client.get());
    bad.setFilePath(broken.fileName());
    QTRY_COMPARE_WITH_TIMEOUT(bad.state(), ImportDialog::State::NoPreview, 10000);
    QTRY_VERIFY(!bad.statusText().isEmpty());
    QVERIFY(!bad.importButton()->isEnabled());
}

void TestKeyDialogs::historyComparesAndRestoresAsCas()
{
    Etcdctl ctl = etcdctlFor(*m_cluster);
    for (const char *v : {"line1\nversion: 1\n", "line1\nversion: 2\n", "line1\nversion: 3\n"})
        QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/hist/k"), QString::fromUtf8(v)}).ok());

    EtcdClient client(optionsFor(*m_cluster));
    KeyBrowser browser(&client, {"/hist/", '/'});
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    browser.show();
    browser.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QVERIFY(browser.goToKey("/hist/k"));
    QTRY_VERIFY(!browser.editor()->isLoading());
    QCOMPARE(browser.editor()->text(), QStringLiteral("line1\nversion: 3\n"));

    KeyHistoryDialog *history = browser.showHistory();
    QVERIFY(history);
    QTRY_VERIFY_WITH_TIMEOUT(history->isLoaded(), 10000);
    QCOMPARE(history->versionCount(), 3);
    QVERIFY2(history->extentText().contains(QStringLiteral("creat")), qPrintable(history->extentText()));
    history->selectVersions(0, 2); // newest against oldest
    QTRY_VERIFY(!history->diffView()->isComparing());
    QCOMPARE(history->diffView()->stats().added, 1);
    QCOMPARE(history->diffView()->stats().removed, 1);
    shoot(history, "history");

    // Someone writes meanwhile; restoring the oldest version is a CAS on what the editor loaded,
    // so it comes up as a conflict, and the resolver here chooses to overwrite theirs.
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/hist/k"), QStringLiteral("someone else")}).ok());
    int conflicts = 0;
    browser.editor()->setConflictResolver(
        [&conflicts](const ValueEditor::Loaded &, const QByteArray &, const ValueEditor::Loaded &theirs, QString *) {
            ++conflicts;
            return theirs.value == "someone else" ? ConflictDialog::Choice::OverwriteTheirs
                                                  : ConflictDialog::Choice::KeepTheirs;
        });
    QSignalSpy saved(browser.editor(), &ValueEditor::saved);
    history->selectVersions(2);
    QTRY_VERIFY(!history->diffView()->isComparing());
    auto *restore = history->findChild<QPushButton *>(QStringLiteral("restoreButton"));
    QVERIFY(restore && restore->isEnabled());
    // It asks first, with what the restore changes; declined, nothing is written.
    QStringList asked;
    bool answer = false;
    history->setConfirmation([&asked, &answer](const QString &q) {
        asked << q;
        return answer;
    });
    QSignalSpy restoreAsked(history, &KeyHistoryDialog::restoreRequested);
    restore->click();
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked.first().contains(QStringLiteral("revision %1").arg(history->history().versions.at(2).modRevision)) &&
                 asked.first().contains(QStringLiteral("revision %1").arg(history->currentRevision())) &&
                 asked.first().contains(QLatin1String("added 1 and removed 1")),
             qPrintable(asked.first()));
    QCOMPARE(restoreAsked.count(), 0);
    answer = true;
    restore->click();
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
    QCOMPARE(conflicts, 1);
    QCOMPARE(value("/hist/k"), QByteArray("line1\nversion: 1\n"));
    // The restore is the last action, as an etcdctl compare-and-swap.
    QVERIFY2(browser.etcdctlForLastAction().contains(QStringLiteral("txn")),
             qPrintable(browser.etcdctlForLastAction()));
}

void TestKeyDialogs::historyRestoresOneField()
{
    // Version 1 pretty-printed by a person; version 2 written minified by a program that changed
    // two fields and added one. Restoring one field keeps the program's other changes and its
    // formatting, and is a compare-and-swap.
    Etcdctl ctl = etcdctlFor(*m_cluster);
    const QString v1 = QStringLiteral("{\n  \"currency\": \"EUR\",\n  \"timeoutMs\": 1500,\n  \"retries\": 2\n}\n");
    const QString v2 = QStringLiteral("{\"currency\":\"USD\",\"timeoutMs\":900,\"retries\":2,\"region\":\"eu\"}");
    for (const QString &v : {v1, v2})
        QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/histf/checkout.json"), v}).ok());

    EtcdClient client(optionsFor(*m_cluster));
    KeyBrowser browser(&client, {"/histf/", '/'});
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    browser.show();
    browser.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QVERIFY(browser.goToKey("/histf/checkout.json"));
    QTRY_VERIFY(!browser.editor()->isLoading());

    KeyHistoryDialog *history = browser.showHistory();
    QVERIFY(history);
    QTRY_VERIFY_WITH_TIMEOUT(history->isLoaded(), 10000);
    history->selectVersions(1); // the first version against the current one
    FieldChangesView *fields = history->fieldChanges();
    QTRY_VERIFY_WITH_TIMEOUT(!fields->isComparing() && fields->isStructured(), 10000);
    auto *tabs = history->findChild<QTabWidget *>(QStringLiteral("historyCompareTabs"));
    QVERIFY(tabs && tabs->isTabVisible(1));
    QCOMPARE(tabs->tabText(1), QStringLiteral("Fields  3 changed"));
    QStringList rows;
    for (int i = 0; i < fields->list()->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = fields->list()->topLevelItem(i);
        rows << QStringList{item->text(0), item->text(1), item->text(2), item->text(3)}.join(QLatin1Char('|'));
    }
    QCOMPARE(rows, QStringList({QStringLiteral("~|currency|\"EUR\"|\"USD\""), QStringLiteral("~|timeoutMs|1500|900"),
                                QStringLiteral("+|region||\"eu\"")}));
    tabs->setCurrentIndex(1);
    shoot(history, "history-fields");

    // Nothing selected: no restore. timeoutMs selected, asked, restored.
    QVERIFY(!fields->restoreButton()->isEnabled());
    fields->selectPath(QStringLiteral("timeoutMs"));
    QVERIFY(fields->restoreButton()->isEnabled());
    QStringList asked;
    history->setConfirmation([&asked](const QString &q) {
        asked << q;
        return true;
    });
    QSignalSpy saved(browser.editor(), &ValueEditor::saved);
    fields->restoreButton()->click();
    QTRY_COMPARE(asked.size(), 1); // the field is put back on a worker thread first
    QVERIFY2(asked.first().contains(QLatin1String("900 becomes 1500 again")), qPrintable(asked.first()));
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
    QCOMPARE(value("/histf/checkout.json"),
             QByteArray("{\"currency\":\"USD\",\"timeoutMs\":1500,\"retries\":2,\"region\":\"eu\"}"));
    QVERIFY2(browser.etcdctlForLastAction().contains(QStringLiteral("txn")),
             qPrintable(browser.etcdctlForLastAction()));

    // An added field is restored by removing it; from a version that is not compared with the
    // current one, nothing can be restored.
    history = browser.showHistory();
    QTRY_VERIFY_WITH_TIMEOUT(history->isLoaded(), 10000);
    history->setConfirmation([](const QString &) { return true; });
    history->selectVersions(2, 1);
    QTRY_VERIFY_WITH_TIMEOUT(!history->fieldChanges()->isComparing(), 10000);
    history->fieldChanges()->selectPath(QStringLiteral("region"));
    QVERIFY(!history->fieldChanges()->restoreButton()->isEnabled());
    history->selectVersions(2);
    QTRY_VERIFY_WITH_TIMEOUT(!history->fieldChanges()->isComparing(), 10000);
    history->fieldChanges()->selectPath(QStringLiteral("region"));
    QVERIFY(history->fieldChanges()->restoreButton()->isEnabled());
    history->fieldChanges()->restoreButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, 10000);
    QCOMPARE(value("/histf/checkout.json"), QByteArray("{\"currency\":\"USD\",\"timeoutMs\":1500,\"retries\":2}"));
}

void TestKeyDialogs::saveConflictMergesFieldByField()
{
    // The walk-through, with the real dialog: I edit paymentTimeoutMs in the pretty-printed
    // JSON, a program stores the document minified with another currency; Save -> the conflict
    // dialog -> "Merge into the editor" gives my text with their field, no markers, banner gone.
    Etcdctl ctl = etcdctlFor(*m_cluster);
    const QString base = QStringLiteral("{\n  \"currency\": \"EUR\",\n  \"paymentTimeoutMs\": 1500\n}\n");
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/merge/checkout.json"), base}).ok());
    EtcdClient client(optionsFor(*m_cluster));
    ValueEditor editor(&client);
    editor.resize(700, 500);
    static_cast<QWidget &>(editor).show();
    editor.open("/merge/checkout.json");
    QTRY_VERIFY_WITH_TIMEOUT(!editor.isLoading(), 10000);
    QCOMPARE(editor.text(), base);
    const QString mine = QString(base).replace(QStringLiteral("1500"), QStringLiteral("2500"));
    editor.setText(mine);
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/merge/checkout.json"),
                     QStringLiteral("{\"currency\":\"USD\",\"paymentTimeoutMs\":1500}")})
                .ok());
    // The dialog is modal (exec): answer it from the event loop once its merge is ready.
    bool sawDialog = false;
    QTimer poll;
    connect(&poll, &QTimer::timeout, &editor, [&] {
        auto *dialog = qobject_cast<ConflictDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isMergeReady())
            return;
        sawDialog = true;
        QVERIFY(dialog->isStructuralMerge());
        QCOMPARE(dialog->mergeConflicts(), 0);
        dialog->findChild<QPushButton *>(QStringLiteral("mergeButton"))->click();
    });
    poll.start(20);
    QSignalSpy resolved(&editor, &ValueEditor::conflictResolved);
    editor.save();
    QTRY_COMPARE_WITH_TIMEOUT(resolved.count(), 1, 10000);
    poll.stop();
    QVERIFY(sawDialog);
    QCOMPARE(editor.text(), QString(mine).replace(QStringLiteral("EUR"), QStringLiteral("USD")));
    QVERIFY(!editor.text().contains(QLatin1String("<<<<<<<")));
    QSignalSpy saved(&editor, &ValueEditor::saved);
    editor.save(); // compares with their revision now
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
    QCOMPARE(value("/merge/checkout.json"),
             QString(mine).replace(QStringLiteral("EUR"), QStringLiteral("USD")).toUtf8());
}

void TestKeyDialogs::browserActionsAndEtcdctlCommands()
{
    Etcdctl ctl = etcdctlFor(*m_cluster);
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/act/dir/a"), QStringLiteral("it's \"quoted\"")}).ok());
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/act/dir/b"), QStringLiteral("two")}).ok());
    EtcdClient client(optionsFor(*m_cluster));
    KeyBrowser browser(&client, {"/act/", '/'});
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    browser.show();
    browser.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);

    // Nothing selected: actions on a selection are off.
    QVERIFY(!browser.action(QStringLiteral("deleteAction"))->isEnabled());
    QVERIFY(!browser.action(QStringLiteral("copyKeyAction"))->isEnabled());
    QVERIFY(!browser.action(QStringLiteral("copyLastEtcdctlAction"))->isEnabled());

    // The selected key's etcdctl command, run by bash, prints exactly the value.
    QVERIFY(browser.goToKey("/act/dir/a"));
    QTRY_VERIFY(!browser.editor()->isLoading());
    QVERIFY(browser.action(QStringLiteral("deleteAction"))->isEnabled());
    QVERIFY(browser.action(QStringLiteral("historyAction"))->isEnabled());
    browser.action(QStringLiteral("copyEtcdctlAction"))->trigger();
    const QString get = QGuiApplication::clipboard()->text();
    QCOMPARE(get, browser.etcdctlForSelection());
    QString err;
    const QString etcdctlDir = QFileInfo(Etcdctl::binary(&err)).absolutePath();
    QVERIFY2(!etcdctlDir.isEmpty(), qPrintable(err));
    auto runBash = [&](const QString &command) {
        QProcess bash;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PATH"), etcdctlDir + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
        env.insert(QStringLiteral("ETCDCTL_API"), QStringLiteral("3"));
        bash.setProcessEnvironment(env);
        bash.start(QStringLiteral("bash"), {QStringLiteral("-c"), command});
        bash.waitForFinished(15000);
        return bash.readAllStandardOutput();
    };
    const QByteArray printed = runBash(get);
    QVERIFY2(printed.contains("it's \"quoted\""), printed.constData());

    // The folder's command lists both keys.
    QVERIFY(browser.goToKey("/act/dir"));
    const QString folder = browser.etcdctlForSelection();
    QVERIFY2(folder.contains(QStringLiteral("--prefix")), qPrintable(folder));
    const QByteArray listed = runBash(folder);
    QVERIFY2(listed.contains("/act/dir/a") && listed.contains("/act/dir/b"), listed.constData());
    QVERIFY(browser.action(QStringLiteral("deleteFolderAction"))->isEnabled());

    // Delete through the browser's action; the last action then is a compare-and-delete that,
    // replayed after the key is recreated, does nothing (its revision is gone).
    QVERIFY(browser.goToKey("/act/dir/b"));
    DeleteDialog *del = browser.deleteSelected();
    QVERIFY(del);
    QVERIFY(!del->isFolder());
    QTRY_COMPARE(del->state(), DeleteDialog::State::Ready);
    QSignalSpy deleted(del, &DeleteDialog::finished);
    del->startDelete();
    QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, 10000);
    QCOMPARE(value("/act/dir/b"), QByteArray("<absent>"));
    QTRY_VERIFY(!browser.model()->indexForKey("/act/dir/b").isValid()); // the watch removed the row
    QVERIFY(browser.action(QStringLiteral("copyLastEtcdctlAction"))->isEnabled());
    const QString last = browser.etcdctlForLastAction();
    QVERIFY2(last.contains(QStringLiteral("txn")) && last.contains(QStringLiteral("mod(")), qPrintable(last));
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/act/dir/b"), QStringLiteral("recreated")}).ok());
    runBash(last);
    QCOMPARE(value("/act/dir/b"), QByteArray("recreated"));
    del->close();

    // New key through the browser: prefilled with the selected folder, then opened in the editor.
    QVERIFY(browser.goToKey("/act/dir"));
    NewKeyDialog *nk = browser.newKey();
    QVERIFY(nk);
    QCOMPARE(nk->findChild<QLineEdit *>(QStringLiteral("keyEdit"))->text(), QStringLiteral("/act/dir/"));
    QVERIFY(!nk->canCreate()); // only the folder is typed so far
    nk->setKeyText(QStringLiteral("/act/dir/new"));
    nk->setValueText(QStringLiteral("fresh"));
    QTRY_VERIFY(nk->canCreate());
    nk->create();
    QTRY_COMPARE_WITH_TIMEOUT(browser.editor()->key(), QByteArray("/act/dir/new"), 10000);
    QTRY_COMPARE(browser.editor()->text(), QStringLiteral("fresh"));
    // Its etcdctl form creates the key only if it does not exist.
    QVERIFY(ctl.run({QStringLiteral("del"), QStringLiteral("/act/dir/new")}).ok());
    runBash(browser.etcdctlForLastAction());
    QCOMPARE(value("/act/dir/new"), QByteArray("fresh"));
}

void TestKeyDialogs::readOnlyDisablesEveryWrite()
{
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("put"), QStringLiteral("/ro/dir/k"), QStringLiteral("v")}).ok());
    ConnectionOptions o = optionsFor(*m_cluster);
    o.readOnly = true;
    EtcdClient client(o);
    KeyBrowser browser(&client, {"/ro/", '/'});
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    browser.show();
    browser.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QVERIFY(browser.goToKey("/ro/dir/k"));
    for (const char *name : {"newKeyAction", "copyKeyAction", "deleteAction", "deleteFolderAction", "importAction"})
        QVERIFY2(!browser.action(QLatin1String(name))->isEnabled(), name);
    QVERIFY(browser.action(QStringLiteral("exportAction"))->isEnabled());
    QVERIFY(browser.action(QStringLiteral("historyAction"))->isEnabled());
    QVERIFY(!browser.deleteSelected());
    QVERIFY(!browser.newKey());

    // The dialogs refuse on their own too (for anyone who opens them another way).
    DeleteDialog del(&client, "/ro/dir/k", false, 0);
    QTRY_VERIFY(del.state() != DeleteDialog::State::Loading);
    QVERIFY(!del.deleteButton()->isEnabled());
    NewKeyDialog nk(&client, "/ro/", '/');
    nk.setKeyText(QStringLiteral("/ro/new"));
    nk.setValueText(QStringLiteral("x"));
    QVERIFY(!nk.canCreate());
    CopyKeyDialog cp(&client, "/ro/dir/k", false);
    cp.setDestinationText(QStringLiteral("/ro/copy"));
    QTRY_VERIFY(!cp.isCounting());
    QVERIFY(!cp.canStart());
    QCOMPARE(value("/ro/dir/k"), QByteArray("v"));
}

// Delete, copy, import and export behave alike (BulkOperationDialog): Escape (reject) during a run
// stops it between two transactions and the dialog stays open until the outcome is in and shown;
// afterwards Close is enabled and closes it.
void TestKeyDialogs::everyBulkDialogStopsOnCloseAndStaysForItsOutcome()
{
    constexpr int kKeys = 3000;
    for (int batch = 0; batch < kKeys / 100; ++batch) {
        TxnSpec txn;
        for (int i = 0; i < 100; ++i)
            txn.success << TxnOp::putKey("/bulk/src/k" + QByteArray::number(batch * 100 + i).rightJustified(5, '0'),
                                         "v");
        QVERIFY_OK(resultOf(m_client->kv().txn(txn)));
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("bulk.json"));
    {
        ExportDialog full(m_client.get(), "/bulk/src/");
        full.setFilePath(file);
        QTRY_VERIFY(full.exportButton()->isEnabled());
        full.startExport();
        QTRY_COMPARE_WITH_TIMEOUT(full.state(), ExportDialog::State::Done, 20000);
    }

    // Each dialog: started, then Escape at once.
    const auto escapeDuringRun = [](BulkOperationDialog *dialog, const std::function<void()> &start) {
        dialog->show();
        start();
        QVERIFY(dialog->isRunning());
        QVERIFY(!dialog->closeButton()->isEnabled());
        QVERIFY(dialog->progress()->isVisible());
        dialog->reject();
        QVERIFY(dialog->isVisible()); // stays for the outcome
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), 20000);
        QVERIFY(dialog->isVisible()); // and still, now showing it
        QVERIFY(!dialog->progress()->isVisible());
        QVERIFY(dialog->closeButton()->isEnabled());
    };
    const auto closes = [](BulkOperationDialog *dialog) {
        dialog->closeButton()->click();
        QVERIFY(!dialog->isVisible());
    };

    DeleteDialog del(m_client.get(), "/bulk/src/", true, 0);
    QTRY_COMPARE_WITH_TIMEOUT(del.state(), DeleteDialog::State::Ready, 10000);
    del.confirmEdit()->setText(QStringLiteral("/bulk/src/"));
    escapeDuringRun(&del, [&] { del.startDelete(); });
    QCOMPARE(del.state(), DeleteDialog::State::Done);
    QVERIFY(del.report().cancelled);
    QVERIFY(del.report().done < kKeys); // stopped between two transactions
    QVERIFY(del.reportView()->isVisible());
    QVERIFY2(del.reportView()->summaryText().contains(QLatin1String("top"), Qt::CaseInsensitive) ||
                 !del.reportView()->detailText().isEmpty(),
             qPrintable(del.reportView()->summaryText()));
    closes(&del);

    CopyKeyDialog copy(m_client.get(), "/bulk/src/", true);
    QTRY_VERIFY_WITH_TIMEOUT(!copy.isCounting() && copy.keyCount() > 0, 10000);
    copy.setDestinationText(QStringLiteral("/bulk/copy/"));
    escapeDuringRun(&copy, [&] { copy.start(); });
    QVERIFY(copy.hasReport());
    QVERIFY(copy.report().cancelled);
    QVERIFY(copy.reportView()->isVisible());
    QVERIFY(copy.report().done < kKeys);
    closes(&copy);

    ImportDialog import(m_client.get());
    import.setFilePath(file);
    import.setTargetPrefix(QByteArray("/bulk/imported/"));
    QTRY_COMPARE_WITH_TIMEOUT(import.state(), ImportDialog::State::Ready, 20000);
    escapeDuringRun(&import, [&] { import.startImport(); });
    QCOMPARE(import.state(), ImportDialog::State::Done);
    QVERIFY(import.report().cancelled);
    QVERIFY(import.report().done < kKeys);
    closes(&import);

    ExportDialog exporter(m_client.get(), "/bulk/src/");
    exporter.setFilePath(dir.filePath(QStringLiteral("stopped.json")));
    QTRY_VERIFY(exporter.exportButton()->isEnabled());
    escapeDuringRun(&exporter, [&] { exporter.startExport(); });
    QCOMPARE(exporter.state(), ExportDialog::State::Editing); // stopped: no file, the form to try again
    QVERIFY2(exporter.statusText().contains(QLatin1String("No file was written")), qPrintable(exporter.statusText()));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("stopped.json"))));
    closes(&exporter);
}

QTEST_MAIN(TestKeyDialogs)
#include "tst_keydialogs.moc"
