// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Activity meters benchmark (issue 4): what the meters and plots cost the GUI thread while a writer
// child process runs at the local etcd's maximum rate, and memory after an hour (and ten) of
// simulated samples.
//
//   bench_activity [--storm-seconds 10] [--endpoints host:port]
//   bench_activity --writer --endpoints E --prefix P --seconds S   (the storm's writer)

#include "cluster/activityview.h"
#include "benchcluster.h"
#include "benchwriter.h"
#include "state/cluster/activitymeter.h"
#include "support/testsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QProcess>

#include <sys/resource.h>

#include <cstring>

using namespace etcd;
using namespace etcd::test;

namespace {

double threadCpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_THREAD, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long rssKiB()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return f.readAll().split(' ').value(1).toLong() * 4;
}

void waitUntil(const std::function<bool()> &done)
{
    while (!done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

struct StormResult
{
    qint64 puts = 0;
    double seconds = 0;
    double guiCpu = 0;
    double counted = 0; // PUT events the meter counted
    int replots = 0;
};

StormResult storm(const ConnectionOptions &options, ActivityMeter &meter, ui::ActivityView *view, int seconds,
                  const QByteArray &prefix)
{
    auto countedPuts = [&meter] {
        double sum = 0;
        const SampleRing &r = meter.series(ActivityMeter::Puts);
        for (int i = 0; i < r.size(); ++i)
            sum += r.valueAt(i);
        return sum;
    };
    const double countedBefore = countedPuts();
    const int replotsBefore = view ? view->replotCount() : 0;
    QProcess writer;
    startStormWriter(&writer, options.endpoints, prefix, seconds);
    const double cpuBefore = threadCpuSeconds();
    QElapsedTimer wall;
    wall.start();
    waitUntil([&] { return writer.state() == QProcess::NotRunning; });
    // Let the last events arrive and the bin close.
    QElapsedTimer settle;
    settle.start();
    waitUntil([&] { return settle.elapsed() > 1500; });
    StormResult r;
    r.guiCpu = threadCpuSeconds() - cpuBefore;
    r.seconds = double(wall.elapsed()) / 1000.0;
    r.puts = StormWriterReport::read(writer).written;
    r.counted = countedPuts() - countedBefore;
    r.replots = view ? view->replotCount() - replotsBefore : 0;
    return r;
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
    parser.addOptions({{QStringLiteral("storm-seconds"), QStringLiteral("storm length"), QStringLiteral("s"), QStringLiteral("10")},
                       {QStringLiteral("endpoints"), QStringLiteral("cluster"), QStringLiteral("list")}});
    parser.process(app);
    const int seconds = parser.value(QStringLiteral("storm-seconds")).toInt();

    // 1. Memory: an hour, then ten hours, of simulated samples (3 endpoints, events every second).
    {
        const long before = rssKiB();
        ActivityMeter meter(nullptr, nullptr, nullptr, "/", 3600);
        ClusterMonitor::Snapshot s;
        s.state = ClusterMonitor::State::Connected;
        s.endpoints.resize(3);
        for (int e = 0; e < 3; ++e)
            s.endpoints[e].endpoint = QStringLiteral("127.0.0.1:%1").arg(2379 + e);
        WatchEvents events(1000);
        auto feed = [&](int from, int to) {
            for (int i = from; i < to; ++i) {
                meter.countEvents(events);
                meter.closeBin(1e9 + i);
                s.revision = i * 1000;
                meter.addClusterSample(s, 1e9 + i);
            }
        };
        feed(0, 3600);
        const long afterHour = rssKiB();
        feed(3600, 36000);
        const long afterTen = rssKiB();
        std::printf("| meter memory | +%ld KiB after 1 h of samples, +%ld KiB after 10 h (process %ld -> %ld -> %ld KiB) |\n",
                    afterHour - before, afterTen - before, before, afterHour, afterTen);
    }

    // 2. Ingest cost at the local etcd's maximum write rate.
    std::unique_ptr<LocalCluster> cluster;
    ConnectionOptions options;
    if (!benchCluster(parser.value(QStringLiteral("endpoints")), "bench_activity", &cluster, &options))
        return 1;
    EtcdClient client(options);
    ClusterMonitor monitor(&client, 1000);
    LeaseMonitor leases(&client, 1000);
    ActivityMeter meter(&client, &monitor, &leases, "/bench/", 3600);
    monitor.start();
    leases.start();
    meter.start();
    QElapsedTimer warm;
    warm.start();
    waitUntil([&] { return warm.elapsed() > 1500; });

    const StormResult idle = [&] {
        StormResult r;
        const double cpu = threadCpuSeconds();
        QElapsedTimer t;
        t.start();
        waitUntil([&] { return t.elapsed() > 5000; });
        r.guiCpu = threadCpuSeconds() - cpu;
        r.seconds = double(t.elapsed()) / 1000;
        return r;
    }();
    const StormResult meterOnly = storm(options, meter, nullptr, seconds, "/bench/a/");
    ui::ActivityView view(&meter);
    view.resize(1200, 800);
    view.show();
    const StormResult withPlots = storm(options, meter, &view, seconds, "/bench/b/");

    auto row = [](const char *what, const StormResult &r) {
        std::printf("| %s | %lld puts in %.1f s (%.0f/s), meter counted %.0f | GUI thread %.2f s CPU = %.1f%% | %d replots |\n",
                    what, r.puts, r.seconds, double(r.puts) / std::max(0.001, r.seconds), r.counted, r.guiCpu,
                    100.0 * r.guiCpu / std::max(0.001, r.seconds), r.replots);
    };
    std::printf("| idle (monitor + lease polling + meter, no writes) | %.1f s | GUI thread %.2f s CPU = %.1f%% | - |\n",
                idle.seconds, idle.guiCpu, 100.0 * idle.guiCpu / idle.seconds);
    row("storm, meters only", meterOnly);
    row("storm, meters + 4 plots shown", withPlots);
    return 0;
}
