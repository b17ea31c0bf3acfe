// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/failover/failoverscenario.h"

#include "sandbox/sandboxfaults.h"
#include "state/failover/failoverobserver.h"
#include "state/failover/workerpool.h"

#include <QDateTime>

namespace etcd {

namespace {
constexpr int kPollMs = 20;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

FailoverScenario::FailoverScenario(WorkerPool *pool, FailoverObserver *observer, SandboxFaults *faults,
                                   std::function<int()> etcdLeader, QObject *parent)
    : QObject(parent), m_pool(pool), m_observer(observer), m_faults(faults), m_etcdLeader(std::move(etcdLeader))
{
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &FailoverScenario::poll);
}

FailoverScenario::~FailoverScenario() = default;

QString FailoverScenario::name(Kind kind)
{
    switch (kind) {
    case Kind::KillMaster: return tr("Kill the master");
    case Kind::PauseMaster: return tr("Pause the master past its TTL");
    case Kind::CutOffMaster: return tr("Cut the master off from etcd");
    case Kind::PartitionEtcdLeader: return tr("Partition the etcd leader");
    case Kind::LoseQuorum: return tr("Lose quorum and restore it");
    }
    return {};
}

QString FailoverScenario::description(Kind kind)
{
    switch (kind) {
    case Kind::KillMaster:
        return tr("SIGKILL the master: its lease runs out, a standby takes over; then it is restarted as a standby.");
    case Kind::PauseMaster:
        return tr("SIGSTOP the master past its TTL, like a long GC pause: a standby takes over; on SIGCONT the old "
                  "master's next write meets the fencing compare.");
    case Kind::CutOffMaster:
        return tr("The master keeps running but etcd cannot hear it: a standby takes over; reconnected, what the old "
                  "master sent arrives late.");
    case Kind::PartitionEtcdLeader:
        return tr("The raft leader is cut off from its peers: the others elect a new leader; the workers' calls fail "
                  "over to other members.");
    case Kind::LoseQuorum:
        return tr("Two of three members are cut off: no leader, no writes, no keep-alives; then the network heals and "
                  "work resumes.");
    }
    return {};
}

bool FailoverScenario::needsSandboxNetwork(Kind kind)
{
    return kind == Kind::CutOffMaster || kind == Kind::PartitionEtcdLeader || kind == Kind::LoseQuorum;
}

QString FailoverScenario::masterId() const
{
    return m_observer ? m_observer->currentMaster() : QString();
}

int FailoverScenario::masterIndex() const
{
    return m_pool ? m_pool->indexOf(masterId()) : -1;
}

int FailoverScenario::recordsSince(qint64 atMs, const QString &notBy) const
{
    if (!m_observer)
        return 0;
    int n = 0;
    const auto &records = m_observer->records();
    for (auto it = records.crbegin(); it != records.crend() && it->atMs >= atMs; ++it)
        n += notBy.isEmpty() || it->id != notBy ? 1 : 0;
    return n;
}

void FailoverScenario::markFault(const QString &fault)
{
    m_faultMs = nowMs();
    m_gapsBefore = m_observer ? int(m_observer->gaps().size()) : 0;
    m_overlapsBefore = m_observer ? int(m_observer->overlaps().size()) : 0;
    m_refusedBefore = m_pool ? m_pool->rejectedWrites() : 0;
    // A fault to the master is over when another master works; a fault to etcd when anyone works.
    const bool toMaster =
        m_result.kind == Kind::KillMaster || m_result.kind == Kind::PauseMaster || m_result.kind == Kind::CutOffMaster;
    Q_EMIT faultDone(m_faultMs, toMaster ? m_master : QString(), fault);
}

bool FailoverScenario::start(Kind kind)
{
    if (m_running)
        return false;
    QString why;
    if (!m_pool || !m_observer)
        why = tr("start the workers first");
    else if (needsSandboxNetwork(kind) && (!m_faults || !m_faults->isAvailable()))
        why = tr("it needs the sandbox's fault network (a sandbox started by this console)");
    else if (kind == Kind::CutOffMaster && !m_pool->canCutOff())
        why = tr("these workers were not started through the sandbox's network");
    if (!why.isEmpty()) {
        Q_EMIT narrate(tr("Scenario \"%1\" cannot run: %2.").arg(name(kind), why));
        return false;
    }
    m_result = Result();
    m_result.kind = kind;
    m_master.clear();
    m_masterIndex = -1;
    m_faultMs = 0;
    buildSteps(kind);
    m_running = true;
    m_step = -1;
    Q_EMIT narrate(tr("Scenario \"%1\": %2").arg(name(kind), description(kind)));
    next();
    m_poll.start();
    return true;
}

void FailoverScenario::cancel()
{
    if (m_running)
        finish(false, tr("cancelled"));
}

void FailoverScenario::buildSteps(Kind kind)
{
    m_steps.clear();
    const int ttlMs = (m_pool ? m_pool->settings().ttlSeconds : 2) * 1000;
    // Every scenario starts from a master that works, with a standby behind it.
    m_steps.append({tr("Waiting for a working master with a standby…"), [] {},
                    [this] {
                        const QString m = masterId();
                        if (m.isEmpty() || recordsSince(nowMs() - 1000, QString()) < 3)
                            return false;
                        int alive = 0;
                        for (const WorkerPool::Worker &w : m_pool->workers())
                            alive += w.process && w.process->state() == QProcess::Running && !w.paused && !w.cutOff;
                        if (alive < 2)
                            return false;
                        // An etcd fault needs a cluster that has settled on a leader to begin with.
                        const bool etcdFault =
                            m_result.kind == Kind::PartitionEtcdLeader || m_result.kind == Kind::LoseQuorum;
                        if (etcdFault && (!m_etcdLeader || m_etcdLeader() < 0 || !m_faults->hasQuorum()))
                            return false;
                        m_master = m;
                        m_masterIndex = masterIndex();
                        return m_masterIndex >= 0;
                    },
                    20000, tr("no working master with a standby and an etcd leader (start at least two workers)")});
    auto nextMasterWorks = [this] { return recordsSince(m_faultMs, m_master) > 0; };
    const int takeover = ttlMs + 10000;
    switch (kind) {
    case Kind::KillMaster:
        m_steps.append({tr("Killing the master (SIGKILL): it says nothing; etcd deletes its key when its lease runs "
                           "out."),
                        [this] {
                            markFault(QStringLiteral("kill"));
                            m_pool->kill(m_masterIndex);
                        },
                        nextMasterWorks, takeover, tr("no new master worked after the kill")});
        m_steps.append({tr("A new master works. Restarting the killed worker: it queues as a standby."),
                        [this] { m_pool->restart(m_masterIndex); },
                        [this] { return m_pool->workers().at(m_masterIndex).state == QLatin1String("standby"); }, 15000,
                        tr("the restarted worker did not come back as a standby")});
        break;
    case Kind::PauseMaster:
        m_steps.append({tr("Pausing the master (SIGSTOP) past its TTL: it cannot refresh its lease."),
                        [this] {
                            markFault(QStringLiteral("pause"));
                            m_pool->pause(m_masterIndex);
                        },
                        nextMasterWorks, takeover, tr("no new master worked while the master was paused")});
        m_steps.append({tr("A new master works. Resuming the old one (SIGCONT): it must step down."),
                        [this] { m_pool->resume(m_masterIndex); },
                        [this] { return m_pool->workers().at(m_masterIndex).state != QLatin1String("master"); }, 15000,
                        tr("the resumed master did not step down")});
        break;
    case Kind::CutOffMaster:
        m_steps.append({tr("Cutting the master off from etcd: it keeps running and may believe it leads."),
                        [this] {
                            markFault(QStringLiteral("cut off"));
                            m_pool->setCutOff(m_masterIndex, true);
                        },
                        nextMasterWorks, takeover, tr("no new master worked while the master was cut off")});
        m_steps.append({tr("A new master works. Reconnecting the old one: what it sent arrives late."),
                        [this] { m_pool->setCutOff(m_masterIndex, false); },
                        [this] { return m_pool->workers().at(m_masterIndex).state != QLatin1String("master"); }, 15000,
                        tr("the reconnected master did not step down")});
        break;
    case Kind::PartitionEtcdLeader: {
        auto leader = std::make_shared<int>(-1);
        m_steps.append({tr("Cutting the etcd leader off from its peers."),
                        [this, leader] {
                            *leader = m_etcdLeader ? m_etcdLeader() : -1;
                            markFault(QStringLiteral("etcd leader partitioned"));
                            m_faults->isolateLeader(*leader); // SandboxFaults says what it did
                        },
                        // A new leader, then work after it was seen (a write in flight at the
                        // fault does not count as work going on).
                        [this, leader, newLeaderAt = std::make_shared<qint64>(0)] {
                            const int now = m_etcdLeader ? m_etcdLeader() : -1;
                            if (*leader < 0 || now < 0 || now == *leader)
                                return false;
                            if (*newLeaderAt == 0)
                                *newLeaderAt = nowMs();
                            return recordsSince(*newLeaderAt) > 0;
                        },
                        15000, tr("no new etcd leader with work going on")});
        auto healedAt = std::make_shared<qint64>(0);
        m_steps.append({tr("A new etcd leader, and work goes on. Healing the partition."),
                        [this, leader, healedAt] {
                            *healedAt = nowMs();
                            m_faults->reconnect(*leader);
                        },
                        // Rejoined and settled: a leader, work after the heal, and a second to see
                        // whether the old leader's return disrupts anything.
                        [this, leader, healedAt] {
                            return !m_faults->isIsolated(*leader) && m_etcdLeader && m_etcdLeader() >= 0 &&
                                   recordsSince(*healedAt) > 0 && nowMs() - *healedAt >= 1000;
                        },
                        15000, tr("the cluster did not settle on a leader with work going on after the heal")});
        break;
    }
    case Kind::LoseQuorum: {
        const int holdMs = std::max(3000, 2 * ttlMs);
        auto healedAt = std::make_shared<qint64>(0);
        m_steps.append({tr("Losing quorum: two of three members cut off. Holding it for %1 s.").arg(holdMs / 1000),
                        [this] {
                            markFault(QStringLiteral("quorum lost"));
                            m_faults->loseQuorum(m_etcdLeader ? m_etcdLeader() : -1);
                        },
                        [this, holdMs] { return nowMs() - m_faultMs >= holdMs; }, holdMs + 5000, QString()});
        m_steps.append({tr("Restoring the network: a leader is elected and work resumes."),
                        [this, healedAt] {
                            *healedAt = nowMs();
                            m_faults->healAll();
                        },
                        [this, healedAt] { return recordsSince(*healedAt) > 0; }, 30000,
                        tr("no work resumed after the network was restored")});
        break;
    }
    }
}

void FailoverScenario::next()
{
    ++m_step;
    if (m_step >= m_steps.size()) {
        finish(true, QString());
        return;
    }
    const Step &step = m_steps[m_step];
    Q_EMIT narrate(step.say);
    m_stepClock.start();
    step.act();
}

void FailoverScenario::poll()
{
    if (!m_running || !m_pool || !m_observer) {
        if (m_running)
            finish(false, tr("the workers are gone"));
        return;
    }
    const Step &step = m_steps[m_step];
    if (step.until()) {
        next();
        return;
    }
    if (m_stepClock.elapsed() > step.timeoutMs)
        finish(false, step.timeoutSays.isEmpty() ? tr("step %1 timed out").arg(m_step + 1) : step.timeoutSays);
}

void FailoverScenario::finish(bool ok, const QString &error)
{
    m_poll.stop();
    m_running = false;
    if (!ok && m_faultMs) {
        // A scenario that stops half way leaves nothing broken behind it.
        if (m_faults && m_faults->isAvailable() &&
            (m_result.kind == Kind::PartitionEtcdLeader || m_result.kind == Kind::LoseQuorum))
            m_faults->healAll();
        if (m_pool && m_masterIndex >= 0 && m_masterIndex < m_pool->workers().size()) {
            if (m_result.kind == Kind::PauseMaster && m_pool->workers().at(m_masterIndex).paused)
                m_pool->resume(m_masterIndex);
            if (m_result.kind == Kind::CutOffMaster && m_pool->workers().at(m_masterIndex).cutOff)
                m_pool->setCutOff(m_masterIndex, false);
        }
    }
    m_result.faultMs = m_faultMs;
    m_result.ok = ok;
    m_result.error = error;
    if (m_observer && m_faultMs) {
        const bool masterFault = m_result.kind == Kind::KillMaster || m_result.kind == Kind::PauseMaster ||
                                 m_result.kind == Kind::CutOffMaster;
        if (masterFault) {
            m_result.unavailableMs = m_observer->unavailableAfter(m_faultMs, m_master);
            m_result.windowStartMs = m_faultMs;
        } else if (ok) {
            // An etcd fault may leave the master working or not: its cost is the longest time
            // without any work record from the fault to the end of the scenario.
            const FailoverObserver::Silence silence = m_observer->longestSilence(m_faultMs, nowMs());
            m_result.unavailableMs = silence.length();
            m_result.windowStartMs = silence.startMs;
        }
        if (m_observer->gaps().size() > m_gapsBefore)
            m_result.gapMs = m_observer->gaps().constLast().length();
        m_result.overlaps = int(m_observer->overlaps().size()) - m_overlapsBefore;
        m_result.fencingCheck = m_observer->checkFencing().summary();
    }
    if (m_pool)
        m_result.fencedRefused = m_pool->rejectedWrites() - m_refusedBefore;
    if (ok)
        Q_EMIT narrate(
            tr("Scenario \"%1\" done: unavailable for %2 ms%3; overlaps %4, fenced writes refused %5; fencing "
               "check: %6.")
                .arg(name(m_result.kind))
                .arg(m_result.unavailableMs)
                .arg(m_result.gapMs >= 0 ? tr(" (gap after the key's deletion %1 ms)").arg(m_result.gapMs) : QString())
                .arg(m_result.overlaps)
                .arg(m_result.fencedRefused)
                .arg(m_result.fencingCheck));
    else
        Q_EMIT narrate(tr("Scenario \"%1\" stopped: %2.").arg(name(m_result.kind), error));
    Q_EMIT finished(m_result);
}

} // namespace etcd
