// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "client/maintenance.h"
#include "sandbox/faultnetwork.h"
#include "sandbox/localcluster.h"
#include "sandbox/sandboxfaults.h"
#include "state/failover/failoverobserver.h"
#include "state/failover/failoverscenario.h"
#include "state/failover/workerpool.h"
#include "support/testsupport.h"

#include <QFutureWatcher>
#include <QTimer>

#include <memory>

namespace etcd::test {

// What a failover scenario runs on, as the console sets it up: a 3-member sandbox with its fault
// network, an observer, workers reaching etcd through their own routes, the sandbox's faults, and
// who leads raft (asked every 200 ms in the background, as the console's cluster monitor does).
struct ScenarioRig
{
    std::unique_ptr<LocalCluster> cluster;
    std::unique_ptr<EtcdClient> client; // the observer's (no watch batching) and the leader polls'
    std::unique_ptr<FailoverObserver> observer;
    std::unique_ptr<WorkerPool> pool;
    std::unique_ptr<SandboxFaults> faults;
    std::unique_ptr<FailoverScenario> scenario;
    std::unique_ptr<QTimer> leaderPoll;
    std::shared_ptr<int> leader = std::make_shared<int>(-1);

    bool start(const QString &workerProgram, int ttlSeconds, const QByteArray &election, QString *error)
    {
        LocalClusterOptions options;
        options.members = 3;
        options.fastTimings = ttlSeconds <= 1; // TTL 1 s with fast timings, 2 s with etcd's defaults
        options.faultNetwork = true;
        cluster = std::make_unique<LocalCluster>(options);
        if (!cluster->startAndWait(error))
            return false;
        ConnectionOptions observing = optionsFor(*cluster);
        observing.watchBatchMs = 0;
        observing.callTimeoutMs = 1500;
        client = std::make_unique<EtcdClient>(observing);
        observer = std::make_unique<FailoverObserver>(client.get(), election);
        observer->start();
        if (!QTest::qWaitFor([this] { return observer->isStarted(); }, 10000))
            return (*error = QStringLiteral("the observer did not start")), false;
        faults = std::make_unique<SandboxFaults>(cluster.get());
        leaderPoll = std::make_unique<QTimer>();
        leaderPoll->setInterval(200);
        QObject::connect(leaderPoll.get(), &QTimer::timeout, [this] {
            auto *watcher = new QFutureWatcher<QVector<EndpointStatus>>;
            QObject::connect(watcher, &QFutureWatcherBase::finished, [this, watcher, l = leader] {
                int found = -1;
                for (const EndpointStatus &st : watcher->result())
                    if (st.isLeader())
                        for (int i = 0; i < cluster->memberCount(); ++i)
                            if (cluster->clientEndpoint(i).endsWith(st.endpoint))
                                found = i;
                *l = found;
                watcher->deleteLater();
            });
            watcher->setFuture(client->maintenance().statusAll(800));
        });
        leaderPoll->start();
        WorkerPool::Settings s;
        s.program = workerProgram;
        s.connection = optionsFor(*cluster);
        s.election = election;
        s.ttlSeconds = ttlSeconds;
        s.network = cluster->faultNetwork();
        for (int i = 0; i < cluster->memberCount(); ++i)
            s.clientPorts << cluster->clientPort(i);
        pool = std::make_unique<WorkerPool>(s);
        pool->start(3);
        scenario =
            std::make_unique<FailoverScenario>(pool.get(), observer.get(), faults.get(), [l = leader] { return *l; });
        return true;
    }

    ~ScenarioRig()
    {
        scenario.reset();
        if (leaderPoll)
            leaderPoll->stop();
        pool.reset();
        observer.reset();
        client.reset();
        faults.reset();
        cluster.reset();
    }
};

} // namespace etcd::test
