// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "leases/leasesmodel.h"

#include "format/valueformat.h"
#include "common/theme.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

#include <algorithm>

namespace etcd::ui {

LeasesModel::LeasesModel(LeaseMonitor *monitor, QObject *parent) : QAbstractTableModel(parent), m_monitor(monitor)
{
    for (const auto &entry : monitor->leases())
        m_ids.push_back(entry.first);
    connect(monitor, &LeaseMonitor::leaseAdded, this, &LeasesModel::onAdded);
    connect(monitor, &LeaseMonitor::leaseRemoved, this, &LeasesModel::onRemoved);
    connect(monitor, &LeaseMonitor::leaseChanged, this, &LeasesModel::onChanged);
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &LeasesModel::tick);
    m_countdown.start();
}

qint64 LeasesModel::leaseAt(int row) const
{
    return row >= 0 && row < int(m_ids.size()) ? m_ids[size_t(row)] : 0;
}

int LeasesModel::rowOf(qint64 id) const
{
    auto it = std::lower_bound(m_ids.begin(), m_ids.end(), id);
    return it != m_ids.end() && *it == id ? int(it - m_ids.begin()) : -1;
}

void LeasesModel::onAdded(qint64 id)
{
    auto it = std::lower_bound(m_ids.begin(), m_ids.end(), id);
    if (it != m_ids.end() && *it == id)
        return;
    const int row = int(it - m_ids.begin());
    beginInsertRows({}, row, row);
    m_ids.insert(it, id);
    endInsertRows();
}

void LeasesModel::onRemoved(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_ids.erase(m_ids.begin() + row);
    endRemoveRows();
}

void LeasesModel::onChanged(qint64 id)
{
    const int row = rowOf(id);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void LeasesModel::tick()
{
    // Every column: a row's highlight (about to expire) changes with the time left, not only its TTL cell.
    if (!m_ids.empty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_ids.size()) - 1, ColumnCount - 1));
}

int LeasesModel::expiringSoonCount() const
{
    int n = 0;
    for (int row = 0; row < int(m_ids.size()); ++row)
        n += index(row, 0).data(ExpiringSoonRole).toBool() ? 1 : 0;
    return n;
}

int LeasesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int LeasesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LeasesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("Lease");
    case Granted: return tr("Granted TTL");
    case TtlLeft: return tr("TTL left");
    case KeyCount: return tr("Keys");
    case Keys: return tr("Attached keys");
    default: return {};
    }
}

QVariant LeasesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_ids.size()))
        return {};
    const LeaseInfo *info = m_monitor->lease(m_ids[size_t(index.row())]);
    if (!info)
        return {};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool soon = info->expiringSoon(now);
    switch (role) {
    case LeaseIdRole:
        return info->id;
    case ExpiringSoonRole:
        return soon;
    case Qt::BackgroundRole:
        return soon ? QBrush(Theme::warningBackground()) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Granted || index.column() == TtlLeft || index.column() == KeyCount
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case Qt::ForegroundRole:
        // A countdown from an old answer is an estimate: say so in grey (the row is read again once shown).
        return index.column() == TtlLeft && info->ttl >= 0 && !info->isFresh(now) ? QBrush(Qt::gray) : QVariant();
    case Qt::ToolTipRole: {
        if (index.column() == TtlLeft) {
            if (info->checkedAtMs == 0)
                return tr("Not read yet");
            const QString at = QDateTime::fromMSecsSinceEpoch(info->checkedAtMs).toString(QStringLiteral("HH:mm:ss"));
            if (info->renewedSinceRead())
                return tr("%1 s left when read at %2; still there after that ran out, so something keeps it alive. "
                          "Read again when it is on screen.").arg(info->ttl).arg(at);
            return info->isFresh(now) ? tr("Read at %1, counting down since").arg(at)
                                      : tr("Estimated: read at %1, counting down since. Leases on screen are read every few seconds, the others in a slow rotation, so the console stays light on etcd.").arg(at);
        }
        QStringList keys;
        for (int i = 0; i < std::min<int>(40, int(info->keys.size())); ++i)
            keys << displayKey(info->keys.at(i));
        if (info->keys.size() > 40)
            keys << tr("… and %1 more").arg(info->keys.size() - 40);
        return keys.isEmpty() ? tr("No key attached") : keys.join(QLatin1Char('\n'));
    }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case Id: return QString::number(info->id, 16);
    case Granted: return info->grantedTtl > 0 ? tr("%1 s").arg(info->grantedTtl) : QString();
    case TtlLeft: {
        if (info->renewedSinceRead())
            return tr("renewed");
        const qint64 left = info->ttlLeft(now);
        if (left < 0)
            return QStringLiteral("…");
        return info->isFresh(now) ? tr("%1 s").arg(left) : tr("≈%1 s").arg(left);
    }
    case KeyCount: return info->ttl < 0 ? QString() : QString::number(info->keys.size());
    case Keys: {
        QStringList keys;
        for (int i = 0; i < std::min<int>(3, int(info->keys.size())); ++i)
            keys << displayKey(info->keys.at(i));
        if (info->keys.size() > 3)
            keys << tr("+%1").arg(info->keys.size() - 3);
        return keys.join(QStringLiteral(", "));
    }
    default: return {};
    }
}

} // namespace etcd::ui
