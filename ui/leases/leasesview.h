// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/leases/leasemonitor.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableView;

namespace etcd::ui {

class LeasesModel;

// Every lease of the cluster with its TTL counting down and its keys; grant a lease, revoke one
// (after a confirmation that names its keys). Write actions are disabled on read-only connections.
class LeasesView : public QWidget
{
    Q_OBJECT
public:
    explicit LeasesView(EtcdClient *client, QWidget *parent = nullptr);

    void start();
    LeaseMonitor *monitor() const { return m_monitor; }
    LeasesModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    QListWidget *keyList() const { return m_keys; }
    QString statusText() const;

    void selectLease(qint64 id);
    void grant(qint64 ttlSeconds);
    // Revoke the selected lease after asking; `confirm` replaces the question (tests).
    void revokeSelected();
    void setConfirmation(std::function<bool(const QString &question)> confirm) { m_confirm = std::move(confirm); }

Q_SIGNALS:
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleInterest();
    void updateInterest(); // the rows on screen and the selected lease: read first and often
    qint64 selectedLease() const;
    void showKeys();
    void updateStatus();

    QPointer<EtcdClient> m_client;
    LeaseMonitor *m_monitor = nullptr;
    LeasesModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QListWidget *m_keys = nullptr;
    QLabel *m_keysTitle = nullptr;
    QSpinBox *m_ttl = nullptr;
    QPushButton *m_grant = nullptr;
    QPushButton *m_revoke = nullptr;
    QLabel *m_status = nullptr;
    std::function<bool(const QString &)> m_confirm;
    QTimer m_interestTimer;
    QString m_action; // the outcome of the last grant or revoke, kept next to the summary
};

} // namespace etcd::ui
