// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QColor>
#include <QString>

class QCustomPlot;

namespace etcd::ui {

// Light and dark palettes. Qt 6.4 has no QStyleHints::colorScheme, so "dark" is read off the
// palette itself: a window colour of low lightness.
//
// System keeps the platform's style and palette, which follow the desktop where a platform theme
// provides them (GNOME/KDE integration); Light and Dark use Fusion with our own palettes, the
// same on every desktop. Colours with a meaning (error, success, warning, flash) come from here so
// that they stay readable on either.
class Theme
{
public:
    enum class Mode { System, Light, Dark };

    // Sets the application's style and palette, and restyles the live plots. Safe to call again.
    static void apply(Mode mode);
    static Mode mode();
    // Whether the palette in force is dark (also true for a dark desktop in System mode).
    static bool isDark();

    // "system", "light", "dark"; parse() is false for anything else.
    static QString name(Mode mode);
    static bool parse(const QString &text, Mode *mode);
    // The choice kept in QSettings under "ui/theme" (System when none).
    static Mode saved();
    static void save(Mode mode);

    // Text and marks that mean failure, success or caution, readable on the Base and Window colours.
    static QColor errorColor();
    static QColor successColor();
    static QColor warningColor();
    // A neutral accent for annotations (plot brackets, links in plots).
    static QColor accentColor();
    // A background for rows or boxes that need attention; the palette's text reads on it.
    static QColor warningBackground();
    // The start of the fading highlight on a key that just changed.
    static QColor flashColor();
    // Ready-made style sheets for a QLabel: red text, and a caution box.
    static QString errorStyleSheet();
    static QString warningBoxStyleSheet();

    // Plots take their background, axes, grid and legend from the palette (QCustomPlot draws
    // white by default, whatever the palette).
    static void stylePlot(QCustomPlot *plot);
};

} // namespace etcd::ui
