// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The value editor's conflict dialog on the offscreen platform: every button gives its choice, the
// merge it offers (clean and conflicting), a deletion in etcd, Escape/Enter/close doing nothing, the
// three diffs it shows, and a screenshot (ETCD_CONSOLE_SCREENSHOT_DIR, default the temp directory).

#include "common/diffview.h"
#include "keys/conflictdialog.h"

#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTextBlock>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

using namespace etcd::ui;
using Side = ConflictDialog::Side;
using Choice = ConflictDialog::Choice;
Q_DECLARE_METATYPE(Choice)

class TestConflictDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void explainsWhatHappened();
    void eachButtonGivesItsChoice_data();
    void eachButtonGivesItsChoice();
    void buttonsWorkFromExec();
    void escapeEnterAndCloseDoNothing();
    void offersACleanMerge();
    void offersAConflictingMergeWithMarkers();
    void conflictsByFieldArePickedNotMarked();
    void theirDeletion();
    void showsTheThreeDiffs();
    void fieldsTabShowsChangesByPath();
    void rendersAScreenshot();
    void diffViewShowsLineEndsAndControlCharacters();
    void diffViewNewerComparisonWins();
    void bigValuesDoNotBlockTheWindow();
};

namespace {
const QString kKey = QStringLiteral("/services/payments/config.yaml");

QString lines(std::initializer_list<const char *> l)
{
    QString s;
    for (const char *line : l)
        s += QString::fromUtf8(line) + u'\n';
    return s;
}

const QString kBase =
    lines({"service: payments", "owner: team-billing", "replicas: 3", "image: registry.internal/payments:1.4.2",
           "resources:", "  cpu: 500m", "  memory: 512Mi", "timeout: 30s", "retries: 2", "log_level: info",
           "database:", "  host: pg-primary.internal", "  port: 5432", "  pool_size: 20",
           "features:", "  - fraud-check", "  - receipts"});
// Their change (another operator): more replicas, a new feature.
const QString kTheirs = QString(kBase).replace("replicas: 3", "replicas: 5") + "  - refunds\n";
// My change, not touching theirs: a longer timeout, a bigger pool.
const QString kMineClean =
    QString(kBase).replace("timeout: 30s", "timeout: 45s").replace("pool_size: 20", "pool_size: 40");
// My change, conflicting with theirs on the replicas line.
const QString kMineConflicting =
    QString(kBase).replace("replicas: 3", "replicas: 4").replace("log_level: info", "log_level: debug");

Side side(const QString &text, qint64 revision, qint64 version)
{
    Side s;
    s.text = text;
    s.modRevision = revision;
    s.version = version;
    return s;
}

Side deletion(qint64 revision)
{
    Side s;
    s.deleted = true;
    s.modRevision = revision;
    return s;
}

template<typename T> T *child(QWidget &dialog, const char *name)
{
    auto *w = dialog.findChild<T *>(QLatin1String(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

QString plain(const QString &richText)
{
    QString s = richText;
    return s.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
}

void waitUntilComplete(ConflictDialog &dialog, bool expectMerge = true)
{
    for (const char *name : {"theirChangeView", "yourChangeView", "yoursVsTheirsView"}) {
        auto *view = child<DiffView>(dialog, name);
        QTRY_VERIFY_WITH_TIMEOUT(!view->isComparing(), 10000);
    }
    if (expectMerge)
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isMergeReady(), 10000);
}

void saveScreenshot(ConflictDialog &dialog, const QString &name)
{
    const QPixmap pixmap = dialog.grab();
    QVERIFY(!pixmap.isNull());
    QVERIFY(pixmap.width() > 400 && pixmap.height() > 300);
    const QString dir = qEnvironmentVariable("ETCD_CONSOLE_SCREENSHOT_DIR", QDir::tempPath());
    const QString path = QDir(dir).filePath(name);
    QVERIFY2(pixmap.save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));
}
} // namespace

void TestConflictDialog::explainsWhatHappened()
{
    ConflictDialog dialog(kKey, side(kBase, 12, 3), side(kMineClean, 12, 3), side(kTheirs, 17, 4));
    QCOMPARE(plain(child<QLabel>(dialog, "conflictHeadline")->text()),
             QStringLiteral("/services/payments/config.yaml was changed in etcd (revision 12 → 17) after you "
                            "opened it. Nothing was saved."));
    QCOMPARE(child<QPushButton>(dialog, "keepTheirsButton")->text(), QStringLiteral("Keep theirs (discard my edit)"));
    QCOMPARE(child<QPushButton>(dialog, "overwriteButton")->text(), QStringLiteral("Overwrite theirs with mine"));
    QCOMPARE(child<QPushButton>(dialog, "mergeButton")->text(), QStringLiteral("Merge into the editor"));

    // A key with "%2" in it (URL-encoded) and HTML characters stays as it is.
    ConflictDialog odd(QStringLiteral("a%2Fb<c>"), side(kBase, 12, 3), side(kMineClean, 12, 3), side(kTheirs, 17, 4));
    QCOMPARE(child<QLabel>(odd, "conflictHeadline")->text(),
             QStringLiteral("<b>a%2Fb&lt;c&gt;</b> was changed in etcd (revision 12 → 17) after you opened it. "
                            "Nothing was saved."));

    // Someone else created the key the user was about to create.
    ConflictDialog created(QStringLiteral("new/key"), side({}, 0, 0), side(QStringLiteral("mine\n"), 0, 0),
                           side(QStringLiteral("theirs\n"), 40, 1));
    QCOMPARE(plain(child<QLabel>(created, "conflictHeadline")->text()),
             QStringLiteral("new/key was created in etcd (revision 40) by someone else while you were writing it. "
                            "Nothing was saved."));
    waitUntilComplete(dialog);
    waitUntilComplete(odd);
    waitUntilComplete(created);
}

void TestConflictDialog::eachButtonGivesItsChoice_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<Choice>("expected");
    QTest::newRow("keep theirs") << "keepTheirsButton" << Choice::KeepTheirs;
    QTest::newRow("overwrite") << "overwriteButton" << Choice::OverwriteTheirs;
    QTest::newRow("merge") << "mergeButton" << Choice::MergeInEditor;
    QTest::newRow("cancel") << "cancelButton" << Choice::None;
}

