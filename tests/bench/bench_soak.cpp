// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Soak benchmark (issue 11): the console's live state under a fault every few seconds for ten
// minutes (tests/support/soakrun.h), then the same editors' race as tst_reliability for a minute.
// Reports faults, events, mismatches (goal 0), relists, the longest lag, and the editors' saves.
//
//   bench_soak [--minutes 10] [--seed N] [--log]

#include "support/soakrun.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace etcd::test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("minutes"), QStringLiteral("How long (default 10)."), QStringLiteral("N"),
                      QStringLiteral("10")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed of writers and faults."), QStringLiteral("N"),
                      QStringLiteral("20261202")});
    parser.addOption({QStringLiteral("log"), QStringLiteral("Narrate every fault and quiet point.")});
    parser.process(app);
    bool ok = false;
    const double minutes = parser.value(QStringLiteral("minutes")).toDouble(&ok);
    if (!ok || minutes <= 0) {
        std::fprintf(stderr, "bench_soak: --minutes must be a positive number\n");
        return 2;
    }
    SoakOptions options;
    options.durationMs = int(minutes * 60000);
    options.quietEveryMs = 60000;
    options.seed = parser.value(QStringLiteral("seed")).toUInt();
    options.log = parser.isSet(QStringLiteral("log"));
    const SoakReport report = runSoak(options);
    std::printf("%s\n", qPrintable(report.toText()));
    return report.error.isEmpty() && report.mismatches == 0 ? 0 : 1;
}
