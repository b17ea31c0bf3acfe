// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/cluster/clustermonitor.h"

#include <QAbstractTableModel>

namespace etcd::ui {

// One row per configured endpoint with its last polled status. Rows are fixed once known; a poll
// only changes cells (dataChanged), never resets the model.
class EndpointStatusModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Endpoint,
        Member,
        Role,
        Version,
        RaftTerm,
        RaftIndex,
        Applied,
        DbSize,
        DbInUse,
        Latency,
        Health,
        ColumnCount
    };

    explicit EndpointStatusModel(QObject *parent = nullptr);
    void update(const ClusterMonitor::Snapshot &snapshot);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString memberName(quint64 id) const;
    QVector<EndpointStatus> m_rows;
    QVector<ClusterMonitor::EndpointHealth> m_health;
    QVector<etcd::Member> m_members;
};

} // namespace etcd::ui
