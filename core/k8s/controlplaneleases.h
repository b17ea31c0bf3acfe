// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <map>

namespace etcd::k8s {

// A coordination.k8s.io Lease as the control plane's leader election keeps it.
struct LeaderLease
{
    QByteArray key;
    QString ns;
    QString name;   // kube-controller-manager, kube-scheduler, apiserver-<id>, ...
    QString holder; // holderIdentity
    QDateTime acquireTime;
    QDateTime renewTime;
    int durationSeconds = 0;
    int transitions = 0;
    qint64 modRevision = 0;
    bool decoded = false; // false: the value was not a readable Lease (encrypted, damaged)

    // Whether the holder renewed within the lease's duration, as of `now`.
    bool isFresh(const QDateTime &now) const;
    // The leader-election leases (not the API servers' own identity leases).
    bool isLeaderElection() const;
};

// The Leases under /registry/leases/<namespace>/ (default kube-system, where the control plane's
// leader elections live), listed with their values and kept live by watch.
class ControlPlaneLeases : public QObject
{
    Q_OBJECT
public:
    explicit ControlPlaneLeases(EtcdClient *client, const QString &ns = QStringLiteral("kube-system"),
                                QObject *parent = nullptr);
    ~ControlPlaneLeases() override;

    void start();
    bool isLoaded() const { return m_loaded; }
    const std::map<QByteArray, LeaderLease> &leases() const { return m_leases; }

    static LeaderLease parse(const KeyValue &kv);

Q_SIGNALS:
    void loaded();
    void changed(); // a lease was added, renewed, handed over or removed
    void failed(const etcd::EtcdError &error);

private:
    void list();
    void onEvents(const WatchEvents &events);

    QPointer<EtcdClient> m_client;
    QByteArray m_prefix;
    std::map<QByteArray, LeaderLease> m_leases;
    QPointer<Watcher> m_watcher;
    bool m_loaded = false;
    int m_generation = 0;
};

} // namespace etcd::k8s
