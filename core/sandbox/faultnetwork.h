// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "sandbox/linkfault.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>
#include <QVector>

#include <map>
#include <utility>

namespace etcd {

namespace detail {
class FaultProxy;
}

// The sandbox's network, made breakable: TCP proxies the console runs on a thread of its own, in
// front of every member's peer port (members advertise the proxy, so all raft traffic passes
// through it) and, per route, in front of the members' client ports (a demo worker given a route's
// endpoints reaches etcd only through it). Faults are set per member (all its peer links), per pair
// of members, or per route; they apply to open connections at once.
//
// Pairs are told apart without touching etcd: etcd's peer requests (plain http on the sandbox)
// carry X-Server-From (the sender's member id) and X-Raft-To (the receiver's), which the proxy in
// front of member j reads from each connection's first request; X-Raft-To teaches it j's own id.
// A connection whose sender is not known yet (etcd's version probes) is cut only when its member is.
class FaultNetwork : public QObject
{
    Q_OBJECT
public:
    explicit FaultNetwork(QObject *parent = nullptr);
    ~FaultNetwork() override; // closes every proxy and stops the thread

    // A proxy on a free loopback port for member `member`'s peer port; returns its port, 0 on error.
    quint16 addPeerProxy(int member, quint16 targetPort, QString *error = nullptr);
    // A route: one proxy per target (a worker's way to each member's client port). Returns the
    // route's number, -1 on error; `ports` gets the proxies' ports in target order.
    int addRoute(const QString &name, const QVector<quint16> &targetPorts, QVector<quint16> *ports,
                 QString *error = nullptr);
    void removeRoute(int route);

    void setMemberFault(int member, const LinkFault &fault); // every peer link of the member
    void setPairFault(int a, int b, const LinkFault &fault); // the link between two members
    void setRouteFault(int route, const LinkFault &fault);
    void healAll();

    LinkFault memberFault(int member) const;
    LinkFault pairFault(int a, int b) const;
    LinkFault routeFault(int route) const;
    QString routeName(int route) const;
    // The member ids learnt from the traffic ("" until member j's proxy saw X-Raft-To).
    QString memberId(int member) const;

    struct Stats
    {
        qint64 forwardedBytes = 0;
        qint64 droppedBytes = 0;
        int openConnections = 0;
        int closedByHeal = 0; // cut connections closed when their link healed
    };
    Stats stats() const;

    // For the proxies (any thread): what applies to bytes reaching member `to`'s peer port from the
    // member with id `fromId` ("" unknown), and to a route's bytes.
    LinkFault peerFault(int to, const QString &fromId) const;
    LinkFault routeFaultNow(int route) const { return routeFault(route); }
    void learnMemberId(int member, const QString &id);
    void count(qint64 forwarded, qint64 dropped, int connectionsDelta, int closedByHeal);

Q_SIGNALS:
    void faultsChanged();

private:
    mutable QMutex m_mutex;
    QThread m_thread;
    QVector<detail::FaultProxy *> m_proxies; // owned by the thread's event loop, deleted on stop
    QHash<int, LinkFault> m_memberFaults;
    std::map<std::pair<int, int>, LinkFault> m_pairFaults;
    QHash<int, LinkFault> m_routeFaults;
    QHash<int, QString> m_routeNames;
    QHash<int, QVector<detail::FaultProxy *>> m_routeProxies;
    QHash<int, QString> m_memberIds;
    int m_nextRoute = 0;
    Stats m_stats;
};

} // namespace etcd
