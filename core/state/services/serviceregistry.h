// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "state/leases/leasemonitor.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <map>

namespace etcd {

// One registered instance, as read from its key and value.
struct ServiceInstance
{
    QByteArray key;
    QString service;  // the service's name (the first path segment under the prefix)
    QString instance; // the instance's id within it
    QByteArray value; // always kept as it is: shown raw when it is not JSON we understand
    bool parsed = false; // the value is a JSON object; the fields below come from it
    QString address;     // "address", "host", "ip" or "hostname" (a "host:port" address is split)
    int port = 0;
    QString health;       // "health", "status" or "state"
    QString registeredAt; // "registeredAt", "registered", "registration_time", "timestamp", ...
    QJsonObject metadata; // "metadata" or "meta"; else every field not used above
    qint64 lease = 0;
    qint64 createRevision = 0;
    qint64 modRevision = 0;
    // Remaining TTL of the lease, as last asked (-1: unknown; 0 with lease set: expired).
    qint64 ttl = -1;
    qint64 grantedTtl = 0;
    qint64 ttlCheckedAtMs = 0; // QDateTime::currentMSecsSinceEpoch() of that answer

    // Seconds left now, counting down from the last answer (-1 when unknown or without lease).
    qint64 ttlLeft(qint64 nowMs) const;
    QString endpoint() const; // "address:port", "address" or empty
};

// How a key under the prefix maps to a service and an instance. The layouts used for service
// discovery on etcd: `<name>/<instance>` and `<name>/instances/<id>`; anything deeper keeps the
// name and uses the rest of the path as the instance, so no key is dropped.
struct ServicePath
{
    QString service;
    QString instance;
    static ServicePath parse(const QByteArray &relativeKey);
};

// Reads a value into the instance's fields (parsed stays false when it is not a JSON object).
void parseServiceValue(const QByteArray &value, ServiceInstance *instance);

// Registered services under a prefix (default /services/), kept live: a paged listing with values,
// then a watch from the listing's revision (relisting quietly after a compaction). The remaining
// TTL of each instance's lease is asked every `ttlPollMs` and counts down in between; an instance
// whose lease expires disappears when etcd deletes its key (the watch's delete).
class ServiceRegistry : public QObject
{
    Q_OBJECT
public:
    explicit ServiceRegistry(EtcdClient *client, const QByteArray &prefix = "/services/", QObject *parent = nullptr);

    ~ServiceRegistry() override;

    void start();
    QByteArray prefix() const { return m_prefix; }
    bool isLoaded() const { return m_loaded; }
    qint64 revision() const { return m_revision; }
    void setTtlPollInterval(int ms) { m_ttlTimer.setInterval(ms); }
    // Take lease TTLs from a LeaseMonitor that polls every lease anyway (the console's Leases view)
    // instead of asking etcd a second time. Without one, the registry asks for its own leases.
    void setLeaseMonitor(LeaseMonitor *monitor);
    // Whether anyone looks at the TTLs now (the Services view is shown). When nobody does, no TTL is
    // asked for: the lease monitor loses this registry's interest, the own poll pauses.
    void setLooking(bool looking);

    // Every instance by key (sorted by key, so grouped by service).
    const std::map<QByteArray, ServiceInstance> &instances() const { return m_instances; }
    const ServiceInstance *instance(const QByteArray &key) const;
    QStringList serviceNames() const; // sorted
    int instanceCount(const QString &service) const;

Q_SIGNALS:
    void loaded();
    void instanceAdded(const QByteArray &key);
    void instanceChanged(const QByteArray &key); // value, lease or TTL changed
    void instanceRemoved(const QByteArray &key, const QString &service);
    void failed(const etcd::EtcdError &error);

private:
    void list();
    void fill(ServiceInstance *instance, const KeyValue &kv) const; // key, path, value, lease, revisions
    void upsert(const KeyValue &kv);
    void remove(const QByteArray &key);
    void startWatch(qint64 fromRevision);
    void onEvents(const WatchEvents &events);
    void pollTtls();
    void setTtl(qint64 lease, qint64 ttl, qint64 grantedTtl, qint64 checkedAtMs);
    void updateLeaseInterest();
    QString interestOwner() const;

    QPointer<EtcdClient> m_client;
    QByteArray m_prefix;
    std::map<QByteArray, ServiceInstance> m_instances;
    std::map<QByteArray, ServiceInstance> m_listing; // a listing in progress
    QPointer<Watcher> m_watcher;
    qint64 m_revision = 0;
    bool m_loaded = false;
    int m_generation = 0;
    int m_ttlGeneration = 0;
    QTimer m_ttlTimer;
    QPointer<LeaseMonitor> m_leaseMonitor;
    bool m_looking = true;
    QTimer m_interestTimer;
};

} // namespace etcd
