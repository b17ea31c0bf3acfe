// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcderror.h"
#include "client/watchtypes.h"

#include <QObject>
#include <QPointer>

namespace etcd {

namespace detail {
class WatchHub;
}

// One watch, as seen by its owner. Create with EtcdClient::watch(); destroying it cancels the watch.
// Signals arrive on the thread the Watcher lives on, in order: created, then events in batches
// (and progress), and at most one of compacted/failed, after which the watch is over.
class Watcher : public QObject
{
    Q_OBJECT
public:
    ~Watcher() override;

    quint64 id() const { return m_id; }
    const WatchOptions &options() const { return m_options; }
    bool isActive() const { return m_active; }
    // The revision of the newest event or progress notification delivered so far.
    qint64 lastRevision() const { return m_lastRevision; }
    void cancel();

Q_SIGNALS:
    void created(qint64 revision);
    void events(const etcd::WatchEvents &events);
    void progress(qint64 revision);
    // The start revision (or the resume point after a reconnect) has been compacted: the watch is
    // over and the owner should list again and start a new watch.
    void compacted(qint64 compactRevision);
    // etcd refused or cancelled the watch (e.g. permission denied). The watch is over.
    void failed(const etcd::EtcdError &error);

private:
    friend class EtcdClient;
    Watcher(detail::WatchHub *hub, quint64 id, const WatchOptions &options, QObject *parent);

    QPointer<detail::WatchHub> m_hub;
    quint64 m_id;
    WatchOptions m_options;
    qint64 m_lastRevision = 0;
    bool m_active = true;
};

} // namespace etcd
