#pragma once

#include "client/continuation.h"
#include "client/etcdclient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>
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

} // namespace etcd::test
