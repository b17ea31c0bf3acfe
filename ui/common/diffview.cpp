// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "common/diffview.h"

#include "client/continuation.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <vector>

namespace etcd::ui {

namespace {
constexpr int kContext = 3; // unchanged lines kept around a change, as in `diff -u`
constexpr int kMinFold = 4; // folding fewer lines than this would not save space

struct DiffRow
{
    DiffLine::Kind kind = DiffLine::Same;
    int oldLine = 0;
    int newLine = 0;
    int folded = 0;                 // > 0: this row stands for that many unchanged lines
    QVector<QPair<int, int>> marks; // (start, length) of dimmed escapes and notes in the row's text
};

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

// Saturated enough for text and for mixing into tints; a lighter pair on dark backgrounds.
QColor accent(const QPalette &palette, DiffLine::Kind kind)
{
    const bool dark = isDark(palette);
    if (kind == DiffLine::Added)
        return dark ? QColor(0x3f, 0xb9, 0x50) : QColor(0x1a, 0x7f, 0x37);
    return dark ? QColor(0xf8, 0x51, 0x49) : QColor(0xcf, 0x22, 0x2e);
}

QColor mix(const QColor &a, const QColor &b, float t)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                            a.blueF() + (b.blueF() - a.blueF()) * t);
}

QColor tint(const QPalette &palette, DiffLine::Kind kind, float strength)
{
    return mix(palette.color(QPalette::Base), accent(palette, kind), strength);
}

// QTextDocument breaks lines at '\r' and U+2028/2029, control characters are invisible, and the
// Unicode control pictures are missing from common monospace fonts: show them as C escapes, dimmed,
// so that a stray byte is a visible difference.
void appendDisplayText(QString &out, QStringView text, QVector<QPair<int, int>> &marks, qsizetype rowStart)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        QString escape;
        if (u == u'\r')
            escape = QStringLiteral("\\r");
        else if ((u < 0x20 && u != u'\t') || u == 0x7f)
            escape = QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
        else if (u == 0x2028 || u == 0x2029)
            escape = QStringLiteral("\\u%1").arg(int(u), 4, 16);
        if (escape.isEmpty()) {
            out += c;
            continue;
        }
        marks.append({static_cast<int>(out.size() - rowStart), static_cast<int>(escape.size())});
        out += escape;
    }
}
} // namespace

class DiffTextEdit : public QPlainTextEdit
{
public:
    explicit DiffTextEdit(QWidget *parent);
    void setRows(std::vector<DiffRow> rows, const QString &text);
    void refreshColours();
    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void layoutGutter();

    QWidget *m_gutter = nullptr;
    std::vector<DiffRow> m_rows;
    int m_digits = 1;
};

namespace {
class DiffGutter : public QWidget
{
public:
    explicit DiffGutter(DiffTextEdit *edit) : QWidget(edit), m_edit(edit) {}

protected:
    void paintEvent(QPaintEvent *event) override { m_edit->paintGutter(event); }

private:
    DiffTextEdit *m_edit;
};
} // namespace

DiffTextEdit::DiffTextEdit(QWidget *parent) : QPlainTextEdit(parent), m_gutter(new DiffGutter(this))
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(mono);
    m_gutter->setFont(mono);
    setTabStopDistance(4 * fontMetrics().horizontalAdvance(u' '));
    connect(this, &QPlainTextEdit::updateRequest, m_gutter, [this](const QRect &rect, int dy) {
        if (dy != 0)
            m_gutter->scroll(0, dy);
        else
            m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    });
    layoutGutter();
}

void DiffTextEdit::setRows(std::vector<DiffRow> rows, const QString &text)
{
    m_rows = std::move(rows);
    int largest = 1;
    for (const DiffRow &row : m_rows)
        largest = std::max({largest, row.oldLine, row.newLine});
    m_digits = static_cast<int>(QString::number(largest).size());
    setPlainText(text);
    refreshColours();
    layoutGutter();
}

