// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The key view over a slow link: a delay proxy (a process of its own) adds a one-way delay in each
// direction in front of etcd, and the key view opens on N keys (written in scattered order)
// through it and directly, next to `etcdctl get --prefix --keys-only` through the same link. Also
// the bare paged walk one request at a time (the walk before requests were kept in flight) and
// with the adaptive number in flight, an export with values and a guarded prefix delete; and all of
// it again through an SSH bastion (a local sshd), beside etcdctl through OpenSSH's ssh -L.
//
//   bench_remotewalk [--keys 200000] [--delay-ms 25] [--endpoints host:port]
//   bench_remotewalk --proxy --listen PORT --target HOST:PORT --delay-ms MS [--rate BYTES/S]

#include "benchcluster.h"
#include "benchkeys.h"
#include "client/etcdclient.h"
#include "delayproxy.h"
#include "keys/keybrowser.h"
#include "keys/keytreemodel.h"
#include "state/operations/keyexport.h"
#include "state/operations/keyoperations.h"
#include "support/sshserver.h"
#include "support/testsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <cstring>

using namespace etcd;
using namespace etcd::test;

namespace {

int runProxy(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("proxy"), QStringLiteral("proxy mode")},
                       {QStringLiteral("listen"), QStringLiteral("port"), QStringLiteral("port")},
                       {QStringLiteral("target"), QStringLiteral("host:port"), QStringLiteral("address")},
                       {QStringLiteral("delay-ms"), QStringLiteral("one-way delay"), QStringLiteral("ms")},
                       {QStringLiteral("rate"), QStringLiteral("bytes per second, 0: no cap"), QStringLiteral("n"),
                        QStringLiteral("0")}});
    parser.process(app);
    const QString target = parser.value(QStringLiteral("target"));
    DelayProxy proxy(
        quint16(parser.value(QStringLiteral("listen")).toUInt()), QHostAddress(target.section(QLatin1Char(':'), 0, 0)),
        quint16(target.section(QLatin1Char(':'), 1, 1).toUInt()), parser.value(QStringLiteral("delay-ms")).toInt(),
        parser.value(QStringLiteral("rate")).toLongLong());
    if (!proxy.isListening()) {
        std::fprintf(stderr, "bench_remotewalk --proxy: cannot listen\n");
        return 1;
    }
    return app.exec();
}

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

struct Row
{
    double viewFirstLevelMs = -1;
    double viewLoadedMs = -1;
    double sequentialMs = -1;
    int sequentialRequests = 0;
    double adaptiveMs = -1;
    int adaptiveRequests = 0;
    int adaptiveInFlight = 0;
    double etcdctlMs = -1;
    double exportMs = -1;       // the console's export of the prefix (keys and values) to a file
    double etcdctlGetMs = -1;   // etcdctl get --prefix (keys and values), the same range
    double deleteMs = -1;       // the console's guarded delete of kDeleteKeys keys
    int deleteRequests = 0;
    double etcdctlDelMs = -1;   // etcdctl del --prefix of as many
};

constexpr int kDeleteKeys = 20000;

void fillDeletable(EtcdClient &client)
{
    QObject context;
    int inFlight = 0;
    for (int start = 0; start < kDeleteKeys; start += 100) {
        TxnSpec txn;
        for (int i = start; i < std::min(kDeleteKeys, start + 100); ++i)
            txn.success << TxnOp::putKey("/bench-del/" + QByteArray::number(i).rightJustified(6, '0'), "value");
        ++inFlight;
        whenFinished(client.kv().txn(txn), &context, [&](const EtcdResult<TxnResult> &) { --inFlight; });
        waitUntil([&] { return inFlight < 16; });
    }
    waitUntil([&] { return inFlight == 0; });
}


