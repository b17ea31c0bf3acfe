// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Light and dark palettes, the SVG icons that follow them, the View > Theme menu and --theme.
// No etcd needed: this is about how the console looks, on the offscreen platform.

#include "common/icons.h"
#include "mainwindow.h"
#include "common/qcustomplotinclude.h"
#include "common/theme.h"

#include <QApplication>
#include <QDirIterator>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QTemporaryDir>
#include <QtTest>

using namespace etcd::ui;

class TestTheme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void namesRoundTrip();
    void darkAndLightPalettes();
    void systemRestoresThePlatformLook();
    void everyIconRendersAtSmallSizes();
    void iconsTakeThePaletteTextColour();
    void meaningfulColoursStayReadable();
    void plotsFollowTheTheme();
    void themeMenuAppliesAndPersists();
    void commandLineRejectsAnUnknownTheme();

private:
    QTemporaryDir m_settingsDir;
    QColor m_platformWindow;
    QString m_platformStyle;
};

namespace {
// The mean colour of the pixels an icon covers (alpha-weighted), and how many it covers.
QColor inkOf(const QPixmap &pixmap, int *covered = nullptr)
{
    const QImage image = pixmap.toImage().convertToFormat(QImage::Format_ARGB32);
    double r = 0, g = 0, b = 0, weight = 0;
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alpha() < 128)
                continue;
            ++count;
            r += c.redF() * c.alphaF();
            g += c.greenF() * c.alphaF();
            b += c.blueF() * c.alphaF();
            weight += c.alphaF();
        }
    if (covered)
        *covered = count;
    return weight > 0 ? QColor::fromRgbF(float(r / weight), float(g / weight), float(b / weight)) : QColor();
}

