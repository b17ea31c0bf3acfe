// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "format/valueformat.h"

#include "format/utf8.h"
#include "format/yamlevents.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace etcd {

using utf8::hexValue;
using utf8::isHexDigit;

namespace {

FormatCheck failure(const QString &message, int line = 0, int column = 0)
{
    return FormatCheck{false, message, line, column};
}

QString describe(const FormatCheck &check)
{
    if (check.line == 0)
        return check.message;
    return QStringLiteral("line %1, column %2: %3").arg(check.line).arg(check.column).arg(check.message);
}

// Reads a hex dump or plain hex. A line's first run of exactly 8 digits followed by two blanks is an
// offset (hexdump -C's layout), as is such a run alone on a line after other offsets (hexdump's last
// line); from a '|' on, a line is the dump's text column.
QByteArray parseHex(const QString &text, FormatCheck *check)
{
    QByteArray bytes;
    bytes.reserve(text.size() / 3);
    bool sawOffsets = false;
    const QStringList lines = text.split(u'\n');
    for (qsizetype l = 0; l < lines.size(); ++l) {
        const QString &line = lines[l];
        const qsizetype bar = line.indexOf(u'|');
        const qsizetype end = bar < 0 ? line.size() : bar;
        qsizetype i = 0;
        while (i < end && line[i].isSpace())
            ++i;
        qsizetype digits = 0;
        while (i + digits < end && isHexDigit(line[i + digits]))
            ++digits;
        const QStringView rest = QStringView(line).mid(i + digits, end - i - digits);
        if (digits == 8 &&
            (rest.startsWith(u"  ") || rest.startsWith(u'\t') || (sawOffsets && rest.trimmed().isEmpty()))) {
            i += digits;
            sawOffsets = true;
        }
        while (i < end) {
            if (line[i].isSpace()) {
                ++i;
                continue;
            }
            const qsizetype start = i;
            for (; i < end && !line[i].isSpace(); ++i) {
                if (!isHexDigit(line[i])) {
                    *check = failure(QStringLiteral("'%1' is not a hex digit").arg(line[i]), int(l) + 1, int(i) + 1);
                    return {};
                }
            }
            if ((i - start) % 2 != 0) {
                *check =
                    failure(QStringLiteral("odd number of hex digits (a byte is two)"), int(l) + 1, int(start) + 1);
                return {};
            }
            for (qsizetype k = start; k < i; k += 2)
                bytes += char(hexValue(line[k]) * 16 + hexValue(line[k + 1]));
        }
    }
    *check = {};
    return bytes;
}

// Parsers report byte offsets into the UTF-8 they read; the editor counts UTF-16 units.
FormatCheck failureAtByte(const QString &message, const QString &text, const QByteArray &utf8, qsizetype byteOffset)
{
    const qsizetype index = utf8::decode(utf8.left(qBound(qsizetype(0), byteOffset, utf8.size()))).size();
    const qsizetype lineStart = index > 0 ? text.lastIndexOf(u'\n', index - 1) + 1 : 0;
    return failure(message, int(QStringView(text).left(lineStart).count(u'\n')) + 1, int(index - lineStart) + 1);
}

FormatCheck validateJson(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError) {
        // Qt's offset is mostly just past the character it could not take; step back onto it.
        qsizetype offset = qBound(qsizetype(0), qsizetype(error.offset), utf8.size());
        if (offset > 0 && !std::isspace(uchar(utf8[offset - 1]))) {
            --offset;
            while (offset > 0 && (uchar(utf8[offset]) & 0xc0) == 0x80)
                --offset;
        }
        return failureAtByte(error.errorString(), text, utf8, offset);
    }
    if (!document.isObject() && !document.isArray())
        return failure(QStringLiteral("JSON here must be an object or an array"), 1, 1);
    return {};
}

FormatCheck yamlCheck(const yaml::Parse &parsed, const QString &text, const QByteArray &utf8)
{
    if (parsed.ok)
        return {};
    const QString message = QString::fromStdString(parsed.message);
    return parsed.pos < 0 ? failure(message) : failureAtByte(message, text, utf8, parsed.pos);
}

FormatCheck validateYaml(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return yamlCheck(yaml::parse(utf8.toStdString()), text, utf8);
}

// Calls `progress` with `first` + the share of `done` in [first, last], and says whether to go on.
bool report(const ProgressFn &progress, int first, int last, qsizetype done, qsizetype total)
{
    return !progress || progress(first + int((last - first) * double(done) / double(std::max<qsizetype>(1, total))));
}

