// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "recipes/mutex.h"

#include "client/continuation.h"
#include "recipes/deletewaiter.h"
#include "recipes/recipeutil.h"

namespace etcd {

using recipe::firstCreated;

Mutex::Mutex(Session *session, const QByteArray &name, QObject *parent) : Contender(session, name, parent) {}

QFuture<EtcdStatus> Mutex::lock()
{
    const Promise promise = beginAttempt(QStringLiteral("lock"));
    if (!isCurrent(promise))
        return promise->future();
    // One round trip when uncontended: create our key unless it exists, and read the oldest one.
    PutOptions put;
    put.lease = leaseId();
    TxnSpec txn;
    txn.compares << Compare::createRevision(m_key, Compare::Equal, 0);
    txn.success << TxnOp::putKey(m_key, {}, put) << TxnOp::get(firstCreated(m_prefix));
    txn.failure << TxnOp::get(RangeOptions::single(m_key)) << TxnOp::get(firstCreated(m_prefix));
    whenFinished(client()->kv().txn(txn), this, [this, promise](EtcdResult<TxnResult> r) {
        if (!isCurrent(promise))
            return;
        if (!r.ok())
            return fail(r.error());
        m_revision = r->header.revision;
        if (!r->succeeded && !r->responses.at(0).range.kvs.isEmpty())
            m_revision = r->responses.at(0).range.kvs.constFirst().createRevision; // we already had a key
        const QVector<KeyValue> &oldest = r->responses.at(1).range.kvs;
        waitForOlder(promise, oldest.isEmpty() || oldest.constFirst().createRevision == m_revision);
    });
    return promise->future();
}

QFuture<EtcdStatus> Mutex::unlock()
{
    auto promise = recipe::newPromise<EtcdStatus>();
    const QByteArray key = m_key;
    forget();
    if (key.isEmpty() || !client()) {
        recipe::fulfil(promise, Done{});
        return promise->future();
    }
    whenFinished(client()->kv().deleteRange(DeleteOptions::single(key)), this, [promise](EtcdResult<DeleteResult> r) {
        if (!r.ok())
            return recipe::fulfil(promise, r.error());
        recipe::fulfil(promise, Done{});
    });
    return promise->future();
}

} // namespace etcd
