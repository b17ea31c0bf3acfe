#include "client/continuation.h"
#include "recipes/mutex.h"

#include "recipes/deletewaiter.h"
#include "recipes/recipeutil.h"

#include <QFutureWatcher>

namespace etcd {

using recipe::firstCreated;

Mutex::Mutex(Session *session, const QByteArray &name, QObject *parent)
    : QObject(parent), m_session(session), m_prefix(name + '/')
{
    connect(session, &Session::lost, this, [this](const EtcdError &reason) {
        const bool mattered = m_locked || m_pending;
        m_locked = false;
        fail(reason);
        if (mattered)
            Q_EMIT lost(reason);
    });
}

QFuture<EtcdStatus> Mutex::lock()
{
    auto promise = recipe::newPromise<EtcdStatus>();
    if (!m_session || !m_session->isAlive()) {
        recipe::fulfil(promise, EtcdError::client(ErrorCode::FailedPrecondition, QStringLiteral("lock: the session is not open")));
        return promise->future();
    }
    m_pending = promise;
    EtcdClient *client = m_session->client();
    const qint64 lease = m_session->leaseId();
    m_key = recipe::sessionKey(m_prefix, lease);

    // Cancelling the returned future gives up the wait and our place in the queue.
    auto *watcher = new QFutureWatcher<EtcdStatus>(this);
    connect(watcher, &QFutureWatcher<EtcdStatus>::canceled, this, [this, promise] {
        if (m_pending == promise) {
            fail(EtcdError::client(ErrorCode::Cancelled, QStringLiteral("lock cancelled")));
            unlock();
        }
    });
    connect(watcher, &QFutureWatcher<EtcdStatus>::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(promise->future());

    PutOptions put;
    put.lease = lease;
    TxnSpec txn;
    txn.compares << Compare::createRevision(m_key, Compare::Equal, 0);
    txn.success << TxnOp::putKey(m_key, {}, put) << TxnOp::get(firstCreated(m_prefix));
    txn.failure << TxnOp::get(RangeOptions::single(m_key)) << TxnOp::get(firstCreated(m_prefix));
    whenFinished(client->kv().txn(txn), this, [this, promise, client](EtcdResult<TxnResult> r) {
        if (m_pending != promise)
            return;
        if (!r.ok())
            return fail(r.error());
        m_revision = r->header.revision;
        if (!r->succeeded && !r->responses.at(0).range.kvs.isEmpty())
            m_revision = r->responses.at(0).range.kvs.constFirst().createRevision;
        Q_EMIT registered(m_key, m_revision);
        const QVector<KeyValue> &owner = r->responses.at(1).range.kvs;
        if (owner.isEmpty() || owner.constFirst().createRevision == m_revision) {
            m_locked = true;
            recipe::fulfil(promise, Done{});
            m_pending.reset();
            Q_EMIT acquired();
            return;
        }
        // Someone older holds it: wait until every older contender is gone.
        m_waiter = new recipe::DeleteWaiter(client, m_prefix, m_revision - 1, this);
        connect(m_waiter, &recipe::DeleteWaiter::done, this, [this, promise] {
            m_waiter->deleteLater();
            m_waiter = nullptr;
            if (m_pending != promise)
                return;
            m_locked = true;
            recipe::fulfil(promise, Done{});
            m_pending.reset();
            Q_EMIT acquired();
        });
        connect(m_waiter, &recipe::DeleteWaiter::failed, this, [this](const EtcdError &error) {
            fail(error);
            unlock(); // do not leave a key behind that would block everyone after us
        });
        m_waiter->start();
    });
    return promise->future();
}

void Mutex::fail(const EtcdError &error)
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

QFuture<EtcdStatus> Mutex::unlock()
{
    auto promise = recipe::newPromise<EtcdStatus>();
    m_locked = false;
    if (m_key.isEmpty() || !m_session || !m_session->client()) {
        recipe::fulfil(promise, Done{});
        return promise->future();
    }
    const QByteArray key = m_key;
    m_key.clear();
    m_revision = -1;
    whenFinished(m_session->client()->kv().deleteRange(DeleteOptions::single(key)), this, [promise](EtcdResult<DeleteResult> r) {
        if (!r.ok())
            return recipe::fulfil(promise, r.error());
        recipe::fulfil(promise, Done{});
    });
    return promise->future();
}

} // namespace etcd
