// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/services/serviceregistry.h"

#include "client/continuation.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSet>

namespace etcd {

namespace {

QString firstString(const QJsonObject &o, std::initializer_list<const char *> names, QStringList *used)
{
    for (const char *name : names) {
        const QJsonValue v = o.value(QLatin1String(name));
        if (v.isString() || v.isDouble() || v.isBool()) {
            *used << QLatin1String(name);
            if (v.isDouble())
                return QString::number(v.toDouble(), 'g', 15);
            if (v.isBool())
                return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            return v.toString();
        }
    }
    return {};
}

} // namespace

qint64 ServiceInstance::ttlLeft(qint64 nowMs) const
{
    if (lease == 0 || ttl < 0)
        return -1;
    return std::max<qint64>(0, ttl - (nowMs - ttlCheckedAtMs) / 1000);
}

QString ServiceInstance::endpoint() const
{
    if (address.isEmpty())
        return {};
    return port > 0 ? QStringLiteral("%1:%2").arg(address).arg(port) : address;
}

ServicePath ServicePath::parse(const QByteArray &relativeKey)
{
    ServicePath p;
    const QList<QByteArray> parts = relativeKey.split('/');
    p.service = QString::fromUtf8(parts.value(0));
    if (parts.size() == 3 && parts.at(1) == "instances")
        p.instance = QString::fromUtf8(parts.at(2));
    else if (parts.size() >= 2)
        p.instance = QString::fromUtf8(relativeKey.mid(parts.at(0).size() + 1));
    return p;
}

void parseServiceValue(const QByteArray &value, ServiceInstance *in)
{
    in->parsed = false;
    in->address.clear();
    in->port = 0;
    in->health.clear();
    in->registeredAt.clear();
    in->metadata = {};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(value, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return; // shown raw
    const QJsonObject o = doc.object();
    in->parsed = true;
    QStringList used;
    in->address = firstString(o, {"address", "host", "ip", "hostname", "addr", "Address", "Host"}, &used);
    const QString port = firstString(o, {"port", "Port"}, &used);
    in->port = port.toInt();
    // "10.0.0.1:8080" (and "[::1]:8080") as the address carries the port.
    const int colon = in->address.lastIndexOf(QLatin1Char(':'));
    if (in->port == 0 && colon > 0 && (!in->address.contains(QLatin1Char('[')) || in->address.at(colon - 1) == QLatin1Char(']'))) {
        bool ok = false;
        const int p = in->address.mid(colon + 1).toInt(&ok);
        if (ok && (in->address.count(QLatin1Char(':')) == 1 || in->address.startsWith(QLatin1Char('[')))) {
            in->port = p;
            in->address = in->address.left(colon);
        }
    }
    in->health = firstString(o, {"health", "status", "state", "Health", "Status"}, &used);
    in->registeredAt = firstString(o, {"registeredAt", "registered_at", "registered", "registration_time",
                                       "registrationTime", "timestamp", "since", "time"},
                                   &used);
    used << QStringLiteral("name") << QStringLiteral("id");
    const QJsonValue meta = o.contains(QLatin1String("metadata")) ? o.value(QLatin1String("metadata"))
                                                                   : o.value(QLatin1String("meta"));
    if (meta.isObject()) {
        in->metadata = meta.toObject();
    } else {
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!used.contains(it.key()))
                in->metadata.insert(it.key(), it.value());
    }
}

ServiceRegistry::ServiceRegistry(EtcdClient *client, const QByteArray &prefix, QObject *parent)
    : QObject(parent), m_client(client), m_prefix(prefix)
{
    m_ttlTimer.setInterval(2000);
    connect(&m_ttlTimer, &QTimer::timeout, this, &ServiceRegistry::pollTtls);
}

void ServiceRegistry::start()
{
    list();
    if (!m_leaseMonitor)
        m_ttlTimer.start();
}

void ServiceRegistry::setLeaseMonitor(LeaseMonitor *monitor)
{
    m_leaseMonitor = monitor;
    if (!monitor)
        return;
    m_ttlTimer.stop();
    auto update = [this](qint64 lease) {
        const LeaseInfo *info = m_leaseMonitor ? m_leaseMonitor->lease(lease) : nullptr;
        if (info && info->ttl >= 0)
            setTtl(lease, info->ttl, info->grantedTtl, info->checkedAtMs);
    };
    connect(monitor, &LeaseMonitor::leaseAdded, this, update);
    connect(monitor, &LeaseMonitor::leaseChanged, this, update);
    connect(monitor, &LeaseMonitor::leaseRemoved, this, [this](qint64 lease) { setTtl(lease, 0, 0, QDateTime::currentMSecsSinceEpoch()); });
    // Once per burst of changes (a TTL round changes every instance), not once per instance.
    m_interestTimer.setSingleShot(true);
    m_interestTimer.setInterval(0);
    connect(&m_interestTimer, &QTimer::timeout, this, &ServiceRegistry::updateLeaseInterest, Qt::UniqueConnection);
    auto later = [this] { m_interestTimer.start(); };
    connect(this, &ServiceRegistry::instanceAdded, this, later);
    connect(this, &ServiceRegistry::instanceChanged, this, later); // its lease may be another one now
    connect(this, &ServiceRegistry::instanceRemoved, this, later);
    connect(this, &ServiceRegistry::loaded, this, later);
    updateLeaseInterest();
}

ServiceRegistry::~ServiceRegistry()
{
    if (m_leaseMonitor)
        m_leaseMonitor->setInterest(interestOwner(), {});
}

QString ServiceRegistry::interestOwner() const
{
    return QStringLiteral("services registry %1").arg(quintptr(this), 0, 16);
}

void ServiceRegistry::setLooking(bool looking)
{
    m_looking = looking;
    updateLeaseInterest();
}

void ServiceRegistry::updateLeaseInterest()
{
    if (!m_leaseMonitor)
        return;
    QSet<qint64> leases;
    if (m_looking)
        for (const auto &entry : m_instances)
            if (entry.second.lease != 0)
                leases.insert(entry.second.lease);
    m_leaseMonitor->setInterest(interestOwner(), leases);
}

const ServiceInstance *ServiceRegistry::instance(const QByteArray &key) const
{
    auto it = m_instances.find(key);
    return it == m_instances.end() ? nullptr : &it->second;
}

QStringList ServiceRegistry::serviceNames() const
{
    QStringList names;
    for (const auto &entry : m_instances)
        if (names.isEmpty() || names.constLast() != entry.second.service)
            names << entry.second.service;
    names.removeDuplicates();
    names.sort();
    return names;
}

int ServiceRegistry::instanceCount(const QString &service) const
{
    int n = 0;
    for (const auto &entry : m_instances)
        n += entry.second.service == service ? 1 : 0;
    return n;
}

void ServiceRegistry::list()
{
    if (!m_client)
        return;
    delete m_watcher;
    const int generation = ++m_generation;
    m_listing.clear();
    PagedRangeOptions o;
    o.range = RangeOptions::prefix(m_prefix);
    auto walk = m_client->kv().pagedRange(o, this, [this, generation](const RangePage &page) {
        if (generation != m_generation)
            return;
        for (const KeyValue &kv : page.kvs) {
            fill(&m_listing[kv.key], kv);
        }
    });
    whenFinished(walk, this, [this, generation](const EtcdResult<PagedRangeSummary> &r) {
        if (generation != m_generation)
            return;
        if (!r.ok()) {
            Q_EMIT failed(r.error());
            return;
        }
        // Merge the listing into what is shown: a relist after a compaction changes only what changed.
        std::map<QByteArray, ServiceInstance> listing = std::move(m_listing);
        m_listing.clear();
        QVector<QByteArray> gone;
        for (const auto &entry : m_instances)
            if (listing.find(entry.first) == listing.end())
                gone << entry.first;
        for (const QByteArray &key : gone)
            remove(key);
        for (auto &entry : listing) {
            auto it = m_instances.find(entry.first);
            if (it == m_instances.end()) {
                m_instances.emplace(entry.first, std::move(entry.second));
                if (m_loaded)
                    Q_EMIT instanceAdded(entry.first);
            } else if (it->second.modRevision != entry.second.modRevision) {
                const qint64 ttl = it->second.ttl, granted = it->second.grantedTtl, at = it->second.ttlCheckedAtMs;
                const bool sameLease = it->second.lease == entry.second.lease;
                it->second = std::move(entry.second);
                if (sameLease) {
                    it->second.ttl = ttl;
                    it->second.grantedTtl = granted;
                    it->second.ttlCheckedAtMs = at;
                }
                Q_EMIT instanceChanged(entry.first);
            }
        }
        m_revision = r->header.revision;
        startWatch(m_revision + 1);
        const bool first = !m_loaded;
        m_loaded = true;
        pollTtls();
        if (first)
            Q_EMIT loaded();
    });
}

void ServiceRegistry::startWatch(qint64 fromRevision)
{
    m_watcher = m_client->watch(WatchOptions::prefix(m_prefix, fromRevision), this);
    connect(m_watcher, &Watcher::events, this, &ServiceRegistry::onEvents);
    connect(m_watcher, &Watcher::compacted, this, [this] { list(); });
    connect(m_watcher, &Watcher::failed, this, &ServiceRegistry::failed);
}

void ServiceRegistry::onEvents(const WatchEvents &events)
{
    bool newLease = false;
    for (const WatchEvent &e : events) {
        m_revision = std::max(m_revision, e.revision());
        if (e.type == WatchEvent::Delete) {
            remove(e.kv.key);
        } else {
            const ServiceInstance *before = instance(e.kv.key);
            newLease = newLease || (e.kv.lease != 0 && (!before || before->lease != e.kv.lease));
            upsert(e.kv);
        }
    }
    if (newLease)
        pollTtls(); // a new registration's TTL at once, not on the next round
}

void ServiceRegistry::fill(ServiceInstance *in, const KeyValue &kv) const
{
    const ServicePath path = ServicePath::parse(kv.key.mid(m_prefix.size()));
    in->key = kv.key;
    in->service = path.service;
    in->instance = path.instance;
    in->value = kv.value;
    in->lease = kv.lease;
    in->createRevision = kv.createRevision;
    in->modRevision = kv.modRevision;
    parseServiceValue(kv.value, in);
}

void ServiceRegistry::upsert(const KeyValue &kv)
{
    auto it = m_instances.find(kv.key);
    const bool added = it == m_instances.end();
    if (added)
        it = m_instances.emplace(kv.key, ServiceInstance{}).first;
    ServiceInstance &in = it->second;
    if (in.lease != kv.lease) {
        in.ttl = -1;
        in.grantedTtl = 0;
    }
    fill(&in, kv);
    if (added)
        Q_EMIT instanceAdded(kv.key);
    else
        Q_EMIT instanceChanged(kv.key);
}

void ServiceRegistry::remove(const QByteArray &key)
{
    auto it = m_instances.find(key);
    if (it == m_instances.end())
        return;
    const QString service = it->second.service;
    m_instances.erase(it);
    Q_EMIT instanceRemoved(key, service);
}

void ServiceRegistry::pollTtls()
{
    if (!m_client || !m_loaded)
        return;
    if (m_leaseMonitor) { // what the monitor knows now; it reports changes as it polls
        for (const auto &entry : m_leaseMonitor->leases())
            if (entry.second.ttl >= 0)
                setTtl(entry.first, entry.second.ttl, entry.second.grantedTtl, entry.second.checkedAtMs);
        return;
    }
    if (!m_looking)
        return; // nobody looks: ask nothing (TTLs count down from the last answer)
    QSet<qint64> leases;
    for (const auto &entry : m_instances)
        if (entry.second.lease != 0)
            leases.insert(entry.second.lease);
    const int generation = ++m_ttlGeneration;
    int asked = 0;
    for (qint64 lease : std::as_const(leases)) {
        if (++asked > 500)
            break; // a huge registry: the rest on a later round
        whenFinished(m_client->lease().timeToLive(lease), this, [this, lease, generation](const EtcdResult<LeaseTimeToLive> &r) {
            if (generation == m_ttlGeneration && r.ok())
                setTtl(lease, r->ttl, r->grantedTtl, QDateTime::currentMSecsSinceEpoch());
        });
    }
}

void ServiceRegistry::setTtl(qint64 lease, qint64 ttl, qint64 grantedTtl, qint64 checkedAtMs)
{
    for (auto &entry : m_instances) {
        ServiceInstance &in = entry.second;
        if (in.lease != lease)
            continue;
        const bool changed = in.ttl != std::max<qint64>(0, ttl) || in.grantedTtl != grantedTtl;
        in.ttl = std::max<qint64>(0, ttl);
        in.grantedTtl = grantedTtl;
        in.ttlCheckedAtMs = checkedAtMs;
        if (changed)
            Q_EMIT instanceChanged(entry.first);
    }
}

} // namespace etcd
