// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/bidistream.h"
#include "client/etcderror.h"
#include "client/streamsupervisor.h"
#include "client/threadsink.h"
#include "client/watchtypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <deque>
#include <map>
#include <memory>

namespace etcd::detail {

// Counters for tests, benchmarks and the activity view. Written on the hub's thread, read anywhere.
struct WatchStats
{
    std::atomic<qint64> responses{0};
    std::atomic<qint64> fragments{0};
    std::atomic<qint64> events{0};
    std::atomic<qint64> batches{0};
    std::atomic<qint64> streamsOpened{0};
    std::atomic<qint64> duplicatesDropped{0};
};

// One WatchResponse, converted to Qt types on the gRPC thread.
struct WatchUpdate
{
    qint64 watchId = 0;
    bool created = false;
    bool canceled = false;
    bool fragment = false;
    qint64 compactRevision = 0;
    QString cancelReason;
    ResponseHeader header;
    WatchEvents events;
};

// All watches of one client on ONE bidirectional Watch stream, multiplexed by watch id. Lives on
// the client's core thread; watchers talk to it through queued calls and its signals.
//
// Resume rule: every watch remembers the revision after the last event it was given (or after a
// per-watch progress notification, which etcd sends only when the watch is fully caught up). When
// the stream or its endpoint dies, the hub reconnects (next endpoint, backoff) and re-creates each
// watch from exactly that revision, and drops anything older than it: no event lost, none twice.
class WatchHub : public QObject
{
    Q_OBJECT
public:
    explicit WatchHub(std::shared_ptr<Connection> conn, QObject *parent = nullptr);
    ~WatchHub() override;

    // Call on the hub's thread.
    void addWatch(quint64 id, const etcd::WatchOptions &options);
    void removeWatch(quint64 id);
    void shutdown();
    const WatchStats &stats() const { return m_stats; }

Q_SIGNALS:
    void created(quint64 id, qint64 revision);
    void events(quint64 id, const etcd::WatchEvents &events);
    void progress(quint64 id, qint64 revision);
    void compacted(quint64 id, qint64 compactRevision);
    void failed(quint64 id, const etcd::EtcdError &error);
    void streamConnected(const QString &endpoint);
    void streamLost(const etcd::EtcdError &error);

private:
    using Stream = BidiStream<etcdserverpb::WatchRequest, etcdserverpb::WatchResponse>;
    enum class State { Queued, Creating, Active };
    struct Entry
    {
        WatchOptions options;
        qint64 nextRevision = 0; // resume point; 0: "from now", until etcd tells us what now is
        qint64 serverId = -1;
        State state = State::Queued;
        bool announced = false;
        WatchEvents pending;   // converted, waiting for the next batch delivery
        WatchEvents fragments; // parts of one fragmented response
    };

    void openStream();
    void startStream(int generation, int endpoint, const StreamSupervisor::Metadata &metadata);
    void onUpdate(int generation, const WatchUpdate &update);
    void onCreated(const WatchUpdate &update);
    void onStreamDone(int generation, const EtcdError &error);
    void restartStream(bool failover);
    void pumpCreates();
    void sendCancel(qint64 serverId);
    void finishWatch(quint64 id); // deliver what is pending and forget the watch
    void flush();
    void flushOne(quint64 id);
    void checkLiveness();

    std::shared_ptr<Connection> m_conn;
    ThreadSink m_sink;
    WatchStats m_stats;
    std::map<quint64, Entry> m_entries;
    QHash<qint64, quint64> m_byServerId;
    std::deque<quint64> m_createQueue;
    quint64 m_creating = 0;
    bool m_createInFlight = false;

    StreamSupervisor *m_supervisor; // sign-in, generation, failover, backoff
    Stream::Handle m_stream;
    bool m_streamUp = false;      // a response arrived on the current stream
    bool m_failoverOnDone = true; // false when we restart on purpose (fresh token)
    bool m_shutdown = false;

    QTimer m_flushTimer;
    QElapsedTimer m_lastFlush; // the last delivery of batched events (invalid: none yet)
    QTimer m_livenessTimer;
    QElapsedTimer m_lastActivity;
    QElapsedTimer m_probeSent;
    bool m_probeOutstanding = false;
};

} // namespace etcd::detail
