// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QVector>

#include <functional>

namespace etcd {

class FailoverObserver;
class SandboxFaults;
class WorkerPool;

// A named failover scenario run with one click and narrated step by step: each step does
// something (kill the master, cut it off, partition the etcd leader, ...) and waits, with a
// deadline, for what must follow (the next master working, the old one fenced off, quorum back).
// At the end it reports what was measured through etcd: the unavailability window (a fault to the
// master: until the next master's first work record; a fault to etcd: the longest time without
// any work record), the gap, overlaps, fenced writes refused, and the fencing check.
class FailoverScenario : public QObject
{
    Q_OBJECT
public:
    enum class Kind { KillMaster, PauseMaster, CutOffMaster, PartitionEtcdLeader, LoseQuorum };
    Q_ENUM(Kind)

    struct Result
    {
        Kind kind = Kind::KillMaster;
        bool ok = false;
        QString error; // which step did not happen in time
        // A fault to the master: from the fault to the next master's first work record. A fault to
        // etcd: the longest time without any work record from the fault to the end.
        qint64 unavailableMs = -1;
        qint64 windowStartMs = 0; // where that window begins (the fault, or the silence's start)
        qint64 faultMs = 0;       // when the fault was done (0: it never was)
        qint64 gapMs = -1;        // the master's key deleted -> the next master's first record (-1: no failover)
        int overlaps = 0;
        int fencedRefused = 0;
        QString fencingCheck; // "N handovers, 0 violations"
    };

    // `faults` and `etcdLeader` only for the etcd scenarios (the sandbox's network, who leads raft).
    FailoverScenario(WorkerPool *pool, FailoverObserver *observer, SandboxFaults *faults,
                     std::function<int()> etcdLeader, QObject *parent = nullptr);
    ~FailoverScenario() override;

    static QString name(Kind kind);
    static QString description(Kind kind);
    static bool needsSandboxNetwork(Kind kind);

    // Starts the scenario; false (with the reason narrated) when it cannot run here.
    bool start(Kind kind);
    bool isRunning() const { return m_running; }
    void cancel();

Q_SIGNALS:
    void narrate(const QString &text);
    // A fault was done at `atMs` ("kill", "pause", ...) to the master `master` ("" for a fault
    // to etcd, which is over when anyone works again), for the timeline.
    void faultDone(qint64 atMs, const QString &master, const QString &fault);
    void finished(const etcd::FailoverScenario::Result &result);

private:
    struct Step
    {
        QString say;
        std::function<void()> act;
        std::function<bool()> until; // polled; the step ends when true
        int timeoutMs = 15000;
        QString timeoutSays;
    };
    void buildSteps(Kind kind);
    void poll();
    void next();
    void finish(bool ok, const QString &error);
    QString masterId() const;
    int masterIndex() const;
    int recordsSince(qint64 atMs, const QString &notBy = {}) const;
    void markFault(const QString &fault);

    QPointer<WorkerPool> m_pool;
    QPointer<FailoverObserver> m_observer;
    QPointer<SandboxFaults> m_faults;
    std::function<int()> m_etcdLeader;
    QVector<Step> m_steps;
    int m_step = -1;
    bool m_running = false;
    QTimer m_poll;
    QElapsedTimer m_stepClock;
    Result m_result;
    QString m_master; // the master the fault was done to
    int m_masterIndex = -1;
    qint64 m_faultMs = 0;
    int m_gapsBefore = 0;
    int m_overlapsBefore = 0;
    int m_refusedBefore = 0;
};

} // namespace etcd

Q_DECLARE_METATYPE(etcd::FailoverScenario::Result)
