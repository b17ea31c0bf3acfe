// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/bidistream.h"
#include "client/etcderror.h"
#include "client/streamsupervisor.h"
#include "client/threadsink.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

namespace etcd::detail {

// Keeps any number of leases alive over ONE LeaseKeepAlive stream per client, refreshing each at a
// third of its TTL (as etcd's Go client does). A lease is reported lost when etcd says it is gone
// (TTL <= 0) or when no refresh was confirmed before its TTL, counted from the oldest unanswered
// request, ran out. Lives on the client's core thread.
class LeaseKeeper : public QObject
{
    Q_OBJECT
public:
    explicit LeaseKeeper(std::shared_ptr<Connection> conn, QObject *parent = nullptr);
    ~LeaseKeeper() override;

    // Call on the keeper's thread. ttlHint: the granted TTL, used until etcd's first answer.
    void keep(qint64 leaseId, qint64 ttlHintSeconds);
    void release(qint64 leaseId);
    void shutdown();

Q_SIGNALS:
    void refreshed(qint64 leaseId, qint64 ttlSeconds);
    void lost(qint64 leaseId, const etcd::EtcdError &reason);
    void keepAliveSent(qint64 leaseId);

private:
    using Stream = BidiStream<etcdserverpb::LeaseKeepAliveRequest, etcdserverpb::LeaseKeepAliveResponse>;
    struct Kept
    {
        qint64 ttlMs = 0;
        qint64 deadline = 0;          // ms on m_clock when the lease expires at the latest
        qint64 nextSend = 0;          // ms on m_clock
        qint64 oldestUnanswered = -1; // ms on m_clock of the first request since the last answer
    };

    void tick();
    void openStream(int generation, int endpoint, const StreamSupervisor::Metadata &metadata);
    void onResponse(int generation, qint64 id, qint64 ttl);
    void onStreamDone(int generation, const EtcdError &error);
    void declareLost(qint64 id, const EtcdError &reason);
    qint64 now() const { return m_clock.elapsed(); }

    std::shared_ptr<Connection> m_conn;
    ThreadSink m_sink;
    QHash<qint64, Kept> m_leases;
    QElapsedTimer m_clock;
    QTimer m_tick;
    StreamSupervisor *m_supervisor; // sign-in, generation, failover, backoff
    Stream::Handle m_stream;
    bool m_shutdown = false;
};

} // namespace etcd::detail
