// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Large values in the value editor, against real etcd: a 1.2 MiB minified JSON line is shown split
// and read-only, and saves byte for byte; copying leaves the display cuts out; "Edit as one line"
// edits it as it is; pretty-printing runs on a worker, can be stopped, and its result is a normal
// editable document; Revert brings the value back; highlighting covers about a screenful; a big
// YAML value is checked in the background after an edit. Behaviour, not timings (see
// bench_largevalue for those).

#include "common/viewporthighlighter.h"
#include "keys/valueeditor.h"
#include "keys/valuetextedit.h"
#include "sandbox/demolargevalue.h"
#include "support/testsupport.h"

#include <QClipboard>
#include <QFrame>
#include <QGuiApplication>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTextBlock>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

class TestLargeValue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void splitDisplayKeepsTheText();
    void longLineIsShownSplitAndSavesByteForByte();
    void editAsOneLine();
    void prettyPrintRunsOnAWorkerAndCanBeStopped();
    void highlightingIsBoundedToTheScreen();
    void largeYamlIsCheckedInTheBackground();

private:
    static bool openAndWait(ValueEditor &editor, const QByteArray &key);
    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
    QByteArray m_json; // 1.2 MiB on one line: under etcd's default request limit (1.5 MiB)
};

void TestLargeValue::initTestCase()
{
    START_CLUSTER(cluster, 1, true);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
    m_json = demo::routeTableJson(1200 * 1024);
    QVERIFY(!m_json.contains('\n'));
    QVERIFY(m_json.size() > 1100 * 1024);
    QVERIFY_OK(resultOf(m_client->kv().put("/large/routes.json", m_json)));
}

bool TestLargeValue::openAndWait(ValueEditor &editor, const QByteArray &key)
{
    QSignalSpy loaded(&editor, &ValueEditor::valueLoaded);
    editor.open(key);
    return loaded.wait(20000) && !editor.isLoading();
}

void TestLargeValue::splitDisplayKeepsTheText()
{
    // Two long lines (cut for display) around a short one, with a surrogate pair near a cut.
    const QString longLine = QString(ValueTextEdit::kPiece - 1, u'a') + QStringLiteral("\U0001F600") +
                             QString(3 * ValueTextEdit::kPiece, u'b');
    const QString text = longLine + QStringLiteral("\nshort\n") + longLine;
    ValueTextEdit edit;
    edit.adopt(ValueTextEdit::prepare(text, 1000, edit.documentFont(), edit.documentOption(), edit.thread()));
    QVERIFY(edit.isSplit());
    QCOMPARE(edit.text(), text);
    QVERIFY(edit.document()->blockCount() > 3);
    QCOMPARE(edit.document()->toPlainText().remove(u'\n'), QString(text).remove(u'\n')); // cut, nothing added
    for (QTextBlock b = edit.document()->begin(); b.isValid(); b = b.next()) {
        QVERIFY(b.length() - 1 <= ValueTextEdit::kPiece);
        QVERIFY(b.text().isEmpty() || !b.text().back().isHighSurrogate()); // a pair is never cut
    }
    // Positions in the text map to the same characters in the document (a line break is a
    // paragraph separator there).
    for (const qsizetype p : {qsizetype(0), qsizetype(ValueTextEdit::kPiece), longLine.size() - 1, longLine.size(),
                              longLine.size() + 3, text.size() - 1}) {
        const QChar shown = edit.document()->characterAt(edit.displayPosition(p));
        QCOMPARE(shown == QChar::ParagraphSeparator ? QChar(u'\n') : shown, text[p]);
    }
    // A copy is the value's text: cuts are not line breaks, the real line breaks are.
    edit.selectAll();
    edit.copy();
    QCOMPARE(QGuiApplication::clipboard()->text(), text);
    QTextCursor part(edit.document());
    part.setPosition(ValueTextEdit::kPiece - 10);
    part.setPosition(edit.document()->findBlockByNumber(4).position() + 3, QTextCursor::KeepAnchor);
    edit.setTextCursor(part);
    edit.copy();
    QVERIFY(!QGuiApplication::clipboard()->text().isEmpty());
    QVERIFY(text.contains(QGuiApplication::clipboard()->text()));

    // Any change of the document ends the split display; the text is the document's then.
    QSignalSpy split(&edit, &ValueTextEdit::splitChanged);
    edit.setPlainText(QStringLiteral("plain"));
    QVERIFY(!edit.isSplit());
    QCOMPARE(split.count(), 1);
    QCOMPARE(edit.text(), QStringLiteral("plain"));
}

