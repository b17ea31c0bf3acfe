// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "cluster/clustereventsmodel.h"
#include "common/theme.h"

#include <QBrush>
#include <QColor>

namespace etcd::ui {

ClusterEventsModel::ClusterEventsModel(ClusterEventLog *log, QObject *parent) : QAbstractTableModel(parent), m_log(log)
{
    for (const ClusterEvent &e : log->events())
        m_events.prepend(e);
    connect(log, &ClusterEventLog::eventAdded, this, [this](const ClusterEvent &e) {
        beginInsertRows({}, 0, 0);
        m_events.prepend(e);
        endInsertRows();
        const int excess = int(m_events.size()) - m_log->capacity();
        if (excess > 0) {
            beginRemoveRows({}, int(m_events.size()) - excess, int(m_events.size()) - 1);
            m_events.resize(m_events.size() - excess);
            endRemoveRows();
        }
    });
}

int ClusterEventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int ClusterEventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClusterEventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Kind: return tr("Event");
    case Details: return tr("Details");
    default: return {};
    }
}

QVariant ClusterEventsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_events.size()))
        return {};
    const ClusterEvent &e = m_events.at(index.row());
    if (role == Qt::ForegroundRole && index.column() == Kind) {
        switch (e.kind) {
        case ClusterEvent::EndpointDown:
        case ClusterEvent::LeaderLost:
        case ClusterEvent::AlarmRaised: return QBrush(Theme::errorColor());
        case ClusterEvent::LeaderChanged:
        case ClusterEvent::MemberRemoved: return QBrush(Theme::warningColor());
        default: return QBrush(Theme::successColor());
        }
    }
    if (role == Qt::ToolTipRole)
        return e.text;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time: return e.at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    case Kind: return ClusterEvent::kindName(e.kind);
    case Details: return e.text;
    default: return {};
    }
}

} // namespace etcd::ui
