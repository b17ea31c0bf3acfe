// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// LocksMirror: lease TTLs, recipes found through the lease monitor, how a reign ended, and the two
// actions (revoke a contender's lease, resign a holder).

#include "state/locks/locksmirror.h"

#include "client/continuation.h"
#include "format/keytext.h"

#include <QDateTime>
#include <QPromise>

namespace etcd {

namespace {

constexpr int kMaxTtlReads = 200; // per round: a recipe with more contenders waits for the next

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

template<typename T> QFuture<EtcdResult<T>> refused(const QString &why)
{
    QPromise<EtcdResult<T>> promise;
    promise.start();
    promise.addResult(EtcdResult<T>(EtcdError::client(ErrorCode::FailedPrecondition, why)));
    promise.finish();
    return promise.future();
}

QString interestOwner(const LocksMirror *mirror)
{
    return QStringLiteral("locks mirror %1").arg(quintptr(mirror), 0, 16);
}

} // namespace

void LocksMirror::setLeaseMonitor(LeaseMonitor *monitor)
{
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    m_monitor = monitor;
    if (!monitor) {
        if (m_looking)
            m_ttlTimer.start();
        return;
    }
    m_ttlTimer.stop(); // the monitor reads the leases; this mirror only says which ones matter
    connect(monitor, &LeaseMonitor::leaseAdded, this, &LocksMirror::onLeaseKeys);
    connect(monitor, &LeaseMonitor::leaseChanged, this, &LocksMirror::onLeaseKeys);
    connect(monitor, &LeaseMonitor::leaseRemoved, this, [this](qint64 lease) { setTtl(lease, 0, 0, nowMs()); });
    updateLeaseInterest();
}

void LocksMirror::setLooking(bool looking)
{
    if (m_looking == looking)
        return;
    m_looking = looking;
    if (looking && !m_monitor) {
        m_ttlTimer.start();
        scheduleTtls(); // countdowns may have run far from the truth while nobody looked
    } else {
        m_ttlTimer.stop();
    }
    updateLeaseInterest();
}

void LocksMirror::setFocus(const QByteArray &name)
{
    if (m_focus == name)
        return;
    m_focus = name;
    updateLeaseInterest();
    if (!ttlsKnown(name))
        scheduleTtls();
}

bool LocksMirror::ttlsKnown(const QByteArray &name) const
{
    const LockRecipe *r = recipe(name);
    if (!r)
        return true;
    for (const LockContender &c : r->contenders)
        if (c.lease != 0 && c.ttl < 0)
            return false;
    return true;
}

QSet<qint64> LocksMirror::leasesInFocus() const
{
    QSet<qint64> leases;
    for (const auto &entry : m_recipes) {
        if (!m_focus.isEmpty() && entry.first != m_focus)
            continue;
        for (const LockContender &c : entry.second.contenders)
            if (c.lease != 0)
                leases.insert(c.lease);
    }
    return leases;
}

void LocksMirror::takeKnownTtl(LockContender &c) const
{
    if (c.lease == 0)
        return;
    if (m_monitor) {
        if (const LeaseInfo *info = m_monitor->lease(c.lease); info && info->ttl >= 0) {
            c.ttl = info->ttl;
            c.grantedTtl = info->grantedTtl;
            c.ttlCheckedAtMs = info->checkedAtMs;
            return;
        }
    }
    // A session's lease is often in several recipes (a worker that locks and campaigns).
    for (const auto &entry : m_recipes)
        for (const LockContender &other : entry.second.contenders)
            if (other.lease == c.lease && other.ttl >= 0) {
                c.ttl = other.ttl;
                c.grantedTtl = other.grantedTtl;
                c.ttlCheckedAtMs = other.ttlCheckedAtMs;
                return;
            }
}

void LocksMirror::scheduleTtls()
{
    if (!m_ttlSoon.isActive())
        m_ttlSoon.start();
}

void LocksMirror::updateLeaseInterest()
{
    if (m_monitor)
        m_monitor->setInterest(interestOwner(this), m_looking ? leasesInFocus() : QSet<qint64>());
}

void LocksMirror::pollTtls()
{
    if (!m_client)
        return;
    if (m_monitor) { // what the monitor knows now; it reads the leases of interest first
        updateLeaseInterest();
        for (qint64 lease : leasesInFocus())
            if (const LeaseInfo *info = m_monitor->lease(lease); info && info->ttl >= 0)
                setTtl(lease, info->ttl, info->grantedTtl, info->checkedAtMs);
        return;
    }
    if (!m_looking)
        return; // nobody looks: ask nothing, the countdowns go on from the last answers
    const int generation = ++m_ttlGeneration;
    int asked = 0;
    for (qint64 lease : leasesInFocus()) {
        if (++asked > kMaxTtlReads)
            break;
        whenFinished(m_client->lease().timeToLive(lease), this,
                     [this, lease, generation](const EtcdResult<LeaseTimeToLive> &r) {
                         if (generation == m_ttlGeneration && r.ok())
                             setTtl(lease, r->ttl, r->grantedTtl, nowMs());
                     });
    }
}

void LocksMirror::setTtl(qint64 lease, qint64 ttl, qint64 grantedTtl, qint64 checkedAtMs)
{
    for (auto &entry : m_recipes) {
        for (LockContender &c : entry.second.contenders) {
            if (c.lease != lease)
                continue;
            const qint64 left = std::max<qint64>(0, ttl); // -1 from etcd: the lease is gone
            const bool changed = c.ttl != left || c.grantedTtl != grantedTtl;
            c.ttl = left;
            c.grantedTtl = grantedTtl;
            c.ttlCheckedAtMs = checkedAtMs;
            if (changed)
                Q_EMIT contenderChanged(entry.first, c.key);
        }
    }
}

void LocksMirror::onLeaseKeys(qint64 lease)
{
    const LeaseInfo *info = m_monitor ? m_monitor->lease(lease) : nullptr;
    if (!info)
        return;
    if (info->ttl >= 0)
        setTtl(lease, info->ttl, info->grantedTtl, info->checkedAtMs);
    if (m_scans == 0)
        return; // nobody opened the view: follow nothing
    for (const QByteArray &key : info->keys) {
        if (!key.startsWith(m_options.scope) || !lockrecipe::isSessionKey(key, lease))
            continue;
        const QByteArray name = lockrecipe::nameOf(key);
        if (m_recipes.find(name) == m_recipes.end())
            track(name, false, false); // a new recipe, found without a request of our own
    }
}

void LocksMirror::judgeEnd(quint64 serial, const QByteArray &key, qint64 lease)
{
    if (auto own = m_ownActions.find(key); own != m_ownActions.end())
        return endReign(serial, own->second);
    if (lease == 0)
        return endReign(serial, ReignEnd::KeyDeleted);
    // A delete event looks the same whoever deleted: the lease tells an unlock or resign (the
    // lease lives on) from an expiry or a revoke (the key went with its lease).
    endReign(serial, ReignEnd::Checking);
    if (!m_client)
        return;
    whenFinished(m_client->lease().timeToLive(lease), this, [this, serial](const EtcdResult<LeaseTimeToLive> &r) {
        if (!r.ok())
            return endReign(serial, ReignEnd::Gone);
        endReign(serial, r->ttl < 0 ? ReignEnd::LeaseEnded : ReignEnd::KeyDeleted);
    });
}

QFuture<EtcdResult<LeaseTimeToLive>> LocksMirror::leaseKeys(qint64 lease) const
{
    if (!m_client)
        return refused<LeaseTimeToLive>(tr("not connected"));
    return m_client->lease().timeToLive(lease, true);
}

QFuture<EtcdResult<ResponseHeader>> LocksMirror::revoke(const QByteArray &name, const QByteArray &key,
                                                        qint64 expectedLease)
{
    const LockRecipe *r = recipe(name);
    const LockContender *c = r ? r->contender(key) : nullptr;
    if (!m_client)
        return refused<ResponseHeader>(tr("not connected"));
    if (!c || c->lease == 0)
        return refused<ResponseHeader>(tr("%1 is not a contender with a lease any more").arg(quotedKey(key)));
    if (expectedLease != 0 && c->lease != expectedLease)
        return refused<ResponseHeader>(
            tr("%1 moved to another lease meanwhile; nothing was revoked").arg(quotedKey(key)));
    const qint64 lease = c->lease;
    // Noted before sending: the watch may report the deletes before the answer arrives.
    for (const auto &entry : m_recipes)
        for (const LockContender &other : entry.second.contenders)
            if (other.lease == lease)
                m_ownActions[other.key] = ReignEnd::RevokedHere;
    auto future = m_client->lease().revoke(lease);
    whenFinished(future, this, [this, lease](const EtcdResult<ResponseHeader> &done) {
        if (done.ok())
            return;
        for (const auto &entry : m_recipes)
            for (const LockContender &other : entry.second.contenders)
                if (other.lease == lease)
                    m_ownActions.erase(other.key);
    });
    return future;
}

QFuture<EtcdResult<TxnResult>> LocksMirror::resign(const QByteArray &name, const QByteArray &key,
                                                   qint64 expectedRevision)
{
    const LockRecipe *r = recipe(name);
    const LockContender *c = r ? r->contender(key) : nullptr;
    if (!m_client)
        return refused<TxnResult>(tr("not connected"));
    if (!c)
        return refused<TxnResult>(tr("%1 is not a contender any more").arg(quotedKey(key)));
    TxnSpec txn;
    txn.compares << Compare::createRevision(key, Compare::Equal,
                                            expectedRevision != 0 ? expectedRevision : c->createRevision);
    txn.success << TxnOp::deleteRange(DeleteOptions::single(key));
    m_ownActions[key] = ReignEnd::ResignedHere;
    auto future = m_client->kv().txn(txn);
    whenFinished(future, this, [this, key](const EtcdResult<TxnResult> &done) {
        if (!done.ok() || !done->succeeded)
            m_ownActions.erase(key);
    });
    return future;
}

} // namespace etcd
