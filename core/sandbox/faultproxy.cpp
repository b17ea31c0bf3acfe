// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/faultproxy.h"

#include "sandbox/faultnetwork.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <algorithm>
#include <cmath>
#include <limits>

namespace etcd::detail {

namespace {
constexpr qint64 kHeld = std::numeric_limits<qint64>::max(); // due when the link thaws
constexpr int kCheckMs = 50;                                 // how soon a cut or a heal reaches open connections
constexpr int kMaxHead = 16 * 1024;                          // a request head larger than this is not read for ids
} // namespace

FaultProxy::FaultProxy(FaultNetwork *network, Kind kind, int owner, quint16 targetPort)
    : m_network(network), m_kind(kind), m_owner(owner), m_target(targetPort),
      m_random(quint32(targetPort) * 7919u + quint32(owner))
{
    m_clock.start();
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::accept);
    m_check.setInterval(kCheckMs);
    connect(&m_check, &QTimer::timeout, this, &FaultProxy::check);
}

FaultProxy::~FaultProxy()
{
    for (auto &c : m_connections)
        close(c.get(), false);
}

bool FaultProxy::listen(QString *error)
{
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        if (error)
            *error = m_server.errorString();
        return false;
    }
    m_check.start();
    return true;
}

void FaultProxy::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto owned = std::make_unique<Connection>();
        Connection *c = owned.get();
        c->client = client;
        c->upstream = new QTcpSocket(this);
        client->setParent(this);
        for (QTcpSocket *s : {c->client, c->upstream})
            s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        c->up.to = c->upstream;
        c->down.to = c->client;
        c->up.owner = c->down.owner = c;
        for (Pipe *pipe : {&c->up, &c->down}) {
            pipe->timer = new QTimer(this);
            pipe->timer->setSingleShot(true);
            pipe->timer->setTimerType(Qt::PreciseTimer);
            connect(pipe->timer, &QTimer::timeout, this, [this, pipe] { drain(*pipe); });
        }
        connect(c->client, &QTcpSocket::readyRead, this, [this, c] { onData(c, true); });
        connect(c->upstream, &QTcpSocket::readyRead, this, [this, c] { onData(c, false); });
        connect(c->upstream, &QTcpSocket::connected, this, [this, c] { drain(c->up); });
        for (QTcpSocket *s : {c->client, c->upstream}) {
            connect(s, &QTcpSocket::disconnected, this, [this, c, s] { sideGone(c, s); });
            connect(s, &QTcpSocket::errorOccurred, this, [this, c, s] { sideGone(c, s); });
        }
        c->cut = faultFor(*c).cut;
        c->up.lastStallCheck = c->down.lastStallCheck = m_clock.elapsed();
        m_connections.push_back(std::move(owned));
        m_network->count(0, 0, 1, 0);
        c->upstream->connectToHost(QHostAddress::LocalHost, m_target);
    }
}

void FaultProxy::sniff(Connection *c, const QByteArray &data)
{
    c->head += data.left(kMaxHead - c->head.size());
    const qsizetype end = c->head.indexOf("\r\n\r\n");
    if (end < 0 && c->head.size() < kMaxHead)
        return;
    c->sniffed = true;
    for (const QByteArray &line : c->head.left(end < 0 ? c->head.size() : end).split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QString value = QString::fromLatin1(line.mid(colon + 1).trimmed());
        if (name == "x-server-from")
            c->fromId = value;
        else if (name == "x-raft-to")
            m_network->learnMemberId(m_owner, value);
    }
    c->head.clear();
}

LinkFault FaultProxy::faultFor(const Connection &c) const
{
    return m_kind == Kind::Peer ? m_network->peerFault(m_owner, c.fromId) : m_network->routeFaultNow(m_owner);
}

