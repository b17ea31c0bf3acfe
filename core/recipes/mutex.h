#pragma once

#include "client/txn.h"
#include "recipes/session.h"

#include <QFuture>
#include <QObject>
#include <QPointer>

namespace etcd {

namespace recipe {
class DeleteWaiter;
}

// A distributed lock with the key layout of Go's concurrency.Mutex, so it contends with
// `etcdctl lock NAME` and with every Go program using that package: each contender writes
// NAME/<lease hex> and the oldest key holds the lock.
class Mutex : public QObject
{
    Q_OBJECT
public:
    Mutex(Session *session, const QByteArray &name, QObject *parent = nullptr);

    // Completes when the lock is held. Cancelling the future gives up and removes our key.
    QFuture<EtcdStatus> lock();
    QFuture<EtcdStatus> unlock();

    bool isLocked() const { return m_locked; }
    QByteArray key() const { return m_key; }
    // Create revision of our key: a fencing token that grows with every new holder.
    qint64 revision() const { return m_revision; }
    // Guard for a transaction that must only apply while we hold the lock.
    Compare ownerCompare() const { return Compare::createRevision(m_key, Compare::Equal, m_revision); }

Q_SIGNALS:
    // Our key is in the queue; we now wait for every older holder to go.
    void registered(const QByteArray &key, qint64 revision);
    void acquired();
    // The session's lease was lost while we held or wanted the lock.
    void lost(const etcd::EtcdError &reason);

private:
    void fail(const EtcdError &error);

    QPointer<Session> m_session;
    QByteArray m_prefix;
    QByteArray m_key;
    qint64 m_revision = -1;
    bool m_locked = false;
    recipe::DeleteWaiter *m_waiter = nullptr;
    std::shared_ptr<QPromise<EtcdStatus>> m_pending;
};

} // namespace etcd
