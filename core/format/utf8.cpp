// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "format/utf8.h"

#include <QStringDecoder>

namespace etcd::utf8 {

int sequenceAt(const QByteArray &bytes, qsizetype i, char32_t *codePoint)
{
    const auto byteAt = [&bytes](qsizetype k) { return static_cast<unsigned char>(bytes[k]); };
    const unsigned char first = byteAt(i);
    if (first < 0x80) {
        *codePoint = first;
        return 1;
    }
    int length = 0;
    char32_t cp = 0;
    char32_t smallest = 0;
    if ((first & 0xe0) == 0xc0) {
        length = 2, cp = first & 0x1fu, smallest = 0x80;
    } else if ((first & 0xf0) == 0xe0) {
        length = 3, cp = first & 0x0fu, smallest = 0x800;
    } else if ((first & 0xf8) == 0xf0) {
        length = 4, cp = first & 0x07u, smallest = 0x10000;
    } else {
        return 0;
    }
    if (i + length > bytes.size())
        return 0;
    for (int k = 1; k < length; ++k) {
        const unsigned char next = byteAt(i + k);
        if ((next & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (next & 0x3fu);
    }
    if (cp < smallest || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    *codePoint = cp;
    return length;
}

bool isControl(char32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

bool isPlainText(const QByteArray &value)
{
    for (qsizetype i = 0; i < value.size();) {
        char32_t cp = 0;
        const int length = sequenceAt(value, i, &cp);
        if (length == 0 || (isControl(cp) && cp != '\t' && cp != '\n' && cp != '\r'))
            return false;
        i += length;
    }
    return true;
}

// QString::fromUtf8 drops an initial byte order mark, which would break the round trip of a value.
QString decode(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::ConvertInitialBom);
    return decoder(bytes);
}

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    return u <= u'9' ? u - u'0' : (u | 0x20) - u'a' + 10;
}

} // namespace etcd::utf8
