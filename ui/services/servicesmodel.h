// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/services/serviceregistry.h"

#include <QAbstractItemModel>
#include <QTimer>

#include <memory>
#include <vector>

namespace etcd::ui {

// Registered services as a two-level tree: services (with their instance count), and under each its
// instances with endpoint, health, lease and the TTL left counting down. Follows a ServiceRegistry
// with single-row inserts, removals and changes; values that are not JSON are shown raw.
class ServicesModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { Name, Endpoint, Health, Lease, TtlLeft, Registered, Details, ColumnCount };
    enum Role { KeyRole = Qt::UserRole + 1, AliveRole };

    explicit ServicesModel(ServiceRegistry *registry, QObject *parent = nullptr);

    QByteArray keyAt(const QModelIndex &index) const; // empty for a service row
    QModelIndex indexForKey(const QByteArray &key) const;
    QModelIndex indexForService(const QString &service) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct ServiceNode
    {
        QString name;
        std::vector<QByteArray> keys; // sorted
    };
    int serviceRow(const QString &name) const; // -1 when absent
    void rebuild();
    void onAdded(const QByteArray &key);
    void onRemoved(const QByteArray &key, const QString &service);
    void onChanged(const QByteArray &key);
    void tick();

    ServiceRegistry *m_registry;
    std::vector<std::unique_ptr<ServiceNode>> m_services; // sorted by name
    QTimer m_countdown;
};

} // namespace etcd::ui
