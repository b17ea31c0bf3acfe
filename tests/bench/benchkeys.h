// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/continuation.h"
#include "client/etcdclient.h"
#include "benchcluster.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>

#include <cstdio>
#include <memory>

#include <algorithm>
#include <functional>

namespace etcd::test {

inline void waitUntil(const std::function<bool()> &done)
{
    while (!done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

// ~50-byte keys in a realistic hierarchy: 20 services x 50 components x 1 000 keys.
// Runs etcdctl (output discarded) and returns how long it took in ms, or -1 when it failed.
inline double runEtcdctl(const QString &endpoints, const QStringList &args)
{
    QProcess ctl;
    ctl.setStandardOutputFile(QProcess::nullDevice());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ETCDCTL_API"), QStringLiteral("3"));
    ctl.setProcessEnvironment(env);
    QElapsedTimer t;
    t.start();
    ctl.start(QStringLiteral("etcdctl"),
              QStringList{QStringLiteral("--endpoints=") + endpoints, QStringLiteral("--command-timeout=5m")} + args);
    ctl.waitForFinished(600000);
    return ctl.exitStatus() == QProcess::NormalExit && ctl.exitCode() == 0 ? double(t.elapsed()) : -1;
}

inline QByteArray keyFor(int i)
{
    return QByteArrayLiteral("/bench/service-") + QByteArray::number(i % 20).rightJustified(2, '0') + "/component-" +
           QByteArray::number((i / 20) % 50).rightJustified(2, '0') + "/setting-" +
           QByteArray::number(i).rightJustified(8, '0');
}

// Writes keyFor(0..keys-1), 100 per transaction, 16 transactions in flight: the keys arrive in
// scattered order (consecutive numbers land in different folders).
inline void fill(EtcdClient &client, int keys)
{
    int inFlight = 0;
    QObject context;
    for (int start = 0; start < keys; start += 100) {
        TxnSpec txn;
        for (int i = start; i < std::min(keys, start + 100); ++i)
            txn.success << TxnOp::putKey(keyFor(i), QByteArray("v") + QByteArray::number(i % 1000));
        ++inFlight;
        whenFinished(client.kv().txn(txn), &context, [&](const EtcdResult<TxnResult> &) { --inFlight; });
        waitUntil([&] { return inFlight < 16; });
    }
    waitUntil([&] { return inFlight == 0; });
}

// benchCluster() holding keyFor(0..keys-1): says how long the writing took.
inline bool clusterWithKeys(const QString &endpoints, const char *tool, int keys, std::unique_ptr<LocalCluster> *cluster,
                            ConnectionOptions *options)
{
    if (!benchCluster(endpoints, tool, cluster, options))
        return false;
    EtcdClient filler(*options);
    QElapsedTimer t;
    t.start();
    fill(filler, keys);
    std::printf("wrote %d keys in %.1f s\n", keys, double(t.elapsed()) / 1000);
    return true;
}

} // namespace etcd::test
