// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

namespace etcd {

// What changed between two JSON or YAML documents, field by field, whatever their formatting:
// `upstreams.payments: "http://payments:8443" -> "http://payments:9443"`. Maps compare by key;
// lists by index, unless every element of both is a map with an `id`, `name` or `key` field (the
// same one in all), then by that field's value (`servers[name=web].port`). A key that is not a
// plain identifier is written as `["a.b/c"]`.
struct FieldChange
{
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString path;   // "" for the whole document
    QString before; // the old value as compact JSON-like text ("" when added)
    QString after;  // the new value ("" when removed)

    QString describe() const; // "+ path: after", "- path: before", "path: before -> after"
};

struct StructuralDiff
{
    bool ok = false;
    QString error;                // which side did not parse, and why
    bool structured = false;      // both documents are maps or lists (not plain text)
    QVector<FieldChange> changes; // in document order of the paths
};

// Both sides are JSON or YAML (JSON is read as the YAML it also is). A side that does not parse
// gives ok = false with the reason; empty input is an empty document.
StructuralDiff structuralDiff(const QByteArray &before, const QByteArray &after);

} // namespace etcd
