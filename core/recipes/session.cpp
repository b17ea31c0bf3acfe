// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "recipes/session.h"
#include "client/continuation.h"

#include "recipes/recipeutil.h"

namespace etcd {

Session::Session(EtcdClient *client, qint64 ttlSeconds, QObject *parent)
    : QObject(parent), m_client(client), m_ttl(ttlSeconds)
{}

Session::~Session() = default;

QFuture<EtcdStatus> Session::open(qint64 existingLease)
{
    auto promise = recipe::newPromise<EtcdStatus>();
    if (existingLease != 0) {
        m_leaseId = existingLease;
        startKeepAlive();
        recipe::fulfil(promise, Done{});
        return promise->future();
    }
    whenFinished(m_client->lease().grant(m_ttl), this, [this, promise](EtcdResult<LeaseGrant> r) {
        if (!r.ok())
            return recipe::fulfil(promise, r.error());
        m_leaseId = r->id;
        m_ttl = r->ttl;
        startKeepAlive();
        recipe::fulfil(promise, Done{});
    });
    return promise->future();
}

void Session::startKeepAlive()
{
    m_alive = true;
    m_keepAlive = m_client->keepAlive(m_leaseId, m_ttl, this);
    connect(m_keepAlive, &KeepAlive::refreshed, this, &Session::keptAlive);
    connect(m_keepAlive, &KeepAlive::lost, this, [this](const EtcdError &reason) {
        m_alive = false;
        Q_EMIT lost(reason);
    });
    Q_EMIT opened(m_leaseId);
}

QFuture<EtcdStatus> Session::close()
{
    auto promise = recipe::newPromise<EtcdStatus>();
    if (m_keepAlive) {
        m_keepAlive->stop();
        m_keepAlive->deleteLater();
        m_keepAlive = nullptr;
    }
    if (m_leaseId == 0 || !m_alive) {
        m_alive = false;
        recipe::fulfil(promise, Done{});
        return promise->future();
    }
    m_alive = false;
    whenFinished(m_client->lease().revoke(m_leaseId), this, [promise](EtcdResult<ResponseHeader> r) {
        // A lease that is already gone is closed as far as anyone can tell.
        if (!r.ok() && !r.error().isLeaseNotFound())
            return recipe::fulfil(promise, r.error());
        recipe::fulfil(promise, Done{});
    });
    return promise->future();
}

} // namespace etcd
