// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "state/cluster/clustermonitor.h"
#include "state/leases/leasemonitor.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVector>

#include <map>

namespace etcd {

// A fixed-size ring of (time, value) samples: memory stays the same however long it runs.
class SampleRing
{
public:
    explicit SampleRing(int capacity = 3600);

    void append(double time, double value);
    void clear();
    int size() const { return m_size; }
    int capacity() const { return int(m_times.size()); }
    // i-th sample, oldest first.
    double timeAt(int i) const;
    double valueAt(int i) const;
    double lastValue(double fallback = 0) const { return m_size ? valueAt(m_size - 1) : fallback; }
    // The samples at or after `from`, oldest first (sorted by time, as QCustomPlot wants them).
    void copySince(double from, QVector<double> *times, QVector<double> *values) const;

private:
    QVector<double> m_times;
    QVector<double> m_values;
    int m_head = 0; // where the next sample goes
    int m_size = 0;
};

// What is happening right now, as time series for the activity plots. Times are seconds since the
// epoch (QCustomPlot's date-time axis).
//
// - Watch activity on a scope: PUT and DELETE events per second (one watch, counted, not stored).
// - Lease activity: leases granted and gone (revoked or expired) from the lease list polling of a
//   LeaseMonitor (etcd has no lease event stream), deletes of lease-bound keys from the watch's
//   previous values (an expiry or revoke deletes them), keepalives this console sent, active leases.
// - Cluster: writes per second (the revision's rate), db size, raft index and each endpoint's status
//   latency from the ClusterMonitor's polls; leader changes as marks.
// Counters are binned per second; every series is a SampleRing of `capacity` samples (default one
// hour at one sample a second).
class ActivityMeter : public QObject
{
    Q_OBJECT
public:
    enum Series {
        Puts,            // per second
        Deletes,         // per second
        LeasesGranted,   // per second
        LeasesGone,      // per second (revoked or expired)
        LeaseKeyDeletes, // per second: deletes of keys that were attached to a lease
        KeepAlives,      // per second, sent by this console
        ActiveLeases,
        Writes, // per second, from the cluster's revision
        DbSize, // bytes, largest member
        RaftIndex,
        SeriesCount
    };
    Q_ENUM(Series)

    ActivityMeter(EtcdClient *client, ClusterMonitor *monitor, LeaseMonitor *leases, const QByteArray &scope,
                  int capacity = 3600, QObject *parent = nullptr);

    void start(); // starts the watch and the one-second bins
    static QString seriesName(Series series);

    const SampleRing &series(Series s) const { return m_series[size_t(s)]; }
    QStringList latencyEndpoints() const;
    const SampleRing *latency(const QString &endpoint) const; // milliseconds
    const SampleRing &leaderChanges() const { return m_leaderChanges; } // value: new leader id (as double)

    // The inputs, public so tests and the benchmark can feed known traffic without a cluster.
    void countEvents(const WatchEvents &events);
    void closeBin(double now);
    void addClusterSample(const ClusterMonitor::Snapshot &snapshot, double now);

Q_SIGNALS:
    void sampled(); // a bin was closed or a cluster sample added: time to (throttled) replot

private:
    QPointer<EtcdClient> m_client;
    QPointer<ClusterMonitor> m_monitor;
    QPointer<LeaseMonitor> m_leases;
    QByteArray m_scope;
    int m_capacity;
    std::vector<SampleRing> m_series;
    std::map<QString, SampleRing> m_latency;
    SampleRing m_leaderChanges;
    QTimer m_binTimer;
    QPointer<Watcher> m_watcher;
    // The open bin.
    qint64 m_puts = 0;
    qint64 m_deletes = 0;
    qint64 m_granted = 0;
    qint64 m_gone = 0;
    qint64 m_leaseKeyDeletes = 0;
    qint64 m_keepAlives = 0;
    double m_binStart = 0;
    // The previous cluster sample, for the revision rate.
    qint64 m_lastRevision = 0;
    double m_lastRevisionAt = 0;
};

} // namespace etcd
