// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "recipes/election.h"
#include "client/continuation.h"

#include "recipes/deletewaiter.h"
#include "recipes/recipeutil.h"

namespace etcd {

using recipe::firstCreated;

Election::Election(Session *session, const QByteArray &name, QObject *parent) : Contender(session, name, parent) {}

QFuture<EtcdStatus> Election::campaign(const QByteArray &value)
{
    const Promise promise = beginAttempt(QStringLiteral("campaign"));
    if (!isCurrent(promise))
        return promise->future();
    PutOptions put;
    put.lease = leaseId();
    TxnSpec txn;
    txn.compares << Compare::createRevision(m_key, Compare::Equal, 0);
    txn.success << TxnOp::putKey(m_key, value, put);
    txn.failure << TxnOp::get(RangeOptions::single(m_key));
    whenFinished(client()->kv().txn(txn), this, [this, promise, value](EtcdResult<TxnResult> r) {
        if (!isCurrent(promise))
            return;
        if (!r.ok())
            return fail(r.error());
        m_revision = r->header.revision;
        if (r->succeeded || r->responses.at(0).range.kvs.isEmpty())
            return waitForOlder(promise);
        // We were already a candidate with this lease: keep our place, update the value.
        const KeyValue &mine = r->responses.at(0).range.kvs.constFirst();
        m_revision = mine.createRevision;
        if (mine.value == value)
            return waitForOlder(promise);
        whenFinished(proclaim(value), this, [this, promise](EtcdStatus s) {
            if (!isCurrent(promise))
                return;
            if (!s.ok()) {
                fail(s.error());
                resign();
                return;
            }
            waitForOlder(promise);
        });
    });
    return promise->future();
}

QFuture<EtcdStatus> Election::proclaim(const QByteArray &value)
{
    auto promise = recipe::newPromise<EtcdStatus>();
    if (!m_session || m_key.isEmpty()) {
        recipe::fulfil(promise,
                       EtcdError::client(ErrorCode::FailedPrecondition, QStringLiteral("election: not leader")));
        return promise->future();
    }
    PutOptions put;
    put.lease = m_session->leaseId();
    TxnSpec txn;
    txn.compares << leaderCompare();
    txn.success << TxnOp::putKey(m_key, value, put);
    whenFinished(m_session->client()->kv().txn(txn), this, [this, promise](EtcdResult<TxnResult> r) {
        if (!r.ok())
            return recipe::fulfil(promise, r.error());
        if (!r->succeeded) {
            m_holds = false;
            return recipe::fulfil(
                promise, EtcdError::client(ErrorCode::FailedPrecondition, QStringLiteral("election: not leader")));
        }
        recipe::fulfil(promise, Done{});
    });
    return promise->future();
}

QFuture<EtcdStatus> Election::resign()
{
    auto promise = recipe::newPromise<EtcdStatus>();
    if (!client() || m_key.isEmpty()) {
        forget();
        recipe::fulfil(promise, Done{});
        return promise->future();
    }
    TxnSpec txn;
    txn.compares << leaderCompare();
    txn.success << TxnOp::deleteRange(DeleteOptions::single(m_key));
    forget();
    whenFinished(m_session->client()->kv().txn(txn), this, [promise](EtcdResult<TxnResult> r) {
        if (!r.ok())
            return recipe::fulfil(promise, r.error());
        recipe::fulfil(promise, Done{});
    });
    return promise->future();
}

QFuture<EtcdResult<KeyValue>> Election::leader() const
{
    auto promise = recipe::newPromise<EtcdResult<KeyValue>>();
    if (!m_session || !m_session->client()) {
        recipe::fulfil(promise, EtcdError::client(ErrorCode::FailedPrecondition, QStringLiteral("no session")));
        return promise->future();
    }
    m_session->client()->kv().range(firstCreated(m_prefix)).then([promise](EtcdResult<RangeResult> r) {
        if (!r.ok())
            return recipe::fulfil(promise, r.error());
        if (r->kvs.isEmpty())
            return recipe::fulfil(promise,
                                  EtcdError::client(ErrorCode::NotFound, QStringLiteral("election: no leader")));
        recipe::fulfil(promise, r->kvs.constFirst());
    });
    return promise->future();
}

ElectionObserver::ElectionObserver(EtcdClient *client, const QByteArray &name, QObject *parent)
    : QObject(parent), m_client(client), m_prefix(name + '/')
{}

void ElectionObserver::start()
{
    look();
}

void ElectionObserver::look()
{
    if (!m_client)
        return;
    whenFinished(m_client->kv().range(firstCreated(m_prefix)), this, [this](EtcdResult<RangeResult> r) {
        if (!r.ok())
            return Q_EMIT failed(r.error());
        if (m_watcher) {
            m_watcher->deleteLater();
            m_watcher = nullptr;
        }
        if (!r->kvs.isEmpty())
            return follow(r->kvs.constFirst());
        if (!m_leader.key.isEmpty()) {
            m_leader = KeyValue();
            Q_EMIT noLeader();
        }
        // No leader: the first key to appear under the prefix is the next one.
        m_watcher = m_client->watch(WatchOptions::prefix(m_prefix, r->header.revision), this);
        connect(m_watcher, &Watcher::events, this, [this](const WatchEvents &events) {
            for (const WatchEvent &e : events) {
                if (e.type == WatchEvent::Put)
                    return follow(e.kv);
            }
        });
        connect(m_watcher, &Watcher::compacted, this, &ElectionObserver::look);
        connect(m_watcher, &Watcher::failed, this, &ElectionObserver::failed);
    });
}

void ElectionObserver::follow(const KeyValue &leader)
{
    if (m_watcher) {
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
    if (!(leader.key == m_leader.key && leader.value == m_leader.value && leader.modRevision == m_leader.modRevision)) {
        m_leader = leader;
        Q_EMIT leaderChanged(leader);
    }
    // Follow the leader's key: new values are proclamations, its deletion ends the term.
    m_watcher = m_client->watch(WatchOptions::single(leader.key, leader.modRevision + 1), this);
    connect(m_watcher, &Watcher::events, this, [this](const WatchEvents &events) {
        for (const WatchEvent &e : events) {
            if (e.type == WatchEvent::Delete)
                return look();
            m_leader = e.kv;
            Q_EMIT leaderChanged(e.kv);
        }
    });
    connect(m_watcher, &Watcher::compacted, this, &ElectionObserver::look);
    connect(m_watcher, &Watcher::failed, this, &ElectionObserver::failed);
}

} // namespace etcd