void TestConflictDialog::eachButtonGivesItsChoice()
{
    QFETCH(QString, button);
    QFETCH(Choice, expected);
    ConflictDialog dialog(kKey, side(kBase, 12, 3), side(kMineClean, 12, 3), side(kTheirs, 17, 4));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.choice(), Choice::None);
    waitUntilComplete(dialog);
    auto *b = dialog.findChild<QPushButton *>(button);
    QVERIFY(b);
    QTest::mouseClick(b, Qt::LeftButton);
    QCOMPARE(dialog.choice(), expected);
    QCOMPARE(dialog.result(), expected == Choice::None ? int(QDialog::Rejected) : int(QDialog::Accepted));
    QVERIFY(!dialog.isVisible());
}

void TestConflictDialog::buttonsWorkFromExec()
{
    // The editor runs the dialog with exec(); the choice must survive the nested event loop.
    ConflictDialog dialog(kKey, side(kBase, 12, 3), side(kMineConflicting, 12, 3), side(kTheirs, 17, 4));
    connect(&dialog, &ConflictDialog::mergeReady, &dialog,
            [&dialog] { QTimer::singleShot(0, child<QPushButton>(dialog, "mergeButton"), &QPushButton::click); });
    QCOMPARE(dialog.exec(), int(QDialog::Accepted));
    QCOMPARE(dialog.choice(), Choice::MergeInEditor);
    QVERIFY(dialog.isStructuralMerge()); // YAML: by field, never markers
    QCOMPARE(dialog.mergeConflicts(), 1);
}

void TestConflictDialog::escapeEnterAndCloseDoNothing()
{
    ConflictDialog dialog(kKey, side(kBase, 12, 3), side(kMineClean, 12, 3), side(kTheirs, 17, 4));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    waitUntilComplete(dialog);
    // No default button: Enter must not overwrite someone's change by accident.
    QTest::keyClick(&dialog, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.choice(), Choice::None);
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(dialog.choice(), Choice::None);

    ConflictDialog closed(kKey, side(kBase, 12, 3), side(kMineClean, 12, 3), side(kTheirs, 17, 4));
    closed.show();
    QVERIFY(QTest::qWaitForWindowExposed(&closed));
    closed.close();
    QCOMPARE(closed.result(), int(QDialog::Rejected));
    QCOMPARE(closed.choice(), Choice::None);
    waitUntilComplete(closed);
}