void FaultProxy::onData(Connection *c, bool upward)
{
    if (c->closed)
        return;
    QTcpSocket *from = upward ? c->client : c->upstream;
    QByteArray data = from->readAll();
    if (data.isEmpty())
        return;
    if (upward && m_kind == Kind::Peer && !c->sniffed)
        sniff(c, data);
    const LinkFault f = faultFor(*c);
    if (f.cut || c->cut) {
        // A partition: the bytes vanish. The connection stays open and silent until it heals.
        c->cut = true;
        m_network->count(0, data.size(), 0, 0);
        return;
    }
    Pipe &pipe = upward ? c->up : c->down;
    if (f.frozen) {
        // Held, in order, until the link thaws: then it arrives late, as TCP delivers after an outage.
        m_network->count(data.size(), 0, 0, 0);
        pipe.queue.emplace_back(kHeld, std::move(data));
        return;
    }
    const qint64 now = m_clock.elapsed();
    qint64 due = now + f.latencyMs;
    if (f.jitterMs > 0)
        due += qint64(m_random.bounded(2 * f.jitterMs + 1)) - f.jitterMs;
    if (f.stallsPerMinute == 0)
        pipe.lastStallCheck = now; // stalls switched on later start counting from then
    if (f.stallsPerMinute > 0 && now >= pipe.stallUntil) {
        // Stalls arrive at random (a Poisson process): the chance one began since the last look
        // (a long quiet spell counts as one second, not as certainty).
        const double dt = double(std::min<qint64>(now - pipe.lastStallCheck, 1000));
        const double p = 1.0 - std::exp(-double(f.stallsPerMinute) / 60000.0 * dt);
        pipe.lastStallCheck = now;
        if (m_random.generateDouble() < p)
            pipe.stallUntil = now + f.stallMs;
    }
    due = std::max({due, pipe.lastDue, now < pipe.stallUntil ? pipe.stallUntil : 0});
    pipe.lastDue = due;
    m_network->count(data.size(), 0, 0, 0);
    pipe.queue.emplace_back(due, std::move(data));
    if (!pipe.timer->isActive())
        drain(pipe);
}

void FaultProxy::drain(Pipe &pipe)
{
    const qint64 now = m_clock.elapsed();
    while (!pipe.queue.empty() && pipe.queue.front().first <= now) {
        if (pipe.to->state() != QAbstractSocket::ConnectedState)
            return; // still connecting: `connected` drains again
        pipe.to->write(pipe.queue.front().second);
        pipe.queue.pop_front();
    }
    if (!pipe.queue.empty() && pipe.queue.front().first != kHeld)
        pipe.timer->start(int(std::max<qint64>(1, pipe.queue.front().first - now)));
    if (pipe.queue.empty())
        maybeClose(pipe.owner);
}

void FaultProxy::sideGone(Connection *c, QTcpSocket *side)
{
    if (c->closed)
        return;
    if (side == c->client)
        c->clientGone = true;
    else
        c->upstreamGone = true;
    maybeClose(c);
}

void FaultProxy::maybeClose(Connection *c)
{
    if (c->closed || !(c->clientGone || c->upstreamGone))
        return;
    if (c->clientGone && c->upstreamGone)
        return close(c, false);
    // Only the end still there matters: close once nothing waits to reach it.
    const Pipe &towardLive = c->clientGone ? c->up : c->down;
    if (towardLive.queue.empty())
        close(c, false, true);
}

void FaultProxy::check()
{
    for (auto &owned : m_connections) {
        Connection *c = owned.get();
        if (c->closed)
            continue;
        const LinkFault f = faultFor(*c);
        const bool cut = f.cut;
        if (!f.frozen) {
            for (Pipe *pipe : {&c->up, &c->down}) {
                if (pipe->queue.empty() || pipe->queue.back().first != kHeld)
                    continue;
                const qint64 now = m_clock.elapsed();
                for (auto &chunk : pipe->queue)
                    chunk.first = std::min(chunk.first, now);
                pipe->lastDue = now;
                drain(*pipe);
            }
        }
        if (c->cut && !cut) {
            // Healed: what was lost made the stream useless; closing it makes both ends reconnect.
            close(c, true);
        } else if (!c->cut && cut) {
            c->cut = true;
            for (Pipe *pipe : {&c->up, &c->down}) {
                qint64 dropped = 0;
                for (const auto &chunk : pipe->queue)
                    dropped += chunk.second.size();
                pipe->queue.clear();
                m_network->count(0, dropped, 0, 0);
            }
        }
    }
    m_connections.erase(std::remove_if(m_connections.begin(), m_connections.end(),
                                       [](const std::unique_ptr<Connection> &c) { return c->closed; }),
                        m_connections.end());
}

void FaultProxy::close(Connection *c, bool healed, bool graceful)
{
    if (c->closed)
        return;
    c->closed = true;
    for (QTcpSocket *s : {c->client, c->upstream}) {
        s->disconnect(this);
        if (graceful && s->state() == QAbstractSocket::ConnectedState && s->bytesToWrite() > 0) {
            // What was just delivered (late) must leave the socket before it closes.
            connect(s, &QAbstractSocket::disconnected, s, &QObject::deleteLater);
            s->disconnectFromHost();
            continue;
        }
        s->abort();
        s->deleteLater();
    }
    for (Pipe *pipe : {&c->up, &c->down}) {
        pipe->timer->stop();
        pipe->timer->deleteLater();
        pipe->queue.clear();
    }
    m_network->count(0, 0, -1, healed ? 1 : 0);
}

} // namespace etcd::detail
