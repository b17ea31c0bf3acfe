// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QStyledItemDelegate>

namespace etcd::ui {

// Draws a connection profile in the dialog's list on two lines: a colour dot and the name
// (italic while unsaved), then the endpoints and flags (read-only, TLS) in small grey type.
class ProfileListDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int DetailRole = Qt::UserRole + 1; // QString: second line
    static constexpr int ColourRole = Qt::UserRole + 2; // QString: "#rrggbb" or ""

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace etcd::ui
