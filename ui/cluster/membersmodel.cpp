// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "cluster/membersmodel.h"

#include "common/theme.h"

#include <QBrush>

#include "common/format.h"

#include <QFont>

namespace etcd::ui {

MembersModel::MembersModel(QObject *parent) : QAbstractTableModel(parent) {}

void MembersModel::setMembers(const QVector<Member> &members, quint64 leaderId, const QSet<QString> &unreachable)
{
    m_leaderId = leaderId;
    m_unreachable = unreachable;
    auto indexOf = [](const QVector<Member> &list, quint64 id) {
        for (int i = 0; i < list.size(); ++i)
            if (list.at(i).id == id)
                return i;
        return -1;
    };
    // Remove the members that left (from the bottom, so earlier rows keep their numbers)...
    for (int row = int(m_members.size()) - 1; row >= 0; --row) {
        if (indexOf(members, m_members.at(row).id) < 0) {
            beginRemoveRows({}, row, row);
            m_members.removeAt(row);
            endRemoveRows();
        }
    }
    // ...refresh the ones that stayed, and append the ones that joined (by name, then id).
    QVector<Member> sorted = members;
    std::sort(sorted.begin(), sorted.end(),
              [](const Member &a, const Member &b) { return a.name != b.name ? a.name < b.name : a.id < b.id; });
    for (const Member &m : sorted) {
        const int row = indexOf(m_members, m.id);
        if (row >= 0) {
            m_members[row] = m;
            continue;
        }
        const int at = int(m_members.size());
        beginInsertRows({}, at, at);
        m_members.push_back(m);
        endInsertRows();
    }
    if (!m_members.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_members.size()) - 1, ColumnCount - 1));
}

int MembersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

int MembersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MembersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Member &m = m_members.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Name: return m.name.isEmpty() ? tr("(not started)") : m.name;
        case Id: return formatMemberId(m.id);
        case PeerUrls: return m.peerUrls.join(QLatin1String(", "));
        case ClientUrls: return m.clientUrls.join(QLatin1String(", "));
        case Kind: {
            QString kind = m.isLearner ? tr("learner") : m.id == m_leaderId ? tr("voter · leader") : tr("voter");
            if (m_unreachable.contains(m.name))
                kind += tr(" · unreachable");
            return kind;
        }
        }
    } else if (role == Qt::ForegroundRole && m_unreachable.contains(m.name)) {
        return QBrush(Theme::errorColor());
    } else if (role == Qt::FontRole && m.id == m_leaderId) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

QVariant MembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Id: return tr("ID");
    case PeerUrls: return tr("Peer URLs");
    case ClientUrls: return tr("Client URLs");
    case Kind: return tr("Kind");
    }
    return {};
}

} // namespace etcd::ui
