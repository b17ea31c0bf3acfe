// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The Kubernetes overview over a large /registry tree: 50 000 pods of about 4 KB and 100 000
// events (by default), written with the project's own encoder. Reports, for each run: the scan's
// time and this process's peak memory growth against the bytes of the values read, beside
// `etcdctl get /registry --prefix` (values, output discarded) in the same run, with etcdctl's own
// peak RSS; and the time of a label-selector filter over the index. Numbers, not asserts.
//
//   bench_kubeoverview [--pods N] [--events N] [--runs N] [--endpoints host:port,...]

#include "benchcluster.h"
#include "benchkeys.h"
#include "client/continuation.h"
#include "client/etcdclient.h"
#include "k8s/kubevalue.h"
#include "k8s/registryscan.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <sys/resource.h>

#include "k8s/core.pb.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

using namespace etcd;
using namespace etcd::test;

namespace {

namespace v1 = ::k8s::io::api::core::v1;

// This process's resident set: now and its peak since the last reset (Linux /proc).
qint64 statusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qsizetype(std::strlen(field))).trimmed().split(' ').first().toLongLong();
    return -1;
}

void resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

int g_podBytes = 4000;

QByteArray podValue(int i, const QString &ns)
{
    v1::Pod pod;
    auto *m = pod.mutable_metadata();
    const std::string name = "web-" + std::to_string(i);
    m->set_name(name);
    m->set_namespace_(ns.toStdString());
    m->set_uid("0b9d1d6e-4c1e-4f0a-9a57-" + std::to_string(100000000000LL + i));
    m->mutable_creationtimestamp()->set_seconds(1714557600 + i);
    (*m->mutable_labels())["app"] = i % 3 ? "web" : "api";
    (*m->mutable_labels())["tier"] = i % 5 ? "frontend" : "db";
    (*m->mutable_labels())["pod-template-hash"] = "7d9f8c6b5d";
    // kubectl apply's annotation: the usual reason pods weigh a few KB.
    std::string applied = R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":")" + name + R"(","env":[)";
    while (applied.size() < size_t(std::max(100, g_podBytes - 850)))
        applied +=
            R"({"name":"SETTING_)" + std::to_string(applied.size()) + R"(","value":"some configuration value"},)";
    applied += "{}]}}";
    (*m->mutable_annotations())["kubectl.kubernetes.io/last-applied-configuration"] = applied;
    auto *c = pod.mutable_spec()->add_containers();
    c->set_name("web");
    c->set_image("ghcr.io/example/shop-web:2.14.1");
    for (int e = 0; e < 12; ++e) {
        auto *env = c->add_env();
        env->set_name("SETTING_" + std::to_string(e));
        env->set_value("some configuration value " + std::to_string(e));
    }
    auto *port = c->add_ports();
    port->set_name("http");
    port->set_containerport(8080);
    port->set_protocol("TCP");
    (*c->mutable_resources()->mutable_requests())["cpu"].set_string("250m");
    (*c->mutable_resources()->mutable_requests())["memory"].set_string("256Mi");
    pod.mutable_spec()->set_nodename("worker-" + std::to_string(i % 40));
    pod.mutable_status()->set_phase("Running");
    pod.mutable_status()->set_podip("10.244." + std::to_string(i % 250) + "." + std::to_string(i % 200));
    return etcd::k8s::encodeObject("v1", "Pod", pod);
}

QByteArray eventValue(int i, const QString &ns)
{
    v1::Event e;
    e.mutable_metadata()->set_name("web-" + std::to_string(i / 2) + ".17d" + std::to_string(i));
    e.mutable_metadata()->set_namespace_(ns.toStdString());
    e.mutable_metadata()->mutable_creationtimestamp()->set_seconds(1714557600 + i);
    e.mutable_involvedobject()->set_kind("Pod");
    e.mutable_involvedobject()->set_name("web-" + std::to_string(i / 2));
    e.mutable_involvedobject()->set_namespace_(ns.toStdString());
    e.set_reason(i % 2 ? "Pulled" : "Started");
    e.set_message("Container image \"ghcr.io/example/shop-web:2.14.1\" already present on machine");
    e.mutable_source()->set_component("kubelet");
    e.set_count(1);
    e.set_type("Normal");
    return etcd::k8s::encodeObject("v1", "Event", e);
}

