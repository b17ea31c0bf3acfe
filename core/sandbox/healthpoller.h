// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

namespace etcd {

// Polls /health of starting members off the calling thread (probes may block ~1 s while etcd
// accepts connections but has not joined yet) and reports each member once, when healthy.
// Answers about an earlier watch of the same member (it was restarted meanwhile) are dropped.
class HealthPoller : public QObject
{
    Q_OBJECT
public:
    explicit HealthPoller(int maxParallelProbes, QObject *parent = nullptr);
    ~HealthPoller() override;

    void watch(int member, quint16 port); // replaces an earlier watch of this member
    void unwatch(int member);
    void clear();
    QThreadPool *pool() { return &m_pool; }

Q_SIGNALS:
    void healthy(int member);

private:
    struct Watch
    {
        quint16 port = 0;
        quint64 generation = 0;
        bool probing = false;
    };
    void poll();
    void onResult(int member, quint64 generation, bool isHealthy);

    QHash<int, Watch> m_watches;
    quint64 m_generation = 0;
    QTimer m_timer;
    QThreadPool m_pool; // our own: blocking probes must not starve the application's global pool
};

} // namespace etcd
