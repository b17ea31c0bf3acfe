// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The value editor's highlighters: their formats on a real QTextDocument, in both palettes; and the
// viewport highlighter: only the blocks asked for, YAML states carried from far above, edits.

#include "common/syntaxhighlighter.h"
#include "common/viewporthighlighter.h"

#include <QPalette>
#include <QPlainTextDocumentLayout>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QtTest>

using namespace etcd;
using namespace etcd::ui;

class TestSyntaxHighlighter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonHighlighterMarksTokens();
    void yamlHighlighterFollowsBlocks();
    void highlighterColoursFollowThePalette();
    void viewportHighlighterColoursOnlyWhatIsAsked();
    void viewportHighlighterFollowsYamlStatesFromFarAbove();
};

namespace {

QColor foregroundAt(const QTextBlock &block, int position)
{
    const auto formats = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : formats)
        if (position >= range.start && position < range.start + range.length)
            return range.format.foreground().color();
    return {};
}

QTextBlock blockNumber(QTextDocument &document, int number)
{
    return document.findBlockByNumber(number);
}

} // namespace

void TestSyntaxHighlighter::jsonHighlighterMarksTokens()
{
    QTextDocument document(QStringLiteral("{\n  \"name\": \"etcd\", \"port\": 2379, \"tls\": false\n}"));
    auto *highlighter = createHighlighter(ValueFormat::Json, &document);
    QVERIFY(qobject_cast<JsonHighlighter *>(highlighter));
    highlighter->rehighlight();
    const QTextBlock line = blockNumber(document, 1);
    const QString text = line.text();
    const QColor key = foregroundAt(line, int(text.indexOf(QStringLiteral("\"name\""))));
    const QColor string = foregroundAt(line, int(text.indexOf(QStringLiteral("\"etcd\""))));
    const QColor number = foregroundAt(line, int(text.indexOf(QStringLiteral("2379"))));
    const QColor keyword = foregroundAt(line, int(text.indexOf(QStringLiteral("false"))));
    const QColor punctuation = foregroundAt(line, int(text.indexOf(u':')));
    QVERIFY(key.isValid() && string.isValid() && number.isValid() && keyword.isValid() && punctuation.isValid());
    const QSet<QRgb> distinct = {key.rgb(), string.rgb(), number.rgb(), keyword.rgb(), punctuation.rgb()};
    QCOMPARE(distinct.size(), 5);
    QCOMPARE(foregroundAt(line, int(text.indexOf(QStringLiteral("\"port\"")))), key);

    QVERIFY(!createHighlighter(ValueFormat::Text, &document));
    QVERIFY(!createHighlighter(ValueFormat::Binary, &document));
}

void TestSyntaxHighlighter::yamlHighlighterFollowsBlocks()
{
    QTextDocument document(QStringLiteral("---\n"
                                          "name: \"etcd\" # the name\n"
                                          "port: 2379\n"
                                          "base: &b !!map\n"
                                          "  - yes\n"
                                          "script: |\n"
                                          "  key: 12\n"
                                          "\n"
                                          "  - not a list\n"
                                          "next: *b\n"
                                          "quoted: 'multi\n"
                                          "  line'\n"
                                          "after: x\n"));
    auto *highlighter = qobject_cast<YamlHighlighter *>(createHighlighter(ValueFormat::Yaml, &document));
    QVERIFY(highlighter);
    highlighter->rehighlight();
    const auto at = [&](int block, const QString &token) {
        const QTextBlock line = blockNumber(document, block);
        return foregroundAt(line, int(line.text().indexOf(token)));
    };
    const QColor key = at(1, QStringLiteral("name"));
    const QColor string = at(1, QStringLiteral("\"etcd\""));
    const QColor comment = at(1, QStringLiteral("# the"));
    const QColor number = at(2, QStringLiteral("2379"));
    const QColor anchor = at(3, QStringLiteral("&b"));
    const QColor tag = at(3, QStringLiteral("!!map"));
    const QColor dash = at(4, QStringLiteral("-"));
    const QColor boolean = at(4, QStringLiteral("yes"));
    const QColor marker = at(0, QStringLiteral("---"));
    const QSet<QRgb> distinct = {key.rgb(), string.rgb(), comment.rgb(), number.rgb(), anchor.rgb(),
                                 tag.rgb(), dash.rgb(),   boolean.rgb(), marker.rgb()};
    QCOMPARE(distinct.size(), 9);
    QCOMPARE(at(2, QStringLiteral("port")), key);
    // The block scalar's lines are content, whatever they look like, until the indentation drops.
    QCOMPARE(at(6, QStringLiteral("key")), string);
    QCOMPARE(at(6, QStringLiteral("12")), string);
    QCOMPARE(at(8, QStringLiteral("-")), string);
    QCOMPARE(at(9, QStringLiteral("next")), key);
    QCOMPARE(at(9, QStringLiteral("*b")), anchor);
    // A quoted string continues on the next line.
    QCOMPARE(at(11, QStringLiteral("line'")), string);
    QCOMPARE(at(12, QStringLiteral("after")), key);
}

