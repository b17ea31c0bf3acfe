// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/democontention.h"

#include "client/continuation.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace etcd {

namespace {

constexpr int kTickMs = 500;
constexpr int kRequeueMs = 1500; // a worker that let go of the lock queues again after this
constexpr int kRecampaignMs = 2000;
constexpr int kReopenMs = 2000; // after a lost session

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

qint64 randomMs(int from, int to)
{
    return nowMs() + QRandomGenerator::global()->bounded(from, to);
}

} // namespace

DemoContention::DemoContention(EtcdClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    for (int i = 0; i < kWorkers; ++i) {
        Worker w;
        w.id = QStringLiteral("report-worker-%1").arg(i + 1);
        w.proposal = QStringLiteral("%1 10.0.3.%2:7070").arg(w.id).arg(11 + i).toUtf8();
        m_workers << w;
    }
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &DemoContention::tick);
}

void DemoContention::start()
{
    if (!m_client || m_started)
        return;
    m_started = true;
    for (int i = 0; i < kWorkers; ++i)
        open(i);
    QTimer::singleShot(kReadyTimeoutMs, this, [this] {
        if (!m_ready) {
            m_ready = true; // some worker could not queue (a slow sandbox): go on without waiting
            Q_EMIT ready();
        }
    });
}

void DemoContention::setMoving(bool moving)
{
    if (moving)
        m_tick.start();
    else
        m_tick.stop();
}

void DemoContention::open(int i)
{
    Worker &w = m_workers[i];
    if (w.session)
        w.session->deleteLater(); // its mutex and election go with it
    w.lockKey = w.electionKey = w.lockAsked = w.electionAsked = false;
    w.releaseAtMs = w.resignAtMs = 0;
    auto *session = new Session(m_client, kSessionTtl, this);
    w.session = session;
    whenFinished(session->open(), this, [this, i, session](const EtcdStatus &opened) {
        if (m_workers[i].session != session)
            return;
        if (!opened.ok()) {
            QTimer::singleShot(kReopenMs, this, [this, i] { open(i); });
            return;
        }
        connect(session, &Session::lost, this, [this, i, session] {
            if (m_workers[i].session == session)
                QTimer::singleShot(kReopenMs, this, [this, i] { open(i); });
        });
        Worker &worker = m_workers[i];
        worker.mutex = new Mutex(session, kLockName, session);
        worker.election = new Election(session, kElectionName, session);
        connect(worker.mutex, &Mutex::registered, this, [this, i] {
            m_workers[i].lockKey = true;
            checkReady();
        });
        connect(worker.election, &Election::registered, this, [this, i] {
            m_workers[i].electionKey = true;
            checkReady();
        });
        if (m_ready) { // a worker back after a lost session: straight into both queues
            queueForLock(i);
            campaign(i);
        } else {
            checkReady();
        }
    });
}

void DemoContention::queueForLock(int i)
{
    Worker &w = m_workers[i];
    if (!w.mutex)
        return;
    w.lockAsked = true;
    w.mutex->lock(); // completes when it holds; the tick lets go later
}

void DemoContention::campaign(int i)
{
    Worker &w = m_workers[i];
    if (!w.election)
        return;
    w.electionAsked = true;
    w.election->campaign(w.proposal);
}

void DemoContention::checkReady()
{
    if (m_ready)
        return;
    // The first queueing goes one worker at a time, in a fixed order: the lock in worker order, the
    // election in reverse, so the first holder and the first leader are different workers.
    for (const Worker &w : std::as_const(m_workers))
        if (!w.session || !w.session->isAlive() || !w.mutex)
            return; // every session first
    for (int i = 0; i < kWorkers; ++i) {
        if (m_workers[i].lockKey)
            continue;
        if (!m_workers[i].lockAsked)
            queueForLock(i);
        return;
    }
    for (int i = kWorkers - 1; i >= 0; --i) {
        if (m_workers[i].electionKey)
            continue;
        if (!m_workers[i].electionAsked)
            campaign(i);
        return;
    }
    m_ready = true;
    Q_EMIT ready();
}

void DemoContention::tick()
{
    const qint64 now = nowMs();
    for (int i = 0; i < kWorkers; ++i) {
        Worker &w = m_workers[i];
        if (w.mutex && w.mutex->isLocked()) {
            if (w.releaseAtMs == 0) {
                w.releaseAtMs = randomMs(4000, 8000);
            } else if (now >= w.releaseAtMs) {
                w.releaseAtMs = 0;
                QPointer<Mutex> mutex = w.mutex;
                whenFinished(w.mutex->unlock(), this, [this, i, mutex](const EtcdStatus &) {
                    QTimer::singleShot(kRequeueMs, this, [this, i, mutex] {
                        if (mutex && m_workers[i].mutex == mutex)
                            queueForLock(i);
                    });
                });
            }
        }
        if (w.election && w.election->isLeader()) {
            if (w.resignAtMs == 0) {
                w.resignAtMs = randomMs(16000, 24000);
            } else if (now >= w.resignAtMs) {
                w.resignAtMs = 0;
                QPointer<Election> election = w.election;
                // Resigned or not (the view may have deleted the key already): back of the queue.
                whenFinished(w.election->resign(), this, [this, i, election](const EtcdStatus &) {
                    QTimer::singleShot(kRecampaignMs, this, [this, i, election] {
                        if (election && m_workers[i].election == election)
                            campaign(i);
                    });
                });
            }
        }
    }
}

} // namespace etcd
