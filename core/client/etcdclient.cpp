// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/etcdclient.h"

#include <grpcpp/grpcpp.h>

#include "client/connection.h"
#include "client/grpclog.h"
#include "client/leasekeeper.h"
#include "client/threadsink.h"
#include "client/watchhub.h"

#include <QTimer>

namespace etcd {

namespace {
void registerMetaTypes()
{
    static const bool done = [] {
        qRegisterMetaType<etcd::EtcdError>();
        qRegisterMetaType<etcd::WatchEvents>();
        qRegisterMetaType<etcd::KeyValue>();
        qRegisterMetaType<etcd::ResponseHeader>();
        qRegisterMetaType<etcd::ssh::TunnelStatus>();
        return true;
    }();
    Q_UNUSED(done)
}
} // namespace

EtcdClient::EtcdClient(const ConnectionOptions &options, QObject *parent)
    : QObject(parent), m_conn(detail::Connection::create(options))
{
    registerMetaTypes();
    detail::routeGrpcLogging();
    m_coreThread.setObjectName(QStringLiteral("etcd-core"));
    m_hub = new detail::WatchHub(m_conn);
    m_keeper = new detail::LeaseKeeper(m_conn);
    m_hub->moveToThread(&m_coreThread);
    m_keeper->moveToThread(&m_coreThread);
    connect(m_hub, &detail::WatchHub::streamConnected, this, &EtcdClient::watchStreamConnected);
    connect(m_hub, &detail::WatchHub::streamLost, this, &EtcdClient::watchStreamLost);
    connect(m_keeper, &detail::LeaseKeeper::keepAliveSent, this, &EtcdClient::keepAliveSent);
    m_coreThread.start();
    if (const auto &tunnel = m_conn->tunnel()) {
        detail::ThreadSink sink(this);
        // The event dies with this client if it is destroyed before delivery.
        m_tunnelListener = tunnel->addListener([sink, this](const ssh::TunnelStatus &status) {
            sink.post([this, status] { Q_EMIT tunnelStatusChanged(status); });
        });
        // What happened before the listener was there (the first attempt starts at once).
        sink.post([this] { Q_EMIT tunnelStatusChanged(tunnelStatus()); });
    }
}

bool EtcdClient::usesTunnel() const
{
    return m_conn->tunnel() != nullptr;
}

ssh::TunnelStatus EtcdClient::tunnelStatus() const
{
    return m_conn->tunnel() ? m_conn->tunnel()->status() : ssh::TunnelStatus{};
}

void EtcdClient::retryTunnel()
{
    if (m_conn->tunnel())
        m_conn->tunnel()->retryNow();
}

EtcdClient::~EtcdClient()
{
    if (m_conn->tunnel())
        m_conn->tunnel()->removeListener(m_tunnelListener);
    // Stop the streams on their own thread, then cancel every unary call, then end the thread.
    // Each step is bounded, so this returns promptly even when no endpoint answers.
    QMetaObject::invokeMethod(
        m_hub, [hub = m_hub] { hub->shutdown(); }, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(
        m_keeper, [keeper = m_keeper] { keeper->shutdown(); }, Qt::BlockingQueuedConnection);
    m_conn->shutdown(1500);
    m_coreThread.quit();
    m_coreThread.wait(500);
    delete m_hub;
    delete m_keeper;
}

const ConnectionOptions &EtcdClient::options() const
{
    return m_conn->options();
}

bool EtcdClient::isReadOnly() const
{
    return m_conn->isReadOnly();
}

EtcdError EtcdClient::configError() const
{
    return m_conn->configError();
}

QStringList EtcdClient::endpoints() const
{
    QStringList out;
    for (int i = 0; i < m_conn->endpointCount(); ++i)
        out << m_conn->endpointAddress(i);
    return out;
}

QString EtcdClient::currentEndpoint() const
{
    return m_conn->endpointAddress(m_conn->currentEndpoint());
}

const detail::WatchStats &EtcdClient::watchStats() const
{
    return m_hub->stats();
}

const RequestCounter &EtcdClient::requests() const
{
    return m_conn->requests();
}

Kv EtcdClient::kv() const
{
    return Kv(m_conn);
}

Lease EtcdClient::lease() const
{
    return Lease(m_conn);
}

Cluster EtcdClient::cluster() const
{
    return Cluster(m_conn);
}

Maintenance EtcdClient::maintenance() const
{
    return Maintenance(m_conn);
}

Auth EtcdClient::auth() const
{
    return Auth(m_conn);
}

Watcher *EtcdClient::watch(const WatchOptions &options, QObject *parent)
{
    const quint64 id = m_nextWatchId++;
    auto *watcher = new Watcher(m_hub, id, options, parent);
    if (m_conn->configError()) {
        const EtcdError error = m_conn->configError();
        QTimer::singleShot(0, watcher, [watcher, error] { Q_EMIT watcher->failed(error); });
        return watcher;
    }
    detail::WatchHub *hub = m_hub;
    QMetaObject::invokeMethod(
        hub, [hub, id, options] { hub->addWatch(id, options); }, Qt::QueuedConnection);
    return watcher;
}

KeepAlive *EtcdClient::keepAlive(qint64 leaseId, qint64 ttlSeconds, QObject *parent)
{
    const bool refused = m_conn->isReadOnly() || m_conn->configError();
    auto *ka = new KeepAlive(refused ? nullptr : m_keeper, leaseId, ttlSeconds, parent);
    if (refused) {
        const EtcdError error = m_conn->configError() ? m_conn->configError()
                                                      : EtcdError::readOnlyRefusal(QStringLiteral("lease keepalive"));
        QTimer::singleShot(0, ka, [ka, error] { ka->markLost(error); });
        return ka;
    }
    detail::LeaseKeeper *keeper = m_keeper;
    QMetaObject::invokeMethod(
        keeper, [keeper, leaseId, ttlSeconds] { keeper->keep(leaseId, ttlSeconds); }, Qt::QueuedConnection);
    return ka;
}

QString EtcdClient::grpcVersion()
{
    return QString::fromStdString(grpc::Version());
}

} // namespace etcd
