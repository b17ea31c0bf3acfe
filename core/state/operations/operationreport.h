// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcderror.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <atomic>
#include <memory>

namespace etcd {

// A key that a bulk operation did not handle, and why. Every kind but Failed is the safety rules
// at work: the operation left the key alone rather than overwrite what someone else wrote.
struct KeyProblem
{
    enum Kind {
        Exists,  // the key to create (a copy's destination, an imported key) exists: not overwritten
        Changed, // changed after the revision the operation was based on: left as it is
        Missing, // deleted by someone else before the operation got to it
        Failed,  // etcd refused the write (too large, permission denied, ...), or its outcome is unknown
    };
    QByteArray key; // the key the user asked about (for a copy: the source key)
    Kind kind = Failed;
    QString detail; // plain words, naming the other key or the revisions involved

    static QString kindName(Kind kind);
};

// What a bulk key operation did, key by key. An operation that could not start (bad arguments,
// read-only connection, etcd unreachable before anything was written) fails with an EtcdError
// instead; once it has started, it always ends with a report, and `error` says why it stopped early.
struct OperationReport
{
    QString action;   // past tense verb for summaries: "deleted", "copied", "renamed", "created", "imported"
    qint64 total = 0; // keys the operation set out to handle, as far as it knew them
    int done = 0;
    int skipped = 0;   // problems of kind Exists, Changed, Missing
    int failed = 0;    // problems of kind Failed
    int unchanged = 0; // already as wanted (an imported key identical to the one in etcd): not written
    QVector<QByteArray> doneKeys;
    QVector<KeyProblem> problems;
    bool cancelled = false; // stopped on request, between two transactions
    EtcdError error;        // why the operation stopped before the end, if it did
    qint64 revision = 0;    // etcd revision after the last transaction that changed something
    qint64 lease = 0;       // create(): the lease the new key is attached to

    void addDone(const QByteArray &key);
    void addProblem(const QByteArray &key, KeyProblem::Kind kind, const QString &detail);
    qint64 handled() const { return done + skipped + failed + unchanged; }
    // Everything asked for was done (or was already so): nothing skipped, failed or left undone.
    bool complete() const { return skipped == 0 && failed == 0 && !cancelled && error.isOk(); }
    // One or two sentences for a status line or a dialog.
    QString summary() const;
};

// A key as text for messages: itself when it is UTF-8, else its bytes in hex.
QString keyForDisplay(const QByteArray &key);

// Ask a running operation to stop. It stops between two transactions (never inside one) and still
// finishes with a report of what it did, marked cancelled. (QFuture::cancel() stops it too, but a
// cancelled QFuture cannot carry that report.) Copies share the same flag.
class StopToken
{
public:
    StopToken() : m_flag(std::make_shared<std::atomic_bool>(false)) {}
    void requestStop() const { m_flag->store(true); }
    bool stopRequested() const { return m_flag->load(); }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

} // namespace etcd

Q_DECLARE_METATYPE(etcd::OperationReport)
