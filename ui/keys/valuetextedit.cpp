// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/valuetextedit.h"

#include "common/viewporthighlighter.h"

#include <QMimeData>
#include <QPainter>
#include <QPlainTextDocumentLayout>
#include <QTextBlock>
#include <QTextDocument>
#include <QThread>

#include <algorithm>

namespace etcd::ui {

// Owns a prepared document until adopt() takes it; a result nobody adopts (the person moved on)
// deletes it on the thread it was handed to.
struct PreparedDocument
{
    QTextDocument *document = nullptr;
    PreparedDocument() = default;
    PreparedDocument(const PreparedDocument &) = delete;
    PreparedDocument &operator=(const PreparedDocument &) = delete;
    ~PreparedDocument()
    {
        if (document)
            document->deleteLater();
    }
};

namespace {

// Where to end a display piece that starts at `from`: after a comma or a blank in the piece's last
// quarter when there is one (a cut there reads naturally), never between a surrogate pair.
qsizetype pieceEnd(const QString &text, qsizetype from, qsizetype lineEnd)
{
    qsizetype cut = std::min(from + ValueTextEdit::kPiece, lineEnd);
    if (cut == lineEnd)
        return cut;
    for (qsizetype k = cut; k > from + ValueTextEdit::kPiece * 3 / 4; --k) {
        if (text[k - 1] == u',' || text[k - 1] == u' ') {
            cut = k;
            break;
        }
    }
    if (text[cut - 1].isHighSurrogate())
        --cut;
    return cut;
}

} // namespace

ValueTextEdit::ValueTextEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    watchDocument();
}

ValueTextEdit::~ValueTextEdit() = default;

qsizetype ValueTextEdit::longestLine(const QString &text)
{
    qsizetype longest = 0;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(u'\n', start);
        if (end < 0)
            end = text.size();
        longest = std::max(longest, end - start);
        start = end + 1;
    }
    return longest;
}

ValueTextEdit::Prepared ValueTextEdit::prepare(const QString &text, qsizetype longLine, const QFont &font,
                                               const QTextOption &option, QThread *target)
{
    Prepared prepared;
    prepared.text = text;
    prepared.longestLine = longestLine(text);
    QString display;
    if (longLine > 0 && prepared.longestLine > longLine) {
        display.reserve(text.size() + text.size() / kPiece + 16);
        int block = 0;
        for (qsizetype start = 0; start <= text.size();) {
            qsizetype end = text.indexOf(u'\n', start);
            if (end < 0)
                end = text.size();
            qsizetype from = start;
            if (end - start > longLine) {
                for (qsizetype cut = pieceEnd(text, from, end); cut < end; cut = pieceEnd(text, from, end)) {
                    display += QStringView(text).mid(from, cut - from);
                    display += u'\n';
                    prepared.continuations << ++block;
                    prepared.cuts << cut;
                    from = cut;
                }
            }
            display += QStringView(text).mid(from, end - from);
            if (end < text.size()) {
                display += u'\n';
                ++block;
            }
            start = end + 1;
        }
    }
    auto *document = new QTextDocument;
    document->setDefaultFont(font);
    document->setDefaultTextOption(option);
    document->setPlainText(prepared.isSplit() ? display : text);
    // Here too: giving a document its layout visits every block (a QTextLayout each).
    document->setDocumentLayout(new QPlainTextDocumentLayout(document));
    document->moveToThread(target);
    prepared.document = std::make_shared<PreparedDocument>();
    prepared.document->document = document;
    return prepared;
}

QFont ValueTextEdit::documentFont() const
{
    return document()->defaultFont();
}

QTextOption ValueTextEdit::documentOption() const
{
    return document()->defaultTextOption();
}

