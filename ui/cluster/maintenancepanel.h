// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "state/cluster/clustermonitor.h"

#include <QFuture>
#include <QDateTime>
#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace etcd::ui {

// Maintenance actions on the Cluster page: defragment a member, save a snapshot to a file (progress,
// cancellable), compact to a revision, move the leader to a member, disarm alarms. Each asks for a
// confirmation that says what it does. The writes are disabled on read-only connections (a snapshot
// is a read and stays available). The entry points below are what the buttons do once a target is
// chosen; tests call them with a confirmation hook instead of the message box.
class MaintenancePanel : public QWidget
{
    Q_OBJECT
public:
    MaintenancePanel(EtcdClient *client, ClusterMonitor *monitor, QWidget *parent = nullptr);

    void setConfirmation(std::function<bool(const QString &question)> confirm) { m_confirm = std::move(confirm); }

    void defragment(const QString &endpoint);
    void saveSnapshot(const QString &filePath, const QString &endpoint = {});
    void cancelSnapshot();
    void compact(qint64 revision);
    void moveLeader(quint64 memberId);
    void disarmAlarms();
    // The maintenance actions (defragment, move leader, compact, disarm, snapshot) into `menu`.
    void fillMenu(QMenu *menu);

    bool isBusy() const { return m_busy; }
    QString resultText() const;
    QProgressBar *snapshotProgress() const { return m_progress; }

Q_SIGNALS:
    // An action ended (ok false: refused, failed or cancelled; `message` says which).
    void finished(const QString &action, bool ok, const QString &message);

private:
    bool confirm(const QString &question);
    void setBusy(bool busy, const QString &text = {});
    void done(const QString &action, bool ok, const QString &message);
    void fillDefragMenu(QMenu *menu);
    void fillMoveLeaderMenu(QMenu *menu);
    void chooseSnapshotFile();
    void askCompact();

    QPointer<EtcdClient> m_client;
    QPointer<ClusterMonitor> m_monitor;
    quint64 m_movedTo = 0; // the member a successful "move leader" made leader (0: none shown)
    QDateTime m_movedAt;
    std::function<bool(const QString &)> m_confirm;
    bool m_busy = false;
    QFuture<EtcdResult<SnapshotInfo>> m_snapshot;
    QToolButton *m_defrag = nullptr;
    QToolButton *m_moveLeader = nullptr;
    QPushButton *m_snapshotButton = nullptr;
    QPushButton *m_compact = nullptr;
    QPushButton *m_disarm = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace etcd::ui
