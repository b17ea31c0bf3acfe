// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/leases/leasemonitor.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <vector>

namespace etcd::ui {

// Every lease as a row: id, granted TTL, TTL left counting down each second, attached key count
// and the first keys. Leases about to expire are highlighted. Single-row inserts and removals as
// the monitor finds leases come and go.
class LeasesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Granted, TtlLeft, KeyCount, Keys, ColumnCount };
    enum Role { LeaseIdRole = Qt::UserRole + 1, ExpiringSoonRole };

    explicit LeasesModel(LeaseMonitor *monitor, QObject *parent = nullptr);

    qint64 leaseAt(int row) const;
    int rowOf(qint64 id) const; // -1 when absent
    // Rows highlighted as about to expire, by the same test as their highlight, now.
    int expiringSoonCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void onAdded(qint64 id);
    void onRemoved(qint64 id);
    void onChanged(qint64 id);
    void tick();

    LeaseMonitor *m_monitor;
    std::vector<qint64> m_ids; // sorted
    QTimer m_countdown;
};

} // namespace etcd::ui
