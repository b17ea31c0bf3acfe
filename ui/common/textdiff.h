// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>
#include <QVector>

// Line-based text diff and three-way merge for the value editor's conflict dialog. No widgets:
// everything here is a pure function of its inputs and may run on any thread.
//
// A "line" is the text up to and including its '\n'; a '\r' before it stays part of the line, so a
// CRLF/LF change is a real difference (as etcd stores bytes, the user must see it). The last line
// may lack its '\n', which is a difference too (as in `diff -u`: "\ No newline at end of file").

namespace etcd::ui {

struct DiffLine
{
    enum Kind { Same, Added, Removed };
    Kind kind = Same;
    QString text;           // the line without its '\n' (a '\r' before the '\n' is kept)
    int oldLine = 0;        // 1-based line number in the old text, 0 for an added line
    int newLine = 0;        // 1-based line number in the new text, 0 for a removed line
    bool noNewline = false; // the last line of its text, without a final '\n'
};

// Every line of `a` and `b` in order: unchanged lines once, and in each changed region the removed
// lines before the added ones. An empty text has no lines; "x\n" has one.
QVector<DiffLine> diffLines(const QString &a, const QString &b);

// `diff -u --label aName --label bName` output (same hunk grouping and @@ header rules as GNU diff),
// or an empty string when the texts are equal.
QString unifiedDiff(const QString &a, const QString &b, const QString &aName, const QString &bName, int context = 3);

struct DiffStats
{
    int added = 0;
    int removed = 0;
};
DiffStats diffStats(const QVector<DiffLine> &lines);

struct MergeResult
{
    QString text;
    bool clean = true;
    int conflicts = 0;
};

// Three-way line merge of two edits of `base` (diff3 / `git merge-file --diff3` semantics). Changes
// of both sides that overlap or touch in the base conflict unless they are identical; each conflict
// is written with git's markers around that region only:
//   <<<<<<< mine / (mine's lines) / ||||||| base / (base's lines) / ======= / (theirs' lines) / >>>>>>> theirs
// Markers end with "\r\n" when `mine` uses CRLF line ends.
MergeResult merge3(const QString &base, const QString &mine, const QString &theirs);

} // namespace etcd::ui
