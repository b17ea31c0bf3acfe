// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/cluster/clusterevents.h"

#include <QAbstractTableModel>

namespace etcd::ui {

// The cluster's event log, newest first: time, what happened, details. Rows are inserted at the
// top as events arrive and the oldest leave at the bottom when the log is full.
class ClusterEventsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Kind, Details, ColumnCount };

    explicit ClusterEventsModel(ClusterEventLog *log, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ClusterEventLog *m_log;
    QVector<ClusterEvent> m_events; // newest first, at most the log's capacity
};

} // namespace etcd::ui
