// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/authtypes.h"

#include <QAbstractTableModel>

#include <algorithm>
#include <vector>

namespace etcd::ui {

// Rows of T kept sorted by a key. setRows() turns a fresh listing into single-row removals,
// insertions and dataChanged on the rows that differ, so selections and scroll positions survive
// a refresh (no model reset).
template<class T> class SortedRowsModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    const std::vector<T> &rows() const { return m_rows; }
    const T *rowAt(int row) const { return row >= 0 && row < int(m_rows.size()) ? &m_rows[size_t(row)] : nullptr; }

protected:
    // `less` orders rows by key; `same` tells whether two rows with the same key show the same.
    template<class Less, class Same> void setRows(std::vector<T> fresh, Less less, Same same)
    {
        std::sort(fresh.begin(), fresh.end(), less);
        size_t i = 0;
        size_t j = 0;
        while (i < m_rows.size() || j < fresh.size()) {
            if (j == fresh.size() || (i < m_rows.size() && less(m_rows[i], fresh[j]))) {
                beginRemoveRows({}, int(i), int(i));
                m_rows.erase(m_rows.begin() + qsizetype(i));
                endRemoveRows();
            } else if (i == m_rows.size() || less(fresh[j], m_rows[i])) {
                beginInsertRows({}, int(i), int(i));
                m_rows.insert(m_rows.begin() + qsizetype(i), fresh[j]);
                endInsertRows();
                ++i;
                ++j;
            } else {
                if (!same(m_rows[i], fresh[j])) {
                    m_rows[i] = fresh[j];
                    Q_EMIT dataChanged(index(int(i), 0), index(int(i), columnCount() - 1));
                }
                ++i;
                ++j;
            }
        }
    }

    std::vector<T> m_rows;
};

// Users with their roles. The connection's own user is shown in bold.
class UsersModel : public SortedRowsModel<UserInfo>
{
    Q_OBJECT
public:
    enum Column { Name, Roles, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1 };

    explicit UsersModel(const QString &connectionUser, QObject *parent = nullptr);

    void setUsers(const QVector<UserInfo> &users);
    int rowOf(const QString &name) const; // -1 when absent
    const UserInfo *user(const QString &name) const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString m_connectionUser;
};

// Roles with a summary of their permissions ("read /app/*, write /cfg/flag").
class RolesModel : public SortedRowsModel<RoleInfo>
{
    Q_OBJECT
public:
    enum Column { Name, Count, Summary, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1 };

    explicit RolesModel(QObject *parent = nullptr);

    void setRoles(const QVector<RoleInfo> &roles);
    int rowOf(const QString &name) const;
    const RoleInfo *role(const QString &name) const;
    QStringList names() const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

// The permissions of one role: access type, the keys as a readable prefix, the kind of range.
class PermissionsModel : public SortedRowsModel<Permission>
{
    Q_OBJECT
public:
    enum Column { Access, Keys, Kind, ColumnCount };

    explicit PermissionsModel(QObject *parent = nullptr);

    // Show `role`'s permissions (none: an empty role name).
    void setRole(const RoleInfo &role);
    QString roleName() const { return m_role; }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString m_role;
};

} // namespace etcd::ui