void DiffTextEdit::refreshColours()
{
    const QPalette pal = palette();
    QTextCharFormat dim;
    dim.setForeground(pal.color(QPalette::PlaceholderText));
    QTextCharFormat foldText = dim;
    foldText.setFontItalic(true);
    QTextCursor cursor(document());
    cursor.beginEditBlock();
    QTextBlock block = document()->firstBlock();
    for (size_t i = 0; i < m_rows.size() && block.isValid(); ++i, block = block.next()) {
        const DiffRow &row = m_rows[i];
        if (row.kind == DiffLine::Same && row.folded == 0 && row.marks.isEmpty())
            continue;
        cursor.setPosition(block.position());
        QTextBlockFormat format;
        if (row.folded > 0)
            format.setBackground(mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.06f));
        else if (row.kind != DiffLine::Same)
            format.setBackground(tint(pal, row.kind, 0.16f));
        cursor.setBlockFormat(format);
        for (const auto &[start, length] : row.marks) {
            cursor.setPosition(block.position() + start);
            cursor.setPosition(block.position() + start + length, QTextCursor::KeepAnchor);
            cursor.setCharFormat(row.folded > 0 ? foldText : dim);
        }
    }
    cursor.endEditBlock();
    m_gutter->update();
}

int DiffTextEdit::gutterWidth() const
{
    // "old new sign": two number columns and the +/− column, each with a little padding.
    const int digit = fontMetrics().horizontalAdvance(u'9');
    return (2 * m_digits + 1) * digit + 4 * 6;
}

void DiffTextEdit::layoutGutter()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
    const QRect r = contentsRect();
    m_gutter->setGeometry(r.left(), r.top(), gutterWidth(), r.height());
    m_gutter->update();
}

void DiffTextEdit::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    layoutGutter();
}

void DiffTextEdit::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    // Here, not in DiffView: a parent gets PaletteChange before its children have the new palette.
    if (event->type() == QEvent::PaletteChange)
        refreshColours();
}

void DiffTextEdit::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const int width = m_gutter->width();
    const int digit = fontMetrics().horizontalAdvance(u'9');
    const int numberWidth = m_digits * digit;
    painter.fillRect(event->rect(), mix(base, text, 0.04f));

    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        const auto index = static_cast<size_t>(block.blockNumber());
        if (index < m_rows.size() && top + height >= event->rect().top()) {
            const DiffRow &row = m_rows[index];
            if (row.folded == 0) {
                if (row.kind != DiffLine::Same)
                    painter.fillRect(0, top, width, height, tint(pal, row.kind, 0.28f));
                painter.setPen(row.kind == DiffLine::Same ? pal.color(QPalette::PlaceholderText) : text);
                const int flags = Qt::AlignRight | Qt::AlignVCenter;
                if (row.oldLine > 0)
                    painter.drawText(6, top, numberWidth, height, flags, QString::number(row.oldLine));
                if (row.newLine > 0)
                    painter.drawText(12 + numberWidth, top, numberWidth, height, flags, QString::number(row.newLine));
                if (row.kind != DiffLine::Same) {
                    painter.setPen(accent(pal, row.kind));
                    painter.drawText(18 + 2 * numberWidth, top, digit, height, Qt::AlignCenter,
                                     row.kind == DiffLine::Added ? QStringLiteral("+") : QStringLiteral("−"));
                }
            }
        }
        block = block.next();
        top += height;
    }
    painter.setPen(mix(base, text, 0.18f));
    painter.drawLine(width - 1, event->rect().top(), width - 1, event->rect().bottom());
}

DiffView::DiffView(QWidget *parent) : QWidget(parent)
{
    m_header = new QLabel(this);
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_showAll = new QToolButton(this);
    m_showAll->setText(tr("Show all lines"));
    m_showAll->setToolTip(tr("Show the unchanged lines too, not only the ones around each change"));
    m_showAll->setCheckable(true);
    m_showAll->setAutoRaise(true);
    connect(m_showAll, &QToolButton::toggled, this, [this] { showLines(); });
    m_edit = new DiffTextEdit(this);

    auto *headerRow = new QHBoxLayout;
    headerRow->setContentsMargins(2, 0, 0, 0);
    headerRow->addWidget(m_header, 1);
    headerRow->addWidget(m_showAll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(headerRow);
    layout->addWidget(m_edit, 1);
    updateHeader();
}

void DiffView::setTexts(const QString &a, const QString &b, const QString &aTitle, const QString &bTitle)
{
    m_aTitle = aTitle;
    m_bTitle = bTitle;
    const quint64 generation = ++m_generation;
    m_comparing = true;
    m_lines.clear();
    m_stats = {};
    showLines();
    updateHeader();
    whenFinished(QtConcurrent::run([a, b] { return diffLines(a, b); }), this,
                 [this, generation](const QVector<DiffLine> &lines) {
                     if (generation != m_generation)
                         return;
                     m_comparing = false;
                     m_lines = lines;
                     m_stats = diffStats(m_lines);
                     showLines();
                     updateHeader();
                     Q_EMIT compared();
                 });
}

void DiffView::setLines(const QVector<DiffLine> &lines, const QString &aTitle, const QString &bTitle)
{
    ++m_generation;
    m_comparing = false;
    m_aTitle = aTitle;
    m_bTitle = bTitle;
    m_lines = lines;
    m_stats = diffStats(m_lines);
    showLines();
    updateHeader();
}

void DiffView::setShowAllLines(bool all)
{
    m_showAll->setChecked(all);
}

QPlainTextEdit *DiffView::textView() const
{
    return m_edit;
}

QString DiffView::headerText() const
{
    if (m_comparing)
        return tr("%1 → %2: comparing…").arg(m_aTitle, m_bTitle);
    if (m_stats.added == 0 && m_stats.removed == 0)
        return tr("%1 → %2: no differences").arg(m_aTitle, m_bTitle);
    return tr("%1 → %2: +%3 −%4")
        .arg(m_aTitle, m_bTitle, QString::number(m_stats.added), QString::number(m_stats.removed));
}

void DiffView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateHeader();
}

