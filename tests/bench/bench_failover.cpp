// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Failover benchmark (issue 5): the failover gap over N kills (SIGKILL) and N stops (SIGTERM) of
// the master of 3 etcd-demo-worker processes, measured through etcd (FailoverObserver): from the
// master's key disappearing to the next master's first work record, and from the signal to that
// record. TTL 1 s on a sandbox member with fast timings, TTL 2 s with default etcd timings.
//
//   bench_failover [--rounds 20] [--worker PATH]

#include "state/failover/failoverobserver.h"
#include "state/failover/workerpool.h"
#include "support/testsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <cstdio>

using namespace etcd;
using namespace etcd::test;

namespace {

void waitUntil(const std::function<bool()> &done, int timeoutMs = 20000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
}

struct Stats
{
    QVector<qint64> v;
    qint64 median() const
    {
        if (v.isEmpty())
            return -1;
        QVector<qint64> s = v;
        std::sort(s.begin(), s.end());
        return s.at(s.size() / 2);
    }
    qint64 max() const { return v.isEmpty() ? -1 : *std::max_element(v.begin(), v.end()); }
};

void run(const QString &worker, int ttl, bool fast, int rounds)
{
    LocalClusterOptions lo;
    lo.fastTimings = fast;
    LocalCluster cluster(lo);
    QString error;
    if (!cluster.startAndWait(&error)) {
        std::fprintf(stderr, "bench_failover: %s\n", qPrintable(error));
        return;
    }
    ConnectionOptions o;
    o.endpoints = cluster.clientEndpoints();
    ConnectionOptions observing = o;
    observing.watchBatchMs = 0; // every event at once: no 50 ms batching in the measurement
    EtcdClient client(observing);
    const QByteArray name = "/bench/failover";
    FailoverObserver observer(&client, name);
    bool started = false;
    QObject::connect(&observer, &FailoverObserver::started, [&] { started = true; });
    observer.start();
    waitUntil([&] { return started; });
    WorkerPool::Settings s;
    s.program = worker;
    s.connection = o;
    s.election = name;
    s.ttlSeconds = ttl;
    WorkerPool pool(s);
    pool.start(3);

    Stats killGap, killTotal, stopGap, stopTotal;
    for (int kind = 0; kind < 2; ++kind) {
        for (int round = 0; round < rounds; ++round) {
            // A master that works, seen in etcd.
            waitUntil([&] {
                const QString m = observer.currentMaster();
                return !m.isEmpty() && pool.indexOf(m) >= 0 && observer.spans().constLast().records > 0;
            });
            const QString master = observer.currentMaster();
            const int index = pool.indexOf(master);
            const int gaps = int(observer.gaps().size());
            const qint64 at = QDateTime::currentMSecsSinceEpoch();
            if (kind == 0)
                pool.kill(index);
            else
                pool.stop(index);
            waitUntil([&] { return observer.gaps().size() > gaps; });
            if (observer.gaps().size() <= gaps) {
                std::fprintf(stderr, "bench_failover: no failover after round %d\n", round);
                return;
            }
            const FailoverObserver::Gap g = observer.gaps().constLast();
            (kind == 0 ? killGap : stopGap).v << g.length();
            (kind == 0 ? killTotal : stopTotal).v << g.resumedMs - at;
            // The old master back as a standby, for the next round.
            waitUntil([&] { return !pool.workers()[index].process; }, 3000);
            pool.restart(index);
            waitUntil([&] { return pool.workers()[index].state == QLatin1String("standby"); }, 10000);
        }
    }
    std::printf("| TTL %d s, %s | SIGKILL x%d | gap (key gone -> next master's first record): median %lld ms, max %lld ms | "
                "signal -> first record: median %lld ms, max %lld ms |\n",
                ttl, fast ? "fast timings (heartbeat 50 ms, election 500 ms)" : "default etcd timings", rounds,
                static_cast<long long>(killGap.median()), static_cast<long long>(killGap.max()),
                static_cast<long long>(killTotal.median()), static_cast<long long>(killTotal.max()));
    std::printf("| TTL %d s, %s | SIGTERM x%d | gap: median %lld ms, max %lld ms | signal -> first record: median %lld ms, max "
                "%lld ms |\n",
                ttl, fast ? "fast timings" : "default etcd timings", rounds, static_cast<long long>(stopGap.median()),
                static_cast<long long>(stopGap.max()), static_cast<long long>(stopTotal.median()),
                static_cast<long long>(stopTotal.max()));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("rounds"), QStringLiteral("kills and stops each"), QStringLiteral("n"), QStringLiteral("20")},
                       {QStringLiteral("worker"), QStringLiteral("etcd-demo-worker"), QStringLiteral("path")}});
    parser.process(app);
    const int rounds = parser.value(QStringLiteral("rounds")).toInt();
    QString worker = parser.value(QStringLiteral("worker"));
    if (worker.isEmpty())
        worker = WorkerPool::defaultProgram();
    run(worker, 1, true, rounds);
    run(worker, 2, false, rounds);
    return 0;
}
