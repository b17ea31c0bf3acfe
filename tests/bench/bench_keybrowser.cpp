// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Key browser benchmark (issue 3): a million keys until the whole tree is browsable, peak RSS,
// next to etcdctl listing the same keys; then a watch storm (a separate writer process at the
// local etcd's maximum rate for N seconds) while the tree is open: GUI-thread stalls measured
// with a timer, and how long the tree's applied revision takes to catch up after the storm.
//
//   bench_keybrowser [--keys 1000000] [--storm-seconds 10] [--endpoints host:port]
//   bench_keybrowser --writer --endpoints E --prefix P --seconds S   (the storm's writer)

#include "benchcluster.h"
#include "benchkeys.h"
#include "benchwriter.h"
#include "client/continuation.h"
#include "client/etcdclient.h"
#include "guistalls.h"
#include "keys/keybrowser.h"
#include "keys/keysearch.h"
#include "keys/keytreemodel.h"
#include "support/testsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
#include <QTreeView>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

using namespace etcd;
using namespace etcd::test;

namespace {

long peakRssMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

long currentRssMiB()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() > 1 ? parts.at(1).toLong() * 4 / 1024 : -1;
}

} // namespace

int main(int argc, char **argv)
{
    if (const int writerExit = runStormWriterIfAsked(argc, argv); writerExit >= 0)
        return writerExit;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("keys"), QStringLiteral("keys"), QStringLiteral("N"), QStringLiteral("1000000")},
         {QStringLiteral("storm-seconds"), QStringLiteral("storm length"), QStringLiteral("s"), QStringLiteral("10")},
         {QStringLiteral("endpoints"), QStringLiteral("cluster"), QStringLiteral("list")}});
    parser.process(app);

    const int keys = parser.value(QStringLiteral("keys")).toInt();
    const int stormSeconds = parser.value(QStringLiteral("storm-seconds")).toInt();
    std::unique_ptr<LocalCluster> cluster;
    ConnectionOptions options;
    if (!clusterWithKeys(parser.value(QStringLiteral("endpoints")), "bench_keybrowser", keys, &cluster, &options))
        return 1;
    const long rssBefore = currentRssMiB();

    // 1. A million keys until the whole tree is browsable.
    EtcdClient client(options);
    ui::KeyBrowser browser(&client, {"/bench/", '/'});
    browser.resize(1200, 800);
    browser.show();
    QElapsedTimer load;
    qint64 firstLevelMs = -1;
    qint64 loadedMs = -1;
    QObject::connect(browser.mirror(), &KeySpaceMirror::loadProgress, &browser, [&] {
        if (firstLevelMs < 0 && browser.model()->rowCount() > 0)
            firstLevelMs = load.elapsed();
    });
    QObject::connect(&browser, &ui::KeyBrowser::loaded, &browser, [&] { loadedMs = load.elapsed(); });
    load.start();
    browser.start();
    waitUntil([&] { return loadedMs >= 0; });
    const long rssLoaded = currentRssMiB();
    const long peakAfterLoad = peakRssMiB();

    const qint64 ctlMs = qint64(runEtcdctl(
        options.endpoints.join(QLatin1Char(',')),
        {QStringLiteral("get"), QStringLiteral("/bench/"), QStringLiteral("--prefix"), QStringLiteral("--keys-only")}));

    // 1b. The filter at a million keys: a substring and a glob, with the GUI thread's stalls.
    struct FilterRun
    {
        QString text;
        qint64 ms = 0;
        int matches = 0;
        Stalls stalls;
    };
    QVector<FilterRun> filters{{QStringLiteral("setting-0004"), 0, 0, {}},
                               {QStringLiteral("*/component-07/*99"), 0, 0, {}}};
    for (FilterRun &f : filters) {
        QElapsedTimer since;
        QTimer filterProbe;
        filterProbe.setInterval(5);
        QObject::connect(&filterProbe, &QTimer::timeout, &browser, [&] {
            f.stalls.gapsUs << std::max<qint64>(0, since.nsecsElapsed() / 1000 - 5000);
            since.restart();
        });
        bool done = false;
        auto c = QObject::connect(browser.searchModel(), &ui::KeySearchModel::finished, &browser,
                                  [&](int matches, qint64 ms) {
                                      f.matches = matches;
                                      f.ms = ms;
                                      done = true;
                                  });
        filterProbe.start();
        since.start();
        browser.searchModel()->search(f.text);
        waitUntil([&] { return done; });
        filterProbe.stop();
        QObject::disconnect(c);
    }
    browser.searchModel()->search(QString());

    // 2. The watch storm, with the storm's folder open in the view.
    EtcdClient helper(options);
    resultOf(helper.kv().put("/bench/storm/00000", "0"));
    waitUntil([&] { return browser.mirror()->tree().find("/bench/storm/00000"); });
    browser.treeView()->expand(browser.model()->indexForKey("/bench/storm"));
    Stalls stalls;
    QElapsedTimer tick;
    tick.start();
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, &browser, [&] {
        const qint64 gap = tick.nsecsElapsed() / 1000;
        tick.restart();
        stalls.gapsUs << std::max<qint64>(0, gap - 5000); // time the GUI thread could not run the timer
    });
    QProcess stormWriter;
    startStormWriter(&stormWriter, options.endpoints, "/bench/storm/", stormSeconds);
    probe.start();
    tick.restart();
    waitUntil([&] { return stormWriter.state() == QProcess::NotRunning; });
    const StormWriterReport storm = StormWriterReport::read(stormWriter);
    const qint64 written = storm.written;
    const double writerSecs = storm.seconds;
    waitUntil([&] { return browser.mirror()->revision() >= storm.lastRevision; });
    const qint64 catchUpMs = std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch() - storm.endMs);
    probe.stop();

    std::printf("\n| measurement | etcd console | etcdctl (same run) |\n|---|---|---|\n");
    std::printf("| %d keys: first level visible | %lld ms | - |\n", keys, firstLevelMs);
    std::printf("| %d keys: whole tree browsable | %.2f s | %.2f s (`get --prefix --keys-only` > /dev/null) |\n", keys,
                double(loadedMs) / 1000, double(ctlMs) / 1000);
    for (const FilterRun &f : filters)
        std::printf("| filter \"%s\" over %d keys | %d matches in %lld ms; GUI stalls p99 %.1f ms, max %.1f ms | - |\n",
                    qPrintable(f.text), keys, f.matches, f.ms, double(f.stalls.percentile(0.99)) / 1000,
                    double(f.stalls.max()) / 1000);
    std::printf("| RSS with the tree loaded | %ld MiB (before: %ld MiB; peak so far %ld MiB) | - |\n", rssLoaded,
                rssBefore, peakAfterLoad);
    std::printf("| watch storm: writer | %lld puts in %.1f s (%.0f/s), single-key, 64 in flight | - |\n", written,
                writerSecs, double(written) / writerSecs);
    std::printf("| watch storm: GUI thread stalls | p99 %.1f ms, max %.1f ms (%lld samples) | - |\n",
                double(stalls.percentile(0.99)) / 1000, double(stalls.max()) / 1000, qint64(stalls.gapsUs.size()));
    std::printf("| watch storm: applied revision caught up | %lld ms after the writer stopped | - |\n", catchUpMs);
    std::printf("| peak RSS of this process | %ld MiB | - |\n", peakRssMiB());
    return 0;
}