void TestConflictDialog::offersACleanMerge()
{
    ConflictDialog dialog(kKey, side(kBase, 12, 3), side(kMineClean, 12, 3), side(kTheirs, 17, 4));
    waitUntilComplete(dialog);
    QVERIFY(dialog.mergeIsClean());
    QCOMPARE(dialog.mergeConflicts(), 0);
    QCOMPARE(dialog.mergedText(), QString(kMineClean).replace("replicas: 3", "replicas: 5") + "  - refunds\n");
    auto *merge = child<QPushButton>(dialog, "mergeButton");
    QVERIFY(merge->isEnabled());
    QVERIFY2(merge->toolTip().contains(QLatin1String("clean, no conflicts")), qPrintable(merge->toolTip()));
    QCOMPARE(child<QLabel>(dialog, "mergeStatus")->text(), QStringLiteral("Both changes combine without conflicts."));
}

void TestConflictDialog::offersAConflictingMergeWithMarkers()
{
    // Text that is no JSON or YAML document merges by lines; a conflict is marked there.
    const QString base = QStringLiteral("# motd\nWelcome to payments.\nBe nice.\nBye.\n");
    const QString mine = QString(base).replace("# motd", "# message of the day").replace("Be nice.", "Be kind.");
    const QString theirs = QString(base).replace("Be nice.", "Be polite.");
    ConflictDialog dialog(kKey, side(base, 12, 3), side(mine, 12, 3), side(theirs, 17, 4));
    waitUntilComplete(dialog);
    QVERIFY(!dialog.isStructuralMerge());
    QVERIFY(!dialog.mergeIsClean());
    QCOMPARE(dialog.mergeConflicts(), 1);
    QCOMPARE(dialog.mergedText(),
             QString(mine).replace("Be kind.\n", "<<<<<<< mine\nBe kind.\n||||||| base\nBe nice.\n=======\n"
                                                 "Be polite.\n>>>>>>> theirs\n"));
    auto *merge = child<QPushButton>(dialog, "mergeButton");
    QVERIFY(merge->isEnabled());
    QVERIFY2(merge->toolTip().contains(QLatin1String("with 1 conflict marked")), qPrintable(merge->toolTip()));
    QCOMPARE(child<QLabel>(dialog, "mergeStatus")->text(),
             QStringLiteral("Merging both changes gives 1 conflict to resolve in the editor."));
    QVERIFY(child<QTreeWidget>(dialog, "mergeConflicts")->isHidden());
}

