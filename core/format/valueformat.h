// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "format/keytext.h"

#include <QByteArray>
#include <QString>

#include <functional>

// The value formats: what a value is (detection), whether an edit is well formed (validation with a
// position), pretty-printing that never changes meaning, and the text an editor shows for a value
// (UTF-8 or a hex dump) and back. Widget-free, so every view, the core and the tests share it.

namespace etcd {

enum class ValueFormat { Text, Json, Yaml, Binary };

QString formatName(ValueFormat format);

struct FormatCheck
{
    bool ok = true;
    QString message;
    int line = 0;   // 1-based; 0 when the error has no position
    int column = 0; // 1-based, in UTF-16 units as QTextCursor counts them
};

// Binary: not strictly valid UTF-8 (overlong forms and encoded surrogates count as invalid), or control
// characters other than \t \n \r (C0, DEL, C1). Json: an object or an array. Yaml: a mapping or a
// sequence that is not JSON and that validate() accepts. Else (and for an empty value) Text.
ValueFormat detectFormat(const QByteArray &value);

// Text: always ok. Binary: the text must be hex (see fromHex). Yaml: what yaml-cpp accepts, minus what
// it wrongly accepts (unclosed quotes, content after the document, duplicate keys).
FormatCheck validate(ValueFormat format, const QString &text);

// Re-indents (2 spaces) without changing meaning or order. JSON keeps key order and every literal byte
// for byte, and a final newline if there was one. YAML is re-emitted by yaml-cpp in block style and
// ends with a newline; it is refused when it has comments (they would be lost) or when what yaml-cpp
// writes does not parse back to the same thing. CRLF line ends stay CRLF. Invalid input is refused
// with the validation error ("line L, column C: ..."). Text and Binary are returned unchanged.
// On refusal: error set, empty result; otherwise error cleared.
QString prettyPrint(ValueFormat format, const QString &text, QString *error);
// The same for a big value on a worker thread: `progress` is told how far it has come (0-100) now
// and then and returns false to stop it, which leaves an empty result and the error "stopped".
using ProgressFn = std::function<bool(int percent)>;
QString prettyPrint(ValueFormat format, const QString &text, QString *error, const ProgressFn &progress);
// Minified JSON, order and literals kept.
QString compactJson(const QString &text, QString *error);

// What an editor shows for a value, and back. Text, Json, Yaml: UTF-8. Binary: a hex dump.
QString toEditorText(const QByteArray &value, ValueFormat format);
// Error set and an empty result when the text cannot be encoded (bad hex, a lone surrogate).
QByteArray fromEditorText(const QString &text, ValueFormat format, QString *error);

// hexdump -C layout, 16 bytes a line:
// "00000010  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a 00 ff 10 20  |Hello world.... |"
QString toHexDump(const QByteArray &value);
// Reads that dump (offsets and the |ascii| column are ignored) or plain hex ("48656c6c6f",
// "48 65 6c"), case-insensitive. An offset is a line's first run of exactly 8 digits followed by two
// blanks; a line's text from its first '|' is ignored. Each run of digits must have an even length;
// otherwise ok is false and error names the line and column.
QByteArray fromHex(const QString &text, bool *ok, QString *error);

} // namespace etcd
