// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "connection/profilelistdelegate.h"

#include <QApplication>
#include <QPainter>

namespace etcd::ui {

namespace {
constexpr int kPad = 6;
constexpr int kDot = 10;

QFont detailFont(const QFont &base)
{
    QFont f = base;
    f.setItalic(false);
    f.setPointSizeF(base.pointSizeF() * 0.85);
    return f;
}
} // namespace

void ProfileListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QString name = opt.text;
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background and selection

    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    const QColor text = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(0.65);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = opt.rect.adjusted(kPad, kPad / 2, -kPad, -kPad / 2);
    const QFontMetrics nameMetrics(opt.font);
    const int dotY = r.top() + (nameMetrics.height() - kDot) / 2;
    const QString colour = index.data(ColourRole).toString();
    if (colour.isEmpty()) {
        painter->setPen(QPen(dim, 1.2));
        painter->setBrush(Qt::NoBrush);
    } else {
        painter->setPen(QPen(QColor(colour).darker(130), 1));
        painter->setBrush(QColor(colour));
    }
    painter->drawEllipse(QRectF(r.left() + 0.5, dotY + 0.5, kDot, kDot));

    const int textLeft = r.left() + kDot + kPad;
    const int width = r.right() - textLeft;
    QFont nameFont = opt.font;
    nameFont.setBold(true);
    painter->setFont(nameFont);
    painter->setPen(text);
    painter->drawText(QRect(textLeft, r.top(), width, nameMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(nameFont).elidedText(name, Qt::ElideRight, width));
    const QFont small = detailFont(opt.font);
    const QFontMetrics smallMetrics(small);
    painter->setFont(small);
    painter->setPen(dim);
    painter->drawText(QRect(textLeft, r.top() + nameMetrics.height(), width, smallMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      smallMetrics.elidedText(index.data(DetailRole).toString(), Qt::ElideRight, width));
    painter->restore();
}

QSize ProfileListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const int height = QFontMetrics(opt.font).height() + QFontMetrics(detailFont(opt.font)).height() + kPad;
    return QSize(160, height + 2);
}

} // namespace etcd::ui