void TestConflictDialog::conflictsByFieldArePickedNotMarked()
{
    // YAML: replicas changed on both sides is one conflict by path; my log level and their new
    // feature merge around it. No markers whatever is chosen.
    ConflictDialog dialog(kKey, side(kBase, 12, 3), side(kMineConflicting, 12, 3), side(kTheirs, 17, 4));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    waitUntilComplete(dialog);
    QVERIFY(dialog.isStructuralMerge());
    QVERIFY(dialog.mergeIsClean());
    QCOMPARE(dialog.conflictPaths(), QStringList{QStringLiteral("replicas")});
    const QString withMine = QString(kMineConflicting) + "  - refunds\n";
    QCOMPARE(dialog.mergedText(), withMine);
    QVERIFY2(
        child<QLabel>(dialog, "mergeStatus")->text().startsWith(QLatin1String("1 field was changed on both sides")),
        qPrintable(child<QLabel>(dialog, "mergeStatus")->text()));
    auto *table = child<QTreeWidget>(dialog, "mergeConflicts");
    QVERIFY(table->isVisible());
    QCOMPARE(table->topLevelItemCount(), 1);
    QCOMPARE(table->topLevelItem(0)->text(0), QStringLiteral("replicas"));
    QCOMPARE(table->topLevelItem(0)->text(1), QStringLiteral("3"));
    QCOMPARE(table->topLevelItem(0)->text(2), QStringLiteral("4"));
    QCOMPARE(table->topLevelItem(0)->text(3), QStringLiteral("5"));
    saveScreenshot(dialog, QStringLiteral("conflictdialog-fields.png"));
    // Choosing theirs in the row's box merges again with their value.
    auto *choice = child<QComboBox>(dialog, "conflictChoice");
    choice->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isMergeReady(), 10000);
    QCOMPARE(dialog.mergedText(), QString(withMine).replace("replicas: 4", "replicas: 5"));
    QVERIFY(!dialog.mergedText().contains(QLatin1String("<<<<<<<")));
    QVERIFY2(dialog.mergeNote().contains(QLatin1String("0 kept yours and 1 took theirs")),
             qPrintable(dialog.mergeNote()));
    dialog.setTakeTheirs(QStringLiteral("replicas"), false);
    QCOMPARE(choice->currentIndex(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isMergeReady(), 10000);
    QCOMPARE(dialog.mergedText(), withMine);

    // Comments that cannot be kept are said before anything is merged into the editor.
    const QString base = QStringLiteral("# settings\nbanner: a long\n  folded line\nlevel: 1\n");
    ConflictDialog rewritten(kKey, side(base, 12, 3), side(QString(base).replace("level: 1", "level: 2"), 12, 3),
                             side(QStringLiteral("banner: short\nlevel: 1\n"), 17, 4));
    waitUntilComplete(rewritten);
    QVERIFY(rewritten.mergeLosesComments());
    QVERIFY2(child<QLabel>(rewritten, "mergeStatus")->text().contains(QLatin1String("comments will be lost")),
             qPrintable(child<QLabel>(rewritten, "mergeStatus")->text()));
    QCOMPARE(rewritten.mergedText(), QStringLiteral("banner: short\nlevel: 2\n"));
}

void TestConflictDialog::theirDeletion()
{
    ConflictDialog dialog(kKey, side(kBase, 12, 3), side(kMineClean, 12, 3), deletion(17));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    waitUntilComplete(dialog, false);
    QCOMPARE(plain(child<QLabel>(dialog, "conflictHeadline")->text()),
             QStringLiteral("/services/payments/config.yaml was deleted in etcd (revision 17) after you opened it. "
                            "Nothing was saved."));
    auto *overwrite = child<QPushButton>(dialog, "overwriteButton");
    QCOMPARE(overwrite->text(), QStringLiteral("Re-create it with mine"));
    QCOMPARE(child<QPushButton>(dialog, "keepTheirsButton")->text(),
             QStringLiteral("Keep it deleted (discard my edit)"));
    auto *merge = child<QPushButton>(dialog, "mergeButton");
    QTest::qWait(50); // a merge must not turn up later either
    QVERIFY(!merge->isEnabled());
    QVERIFY(!dialog.isMergeReady());
    QVERIFY(!dialog.mergeIsClean());
    QVERIFY(dialog.mergedText().isEmpty());
    QVERIFY(merge->toolTip().contains(QLatin1String("deleted")));
    // Their change is the whole value removed.
    QCOMPARE(child<DiffView>(dialog, "theirChangeView")->stats().removed, 17);
    QCOMPARE(child<DiffView>(dialog, "theirChangeView")->stats().added, 0);
    saveScreenshot(dialog, QStringLiteral("conflictdialog-deleted.png"));
    QTest::mouseClick(overwrite, Qt::LeftButton);
    QCOMPARE(dialog.choice(), Choice::OverwriteTheirs);
}

