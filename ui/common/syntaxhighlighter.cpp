// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "common/syntaxhighlighter.h"

#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>

namespace etcd::ui {

namespace {

bool isBlank(const QString &text, qsizetype i)
{
    return i >= text.size() || text[i] == u' ' || text[i] == u'\t';
}

bool isFlowIndicator(QChar c)
{
    return c == u',' || c == u'[' || c == u']' || c == u'{' || c == u'}';
}

// The YAML highlighter's block state: the low two bits say what an unfinished line left open, the
// rest holds that construct's number (flow depth, or a block scalar's parent indentation + 1).
enum YamlMode { Plain = 0, InDoubleQuotes = 1, InSingleQuotes = 2, InBlockScalar = 3 };

int yamlState(YamlMode mode, int value)
{
    return int(mode) | (value << 2);
}

} // namespace

ValueHighlighter::ValueHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    chooseColours(QGuiApplication::palette());
}

void ValueHighlighter::setPalette(const QPalette &palette)
{
    chooseColours(palette);
    rehighlight();
}

void ValueHighlighter::chooseColours(const QPalette &palette)
{
    // Text sits on the Base colour in an editor. The two sets are GitHub's light and dark hues, each
    // readable on its own background.
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    struct Style
    {
        const char *light;
        const char *dark;
        bool bold;
        bool italic;
    };
    static const std::array<Style, RoleCount> styles = {{
        {"#0550ae", "#79c0ff", false, false}, // Key
        {"#116329", "#7ee787", false, false}, // String
        {"#953800", "#ffa657", false, false}, // Number
        {"#8250df", "#d2a8ff", false, false}, // Keyword
        {"#57606a", "#8b949e", false, false}, // Punctuation
        {"#6e7781", "#8b949e", false, true},  // Comment
        {"#0e7c86", "#56d4dd", false, false}, // Anchor
        {"#a4276b", "#ff7bb6", false, false}, // Tag
        {"#cf222e", "#ff7b72", true, false},  // DocumentMarker
    }};
    for (int role = 0; role < RoleCount; ++role) {
        QTextCharFormat format;
        format.setForeground(QColor(QLatin1String(dark ? styles[role].dark : styles[role].light)));
        if (styles[role].bold)
            format.setFontWeight(QFont::Bold);
        format.setFontItalic(styles[role].italic);
        m_formats[role] = format;
    }
}

void ValueHighlighter::mark(qsizetype start, qsizetype length, Role role)
{
    if (length <= 0)
        return;
    if (!m_line) {
        setFormat(int(start), int(length), m_formats[role]);
    } else if (m_line->formats) {
        QTextLayout::FormatRange range;
        range.start = int(start);
        range.length = int(length);
        range.format = m_formats[role];
        m_line->formats->append(range);
    }
}

int ValueHighlighter::previousState() const
{
    return m_line ? m_line->previous : previousBlockState();
}

void ValueHighlighter::setState(int state)
{
    if (m_line)
        m_line->state = state;
    else
        setCurrentBlockState(state);
}

QVector<QTextLayout::FormatRange> ValueHighlighter::formatLine(const QString &line, int before, int *state)
{
    QVector<QTextLayout::FormatRange> formats;
    DetachedLine detached{&formats, before, 0};
    m_line = &detached;
    highlightBlock(line);
    m_line = nullptr;
    if (state)
        *state = detached.state;
    return formats;
}

int ValueHighlighter::stateAfter(const QString &line, int before)
{
    DetachedLine detached{nullptr, before, 0};
    m_line = &detached;
    highlightBlock(line);
    m_line = nullptr;
    return detached.state;
}

JsonHighlighter::JsonHighlighter(QTextDocument *document) : ValueHighlighter(document) {}

void JsonHighlighter::highlightBlock(const QString &text)
{
    for (qsizetype i = 0; i < text.size();) {
        const QChar c = text[i];
        const qsizetype start = i;
        if (c == u'"') {
            for (++i; i < text.size() && text[i] != u'"'; ++i)
                if (text[i] == u'\\')
                    ++i;
            i = qMin(i + 1, text.size());
            qsizetype next = i;
            while (next < text.size() && text[next].isSpace())
                ++next;
            mark(start, i - start, next < text.size() && text[next] == u':' ? Key : String);
        } else if (c == u'-' || c.isDigit()) {
            while (i < text.size() && (text[i].isDigit() || QStringView(u"+-.eE").contains(text[i])))
                ++i;
            mark(start, i - start, Number);
        } else if (c.isLetter()) {
            while (i < text.size() && text[i].isLetter())
                ++i;
            const QStringView word = QStringView(text).mid(start, i - start);
            if (word == u"true" || word == u"false" || word == u"null")
                mark(start, i - start, Keyword);
        } else {
            if (QStringView(u"{}[],:").contains(c))
                mark(start, 1, Punctuation);
            ++i;
        }
    }
}

YamlHighlighter::YamlHighlighter(QTextDocument *document) : ValueHighlighter(document) {}

qsizetype YamlHighlighter::quotedEnd(const QString &text, qsizetype from, QChar quote) const
{
    for (qsizetype i = from; i < text.size(); ++i) {
        // A backslash escapes in double quotes; '' is a quote inside single quotes.
        const bool escape =
            quote == u'"' ? text[i] == u'\\' : text[i] == u'\'' && i + 1 < text.size() && text[i + 1] == u'\'';
        if (escape)
            ++i;
        else if (text[i] == quote)
            return i + 1;
    }
    return -1;
}

