// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// ValueEditor's saving: core's compare-and-swap (state/operations/valuesave.h), and what the
// user decides when the compare fails.

#include "keys/valueeditor.h"

#include "client/continuation.h"

#include <QLabel>

namespace etcd::ui {

void ValueEditor::save()
{
    if (!m_client || m_loaded.key.isEmpty() || m_saving || m_loading)
        return;
    if (m_loadFailed) {
        setStatus(tr("Not saved: the value did not load, so there is nothing to compare a save with. Retry first."),
                  true);
        return;
    }
    if (m_client->isReadOnly()) {
        setStatus(tr("Not saved: this connection is read-only."), true);
        return;
    }
    QString error;
    const QByteArray mine = fromEditorText(text(), m_format, &error);
    if (!error.isEmpty()) {
        setStatus(tr("Not saved: %1").arg(error), true);
        return;
    }
    const FormatCheck check = validate(m_format, text());
    if (!check.ok) {
        setStatus(tr("Not saved: the %1 is not valid (%2). Fix it, or switch the format to Text to save it as it is.")
                      .arg(formatName(m_format), check.message),
                  true);
        return;
    }
    checkThenSave(mine, true); // against the key's JSON Schema first, if it has one (valueeditorschema.cpp)
}

void ValueEditor::restore(const Loaded &base, const QByteArray &value)
{
    if (!m_client || base.key.isEmpty() || m_saving)
        return;
    // Whatever load is under way would replace the text: it is not wanted any more.
    ++m_generation;
    m_loading = false;
    m_loadFailed = false;
    if (base.key != m_loaded.key || base.modRevision != m_loaded.modRevision || base.exists != m_loaded.exists)
        show(base); // what the restore compares against is what the editor says it is based on
    setValue(value);
    if (m_client->isReadOnly()) {
        setStatus(tr("Not saved: this connection is read-only. The old value is in the editor."), true);
        return;
    }
    m_saveNote.clear(); // a value etcd held before: restored as it was, not checked against a schema
    m_saveNoteWarns = false;
    saveAgainst(base, value);
}

void ValueEditor::saveAgainst(const Loaded &base, const QByteArray &mine)
{
    // Apply only if the key is still exactly what the user started from (core's compare-and-swap).
    m_saving = true;
    setStatus(tr("Saving…"), false);
    updateState();
    const int generation = m_generation;
    whenFinished(compareAndSwap(m_client, base, mine), this, [this, base, mine, generation](const SaveOutcome &r) {
        m_saving = false;
        if (generation != m_generation)
            return;
        switch (r.kind) {
        case SaveOutcome::Kind::Failed:
            // Nothing is lost: the text stays in the editor.
            setStatus(tr("Not saved: %1. Your edit is still here.").arg(r.error.toString()), true);
            updateState();
            Q_EMIT saveFailed(r.error);
            return;
        case SaveOutcome::Kind::Conflict: resolveConflict(base, mine, r.value); return;
        case SaveOutcome::Kind::Saved: break;
        }
        m_loaded = r.value;
        m_lastCommand = r.etcdctl;
        m_changedUnderneath = false;
        m_banner->hide();
        // What the schema check before this save found (valueeditorschema.cpp), said once.
        setStatus(tr("Saved at revision %1.").arg(r.value.modRevision) +
                      (m_saveNote.isEmpty() ? QString() : QLatin1Char(' ') + m_saveNote),
                  m_saveNoteWarns);
        m_saveNote.clear();
        m_saveNoteWarns = false;
        updateMeta();
        updateState();
        Q_EMIT saved(r.value.key, r.value.modRevision);
    });
}

void ValueEditor::resolveConflict(const Loaded &base, const QByteArray &mine, const Loaded &theirs)
{
    using Choice = ConflictDialog::Choice;
    QString merged;
    QString mergeNote;
    bool mergeLosesComments = false;
    Choice choice = Choice::None;
    if (m_resolver) {
        choice = m_resolver(base, mine, theirs, &merged);
    } else {
        auto side = [this](const Loaded &l) {
            ConflictDialog::Side s;
            s.text = toEditorText(l.value, m_format);
            s.modRevision = l.modRevision;
            s.version = l.version;
            s.deleted = !l.exists;
            return s;
        };
        ConflictDialog::Side mineSide = side(base);
        mineSide.text = toEditorText(mine, m_format);
        ConflictDialog dialog(displayKey(base.key), side(base), mineSide, side(theirs), this);
        dialog.exec();
        choice = dialog.choice();
        if (choice == Choice::MergeInEditor) { // the merge's result is read only when it is used
            merged = dialog.mergedText();
            mergeNote = dialog.mergeNote();
            mergeLosesComments = dialog.mergeLosesComments();
        }
    }
    switch (choice) {
    case Choice::KeepTheirs:
        show(theirs);
        setStatus(theirs.exists
                      ? tr("Kept the value in etcd (revision %1); your edit was discarded.").arg(theirs.modRevision)
                      : tr("Kept the deletion; your edit was discarded."),
                  false);
        break;
    case Choice::OverwriteTheirs:
        // A new compare-and-swap, against what is there now: if it moves again, ask again.
        saveAgainst(theirs, mine);
        break;
    case Choice::MergeInEditor:
        m_loaded = theirs; // the next save compares with their revision
        // Their change is in the editor now: the "changed in etcd" warning is answered.
        m_changedUnderneath = false;
        m_banner->hide();
        updateMeta();
        setText(merged);
        if (!mergeNote.isEmpty())
            setStatus(mergeNote, mergeLosesComments); // comments lost: said before any save
        else
            setStatus(merged.contains(QLatin1String("<<<<<<<"))
                          ? tr("Merged with conflicts: resolve the marked lines, then save.")
                          : tr("Merged their change with yours: review, then save."),
                      false);
        break;
    case Choice::None:
        m_changedUnderneath = true;
        setStatus(tr("Not saved: the key was changed in etcd (revision %1). Your edit is still here.")
                      .arg(theirs.modRevision),
                  true);
        break;
    }
    updateState();
    Q_EMIT conflictResolved(choice); // after the choice took effect: listeners see its outcome
}

} // namespace etcd::ui
