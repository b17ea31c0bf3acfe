// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// What an idle console costs the cluster, per view: a 3-member cluster holding 100 000 keys,
// 3 000 leases (each with one key, like Kubernetes events) and 5 services kept alive by this
// process; the real etcd-console binary (offscreen) is started with --view NAME, left to load,
// then left alone while etcd's own counters are read: every request message etcd received
// (grpc_server_msg_received_total: one per unary call, one per stream message), summed over the
// members, less what the cluster received without the console in the same time (the services'
// keepalives). Prints one row per view, and the busiest methods.
//
//   bench_idlecost [--settle 40] [--measure 30] [--views keys,cluster,...] [--console PATH]

#include "client/continuation.h"
#include "client/etcdclient.h"
#include "client/keepalive.h"
#include "sandbox/localcluster.h"
#include "support/testsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>
#include <vector>

using namespace etcd;
using namespace etcd::test;

namespace {

using Counts = QMap<QString, double>; // "Service/Method" -> messages received

Counts received(const LocalCluster &cluster)
{
    Counts out;
    for (int m = 0; m < cluster.memberCount(); ++m) {
        const QByteArray text = httpGet(cluster.metricsEndpoint(m), QStringLiteral("/metrics"));
        for (const QByteArray &line : text.split('\n')) {
            if (!line.startsWith("grpc_server_msg_received_total{"))
                continue;
            const int at = line.indexOf("grpc_method=\"") + 13;
            const QByteArray method = line.mid(at, line.indexOf('"', at) - at);
            out[QString::fromLatin1(method)] += line.mid(line.lastIndexOf(' ') + 1).toDouble();
        }
    }
    return out;
}

Counts minus(const Counts &a, const Counts &b, double scale = 1)
{
    Counts out;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        const double d = it.value() - b.value(it.key()) * scale;
        if (d > 0.001)
            out.insert(it.key(), d);
    }
    return out;
}

Counts scaled(const Counts &c, double factor)
{
    Counts out;
    for (auto it = c.cbegin(); it != c.cend(); ++it)
        out.insert(it.key(), it.value() * factor);
    return out;
}

double sum(const Counts &c)
{
    double s = 0;
    for (double v : c)
        s += v;
    return s;
}

QString busiest(const Counts &perSecond)
{
    std::vector<std::pair<double, QString>> rows;
    for (auto it = perSecond.cbegin(); it != perSecond.cend(); ++it)
        rows.emplace_back(it.value(), it.key());
    std::sort(rows.begin(), rows.end(), [](const auto &x, const auto &y) { return x.first > y.first; });
    QStringList parts;
    for (size_t i = 0; i < rows.size() && i < 5; ++i)
        if (rows[i].first >= 0.05)
            parts << QStringLiteral("%1 %2").arg(rows[i].second).arg(rows[i].first, 0, 'f', 2);
    return parts.join(QStringLiteral(", "));
}