// A plain scalar ends before ": ", " #", and in a flow collection before , [ ] { }.
qsizetype YamlHighlighter::plainEnd(const QString &text, qsizetype from, int flowDepth) const
{
    qsizetype i = from;
    for (; i < text.size(); ++i) {
        if (text[i] == u':' && (isBlank(text, i + 1) || (flowDepth > 0 && isFlowIndicator(text[i + 1]))))
            break;
        if (text[i] == u'#' && i > from && isBlank(text, i - 1))
            break;
        if (flowDepth > 0 && isFlowIndicator(text[i]))
            break;
    }
    while (i > from && isBlank(text, i - 1))
        --i;
    return i;
}

void YamlHighlighter::markPlain(const QString &text, qsizetype start, qsizetype end, bool isKey)
{
    static const QRegularExpression number(QStringLiteral(
        R"(^(?:[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|0x[\da-fA-F_]+|0o[0-7_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$)"));
    static const QRegularExpression keyword(QStringLiteral(
        "^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$"));
    if (isKey) {
        mark(start, end - start, Key);
        return;
    }
    if (!wantsFormats())
        return;
    const QString word = text.mid(start, end - start);
    mark(start, end - start,
         number.match(word).hasMatch()    ? Number
         : keyword.match(word).hasMatch() ? Keyword
                                          : String);
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    const int previous = qMax(previousState(), 0);
    auto mode = YamlMode(previous & 3);
    int flowDepth = mode == InBlockScalar ? 0 : previous >> 2;
    const bool documentMarker =
        (text.startsWith(QStringLiteral("---")) || text.startsWith(QStringLiteral("..."))) && isBlank(text, 3);
    qsizetype indent = 0;
    while (indent < text.size() && text[indent] == u' ')
        ++indent;
    setState(0);

    if (mode == InBlockScalar) {
        // Content is every line indented more than the node that owns the scalar, and blank lines.
        const int parentIndent = (previous >> 2) - 1;
        if (!documentMarker && (text.trimmed().isEmpty() || indent > parentIndent)) {
            mark(0, text.size(), String);
            setState(previous);
            return;
        }
        mode = Plain;
    }
    qsizetype i = 0;
    if (mode == InDoubleQuotes || mode == InSingleQuotes) {
        const qsizetype end = quotedEnd(text, 0, mode == InDoubleQuotes ? u'"' : u'\'');
        mark(0, end < 0 ? text.size() : end, String);
        if (end < 0) {
            setState(previous);
            return;
        }
        i = end;
    } else if (text.startsWith(u'%')) {
        mark(0, text.size(), DocumentMarker); // a directive: %YAML 1.2, %TAG
        return;
    } else if (documentMarker) {
        mark(0, 3, DocumentMarker);
        i = 3;
        flowDepth = 0;
    }

    // The column of the node on this line that would own a block scalar: its key, its list dash,
    // or the document itself.
    qsizetype owner = documentMarker ? -1 : indent;
    while (i < text.size()) {
        const QChar c = text[i];
        const qsizetype start = i;
        if (c == u' ' || c == u'\t') {
            ++i;
        } else if (c == u'#' && (i == 0 || isBlank(text, i - 1))) {
            mark(i, text.size() - i, Comment);
            break;
        } else if ((c == u'-' || c == u'?' || c == u':') && isBlank(text, i + 1)) {
            mark(i, 1, Punctuation);
            if (c == u'-')
                owner = i;
            ++i;
        } else if (c == u'&' || c == u'*' || c == u'!') {
            while (i < text.size() && !text[i].isSpace() && !(flowDepth > 0 && isFlowIndicator(text[i])))
                ++i;
            mark(start, i - start, c == u'!' ? Tag : Anchor);
        } else if (c == u'"' || c == u'\'') {
            const qsizetype end = quotedEnd(text, i + 1, c);
            if (end < 0) {
                mark(start, text.size() - start, String);
                setState(yamlState(c == u'"' ? InDoubleQuotes : InSingleQuotes, flowDepth));
                return;
            }
            qsizetype next = end;
            while (isBlank(text, next) && next < text.size())
                ++next;
            const bool isKey = next < text.size() && text[next] == u':';
            mark(start, end - start, isKey ? Key : String);
            if (isKey)
                owner = start;
            i = end;
        } else if ((c == u'|' || c == u'>') && flowDepth == 0) {
            ++i;
            while (i < text.size() && (text[i].isDigit() || text[i] == u'+' || text[i] == u'-'))
                ++i;
            mark(start, i - start, Punctuation);
            while (isBlank(text, i) && i < text.size())
                ++i;
            if (i < text.size() && text[i] == u'#')
                mark(i, text.size() - i, Comment);
            setState(yamlState(InBlockScalar, int(owner) + 1));
            return;
        } else if (c == u'[' || c == u'{' || c == u']' || c == u'}' || c == u',' || c == u':') {
            if (c == u'[' || c == u'{')
                ++flowDepth;
            else if (c == u']' || c == u'}')
                flowDepth = qMax(flowDepth - 1, 0);
            mark(i, 1, Punctuation);
            ++i;
        } else {
            const qsizetype end = qMax(plainEnd(text, i, flowDepth), i + 1);
            const bool isKey = end < text.size() && text[end] == u':' &&
                               (isBlank(text, end + 1) || (flowDepth > 0 && isFlowIndicator(text[end + 1])));
            markPlain(text, start, end, isKey);
            if (isKey)
                owner = start;
            i = end;
        }
    }
    setState(yamlState(Plain, flowDepth));
}

ValueHighlighter *createHighlighter(ValueFormat format, QTextDocument *document)
{
    switch (format) {
    case ValueFormat::Json: return new JsonHighlighter(document);
    case ValueFormat::Yaml: return new YamlHighlighter(document);
    case ValueFormat::Text:
    case ValueFormat::Binary: break;
    }
    return nullptr;
}

} // namespace etcd::ui