void TestConflictDialog::fieldsTabShowsChangesByPath()
{
    // YAML: each side's changes by path, and the field both changed.
    {
        ConflictDialog dialog(kKey, side(kBase, 12, 3), side(kMineConflicting, 12, 3), side(kTheirs, 17, 4));
        auto *fields = dialog.findChild<QPlainTextEdit *>(QStringLiteral("fieldChangesView"));
        QVERIFY(fields);
        const QString text = fields->toPlainText();
        QVERIFY2(text.contains(QLatin1String("replicas: 3 -> 5")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("+ features[2]: \"refunds\"")));
        QVERIFY(text.contains(QLatin1String("replicas: 3 -> 4")));
        QVERIFY(text.contains(QLatin1String("log_level: \"info\" -> \"debug\"")));
        QVERIFY(text.contains(QLatin1String("Changed on both sides: replicas")));
    }
    // The case a new user met: their program stored the JSON minified, I edited another field of
    // the pretty-printed text. Every line differs as text; as fields, nothing conflicts.
    {
        const QString base = QStringLiteral("{\n  \"currency\": \"EUR\",\n  \"paymentTimeoutMs\": 1500\n}\n");
        const QString theirs = QStringLiteral("{\"currency\":\"USD\",\"paymentTimeoutMs\":1500}");
        const QString mine = QStringLiteral("{\n  \"currency\": \"EUR\",\n  \"paymentTimeoutMs\": 2000\n}\n");
        ConflictDialog dialog(kKey, side(base, 12, 3), side(mine, 12, 3), side(theirs, 17, 4));
        auto *fields = dialog.findChild<QPlainTextEdit *>(QStringLiteral("fieldChangesView"));
        QVERIFY(fields);
        const QString text = fields->toPlainText();
        QVERIFY2(text.contains(QLatin1String("currency: \"EUR\" -> \"USD\"")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("paymentTimeoutMs: 1500 -> 2000")));
        QVERIFY(text.contains(QLatin1String("No field was changed on both sides.")));
    }
    // Plain text is no document: no Fields tab.
    {
        ConflictDialog dialog(kKey, side(QStringLiteral("a\n"), 12, 3), side(QStringLiteral("b\n"), 12, 3),
                              side(QStringLiteral("c\n"), 17, 4));
        QVERIFY(!dialog.findChild<QPlainTextEdit *>(QStringLiteral("fieldChangesView")));
    }
}

void TestConflictDialog::showsTheThreeDiffs()
{
    ConflictDialog dialog(kKey, side(kBase, 12, 3), side(kMineConflicting, 12, 3), side(kTheirs, 17, 4));
    waitUntilComplete(dialog);
    auto *tabs = dialog.findChild<QTabWidget *>();
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 4); // three text diffs, and the fields (YAML) by path
    QCOMPARE(tabs->currentIndex(), 0);
    QCOMPARE(tabs->tabText(0), QStringLiteral("Their change  +2 −1"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("Your change  +2 −2"));
    QCOMPARE(tabs->tabText(2), QStringLiteral("Yours vs theirs  +2 −3"));
    auto *theirs = child<DiffView>(dialog, "theirChangeView");
    QCOMPARE(theirs->headerText(), QStringLiteral("loaded (revision 12) → etcd now (revision 17): +2 −1"));
    QCOMPARE(child<DiffView>(dialog, "yourChangeView")->headerText(),
             QStringLiteral("loaded (revision 12) → your text: +2 −2"));
    QCOMPARE(child<DiffView>(dialog, "yoursVsTheirsView")->headerText(),
             QStringLiteral("etcd now (revision 17) → your text: +2 −3"));
    // Unchanged stretches fold; "Show all lines" brings them back.
    const QString folded = theirs->textView()->toPlainText();
    QVERIFY2(folded.contains(QStringLiteral("⋯ 8 unchanged lines")), qPrintable(folded));
    theirs->setShowAllLines(true);
    QCOMPARE(theirs->textView()->toPlainText(),
             QString(kBase).replace("replicas: 3", "replicas: 3\nreplicas: 5") + "  - refunds");
}

void TestConflictDialog::rendersAScreenshot()
{
    ConflictDialog dialog(kKey, side(kBase, 12, 3), side(kMineConflicting, 12, 3), side(kTheirs, 17, 4));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    waitUntilComplete(dialog);
    saveScreenshot(dialog, QStringLiteral("conflictdialog.png"));
    dialog.findChild<QTabWidget *>()->setCurrentIndex(2);
    saveScreenshot(dialog, QStringLiteral("conflictdialog-yours-vs-theirs.png"));

    // Tints are mixed from the palette: on a dark one, added lines are a dark green, not a glare.
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    dialog.setPalette(dark);
    dialog.findChild<QTabWidget *>()->setCurrentIndex(0);
    auto *edit = child<DiffView>(dialog, "theirChangeView")->textView();
    const QColor added = edit->document()->findBlockByNumber(3).blockFormat().background().color();
    QVERIFY2(added.lightness() < 80 && added.green() > added.red(), qPrintable(added.name()));
    saveScreenshot(dialog, QStringLiteral("conflictdialog-dark.png"));
}

