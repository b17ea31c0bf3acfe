// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "k8s/controlplaneleases.h"

#include "client/continuation.h"
#include "k8s/kubevalue.h"
#include "k8s/registrypath.h"

#include "k8s/coordination.pb.h"
#include "k8s/runtime.pb.h"

namespace etcd::k8s {

namespace {

namespace coordination = ::k8s::io::api::coordination::v1;
namespace meta = ::k8s::io::apimachinery::pkg::apis::meta::v1;

QDateTime toDateTime(const meta::MicroTime &t)
{
    return QDateTime::fromMSecsSinceEpoch(t.seconds() * 1000 + t.nanos() / 1000000, Qt::UTC);
}

} // namespace

bool LeaderLease::isFresh(const QDateTime &now) const
{
    return decoded && renewTime.isValid() && durationSeconds > 0 && renewTime.addSecs(durationSeconds) >= now;
}

bool LeaderLease::isLeaderElection() const
{
    return !name.startsWith(QLatin1String("apiserver-"));
}

LeaderLease ControlPlaneLeases::parse(const KeyValue &kv)
{
    LeaderLease l;
    l.key = kv.key;
    l.modRevision = kv.modRevision;
    const RegistryPath path = RegistryPath::parse(kv.key);
    l.ns = path.ns;
    l.name = path.name;
    if (storageOf(kv.value) != Storage::Protobuf)
        return l;
    // The envelope once (its kind, its object's bytes), then the Lease message itself.
    ::k8s::io::apimachinery::pkg::runtime::Unknown envelope;
    if (!envelope.ParseFromArray(kv.value.constData() + 4, int(kv.value.size() - 4)) ||
        envelope.typemeta().kind() != "Lease")
        return l;
    coordination::Lease lease;
    if (!lease.ParseFromString(envelope.raw()))
        return l;
    const coordination::LeaseSpec &spec = lease.spec();
    l.holder = QString::fromStdString(spec.holderidentity());
    l.durationSeconds = spec.leasedurationseconds();
    l.transitions = spec.leasetransitions();
    if (spec.has_acquiretime())
        l.acquireTime = toDateTime(spec.acquiretime());
    if (spec.has_renewtime())
        l.renewTime = toDateTime(spec.renewtime());
    l.decoded = true;
    return l;
}

ControlPlaneLeases::ControlPlaneLeases(EtcdClient *client, const QString &ns, QObject *parent)
    : QObject(parent), m_client(client), m_prefix(QByteArray("/registry/leases/") + ns.toUtf8() + '/')
{}

ControlPlaneLeases::~ControlPlaneLeases() = default;

void ControlPlaneLeases::start()
{
    list();
}

void ControlPlaneLeases::list()
{
    if (!m_client)
        return;
    delete m_watcher;
    const int generation = ++m_generation;
    whenFinished(m_client->kv().range(RangeOptions::prefix(m_prefix)), this,
                 [this, generation](const EtcdResult<RangeResult> &r) {
                     if (generation != m_generation)
                         return;
                     if (!r.ok()) {
                         Q_EMIT failed(r.error());
                         return;
                     }
                     m_leases.clear();
                     for (const KeyValue &kv : r->kvs)
                         m_leases[kv.key] = parse(kv);
                     m_watcher = m_client->watch(WatchOptions::prefix(m_prefix, r->header.revision + 1), this);
                     connect(m_watcher, &Watcher::events, this, &ControlPlaneLeases::onEvents);
                     connect(m_watcher, &Watcher::compacted, this, [this] { list(); });
                     connect(m_watcher, &Watcher::failed, this, &ControlPlaneLeases::failed);
                     const bool first = !m_loaded;
                     m_loaded = true;
                     Q_EMIT changed();
                     if (first)
                         Q_EMIT loaded();
                 });
}

void ControlPlaneLeases::onEvents(const WatchEvents &events)
{
    for (const WatchEvent &e : events) {
        if (e.type == WatchEvent::Delete)
            m_leases.erase(e.kv.key);
        else
            m_leases[e.kv.key] = parse(e.kv);
    }
    Q_EMIT changed();
}

} // namespace etcd::k8s
