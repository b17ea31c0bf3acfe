// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "connection/colourtagpicker.h"

#include <QButtonGroup>
#include <QColorDialog>
#include <QHBoxLayout>
#include <QPainter>
#include <QToolButton>

namespace etcd::ui {

namespace {
const char kColourProperty[] = "tagColour";
}

QIcon ColourTagPicker::swatch(const QString &colour)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0x75, 0x75, 0x75), 1));
    painter.setBrush(colour.isEmpty() ? QColor(Qt::white) : QColor(colour));
    painter.drawRoundedRect(QRectF(1.5, 1.5, 13, 13), 3, 3);
    if (colour.isEmpty()) {
        painter.setPen(QPen(QColor(0xc6, 0x28, 0x28), 1.5));
        painter.drawLine(QPointF(4, 12), QPointF(12, 4));
    }
    return QIcon(pixmap);
}

ColourTagPicker::ColourTagPicker(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_group = new QButtonGroup(this);
    const struct
    {
        const char *object;
        QString text;
        QString colour;
        QString tip;
    } presets[] = {
        {"colourNone", tr("None"), QString(), tr("No colour tag")},
        {"colourGreen", tr("Green"), green(), tr("For example a local or test cluster")},
        {"colourAmber", tr("Amber"), amber(), tr("For example staging")},
        {"colourRed", tr("Production"), red(), tr("Red, for production; also ticks read-only")},
    };
    for (const auto &preset : presets) {
        auto *button = new QToolButton(this);
        button->setObjectName(QLatin1String(preset.object));
        button->setText(preset.text);
        button->setToolTip(preset.tip);
        button->setIcon(swatch(preset.colour));
        button->setProperty(kColourProperty, preset.colour);
        m_group->addButton(button);
    }
    m_custom = new QToolButton(this);
    m_custom->setObjectName(QStringLiteral("colourCustom"));
    m_custom->setText(tr("Custom…"));
    m_custom->setToolTip(tr("Choose any colour"));
    m_group->addButton(m_custom);
    for (QAbstractButton *button : m_group->buttons()) {
        auto *tool = static_cast<QToolButton *>(button);
        tool->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        tool->setCheckable(true);
        layout->addWidget(tool);
    }
    layout->addStretch(1);
    m_group->buttons().constFirst()->setChecked(true);
    updateCustomSwatch();
    connect(m_group, &QButtonGroup::buttonClicked, this, &ColourTagPicker::onClicked);
}

QString ColourTagPicker::colour() const
{
    QAbstractButton *checked = m_group->checkedButton();
    if (checked == m_custom)
        return m_customColour;
    return checked ? checked->property(kColourProperty).toString() : QString();
}

void ColourTagPicker::setColour(const QString &colour)
{
    for (QAbstractButton *button : m_group->buttons()) {
        if (button != m_custom && button->property(kColourProperty).toString() == colour) {
            button->setChecked(true);
            return;
        }
    }
    m_customColour = colour;
    m_custom->setChecked(true);
    updateCustomSwatch();
}

void ColourTagPicker::onClicked(QAbstractButton *button)
{
    if (button == m_custom) {
        const QColor start(m_customColour.isEmpty() ? QStringLiteral("#6a1b9a") : m_customColour);
        const QColor chosen = QColorDialog::getColor(start, this, tr("Colour tag"));
        if (chosen.isValid())
            m_customColour = chosen.name(QColor::HexRgb);
        if (m_customColour.isEmpty()) { // cancelled before any custom colour was chosen
            m_group->buttons().constFirst()->setChecked(true);
            return;
        }
        updateCustomSwatch();
    }
    Q_EMIT picked(colour());
}

void ColourTagPicker::updateCustomSwatch()
{
    m_custom->setIcon(swatch(m_customColour.isEmpty() ? QStringLiteral("#9e9e9e") : m_customColour));
}

} // namespace etcd::ui
