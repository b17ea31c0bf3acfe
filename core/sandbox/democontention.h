// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "recipes/election.h"
#include "recipes/mutex.h"
#include "recipes/session.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVector>

namespace etcd {

// A small, realistic contention for the sandbox, so the Elections and locks view has something to
// show: kWorkers report workers, each with a session of its own (a lease kept alive), queue for
// the lock kLockName (Go's Mutex layout, as `etcdctl lock` writes it: one worker writes the nightly
// report at a time) and campaign in the election kElectionName with their name and address as the
// proposal (as `etcdctl elect` does: the leader schedules the reports). Like the seeded services, the keys are in
// place before the first window opens and stay while the console runs.
//
// While it moves (the demo traffic runs), the lock's holder lets go after 4 to 8 s and queues
// again at the back, and the leader resigns after about 20 s and campaigns again; stopped, everyone
// keeps their place. A worker whose lease goes (revoked from the view, say) opens a new session
// after 2 s and queues again, as a real worker would.
class DemoContention : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *kLockName = "/demo/locks/nightly-report";
    static constexpr const char *kElectionName = "/demo/election/report-scheduler";
    static constexpr int kWorkers = 3;
    static constexpr qint64 kSessionTtl = 15;
    static constexpr int kReadyTimeoutMs = 3000;

    explicit DemoContention(EtcdClient *client, QObject *parent = nullptr);

    // Open the sessions and queue; ready() once every worker has its two keys (or after
    // kReadyTimeoutMs: the sandbox is still useful without them).
    void start();
    bool isReady() const { return m_ready; }
    void setMoving(bool moving);
    bool isMoving() const { return m_tick.isActive(); }

Q_SIGNALS:
    void ready();

private:
    struct Worker
    {
        QString id;
        QByteArray proposal;
        QPointer<Session> session;
        QPointer<Mutex> mutex;
        QPointer<Election> election;
        bool lockKey = false;     // its key is in the lock's queue
        bool electionKey = false; // ... and among the candidates
        bool lockAsked = false;
        bool electionAsked = false;
        qint64 releaseAtMs = 0; // holds the lock until then (while moving)
        qint64 resignAtMs = 0;  // leads until then (while moving)
    };

    void open(int worker);
    void queueForLock(int worker);
    void campaign(int worker);
    void tick();
    void checkReady();

    QPointer<EtcdClient> m_client;
    QVector<Worker> m_workers;
    QTimer m_tick;
    bool m_started = false;
    bool m_ready = false;
};

} // namespace etcd
