// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "format/valueformat.h"

#include <QFont>
#include <QPlainTextEdit>
#include <QTextOption>
#include <QVector>

#include <memory>

class QThread;

namespace etcd::ui {

class ViewportHighlighter;
struct PreparedDocument; // valuetextedit.cpp

// The value editor's text area. What it adds to QPlainTextEdit is what a value of megabytes needs:
//
// - Colours only for the lines on screen (ViewportHighlighter), painted just before they show.
// - A document built on a worker thread (prepare(), then adopt()): filling a QTextDocument with
//   75 000 lines takes ~150 ms, which the GUI thread should not spend.
// - Split display of very long lines. Qt lays out a paragraph whole, so a 1.5 MiB minified JSON
//   line costs ~0.5 s to show and ~0.25 s per keystroke, wrapped or not. A line longer than the
//   limit is shown cut into display lines of ~kPiece characters, each marked at its end with ↩; the
//   cuts are not in the text: text() and copies leave them out, and the display is read-only, so
//   nothing typed can land between two pieces. Any change of the document ends the split display.
class ValueTextEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    static constexpr int kPiece = 2000;

    // A document made away from the GUI thread. Dropped unused, it is deleted on its thread.
    struct Prepared
    {
        std::shared_ptr<PreparedDocument> document;
        QString text;               // the value's text
        QVector<int> continuations; // sorted: blocks that continue the line of the block before
        QVector<qsizetype> cuts;    // sorted: where in the text those blocks start
        qsizetype longestLine = 0;  // in UTF-16 units
        bool isSplit() const { return !continuations.isEmpty(); }
    };

    explicit ValueTextEdit(QWidget *parent = nullptr);
    ~ValueTextEdit() override;

    // Colours for `format` (none for Text and Binary), for what is on screen.
    void setHighlighting(ValueFormat format);
    ViewportHighlighter *highlighter() const { return m_highlighter; }

    // Builds the document for `text` on the calling thread and hands it to `target`'s thread. Lines
    // longer than `longLine` are split for display (never, when longLine <= 0).
    static Prepared prepare(const QString &text, qsizetype longLine, const QFont &font, const QTextOption &option,
                            QThread *target);
    // Shows a prepared document (replacing the one shown; its undo history goes with it). An edit
    // (a pretty-printed text) is announced with textChanged(), as typing is; a value shown is not.
    void adopt(const Prepared &prepared, bool edit = false);
    // The settings prepare() must copy from the document in use.
    QFont documentFont() const;
    QTextOption documentOption() const;

    bool isSplit() const { return !m_continuations.isEmpty(); }
    // The value's text: the document's, without the cuts of a split display.
    QString text() const;
    // Where a position in text() is in the document (they differ by the cuts before it).
    int displayPosition(qsizetype textPosition) const;
    static qsizetype longestLine(const QString &text);

Q_SIGNALS:
    void splitChanged(bool split);

protected:
    void paintEvent(QPaintEvent *event) override;
    QMimeData *createMimeDataFromSelection() const override;

private:
    bool continues(const QTextBlock &block) const; // the next block is the rest of this block's line
    void watchDocument();
    void endSplit();

    ViewportHighlighter *m_highlighter = nullptr;
    ValueFormat m_format = ValueFormat::Text;
    QVector<int> m_continuations;
    QVector<qsizetype> m_cuts;
    QString m_splitText;
    bool m_adopting = false;
    QMetaObject::Connection m_documentWatch;
};

} // namespace etcd::ui
