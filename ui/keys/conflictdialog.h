// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/textdiff.h"
#include "format/structuralmerge.h"

#include <QDialog>
#include <QFuture>

class QLabel;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace etcd::ui {

class DiffView;

// Shown when the value editor's save failed its compare (the key's mod_revision is no longer the
// one the user loaded): base (what was loaded), mine (the editor's text) and theirs (etcd now, or a
// deletion) side by side as diffs, and a choice of what to do. The dialog itself changes nothing;
// the editor acts on choice(). Escape or closing the window is Choice::None: the edit stays.
class ConflictDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Choice { None, KeepTheirs, OverwriteTheirs, MergeInEditor };
    struct Side
    {
        QString text;
        qint64 modRevision = 0; // 0 for a key that did not exist
        qint64 version = 0;
        bool deleted = false; // only for theirs: the key was deleted (at modRevision when known)
    };

    ConflictDialog(const QString &key, const Side &base, const Side &mine, const Side &theirs,
                   QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }
    // The text for MergeInEditor. JSON and YAML documents merge field by field (mergeStructured:
    // my text with their changes edited in; a field changed on both sides is listed by path and
    // takes the side chosen for it, mine by default; never conflict markers). Other text merges
    // by lines (merge3), with conflict markers when not clean. Computed on a worker thread when
    // the dialog opens and again when a side is chosen; asking earlier waits for it (the merge
    // button is enabled only once it is ready). Empty when theirs is a deletion: there is no merge.
    QString mergedText() const;
    bool mergeIsClean() const; // no conflict markers in mergedText()
    int mergeConflicts() const;
    bool isMergeReady() const;
    bool isStructuralMerge() const;
    // The fields changed on both sides (structural merges), and whose value each takes.
    QStringList conflictPaths() const;
    void setTakeTheirs(const QString &path, bool theirs);
    // One sentence for the editor's status line after a merge: what it did, what to check.
    QString mergeNote() const;
    bool mergeLosesComments() const; // the merged YAML was written anew without its comments

Q_SIGNALS:
    void mergeReady();

private:
    struct Merge
    {
        bool structural = false;
        MergeResult lines;
        StructuralMerge fields;
    };

    void choose(Choice choice);
    void startMerge();
    void showMerge(const Merge &merge);
    void showConflicts(const QVector<MergeConflict> &conflicts);
    void addFieldsTab(const QString &base, const QString &mine, const QString &theirs);

    Choice m_choice = Choice::None;
    bool m_theirsDeleted = false;
    QString m_base, m_mine, m_theirs;
    QStringList m_takeTheirs;
    int m_mergeGeneration = 0;
    QFuture<Merge> m_merge;
    QTreeWidget *m_conflicts = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_mergeStatus = nullptr;
    QPushButton *m_keepTheirs = nullptr;
    QPushButton *m_overwrite = nullptr;
    QPushButton *m_mergeButton = nullptr;
};

} // namespace etcd::ui