void DiffView::showLines()
{
    std::vector<DiffRow> rows;
    QString text;
    rows.reserve(static_cast<size_t>(m_lines.size()));
    auto addLine = [&](const DiffLine &line) {
        DiffRow row{line.kind, line.oldLine, line.newLine, 0, {}};
        QStringView content = line.text;
        if (line.kind == DiffLine::Same && content.endsWith(u'\r'))
            content.chop(1); // the same on both sides: a \r on every line of a CRLF text is noise
        const qsizetype rowStart = text.size();
        appendDisplayText(text, content, row.marks, rowStart);
        if (line.kind != DiffLine::Same && line.noNewline) {
            const QString note = tr("  (no newline at end)");
            row.marks.append({static_cast<int>(text.size() - rowStart), static_cast<int>(note.size())});
            text += note;
        }
        text += u'\n';
        rows.push_back(std::move(row));
    };
    const bool all = m_showAll->isChecked();
    bool anyFolded = false;
    const int n = static_cast<int>(m_lines.size());
    for (int k = 0; k < n;) {
        int end = k + 1;
        if (m_lines[k].kind == DiffLine::Same && !all) {
            while (end < n && m_lines[end].kind == DiffLine::Same)
                ++end;
        }
        const int keepBefore = k == 0 ? 0 : kContext; // context after the previous change
        const int keepAfter = end == n ? 0 : kContext;
        const int hidden = (end - k) - keepBefore - keepAfter;
        const bool fold = end - k > 1 && hidden >= kMinFold && !(k == 0 && end == n);
        for (int i = k; i < end; ++i) {
            if (fold && i == k + keepBefore) {
                const QString note = tr("⋯ %1 unchanged lines").arg(hidden);
                anyFolded = true;
                DiffRow row;
                row.folded = hidden;
                row.marks.append({0, static_cast<int>(note.size())});
                rows.push_back(std::move(row));
                text += note + u'\n';
                i += hidden - 1;
                continue;
            }
            addLine(m_lines[i]);
        }
        k = end;
    }
    text.chop(1);
    m_showAll->setEnabled(anyFolded || all);
    m_edit->setPlaceholderText(m_comparing ? tr("Comparing…") : tr("(both empty)"));
    m_edit->setRows(std::move(rows), text);
}

void DiffView::updateHeader()
{
    QString detail;
    if (m_comparing) {
        detail = tr("comparing…");
    } else if (m_stats.added == 0 && m_stats.removed == 0) {
        detail = tr("no differences");
    } else {
        detail = QStringLiteral("<span style=\"color:%1\">+%2</span>&nbsp;<span style=\"color:%3\">−%4</span>")
                     .arg(accent(palette(), DiffLine::Added).name())
                     .arg(m_stats.added)
                     .arg(accent(palette(), DiffLine::Removed).name())
                     .arg(m_stats.removed);
    }
    m_header->setText(QStringLiteral("<b>%1</b> → <b>%2</b>&nbsp;&nbsp;&nbsp;%3")
                          .arg(m_aTitle.toHtmlEscaped(), m_bTitle.toHtmlEscaped(), detail));
    m_header->setAccessibleName(headerText());
}

} // namespace etcd::ui
