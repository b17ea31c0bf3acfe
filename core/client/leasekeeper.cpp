// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/leasekeeper.h"

#include "client/streamsupervisor.h"

#include <algorithm>

namespace etcd::detail {

namespace {
constexpr qint64 kResendMs = 500; // unanswered keepalives are repeated at most this often
constexpr int kTickMs = 50;
} // namespace

LeaseKeeper::LeaseKeeper(std::shared_ptr<Connection> conn, QObject *parent)
    : QObject(parent), m_conn(std::move(conn)), m_sink(this), m_supervisor(new StreamSupervisor(m_conn, m_sink, this))
{
    m_clock.start();
    m_tick.setParent(this); // moves with the keeper to its core thread
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &LeaseKeeper::tick);
    m_supervisor->setCallbacks([this](int generation, int endpoint,
                                      const StreamSupervisor::Metadata &metadata) { openStream(generation, endpoint, metadata); },
                               [this](int generation, const EtcdError &error) { onStreamDone(generation, error); },
                               [this] { tick(); });
}

LeaseKeeper::~LeaseKeeper()
{
    shutdown();
}

void LeaseKeeper::keep(qint64 leaseId, qint64 ttlHintSeconds)
{
    if (m_shutdown)
        return;
    Kept k;
    k.ttlMs = std::max<qint64>(1, ttlHintSeconds) * 1000;
    k.deadline = now() + k.ttlMs;
    k.nextSend = now(); // confirm at once: also tells us quickly if the lease does not exist
    m_leases.insert(leaseId, k);
    if (!m_tick.isActive())
        m_tick.start();
    tick();
}

void LeaseKeeper::release(qint64 leaseId)
{
    m_leases.remove(leaseId);
}

void LeaseKeeper::shutdown()
{
    if (m_shutdown)
        return;
    m_shutdown = true;
    m_tick.stop();
    m_supervisor->stop();
    m_sink.detach();
    m_stream.cancel();
    m_leases.clear();
}

void LeaseKeeper::tick()
{
    if (m_shutdown)
        return;
    const qint64 t = now();
    // First the leases whose time is up: they are lost whatever the stream does now.
    const QList<qint64> ids = m_leases.keys();
    for (qint64 id : ids) {
        const Kept &k = m_leases.value(id);
        if (t >= k.deadline)
            declareLost(id, EtcdError::client(ErrorCode::DeadlineExceeded,
                                              QStringLiteral("lease %1 could not be kept alive: no keepalive answer "
                                                             "before its TTL ran out")
                                                  .arg(id, 0, 16)));
    }
    if (m_leases.isEmpty()) {
        m_tick.stop();
        return;
    }
    if (!m_stream.isOpen()) {
        if (!m_supervisor->isSigningIn() && !m_supervisor->isWaitingToReopen())
            m_supervisor->open(); // signs in first when needed, then openStream()
        return;
    }
    for (auto it = m_leases.begin(); it != m_leases.end(); ++it) {
        Kept &k = it.value();
        if (t < k.nextSend)
            continue;
        etcdserverpb::LeaseKeepAliveRequest req;
        req.set_id(it.key());
        if (!m_stream.write(req))
            return;
        if (k.oldestUnanswered < 0)
            k.oldestUnanswered = t;
        k.nextSend = t + std::min(kResendMs, std::max<qint64>(k.ttlMs / 3, kTickMs));
        Q_EMIT keepAliveSent(it.key());
    }
}

void LeaseKeeper::openStream(int generation, int endpoint, const StreamSupervisor::Metadata &metadata)
{
    const QString address = m_conn->endpointAddress(endpoint);
    ThreadSink sink = m_sink;
    m_stream = Stream::open(
        m_conn, endpoint, metadata,
        [](Endpoint &ep, grpc::ClientContext *ctx,
           grpc::ClientBidiReactor<etcdserverpb::LeaseKeepAliveRequest, etcdserverpb::LeaseKeepAliveResponse> *r) {
            ep.lease->async()->LeaseKeepAlive(ctx, r);
        },
        [this, sink, generation](etcdserverpb::LeaseKeepAliveResponse &&r) {
            sink.post([this, generation, id = r.id(), ttl = r.ttl()] { onResponse(generation, id, ttl); });
        },
        [this, sink, generation, address](const grpc::Status &status) {
            const EtcdError error = EtcdError::fromStatus(status, address);
            sink.post([this, generation, error] { onStreamDone(generation, error); });
        });
    // Everything not yet confirmed on this stream is sent now.
    const qint64 t = now();
    for (Kept &k : m_leases)
        k.nextSend = std::min(k.nextSend, t);
}

void LeaseKeeper::onResponse(int generation, qint64 id, qint64 ttl)
{
    if (!m_supervisor->isCurrent(generation) || m_shutdown)
        return;
    m_supervisor->streamAnswered();
    auto it = m_leases.find(id);
    if (it == m_leases.end())
        return;
    if (ttl <= 0) {
        declareLost(id,
                    EtcdError(ErrorCode::NotFound, QStringLiteral("lease %1 has expired or was revoked").arg(id, 0, 16),
                              m_conn->endpointAddress(m_supervisor->endpoint())));
        return;
    }
    Kept &k = it.value();
    const qint64 t = now();
    k.ttlMs = ttl * 1000;
    // etcd renewed the lease when it handled a request sent at or after oldestUnanswered.
    k.deadline = (k.oldestUnanswered >= 0 ? k.oldestUnanswered : t) + k.ttlMs;
    k.oldestUnanswered = -1;
    k.nextSend = t + k.ttlMs / 3;
    Q_EMIT refreshed(id, ttl);
}

void LeaseKeeper::onStreamDone(int generation, const EtcdError &error)
{
    if (!m_supervisor->isCurrent(generation) || m_shutdown)
        return;
    m_stream = Stream::Handle();
    // Straight to the next endpoint, then the client's stream backoff; deadlines keep counting
    // meanwhile, so the pause never eats more than a quarter of the time the most pressed lease has
    // left (members answer "no leader" through an election, and the lease must be refreshed soon after).
    const qint64 t = now();
    qint64 limit = -1;
    for (const Kept &k : std::as_const(m_leases)) {
        const qint64 quarter = std::max<qint64>((k.deadline - t) / 4, 50);
        limit = limit < 0 ? quarter : std::min(limit, quarter);
    }
    m_supervisor->ended(error, true, false, limit);
}

void LeaseKeeper::declareLost(qint64 id, const EtcdError &reason)
{
    if (m_leases.remove(id) > 0)
        Q_EMIT lost(id, reason);
}

} // namespace etcd::detail
