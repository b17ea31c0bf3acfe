// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/cluster/activitymeter.h"

#include <QDateTime>

#include <algorithm>

namespace etcd {

namespace {
double nowSeconds()
{
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}
} // namespace

SampleRing::SampleRing(int capacity) : m_times(std::max(1, capacity)), m_values(std::max(1, capacity)) {}

void SampleRing::append(double time, double value)
{
    m_times[m_head] = time;
    m_values[m_head] = value;
    m_head = (m_head + 1) % int(m_times.size());
    m_size = std::min(m_size + 1, int(m_times.size()));
}

void SampleRing::clear()
{
    m_head = 0;
    m_size = 0;
}

double SampleRing::timeAt(int i) const
{
    const int cap = int(m_times.size());
    return m_times[(m_head - m_size + i + cap) % cap];
}

double SampleRing::valueAt(int i) const
{
    const int cap = int(m_times.size());
    return m_values[(m_head - m_size + i + cap) % cap];
}

void SampleRing::copySince(double from, QVector<double> *times, QVector<double> *values) const
{
    times->clear();
    values->clear();
    // Times only grow, so the first sample at or after `from` is found by binary search.
    int lo = 0;
    int hi = m_size;
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (timeAt(mid) < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    times->reserve(m_size - lo);
    values->reserve(m_size - lo);
    for (int i = lo; i < m_size; ++i) {
        times->append(timeAt(i));
        values->append(valueAt(i));
    }
}

ActivityMeter::ActivityMeter(EtcdClient *client, ClusterMonitor *monitor, LeaseMonitor *leases, const QByteArray &scope,
                             int capacity, QObject *parent)
    : QObject(parent), m_client(client), m_monitor(monitor), m_leases(leases), m_scope(scope), m_capacity(capacity),
      m_series(SeriesCount, SampleRing(capacity)), m_leaderChanges(std::max(16, capacity / 10))
{
    m_binTimer.setInterval(1000);
    connect(&m_binTimer, &QTimer::timeout, this, [this] { closeBin(nowSeconds()); });
    if (monitor) {
        connect(monitor, &ClusterMonitor::updated, this,
                [this](const ClusterMonitor::Snapshot &s) { addClusterSample(s, nowSeconds()); });
        connect(monitor, &ClusterMonitor::leaderChanged, this, [this](quint64 previous, quint64 leader) {
            if (previous != 0) // the first leader seen is no change
                m_leaderChanges.append(nowSeconds(), double(leader));
        });
    }
    if (leases) {
        connect(leases, &LeaseMonitor::leaseAdded, this, [this] {
            if (m_leases->isLoaded()) // the leases found by the first listing were not granted now
                ++m_granted;
        });
        connect(leases, &LeaseMonitor::leaseRemoved, this, [this] { ++m_gone; });
    }
    if (client)
        connect(client, &EtcdClient::keepAliveSent, this, [this] { ++m_keepAlives; });
}

QString ActivityMeter::seriesName(Series s)
{
    switch (s) {
    case Puts: return tr("PUT events/s");
    case Deletes: return tr("DELETE events/s");
    case LeasesGranted: return tr("leases granted/s");
    case LeasesGone: return tr("leases revoked or expired/s");
    case LeaseKeyDeletes: return tr("lease-bound keys deleted/s");
    case KeepAlives: return tr("keepalives sent/s");
    case ActiveLeases: return tr("active leases");
    case Writes: return tr("writes/s (revision rate)");
    case DbSize: return tr("db size");
    case RaftIndex: return tr("raft index");
    case SeriesCount: break;
    }
    return {};
}

void ActivityMeter::start()
{
    if (m_client && !m_watcher) {
        WatchOptions w = WatchOptions::prefix(m_scope);
        w.prevKv = true; // to tell deletes of lease-bound keys (expiries, revokes) from others
        m_watcher = m_client->watch(w, this);
        connect(m_watcher, &Watcher::events, this, &ActivityMeter::countEvents);
        // A compacted resume point only loses counts, never correctness: start counting again.
        connect(m_watcher, &Watcher::compacted, this, [this] {
            m_watcher->deleteLater();
            m_watcher = nullptr;
            start();
        });
    }
    m_binStart = nowSeconds();
    m_binTimer.start();
}

void ActivityMeter::countEvents(const WatchEvents &events)
{
    for (const WatchEvent &e : events) {
        if (e.type == WatchEvent::Put) {
            ++m_puts;
        } else {
            ++m_deletes;
            if (e.prevKv && e.prevKv->lease != 0)
                ++m_leaseKeyDeletes;
        }
    }
}

void ActivityMeter::closeBin(double now)
{
    // Rates over the bin's real length (a timer may fire late).
    const double length = m_binStart > 0 ? std::max(0.001, now - m_binStart) : 1.0;
    auto rate = [length](qint64 &count) {
        const double r = double(count) / length;
        count = 0;
        return r;
    };
    m_series[Puts].append(now, rate(m_puts));
    m_series[Deletes].append(now, rate(m_deletes));
    m_series[LeasesGranted].append(now, rate(m_granted));
    m_series[LeasesGone].append(now, rate(m_gone));
    m_series[LeaseKeyDeletes].append(now, rate(m_leaseKeyDeletes));
    m_series[KeepAlives].append(now, rate(m_keepAlives));
    if (m_leases && m_leases->isLoaded())
        m_series[ActiveLeases].append(now, double(m_leases->leases().size()));
    m_binStart = now;
    Q_EMIT sampled();
}

void ActivityMeter::addClusterSample(const ClusterMonitor::Snapshot &s, double now)
{
    if (s.state == ClusterMonitor::State::Connecting || s.state == ClusterMonitor::State::Unreachable)
        return;
    if (m_lastRevision > 0 && s.revision >= m_lastRevision && now > m_lastRevisionAt)
        m_series[Writes].append(now, double(s.revision - m_lastRevision) / (now - m_lastRevisionAt));
    m_lastRevision = s.revision;
    m_lastRevisionAt = now;
    qint64 db = 0;
    quint64 raft = 0;
    for (const EndpointStatus &st : s.endpoints) {
        if (!st.ok())
            continue;
        db = std::max(db, st.dbSize);
        raft = std::max(raft, st.raftIndex);
        auto it = m_latency.find(st.endpoint);
        if (it == m_latency.end()) {
            if (m_latency.size() >= 16)
                continue; // a sane bound on the number of lines
            it = m_latency.emplace(st.endpoint, SampleRing(m_capacity)).first;
        }
        it->second.append(now, double(st.latencyUs) / 1000.0);
    }
    m_series[DbSize].append(now, double(db));
    m_series[RaftIndex].append(now, double(raft));
    Q_EMIT sampled();
}

QStringList ActivityMeter::latencyEndpoints() const
{
    QStringList names;
    for (const auto &entry : m_latency)
        names << entry.first;
    return names;
}

const SampleRing *ActivityMeter::latency(const QString &endpoint) const
{
    auto it = m_latency.find(endpoint);
    return it == m_latency.end() ? nullptr : &it->second;
}

} // namespace etcd
