// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QChar>
#include <QString>

// UTF-8 as the console reads keys and values: strictly (RFC 3629), so that whatever decodes encodes
// back to the same bytes and whatever does not is shown as bytes.

namespace etcd::utf8 {

// Decodes one strictly valid UTF-8 sequence at i (no overlong forms, no surrogates, nothing above
// U+10FFFF). Returns its length, or 0 when the bytes at i are not one.
int sequenceAt(const QByteArray &bytes, qsizetype i, char32_t *codePoint);
// C0, DEL and C1 control characters.
bool isControl(char32_t cp);
// Strictly valid UTF-8 without control characters other than \t \n \r: a value to show as text.
bool isPlainText(const QByteArray &value);
// Decodes keeping an initial byte order mark (QString::fromUtf8 drops it, which would break the
// round trip of a value).
QString decode(const QByteArray &bytes);
bool isHexDigit(QChar c);
int hexValue(QChar c); // of a hex digit

} // namespace etcd::utf8
