// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Core benchmark: how fast the client walks a large keyspace (paged, keys only and with values)
// next to etcdctl reading the same range in one response, and how fast watch events reach a
// watcher. Starts its own single-member etcd (or uses --endpoints). Prints a markdown table.
//
//   bench_core [--keys N] [--watch-events N] [--endpoints host:port]

#include "client/continuation.h"
#include "client/etcdclient.h"
#include "benchcluster.h"
#include "support/testsupport.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QProcess>

#include <sys/resource.h>

#include <cstdio>

using namespace etcd;
using namespace etcd::test;

namespace {

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

long peakRssMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

// A realistic hierarchy: /bench/region-R/app-A/instance-I/key-K, ~50 bytes per key.
QByteArray keyFor(int i)
{
    return QByteArrayLiteral("/bench/region-") + QByteArray::number(i % 7) + "/app-" + QByteArray::number(i % 113) +
           "/instance-" + QByteArray::number(i % 997) + "/key-" + QByteArray::number(i).rightJustified(8, '0');
}

// Run the event loop until `done()`; sleeps between events instead of spinning a core.
void waitUntil(const std::function<bool()> &done)
{
    while (!done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

bool fill(EtcdClient &client, int keys)
{
    const int perTxn = 100;
    int inFlight = 0;
    bool ok = true;
    QObject context;
    for (int start = 0; start < keys; start += perTxn) {
        TxnSpec txn;
        for (int i = start; i < std::min(keys, start + perTxn); ++i)
            txn.success << TxnOp::putKey(keyFor(i), QByteArray("value-") + QByteArray::number(i));
        ++inFlight;
        whenFinished(client.kv().txn(txn), &context, [&](EtcdResult<TxnResult> r) {
            ok = ok && r.ok();
            --inFlight;
        });
        waitUntil([&] { return inFlight < 16; });
    }
    waitUntil([&] { return inFlight == 0; });
    return ok;
}

double etcdctlSeconds(const QStringList &endpoints, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ETCDCTL_API"), QStringLiteral("3"));
    p.setProcessEnvironment(env);
    p.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("etcdctl"),
            QStringList{QStringLiteral("--endpoints=") + endpoints.join(QLatin1Char(','))} + args);
    p.waitForFinished(600000);
    return p.exitCode() == 0 ? seconds(t) : -1;
}

struct Walk
{
    double secs = 0;
    double cpuSecs = 0; // this process (client) CPU time during the walk
    PagedRangeSummary summary;
};

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

qint64 g_pageBytes = 1 << 20;

Walk walk(EtcdClient &client, bool keysOnly)
{
    PagedRangeOptions o;
    o.targetPageBytes = g_pageBytes;
    o.range = RangeOptions::prefix("/bench/");
    o.range.keysOnly = keysOnly;
    qint64 seen = 0;
    QObject context;
    QElapsedTimer t;
    t.start();
    const double cpu0 = cpuSeconds();
    auto f = client.kv().pagedRange(o, &context, [&](const RangePage &p) { seen += p.kvs.size(); });
    waitFor(f, 600000);
    // Done when the last page has been handed over on this thread, not just fetched.
    waitUntil([&] { return !f.result().ok() || seen >= f.result()->keys; });
    Walk w;
    w.secs = seconds(t);
    w.cpuSecs = cpuSeconds() - cpu0;
    if (f.result().ok())
        w.summary = f.result().value();
    return w;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("keys"), QStringLiteral("keys to write"), QStringLiteral("N"), QStringLiteral("200000")},
         {QStringLiteral("watch-events"), QStringLiteral("events for the watch run"), QStringLiteral("N"),
          QStringLiteral("50000")},
         {QStringLiteral("endpoints"), QStringLiteral("use this cluster instead of a sandbox"), QStringLiteral("list")},
         {QStringLiteral("page-bytes"), QStringLiteral("target page size of the paged walk"), QStringLiteral("bytes"),
          QStringLiteral("1048576")}});
    parser.process(app);
    const int keys = parser.value(QStringLiteral("keys")).toInt();
    const int watchEvents = parser.value(QStringLiteral("watch-events")).toInt();
    g_pageBytes = parser.value(QStringLiteral("page-bytes")).toLongLong();

    std::unique_ptr<LocalCluster> cluster;
    ConnectionOptions options;
    if (!benchCluster(parser.value(QStringLiteral("endpoints")), "bench_core", &cluster, &options))
        return 1;
    EtcdClient client(options);

    QElapsedTimer t;
    t.start();
    if (!fill(client, keys)) {
        std::fprintf(stderr, "bench_core: writing the keys failed\n");
        return 1;
    }
    std::printf("wrote %d keys in %.2f s\n\n", keys, seconds(t));

    const Walk keysOnly = walk(client, true);
    const double ctlKeysOnly =
        etcdctlSeconds(options.endpoints, {QStringLiteral("get"), QStringLiteral("/bench/"), QStringLiteral("--prefix"),
                                           QStringLiteral("--keys-only")});
    const Walk values = walk(client, false);
    const double ctlValues = etcdctlSeconds(
        options.endpoints, {QStringLiteral("get"), QStringLiteral("/bench/"), QStringLiteral("--prefix")});

    // Watch throughput: one watcher on a prefix, a writer committing 100 puts per transaction.
    Watcher *w = client.watch(WatchOptions::prefix("/bench-watch/"), &app);
    qint64 received = 0;
    int batches = 0;
    bool created = false;
    QObject::connect(w, &Watcher::created, &app, [&] { created = true; });
    QObject::connect(w, &Watcher::events, &app, [&](const WatchEvents &e) {
        received += e.size();
        ++batches;
    });
    waitUntil([&] { return created; });
    QElapsedTimer wt;
    wt.start();
    int inFlight = 0;
    for (int start = 0; start < watchEvents; start += 100) {
        TxnSpec txn;
        for (int i = start; i < std::min(watchEvents, start + 100); ++i)
            txn.success << TxnOp::putKey("/bench-watch/" + QByteArray::number(i), "v");
        ++inFlight;
        whenFinished(client.kv().txn(txn), &app, [&](EtcdResult<TxnResult>) { --inFlight; });
        waitUntil([&] { return inFlight < 8; });
    }
    waitUntil([&] { return received >= watchEvents; });
    const double watchSecs = seconds(wt);

    std::printf("| measurement | etcd console | etcdctl (same run) |\n|---|---|---|\n");
    std::printf("| %d keys, keys only | %.2f s (%d pages in %d requests, largest %.0f KiB) | %.2f s (one response) |\n",
                keys, keysOnly.secs, keysOnly.summary.pages, keysOnly.summary.requests,
                double(keysOnly.summary.largestPageBytes) / 1024, ctlKeysOnly);
    std::printf(
        "| %d keys with values | %.2f s (%d pages in %d requests, largest %.0f KiB) | %.2f s (one response) |\n", keys,
        values.secs, values.summary.pages, values.summary.requests, double(values.summary.largestPageBytes) / 1024,
        ctlValues);
    std::printf("| client CPU during the walks | %.2f s keys only, %.2f s with values | - |\n", keysOnly.cpuSecs,
                values.cpuSecs);
    std::printf("| %d watch events delivered | %.2f s (%.0f events/s, %d batches) | - |\n", watchEvents, watchSecs,
                watchEvents / watchSecs, batches);
    std::printf("| peak RSS of this process | %ld MiB | - |\n", peakRssMiB());
    return 0;
}