QString stopped()
{
    return QStringLiteral("stopped");
}

// Re-lays out JSON that QJsonDocument accepted, token by token: strings, numbers and literals are
// copied as they are, so key order, escapes and big numbers survive (QJsonDocument would not keep them).
// Progress goes from 40 to 100; false when stopped.
bool relayoutJson(const QString &text, bool pretty, QString &out, const ProgressFn &progress = {})
{
    out.reserve(text.size() + (pretty ? text.size() : 0));
    int depth = 0;
    qsizetype nextReport = 256 * 1024;
    const auto newline = [&] {
        out += u'\n';
        out += QString(qsizetype(depth) * 2, u' ');
    };
    const auto nextSignificant = [&text](qsizetype from) {
        while (from < text.size() && text[from].isSpace())
            ++from;
        return from;
    };
    for (qsizetype i = 0; i < text.size();) {
        if (i >= nextReport) {
            if (!report(progress, 40, 100, i, text.size()))
                return false;
            nextReport = i + 256 * 1024;
        }
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == u'"') {
            qsizetype end = i + 1;
            while (end < text.size() && text[end] != u'"')
                end += text[end] == u'\\' ? 2 : 1;
            out += QStringView(text).mid(i, end + 1 - i);
            i = end + 1;
        } else if (c == u'{' || c == u'[') {
            out += c;
            const qsizetype next = nextSignificant(i + 1);
            if (next < text.size() && (text[next] == u'}' || text[next] == u']')) {
                out += text[next]; // an empty container stays on its line
                i = next + 1;
                continue;
            }
            ++depth;
            if (pretty)
                newline();
            ++i;
        } else if (c == u'}' || c == u']') {
            --depth;
            if (pretty)
                newline();
            out += c;
            ++i;
        } else if (c == u',') {
            out += c;
            if (pretty)
                newline();
            ++i;
        } else if (c == u':') {
            out += pretty ? QStringLiteral(": ") : QStringLiteral(":");
            ++i;
        } else {
            const qsizetype start = i;
            while (i < text.size() && !text[i].isSpace() && !QStringView(u",:]}").contains(text[i]))
                ++i;
            out += QStringView(text).mid(start, i - start);
        }
    }
    return true;
}

QString reformatJson(const QString &text, bool pretty, QString *error, const ProgressFn &progress = {})
{
    const FormatCheck check = validateJson(text);
    if (!check.ok) {
        if (error)
            *error = describe(check);
        return {};
    }
    QString out;
    if (!report(progress, 40, 40, 0, 1) || !relayoutJson(text, pretty, out, progress)) {
        if (error)
            *error = stopped();
        return {};
    }
    if (error)
        error->clear();
    if (pretty && text.endsWith(u'\n'))
        out += u'\n';
    return out;
}

// Progress: 40 after parsing, 70 after writing, 100 after the check that it parses back the same.
QString prettyYaml(const QString &text, QString *error, const ProgressFn &progress = {})
{
    const QByteArray utf8 = text.toUtf8();
    const std::string source = utf8.toStdString();
    const yaml::Parse parsed = yaml::parse(source);
    if (!parsed.ok) {
        *error = describe(yamlCheck(parsed, text, utf8));
        return {};
    }
    if (parsed.events.empty())
        return text;
    if (yaml::hasComments(source, parsed.events)) {
        *error = QStringLiteral("the YAML has comments, which pretty-printing would drop");
        return {};
    }
    // Literal blocks read best, but yaml-cpp writes them correctly only for some strings; whatever it
    // writes is parsed again and must give the same events, or we fall back to quoted strings, or refuse.
    for (const bool literals : {true, false}) {
        std::string out;
        if (!report(progress, 40, 40, 0, 1)) {
            *error = stopped();
            return {};
        }
        if (!yaml::emit(parsed.events, literals, &out))
            continue;
        out += '\n';
        if (!report(progress, 70, 70, 0, 1)) {
            *error = stopped();
            return {};
        }
        const yaml::Parse again = yaml::parse(out);
        if (again.ok && again.events == parsed.events)
            return QString::fromStdString(out);
    }
    *error = QStringLiteral("yaml-cpp cannot re-emit this YAML without changing it");
    return {};
}

} // namespace

