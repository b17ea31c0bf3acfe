// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "format/valueformat.h"

#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <QTextLayout>

#include <array>

class QPalette;

namespace etcd::ui {

// The value editor's highlighters. Colours come from the palette's text background (light or dark
// theme), not from one fixed theme.
//
// On a document they work as any QSyntaxHighlighter. Without one (document nullptr) they read one
// line at a time for a caller that highlights only what is on screen (ViewportHighlighter): the
// line's formats, and the state it leaves for the next line.
class ValueHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    // Starts from the application palette; the editor calls this again when its palette changes.
    void setPalette(const QPalette &palette);

    // One line read on its own; `before` is the state the line before left (-1 for the first line).
    QVector<QTextLayout::FormatRange> formatLine(const QString &line, int before, int *state);
    // Only the state the line leaves, without formats (cheaper: no classification of words).
    int stateAfter(const QString &line, int before);
    // Whether a line's formats depend on the lines before it.
    virtual bool hasLineState() const { return false; }

protected:
    explicit ValueHighlighter(QTextDocument *document);

    enum Role { Key, String, Number, Keyword, Punctuation, Comment, Anchor, Tag, DocumentMarker, RoleCount };
    void mark(qsizetype start, qsizetype length, Role role);
    // previousBlockState() and setCurrentBlockState(), or the detached line's.
    int previousState() const;
    void setState(int state);
    // False while only the state is wanted: callers may skip what only decides colours.
    bool wantsFormats() const { return !m_line || m_line->formats; }

private:
    void chooseColours(const QPalette &palette);

    struct DetachedLine
    {
        QVector<QTextLayout::FormatRange> *formats; // nullptr: the state only
        int previous;
        int state;
    };

    std::array<QTextCharFormat, RoleCount> m_formats;
    DetachedLine *m_line = nullptr; // set while formatLine() or stateAfter() runs
};

// Object keys, strings, numbers, true/false/null and punctuation. JSON strings never span lines, so
// each line is read on its own.
class JsonHighlighter : public ValueHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;
};

// Keys, comments, strings, numbers, booleans and null, anchors and aliases, tags, list dashes,
// document markers, flow punctuation. Block scalars (| >), quoted strings and flow collections that
// span lines are followed through the block state.
class YamlHighlighter : public ValueHighlighter
{
    Q_OBJECT

public:
    explicit YamlHighlighter(QTextDocument *document);
    bool hasLineState() const override { return true; }

protected:
    void highlightBlock(const QString &text) override;

private:
    qsizetype quotedEnd(const QString &text, qsizetype from, QChar quote) const;
    qsizetype plainEnd(const QString &text, qsizetype from, int flowDepth) const;
    void markPlain(const QString &text, qsizetype start, qsizetype end, bool isKey);
};

// A highlighter for the format on the document (owned by it), or nullptr for Text and Binary. With a
// null document: a detached one (formatLine()), owned by the caller.
ValueHighlighter *createHighlighter(ValueFormat format, QTextDocument *document);

} // namespace etcd::ui
