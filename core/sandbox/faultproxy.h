// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "sandbox/linkfault.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTimer>

#include <deque>
#include <memory>
#include <vector>

class QTcpSocket;

namespace etcd {
class FaultNetwork;
}

namespace etcd::detail {

// One listening port of the FaultNetwork and its connections, on the network's thread: bytes go
// through as they come, later (latency, jitter, stalls) or not at all (cut). Internal to sandbox/.
class FaultProxy : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Peer, Route };

    FaultProxy(FaultNetwork *network, Kind kind, int owner, quint16 targetPort);
    ~FaultProxy() override;

    bool listen(QString *error);
    quint16 port() const { return m_server.serverPort(); }

private:
    struct Connection;
    struct Pipe
    {
        Connection *owner = nullptr;
        QTcpSocket *to = nullptr;
        std::deque<std::pair<qint64, QByteArray>> queue; // due (ms on m_clock), bytes
        QTimer *timer = nullptr;
        qint64 lastDue = 0;
        qint64 stallUntil = 0;
        qint64 lastStallCheck = 0;
    };
    struct Connection
    {
        QTcpSocket *client = nullptr;
        QTcpSocket *upstream = nullptr;
        Pipe up;        // client -> member
        Pipe down;      // member -> client
        QString fromId; // peer proxies: the sender's member id, from its first request
        QByteArray head;
        bool sniffed = false;
        bool cut = false; // silent since its link was cut; closed when the link heals
        bool closed = false;
        // One end closed (a client gave up on a frozen link): what waits for the other end is
        // still delivered, late, before the connection goes.
        bool clientGone = false;
        bool upstreamGone = false;
    };

    void accept();
    void onData(Connection *c, bool upward);
    void sniff(Connection *c, const QByteArray &data);
    void drain(Pipe &pipe);
    void check();
    void close(Connection *c, bool healed, bool graceful = false);
    void sideGone(Connection *c, QTcpSocket *side);
    void maybeClose(Connection *c);
    LinkFault faultFor(const Connection &c) const;

    FaultNetwork *m_network;
    Kind m_kind;
    int m_owner; // the member (peer) or the route
    quint16 m_target;
    QTcpServer m_server;
    QTimer m_check;
    QElapsedTimer m_clock;
    QRandomGenerator m_random;
    std::vector<std::unique_ptr<Connection>> m_connections;
};

} // namespace etcd::detail