bool populate(EtcdClient &client, std::vector<KeepAlive *> *keepers)
{
    std::printf("writing 100000 keys, 3000 leases with a key each, 5 services...\n");
    std::fflush(stdout);
    QVector<QFuture<EtcdResult<PutResult>>> puts;
    for (int i = 0; i < 100000; ++i) {
        puts << client.kv().put(QByteArray("/bench/idle/app-") + QByteArray::number(i % 100) + "/key-" +
                                    QByteArray::number(i),
                                QByteArray(64, 'v'));
        if (puts.size() >= 512) {
            for (const auto &f : puts)
                if (!resultOf(f, 60000).ok())
                    return false;
            puts.clear();
        }
    }
    for (const auto &f : puts)
        if (!resultOf(f, 60000).ok())
            return false;
    QVector<QFuture<EtcdResult<LeaseGrant>>> grants;
    for (int i = 0; i < 3000; ++i)
        grants << client.lease().grant(3600);
    for (int i = 0; i < grants.size(); ++i) {
        const auto g = resultOf(grants.at(i), 60000);
        if (!g.ok())
            return false;
        PutOptions o;
        o.lease = g->id;
        puts << client.kv().put("/registry/events/default/event-" + QByteArray::number(i), "{}", o);
    }
    for (const auto &f : puts)
        if (!resultOf(f, 60000).ok())
            return false;
    for (int i = 0; i < 5; ++i) {
        const auto g = resultOf(client.lease().grant(10));
        if (!g.ok())
            return false;
        PutOptions o;
        o.lease = g->id;
        const QByteArray key = "/services/svc-" + QByteArray::number(i) + "/instances/a";
        if (!resultOf(client.kv().put(key, R"({"address":"10.0.0.1","port":8080})", o)).ok())
            return false;
        keepers->push_back(client.keepAlive(g->id, 10));
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{QStringLiteral("settle"), QStringLiteral("Seconds to let the console load"),
                        QStringLiteral("s"), QStringLiteral("40")},
                       {QStringLiteral("measure"), QStringLiteral("Seconds measured idle"), QStringLiteral("s"),
                        QStringLiteral("30")},
                       {QStringLiteral("views"), QStringLiteral("Views to measure"), QStringLiteral("list"),
                        QStringLiteral("keys,cluster,services,leases,activity,security,failover,locks")},
                       {QStringLiteral("console"), QStringLiteral("etcd-console binary"), QStringLiteral("path"),
                        QStringLiteral(ETCD_CONSOLE_BIN)}});
    parser.process(app);
    const int settle = parser.value(QStringLiteral("settle")).toInt();
    const int measure = parser.value(QStringLiteral("measure")).toInt();

    LocalClusterOptions lo;
    lo.members = 3;
    LocalCluster cluster(lo);
    QString error;
    if (!cluster.startAndWait(&error)) {
        std::fprintf(stderr, "bench_idlecost: %s\n", qPrintable(error));
        return 1;
    }
    ConnectionOptions options;
    options.endpoints = cluster.clientEndpoints();
    options.callTimeoutMs = 60000;
    EtcdClient client(options);
    std::vector<KeepAlive *> keepers;
    if (!populate(client, &keepers)) {
        std::fprintf(stderr, "bench_idlecost: could not write the data set\n");
        return 1;
    }

    // The cluster without the console: the services' keepalives (and etcd's own, none over gRPC).
    spin(3000);
    Counts before = received(cluster);
    spin(measure * 1000);
    const Counts baseline = minus(received(cluster), before);
    std::printf("baseline without console: %.2f requests/s (%s)\n", sum(baseline) / measure,
                qPrintable(busiest(scaled(baseline, 1.0 / measure))));
    std::printf("%-10s %14s %14s  %s\n", "view", "load req", "idle req/s", "busiest while idle (req/s)");
    std::fflush(stdout);

    QTemporaryDir home;
    for (const QString &view : parser.value(QStringLiteral("views")).split(QLatin1Char(','))) {
        QProcess console;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/config"));
        console.setProcessEnvironment(env);
        console.setStandardOutputFile(QProcess::nullDevice());
        console.setStandardErrorFile(QProcess::nullDevice());
        const Counts start = received(cluster);
        console.start(parser.value(QStringLiteral("console")),
                      {QStringLiteral("--endpoints"), cluster.clientEndpoints().join(QLatin1Char(',')),
                       QStringLiteral("--view"), view});
        if (!console.waitForStarted(10000)) {
            std::fprintf(stderr, "bench_idlecost: cannot start %s\n",
                         qPrintable(parser.value(QStringLiteral("console"))));
            return 1;
        }
        spin(settle * 1000);
        const Counts loaded = received(cluster);
        spin(measure * 1000);
        const Counts idle = received(cluster);
        const bool running = console.state() == QProcess::Running;
        console.kill();
        console.waitForFinished(5000);
        const double scale = double(settle) / measure;
        const Counts load = minus(minus(loaded, start), baseline, scale);
        const Counts rate = scaled(minus(minus(idle, loaded), baseline), 1.0 / measure);
        std::printf("%-10s %14.0f %14.2f  %s%s\n", qPrintable(view), sum(load), sum(rate), qPrintable(busiest(rate)),
                    running ? "" : "  (the console exited early!)");
        std::fflush(stdout);
        spin(2000);
    }
    for (KeepAlive *k : keepers)
        delete k;
    return 0;
}
