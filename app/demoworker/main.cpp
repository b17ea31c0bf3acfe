// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// etcd-demo-worker: a master/standby worker for the failover demo (see demoworker.h).

#include "client/commandline.h"
#include "console/unixsignals.h"
#include "demoworker/demoworker.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <unistd.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("etcd-demo-worker"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ETCDCONSOLE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Master/standby worker for the etcd console failover demo. Prints one JSON object per line on stdout "
        "for every state change (standby, campaigning, master, lost, stopped) and every work record."));
    parser.addHelpOption();
    parser.addVersionOption();
    etcd::ConnectionCommandLine::addOptions(parser);
    parser.addOptions({
        {QStringLiteral("election"), QStringLiteral("Election (or lock) name, e.g. /demo/leader."),
         QStringLiteral("NAME")},
        {QStringLiteral("strategy"), QStringLiteral("election (etcd's election recipe) or lock (lease + lock)."),
         QStringLiteral("strategy"), QStringLiteral("election")},
        {QStringLiteral("ttl"), QStringLiteral("Lease TTL in seconds."), QStringLiteral("seconds"),
         QStringLiteral("2")},
        {QStringLiteral("id"), QStringLiteral("Worker id shown in the output (default: worker-<pid>)."),
         QStringLiteral("ID")},
        {QStringLiteral("no-fencing"),
         QStringLiteral("Write work records without the fencing compare (shows split brain).")},
        {QStringLiteral("work-interval"), QStringLiteral("Milliseconds between work records."), QStringLiteral("ms"),
         QStringLiteral("100")},
    });
    parser.process(app);

    DemoWorker::Settings settings;
    QString error;
    if (!etcd::ConnectionCommandLine::read(parser, QProcessEnvironment::systemEnvironment(), &settings.connection,
                                           &error)) {
        std::fprintf(stderr, "etcd-demo-worker: %s\n", qPrintable(error));
        return 2;
    }
    settings.name = parser.value(QStringLiteral("election")).toUtf8();
    if (settings.name.isEmpty()) {
        std::fprintf(stderr, "etcd-demo-worker: --election NAME is required\n");
        return 2;
    }
    const QString strategy = parser.value(QStringLiteral("strategy"));
    if (strategy == QLatin1String("lock")) {
        settings.strategy = DemoWorker::Strategy::Lock;
    } else if (strategy != QLatin1String("election")) {
        std::fprintf(stderr, "etcd-demo-worker: --strategy must be election or lock\n");
        return 2;
    }
    bool ok = false;
    settings.ttlSeconds = parser.value(QStringLiteral("ttl")).toLongLong(&ok);
    if (!ok || settings.ttlSeconds < 1) {
        std::fprintf(stderr, "etcd-demo-worker: --ttl must be a whole number of seconds >= 1\n");
        return 2;
    }
    settings.workIntervalMs = parser.value(QStringLiteral("work-interval")).toInt(&ok);
    if (!ok || settings.workIntervalMs < 10) {
        std::fprintf(stderr, "etcd-demo-worker: --work-interval must be >= 10 ms\n");
        return 2;
    }
    settings.id = parser.value(QStringLiteral("id"));
    if (settings.id.isEmpty())
        settings.id = QStringLiteral("worker-%1").arg(::getpid());
    settings.fencing = !parser.isSet(QStringLiteral("no-fencing"));

    DemoWorker worker(settings);
    UnixSignals signals_;
    QObject::connect(&signals_, &UnixSignals::received, &worker, [&worker] { worker.stop(); });
    QObject::connect(&worker, &DemoWorker::finished, &app, [](int code) { QCoreApplication::exit(code); });
    worker.start();
    return app.exec();
}