qint64 fillRegistry(EtcdClient &client, int pods, int events)
{
    qint64 bytes = 0;
    int inFlight = 0;
    int failures = 0;
    QObject context;
    auto flush = [&](TxnSpec &txn) {
        if (txn.success.isEmpty())
            return;
        ++inFlight;
        whenFinished(client.kv().txn(txn), &context, [&](const EtcdResult<TxnResult> &r) {
            if (!r.ok() && failures++ == 0)
                std::fprintf(stderr, "write failed: %s\n", qPrintable(r.error().toString()));
            --inFlight;
        });
        txn = TxnSpec();
        waitUntil([&] { return inFlight < 8; });
    };
    TxnSpec txn;
    qint64 batchBytes = 0;
    for (int i = 0; i < pods + events; ++i) {
        const bool pod = i < pods;
        const int n = pod ? i : i - pods;
        const QString ns = QStringLiteral("team-%1").arg(n % 20, 2, 10, QLatin1Char('0'));
        const QByteArray key = pod ? "/registry/pods/" + ns.toUtf8() + "/web-" + QByteArray::number(n)
                                   : "/registry/events/" + ns.toUtf8() + "/web-" + QByteArray::number(n / 2) + ".17d" +
                                         QByteArray::number(n);
        const QByteArray value = pod ? podValue(n, ns) : eventValue(n, ns);
        bytes += value.size();
        txn.success << TxnOp::putKey(key, value);
        batchBytes += value.size();
        if (txn.success.size() == 100 || batchBytes > 1000000) { // etcd takes 1.5 MiB a request
            flush(txn);
            batchBytes = 0;
        }
    }
    flush(txn);
    waitUntil([&] { return inFlight == 0; });
    return bytes;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("pods"), QStringLiteral("Pods to write."), QStringLiteral("N"), QStringLiteral("50000")},
         {QStringLiteral("events"), QStringLiteral("Events to write."), QStringLiteral("N"), QStringLiteral("100000")},
         {QStringLiteral("pod-bytes"), QStringLiteral("About how large each pod is."), QStringLiteral("N"),
          QStringLiteral("4000")},
         {QStringLiteral("runs"), QStringLiteral("Measured runs."), QStringLiteral("N"), QStringLiteral("3")},
         {QStringLiteral("endpoints"), QStringLiteral("An etcd to use instead of a fresh one."),
          QStringLiteral("host:port,...")}});
    parser.process(app);
    const int pods = parser.value(QStringLiteral("pods")).toInt();
    const int events = parser.value(QStringLiteral("events")).toInt();
    const int runs = parser.value(QStringLiteral("runs")).toInt();
    g_podBytes = parser.value(QStringLiteral("pod-bytes")).toInt();

    std::unique_ptr<LocalCluster> cluster;
    ConnectionOptions options;
    if (!benchCluster(parser.value(QStringLiteral("endpoints")), "bench_kubeoverview", &cluster, &options))
        return 1;
    EtcdClient client(options);
    QElapsedTimer t;
    t.start();
    const qint64 valueBytes = fillRegistry(client, pods, events);
    std::printf("wrote %d pods + %d events (%.1f MB of values, pods ~%lld B) in %.1f s\n", pods, events,
                double(valueBytes) / 1e6, static_cast<long long>(podValue(1, QStringLiteral("team-01")).size()),
                double(t.elapsed()) / 1000);
    const QString endpoints = options.endpoints.join(QLatin1Char(','));

    for (int run = 1; run <= runs; ++run) {
        // etcdctl first: the same reads, values printed (to /dev/null), its peak RSS from rusage.
        const double ctlMs =
            runEtcdctl(endpoints, {QStringLiteral("get"), QStringLiteral("/registry"), QStringLiteral("--prefix")});
        rusage usage{};
        getrusage(RUSAGE_CHILDREN, &usage);

        const qint64 rssBefore = statusKb("VmRSS:");
        resetPeak();
        t.restart();
        auto future = etcd::k8s::scanRegistry(&client);
        future.waitForFinished(); // the scan reads on its own thread
        const double scanMs = double(t.elapsed());
        const EtcdResult<etcd::k8s::RegistryScan> scan = future.result();
        const qint64 peak = statusKb("VmHWM:");
        const qint64 kept = statusKb("VmRSS:"); // the scan's index is still held here
        if (!scan.ok()) {
            std::fprintf(stderr, "scan failed: %s\n", qPrintable(scan.error().toString()));
            return 1;
        }
        t.restart();
        const QVector<int> web =
            etcd::k8s::filterObjects(scan.value(), {QStringLiteral("Pod"), {}, QStringLiteral("app=web,tier!=db")});
        const double filterMs = double(t.elapsed());
        std::printf("run %d: overview scan %.0f ms (%lld objects, %.1f MB values; RSS %.1f MB before, peak +%.1f MB, "
                    "+%.1f MB kept) | "
                    "etcdctl get /registry --prefix %.0f ms (peak RSS %.1f MB) | ratio %.2fx | filter app=web,tier!=db "
                    "%.0f ms (%lld pods)\n",
                    run, scanMs, static_cast<long long>(scan->objects), double(scan->bytes) / 1e6,
                    double(rssBefore) / 1024, double(peak - rssBefore) / 1024, double(kept - rssBefore) / 1024, ctlMs,
                    double(usage.ru_maxrss) / 1024, scanMs / ctlMs, filterMs, static_cast<long long>(web.size()));
    }
    return 0;
}
