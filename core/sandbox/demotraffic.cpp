// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/demotraffic.h"

#include "k8s/demoregistry.h"

#include "client/continuation.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtMath>

namespace etcd {

namespace {
QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

DemoTraffic::DemoTraffic(EtcdClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &DemoTraffic::tick);
}

QByteArray DemoTraffic::metricKey(int node)
{
    return "/metrics/nodes/node-" + QByteArray::number(node + 1) + "/load";
}

QByteArray DemoTraffic::queuedKey(qint64 job)
{
    return "/jobs/queue/" + QByteArray::number(job);
}

QByteArray DemoTraffic::runningKey(qint64 job)
{
    return "/jobs/running/" + QByteArray::number(job);
}

QByteArray DemoTraffic::doneKey(qint64 job)
{
    return "/jobs/done/" + QByteArray::number(job);
}

void DemoTraffic::start()
{
    if (m_timer.isActive() || !m_client)
        return;
    m_timer.start();
    Q_EMIT runningChanged(true);
}

void DemoTraffic::stop()
{
    if (!m_timer.isActive())
        return;
    m_timer.stop();
    Q_EMIT runningChanged(false);
}

void DemoTraffic::tick()
{
    // Skipped while the last tick's writes are under way (a slow or unreachable cluster).
    if (!m_client || m_inFlight > 0)
        return;
    ++m_ticks;
    // One to three metric writes a tick, rising and falling over about a minute: a workload that
    // looks alive on the plots rather than a flat line.
    const double t = double(m_ticks) * kTickMs / 1000.0;
    const int metrics = 1 + qRound(1 + qSin(2 * M_PI * t / 60.0));
    for (int i = 0; i < metrics; ++i)
        writeMetric();
    if (m_ticks % kTicksPerJob == 0)
        workNextJob();
    if (m_ticks % kTicksPerLeaseRenewal == 0)
        renewLeaderLeases();
}

void DemoTraffic::renewLeaderLeases()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime acquired = now.addDays(-3);
    for (const auto &lease :
         {k8s::demoLeaderLease(QStringLiteral("kube-controller-manager"),
                               QStringLiteral("cp-1_6f4e2c1a-93d1-4f6e-b0a2-5b1f2c3d4e5f"), acquired, now, 3),
          k8s::demoLeaderLease(QStringLiteral("kube-scheduler"), QStringLiteral("cp-1_0c2b7d4e-1a5f-4e8b-9c3d-7e6f5a4b3c2d"),
                               acquired, now, 2)}) {
        ++m_inFlight;
        whenFinished(m_client->kv().put(lease.first, lease.second), this,
                     [this](const EtcdResult<PutResult> &r) { settle(r.ok()); });
    }
}

void DemoTraffic::writeMetric()
{
    const int node = int(m_metricWrites++ % kNodes);
    // A smooth, different curve per node: the values look like load, not noise.
    const double t = double(m_ticks) * kTickMs / 1000.0;
    const double cpu = 45 + 30 * qSin(t / 7.0 + node) + 10 * qSin(t / 1.3 + 2 * node);
    const QByteArray value = compact({{QStringLiteral("cpu"), qRound(cpu * 10) / 10.0},
                                      {QStringLiteral("memoryGb"), 12 + node * 4 + int(m_ticks % 5)},
                                      {QStringLiteral("ts"), QDateTime::currentMSecsSinceEpoch()}});
    ++m_inFlight;
    whenFinished(m_client->kv().put(metricKey(node), value), this,
                 [this](const EtcdResult<PutResult> &r) { settle(r.ok()); });
}

void DemoTraffic::workNextJob()
{
    // The job number moves on only once its transaction went through: a failed grant or write
    // (a member killed in the failover demo) is tried again with the same job, so the queue keeps
    // its size and no done record is skipped.
    const qint64 job = m_nextJob;
    ++m_inFlight;
    whenFinished(m_client->lease().grant(kJobLeaseTtl), this, [this, job](const EtcdResult<LeaseGrant> &lease) {
        if (!lease.ok() || !m_client)
            return settle(false);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 finished = job - kJobLeaseTtl; // its lease has just run out
        TxnSpec txn;
        txn.success << TxnOp::deleteRange(DeleteOptions::single(queuedKey(job)))
                    << TxnOp::putKey(queuedKey(job + kQueued),
                                     compact({{QStringLiteral("kind"),
                                               job % 3 ? QStringLiteral("thumbnail") : QStringLiteral("reindex")},
                                              {QStringLiteral("attempts"), 0}}));
        PutOptions onLease;
        onLease.lease = lease->id;
        txn.success << TxnOp::putKey(runningKey(job),
                                     compact({{QStringLiteral("worker"), QStringLiteral("worker-%1").arg(job % 3 + 1)},
                                              {QStringLiteral("started"), now},
                                              {QStringLiteral("lease"), QString::number(lease->id, 16)}}),
                                     onLease);
        if (finished >= kFirstJob) {
            txn.success << TxnOp::putKey(
                doneKey(finished),
                compact({{QStringLiteral("finished"), now}, {QStringLiteral("result"), QStringLiteral("ok")}}));
            // Everything older than the last kDoneKept (job numbers have six digits, so they sort;
            // a range ending below the first job would end at a 5-digit key, past this put).
            if (finished - kDoneKept + 1 > kFirstJob)
                txn.success << TxnOp::deleteRange(
                    DeleteOptions::range(QByteArrayLiteral("/jobs/done/"), doneKey(finished - kDoneKept + 1)));
        }
        whenFinished(m_client->kv().txn(txn), this, [this, job](const EtcdResult<TxnResult> &r) {
            if (r.ok() && m_nextJob == job) {
                m_nextJob = job + 1;
                ++m_jobsStarted;
            }
            settle(r.ok());
        });
    });
}

void DemoTraffic::settle(bool ok)
{
    --m_inFlight;
    if (!ok)
        ++m_failures;
}

} // namespace etcd