void TestSyntaxHighlighter::highlighterColoursFollowThePalette()
{
    QTextDocument document(QStringLiteral("{\"k\": 1}"));
    JsonHighlighter highlighter(&document);
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, Qt::black);
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));

    highlighter.setPalette(light);
    const QColor onLight = foregroundAt(document.firstBlock(), 1);
    highlighter.setPalette(dark);
    const QColor onDark = foregroundAt(document.firstBlock(), 1);
    QVERIFY(onLight.isValid() && onDark.isValid());
    QVERIFY(onLight != onDark);
    // Each reads on its own background: dark text on white, light text on dark grey.
    QVERIFY(onLight.lightness() < 128);
    QVERIFY(onDark.lightness() > 128);
}

void TestSyntaxHighlighter::viewportHighlighterColoursOnlyWhatIsAsked()
{
    QString text;
    for (int i = 0; i < 3000; ++i)
        text += QStringLiteral("{\"name\": \"item-%1\", \"port\": %1},\n").arg(i);
    QTextDocument document(text);
    document.setDocumentLayout(new QPlainTextDocumentLayout(&document));
    ViewportHighlighter highlighter(ValueFormat::Json, &document);
    highlighter.highlight(blockNumber(document, 2000), 30);
    QCOMPARE(highlighter.highlightedBlocks(), 30);
    QVERIFY(blockNumber(document, 1999).layout()->formats().isEmpty());
    QVERIFY(!blockNumber(document, 2000).layout()->formats().isEmpty());
    QVERIFY(!blockNumber(document, 2029).layout()->formats().isEmpty());
    QVERIFY(blockNumber(document, 2030).layout()->formats().isEmpty());
    // An edit takes the edited line's colours; the next paint gives them back.
    QTextCursor cursor(blockNumber(document, 2005));
    cursor.insertText(QStringLiteral("  "));
    QVERIFY(blockNumber(document, 2005).layout()->formats().isEmpty());
    highlighter.highlight(blockNumber(document, 2000), 30);
    QCOMPARE(highlighter.highlightedBlocks(), 30);
    const QTextBlock edited = blockNumber(document, 2005);
    QCOMPARE(foregroundAt(edited, int(edited.text().indexOf(u'"'))),
             foregroundAt(blockNumber(document, 2006), int(blockNumber(document, 2006).text().indexOf(u'"'))));
}

void TestSyntaxHighlighter::viewportHighlighterFollowsYamlStatesFromFarAbove()
{
    // A block scalar opened on the first line runs to line 20 000: its lines are strings, even when
    // only the last screen is coloured.
    QString text = QStringLiteral("script: |\n");
    for (int i = 0; i < 20000; ++i)
        text += QStringLiteral("  key: %1\n").arg(i);
    text += QStringLiteral("after: 1\n");
    QTextDocument document(text);
    document.setDocumentLayout(new QPlainTextDocumentLayout(&document));
    ViewportHighlighter highlighter(ValueFormat::Yaml, &document);
    const auto at = [&](int block, const QString &token) {
        const QTextBlock line = blockNumber(document, block);
        return foregroundAt(line, int(line.text().indexOf(token)));
    };
    // Paints of the last screen, as often as it takes: the walk to it may go on between events.
    const auto keyColouredAsKey = [&] {
        highlighter.highlight(blockNumber(document, 19990), 12);
        return at(19995, QStringLiteral("key")) == at(20001, QStringLiteral("after"));
    };
    QTRY_VERIFY_WITH_TIMEOUT(!keyColouredAsKey() && at(19995, QStringLiteral("key")).isValid(), 10000);
    QVERIFY(highlighter.highlightedBlocks() <= 12);
    QVERIFY(blockNumber(document, 10000).layout()->formats().isEmpty());
    QVERIFY(at(20001, QStringLiteral("after")).isValid());

    // The scalar ends at the top (a plain value now): the lines below are keys, once painted again.
    QTextCursor first(document.firstBlock());
    first.movePosition(QTextCursor::EndOfBlock);
    first.deletePreviousChar();
    first.insertText(QStringLiteral("x"));
    QTRY_VERIFY_WITH_TIMEOUT(keyColouredAsKey(), 10000);
}

QTEST_MAIN(TestSyntaxHighlighter)
#include "tst_syntaxhighlighter.moc"
