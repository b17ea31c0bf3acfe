// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "locks/locksmodels.h"

#include "common/theme.h"
#include "format/keytext.h"

#include <QBrush>
#include <QDateTime>

namespace etcd::ui {

LockHistoryModel::LockHistoryModel(LocksMirror *mirror, QObject *parent) : QAbstractTableModel(parent), m_mirror(mirror)
{
    for (const HolderReign &reign : mirror->history())
        m_serials.insert(m_serials.begin(), reign.serial);
    connect(mirror, &LocksMirror::reignStarted, this, &LockHistoryModel::onStarted);
    connect(mirror, &LocksMirror::reignChanged, this, &LockHistoryModel::onChanged);
    connect(mirror, &LocksMirror::reignDropped, this, &LockHistoryModel::onDropped);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &LockHistoryModel::tick);
}

void LockHistoryModel::setRecipe(const QByteArray &name)
{
    beginResetModel();
    m_name = name;
    m_serials.clear();
    if (m_mirror)
        for (const HolderReign &reign : m_mirror->history())
            if (shows(reign))
                m_serials.insert(m_serials.begin(), reign.serial);
    endResetModel();
}

void LockHistoryModel::setTicking(bool ticking)
{
    if (ticking)
        m_tick.start();
    else
        m_tick.stop();
}

bool LockHistoryModel::shows(const HolderReign &reign) const
{
    return m_name.isEmpty() || reign.recipe == m_name;
}

quint64 LockHistoryModel::serialAt(int row) const
{
    return row >= 0 && row < int(m_serials.size()) ? m_serials[size_t(row)] : 0;
}

int LockHistoryModel::rowOf(quint64 serial) const
{
    // Newest first: serials fall down the rows.
    for (size_t i = 0; i < m_serials.size(); ++i)
        if (m_serials[i] == serial)
            return int(i);
    return -1;
}

void LockHistoryModel::onStarted(quint64 serial)
{
    const HolderReign *reign = m_mirror ? m_mirror->reign(serial) : nullptr;
    if (!reign || !shows(*reign))
        return;
    beginInsertRows({}, 0, 0);
    m_serials.insert(m_serials.begin(), serial);
    endInsertRows();
}

void LockHistoryModel::onChanged(quint64 serial)
{
    const int row = rowOf(serial);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void LockHistoryModel::onDropped(quint64 serial)
{
    const int row = rowOf(serial);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_serials.erase(m_serials.begin() + row);
    endRemoveRows();
}

void LockHistoryModel::tick()
{
    // Only the current holders' "held for" grows; they are at the top (newest first).
    int last = -1;
    for (size_t i = 0; i < m_serials.size(); ++i) {
        const HolderReign *reign = m_mirror ? m_mirror->reign(m_serials[i]) : nullptr;
        if (reign && reign->end == ReignEnd::Holding)
            last = int(i);
    }
    if (last >= 0)
        Q_EMIT dataChanged(index(0, HeldFor), index(last, HeldFor));
}

int LockHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_serials.size());
}

int LockHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LockHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Started: return tr("Took over");
    case Recipe: return tr("Lock / election");
    case Holder: return tr("Holder");
    case Value: return tr("Value / proposal");
    case HeldFor: return tr("Held for");
    case Ended: return tr("How it ended");
    default: return {};
    }
}

QVariant LockHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_mirror)
        return {};
    const HolderReign *reign = m_mirror->reign(m_serials[size_t(index.row())]);
    if (!reign)
        return {};
    const LockRecipe *recipe = m_mirror->recipe(reign->recipe);
    const bool foundAtOpen = recipe ? recipe->foundAtOpen : false;
    if (role == Qt::ForegroundRole && index.column() == Ended) {
        if (reign->end == ReignEnd::Holding)
            return QBrush(Theme::successColor());
        if (reign->end == ReignEnd::LeaseEnded || reign->end == ReignEnd::RevokedHere)
            return QBrush(Theme::warningColor());
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Holder)
        return tr("%1, lease %2, created at revision %3")
            .arg(displayKey(reign->key))
            .arg(reign->lease, 0, 16)
            .arg(reign->createRevision);
    if (role == Qt::ToolTipRole && index.column() == Ended && reign->end == ReignEnd::LeaseEnded)
        return tr("The key was deleted with its lease: the lease expired (its process stopped keeping it "
                  "alive) or someone revoked it");
    if (role != Qt::DisplayRole)
        return {};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    switch (index.column()) {
    case Started: return lockstext::since(reign->startMs, reign->wasThere, foundAtOpen);
    case Recipe: return displayKey(reign->recipe);
    case Holder: return displayKey(reign->key.mid(reign->recipe.size() + 1));
    case Value: return reign->value.isEmpty() ? QString() : lockstext::value(reign->value, 60);
    case HeldFor: {
        const qint64 held = (reign->endMs ? reign->endMs : now) - reign->startMs;
        return reign->wasThere ? tr("over %1").arg(lockstext::duration(held)) : lockstext::duration(held);
    }
    case Ended:
        if (reign->end == ReignEnd::Holding)
            return lockrecipe::endText(reign->end);
        return QStringLiteral("%1 · %2").arg(lockstext::since(reign->endMs, false, false),
                                             lockrecipe::endText(reign->end));
    default: return {};
    }
}

} // namespace etcd::ui
