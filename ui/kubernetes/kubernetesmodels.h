// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "k8s/controlplaneleases.h"
#include "k8s/registryscan.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace etcd::ui {

using SharedScan = std::shared_ptr<const k8s::RegistryScan>;

// Objects and bytes per resource or per namespace, largest first, with each one's share of the
// /registry bytes. Replaced as a whole by each scan (a scan is a new snapshot, not a live change).
class RegistryTotalsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Mode { Resources, Namespaces };
    enum Column { Name, Detail, Objects, Bytes, Share, ColumnCount };
    enum Role { FilterRole = Qt::UserRole + 1 }; // the kind or namespace, for the objects' filter

    explicit RegistryTotalsModel(Mode mode, QObject *parent = nullptr);
    void setScan(SharedScan scan);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Mode m_mode;
    SharedScan m_scan;
};

// The scan's objects that pass a filter (kind, namespace, label selector), largest first unless
// sorted otherwise. Only indexes into the scan are kept: the values never were.
class RegistryObjectsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Kind, Namespace, Name, Size, Labels, Revision, ColumnCount };
    enum Role { KeyRole = Qt::UserRole + 1 };

    explicit RegistryObjectsModel(QObject *parent = nullptr);
    // Rows are the scan's objects at `rows` (indexes into scan->index).
    void setRows(SharedScan scan, QVector<int> rows);
    QByteArray keyAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void sortRows();

    SharedScan m_scan;
    QVector<int> m_rows;
    int m_sortColumn = Size;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

// The Leases of the control plane's leader elections (and the API servers' identity leases):
// holder, last renewal counting up, duration, handovers. Live: rows come and go one at a time as
// the watch reports, and the ages tick every second.
class LeaderLeasesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Lease, Holder, Renewed, Duration, Transitions, State, ColumnCount };

    explicit LeaderLeasesModel(k8s::ControlPlaneLeases *source, QObject *parent = nullptr);
    // The leases' state as of `now` (tests pass a fixed time).
    void setNow(const QDateTime &now);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void sync();
    const k8s::LeaderLease *leaseAt(int row) const;

    QPointer<k8s::ControlPlaneLeases> m_source;
    QVector<QByteArray> m_keys; // the rows: leader elections first, then by name
    QTimer m_tick;
    QDateTime m_now;
    bool m_fixedNow = false;
};

} // namespace etcd::ui