void ValueTextEdit::adopt(const Prepared &prepared, bool edit)
{
    QTextDocument *incoming = prepared.document ? std::exchange(prepared.document->document, nullptr) : nullptr;
    if (!incoming)
        return;
    incoming->setParent(this);
    // The first document belongs to QPlainTextEdit's control, which deletes it in setDocument();
    // the ones adopted here are ours to delete.
    QTextDocument *old = document();
    const bool ours = old->parent() == this;
    if (m_highlighter && ours)
        m_highlighter->abandon(); // the old document goes: no need to take its colours off
    delete m_highlighter;
    m_highlighter = nullptr;
    m_adopting = true;
    setDocument(incoming);
    m_adopting = false;
    if (ours)
        old->deleteLater();
    m_continuations = prepared.continuations;
    m_cuts = prepared.cuts;
    m_splitText = prepared.isSplit() ? prepared.text : QString();
    watchDocument();
    setHighlighting(m_format);
    Q_EMIT splitChanged(isSplit());
    if (edit)
        Q_EMIT textChanged();
}

void ValueTextEdit::setHighlighting(ValueFormat format)
{
    m_format = format;
    delete m_highlighter;
    m_highlighter = nullptr;
    if (format == ValueFormat::Json || format == ValueFormat::Yaml) {
        m_highlighter = new ViewportHighlighter(format, document(), this);
        connect(m_highlighter, &ViewportHighlighter::repaintNeeded, viewport(), qOverload<>(&QWidget::update));
    }
    viewport()->update();
}

QString ValueTextEdit::text() const
{
    return isSplit() ? m_splitText : toPlainText();
}

bool ValueTextEdit::continues(const QTextBlock &block) const
{
    return std::binary_search(m_continuations.begin(), m_continuations.end(), block.blockNumber() + 1);
}

void ValueTextEdit::watchDocument()
{
    disconnect(m_documentWatch);
    m_documentWatch = connect(document(), &QTextDocument::contentsChange, this, [this] {
        if (!m_adopting && isSplit())
            endSplit();
    });
}

int ValueTextEdit::displayPosition(qsizetype textPosition) const
{
    return int(textPosition + (std::upper_bound(m_cuts.begin(), m_cuts.end(), textPosition) - m_cuts.begin()));
}

void ValueTextEdit::endSplit()
{
    m_continuations.clear();
    m_cuts.clear();
    m_splitText.clear();
    Q_EMIT splitChanged(false);
}

void ValueTextEdit::paintEvent(QPaintEvent *event)
{
    // Colours first, for the blocks this paint shows: every block takes at least one line.
    if (m_highlighter)
        m_highlighter->highlight(firstVisibleBlock(),
                                 viewport()->height() / std::max(1, fontMetrics().lineSpacing()) + 2);
    QPlainTextEdit::paintEvent(event);
    if (!isSplit())
        return;
    // A ↩ where a display line ends but the value's line goes on.
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QPointF offset = contentOffset();
    for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
        const QRectF box = blockBoundingGeometry(block).translated(offset);
        if (box.top() > event->rect().bottom())
            break;
        const QTextLayout *layout = block.layout();
        if (!continues(block) || layout->lineCount() == 0)
            continue;
        const QTextLine last = layout->lineAt(layout->lineCount() - 1);
        const QRectF line = last.naturalTextRect().translated(box.topLeft());
        painter.drawText(QPointF(line.right() + 3, line.top() + last.ascent()), QStringLiteral("\u21a9"));
    }
}

QMimeData *ValueTextEdit::createMimeDataFromSelection() const
{
    if (!isSplit())
        return QPlainTextEdit::createMimeDataFromSelection();
    // The selected text as the value has it: a display cut is not a line break.
    const QTextCursor cursor = textCursor();
    const int start = cursor.selectionStart();
    const int end = cursor.selectionEnd();
    QString selected;
    for (QTextBlock block = document()->findBlock(start); block.isValid() && block.position() <= end;
         block = block.next()) {
        const int blockEnd = block.position() + block.length() - 1; // before its line break
        const int from = std::max(start, block.position());
        selected += block.text().mid(from - block.position(), std::min(end, blockEnd) - from);
        if (end > blockEnd && !continues(block))
            selected += u'\n';
    }
    auto *mime = new QMimeData;
    mime->setText(selected);
    return mime;
}

} // namespace etcd::ui
