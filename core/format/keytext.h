// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>

// Keys are bytes. This is the one way the console writes a key for a person, and reads one typed
// back: in the tree, the editor, dialogs, error messages and permission texts alike.

namespace etcd {

// Printable UTF-8 is shown as is; everything else as \xNN (lowercase), a backslash as \\.
// "Printable" leaves out what could be mistaken for something else: spaces other than ' ',
// invisible format characters, and combining marks that would merge with the character before.
QString displayKey(const QByteArray &key);
// displayKey in double quotes, for a key inside a sentence.
QString quotedKey(const QByteArray &key);
// The exact inverse of displayKey; also reads \n \t \r \0 and \xNN as a person types them.
QByteArray keyFromDisplay(const QString &text, bool *ok);
// Valid UTF-8 (control characters allowed): the bytes can be shown and edited as text.
bool isUtf8(const QByteArray &bytes);

} // namespace etcd
