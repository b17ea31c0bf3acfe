#include "client/continuation.h"
#include "recipes/election.h"

#include "recipes/deletewaiter.h"
#include "recipes/recipeutil.h"

#include <QFutureWatcher>

namespace etcd {

using recipe::firstCreated;

Election::Election(Session *session, const QByteArray &name, QObject *parent)
    : QObject(parent), m_session(session), m_name(name), m_prefix(name + '/')
{
    connect(session, &Session::lost, this, [this](const EtcdError &reason) {
        const bool mattered = m_leader || m_pending;
        m_leader = false;
        fail(reason);
        if (mattered)
            Q_EMIT lost(reason);
    });
}

QFuture<EtcdStatus> Election::campaign(const QByteArray &value)
{
    auto promise = recipe::newPromise<EtcdStatus>();
    if (!m_session || !m_session->isAlive()) {
        recipe::fulfil(promise, EtcdError::client(ErrorCode::FailedPrecondition,
                                                  QStringLiteral("campaign: the session is not open")));
        return promise->future();
    }
    m_pending = promise;
    EtcdClient *client = m_session->client();
    const qint64 lease = m_session->leaseId();
    m_key = recipe::sessionKey(m_prefix, lease);

    auto *watcher = new QFutureWatcher<EtcdStatus>(this);
    connect(watcher, &QFutureWatcher<EtcdStatus>::canceled, this, [this, promise] {
        if (m_pending == promise) {
            fail(EtcdError::client(ErrorCode::Cancelled, QStringLiteral("campaign cancelled")));
            resign();
        }
    });
    connect(watcher, &QFutureWatcher<EtcdStatus>::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(promise->future());

    PutOptions put;
    put.lease = lease;
    TxnSpec txn;
    txn.compares << Compare::createRevision(m_key, Compare::Equal, 0);
    txn.success << TxnOp::putKey(m_key, value, put);
    txn.failure << TxnOp::get(RangeOptions::single(m_key));
    whenFinished(client->kv().txn(txn), this, [this, promise, client, value](EtcdResult<TxnResult> r) {
        if (m_pending != promise)
            return;
        if (!r.ok())
            return fail(r.error());
        m_revision = r->header.revision;
        auto waitForOlder = [this, promise, client] {
            Q_EMIT registered(m_key, m_revision);
            m_waiter = new recipe::DeleteWaiter(client, m_prefix, m_revision - 1, this);
            connect(m_waiter, &recipe::DeleteWaiter::done, this, [this, promise] {
                m_waiter->deleteLater();
                m_waiter = nullptr;
                if (m_pending != promise)
                    return;
                m_leader = true;
                recipe::fulfil(promise, Done{});
                m_pending.reset();
                Q_EMIT elected();
            });
            connect(m_waiter, &recipe::DeleteWaiter::failed, this, [this](const EtcdError &error) {
                fail(error);
                resign();
            });
            m_waiter->start();
        };
        if (r->succeeded || r->responses.at(0).range.kvs.isEmpty())
            return waitForOlder();
        // We were already a candidate with this lease: keep our place, update the value.
        const KeyValue &mine = r->responses.at(0).range.kvs.constFirst();
        m_revision = mine.createRevision;
        if (mine.value == value)
            return waitForOlder();
        whenFinished(proclaim(value), this, [this, promise, waitForOlder](EtcdStatus s) {
            if (m_pending != promise)
                return;
            if (!s.ok()) {
                fail(s.error());
                resign();
                return;
            }
            waitForOlder();
        });
    });
    return promise->future();
}

void Election::fail(const EtcdError &error)
{
    if (m_waiter) {
        m_waiter->cancel();
        m_waiter->deleteLater();
        m_waiter = nullptr;
    }
    if (m_pending) {
        recipe::fulfil(m_pending, error);
        m_pending.reset();
    }
}

QFuture<EtcdStatus> Election::proclaim(const QByteArray &value)
{
    auto promise = recipe::newPromise<EtcdStatus>();
    if (!m_session || m_key.isEmpty()) {
        recipe::fulfil(promise, EtcdError::client(ErrorCode::FailedPrecondition, QStringLiteral("election: not leader")));
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
            m_leader = false;
            return recipe::fulfil(promise, EtcdError::client(ErrorCode::FailedPrecondition,
                                                             QStringLiteral("election: not leader")));
        }
        recipe::fulfil(promise, Done{});
    });
    return promise->future();
}

QFuture<EtcdStatus> Election::resign()
{
    auto promise = recipe::newPromise<EtcdStatus>();
    m_leader = false;
    if (!m_session || !m_session->client() || m_key.isEmpty()) {
        recipe::fulfil(promise, Done{});
        return promise->future();
    }
    TxnSpec txn;
    txn.compares << leaderCompare();
    txn.success << TxnOp::deleteRange(DeleteOptions::single(m_key));
    m_key.clear();
    m_revision = -1;
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
            return recipe::fulfil(promise, EtcdError::client(ErrorCode::NotFound, QStringLiteral("election: no leader")));
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
