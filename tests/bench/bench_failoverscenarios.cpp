// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Failover scenarios benchmark (issue 14): each named scenario run N times on a 3-member sandbox
// with its fault network and three etcd-demo-worker processes (fencing on): TTL 1 s with fast
// etcd timings (election timeout 500 ms), TTL 2 s with etcd's default timings (1 s). Reported per
// scenario: the unavailability window (fault -> the next work record by the next master, or by
// anyone after an etcd fault) median and max, the failover gap when there was one, runs that did
// not complete, and the fencing check over every work record of the run.
//
//   bench_failoverscenarios [--rounds 20] [--worker PATH] [--ttl 1|2]

#include "support/scenariorig.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <cstdio>

using namespace etcd;
using namespace etcd::test;

namespace {

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

void run(const QString &worker, int ttl, int rounds, bool etcdOnly)
{
    ScenarioRig rig;
    QString error;
    if (!rig.start(worker, ttl, "/bench/scenarios", &error)) {
        std::fprintf(stderr, "bench_failoverscenarios: %s\n", qPrintable(error));
        return;
    }
    const FailoverScenario::Kind kinds[] = {
        FailoverScenario::Kind::KillMaster, FailoverScenario::Kind::PauseMaster, FailoverScenario::Kind::CutOffMaster,
        FailoverScenario::Kind::PartitionEtcdLeader, FailoverScenario::Kind::LoseQuorum};
    for (FailoverScenario::Kind kind : kinds) {
        if (etcdOnly && kind != FailoverScenario::Kind::PartitionEtcdLeader &&
            kind != FailoverScenario::Kind::LoseQuorum)
            continue;
        Stats window, gap;
        int failed = 0, overlaps = 0, refused = 0;
        QString firstError;
        for (int round = 0; round < rounds; ++round) {
            bool done = false;
            FailoverScenario::Result result;
            QObject::connect(rig.scenario.get(), &FailoverScenario::finished, rig.scenario.get(),
                             [&](const FailoverScenario::Result &r) {
                                 result = r;
                                 done = true;
                             });
            if (!rig.scenario->start(kind)) {
                ++failed;
                break;
            }
            done = QTest::qWaitFor([&] { return done; }, 120000);
            QObject::disconnect(rig.scenario.get(), &FailoverScenario::finished, nullptr, nullptr);
            if (!done || !result.ok) {
                ++failed;
                if (firstError.isEmpty())
                    firstError = done ? result.error : QStringLiteral("no result in 120 s");
                rig.faults->healAll();
                QTest::qWait(3000);
                continue;
            }
            window.v << result.unavailableMs;
            if (result.gapMs >= 0)
                gap.v << result.gapMs;
            overlaps += result.overlaps;
            refused += result.fencedRefused;
        }
        std::printf(
            "| %s | TTL %d s | %lld | %lld | %s | %d/%d | %d | %d |%s\n", qPrintable(FailoverScenario::name(kind)), ttl,
            static_cast<long long>(window.median()), static_cast<long long>(window.max()),
            gap.v.isEmpty()
                ? "-"
                : qPrintable(QStringLiteral("%1 / %2 (%3 runs)").arg(gap.median()).arg(gap.max()).arg(gap.v.size())),
            int(window.v.size()), rounds, overlaps, refused,
            firstError.isEmpty() ? "" : qPrintable(QStringLiteral(" first failure: ") + firstError));
        std::fflush(stdout);
    }
    std::printf("| fencing check, TTL %d s, all runs | %s |\n", ttl,
                qPrintable(rig.observer->checkFencing().summary()));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("rounds"), QStringLiteral("Runs of each scenario."), QStringLiteral("n"),
                        QStringLiteral("20")},
                       {QStringLiteral("worker"), QStringLiteral("etcd-demo-worker to run."), QStringLiteral("path")},
                       {QStringLiteral("ttl"), QStringLiteral("Only this TTL (1 or 2)."), QStringLiteral("s")},
                       {QStringLiteral("etcd-only"), QStringLiteral("Only the etcd scenarios (partition, quorum).")}});
    parser.process(app);
    const int rounds = std::max(1, parser.value(QStringLiteral("rounds")).toInt());
    const QString worker =
        parser.isSet(QStringLiteral("worker")) ? parser.value(QStringLiteral("worker")) : WorkerPool::defaultProgram();
    std::printf("| scenario | TTL | unavailable median ms | max ms | gap median / max ms | completed | overlaps | "
                "fenced writes refused |\n|---|---|---|---|---|---|---|---|\n");
    for (int ttl : {1, 2})
        if (!parser.isSet(QStringLiteral("ttl")) || parser.value(QStringLiteral("ttl")).toInt() == ttl)
            run(worker, ttl, rounds, parser.isSet(QStringLiteral("etcd-only")));
    return 0;
}
