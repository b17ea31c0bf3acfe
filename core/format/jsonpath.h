// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>

namespace etcd {

// Paths to a place in a JSON document, written for people in the style of structuraldiff's
// FieldChange paths: `upstreams.payments`, `servers[2].port`, `labels["app.kubernetes.io/name"]`.
// A key that is a plain identifier is dotted, any other key is quoted in brackets (with `"` and
// `\` escaped as JSON escapes them), an index is `[n]`; "" is the whole document.
QString jsonPathKey(const QString &parent, const QString &key);
QString jsonPathIndex(const QString &parent, qsizetype index);

// Where the place at `path` starts in `text`, a JSON document: the offset of a member's key (its
// opening quote) or of an array element's value; 0 for "" (the document). -1 when the text has no
// such place or does not read as JSON up to it. Used to move the cursor to a reported problem.
qsizetype jsonPathOffset(const QString &text, const QString &path);

} // namespace etcd
