// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/failover/failoverobserver.h"
#include "state/failover/workerpool.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

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

    // What the controls do.
    void startWorkers(int count, const QString &strategy, int ttlSeconds, bool fencing);
    void startMore();
    void stopAll();
    bool killWorker(int index);
    bool stopWorker(int index);
    bool togglePause(int index);
    bool restartWorker(int index);

    WorkerPool *pool() const { return m_pool.get(); }
    FailoverObserver *observer() const { return m_observer; }
    QString explanation() const;
    QCustomPlot *timeline() const { return m_timeline; }

private:
    struct StateChange
    {
        qint64 atMs;
        QString state;
    };
    void explain(const QString &text);
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

    QSpinBox *m_count = nullptr;
    QComboBox *m_strategy = nullptr;
    QSpinBox *m_ttl = nullptr;
    QCheckBox *m_fencing = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_more = nullptr;
    QPushButton *m_killLeader = nullptr;
    QTableWidget *m_table = nullptr;
    QCustomPlot *m_timeline = nullptr;
    QPlainTextEdit *m_story = nullptr;
    QLabel *m_summary = nullptr;
    QTimer m_tick;
    QHash<qint64, std::pair<qint64, qint64>> m_leaseTtl; // lease -> (seconds left, granted TTL)
};

} // namespace etcd::ui