int distance(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

// Contrast ratio per WCAG 2 (1..21).
double contrast(const QColor &a, const QColor &b)
{
    auto luminance = [](const QColor &c) {
        auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QStringList iconNames()
{
    icon(QStringLiteral("etcd-console")); // registers the resources
    QStringList names;
    QDirIterator it(QStringLiteral(":/icons"), {QStringLiteral("*.svg")});
    while (it.hasNext())
        names << QFileInfo(it.next()).baseName();
    names.sort();
    return names;
}
} // namespace

void TestTheme::initTestCase()
{
    // Never touch the user's settings: QSettings goes to a temporary directory.
    QVERIFY(m_settingsDir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("etcd-console-test"));
    m_platformWindow = QApplication::palette().color(QPalette::Window);
    m_platformStyle = QApplication::style()->name();
}

void TestTheme::cleanup()
{
    Theme::apply(Theme::Mode::System);
}

void TestTheme::namesRoundTrip()
{
    for (Theme::Mode m : {Theme::Mode::System, Theme::Mode::Light, Theme::Mode::Dark}) {
        Theme::Mode parsed = Theme::Mode::System;
        QVERIFY(Theme::parse(Theme::name(m), &parsed));
        QCOMPARE(parsed, m);
    }
    Theme::Mode m = Theme::Mode::Light;
    QVERIFY(Theme::parse(QStringLiteral(" DARK "), &m));
    QCOMPARE(m, Theme::Mode::Dark);
    QVERIFY(!Theme::parse(QStringLiteral("solarized"), &m));
    QCOMPARE(m, Theme::Mode::Dark); // untouched on failure
}

void TestTheme::darkAndLightPalettes()
{
    Theme::apply(Theme::Mode::Dark);
    QCOMPARE(Theme::mode(), Theme::Mode::Dark);
    QVERIFY(Theme::isDark());
    const QPalette dark = QApplication::palette();
    QVERIFY2(dark.color(QPalette::Window).lightness() < 80, qPrintable(dark.color(QPalette::Window).name()));
    QVERIFY(dark.color(QPalette::Base).lightness() < 80);
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
    // Text reads on its backgrounds (WCAG AA: 4.5:1), and disabled text still stands apart.
    QVERIFY(contrast(dark.color(QPalette::WindowText), dark.color(QPalette::Window)) >= 4.5);
    QVERIFY(contrast(dark.color(QPalette::Text), dark.color(QPalette::Base)) >= 4.5);
    QVERIFY(contrast(dark.color(QPalette::HighlightedText), dark.color(QPalette::Highlight)) >= 4.5);
    QVERIFY(contrast(dark.color(QPalette::Disabled, QPalette::Text), dark.color(QPalette::Base)) >= 2.5);
    // A window made now takes the dark palette.
    QWidget w;
    w.show();
    QVERIFY(w.palette().color(QPalette::Window).lightness() < 80);

    Theme::apply(Theme::Mode::Light);
    QVERIFY(!Theme::isDark());
    const QPalette light = QApplication::palette();
    QVERIFY(light.color(QPalette::Window).lightness() > 180);
    QVERIFY(contrast(light.color(QPalette::Text), light.color(QPalette::Base)) >= 4.5);
    QTRY_VERIFY(w.palette().color(QPalette::Window).lightness() > 180); // a shown window follows
}

void TestTheme::systemRestoresThePlatformLook()
{
    Theme::apply(Theme::Mode::Dark);
    QVERIFY(Theme::isDark());
    Theme::apply(Theme::Mode::System);
    QCOMPARE(Theme::mode(), Theme::Mode::System);
    QCOMPARE(QApplication::palette().color(QPalette::Window), m_platformWindow);
    QCOMPARE(QApplication::style()->name(), m_platformStyle);
    QCOMPARE(Theme::isDark(), m_platformWindow.lightness() < 128);
}

void TestTheme::everyIconRendersAtSmallSizes()
{
    const QStringList names = iconNames();
    QVERIFY2(names.size() >= 20, qPrintable(names.join(QLatin1Char(' '))));
    for (const char *expected :
         {"etcd-console", "new-key", "delete", "refresh", "history", "export", "import", "copy", "connect", "save",
          "filter", "go-to", "kill", "pause", "play", "lock", "unlock", "user", "role", "warning", "sandbox"})
        QVERIFY2(names.contains(QLatin1String(expected)), expected);
    for (const QString &name : names) {
        const QIcon i = icon(name);
        QVERIFY2(!i.isNull(), qPrintable(name));
        for (int size : {16, 32}) {
            const QPixmap p = i.pixmap(size, size);
            QVERIFY2(!p.isNull(), qPrintable(name));
            QCOMPARE(p.size(), QSize(size, size));
            int covered = 0;
            inkOf(p, &covered);
            // Something is drawn, and not a filled square (a broken SVG renders as nothing).
            QVERIFY2(covered >= size * size / 20, qPrintable(QStringLiteral("%1 at %2 px").arg(name).arg(size)));
            QVERIFY2(covered < size * size, qPrintable(name));
        }
    }
    // A name with no file is a null icon, not an empty square.
    QTest::ignoreMessage(QtWarningMsg, "etcd console: no icon named \"no-such-icon\"");
    QVERIFY(icon(QStringLiteral("no-such-icon")).isNull());
}

void TestTheme::iconsTakeThePaletteTextColour()
{
    const QIcon refresh = icon(QStringLiteral("refresh"));
    const QIcon warning = icon(QStringLiteral("warning"));

    Theme::apply(Theme::Mode::Light);
    const QColor lightInk = inkOf(refresh.pixmap(32, 32));
    const QColor lightWarning = inkOf(warning.pixmap(32, 32));
    const QColor lightText = QApplication::palette().color(QPalette::WindowText);
    QVERIFY2(distance(lightInk, lightText) < 30, qPrintable(lightInk.name() + QLatin1Char(' ') + lightText.name()));
    const QColor lightDisabled = inkOf(refresh.pixmap(QSize(32, 32), QIcon::Disabled));
    QVERIFY2(distance(lightDisabled, lightInk) > 60, qPrintable(lightDisabled.name()));

    // The same QIcon object, drawn again after the switch: no reload needed.
    Theme::apply(Theme::Mode::Dark);
    const QColor darkInk = inkOf(refresh.pixmap(32, 32));
    const QColor darkText = QApplication::palette().color(QPalette::WindowText);
    QVERIFY2(distance(darkInk, darkText) < 30, qPrintable(darkInk.name() + QLatin1Char(' ') + darkText.name()));
    QVERIFY2(distance(darkInk, lightInk) > 300, qPrintable(darkInk.name() + QLatin1Char(' ') + lightInk.name()));
    QVERIFY(darkInk.lightness() > 180 && lightInk.lightness() < 80);

    // The warning sign and the application icon keep their own colours.
    QVERIFY(distance(inkOf(warning.pixmap(32, 32)), lightWarning) < 10);
    QVERIFY(iconKeepsColours(QStringLiteral("etcd-console")));
    QVERIFY(!iconKeepsColours(QStringLiteral("refresh")));
    // High-DPI: a 2x request is drawn at 2x, not scaled up.
    const QPixmap sharp = refresh.pixmap(QSize(16, 16), 2.0);
    QCOMPARE(sharp.size(), QSize(32, 32));
    QCOMPARE(sharp.devicePixelRatio(), 2.0);
}

void TestTheme::meaningfulColoursStayReadable()
{
    for (Theme::Mode m : {Theme::Mode::Light, Theme::Mode::Dark}) {
        Theme::apply(m);
        const QPalette p = QApplication::palette();
        const QString which = Theme::name(m);
        for (const QColor &c : {Theme::errorColor(), Theme::successColor(), Theme::warningColor(), Theme::accentColor()}) {
            QVERIFY2(contrast(c, p.color(QPalette::Base)) >= 4.5, qPrintable(which + QLatin1Char(' ') + c.name()));
            QVERIFY2(contrast(c, p.color(QPalette::Window)) >= 3.5, qPrintable(which + QLatin1Char(' ') + c.name()));
        }
        QVERIFY2(contrast(p.color(QPalette::Text), Theme::warningBackground()) >= 7, qPrintable(which));
        QVERIFY(Theme::errorStyleSheet().contains(Theme::errorColor().name()));
        QVERIFY(Theme::warningBoxStyleSheet().contains(Theme::warningBackground().name()));
        QVERIFY(Theme::flashColor().alpha() > 0);
    }
}

void TestTheme::plotsFollowTheTheme()
{
    Theme::apply(Theme::Mode::Light);
    QCustomPlot plot;
    plot.legend->setVisible(true);
    plot.addGraph()->setName(QStringLiteral("puts"));
    Theme::stylePlot(&plot);
    QVERIFY(plot.toPixmap(200, 120).toImage().pixelColor(2, 2).lightness() > 180);
    QVERIFY(plot.xAxis->tickLabelColor().lightness() < 80);

    // Switching the theme restyles live plots, legend items included.
    Theme::apply(Theme::Mode::Dark);
    QVERIFY(plot.toPixmap(200, 120).toImage().pixelColor(2, 2).lightness() < 80);
    QVERIFY(plot.xAxis->tickLabelColor().lightness() > 180);
    QVERIFY(plot.legend->item(0)->textColor().lightness() > 180);
}

void TestTheme::themeMenuAppliesAndPersists()
{
    Theme::save(Theme::Mode::System);
    MainWindow window;
    QMenu *view = nullptr;
    for (QAction *a : window.menuBar()->actions())
        if (a->text() == QLatin1String("&View"))
            view = a->menu();
    QVERIFY(view);
    auto *dark = window.findChild<QAction *>(QStringLiteral("themedarkAction"));
    auto *light = window.findChild<QAction *>(QStringLiteral("themelightAction"));
    auto *system = window.findChild<QAction *>(QStringLiteral("themesystemAction"));
    QVERIFY(dark && light && system);
    QVERIFY(system->isChecked());
    window.show();

    dark->trigger();
    QCOMPARE(Theme::mode(), Theme::Mode::Dark);
    QVERIFY(Theme::isDark());
    QVERIFY(dark->isChecked() && !system->isChecked());
    QTRY_VERIFY(window.palette().color(QPalette::Window).lightness() < 80);
    // Kept where the next start reads it, in the settings directory of this test.
    QCOMPARE(Theme::saved(), Theme::Mode::Dark);
    QCOMPARE(QSettings().value(QStringLiteral("ui/theme")).toString(), QStringLiteral("dark"));
    QVERIFY(QFileInfo(QSettings().fileName()).absoluteFilePath().startsWith(m_settingsDir.path()));

    light->trigger();
    QCOMPARE(Theme::saved(), Theme::Mode::Light);
    QVERIFY(!Theme::isDark());

    // A window made after the choice shows it checked.
    MainWindow second;
    QVERIFY(second.findChild<QAction *>(QStringLiteral("themelightAction"))->isChecked());

    system->trigger();
    QCOMPARE(Theme::saved(), Theme::Mode::System);
    QCOMPARE(QApplication::palette().color(QPalette::Window), m_platformWindow);
}

void TestTheme::commandLineRejectsAnUnknownTheme()
{
    QProcess console;
    console.start(QStringLiteral(ETCD_CONSOLE_BIN), {QStringLiteral("--theme"), QStringLiteral("solarized")});
    QVERIFY(console.waitForFinished(30000));
    QCOMPARE(console.exitCode(), 2);
    QVERIFY2(console.readAllStandardError().contains("--theme takes system, light or dark"), "no explanation");
    // --help lists the option.
    console.start(QStringLiteral(ETCD_CONSOLE_BIN), {QStringLiteral("--help")});
    QVERIFY(console.waitForFinished(30000));
    QVERIFY(console.readAllStandardOutput().contains("--theme <name>"));
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