void TestLargeValue::longLineIsShownSplitAndSavesByteForByte()
{
    ValueEditor editor(m_client.get());
    editor.resize(900, 700);
    editor.setVisible(true);
    QVERIFY(openAndWait(editor, "/large/routes.json"));
    auto *edit = editor.findChild<ValueTextEdit *>(QStringLiteral("valueEdit"));
    auto *note = editor.findChild<QFrame *>(QStringLiteral("longLineNote"));
    QVERIFY(edit && note);
    QCOMPARE(editor.format(), ValueFormat::Json);
    QVERIFY(editor.isShownSplit());
    QVERIFY(edit->isReadOnly());
    QVERIFY(note->isVisible());
    QVERIFY(edit->document()->blockCount() > 100); // display lines
    QCOMPARE(editor.text(), QString::fromUtf8(m_json));
    QVERIFY(!editor.isDirty());
    QCOMPARE(edit->lineWrapMode(), QPlainTextEdit::WidgetWidth);

    // Saved as it is (a compare-and-swap of the same bytes): exactly the bytes that were loaded.
    QSignalSpy saved(&editor, &ValueEditor::saved);
    editor.save();
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
    const auto now = resultOf(m_client->kv().get("/large/routes.json"));
    QCOMPARE(now->kvs.constFirst().value, m_json);
    QCOMPARE(now->kvs.constFirst().version, 2);
}

void TestLargeValue::editAsOneLine()
{
    ValueEditor editor(m_client.get());
    editor.resize(900, 700);
    editor.setVisible(true);
    QVERIFY(openAndWait(editor, "/large/routes.json"));
    auto *edit = editor.findChild<ValueTextEdit *>(QStringLiteral("valueEdit"));
    auto *oneLine = editor.findChild<QPushButton *>(QStringLiteral("editAsOneLineButton"));
    QVERIFY(edit && oneLine);
    oneLine->click();
    QVERIFY(!editor.isShownSplit());
    QVERIFY(!edit->isReadOnly());
    QCOMPARE(edit->document()->blockCount(), 1);
    QCOMPARE(editor.text(), QString::fromUtf8(m_json));
    QVERIFY(!editor.isDirty());
    edit->moveCursor(QTextCursor::End);
    QTest::keyClick(edit, Qt::Key_Space); // still valid JSON
    QVERIFY(editor.isDirty());
    QSignalSpy saved(&editor, &ValueEditor::saved);
    editor.save();
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
    QCOMPARE(resultOf(m_client->kv().get("/large/routes.json"))->kvs.constFirst().value, m_json + ' ');
    QVERIFY_OK(resultOf(m_client->kv().put("/large/routes.json", m_json)));
}

void TestLargeValue::prettyPrintRunsOnAWorkerAndCanBeStopped()
{
    ValueEditor editor(m_client.get());
    editor.resize(900, 700);
    editor.setVisible(true);
    QVERIFY(openAndWait(editor, "/large/routes.json"));
    auto *edit = editor.findChild<ValueTextEdit *>(QStringLiteral("valueEdit"));
    auto *progress = editor.findChild<QProgressBar *>(QStringLiteral("prettyProgress"));
    auto *stop = editor.findChild<QPushButton *>(QStringLiteral("prettyStopButton"));
    QVERIFY(edit && progress && stop);
    QSignalSpy finished(&editor, &ValueEditor::prettyPrintFinished);

    // Started, then stopped before the worker is done: nothing changes.
    editor.prettyPrint();
    QVERIFY(editor.isPrettyPrinting());
    QVERIFY(progress->isVisible() && stop->isVisible());
    QVERIFY(edit->isReadOnly());
    stop->click();
    QVERIFY(!editor.isPrettyPrinting());
    QVERIFY(!progress->isVisible());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    spin(1500); // the stopped worker's result, if any, is dropped
    QCOMPARE(finished.count(), 1);
    QCOMPARE(editor.text(), QString::fromUtf8(m_json));
    QVERIFY(!editor.isDirty());

    // Run to the end: an editable, pretty document with the same content.
    editor.prettyPrint();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
    QCOMPARE(finished.at(1).at(0).toBool(), true);
    QVERIFY(!progress->isVisible());
    QVERIFY(!editor.isShownSplit());
    QVERIFY(!edit->isReadOnly());
    QVERIFY(edit->document()->blockCount() > 10000);
    QVERIFY(editor.isDirty());
    QString error;
    QCOMPARE(compactJson(editor.text(), &error), QString::fromUtf8(m_json));
    QVERIFY(error.isEmpty());
    QVERIFY(editor.statusText().contains(QLatin1String("Pretty-printed")));

    // Revert reads the value's document again (on a worker): split, clean.
    editor.revert();
    QTRY_VERIFY_WITH_TIMEOUT(!editor.isLoading(), 20000);
    QVERIFY(editor.isShownSplit());
    QVERIFY(!editor.isDirty());
    QCOMPARE(editor.text(), QString::fromUtf8(m_json));

    // Another key while pretty-printing: the run is dropped.
    QVERIFY_OK(resultOf(m_client->kv().put("/large/small", "{\"a\":1}")));
    editor.prettyPrint();
    QVERIFY(editor.isPrettyPrinting());
    QVERIFY(openAndWait(editor, "/large/small"));
    QVERIFY(!editor.isPrettyPrinting());
    spin(1500);
    QCOMPARE(editor.text(), QStringLiteral("{\"a\":1}"));
}

