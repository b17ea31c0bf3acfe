// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "failover/failovertimeline.h"
#include "state/failover/failoverobserver.h"
#include "state/failover/failoverrun.h"
#include "state/failover/failoverscenario.h"
#include "state/failover/workerpool.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace etcd {
class FaultNetwork;
class SandboxFaults;
} // namespace etcd

namespace etcd::ui {

// The failover demo: start master/standby workers (etcd-demo-worker children), kill, stop, pause
// or restart them, and watch the failover on a timeline: a lane per worker (standby / master /
// lost, from what the workers report), failover gaps annotated with their length as measured
// through etcd (FailoverObserver), overlaps of two writers in red with the count of fenced writes
// refused, and a text that explains each step for a room. With the sandbox cluster, "Kill etcd
// leader" shows that the workers ride through a raft leader failover.
class FailoverPanel : public QWidget
{
    Q_OBJECT
public:
    FailoverPanel(EtcdClient *client, QWidget *parent = nullptr);
    ~FailoverPanel() override;

    // Offered by the sandbox: kill the etcd member that leads raft; returns what happened.
    void setKillEtcdLeader(std::function<QString()> kill);
    // The sandbox's breakable network: workers started from now on reach etcd through routes of
    // their own (to these client ports), so one can be cut off from etcd while it runs.
    void setSandboxNetwork(FaultNetwork *network, const QVector<quint16> &clientPorts);
    // Something was done to the sandbox (a member killed or cut off, the network restored):
    // narrated, and marked on the timeline.
    void noteSandboxEvent(const QString &sentence);
    // The sandbox's faults and who leads raft, for the etcd scenarios (partition, lost quorum).
    void setSandboxFaults(SandboxFaults *faults, std::function<int()> etcdLeader);
    // Runs a named scenario (starting three workers first if none run); narrated, measured, drawn.
    bool runScenario(FailoverScenario::Kind kind);
    FailoverScenario *scenario() const { return m_scenario; }

    // What the controls do.
    void startWorkers(int count, const QString &strategy, int ttlSeconds, bool fencing);
    void startMore();
    void stopAll();
    bool killWorker(int index);
    bool stopWorker(int index);
    bool togglePause(int index);
    bool restartWorker(int index);
    bool toggleCutOff(int index); // needs the sandbox network
    // The run so far: <base>.png and .svg (the timeline), <base>-events.csv, <base>-records.csv and
    // <base>.json (events, work records, gaps, overlaps, unavailability, fencing check).
    bool exportRun(const QString &basePath, QString *error = nullptr);
    const QVector<FailoverRunWindow> &unavailability() const { return m_windows; }

    WorkerPool *pool() const { return m_pool.get(); }
    FailoverObserver *observer() const { return m_observer; }
    QString explanation() const;
    FailoverTimeline *timeline() const { return m_timeline; }

private:
    using StateChange = FailoverTimeline::StateChange;
    void explain(const QString &text);
    void noteFaultOnMaster(int index, const QString &fault);
    void updateWindows();
    void onLine(int index, const QJsonObject &line);
    void onWorkerChanged(int index);
    void onObserved();
    void refreshTable();
    void replot();
    int selectedRow() const;

    QPointer<EtcdClient> m_client;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<EtcdClient> m_observerClient;
    FailoverObserver *m_observer = nullptr;
    QVector<QVector<StateChange>> m_history; // per worker
    int m_gapsExplained = 0;
    int m_overlapsExplained = 0;
    qint64 m_startedMs = 0;
    std::function<QString()> m_killEtcdLeader;
    QPointer<FaultNetwork> m_network;
    QVector<quint16> m_clientPorts;
    QVector<FailoverTimeline::Mark> m_marks;
    QVector<FailoverTimeline::Span> m_cutSpans;
    QPushButton *m_cutOff = nullptr;
    QVector<FailoverRunEvent> m_events;
    QVector<FailoverRunWindow> m_windows;
    QPointer<SandboxFaults> m_faults;
    std::function<int()> m_etcdLeader;
    FailoverScenario *m_scenario = nullptr;
    QComboBox *m_scenarioBox = nullptr;
    QPushButton *m_runScenario = nullptr;

    QSpinBox *m_count = nullptr;
    QComboBox *m_strategy = nullptr;
    QSpinBox *m_ttl = nullptr;
    QCheckBox *m_fencing = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_more = nullptr;
    QPushButton *m_killLeader = nullptr;
    QTableWidget *m_table = nullptr;
    FailoverTimeline *m_timeline = nullptr;
    QPlainTextEdit *m_story = nullptr;
    QLabel *m_summary = nullptr;
    QTimer m_tick;
    QHash<qint64, std::pair<qint64, qint64>> m_leaseTtl; // lease -> (seconds left, granted TTL)
};

} // namespace etcd::ui
