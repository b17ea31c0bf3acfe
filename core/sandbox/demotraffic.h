// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace etcd {

// A light, endless workload for the sandbox, so the live views have something to show from the
// first seconds: node metrics updated 4 to 12 times a second (a slow wave), and the seeded job queue worked off one
// job a second. A job leaves /jobs/queue/ (a new one is queued at the end), runs under
// /jobs/running/ on a lease of its own that is left to expire (the worker "finishes"), and is
// recorded under /jobs/done/, which keeps the last kDoneKept. Nothing grows: the queue stays at its
// seeded size, at most a few jobs run and 6 metric keys are rewritten. Every 2 s the demo
// Kubernetes control plane's leader leases (kube-scheduler, kube-controller-manager) are renewed,
// as their leader elections do, so the Kubernetes view has something live.
//
// Writes that fail (a member killed in the failover demo, say) are simply not repeated; a tick is
// skipped while the previous one's writes are still under way, so nothing piles up.
class DemoTraffic : public QObject
{
    Q_OBJECT
public:
    static constexpr int kTickMs = 250;
    static constexpr int kTicksPerJob = 4;
    static constexpr int kTicksPerLeaseRenewal = 8;
    static constexpr int kNodes = 6;
    static constexpr qint64 kJobLeaseTtl = 3;
    static constexpr int kDoneKept = 30;
    static constexpr int kFirstJob = 100001; // the seeded queue holds 100001..100300
    static constexpr int kQueued = 300;

    explicit DemoTraffic(EtcdClient *client, QObject *parent = nullptr);

    void start();
    void stop(); // what is under way still completes (isIdle() tells when)
    bool isRunning() const { return m_timer.isActive(); }
    bool isIdle() const { return m_inFlight == 0; }
    // Tests run it faster; one job every kTicksPerJob ticks whatever the pace.
    void setTickMs(int ms) { m_timer.setInterval(ms); }
    qint64 ticks() const { return m_ticks; }
    qint64 jobsStarted() const { return m_jobsStarted; }
    qint64 failures() const { return m_failures; }

    static QByteArray metricKey(int node);
    static QByteArray queuedKey(qint64 job);
    static QByteArray runningKey(qint64 job);
    static QByteArray doneKey(qint64 job);

Q_SIGNALS:
    void runningChanged(bool running);

private:
    void tick();
    void writeMetric();
    void workNextJob();
    void renewLeaderLeases();
    void settle(bool ok);

    QPointer<EtcdClient> m_client;
    QTimer m_timer;
    qint64 m_ticks = 0;
    qint64 m_metricWrites = 0;
    qint64 m_nextJob = kFirstJob;
    qint64 m_jobsStarted = 0;
    qint64 m_failures = 0;
    int m_inFlight = 0;
};

} // namespace etcd
