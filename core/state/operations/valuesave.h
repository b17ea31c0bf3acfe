// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcderror.h"
#include "client/kvtypes.h"

#include <QByteArray>
#include <QFuture>
#include <QString>

namespace etcd {

class EtcdClient;

// One key's value as a person loaded it: the base that every save of an edit compares against.
struct LoadedValue
{
    QByteArray key;
    QByteArray value;
    bool exists = false;
    qint64 createRevision = 0;
    qint64 modRevision = 0;
    qint64 version = 0;
    qint64 lease = 0;

    // `kv` as read from etcd; nullptr: the key does not exist.
    static LoadedValue fromKv(const QByteArray &key, const KeyValue *kv);
};

// What a compare-and-swap save came to.
struct SaveOutcome
{
    enum class Kind { Saved, Conflict, Failed };
    Kind kind = Kind::Failed;
    // Saved: the value now in etcd (the next save's base). Conflict: theirs, as etcd has it now
    // (exists == false: someone deleted the key).
    LoadedValue value;
    EtcdError error;        // Failed: why; the edit was not written (or, if error.mayHaveBeenApplied(), maybe)
    QString etcdctl;        // Saved: the same compare-and-swap as an etcdctl command
};

// Saves `mine` as the key's value only if the key is still exactly what `base` says: its
// mod_revision, or its absence for a key that did not exist. One transaction; when the compare
// fails, the same transaction reads the key as it is now, so a conflict comes with "theirs". A key
// on a lease stays on it. There is no blind put: a caller that wants to overwrite "theirs" saves
// again against the Conflict's value, which is compared in turn.
QFuture<SaveOutcome> compareAndSwap(EtcdClient *client, const LoadedValue &base, const QByteArray &mine);

} // namespace etcd