void TestLargeValue::highlightingIsBoundedToTheScreen()
{
    ValueEditor editor(m_client.get());
    editor.resize(900, 600);
    editor.setVisible(true);
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QVERIFY(openAndWait(editor, "/large/routes.json"));
    auto *edit = editor.findChild<ValueTextEdit *>(QStringLiteral("valueEdit"));
    QSignalSpy finished(&editor, &ValueEditor::prettyPrintFinished);
    editor.prettyPrint();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QVERIFY(edit->highlighter());
    const int screen = edit->viewport()->height() / edit->fontMetrics().lineSpacing() + 2;
    QTRY_VERIFY_WITH_TIMEOUT(edit->highlighter()->highlightedBlocks() > 0, 5000);
    // About a screenful (the view's height changed a little as the status line did).
    QVERIFY2(edit->highlighter()->highlightedBlocks() <= screen * 3 / 2,
             qPrintable(QStringLiteral("%1 of %2").arg(edit->highlighter()->highlightedBlocks()).arg(screen)));
    const QTextBlock top = edit->document()->begin().next();
    QVERIFY(!top.layout()->formats().isEmpty());

    // At the end: coloured there, still about two screens in all, the middle untouched.
    QTest::keyClick(edit, Qt::Key_End, Qt::ControlModifier);
    const QTextBlock last = edit->document()->lastBlock().previous();
    QTRY_VERIFY_WITH_TIMEOUT(!last.layout()->formats().isEmpty(), 5000);
    QVERIFY(edit->highlighter()->highlightedBlocks() <= 3 * screen);
    QVERIFY(edit->document()->findBlockByNumber(edit->document()->blockCount() / 2).layout()->formats().isEmpty());

    // Typing colours the edited line again.
    QTest::keyClick(edit, Qt::Key_Up);
    QTest::keyClick(edit, Qt::Key_Home);
    QTest::keyClicks(edit, QStringLiteral("\"k\": 1, "));
    QTRY_VERIFY_WITH_TIMEOUT(!edit->textCursor().block().layout()->formats().isEmpty(), 5000);
}

void TestLargeValue::largeYamlIsCheckedInTheBackground()
{
    const QByteArray yaml = demo::routeTableYaml(400 * 1024);
    QVERIFY_OK(resultOf(m_client->kv().put("/large/routes.yaml", yaml)));
    ValueEditor editor(m_client.get());
    QVERIFY(openAndWait(editor, "/large/routes.yaml"));
    QCOMPARE(editor.format(), ValueFormat::Yaml);
    QVERIFY(!editor.isShownSplit());
    QCOMPARE(editor.text(), QString::fromUtf8(yaml));
    // An edit that breaks it is reported once typing pauses, not on the keystroke itself.
    editor.setText(editor.text() + QStringLiteral("broken: [unclosed\n"));
    QVERIFY(!editor.statusText().contains(QLatin1String("not valid")));
    QTRY_VERIFY_WITH_TIMEOUT(editor.statusText().contains(QLatin1String("YAML is not valid")), 10000);
    editor.revert();
    QTRY_VERIFY_WITH_TIMEOUT(!editor.isLoading() && !editor.isDirty(), 20000);
    QCOMPARE(editor.text(), QString::fromUtf8(yaml));
}

QTEST_MAIN(TestLargeValue)
#include "tst_largevalue.moc"
