// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "common/summarycard.h"

#include <QLabel>
#include <QVBoxLayout>

namespace etcd::ui {

SummaryCard::SummaryCard(const QString &title, QWidget *parent) : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setObjectName(QStringLiteral("summaryCard"));
    auto *caption = new QLabel(title.toUpper(), this);
    QFont small = caption->font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    small.setBold(true);
    caption->setFont(small);
    caption->setForegroundRole(QPalette::PlaceholderText);
    m_value = new QLabel(QStringLiteral("—"), this);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_value->setFont(big);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail = new QLabel(this);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    layout->addWidget(caption);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
}

void SummaryCard::setValue(const QString &value, const QString &detail)
{
    m_value->setText(value.isEmpty() ? QStringLiteral("—") : value);
    m_detail->setText(detail);
}

QString SummaryCard::value() const
{
    return m_value->text();
}

} // namespace etcd::ui
