// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "recipes/deletewaiter.h"
#include "client/continuation.h"

namespace etcd::recipe {

RangeOptions firstCreated(const QByteArray &prefix)
{
    RangeOptions o = RangeOptions::prefix(prefix);
    o.sortTarget = SortTarget::Create;
    o.sortOrder = SortOrder::Ascend;
    o.limit = 1;
    return o;
}

RangeOptions lastCreated(const QByteArray &prefix, qint64 maxCreateRevision)
{
    RangeOptions o = RangeOptions::prefix(prefix);
    o.sortTarget = SortTarget::Create;
    o.sortOrder = SortOrder::Descend;
    o.limit = 1;
    o.maxCreateRevision = maxCreateRevision;
    return o;
}

QByteArray sessionKey(const QByteArray &prefix, qint64 leaseId)
{
    return prefix + QByteArray::number(leaseId, 16);
}

DeleteWaiter::DeleteWaiter(EtcdClient *client, const QByteArray &prefix, qint64 maxCreateRevision, QObject *parent)
    : QObject(parent), m_client(client), m_prefix(prefix), m_maxCreateRevision(maxCreateRevision)
{}

void DeleteWaiter::start()
{
    check();
}

void DeleteWaiter::cancel()
{
    m_cancelled = true;
    clearWatch();
}

void DeleteWaiter::clearWatch()
{
    if (m_watcher) {
        m_watcher->cancel();
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
}

void DeleteWaiter::check()
{
    if (m_cancelled || !m_client)
        return;
    whenFinished(
        m_client->kv().range(lastCreated(m_prefix, m_maxCreateRevision)), this, [this](EtcdResult<RangeResult> r) {
            if (m_cancelled)
                return;
            if (!r.ok())
                return Q_EMIT failed(r.error());
            if (r->kvs.isEmpty())
                return Q_EMIT done(r->header);
            // Watch the newest earlier key from the revision we saw it at; its deletion (or a
            // compaction of that history) means: look again.
            clearWatch();
            m_watcher = m_client->watch(WatchOptions::single(r->kvs.constFirst().key, r->header.revision), this);
            connect(m_watcher, &Watcher::events, this, [this](const WatchEvents &events) {
                for (const WatchEvent &e : events) {
                    if (e.type == WatchEvent::Delete) {
                        clearWatch();
                        return check();
                    }
                }
            });
            connect(m_watcher, &Watcher::compacted, this, [this] {
                clearWatch();
                check();
            });
            connect(m_watcher, &Watcher::failed, this, [this](const EtcdError &error) {
                clearWatch();
                Q_EMIT failed(error);
            });
        });
}

} // namespace etcd::recipe
