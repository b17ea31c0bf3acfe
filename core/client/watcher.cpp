// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/watcher.h"

#include "client/watchhub.h"

namespace etcd {

Watcher::Watcher(detail::WatchHub *hub, quint64 id, const WatchOptions &options, QObject *parent)
    : QObject(parent), m_hub(hub), m_id(id), m_options(options)
{
    using detail::WatchHub;
    // The hub broadcasts to every watcher of its client; each keeps what carries its id.
    connect(hub, &WatchHub::created, this, [this](quint64 watchId, qint64 revision) {
        if (watchId == m_id)
            Q_EMIT created(revision);
    });
    connect(hub, &WatchHub::events, this, [this](quint64 watchId, const WatchEvents &batch) {
        if (watchId != m_id || !m_active || batch.isEmpty())
            return;
        m_lastRevision = batch.constLast().revision();
        Q_EMIT events(batch);
    });
    connect(hub, &WatchHub::progress, this, [this](quint64 watchId, qint64 revision) {
        if (watchId != m_id || !m_active)
            return;
        m_lastRevision = std::max(m_lastRevision, revision);
        Q_EMIT progress(revision);
    });
    connect(hub, &WatchHub::compacted, this, [this](quint64 watchId, qint64 compactRevision) {
        if (watchId != m_id || !m_active)
            return;
        m_active = false;
        Q_EMIT compacted(compactRevision);
    });
    connect(hub, &WatchHub::failed, this, [this](quint64 watchId, const EtcdError &error) {
        if (watchId != m_id || !m_active)
            return;
        m_active = false;
        Q_EMIT failed(error);
    });
}

Watcher::~Watcher()
{
    cancel();
}

void Watcher::cancel()
{
    if (!m_active)
        return;
    m_active = false;
    if (m_hub) {
        detail::WatchHub *hub = m_hub.data();
        const quint64 id = m_id;
        QMetaObject::invokeMethod(
            hub, [hub, id] { hub->removeWatch(id); }, Qt::QueuedConnection);
    }
}

} // namespace etcd
