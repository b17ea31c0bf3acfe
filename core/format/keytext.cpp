// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "format/keytext.h"

#include "format/utf8.h"

#include <QStringDecoder>

#include <algorithm>

namespace etcd {

namespace {

// Shown as is in a key: printable characters that cannot be mistaken for others. Other spaces look
// like ' ', format characters (zero-width space...) are invisible.
bool isShownInKey(char32_t cp)
{
    if (cp == ' ')
        return true;
    switch (QChar::category(cp)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph: return false;
    default: return true;
    }
}

} // namespace

bool isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)decoder.decode(bytes);
    return !decoder.hasError();
}

QString displayKey(const QByteArray &key)
{
    QString out;
    out.reserve(key.size());
    bool afterEscape = true; // nothing shown yet for a combining mark to join
    for (qsizetype i = 0; i < key.size();) {
        char32_t cp = 0;
        const int length = utf8::sequenceAt(key, i, &cp);
        bool shown = length > 0 && isShownInKey(cp);
        if (shown && QChar::isMark(cp)) {
            // A mark that composes with what precedes it ("e" + U+0301) would look like the
            // precomposed character (U+00E9), a different key.
            const QString before = afterEscape ? QString() : out.right(out.back().isLowSurrogate() ? 2 : 1);
            const QString joined = before + QString::fromUcs4(&cp, 1);
            shown = !afterEscape && joined.normalized(QString::NormalizationForm_C) == joined;
        }
        if (shown) {
            if (cp == '\\')
                out += u"\\\\";
            else
                out += QString::fromUcs4(&cp, 1);
            afterEscape = false;
            i += length;
            continue;
        }
        for (const qsizetype end = i + std::max(length, 1); i < end; ++i)
            out += QStringLiteral("\\x%1").arg(static_cast<unsigned char>(key[i]), 2, 16, QLatin1Char('0'));
        afterEscape = true;
    }
    return out;
}

QByteArray keyFromDisplay(const QString &text, bool *ok)
{
    QByteArray key;
    key.reserve(text.size());
    const auto fail = [ok] {
        if (ok)
            *ok = false;
        return QByteArray();
    };
    qsizetype runStart = 0; // characters since the last escape, encoded together
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != u'\\') {
            if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
                ++i;
            else if (text[i].isSurrogate())
                return fail();
            continue;
        }
        key += QStringView(text).mid(runStart, i - runStart).toUtf8();
        if (i == text.size())
            break;
        if (++i == text.size())
            return fail();
        switch (text[i].unicode()) {
        case u'\\': key += '\\'; break;
        case u'n': key += '\n'; break;
        case u't': key += '\t'; break;
        case u'r': key += '\r'; break;
        case u'0': key += '\0'; break;
        case u'x':
            if (i + 2 >= text.size() || !utf8::isHexDigit(text[i + 1]) || !utf8::isHexDigit(text[i + 2]))
                return fail();
            key += char(utf8::hexValue(text[i + 1]) * 16 + utf8::hexValue(text[i + 2]));
            i += 2;
            break;
        default: return fail();
        }
        runStart = i + 1;
    }
    if (ok)
        *ok = true;
    return key;
}

QString quotedKey(const QByteArray &key)
{
    return QLatin1Char('"') + displayKey(key) + QLatin1Char('"');
}

} // namespace etcd
