// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace etcd {

// A field both sides changed differently since the base: shown by path, resolved by taking one
// side's value (mine unless asked otherwise), never with conflict markers in the document.
struct MergeConflict
{
    QString path;               // as FieldChange::path ("" for the whole document)
    QString base, mine, theirs; // compact values, "(absent)" where a side has no such field
};

struct StructuralMerge
{
    bool ok = false; // the three versions are JSON or YAML maps or lists, and were merged
    QString error;   // otherwise why not (the caller falls back to the line merge)
    QByteArray text; // mine, with their changes and the conflicts resolved as asked
    QVector<MergeConflict> conflicts;
    int theirChanges = 0; // their changes taken in (beside the conflicts)
    // Mine's text could not be edited in place, so the merged document was written anew in its
    // style (indentation, minified or not); YAML comments cannot survive that (yaml-cpp drops them).
    bool rewritten = false;
    bool commentsLost = false;
};

// The three-way merge of two edits of `base` on the parsed documents: changes to different fields
// merge whatever the formatting; the same field changed differently on both sides is a conflict.
// Lists merge by index, or by `id`/`name`/`key` when all elements carry one. The result is mine's
// text with their changes edited in: my formatting and comments stay. `takeTheirs` lists the
// conflict paths to resolve with their value.
StructuralMerge mergeStructured(const QByteArray &base, const QByteArray &mine, const QByteArray &theirs,
                                const QStringList &takeTheirs = {});

struct FieldRestore
{
    bool ok = false;
    QString error;
    QByteArray text; // `current` with the one field as it was in `old`
    bool rewritten = false;
    bool commentsLost = false;
};

// Put one field (a FieldChange::path of structuralDiff(old, current)) back as it was in `old`:
// changed back, re-added or removed, the rest of `current` untouched.
FieldRestore restoreField(const QByteArray &current, const QByteArray &old, const QString &path);

// A YAML comment outside strings: what a document written anew would lose.
bool hasYamlComments(const QByteArray &text);

} // namespace etcd
