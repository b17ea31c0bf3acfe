// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/healthpoller.h"

#include "sandbox/healthprobe.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace etcd {
namespace {

constexpr int kProbeTimeoutMs = 1000; // a pending probe is answered as soon as the member is ready
constexpr int kPollIntervalMs = 100;

} // namespace

HealthPoller::HealthPoller(int maxParallelProbes, QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(std::max(2, maxParallelProbes));
    m_timer.setSingleShot(true);
    m_timer.setInterval(kPollIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &HealthPoller::poll);
}

HealthPoller::~HealthPoller()
{
    m_pool.waitForDone(); // bounded by the probe timeout; the probes own no pointer to us anyway
}

void HealthPoller::watch(int member, quint16 port)
{
    m_watches.insert(member, Watch{port, ++m_generation, false});
    if (!m_timer.isActive())
        m_timer.start();
}

void HealthPoller::unwatch(int member)
{
    m_watches.remove(member);
}

void HealthPoller::clear()
{
    m_watches.clear();
    m_timer.stop();
}

void HealthPoller::poll()
{
    for (auto it = m_watches.begin(); it != m_watches.end(); ++it) {
        if (it->probing)
            continue;
        it->probing = true;
        const int member = it.key();
        const quint64 generation = it->generation;
        const quint16 port = it->port;
        auto *watcher = new QFutureWatcher<bool>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, member, generation] {
            watcher->deleteLater();
            onResult(member, generation, watcher->result());
        });
        watcher->setFuture(QtConcurrent::run(&m_pool, [port] { return probeHealth(port, kProbeTimeoutMs).healthy; }));
    }
}

void HealthPoller::onResult(int member, quint64 generation, bool isHealthy)
{
    const auto it = m_watches.find(member);
    if (it == m_watches.end() || it->generation != generation)
        return;
    if (isHealthy)
        m_watches.erase(it);
    else
        it->probing = false;
    if (!m_watches.isEmpty() && !m_timer.isActive())
        m_timer.start();
    if (isHealthy)
        Q_EMIT healthy(member); // last: a receiver may call back into us
}

} // namespace etcd