void TestConflictDialog::diffViewShowsLineEndsAndControlCharacters()
{
    // CRLF -> LF and a missing final newline are real differences: they must be visible, not
    // two identical-looking lines. A CR on an unchanged line is the same on both sides: not shown.
    DiffView view;
    QSignalSpy compared(&view, &DiffView::compared);
    view.setTexts(QStringLiteral("a\r\nb\r\nx\x01y\n"), QStringLiteral("a\nb\r\nx\x01y\nc"), QStringLiteral("old"),
                  QStringLiteral("new"));
    QVERIFY(view.isComparing());
    QCOMPARE(view.headerText(), QStringLiteral("old → new: comparing…"));
    QTRY_COMPARE(compared.count(), 1);
    QCOMPARE(view.textView()->toPlainText(), QStringLiteral("a\\r\na\nb\nx\\x01y\nc  (no newline at end)"));
    QCOMPARE(view.headerText(), QStringLiteral("old → new: +2 −1"));

    view.setTexts(QStringLiteral("same\n"), QStringLiteral("same\n"), QStringLiteral("old"), QStringLiteral("new"));
    QTRY_COMPARE(compared.count(), 2);
    QCOMPARE(view.headerText(), QStringLiteral("old → new: no differences"));
    QCOMPARE(view.textView()->toPlainText(), QStringLiteral("same"));
}

void TestConflictDialog::diffViewNewerComparisonWins()
{
    DiffView view;
    QSignalSpy compared(&view, &DiffView::compared);
    QString big;
    for (int i = 0; i < 20000; ++i)
        big += QStringLiteral("line %1\n").arg(i);
    view.setTexts(big, QStringLiteral("x\n") + big, QStringLiteral("first"), QStringLiteral("first"));
    view.setTexts(QStringLiteral("a\n"), QStringLiteral("b\n"), QStringLiteral("second"), QStringLiteral("second"));
    QTRY_COMPARE(compared.count(), 1);
    QTest::qWait(100); // the first comparison's late result must be dropped
    QCOMPARE(compared.count(), 1);
    QCOMPARE(view.headerText(), QStringLiteral("second → second: +1 −1"));

    view.setLines(diffLines(QStringLiteral("1\n"), QStringLiteral("2\n3\n")), QStringLiteral("p"), QStringLiteral("q"));
    QVERIFY(!view.isComparing());
    QCOMPARE(view.headerText(), QStringLiteral("p → q: +2 −1"));
}

void TestConflictDialog::bigValuesDoNotBlockTheWindow()
{
    // 10 000-line values (~100 KiB; etcd allows 1.5 MiB): comparing and merging happen on worker
    // threads, so opening the dialog costs the GUI thread next to nothing.
    QString base;
    QString mine;
    QString theirs;
    for (int i = 0; i < 10000; ++i) {
        const QString line = QStringLiteral("key_%1: value %1\n").arg(i);
        base += line;
        mine += i % 500 == 0 ? QStringLiteral("key_%1: mine\n").arg(i) : line;
        theirs += i % 500 == 250 ? QStringLiteral("key_%1: theirs\n").arg(i) : line;
    }
    QElapsedTimer timer;
    timer.start();
    ConflictDialog dialog(kKey, side(base, 100, 9), side(mine, 100, 9), side(theirs, 120, 10));
    const qint64 openMs = timer.elapsed();
    dialog.show();
    waitUntilComplete(dialog);
    qInfo("constructor %lld ms, everything compared and merged after %lld ms", openMs, timer.elapsed());
    QVERIFY2(openMs < 300, qPrintable(QString::number(openMs)));
    QVERIFY(dialog.mergeIsClean());
    QCOMPARE(child<DiffView>(dialog, "yoursVsTheirsView")->stats().added, 40);
}

QTEST_MAIN(TestConflictDialog)
#include "tst_conflictdialog.moc"
