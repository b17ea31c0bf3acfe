// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "common/theme.h"

#include "common/qcustomplotinclude.h"

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace etcd::ui {

namespace {

const char kSettingsKey[] = "ui/theme";

Theme::Mode g_mode = Theme::Mode::System;
QString g_systemStyle; // the platform's style, remembered before we first replace it

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe3, 0xe5, 0xe8);
    const QColor disabledText(0x7c, 0x80, 0x87);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x43));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x95, 0x99, 0xa0));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    // Fusion draws bevels and frames from these.
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x41, 0x45));
    p.setColor(QPalette::Mid, QColor(0x70, 0x74, 0x79));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, QColor(0x0b, 0x0c, 0x0d));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xc4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb9, 0x9c, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Disabled, QPalette::HighlightedText, disabledText);
    return p;
}

QPalette lightPalette(const QStyle *fusion)
{
    QPalette p = fusion->standardPalette();
    // Fusion's own light palette, with a placeholder and disabled text that still read at a glance.
    p.setColor(QPalette::PlaceholderText, QColor(0x6e, 0x73, 0x7a));
    p.setColor(QPalette::Link, QColor(0x0b, 0x5c, 0xad));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x9a, 0x9d, 0xa1));
    return p;
}

QColor pick(const char *light, const char *dark)
{
    return QColor(QLatin1String(Theme::isDark() ? dark : light));
}

} // namespace

void Theme::apply(Mode mode)
{
    if (g_systemStyle.isEmpty())
        g_systemStyle = QApplication::style()->name();
    if (mode == Mode::System && g_mode == Mode::System) {
        g_mode = mode; // nothing replaced yet: the platform's look is in force
        return;
    }
    g_mode = mode;
    if (mode == Mode::System) {
        QApplication::setStyle(g_systemStyle);
        // An empty palette resolves to the platform's (or the style's), and keeps following it.
        QApplication::setPalette(QPalette());
    } else {
        QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
        const QPalette palette = mode == Mode::Dark ? darkPalette() : lightPalette(fusion);
        QApplication::setStyle(fusion); // the application takes ownership
        QApplication::setPalette(palette);
    }
    for (QWidget *w : QApplication::allWidgets())
        if (auto *plot = qobject_cast<QCustomPlot *>(w)) {
            stylePlot(plot);
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
}

Theme::Mode Theme::mode()
{
    return g_mode;
}

bool Theme::isDark()
{
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

QString Theme::name(Mode mode)
{
    switch (mode) {
    case Mode::Light: return QStringLiteral("light");
    case Mode::Dark: return QStringLiteral("dark");
    case Mode::System: break;
    }
    return QStringLiteral("system");
}

bool Theme::parse(const QString &text, Mode *mode)
{
    for (Mode m : {Mode::System, Mode::Light, Mode::Dark})
        if (text.trimmed().compare(name(m), Qt::CaseInsensitive) == 0) {
            *mode = m;
            return true;
        }
    return false;
}

Theme::Mode Theme::saved()
{
    Mode m = Mode::System;
    parse(QSettings().value(QLatin1String(kSettingsKey)).toString(), &m);
    return m;
}

void Theme::save(Mode mode)
{
    QSettings settings;
    settings.setValue(QLatin1String(kSettingsKey), name(mode));
}

// Light: Material 800 hues (AA contrast on white); dark: lighter hues with AA contrast on #1e1f22.
QColor Theme::errorColor()
{
    return pick("#c62828", "#ff7b72");
}

QColor Theme::successColor()
{
    return pick("#2e7d32", "#56d364");
}

QColor Theme::warningColor()
{
    return pick("#a15800", "#e3b341");
}

QColor Theme::accentColor()
{
    return pick("#1565c0", "#6cb4ff");
}

QColor Theme::warningBackground()
{
    return pick("#ffe7c2", "#4d3a17");
}

QColor Theme::flashColor()
{
    QColor c = QGuiApplication::palette().color(QPalette::Highlight);
    c.setAlphaF(isDark() ? 0.6f : 0.45f);
    return c;
}

QString Theme::errorStyleSheet()
{
    return QStringLiteral("QLabel { color: %1; }").arg(errorColor().name());
}

QString Theme::warningBoxStyleSheet()
{
    return QStringLiteral("QLabel { background: %1; color: %2; border: 1px solid %3; border-radius: 3px; "
                          "padding: 4px 6px; }")
        .arg(warningBackground().name(), QGuiApplication::palette().color(QPalette::WindowText).name(),
             pick("#ffb74d", "#9a6a1c").name());
}

void Theme::stylePlot(QCustomPlot *plot)
{
    const QPalette p = QGuiApplication::palette();
    const QColor text = p.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.15f);
    QColor subGrid = text;
    subGrid.setAlphaF(0.07f);
    plot->setBackground(p.brush(QPalette::Base));
    for (QCPAxis *axis : plot->axisRect()->axes()) {
        axis->setBasePen(QPen(text, 0));
        axis->setTickPen(QPen(text, 0));
        axis->setSubTickPen(QPen(text, 0));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
        axis->grid()->setSubGridPen(QPen(subGrid, 0, Qt::DotLine));
        axis->grid()->setZeroLinePen(Qt::NoPen);
    }
    QColor legendBack = p.color(QPalette::Base);
    legendBack.setAlpha(200);
    plot->legend->setBrush(legendBack);
    plot->legend->setBorderPen(QPen(p.color(QPalette::Mid), 0));
    plot->legend->setTextColor(text);
    for (int i = 0; i < plot->legend->itemCount(); ++i) // items copy the legend's colour when made
        plot->legend->item(i)->setTextColor(text);
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
        if (auto *title = qobject_cast<QCPTextElement *>(plot->plotLayout()->elementAt(i)))
            title->setTextColor(text);
}

} // namespace etcd::ui
