// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "sandbox/localcluster.h"
#include "support/etcdctl.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QTest>
#include <QTimer>

#include <memory>

namespace etcd::test {

// Run the event loop until `future` is finished (continuations to this thread need the loop).
// Sleeps while nothing happens: a busy loop would take a core from the etcd under test.
// Returns false on timeout.
template<typename T> bool waitFor(const QFuture<T> &future, int timeoutMs = 20000)
{
    if (future.isFinished())
        return true;
    QEventLoop loop;
    QFutureWatcher<T> watcher;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    loop.exec();
    return future.isFinished();
}

// The result of a future that must finish in time (a test failure otherwise).
template<typename T> T resultOf(const QFuture<T> &future, int timeoutMs = 20000)
{
    if (!waitFor(future, timeoutMs)) {
        QTest::qFail("future did not finish in time", __FILE__, __LINE__);
        return T();
    }
    return future.result();
}

// Start a real etcd cluster; a missing etcd binary or a failed start is a test failure.
std::unique_ptr<LocalCluster> startCluster(QString *error, int members, bool fastTimings = false,
                                           const QStringList &extraArgs = {});

ConnectionOptions optionsFor(const LocalCluster &cluster);
// optionsFor() signing in as `user`.
ConnectionOptions optionsAs(const LocalCluster &cluster, const QString &user, const QString &password);
Etcdctl etcdctlFor(const LocalCluster &cluster);

// A plain HTTP GET of http://<endpoint><path>; endpoint is "host:port" or "http://host:port".
// etcd serves /metrics and /health on a plain client port and on every metrics listener
// (LocalCluster::metricsEndpoint); an https:// endpoint gets an empty answer.
QByteArray httpGet(const QString &endpoint, const QString &path, int timeoutMs = 5000);
// The value of a Prometheus metric (the sum over its label sets) from etcd's /metrics, or -1.
double etcdMetric(const QString &endpoint, const QByteArray &name, const QByteArray &labelFilter = {});
// The same from a member's metrics listener, which answers plain http even on a TLS cluster.
double etcdMetric(const LocalCluster &cluster, int member, const QByteArray &name, const QByteArray &labelFilter = {});

// Wait until the endpoints of `client` that answer agree on a leader that is one of them (after
// killing a member, writes are only reliable once the survivors have elected a new leader).
bool waitForLeader(EtcdClient &client, int timeoutMs = 15000);

// Sleep while keeping the event loop running (for letting time pass deliberately, e.g. past a TTL).
void spin(int ms);

} // namespace etcd::test

// QVERIFY2 for an EtcdResult: prints the error in plain words when it failed.
// The argument is evaluated once (QVERIFY2 evaluates its message even on success).
#define QVERIFY_OK(expr)                                                                                               \
    do {                                                                                                               \
        const auto &verifyOkResult_ = (expr);                                                                          \
        QVERIFY2(verifyOkResult_.ok(), qPrintable(verifyOkResult_.error().toString()));                                \
    } while (false)
// Start a cluster into `var` or fail the test with the reason.
#define START_CLUSTER(var, ...)                                                                                        \
    QString var##Error;                                                                                                \
    auto var = etcd::test::startCluster(&var##Error, __VA_ARGS__);                                                     \
    QVERIFY2(var, qPrintable(var##Error))
