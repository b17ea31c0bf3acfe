// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/continuation.h"
#include "client/etcdclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcess>
#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>
#include <cstring>
#include <cstdio>
#include <functional>

namespace etcd::test {

// A benchmark's storm writer, run as a child process (`--writer` mode of the benchmarks) so it
// does not share the measured process's threads: single-key puts (one revision each), 64 in
// flight, for `seconds`. Prints "written lastRevision seconds endMsSinceEpoch" on stdout.
inline int runStormWriter(const QStringList &endpoints, const QByteArray &prefix, int seconds)
{
    auto waitUntil = [](const std::function<bool()> &done) {
        while (!done())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    };
    ConnectionOptions o;
    o.endpoints = endpoints;
    EtcdClient client(o);
    QObject context;
    QElapsedTimer t;
    t.start();
    qint64 written = 0;
    qint64 lastRevision = 0;
    int inFlight = 0;
    int n = 0;
    while (t.elapsed() < seconds * 1000) {
        ++inFlight;
        const QByteArray key = prefix + QByteArray::number(n % 5000).rightJustified(5, '0'); // new keys, then changes
        ++n;
        whenFinished(client.kv().put(key, QByteArray::number(n)), &context, [&](const EtcdResult<PutResult> &r) {
            --inFlight;
            if (r.ok()) {
                ++written;
                lastRevision = std::max(lastRevision, r->header.revision);
            }
        });
        waitUntil([&] { return inFlight < 64; });
    }
    waitUntil([&] { return inFlight == 0; });
    // The end of the storm as a wall-clock time, so a catch-up is measured from it and not from
    // when the (possibly busy) measured process notices that the writer exited.
    std::printf("%lld %lld %.3f %lld\n", static_cast<long long>(written), static_cast<long long>(lastRevision),
                double(t.elapsed()) / 1000, static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
    return 0;
}

// What the writer printed when it ended.
struct StormWriterReport
{
    qint64 written = 0;
    qint64 lastRevision = 0;
    double seconds = 0;
    qint64 endMs = 0; // wall clock of its last answered put

    static StormWriterReport read(QProcess &writer)
    {
        const QList<QByteArray> w = writer.readAllStandardOutput().trimmed().split(' ');
        return {w.value(0).toLongLong(), w.value(1).toLongLong(), w.value(2).toDouble(), w.value(3).toLongLong()};
    }
};

// Starts this benchmark's executable again in writer mode (see runStormWriterIfAsked).
inline void startStormWriter(QProcess *writer, const QStringList &endpoints, const QByteArray &prefix, int seconds)
{
    writer->start(QCoreApplication::applicationFilePath(),
                  {QStringLiteral("--writer"), QStringLiteral("--endpoints"), endpoints.join(QLatin1Char(',')),
                   QStringLiteral("--prefix"), QString::fromUtf8(prefix), QStringLiteral("--seconds"), QString::number(seconds)});
}

// A benchmark's main() calls this first: when started as `--writer --endpoints E --prefix P
// --seconds S` it runs the storm writer and returns its exit code; otherwise it returns -1 and the
// benchmark goes on.
inline int runStormWriterIfAsked(int argc, char **argv)
{
    if (std::none_of(argv, argv + argc, [](const char *a) { return std::strcmp(a, "--writer") == 0; }))
        return -1;
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("writer"), QStringLiteral("run as the storm's writer")},
                       {QStringLiteral("endpoints"), QStringLiteral("cluster"), QStringLiteral("list")},
                       {QStringLiteral("prefix"), QStringLiteral("keys under"), QStringLiteral("p")},
                       {QStringLiteral("seconds"), QStringLiteral("how long"), QStringLiteral("s")}});
    parser.process(app);
    return runStormWriter(parser.value(QStringLiteral("endpoints")).split(QLatin1Char(',')),
                          parser.value(QStringLiteral("prefix")).toUtf8(), parser.value(QStringLiteral("seconds")).toInt());
}

} // namespace etcd::test
