// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/kv.h"
#include "client/lease.h"
#include "state/operations/operationreport.h"

#include <QFuture>

namespace etcd {

class EtcdClient;

struct PrefixCount
{
    qint64 count = 0;
    qint64 revision = 0; // pass it to deletePrefix()/copy() so they leave later changes alone
};

// The key browser's bulk operations. Every one returns at once; the work runs on a worker thread
// (continue with whenFinished(future, receiver, ...)), reports progress through the future
// (progressRange/progressValue/progressText), and stops between two transactions when asked
// (StopToken, or QFuture::cancel() when no report is wanted).
//
// No blind writes: every write is a transaction whose compares pin what was read. A key to create
// must not exist (create_revision == 0); a key to change or delete must still have the
// mod_revision that was read; a copy never overwrites an existing destination. What the compares
// keep from happening is reported key by key (OperationReport::problems), never done anyway.
//
// `seenRevision`: the revision the user's view of the keys reflects (0: the operation's own first
// read). Keys created or changed after it are left alone and reported: the user did not see them.
//
// Results: an operation that changed nothing because of an error (bad arguments, etcd unreachable,
// permission denied) fails with that EtcdError; otherwise it ends with an OperationReport that
// names every key it did (doneKeys) or left alone and why (problems), and report.error says why it
// stopped early, if it did. On a read-only connection every writing operation fails at once with
// isReadOnlyRefusal(), having sent nothing.
class KeyOperations
{
public:
    explicit KeyOperations(EtcdClient *client);

    // How many keys are under `prefix` now (a count-only range), and at which revision.
    QFuture<EtcdResult<PrefixCount>> countPrefix(const QByteArray &prefix) const;

    // Delete every key under `prefix` that has not changed since `seenRevision`. Keys are listed in
    // pages (keys only); each run of unchanged keys is deleted as one interval, in a transaction
    // that checks that nothing in the interval was created or changed since the page was read. If
    // something was, the same transaction's failure branch names it, and the next transaction
    // deletes around it: a concurrent write is never deleted, and it is reported. doneKeys lists
    // exactly the keys this operation deleted. An empty prefix (the whole keyspace) is refused.
    QFuture<EtcdResult<OperationReport>> deletePrefix(const QByteArray &prefix, qint64 seenRevision = 0,
                                                      const StopToken &stop = {}) const;

    // Delete `key` if its mod_revision is still `expectedModRevision` (compare-and-delete).
    QFuture<EtcdResult<OperationReport>> deleteKey(const QByteArray &key, qint64 expectedModRevision) const;

    // Copy one key (folder == false: `from` and `to` are keys) or every key under the prefix `from`
    // to the prefix `to`, keeping each key's path below the prefix. Values are byte-exact. With
    // removeSource (rename), the copy keeps the source's lease and the source is deleted in the same
    // transaction; a plain copy is not attached to any lease. Each transaction compares, per key,
    // the source's mod_revision as read and the destination's create_revision == 0: an existing
    // destination is reported (Exists), never overwritten. Up to 64 keys per transaction: each
    // transaction is atomic, the whole folder is not. Overlapping prefixes are refused. The report
    // names source keys.
    QFuture<EtcdResult<OperationReport>> copy(const QByteArray &from, const QByteArray &to, bool folder,
                                              bool removeSource, qint64 seenRevision = 0,
                                              const StopToken &stop = {}) const;
    // Why copy() with these arguments would be refused before reading anything (empty when it
    // would not): for a dialog to say so while the user types.
    static QString copyProblem(const QByteArray &from, const QByteArray &to, bool folder, bool removeSource);

    // Create `key` (compare create_revision == 0). ttlSeconds > 0 grants a new lease for it (revoked
    // again if the key exists); existingLease attaches it to that lease. Not both.
    // report.lease is the lease the key was attached to.
    QFuture<EtcdResult<OperationReport>> create(const QByteArray &key, const QByteArray &value, qint64 ttlSeconds = 0,
                                                qint64 existingLease = 0) const;

private:
    bool m_readOnly = false;
    Kv m_kv;
    Lease m_lease;
};

} // namespace etcd
