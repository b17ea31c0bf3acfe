// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/faultnetwork.h"

#include "sandbox/faultproxy.h"

#include <QMutexLocker>

#include <memory>

namespace etcd {

namespace {
std::pair<int, int> pairKey(int a, int b)
{
    return a < b ? std::make_pair(a, b) : std::make_pair(b, a);
}
} // namespace

FaultNetwork::FaultNetwork(QObject *parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("sandbox network"));
    m_thread.start();
}

FaultNetwork::~FaultNetwork()
{
    // The proxies live on the network thread: they are closed there, then the thread ends.
    auto *context = new QObject;
    context->moveToThread(&m_thread);
    QVector<detail::FaultProxy *> proxies = m_proxies;
    QMetaObject::invokeMethod(
        context, [proxies] { qDeleteAll(proxies); }, Qt::BlockingQueuedConnection);
    context->deleteLater();
    m_thread.quit();
    m_thread.wait();
}

quint16 FaultNetwork::addPeerProxy(int member, quint16 targetPort, QString *error)
{
    detail::FaultProxy *proxy = nullptr;
    QString why;
    auto *context = new QObject;
    context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        context,
        [&] {
            auto made = std::make_unique<detail::FaultProxy>(this, detail::FaultProxy::Kind::Peer, member, targetPort);
            if (made->listen(&why))
                proxy = made.release();
        },
        Qt::BlockingQueuedConnection);
    context->deleteLater();
    if (!proxy) {
        if (error)
            *error = QStringLiteral("cannot open a proxy for member %1's peer port: %2").arg(member).arg(why);
        return 0;
    }
    const QMutexLocker lock(&m_mutex);
    m_proxies << proxy;
    return proxy->port();
}

int FaultNetwork::addRoute(const QString &name, const QVector<quint16> &targetPorts, QVector<quint16> *ports,
                           QString *error)
{
    int route = 0;
    {
        const QMutexLocker lock(&m_mutex);
        route = m_nextRoute++;
        m_routeNames.insert(route, name);
    }
    QVector<detail::FaultProxy *> made;
    QString why;
    auto *context = new QObject;
    context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        context,
        [&] {
            for (quint16 target : targetPorts) {
                auto proxy = std::make_unique<detail::FaultProxy>(this, detail::FaultProxy::Kind::Route, route, target);
                if (!proxy->listen(&why))
                    return;
                made << proxy.release();
            }
        },
        Qt::BlockingQueuedConnection);
    context->deleteLater();
    if (made.size() != targetPorts.size()) {
        auto *cleanup = new QObject;
        cleanup->moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            cleanup, [made] { qDeleteAll(made); }, Qt::BlockingQueuedConnection);
        cleanup->deleteLater();
        if (error)
            *error = QStringLiteral("cannot open a proxy for %1: %2").arg(name, why);
        return -1;
    }
    const QMutexLocker lock(&m_mutex);
    m_proxies << made;
    m_routeProxies.insert(route, made);
    if (ports) {
        ports->clear();
        for (detail::FaultProxy *p : made)
            *ports << p->port();
    }
    return route;
}

void FaultNetwork::removeRoute(int route)
{
    QVector<detail::FaultProxy *> proxies;
    {
        const QMutexLocker lock(&m_mutex);
        proxies = m_routeProxies.take(route);
        for (detail::FaultProxy *p : proxies)
            m_proxies.removeAll(p);
        m_routeFaults.remove(route);
        m_routeNames.remove(route);
    }
    if (proxies.isEmpty())
        return;
    auto *context = new QObject;
    context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        context, [proxies] { qDeleteAll(proxies); }, Qt::BlockingQueuedConnection);
    context->deleteLater();
}

void FaultNetwork::setMemberFault(int member, const LinkFault &fault)
{
    {
        const QMutexLocker lock(&m_mutex);
        if (fault.isNone())
            m_memberFaults.remove(member);
        else
            m_memberFaults.insert(member, fault);
    }
    Q_EMIT faultsChanged();
}

void FaultNetwork::setPairFault(int a, int b, const LinkFault &fault)
{
    {
        const QMutexLocker lock(&m_mutex);
        if (fault.isNone())
            m_pairFaults.erase(pairKey(a, b));
        else
            m_pairFaults[pairKey(a, b)] = fault;
    }
    Q_EMIT faultsChanged();
}

void FaultNetwork::setRouteFault(int route, const LinkFault &fault)
{
    {
        const QMutexLocker lock(&m_mutex);
        if (fault.isNone())
            m_routeFaults.remove(route);
        else
            m_routeFaults.insert(route, fault);
    }
    Q_EMIT faultsChanged();
}

void FaultNetwork::healAll()
{
    {
        const QMutexLocker lock(&m_mutex);
        m_memberFaults.clear();
        m_pairFaults.clear();
        m_routeFaults.clear();
    }
    Q_EMIT faultsChanged();
}

LinkFault FaultNetwork::memberFault(int member) const
{
    const QMutexLocker lock(&m_mutex);
    return m_memberFaults.value(member);
}

LinkFault FaultNetwork::pairFault(int a, int b) const
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_pairFaults.find(pairKey(a, b));
    return it == m_pairFaults.end() ? LinkFault() : it->second;
}

LinkFault FaultNetwork::routeFault(int route) const
{
    const QMutexLocker lock(&m_mutex);
    return m_routeFaults.value(route);
}

QString FaultNetwork::routeName(int route) const
{
    const QMutexLocker lock(&m_mutex);
    return m_routeNames.value(route);
}

QString FaultNetwork::memberId(int member) const
{
    const QMutexLocker lock(&m_mutex);
    return m_memberIds.value(member);
}

FaultNetwork::Stats FaultNetwork::stats() const
{
    const QMutexLocker lock(&m_mutex);
    return m_stats;
}

LinkFault FaultNetwork::peerFault(int to, const QString &fromId) const
{
    const QMutexLocker lock(&m_mutex);
    LinkFault f = m_memberFaults.value(to);
    if (fromId.isEmpty())
        return f;
    for (auto it = m_memberIds.cbegin(); it != m_memberIds.cend(); ++it) {
        if (it.value() != fromId)
            continue;
        f = f.plus(m_memberFaults.value(it.key()));
        const auto pair = m_pairFaults.find(pairKey(it.key(), to));
        if (pair != m_pairFaults.end())
            f = f.plus(pair->second);
        break;
    }
    return f;
}

void FaultNetwork::learnMemberId(int member, const QString &id)
{
    const QMutexLocker lock(&m_mutex);
    m_memberIds.insert(member, id);
}

void FaultNetwork::count(qint64 forwarded, qint64 dropped, int connectionsDelta, int closedByHeal)
{
    const QMutexLocker lock(&m_mutex);
    m_stats.forwardedBytes += forwarded;
    m_stats.droppedBytes += dropped;
    m_stats.openConnections += connectionsDelta;
    m_stats.closedByHeal += closedByHeal;
}

} // namespace etcd
