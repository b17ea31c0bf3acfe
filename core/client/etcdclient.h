// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/requestcounter.h"
#include "client/auth.h"
#include "client/cluster.h"
#include "client/connectionoptions.h"
#include "client/etcderror.h"
#include "client/keepalive.h"
#include "client/kv.h"
#include "client/lease.h"
#include "client/maintenance.h"
#include "client/watcher.h"
#include "ssh/sshtunnel.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace etcd {

namespace detail {
class Connection;
class WatchHub;
class LeaseKeeper;
struct WatchStats;
} // namespace detail

// A connection to one etcd cluster: the entry point of core.
//
// Unary calls (kv(), lease(), cluster(), maintenance(), auth()) return futures completed on gRPC
// threads; continue with whenFinished(future, receiver, ...) (client/continuation.h) to land on the
// receiver's thread. Watches and lease keepalives are multiplexed over one stream each by objects
// on the client's own core thread, and reach their owners as queued signals. Nothing here ever
// blocks the caller, and destroying the client cancels everything in flight and returns within
// about 2 seconds, whether etcd is up or not.
class EtcdClient : public QObject
{
    Q_OBJECT
public:
    explicit EtcdClient(const ConnectionOptions &options, QObject *parent = nullptr);
    ~EtcdClient() override;

    const ConnectionOptions &options() const;
    bool isReadOnly() const;
    // Set when the options cannot work (bad endpoint, unreadable TLS file). Calls fail with it.
    EtcdError configError() const;
    QStringList endpoints() const;   // normalised host:port, in order
    QString currentEndpoint() const; // where new calls go now

    Kv kv() const;
    Lease lease() const;
    Cluster cluster() const;
    Maintenance maintenance() const;
    Auth auth() const;

    // Start a watch. The Watcher belongs to `parent` (or the caller) and lives on the caller's thread.
    Watcher *watch(const WatchOptions &options, QObject *parent = nullptr);
    // Keep `leaseId` alive until the returned object is destroyed or the lease is lost.
    // On a read-only connection the KeepAlive reports lost at once (a keepalive is a write).
    KeepAlive *keepAlive(qint64 leaseId, qint64 ttlSeconds, QObject *parent = nullptr);

    std::shared_ptr<detail::Connection> connection() const { return m_conn; }
    // The gRPC library this client runs on (for About boxes and bug reports).
    static QString grpcVersion();
    // Counters of the shared watch stream (responses, fragments, events, batches, reconnects).
    const detail::WatchStats &watchStats() const;
    // Every request this client sent to etcd (what it costs the cluster).
    const RequestCounter &requests() const;

    // --ssh: the tunnel through the bastion (its state also arrives as tunnelStatusChanged).
    bool usesTunnel() const;
    ssh::TunnelStatus tunnelStatus() const;
    // After a permanent failure (refused key, untrusted host key) the user fixed: try again now.
    void retryTunnel();

Q_SIGNALS:
    // The shared watch stream (re)connected to an endpoint, or broke and is reconnecting.
    void watchStreamConnected(const QString &endpoint);
    void watchStreamLost(const etcd::EtcdError &error);
    void keepAliveSent(qint64 leaseId);
    // The SSH tunnel connected, was lost, or failed (only with --ssh).
    void tunnelStatusChanged(const etcd::ssh::TunnelStatus &status);

private:
    std::shared_ptr<detail::Connection> m_conn;
    QThread m_coreThread;
    detail::WatchHub *m_hub = nullptr;
    detail::LeaseKeeper *m_keeper = nullptr;
    quint64 m_nextWatchId = 1;
    int m_tunnelListener = 0;
};

} // namespace etcd

Q_DECLARE_METATYPE(etcd::ssh::TunnelStatus)
