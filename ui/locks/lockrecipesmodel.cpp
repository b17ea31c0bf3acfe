// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "locks/locksmodels.h"

#include "common/theme.h"
#include "format/keytext.h"

#include <QBrush>

#include <algorithm>

namespace etcd::ui {

LockRecipesModel::LockRecipesModel(LocksMirror *mirror, QObject *parent) : QAbstractTableModel(parent), m_mirror(mirror)
{
    for (const auto &entry : mirror->recipes())
        m_names.push_back(entry.first); // a std::map: sorted already
    connect(mirror, &LocksMirror::recipeAdded, this, &LockRecipesModel::onAdded);
    connect(mirror, &LocksMirror::recipeChanged, this, &LockRecipesModel::onChanged);
    connect(mirror, &LocksMirror::recipeRemoved, this, &LockRecipesModel::onRemoved);
    // A contender joining or leaving changes the counts; the recipe's own change comes per batch.
    connect(mirror, &LocksMirror::contenderAdded, this, [this](const QByteArray &name) { onChanged(name); });
    connect(mirror, &LocksMirror::contenderRemoved, this, [this](const QByteArray &name) { onChanged(name); });
}

QByteArray LockRecipesModel::nameAt(int row) const
{
    return row >= 0 && row < int(m_names.size()) ? m_names[size_t(row)] : QByteArray();
}

int LockRecipesModel::rowOf(const QByteArray &name) const
{
    auto it = std::lower_bound(m_names.begin(), m_names.end(), name);
    return it != m_names.end() && *it == name ? int(it - m_names.begin()) : -1;
}

void LockRecipesModel::onAdded(const QByteArray &name)
{
    auto it = std::lower_bound(m_names.begin(), m_names.end(), name);
    if (it != m_names.end() && *it == name)
        return;
    const int row = int(it - m_names.begin());
    beginInsertRows({}, row, row);
    m_names.insert(it, name);
    endInsertRows();
}

void LockRecipesModel::onChanged(const QByteArray &name)
{
    const int row = rowOf(name);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void LockRecipesModel::onRemoved(const QByteArray &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_names.erase(m_names.begin() + row);
    endRemoveRows();
}

int LockRecipesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_names.size());
}

int LockRecipesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LockRecipesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Kind: return tr("Kind");
    case Holder: return tr("Holder / leader");
    case Contenders: return tr("Contenders");
    case Handovers: return tr("Handovers");
    case HolderSince: return tr("Held since");
    default: return {};
    }
}

QVariant LockRecipesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_mirror)
        return {};
    const LockRecipe *r = m_mirror->recipe(m_names[size_t(index.row())]);
    if (!r)
        return {};
    const LockContender *holder = r->holder();
    if (role == NameRole)
        return r->name;
    if (role == Qt::ForegroundRole && index.column() == Holder && !r->error.isOk())
        return QBrush(Theme::errorColor());
    if (role == Qt::ToolTipRole) {
        if (!r->error.isOk())
            return r->error.toString();
        if (index.column() == Holder && holder)
            return tr("%1 (created at revision %2)").arg(displayKey(holder->key)).arg(holder->createRevision);
        if (index.column() == Name)
            return r->manual
                       ? tr("Added by hand: every key under %1 counts as a contender").arg(displayKey(r->keyPrefix()))
                       : tr("Contenders are the keys under %1, oldest first").arg(displayKey(r->keyPrefix()));
        return {};
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Contenders || index.column() == Handovers))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name: return displayKey(r->name) + (r->manual ? tr(" (added)") : QString());
    case Kind: return lockrecipe::kindName(r->kind);
    case Holder:
        if (!r->error.isOk())
            return tr("cannot read: %1").arg(r->error.plainReason());
        if (!r->listed)
            return QStringLiteral("…");
        if (!holder)
            return tr("nobody");
        if (!holder->value.isEmpty())
            return lockstext::value(holder->value, 60);
        return holder->lease ? tr("lease %1").arg(holder->lease, 0, 16)
                             : displayKey(holder->key.mid(r->name.size() + 1));
    case Contenders: {
        const int n = int(r->contenders.size());
        return n > 1 ? tr("%1 (%2 waiting)").arg(n).arg(n - 1) : QString::number(n);
    }
    case Handovers: return r->handovers;
    case HolderSince: {
        const HolderReign *reign = m_mirror->reign(r->reign);
        return reign ? lockstext::since(reign->startMs, reign->wasThere, r->foundAtOpen) : QString();
    }
    default: return {};
    }
}

} // namespace etcd::ui
