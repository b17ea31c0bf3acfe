// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/watchhub.h"

#include <limits>

#include "client/accessrefusal.h"
#include "client/convert.h"
#include "client/streamsupervisor.h"

namespace etcd::detail {

namespace {

WatchUpdate convertResponse(const etcdserverpb::WatchResponse &r)
{
    WatchUpdate u;
    u.watchId = r.watch_id();
    u.created = r.created();
    u.canceled = r.canceled();
    u.fragment = r.fragment();
    u.compactRevision = r.compact_revision();
    u.cancelReason = QString::fromStdString(r.cancel_reason());
    u.header = fromPb(r.header());
    u.events.reserve(r.events_size());
    for (const auto &e : r.events()) {
        WatchEvent ev;
        ev.type = e.type() == mvccpb::Event::DELETE ? WatchEvent::Delete : WatchEvent::Put;
        ev.kv = fromPb(e.kv());
        if (e.has_prev_kv())
            ev.prevKv = fromPb(e.prev_kv());
        u.events.push_back(std::move(ev));
    }
    return u;
}

} // namespace

WatchHub::WatchHub(std::shared_ptr<Connection> conn, QObject *parent)
    : QObject(parent), m_conn(std::move(conn)), m_sink(this), m_supervisor(new StreamSupervisor(m_conn, m_sink, this))
{
    // Children move with the hub to its core thread; plain members would stay behind.
    for (QTimer *t : {&m_flushTimer, &m_livenessTimer})
        t->setParent(this);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(m_conn->options().watchBatchMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &WatchHub::flush);
    m_supervisor->setCallbacks([this](int generation, int endpoint,
                                      const StreamSupervisor::Metadata &metadata) { startStream(generation, endpoint, metadata); },
                               [this](int generation, const EtcdError &error) { onStreamDone(generation, error); },
                               [this] { openStream(); });
    m_livenessTimer.setInterval(std::clamp(m_conn->options().keepAliveTimeoutMs / 4, 100, 1000));
    connect(&m_livenessTimer, &QTimer::timeout, this, &WatchHub::checkLiveness);
}

WatchHub::~WatchHub()
{
    shutdown();
}

void WatchHub::addWatch(quint64 id, const WatchOptions &options)
{
    if (m_shutdown)
        return;
    Entry entry;
    entry.options = options;
    entry.nextRevision = options.startRevision;
    m_entries.emplace(id, std::move(entry));
    m_createQueue.push_back(id);
    if (m_stream.isOpen())
        pumpCreates();
    else
        openStream();
}

void WatchHub::removeWatch(quint64 id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    Entry &e = it->second;
    if (e.state == State::Active) {
        sendCancel(e.serverId);
        m_byServerId.remove(e.serverId);
    } else if (e.state == State::Queued) {
        m_createQueue.erase(std::remove(m_createQueue.begin(), m_createQueue.end(), id), m_createQueue.end());
    }
    // A watch being created is cancelled when etcd answers the create (onCreated finds no entry).
    m_entries.erase(it);
}

void WatchHub::shutdown()
{
    if (m_shutdown)
        return;
    m_shutdown = true;
    m_flushTimer.stop();
    m_supervisor->stop();
    m_livenessTimer.stop();
    m_sink.detach();
    m_stream.cancel();
    m_entries.clear();
}

void WatchHub::openStream()
{
    if (m_shutdown || m_supervisor->isSigningIn() || m_stream.isOpen() || m_entries.empty())
        return;
    m_supervisor->open(); // signs in first when needed, then startStream()
}

void WatchHub::startStream(int generation, int endpoint, const StreamSupervisor::Metadata &metadata)
{
    m_streamUp = false;
    m_failoverOnDone = true;
    m_createInFlight = false;
    m_probeOutstanding = false;
    m_lastActivity.start();

    // Every watch not yet confirmed on this stream is (re)created, oldest first.
    m_createQueue.clear();
    for (auto &[id, e] : m_entries) {
        e.state = State::Queued;
        e.serverId = -1;
        e.fragments.clear();
        m_createQueue.push_back(id);
    }
    m_byServerId.clear();

    const QString address = m_conn->endpointAddress(endpoint);
    ThreadSink sink = m_sink;
    ++m_stats.streamsOpened;
    m_stream = Stream::open(
        m_conn, endpoint, metadata,
        [](Endpoint &ep, grpc::ClientContext *ctx,
           grpc::ClientBidiReactor<etcdserverpb::WatchRequest, etcdserverpb::WatchResponse> *r) {
            ep.watch->async()->Watch(ctx, r);
        },
        [this, sink, generation](etcdserverpb::WatchResponse &&response) {
            sink.post([this, generation, update = convertResponse(response)] { onUpdate(generation, update); });
        },
        [this, sink, generation, address](const grpc::Status &status) {
            const EtcdError error = EtcdError::fromStatus(status, address);
            sink.post([this, generation, error] { onStreamDone(generation, error); });
        });
    m_livenessTimer.start();
    pumpCreates();
}

void WatchHub::pumpCreates()
{
    while (!m_createInFlight && !m_createQueue.empty()) {
        const quint64 id = m_createQueue.front();
        auto it = m_entries.find(id);
        if (it == m_entries.end()) {
            m_createQueue.pop_front();
            continue;
        }
        const WatchOptions &o = it->second.options;
        etcdserverpb::WatchRequest req;
        auto *c = req.mutable_create_request();
        c->set_key(stdBytes(o.key));
        c->set_range_end(stdBytes(o.rangeEnd));
        c->set_start_revision(it->second.nextRevision);
        c->set_progress_notify(o.progressNotify);
        c->set_prev_kv(o.prevKv);
        c->set_fragment(true);
        if (o.noPut)
            c->add_filters(etcdserverpb::WatchCreateRequest::NOPUT);
        if (o.noDelete)
            c->add_filters(etcdserverpb::WatchCreateRequest::NODELETE);
        // Creates go one at a time: etcd answers a refused create with watch id -1, so only the
        // order tells which watch it was.
        if (!m_stream.write(req))
            return; // the stream is dying; onStreamDone re-queues everything
        m_createQueue.pop_front();
        it->second.state = State::Creating;
        m_creating = id;
        m_createInFlight = true;
    }
}

void WatchHub::sendCancel(qint64 serverId)
{
    etcdserverpb::WatchRequest req;
    req.mutable_cancel_request()->set_watch_id(serverId);
    m_stream.write(req);
}

void WatchHub::onUpdate(int generation, const WatchUpdate &u)
{
    if (!m_supervisor->isCurrent(generation) || m_shutdown)
        return;
    m_lastActivity.start();
    m_probeOutstanding = false;
    ++m_stats.responses;
    if (!m_streamUp) {
        m_streamUp = true;
        m_supervisor->streamAnswered();
        m_conn->setCurrentEndpoint(m_supervisor->endpoint());
        Q_EMIT streamConnected(m_conn->endpointAddress(m_supervisor->endpoint()));
    }
    if (u.created)
        return onCreated(u);
    // A broadcast progress answer (watch id -1) only proves the stream is alive: in etcd 3.4 it
    // does not promise that every watch has been sent all events up to its revision.
    if (u.watchId == -1)
        return;
    auto sid = m_byServerId.constFind(u.watchId);
    if (sid == m_byServerId.constEnd())
        return; // cancelled by us meanwhile
    const quint64 id = sid.value();
    Entry &e = m_entries.at(id);
    if (u.compactRevision != 0) {
        finishWatch(id);
        Q_EMIT compacted(id, u.compactRevision);
        return;
    }
    if (u.canceled) {
        finishWatch(id);
        Q_EMIT failed(id, EtcdError::fromWatchCancel(u.cancelReason, m_conn->endpointAddress(m_supervisor->endpoint())));
        return;
    }
    if (u.fragment) {
        ++m_stats.fragments;
        e.fragments += u.events;
        return;
    }
    WatchEvents all = e.fragments.isEmpty() ? u.events : e.fragments + u.events;
    e.fragments.clear();
    if (all.isEmpty()) {
        // A per-watch progress notification: etcd sends it only when the watch is caught up.
        e.nextRevision = std::max(e.nextRevision, u.header.revision + 1);
        Q_EMIT progress(id, u.header.revision);
        return;
    }
    const qint64 floor = e.nextRevision;
    for (WatchEvent &ev : all) {
        if (ev.revision() >= floor)
            e.pending.push_back(std::move(ev));
        else
            ++m_stats.duplicatesDropped;
    }
    e.nextRevision = std::max(e.nextRevision, all.constLast().revision() + 1);
    if (e.pending.size() >= m_conn->options().watchBatchEvents) {
        flushOne(id);
    } else if (!m_flushTimer.isActive()) {
        // Coalesce only under load: after a quiet window, events go out at once (an election's
        // standby learns of the leader's deletion without waiting for the batch window); within a
        // window of the last delivery they wait for its end, so a storm still costs one delivery
        // per window.
        const qint64 sinceLast = m_lastFlush.isValid() ? m_lastFlush.elapsed() : std::numeric_limits<qint64>::max();
        const int window = m_conn->options().watchBatchMs;
        if (sinceLast >= window)
            flush();
        else
            m_flushTimer.start(int(window - sinceLast));
    }
}

void WatchHub::onCreated(const WatchUpdate &u)
{
    const quint64 id = m_creating;
    m_createInFlight = false;
    auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        if (!u.canceled)
            sendCancel(u.watchId); // removed while its create was on the way
        return pumpCreates();
    }
    Entry &e = it->second;
    if (u.canceled) {
        const EtcdError error = EtcdError::fromWatchCancel(u.cancelReason, m_conn->endpointAddress(m_supervisor->endpoint()));
        // A stream opened without a token while authentication was off is refused once it is on.
        const bool signedOut = m_conn->usesAuth() && error.isUserNameEmpty();
        if (error.isInvalidAuthToken() || error.isAuthRevisionOld() || signedOut) {
            // The stream's token expired: sign in again and resume every watch on a new stream.
            e.state = State::Queued;
            m_supervisor->requireFreshToken();
            restartStream(false);
            return;
        }
        // etcd's reason names neither the user nor the keys: the words say both.
        const EtcdError said = error.isPermissionDenied()
                                   ? error.explained(describeRefusal(m_conn->options().user, "watch",
                                                                     describeKeys(e.options.key, e.options.rangeEnd)))
                                   : error;
        finishWatch(id);
        Q_EMIT failed(id, said);
        return pumpCreates();
    }
    e.serverId = u.watchId;
    e.state = State::Active;
    m_byServerId.insert(u.watchId, id);
    if (e.nextRevision == 0)
        e.nextRevision = u.header.revision + 1;
    if (!e.announced) {
        e.announced = true;
        Q_EMIT created(id, u.header.revision);
    }
    pumpCreates();
}

