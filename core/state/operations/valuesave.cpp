// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/operations/valuesave.h"

#include "client/etcdclient.h"
#include "client/txn.h"
#include "state/operations/etcdctlcommand.h"

namespace etcd {

LoadedValue LoadedValue::fromKv(const QByteArray &key, const KeyValue *kv)
{
    LoadedValue l;
    l.key = key;
    if (kv) {
        l.value = kv->value;
        l.exists = true;
        l.createRevision = kv->createRevision;
        l.modRevision = kv->modRevision;
        l.version = kv->version;
        l.lease = kv->lease;
    }
    return l;
}

QFuture<SaveOutcome> compareAndSwap(EtcdClient *client, const LoadedValue &base, const QByteArray &mine)
{
    TxnSpec txn;
    if (base.exists)
        txn.compares << Compare::modRevision(base.key, Compare::Equal, base.modRevision);
    else
        txn.compares << Compare::createRevision(base.key, Compare::Equal, 0);
    PutOptions put;
    put.ignoreLease = base.exists && base.lease != 0; // keep the key on its lease
    txn.success << TxnOp::putKey(base.key, mine, put);
    txn.failure << TxnOp::get(RangeOptions::single(base.key));
    const ConnectionOptions options = client->options();
    // A pure conversion: it runs on whichever thread completes the call.
    return client->kv().txn(txn).then(QtFuture::Launch::Sync, [base, mine, options](const EtcdResult<TxnResult> &r) {
        SaveOutcome outcome;
        if (!r.ok()) {
            outcome.kind = SaveOutcome::Kind::Failed;
            outcome.error = r.error();
            return outcome;
        }
        if (!r->succeeded) {
            const QVector<KeyValue> &now = r->responses.value(0).range.kvs;
            outcome.kind = SaveOutcome::Kind::Conflict;
            outcome.value = LoadedValue::fromKv(base.key, now.isEmpty() ? nullptr : &now.constFirst());
            return outcome;
        }
        LoadedValue saved = base;
        saved.value = mine;
        saved.exists = true;
        saved.modRevision = r->header.revision;
        saved.version = base.exists ? base.version + 1 : 1;
        if (!base.exists)
            saved.createRevision = r->header.revision;
        outcome.kind = SaveOutcome::Kind::Saved;
        outcome.value = saved;
        // The same save for a person to repeat with etcdctl: the same compare, the same put.
        outcome.etcdctl = EtcdctlCommand(options).compareAndSwap(base.key, mine, base.exists ? base.modRevision : 0);
        return outcome;
    });
}

} // namespace etcd