QString formatName(ValueFormat format)
{
    switch (format) {
    case ValueFormat::Text: return QStringLiteral("Text");
    case ValueFormat::Json: return QStringLiteral("JSON");
    case ValueFormat::Yaml: return QStringLiteral("YAML");
    case ValueFormat::Binary: return QStringLiteral("Binary");
    }
    return {};
}

ValueFormat detectFormat(const QByteArray &value)
{
    if (value.isEmpty())
        return ValueFormat::Text;
    if (!utf8::isPlainText(value))
        return ValueFormat::Binary;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(value, &error);
    if (error.error == QJsonParseError::NoError && (document.isObject() || document.isArray()))
        return ValueFormat::Json;
    const yaml::Parse parsed = yaml::parse(value.toStdString());
    if (parsed.ok && parsed.events.size() > 1) {
        const yaml::Event::Kind root = parsed.events[1].kind;
        if (root == yaml::Event::MapStart || root == yaml::Event::SeqStart)
            return ValueFormat::Yaml;
    }
    return ValueFormat::Text;
}

FormatCheck validate(ValueFormat format, const QString &text)
{
    switch (format) {
    case ValueFormat::Text: return {};
    case ValueFormat::Json: return validateJson(text);
    case ValueFormat::Yaml: return validateYaml(text);
    case ValueFormat::Binary: {
        FormatCheck check;
        parseHex(text, &check);
        return check;
    }
    }
    return {};
}

QString prettyPrint(ValueFormat format, const QString &text, QString *error)
{
    return prettyPrint(format, text, error, ProgressFn());
}

QString prettyPrint(ValueFormat format, const QString &text, QString *error, const ProgressFn &progress)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    message.clear();
    if (format == ValueFormat::Text || format == ValueFormat::Binary)
        return text;
    QString pretty = format == ValueFormat::Json ? reformatJson(text, true, &message, progress)
                                                 : prettyYaml(text, &message, progress);
    if (!message.isEmpty())
        return {};
    // Windows line ends stay (YAML reads a CRLF inside a block scalar as "\n", like LF).
    if (text.contains(u"\r\n"))
        pretty.replace(u'\n', QStringLiteral("\r\n"));
    if (progress)
        progress(100);
    return pretty;
}

QString compactJson(const QString &text, QString *error)
{
    return reformatJson(text, false, error);
}

QString toEditorText(const QByteArray &value, ValueFormat format)
{
    return format == ValueFormat::Binary ? toHexDump(value) : utf8::decode(value);
}

QByteArray fromEditorText(const QString &text, ValueFormat format, QString *error)
{
    FormatCheck check;
    QByteArray bytes;
    if (format == ValueFormat::Binary) {
        bytes = parseHex(text, &check);
    } else {
        for (qsizetype i = 0; i < text.size() && check.ok; ++i) {
            if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
                ++i;
            else if (text[i].isSurrogate())
                check = failure(QStringLiteral("a lone UTF-16 surrogate cannot be written as UTF-8"));
        }
        if (check.ok)
            bytes = text.toUtf8();
    }
    if (error)
        *error = check.ok ? QString() : describe(check);
    return bytes;
}

QString toHexDump(const QByteArray &value)
{
    static const char digits[] = "0123456789abcdef";
    QString out;
    out.reserve((value.size() / 16 + 1) * 79);
    for (qsizetype offset = 0; offset < value.size(); offset += 16) {
        if (offset > 0)
            out += u'\n';
        out += QString::number(offset, 16).rightJustified(8, u'0');
        out += u"  ";
        QString ascii;
        for (qsizetype k = offset; k < offset + 16; ++k) {
            if (k == offset + 8)
                out += u' ';
            if (k >= value.size()) {
                out += u"   ";
                continue;
            }
            const auto byte = static_cast<unsigned char>(value[k]);
            out += QLatin1Char(digits[byte >> 4]);
            out += QLatin1Char(digits[byte & 15]);
            out += u' ';
            ascii += byte >= 0x20 && byte < 0x7f ? QLatin1Char(char(byte)) : QLatin1Char('.');
        }
        out += u" |";
        out += ascii;
        out += u'|';
    }
    return out;
}

QByteArray fromHex(const QString &text, bool *ok, QString *error)
{
    FormatCheck check;
    QByteArray bytes = parseHex(text, &check);
    if (ok)
        *ok = check.ok;
    if (error)
        *error = check.ok ? QString() : describe(check);
    return bytes;
}

} // namespace etcd
