// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// etcd-console: the desktop console for etcd v3 clusters.

#include "client/commandline.h"
#include "console/consoleapp.h"
#include "console/unixsignals.h"
#include "common/icons.h"
#include "state/profiles/connectionprofile.h"
#include "common/theme.h"
#include "format/valueformat.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#include <cstdio>
#include <cstring>

int main(int argc, char **argv)
{
    // A screenshot run needs no display: choose the offscreen platform before Qt starts.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0 || std::strncmp(argv[i], "--screenshot=", 13) == 0) {
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("etcd-console"));
    QApplication::setOrganizationName(QStringLiteral("etcd-console"));
    QApplication::setApplicationVersion(QStringLiteral(ETCDCONSOLE_VERSION));
    // The desktop entry's name (packaging/etcd-console.desktop): Wayland compositors and docks
    // match the window to its entry, and so to its icon, by this name.
    QGuiApplication::setDesktopFileName(QStringLiteral("etcd-console"));
    QApplication::setWindowIcon(etcd::ui::icon(QStringLiteral("etcd-console")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop dashboard and admin console for etcd v3 clusters."));
    parser.addHelpOption();
    parser.addVersionOption();
    etcd::ConnectionCommandLine::addOptions(parser);
    parser.addOptions({
        {QStringLiteral("sandbox"),
         QStringLiteral("Start a local etcd cluster of N members (1 or 3) with demo data and connect to it. "
                        "Without any endpoint (option, ETCDCTL_ENDPOINTS) a 3-member sandbox starts."),
         QStringLiteral("N")},
        {QStringLiteral("screenshot"),
         QStringLiteral("Headless: wait until the view has loaded, write a PNG of the "
                        "main window to FILE and exit (non-zero on failure)."),
         QStringLiteral("FILE")},
        {QStringLiteral("view"),
         QStringLiteral("The view to show first: keys, cluster, services, leases, activity, security, failover, kubernetes or locks."),
         QStringLiteral("name"), QStringLiteral("keys")},
        {QStringLiteral("select"),
         QStringLiteral("Open this key in the key browser (\\xNN for bytes that are not text)."),
         QStringLiteral("key")},
        {QStringLiteral("scope"),
         QStringLiteral("Browse only keys under this prefix, e.g. /app/ (also lets a user "
                        "whose role can read only that prefix browse it)."),
         QStringLiteral("prefix")},
        {QStringLiteral("delimiter"), QStringLiteral("Split keys into folders at this character (default /)."),
         QStringLiteral("char"), QStringLiteral("/")},
        {QStringLiteral("flat"), QStringLiteral("Show keys as one flat list instead of a tree.")},
        {QStringLiteral("theme"),
         QStringLiteral("Colours: system (follow the desktop), light or dark. Default: the choice in "
                        "View > Theme."),
         QStringLiteral("name")},
        {QStringLiteral("no-demo-data"), QStringLiteral("Start the sandbox empty, without demo data.")},
        {QStringLiteral("no-demo-traffic"),
         QStringLiteral("Do not keep a light live workload running on the sandbox's demo data (Sandbox > Demo "
                        "traffic switches it at run time).")},
        {QStringLiteral("profile"),
         QStringLiteral("Connect with this saved connection profile (File > Connect to cluster... saves them). "
                        "Without any endpoint, the profile used last is opened."),
         QStringLiteral("name")},
        {QStringLiteral("screenshot-timeout"), QStringLiteral("Give up a screenshot after this many ms."),
         QStringLiteral("ms"), QStringLiteral("30000")},
        {QStringLiteral("screenshot-delay"),
         QStringLiteral("Take the screenshot this many ms after the view has loaded (live plots gather data)."),
         QStringLiteral("ms"), QStringLiteral("0")},
    });
    parser.process(app);

    // The command line wins for this run only; View > Theme is what is kept.
    etcd::ui::Theme::Mode theme = etcd::ui::Theme::saved();
    if (parser.isSet(QStringLiteral("theme")) &&
        !etcd::ui::Theme::parse(parser.value(QStringLiteral("theme")), &theme)) {
        std::fprintf(stderr, "etcd-console: --theme takes system, light or dark, not \"%s\"\n",
                     qPrintable(parser.value(QStringLiteral("theme"))));
        return 2;
    }
    etcd::ui::Theme::apply(theme);

    ConsoleApp::Settings settings;
    settings.screenshotPath = parser.value(QStringLiteral("screenshot"));
    settings.view = parser.value(QStringLiteral("view"));
    if (settings.view == QLatin1String("cluster"))
        settings.view = QStringLiteral("connection"); // the Cluster tab
    settings.screenshotTimeoutMs = parser.value(QStringLiteral("screenshot-timeout")).toInt();
    bool delayOk = false;
    settings.screenshotDelayMs = parser.value(QStringLiteral("screenshot-delay")).toInt(&delayOk);
    if (!delayOk || settings.screenshotDelayMs < 0)
        settings.configError =
            QStringLiteral("--screenshot-delay takes a number of milliseconds (0 or more), not \"%1\"")
                .arg(parser.value(QStringLiteral("screenshot-delay")));
    if (settings.view != QLatin1String("connection") && settings.view != QLatin1String("keys") &&
        settings.view != QLatin1String("services") && settings.view != QLatin1String("leases") &&
        settings.view != QLatin1String("activity") && settings.view != QLatin1String("failover") &&
        settings.view != QLatin1String("security") && settings.view != QLatin1String("kubernetes") &&
        settings.view != QLatin1String("locks"))
        settings.configError =
            QStringLiteral(
                "unknown view \"%1\" (available: keys, cluster, services, leases, activity, security, failover, kubernetes, "
                "locks)")
                .arg(settings.view);
    bool keyOk = true;
    settings.select = etcd::keyFromDisplay(parser.value(QStringLiteral("select")), &keyOk);
    if (!keyOk)
        settings.configError = QStringLiteral("--select: cannot read the key (use \\xNN for bytes that are not text)");
    settings.scope = etcd::keyFromDisplay(parser.value(QStringLiteral("scope")), &keyOk);
    if (!keyOk)
        settings.configError =
            QStringLiteral("--scope: cannot read the prefix (use \\xNN for bytes that are not text)");

    const QString delimiter = parser.value(QStringLiteral("delimiter"));
    if (delimiter.size() != 1 || delimiter.at(0).unicode() >= 128 || delimiter.at(0).unicode() < 32)
        settings.configError = QStringLiteral("--delimiter takes one ASCII character, like / or :");
    else
        settings.delimiter = parser.isSet(QStringLiteral("flat")) ? '\0' : delimiter.at(0).toLatin1();

    settings.demoData = !parser.isSet(QStringLiteral("no-demo-data"));
    settings.demoTraffic = !parser.isSet(QStringLiteral("no-demo-traffic"));
    QString lastProfile;
    {
        QSettings appSettings;
        lastProfile = etcd::ProfileStore(&appSettings).lastUsed();
    }
    const auto env = QProcessEnvironment::systemEnvironment();
    if (parser.isSet(QStringLiteral("sandbox"))) {
        bool ok = false;
        settings.sandboxMembers = parser.value(QStringLiteral("sandbox")).toInt(&ok);
        if (!ok || settings.sandboxMembers < 1 || settings.sandboxMembers > 7)
            settings.configError = QStringLiteral("--sandbox takes a member count from 1 to 7");
        settings.connection.readOnly = parser.isSet(QStringLiteral("read-only"));
    } else if (parser.isSet(QStringLiteral("endpoints")) &&
               parser.value(QStringLiteral("endpoints")).split(QLatin1Char(',')).join(QString()).trimmed().isEmpty()) {
        // Given, but empty: a mistake (an unset shell variable?), not a wish for the sandbox.
        settings.configError = QStringLiteral("--endpoints is empty: give host:port[,host:port...], or leave the "
                                              "flag out to start a local sandbox");
    } else if (parser.isSet(QStringLiteral("profile"))) {
        settings.profile = parser.value(QStringLiteral("profile"));
    } else if (settings.configError.isEmpty() && !etcd::ConnectionCommandLine::hasEndpoints(parser, env) &&
               !lastProfile.isEmpty()) {
        settings.profile = lastProfile; // no endpoint given: the connection profile used last time
    } else if (settings.configError.isEmpty() && !etcd::ConnectionCommandLine::hasEndpoints(parser, env)) {
        // No endpoint anywhere: the first run. A local sandbox with demo data makes the console useful
        // at once; the window says how to connect to a real cluster.
        settings.sandboxMembers = 3;
        settings.sandboxIsDefault = true;
        settings.connection.readOnly = parser.isSet(QStringLiteral("read-only"));
    } else if (settings.configError.isEmpty()) {
        QString error;
        if (!etcd::ConnectionCommandLine::read(parser, QProcessEnvironment::systemEnvironment(), &settings.connection,
                                               &error))
            settings.configError = error;
    }

    ConsoleApp console(settings);
    UnixSignals signals_;
    QObject::connect(&signals_, &UnixSignals::received, &app, [] { QCoreApplication::quit(); });
    console.start();
    const int status = app.exec();
    return settings.screenshotPath.isEmpty() ? status : console.exitCode();
}
