// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/txn.h"
#include "recipes/session.h"

#include <QFuture>
#include <QObject>
#include <QPointer>

#include <memory>

namespace etcd::recipe {

class DeleteWaiter;

// What Mutex and Election share, as in Go's concurrency package: a key NAME/<lease hex> held with
// the session's lease, a place among the contenders by create revision, waiting until every older
// contender is gone, and losing everything when the session's lease goes.
class Contender : public QObject
{
    Q_OBJECT
public:
    bool holds() const { return m_holds; }
    QByteArray name() const { return m_name; }
    QByteArray key() const { return m_key; }
    // Create revision of our key: a fencing token that grows with every new holder.
    qint64 revision() const { return m_revision; }
    // Guard for a transaction that must only apply while we hold the key.
    Compare holderCompare() const { return Compare::createRevision(m_key, Compare::Equal, m_revision); }

Q_SIGNALS:
    // Our key is in place; we now wait for every older contender to go.
    void registered(const QByteArray &key, qint64 revision);
    void won();
    // The session's lease was lost while we held or wanted the key.
    void lost(const etcd::EtcdError &reason);

protected:
    Contender(Session *session, const QByteArray &name, QObject *parent);

    using Promise = std::shared_ptr<QPromise<EtcdStatus>>;
    // Start an attempt named `what` ("lock", "campaign"). The promise is already failed when the
    // session is not open; cancelling its future withdraws us (see withdraw()).
    Promise beginAttempt(const QString &what);
    bool isCurrent(const Promise &p) const { return p && m_pending == p; }
    // Our key stands at m_revision: wait until no older contender is left, then we hold it.
    // knownOldest: the caller already knows no older key exists (saves a round trip).
    void waitForOlder(const Promise &p, bool knownOldest = false);
    // End the current attempt with an error (and stop waiting).
    void fail(const EtcdError &error);
    // Remove our key (unlock / resign); called when an attempt is cancelled or its wait failed.
    virtual void withdraw() = 0;

    EtcdClient *client() const { return m_session ? m_session->client() : nullptr; }
    qint64 leaseId() const { return m_session ? m_session->leaseId() : 0; }
    void forget(); // after we removed our key

    QPointer<Session> m_session;
    QByteArray m_name;
    QByteArray m_prefix; // name + "/"
    QByteArray m_key;
    qint64 m_revision = -1;
    bool m_holds = false;

private:
    void win(const Promise &p);

    DeleteWaiter *m_waiter = nullptr;
    Promise m_pending;
};

} // namespace etcd::recipe
