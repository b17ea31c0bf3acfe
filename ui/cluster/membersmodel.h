// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/clustertypes.h"

#include <QAbstractTableModel>
#include <QSet>

namespace etcd::ui {

// The cluster's members. Updates are applied as row inserts, removals and cell changes keyed by
// member id, so a view keeps its selection and scroll position while members come and go.
class MembersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Id, PeerUrls, ClientUrls, Kind, ColumnCount };

    explicit MembersModel(QObject *parent = nullptr);
    // `unreachable`: names of members whose endpoint does not answer (marked in the Kind column).
    void setMembers(const QVector<Member> &members, quint64 leaderId, const QSet<QString> &unreachable = {});

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<Member> m_members;
    quint64 m_leaderId = 0;
    QSet<QString> m_unreachable;
};

} // namespace etcd::ui
