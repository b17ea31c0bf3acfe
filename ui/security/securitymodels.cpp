// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "security/securitymodels.h"

#include "common/theme.h"
#include "format/valueformat.h"

#include "state/security/permissiontext.h"

#include <QFont>
#include <QVector>

namespace etcd::ui {

namespace {

QString describeRange(const Permission &p)
{
    return permissiontext::describeRange(p.key, p.rangeEnd);
}

// etcd's built-in role: it may hold no permission at all and still allows everything.
bool isRootRole(const QString &name)
{
    return name == QLatin1String("root");
}

} // namespace

// --- users ---------------------------------------------------------------------------------------

UsersModel::UsersModel(const QString &connectionUser, QObject *parent)
    : SortedRowsModel<UserInfo>(parent), m_connectionUser(connectionUser)
{}

void UsersModel::setUsers(const QVector<UserInfo> &users)
{
    setRows(
        std::vector<UserInfo>(users.cbegin(), users.cend()),
        [](const UserInfo &a, const UserInfo &b) { return a.name < b.name; },
        [](const UserInfo &a, const UserInfo &b) { return a.roles == b.roles; });
}

int UsersModel::rowOf(const QString &name) const
{
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), name,
                               [](const UserInfo &u, const QString &n) { return u.name < n; });
    return it != m_rows.end() && it->name == name ? int(it - m_rows.begin()) : -1;
}

const UserInfo *UsersModel::user(const QString &name) const
{
    return rowAt(rowOf(name));
}

int UsersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsersModel::data(const QModelIndex &index, int role) const
{
    const UserInfo *u = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!u)
        return {};
    const bool isMe = !m_connectionUser.isEmpty() && u->name == m_connectionUser;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == Name)
            return isMe ? tr("%1 (this connection)").arg(u->name) : u->name;
        if (index.column() == Roles)
            return u->roles.isEmpty() ? tr("no role") : u->roles.join(QStringLiteral(", "));
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Roles && u->roles.isEmpty())
            return Theme::warningColor();
        return {};
    case Qt::FontRole:
        if (isMe && index.column() == Name) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Roles && u->roles.contains(QLatin1String("root")))
            return tr("The root role: may do everything, including administering users and roles");
        if (isMe)
            return tr("This console's connection signs in as %1").arg(u->name);
        return {};
    case NameRole:
        return u->name;
    default:
        return {};
    }
}

QVariant UsersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("User");
    case Roles:
        return tr("Roles");
    default:
        return {};
    }
}

// --- roles ---------------------------------------------------------------------------------------

RolesModel::RolesModel(QObject *parent) : SortedRowsModel<RoleInfo>(parent) {}

void RolesModel::setRoles(const QVector<RoleInfo> &roles)
{
    setRows(
        std::vector<RoleInfo>(roles.cbegin(), roles.cend()),
        [](const RoleInfo &a, const RoleInfo &b) { return a.name < b.name; },
        [](const RoleInfo &a, const RoleInfo &b) {
            if (a.permissions.size() != b.permissions.size())
                return false;
            for (int i = 0; i < a.permissions.size(); ++i) {
                const Permission &x = a.permissions[i];
                const Permission &y = b.permissions[i];
                if (x.type != y.type || x.key != y.key || x.rangeEnd != y.rangeEnd)
                    return false;
            }
            return true;
        });
}

int RolesModel::rowOf(const QString &name) const
{
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), name,
                               [](const RoleInfo &r, const QString &n) { return r.name < n; });
    return it != m_rows.end() && it->name == name ? int(it - m_rows.begin()) : -1;
}

const RoleInfo *RolesModel::role(const QString &name) const
{
    return rowAt(rowOf(name));
}

QStringList RolesModel::names() const
{
    QStringList out;
    for (const RoleInfo &r : m_rows)
        out << r.name;
    return out;
}

int RolesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RolesModel::data(const QModelIndex &index, int role) const
{
    const RoleInfo *r = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!r)
        return {};
    if (role == NameRole)
        return r->name;
    if (role == Qt::TextAlignmentRole && index.column() == Count)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && isRootRole(r->name))
        return tr("etcd's built-in role: it allows everything, whatever permissions it lists");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return r->name;
    case Count:
        return QString::number(r->permissions.size());
    case Summary: {
        if (isRootRole(r->name) && r->permissions.isEmpty())
            return tr("everything (built-in root role)");
        if (r->permissions.isEmpty())
            return tr("no permission yet");
        QStringList parts;
        for (const Permission &p : r->permissions)
            parts << permissiontext::typeName(p.type) + QLatin1Char(' ') + describeRange(p);
        return parts.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

QVariant RolesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Role");
    case Count:
        return tr("Permissions");
    case Summary:
        return tr("Grants");
    default:
        return {};
    }
}

// --- permissions of one role ---------------------------------------------------------------------

PermissionsModel::PermissionsModel(QObject *parent) : SortedRowsModel<Permission>(parent) {}

void PermissionsModel::setRole(const RoleInfo &role)
{
    m_role = role.name;
    setRows(
        std::vector<Permission>(role.permissions.cbegin(), role.permissions.cend()),
        [](const Permission &a, const Permission &b) {
            return a.key != b.key ? a.key < b.key : a.rangeEnd < b.rangeEnd;
        },
        [](const Permission &a, const Permission &b) { return a.type == b.type; });
}

int PermissionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PermissionsModel::data(const QModelIndex &index, int role) const
{
    const Permission *p = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!p)
        return {};
    if (role == Qt::ToolTipRole) {
        // The exact range etcd stores, for whoever compares with etcdctl.
        return tr("key %1, range end %2")
            .arg(displayKey(p->key), p->rangeEnd.isEmpty() ? tr("(none: this key only)") : displayKey(p->rangeEnd));
    }
    if (role == Qt::FontRole && index.column() == Keys) {
        QFont mono(QStringLiteral("monospace"));
        mono.setStyleHint(QFont::TypeWriter);
        return mono;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Access:
        return permissiontext::typeName(p->type);
    case Keys:
        return describeRange(*p);
    case Kind:
        return permissiontext::kindName(permissiontext::kindOf(p->key, p->rangeEnd));
    default:
        return {};
    }
}

QVariant PermissionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Access:
        return tr("Access");
    case Keys:
        return tr("Keys");
    case Kind:
        return tr("Range");
    default:
        return {};
    }
}

} // namespace etcd::ui