// The console through `o`; etcdctl through `endpoint` (the same link, or OpenSSH's forwarding of it).
Row measure(ConnectionOptions o, const QString &endpoint, int keys)
{
    Row row;
    o.callTimeoutMs = 120000;
    {
        EtcdClient client(o);
        ui::KeyBrowser browser(&client, {"/bench/", '/'});
        browser.resize(1200, 800);
        browser.show();
        QElapsedTimer t;
        QObject::connect(browser.mirror(), &KeySpaceMirror::loadProgress, &browser, [&] {
            if (row.viewFirstLevelMs < 0 && browser.model()->rowCount() > 0)
                row.viewFirstLevelMs = double(t.elapsed());
        });
        QObject::connect(&browser, &ui::KeyBrowser::loaded, &browser, [&] { row.viewLoadedMs = double(t.elapsed()); });
        t.start();
        browser.start();
        waitUntil([&] { return row.viewLoadedMs >= 0; });
        if (row.viewFirstLevelMs < 0)
            row.viewFirstLevelMs = row.viewLoadedMs;
    }
    for (const int maxInFlight : {1, PagedRangeOptions().maxInFlight}) {
        EtcdClient client(o);
        PagedRangeOptions p;
        p.range = RangeOptions::prefix("/bench/");
        p.range.keysOnly = true;
        p.maxInFlight = maxInFlight;
        qint64 seen = 0;
        QObject context;
        QElapsedTimer t;
        t.start();
        const auto summary = resultOf(
            client.kv().pagedRange(p, &context, [&](const RangePage &page) { seen += page.kvs.size(); }), 600000);
        const double ms = double(t.elapsed());
        if (!summary.ok() || seen != keys)
            std::fprintf(stderr, "walk failed or incomplete: %lld of %d keys\n", seen, keys);
        if (maxInFlight == 1) {
            row.sequentialMs = ms;
            row.sequentialRequests = summary.ok() ? summary->requests : 0;
        } else {
            row.adaptiveMs = ms;
            row.adaptiveRequests = summary.ok() ? summary->requests : 0;
            row.adaptiveInFlight = summary.ok() ? summary->maxInFlight : 0;
        }
    }
    row.etcdctlMs = runEtcdctl(endpoint, {QStringLiteral("get"), QStringLiteral("/bench/"), QStringLiteral("--prefix"),
                                          QStringLiteral("--keys-only")});
    {
        // The other walks: an export of the same prefix with values, and a guarded prefix delete.
        EtcdClient client(o);
        QTemporaryDir dir;
        QElapsedTimer t;
        t.start();
        const auto exported = resultOf(exportPrefix(&client, "/bench/", dir.filePath(QStringLiteral("x.json"))), 600000);
        row.exportMs = exported.ok() && exported->keys == keys ? double(t.elapsed()) : -1;
        fillDeletable(client);
        t.restart();
        const quint64 before = client.requests().total();
        const auto deleted = resultOf(KeyOperations(&client).deletePrefix("/bench-del/"), 600000);
        row.deleteMs = deleted.ok() && deleted->done == kDeleteKeys ? double(t.elapsed()) : -1;
        row.deleteRequests = int(client.requests().total() - before);
        fillDeletable(client);
    }
    row.etcdctlGetMs = runEtcdctl(endpoint, {QStringLiteral("get"), QStringLiteral("/bench/"), QStringLiteral("--prefix")});
    row.etcdctlDelMs = runEtcdctl(endpoint, {QStringLiteral("del"), QStringLiteral("/bench-del/"), QStringLiteral("--prefix")});
    return row;
}

} // namespace

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--proxy") == 0)
            return runProxy(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("keys"), QStringLiteral("keys"), QStringLiteral("N"), QStringLiteral("200000")},
         {QStringLiteral("delay-ms"), QStringLiteral("one-way delay"), QStringLiteral("ms"), QStringLiteral("25")},
         {QStringLiteral("endpoints"), QStringLiteral("cluster"), QStringLiteral("list")}});
    parser.process(app);
    const int keys = parser.value(QStringLiteral("keys")).toInt();
    const int delay = parser.value(QStringLiteral("delay-ms")).toInt();
    std::unique_ptr<LocalCluster> cluster;
    ConnectionOptions options;
    if (!clusterWithKeys(parser.value(QStringLiteral("endpoints")), "bench_remotewalk", keys, &cluster, &options))
        return 1;
    const QString direct = options.endpoints.first().section(QStringLiteral("://"), -1);
    const quint16 port = freePort();
    QProcess proxy;
    proxy.setProcessChannelMode(QProcess::ForwardedChannels);
    proxy.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--proxy"), QStringLiteral("--listen"), QString::number(port),
                 QStringLiteral("--target"), direct, QStringLiteral("--delay-ms"), QString::number(delay)});
    QElapsedTimer up;
    up.start();
    for (bool ready = false; !ready && up.elapsed() < 10000;) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        ready = probe.waitForConnected(200);
    }
    const QString proxied = QStringLiteral("127.0.0.1:%1").arg(port);

    ConnectionOptions viaProxy;
    viaProxy.endpoints = {proxied};
    ConnectionOptions viaLoopback;
    viaLoopback.endpoints = {direct};
    const Row loopback = measure(viaLoopback, direct, keys);
    const Row remote = measure(viaProxy, proxied, keys);
    proxy.kill();
    proxy.waitForFinished(3000);

    // The same loopback etcd through an SSH bastion (a local sshd): the console's libssh tunnel
    // beside etcdctl through OpenSSH's own forwarding (ssh -N -L) of the same sshd.
    Row tunnel;
    SshServer sshd;
    QString error;
    const QString key = sshd.start(&error) ? sshd.makeKey(QStringLiteral("bench"), QStringLiteral("ed25519"),
                                                          QStringLiteral("openssh"), {}, &error)
                                           : QString();
    if (key.isEmpty() || !sshd.authorize(key, &error)) {
        std::fprintf(stderr, "no SSH measurement: %s\n", qPrintable(error));
    } else {
        const quint16 forwarded = freePort();
        QProcess forward;
        forward.start(QStringLiteral("ssh"),
                      {QStringLiteral("-N"), QStringLiteral("-L"), QStringLiteral("%1:%2").arg(forwarded).arg(direct),
                       QStringLiteral("-i"), key, QStringLiteral("-p"), QString::number(sshd.port()),
                       QStringLiteral("-o"), QStringLiteral("UserKnownHostsFile=") + sshd.knownHostsFile(),
                       QStringLiteral("-o"), QStringLiteral("StrictHostKeyChecking=yes"), QStringLiteral("-o"),
                       QStringLiteral("BatchMode=yes"), QStringLiteral("-F"), QStringLiteral("/dev/null"),
                       QStringLiteral("%1@127.0.0.1").arg(sshd.user())});
        up.restart();
        for (bool ready = false; !ready && up.elapsed() < 10000;) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, forwarded);
            ready = probe.waitForConnected(200) && probe.state() == QAbstractSocket::ConnectedState;
            if (!ready)
                QThread::msleep(100);
        }
        ConnectionOptions viaSsh = viaLoopback;
        viaSsh.ssh.destination = sshd.destination();
        viaSsh.ssh.keyFile = key;
        viaSsh.ssh.configFile = QStringLiteral("none");
        viaSsh.ssh.knownHostsFile = sshd.knownHostsFile();
        viaSsh.ssh.agentSocket = QStringLiteral("/nonexistent");
        tunnel = measure(viaSsh, QStringLiteral("127.0.0.1:%1").arg(forwarded), keys);
        forward.kill();
        forward.waitForFinished(3000);
    }

    auto line = [&](const char *what, double a, double b, double c) {
        std::printf("| %s | %.0f ms | %.0f ms | %.0f ms |\n", what, a, b, c);
    };
    std::printf("\n%d keys; the link: %d ms each way (%d ms round trip); SSH: loopback sshd, etcdctl through "
                "ssh -L\n\n",
                keys, delay, 2 * delay);
    std::printf("| measurement | loopback | through the delay proxy | through an SSH bastion |\n|---|---|---|---|\n");
    line("key view: first level shown", loopback.viewFirstLevelMs, remote.viewFirstLevelMs, tunnel.viewFirstLevelMs);
    line("key view: whole tree loaded", loopback.viewLoadedMs, remote.viewLoadedMs, tunnel.viewLoadedMs);
    line("etcdctl get --prefix --keys-only (same run)", loopback.etcdctlMs, remote.etcdctlMs, tunnel.etcdctlMs);
    std::printf("| key view / etcdctl | %.2fx | %.2fx | %.2fx |\n", loopback.viewLoadedMs / loopback.etcdctlMs,
                remote.viewLoadedMs / remote.etcdctlMs, tunnel.viewLoadedMs / tunnel.etcdctlMs);
    std::printf("| paged walk, one request at a time | %.0f ms (%d requests) | %.0f ms (%d requests) | %.0f ms |\n",
                loopback.sequentialMs, loopback.sequentialRequests, remote.sequentialMs, remote.sequentialRequests,
                tunnel.sequentialMs);
    std::printf("| paged walk, adaptive | %.0f ms (%d requests, %d in flight) | %.0f ms (%d requests, %d in flight) "
                "| %.0f ms |\n",
                loopback.adaptiveMs, loopback.adaptiveRequests, loopback.adaptiveInFlight, remote.adaptiveMs,
                remote.adaptiveRequests, remote.adaptiveInFlight, tunnel.adaptiveMs);
    line("export of the prefix to a file (keys and values)", loopback.exportMs, remote.exportMs, tunnel.exportMs);
    line("etcdctl get --prefix, keys and values (same run)", loopback.etcdctlGetMs, remote.etcdctlGetMs,
         tunnel.etcdctlGetMs);
    std::printf("| guarded delete of %d keys (a transaction per page) | %.0f ms (%d requests) | %.0f ms (%d) | "
                "%.0f ms (%d) |\n",
                kDeleteKeys, loopback.deleteMs, loopback.deleteRequests, remote.deleteMs, remote.deleteRequests,
                tunnel.deleteMs, tunnel.deleteRequests);
    line("etcdctl del --prefix of as many (one request, no guard)", loopback.etcdctlDelMs, remote.etcdctlDelMs,
         tunnel.etcdctlDelMs);
    return 0;
}