void WatchHub::restartStream(bool failover)
{
    m_failoverOnDone = failover;
    if (m_stream.isOpen())
        m_stream.cancel(); // onStreamDone reconnects
    else
        m_supervisor->ended(EtcdError(), false, true);
}

void WatchHub::onStreamDone(int generation, const EtcdError &error)
{
    if (!m_supervisor->isCurrent(generation) || m_shutdown)
        return;
    m_stream = Stream::Handle();
    m_livenessTimer.stop();
    m_streamUp = false;
    m_createInFlight = false;
    for (auto &[id, e] : m_entries) {
        e.state = State::Queued;
        e.serverId = -1;
        e.fragments.clear(); // an incomplete response is re-sent from nextRevision
    }
    m_byServerId.clear();
    if (m_entries.empty())
        return; // reconnect when a watch is added
    Q_EMIT streamLost(error);
    // The first retry goes straight to the next endpoint; a cluster that stays down is retried
    // with the client's stream backoff, forever: watches resume whenever etcd is back. A restart
    // on purpose (a fresh token) stays on the endpoint and goes at once.
    m_supervisor->ended(error, m_failoverOnDone, !m_failoverOnDone);
}

void WatchHub::checkLiveness()
{
    if (!m_stream.isOpen())
        return;
    const auto &o = m_conn->options();
    if (!m_streamUp) {
        // Nothing at all since the stream opened: the endpoint does not answer.
        if (m_lastActivity.elapsed() > o.dialTimeoutMs + o.keepAliveTimeoutMs)
            m_stream.cancel();
        return;
    }
    if (m_probeOutstanding) {
        if (m_probeSent.elapsed() > o.keepAliveTimeoutMs)
            m_stream.cancel(); // a paused or partitioned member: fail over
        return;
    }
    if (m_lastActivity.elapsed() > o.keepAliveTimeMs) {
        etcdserverpb::WatchRequest req;
        req.mutable_progress_request();
        if (m_stream.write(req)) {
            m_probeOutstanding = true;
            m_probeSent.start();
        }
    }
}

void WatchHub::finishWatch(quint64 id)
{
    flushOne(id);
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    if (it->second.serverId >= 0)
        m_byServerId.remove(it->second.serverId);
    m_entries.erase(it);
}

void WatchHub::flushOne(quint64 id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || it->second.pending.isEmpty())
        return;
    WatchEvents batch;
    batch.swap(it->second.pending);
    m_stats.events += batch.size();
    ++m_stats.batches;
    Q_EMIT events(id, batch);
}

void WatchHub::flush()
{
    m_lastFlush.start();
    for (auto &[id, e] : m_entries) {
        if (e.pending.isEmpty())
            continue;
        WatchEvents batch;
        batch.swap(e.pending);
        m_stats.events += batch.size();
        ++m_stats.batches;
        Q_EMIT events(id, batch);
    }
}

} // namespace etcd::detail
