// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "common/banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextDocument>

namespace etcd::ui {

namespace {
// Background and text colours that read well on light and dark palettes alike: strong, saturated
// backgrounds with white text (the banner must be impossible to overlook, not blend in).
QString styleFor(Banner::Kind kind)
{
    const char *background = "#455a64";
    switch (kind) {
    case Banner::Kind::Info: background = "#1565c0"; break;
    case Banner::Kind::Sandbox: background = "#6a1b9a"; break;
    case Banner::Kind::Warning: background = "#e65100"; break;
    case Banner::Kind::Error: background = "#b71c1c"; break;
    case Banner::Kind::Success: background = "#2e7d32"; break;
    }
    return QStringLiteral("etcd--ui--Banner { background: %1; border: none; }"
                          "QLabel { color: white; }"
                          "QLabel a { color: white; }"
                          "QPushButton { color: white; background: rgba(255,255,255,0.18);"
                          "  border: 1px solid rgba(255,255,255,0.6); border-radius: 3px; padding: 3px 10px; }"
                          "QPushButton:hover { background: rgba(255,255,255,0.30); }")
        .arg(QLatin1String(background));
}
} // namespace

Banner::Banner(QWidget *parent) : QFrame(parent), m_label(new QLabel(this)), m_action(new QPushButton(this))
{
    setObjectName(QStringLiteral("banner"));
    m_label->setObjectName(QStringLiteral("bannerText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_action->setObjectName(QStringLiteral("bannerAction"));
    m_action->setCursor(Qt::PointingHandCursor);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 7, 12, 7);
    layout->setSpacing(12);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_action, 0, Qt::AlignVCenter);
    connect(m_action, &QPushButton::clicked, this, &Banner::actionTriggered);
    hide();
}

void Banner::showMessage(Kind kind, const QString &html, const QString &actionText)
{
    m_kind = kind;
    setStyleSheet(styleFor(kind));
    m_label->setText(html);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    show();
}

void Banner::clear()
{
    m_label->clear();
    hide();
}

QString Banner::text() const
{
    if (isHidden())
        return {};
    QTextDocument doc;
    doc.setHtml(m_label->text());
    return doc.toPlainText();
}

} // namespace etcd::ui
