// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "recipes/contender.h"

#include "recipes/deletewaiter.h"
#include "recipes/recipeutil.h"

#include <QFutureWatcher>

namespace etcd::recipe {

Contender::Contender(Session *session, const QByteArray &name, QObject *parent)
    : QObject(parent), m_session(session), m_name(name), m_prefix(name + '/')
{
    connect(session, &Session::lost, this, [this](const EtcdError &reason) {
        const bool mattered = m_holds || m_pending;
        m_holds = false;
        fail(reason);
        if (mattered)
            Q_EMIT lost(reason);
    });
}

Contender::Promise Contender::beginAttempt(const QString &what)
{
    auto promise = newPromise<EtcdStatus>();
    if (!m_session || !m_session->isAlive()) {
        fulfil(promise, EtcdError::client(ErrorCode::FailedPrecondition,
                                          QStringLiteral("%1: the session is not open").arg(what)));
        return promise;
    }
    fail(EtcdError::client(ErrorCode::Cancelled, QStringLiteral("%1: superseded by a new attempt").arg(what)));
    m_pending = promise;
    m_key = sessionKey(m_prefix, m_session->leaseId());

    // Cancelling the returned future gives up the wait and our place among the contenders.
    auto *watcher = new QFutureWatcher<EtcdStatus>(this);
    connect(watcher, &QFutureWatcherBase::canceled, this, [this, promise, what] {
        if (!isCurrent(promise))
            return;
        fail(EtcdError::client(ErrorCode::Cancelled, QStringLiteral("%1 cancelled").arg(what)));
        withdraw();
    });
    connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(promise->future());
    return promise;
}

void Contender::waitForOlder(const Promise &p, bool knownOldest)
{
    Q_EMIT registered(m_key, m_revision);
    if (knownOldest)
        return win(p);
    m_waiter = new DeleteWaiter(client(), m_prefix, m_revision - 1, this);
    connect(m_waiter, &DeleteWaiter::done, this, [this, p] {
        m_waiter->deleteLater();
        m_waiter = nullptr;
        win(p);
    });
    connect(m_waiter, &DeleteWaiter::failed, this, [this](const EtcdError &error) {
        fail(error);
        withdraw(); // never leave a key behind that would block every contender after us
    });
    m_waiter->start();
}

void Contender::win(const Promise &p)
{
    if (!isCurrent(p))
        return;
    m_holds = true;
    m_pending.reset();
    fulfil(p, Done{});
    Q_EMIT won();
}

void Contender::fail(const EtcdError &error)
{
    if (m_waiter) {
        m_waiter->cancel();
        m_waiter->deleteLater();
        m_waiter = nullptr;
    }
    if (m_pending) {
        fulfil(m_pending, error);
        m_pending.reset();
    }
}

void Contender::forget()
{
    m_holds = false;
    m_key.clear();
    m_revision = -1;
}

} // namespace etcd::recipe
