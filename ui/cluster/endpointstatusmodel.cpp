// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "cluster/endpointstatusmodel.h"

#include "common/format.h"
#include "common/theme.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace etcd::ui {

EndpointStatusModel::EndpointStatusModel(QObject *parent) : QAbstractTableModel(parent) {}

void EndpointStatusModel::update(const ClusterMonitor::Snapshot &snapshot)
{
    m_members = snapshot.members;
    m_health = snapshot.health;
    const QVector<EndpointStatus> &next = snapshot.endpoints;
    if (next.size() > m_rows.size()) {
        beginInsertRows({}, int(m_rows.size()), int(next.size()) - 1);
        m_rows = next;
        endInsertRows();
    } else if (next.size() < m_rows.size()) {
        beginRemoveRows({}, int(next.size()), int(m_rows.size()) - 1);
        m_rows.resize(next.size());
        endRemoveRows();
    }
    m_rows = next;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int EndpointStatusModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EndpointStatusModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EndpointStatusModel::memberName(quint64 id) const
{
    for (const etcd::Member &m : m_members)
        if (m.id == id && !m.name.isEmpty())
            return m.name;
    return formatMemberId(id);
}

QVariant EndpointStatusModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EndpointStatus &s = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        if (index.column() == Endpoint)
            return s.endpoint;
        if (!s.ok()) {
            // A member down keeps its name; the health says why in words (gRPC's text: tooltip).
            const ClusterMonitor::EndpointHealth h = m_health.value(index.row());
            if (index.column() == Member)
                return h.member.isEmpty() ? QVariant() : QVariant(h.member);
            if (index.column() == Role)
                return tr("unreachable");
            if (index.column() == Health)
                return tr("not answering: %1 since %2").arg(h.reason, h.downSince.toString(QStringLiteral("HH:mm:ss")));
            return QVariant();
        }
        switch (index.column()) {
        case Member: return memberName(s.memberId);
        case Role: return s.isLeader() ? tr("Leader") : s.isLearner ? tr("Learner") : tr("Follower");
        case Version: return s.version;
        case RaftTerm: return QString::number(s.raftTerm);
        case RaftIndex: return QString::number(s.raftIndex);
        case Applied: return QString::number(s.raftAppliedIndex);
        case DbSize: return formatBytes(s.dbSize);
        case DbInUse: return formatBytes(s.dbSizeInUse);
        case Latency: return formatLatency(s.latencyUs);
        case Health: return s.errors.isEmpty() ? tr("healthy") : s.errors.join(QLatin1String("; "));
        }
    } else if (role == Qt::ToolTipRole) {
        if (!s.ok()) {
            const ClusterMonitor::EndpointHealth h = m_health.value(index.row());
            return tr("%1\n\nDetails: %2").arg(h.words(), s.error.toString());
        }
        return tr("member %1 (id %2)\nleader %3")
            .arg(memberName(s.memberId), formatMemberId(s.memberId), memberName(s.leaderId));
    } else if (role == Qt::ForegroundRole && index.column() == Health) {
        if (!s.ok() || !s.errors.isEmpty())
            return QBrush(Theme::errorColor());
        return QBrush(Theme::successColor());
    } else if (role == Qt::FontRole && s.isLeader() && index.column() <= Role) {
        QFont f;
        f.setBold(true);
        return f;
    } else if (role == Qt::TextAlignmentRole && index.column() >= RaftTerm && index.column() <= Latency) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant EndpointStatusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Endpoint: return tr("Endpoint");
    case Member: return tr("Member");
    case Role: return tr("Role");
    case Version: return tr("Version");
    case RaftTerm: return tr("Raft term");
    case RaftIndex: return tr("Raft index");
    case Applied: return tr("Applied");
    case DbSize: return tr("DB size");
    case DbInUse: return tr("In use");
    case Latency: return tr("Latency");
    case Health: return tr("Health");
    }
    return {};
}

} // namespace etcd::ui
