// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <deque>
#include <memory>
#include <utility>

namespace etcd::test {

// A TCP proxy that delays every byte by a fixed one-way time in each direction, optionally under a
// bandwidth cap: a remote link (VPN, another region) on loopback, for benchmarks. Run it in a
// process of its own (bench_remotewalk --proxy) so the measured process's load cannot stretch it.
class DelayProxy : public QObject
{
public:
    DelayProxy(quint16 listenPort, QHostAddress target, quint16 targetPort, int delayMs, qint64 bytesPerSecond = 0)
        : m_target(std::move(target)), m_targetPort(targetPort), m_delayMs(delayMs), m_rate(bytesPerSecond)
    {
        m_clock.start();
        connect(&m_server, &QTcpServer::newConnection, this, &DelayProxy::accept);
        m_server.listen(QHostAddress::LocalHost, listenPort);
    }
    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }

private:
    // One direction of one connection: chunks wait until their time, then go out (at the cap).
    struct Pipe
    {
        QTcpSocket *to = nullptr;
        std::deque<std::pair<qint64, QByteArray>> queue; // due time (ms), bytes
        QTimer timer;
        qint64 nextFreeMs = 0; // the bandwidth cap: when the link is free again
    };

    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            auto *upstream = new QTcpSocket(client);
            upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            auto up = std::make_shared<Pipe>();
            auto down = std::make_shared<Pipe>();
            up->to = upstream;
            down->to = client;
            wire(client, up);
            wire(upstream, down);
            connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
            connect(upstream, &QTcpSocket::disconnected, client, [client] {
                client->disconnectFromHost();
                client->deleteLater();
            });
            upstream->connectToHost(m_target, m_targetPort);
        }
    }

    void wire(QTcpSocket *from, const std::shared_ptr<Pipe> &pipe)
    {
        pipe->timer.setSingleShot(true);
        pipe->timer.setTimerType(Qt::PreciseTimer);
        QTcpSocket *to = pipe->to;
        connect(&pipe->timer, &QTimer::timeout, to, [this, pipe] { drain(*pipe); });
        connect(from, &QTcpSocket::readyRead, to, [this, from, pipe] {
            QByteArray data = from->readAll();
            if (data.isEmpty())
                return;
            qint64 due = m_clock.elapsed() + m_delayMs;
            if (m_rate > 0) {
                const qint64 sendMs = data.size() * 1000 / m_rate;
                pipe->nextFreeMs = std::max(pipe->nextFreeMs, m_clock.elapsed()) + sendMs;
                due = std::max(due, pipe->nextFreeMs + m_delayMs);
            }
            pipe->queue.emplace_back(due, std::move(data));
            if (!pipe->timer.isActive())
                drain(*pipe);
        });
    }

    void drain(Pipe &pipe)
    {
        const qint64 now = m_clock.elapsed();
        while (!pipe.queue.empty() && pipe.queue.front().first <= now) {
            if (pipe.to->state() == QAbstractSocket::ConnectedState)
                pipe.to->write(pipe.queue.front().second);
            else if (pipe.to->state() != QAbstractSocket::UnconnectedState)
                break; // still connecting: try again shortly
            pipe.queue.pop_front();
        }
        if (!pipe.queue.empty())
            pipe.timer.start(int(std::max<qint64>(1, pipe.queue.front().first - now)));
    }

    QTcpServer m_server;
    QHostAddress m_target;
    quint16 m_targetPort;
    int m_delayMs;
    qint64 m_rate;
    QElapsedTimer m_clock;
};

} // namespace etcd::test
