// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// LocksView's two actions. Each question says exactly what etcd will do and what it means for the
// processes involved; the writes themselves are LocksMirror's (core), which a read-only
// connection refuses before anything is sent.

#include "locks/locksview.h"

#include "client/continuation.h"
#include "format/keytext.h"

#include <QLabel>
#include <QMessageBox>

namespace etcd::ui {

namespace {

QString who(const LockContender &c)
{
    return c.value.isEmpty() ? quotedKey(c.key)
                             : QStringLiteral("%1 (%2)").arg(quotedKey(c.key), lockstext::value(c.value, 60));
}

} // namespace

bool LocksView::confirm(const QString &title, const QString &question)
{
    if (m_confirm)
        return m_confirm(question);
    QMessageBox box(QMessageBox::Warning, title, question, QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setDefaultButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Yes;
}

void LocksView::report(const QString &outcome, bool ok)
{
    m_outcome = outcome;
    updateSummary();
    Q_EMIT actionDone(ok);
}

void LocksView::revokeSelected()
{
    const QByteArray name = selectedRecipe();
    const QByteArray key = selectedContender();
    const LockRecipe *r = m_mirror->recipe(name);
    const LockContender *c = r ? r->contender(key) : nullptr;
    if (!m_client || m_client->isReadOnly() || !c || c->lease == 0)
        return;
    const qint64 lease = c->lease;
    // Ask with the keys attached right now: a session often holds keys in several recipes.
    whenFinished(m_mirror->leaseKeys(lease), this, [this, name, key, lease](const EtcdResult<LeaseTimeToLive> &keys) {
        if (!keys.ok())
            return report(tr("Cannot read lease %1: %2").arg(lease, 0, 16).arg(keys.error().toString()), false);
        const LockRecipe *recipe = m_mirror->recipe(name);
        const int place = recipe ? recipe->position(key) : -1;
        if (keys->ttl < 0 || place < 0)
            return report(tr("Lease %1 is already gone").arg(lease, 0, 16), false);
        const LockContender &contender = recipe->contenders[size_t(place)];
        QStringList attached;
        for (const QByteArray &k : keys->keys)
            attached << quotedKey(k);
        QString question = tr("Revoke lease %1?").arg(lease, 0, 16) + QStringLiteral("\n\n");
        question += tr("It is the lease of %1, at place %2 in %3 (%4).")
                        .arg(who(contender))
                        .arg(place + 1)
                        .arg(quotedKey(name), lockrecipe::kindName(recipe->kind)) +
                    QLatin1Char(' ');
        question += tr("etcd deletes the %n key(s) attached to it at once: %1.", nullptr, int(attached.size()))
                        .arg(attached.mid(0, 6).join(QStringLiteral(", ")) +
                             (attached.size() > 6 ? tr(" and %1 more").arg(attached.size() - 6) : QString())) +
                    QLatin1Char(' ');
        if (place == 0)
            question += recipe->contenders.size() > 1
                            ? tr("It holds now: %1 takes over.").arg(who(recipe->contenders[1]))
                            : tr("It holds now and nobody waits: it becomes free.");
        else
            question += tr("It waits: the contenders behind it move up one place.");
        question += QStringLiteral("\n\n") +
                    tr("The process that owns the lease is not told: its next keep-alive fails, and it has to "
                       "start a new session to take part again.");
        if (!confirm(tr("Revoke lease"), question))
            return;
        whenFinished(m_mirror->revoke(name, key, lease), this, [this, lease](const EtcdResult<ResponseHeader> &done) {
            if (done.ok())
                report(tr("Revoked lease %1").arg(lease, 0, 16), true);
            else
                report(tr("Lease %1 not revoked: %2").arg(lease, 0, 16).arg(done.error().toString()), false);
        });
    });
}

void LocksView::resignHolder()
{
    const QByteArray name = selectedRecipe();
    const LockRecipe *r = m_mirror->recipe(name);
    const LockContender *holder = r ? r->holder() : nullptr;
    if (!m_client || m_client->isReadOnly() || !holder)
        return;
    const QByteArray key = holder->key;
    const qint64 revision = holder->createRevision; // what the question names, kept across the dialog
    const bool election = r->kind == RecipeKind::Election;
    QString question = election ? tr("Resign the leader of %1?").arg(quotedKey(name))
                                : tr("Release the lock %1 held by %2?").arg(quotedKey(name), quotedKey(key));
    question += QStringLiteral("\n\n");
    question += tr("This deletes %1 in a transaction that applies only while that key still has create revision "
                   "%2, as Go's Election.Resign does: if it changed meanwhile, nothing is deleted.")
                    .arg(who(*holder))
                    .arg(holder->createRevision) +
                QLatin1Char(' ');
    question += r->contenders.size() > 1 ? tr("%1 takes over.").arg(who(r->contenders[1]))
                                         : tr("Nobody waits: it becomes free.");
    question += QStringLiteral("\n\n");
    question += holder->lease ? tr("Lease %1 stays, with its other keys. ").arg(holder->lease, 0, 16) : QString();
    question += election ? tr("The process that led is not told: it may go on believing it leads until it looks at "
                              "its key.")
                         : tr("The process that held the lock is not told: unless its writes are fenced by the lock "
                              "key's revision, two holders may work at once.");
    if (!confirm(election ? tr("Resign leader") : tr("Release lock"), question))
        return;
    whenFinished(m_mirror->resign(name, key, revision), this, [this, key](const EtcdResult<TxnResult> &done) {
        if (!done.ok())
            return report(tr("Not resigned: %1").arg(done.error().toString()), false);
        if (!done->succeeded)
            return report(tr("Not resigned: %1 changed or went meanwhile; nothing was deleted").arg(quotedKey(key)),
                          false);
        report(tr("Resigned %1").arg(quotedKey(key)), true);
    });
}

} // namespace etcd::ui
