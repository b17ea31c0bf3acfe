// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "format/valueformat.h"

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

class QPalette;

namespace etcd::ui {

// The value editor's highlighters. Colours come from the palette's text background (light or dark
// theme), not from one fixed theme.
class ValueHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    // Starts from the application palette; the editor calls this again when its palette changes.
    void setPalette(const QPalette &palette);

protected:
    explicit ValueHighlighter(QTextDocument *document);

    enum Role { Key, String, Number, Keyword, Punctuation, Comment, Anchor, Tag, DocumentMarker, RoleCount };
    void mark(qsizetype start, qsizetype length, Role role);

private:
    void chooseColours(const QPalette &palette);

    std::array<QTextCharFormat, RoleCount> m_formats;
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

protected:
    void highlightBlock(const QString &text) override;

private:
    qsizetype quotedEnd(const QString &text, qsizetype from, QChar quote) const;
    qsizetype plainEnd(const QString &text, qsizetype from, int flowDepth) const;
    void markPlain(const QString &text, qsizetype start, qsizetype end, bool isKey);
};

// A highlighter for the format on the document (owned by it), or nullptr for Text and Binary.
QSyntaxHighlighter *createHighlighter(ValueFormat format, QTextDocument *document);

} // namespace etcd::ui
