// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/localcluster.h"

#include "sandbox/eventloopwait.h"
#include "sandbox/faultnetwork.h"
#include "sandbox/freeport.h"
#include "sandbox/healthprobe.h"
#include "sandbox/memberprocess.h"
#include "sandbox/processtools.h"
#include "sandbox/sandboxguard.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QMetaEnum>
#include <QPointer>
#include <QRandomGenerator>

#include <algorithm>
#include <csignal>
#include <unistd.h>
#include <utility>

namespace etcd {
namespace {

constexpr int kMaxAttempts = 3;    // whole-cluster retries after "address already in use"
constexpr int kStopGraceMs = 5000; // SIGTERM -> SIGKILL
constexpr int kKillWaitMs = 3000;
constexpr int kLogTailLines = 40;
constexpr int kPortsPerMember = 3; // client, peer, metrics (plain http: /health and /metrics)

} // namespace

LocalCluster::LocalCluster(LocalClusterOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_health(std::max(1, m_options.members))
{
    m_options.members = std::max(1, m_options.members);
    connect(&m_health, &HealthPoller::healthy, this, &LocalCluster::onMemberHealthy);
    m_startDeadline.setSingleShot(true);
    connect(&m_startDeadline, &QTimer::timeout, this, [this] {
        QStringList waiting;
        for (const Member &m : m_members) {
            if (m.state != MemberState::Running)
                waiting << m.name;
        }
        failStart(QStringLiteral("etcd sandbox did not become healthy within %1 ms (not healthy: %2)\n%3")
                      .arg(m_options.startTimeoutMs)
                      .arg(waiting.join(QStringLiteral(", ")), allLogTails()));
    });
}

LocalCluster::~LocalCluster()
{
    blockSignals(true); // observers must not run code against a half-destroyed object
    shutdown();
    for (const Member &m : m_members)
        m.process->disconnect(this); // they outlive our members (QObject children die last)
}

QString LocalCluster::findEtcdBinary(const QString &explicitPath, QString *error)
{
    return processtools::findExecutable(QStringLiteral("etcd"), explicitPath,
                                        QStringLiteral("sudo apt-get install etcd-server etcd-client"), error);
}

void LocalCluster::start()
{
    if (m_phase != Phase::Idle) {
        if (m_phase == Phase::Failed || m_phase == Phase::ShutDown)
            QMetaObject::invokeMethod(
                this, [this] { Q_EMIT failed(QStringLiteral("a LocalCluster starts only once; create a new one")); },
                Qt::QueuedConnection);
        return;
    }
    m_phase = Phase::Starting;
    m_startDeadline.start(m_options.startTimeoutMs);
    QString error;
    if (!prepareSandbox(&error) || !beginAttempt(&error))
        failStart(error);
}

bool LocalCluster::startAndWait(QString *error)
{
    if (m_phase == Phase::Idle)
        start();
    const QPointer<LocalCluster> self(this);
    // start() has its own deadline; the margin only covers tearing down a failed attempt.
    spinEventLoopUntil(
        this, [this] { return m_phase != Phase::Starting; }, m_options.startTimeoutMs + 10000);
    if (!self)
        return false; // deleted by a slot while we waited
    if (m_phase == Phase::Starting)
        failStart(QStringLiteral("etcd sandbox start did not finish in time\n%1").arg(allLogTails()));
    if (m_phase == Phase::Ready)
        return true;
    if (error)
        *error = m_error.isEmpty() ? QStringLiteral("the sandbox was shut down") : m_error;
    return false;
}

bool LocalCluster::isReady() const
{
    return m_phase == Phase::Ready;
}
QString LocalCluster::errorString() const
{
    return m_error;
}
int LocalCluster::memberCount() const
{
    return m_options.members;
}
QString LocalCluster::dataDir() const
{
    return m_dir;
}
bool LocalCluster::validIndex(int i) const
{
    return i >= 0 && i < static_cast<int>(m_members.size());
}

bool LocalCluster::isProcessRunning(int i) const
{
    return validIndex(i) && m_members[i].process->isRunning();
}

QStringList LocalCluster::clientEndpoints() const
{
    QStringList endpoints;
    for (int i = 0; i < static_cast<int>(m_members.size()); ++i)
        endpoints << clientEndpoint(i);
    return endpoints;
}

QString LocalCluster::clientEndpoint(int i) const
{
    if (!validIndex(i))
        return {};
    const QString hostPort = QStringLiteral("127.0.0.1:%1").arg(m_members[i].clientPort);
    // Plain clusters keep the bare form: it is what a client reports as its current endpoint.
    return usesTls() ? QStringLiteral("https://") + hostPort : hostPort;
}

QString LocalCluster::clientUrl(int i) const
{
    return QStringLiteral("%1://127.0.0.1:%2")
        .arg(usesTls() ? QStringLiteral("https") : QStringLiteral("http"))
        .arg(m_members[i].clientPort);
}

QString LocalCluster::metricsEndpoint(int i) const
{
    return validIndex(i) ? QStringLiteral("127.0.0.1:%1").arg(m_members[i].metricsPort) : QString();
}

bool LocalCluster::usesTls() const
{
    return m_options.clientTls.has_value();
}

QString LocalCluster::memberName(int i) const
{
    return i >= 0 && i < m_options.members ? QStringLiteral("m%1").arg(i) : QString();
}

QString LocalCluster::peerUrl(int i) const
{
    if (!validIndex(i))
        return QString();
    const Member &m = m_members[i];
    return QStringLiteral("http://127.0.0.1:%1").arg(m.peerProxyPort ? m.peerProxyPort : m.peerPort);
}

QString LocalCluster::peerListenUrl(int i) const
{
    return validIndex(i) ? QStringLiteral("http://127.0.0.1:%1").arg(m_members[i].peerPort) : QString();
}

quint16 LocalCluster::clientPort(int i) const
{
    return validIndex(i) ? m_members[i].clientPort : 0;
}

qint64 LocalCluster::pid(int i) const
{
    return validIndex(i) ? m_members[i].process->pid() : 0;
}

LocalCluster::MemberState LocalCluster::memberState(int i) const
{
    return validIndex(i) ? m_members[i].state : MemberState::NotStarted;
}

QString LocalCluster::stateName(int i) const
{
    return QString::fromLatin1(QMetaEnum::fromType<MemberState>().valueToKey(static_cast<int>(memberState(i))));
}

QString LocalCluster::logTail(int i, int lines) const
{
    return validIndex(i) ? m_members[i].process->logTail(lines) : QString();
}

QString LocalCluster::allLogTails() const
{
    QString out;
    for (int i = 0; i < static_cast<int>(m_members.size()); ++i)
        out += QStringLiteral("---- %1 (%2), last lines of %3 ----\n%4\n")
                   .arg(m_members[i].name, stateName(i), m_members[i].process->logPath(), logTail(i, kLogTailLines));
    return out;
}

bool LocalCluster::checkTlsOptions(QString *error) const
{
    if (!m_options.clientTls)
        return true;
    const LocalClusterTls &tls = *m_options.clientTls;
    // etcd would start without them and serve plain http, or die with a less direct message.
    QString problem;
    if (tls.certFile.isEmpty() || tls.keyFile.isEmpty())
        problem = QStringLiteral("TLS needs both a server certificate and its key");
    else if (tls.clientCertAuth && tls.trustedCaFile.isEmpty())
        problem = QStringLiteral("client certificate authentication needs a trusted CA file");
    for (const QString &file : {tls.certFile, tls.keyFile, tls.trustedCaFile}) {
        if (problem.isEmpty() && !file.isEmpty() && !QFileInfo(file).isReadable())
            problem = QStringLiteral("TLS file %1 is not readable").arg(file);
    }
    if (problem.isEmpty())
        return true;
    if (error)
        *error = QStringLiteral("etcd sandbox: %1").arg(problem);
    return false;
}

bool LocalCluster::prepareSandbox(QString *error)
{
    m_etcdBinary = findEtcdBinary(m_options.etcdBinary, error);
    if (m_etcdBinary.isEmpty())
        return false;
    if (!checkTlsOptions(error))
        return false;
    const QString base = m_options.baseDir.isEmpty() ? QDir::tempPath() : m_options.baseDir;
    processtools::removeStaleSandboxDirs(base);
    m_dir = processtools::createSandboxDir(base, error);
    if (m_dir.isEmpty())
        return false;
    m_guard = std::make_unique<SandboxGuard>();
    if (!m_guard->start(m_dir, error)) {
        QDir(m_dir).removeRecursively();
        return false;
    }
    m_members.resize(static_cast<size_t>(m_options.members));
    for (int i = 0; i < m_options.members; ++i) {
        Member &m = m_members[i];
        m.name = memberName(i);
        m.process = new MemberProcess(QDir(m_dir).filePath(m.name + QStringLiteral(".log")), this);
        connect(m.process, &MemberProcess::exited, this, [this, i](qint64 pid) { onMemberExited(i, pid); });
    }
    return true;
}

bool LocalCluster::beginAttempt(QString *error)
{
    ++m_attempt;
    for (int i = 0; i < static_cast<int>(m_members.size()); ++i) {
        // A failed attempt's data dir would make etcd skip --initial-cluster; its log is kept apart
        // so that failure detection in this attempt reads only fresh lines.
        QDir(QDir(m_dir).filePath(memberName(i) + QStringLiteral(".etcd"))).removeRecursively();
        const QString log = m_members[i].process->logPath();
        if (QFile::exists(log))
            QFile::rename(log, QStringLiteral("%1.attempt%2").arg(log).arg(m_attempt - 1));
    }
    PortReservation ports;
    if (!ports.reserve(kPortsPerMember * m_options.members, error))
        return false;
    for (int i = 0; i < m_options.members; ++i) {
        const qsizetype first = kPortsPerMember * qsizetype(i);
        m_members[i].clientPort = ports.ports().at(first);
        m_members[i].peerPort = ports.ports().at(first + 1);
        m_members[i].metricsPort = ports.ports().at(first + 2);
    }
    if (m_options.faultNetwork) {
        // A new network per attempt: proxies for this attempt's ports.
        m_network = std::make_unique<FaultNetwork>();
        for (int i = 0; i < m_options.members; ++i) {
            m_members[i].peerProxyPort = m_network->addPeerProxy(i, m_members[i].peerPort, error);
            if (m_members[i].peerProxyPort == 0)
                return false;
        }
    }
    m_token = QStringLiteral("etcd-console-%1-%2").arg(::getpid()).arg(QRandomGenerator::global()->generate64(), 0, 16);
    ports.release(); // as late as possible: the members bind these right away
    for (int i = 0; i < m_options.members; ++i) {
        if (!spawnMember(i, error))
            return false;
    }
    return true;
}

QStringList LocalCluster::memberArguments(int i) const
{
    QStringList initialCluster;
    for (int j = 0; j < static_cast<int>(m_members.size()); ++j)
        initialCluster << memberName(j) + QLatin1Char('=') + peerUrl(j);
    // Once the data dir exists (restart), etcd ignores the --initial-cluster* flags and rejoins.
    QStringList args = {
        QStringLiteral("--name"),
        memberName(i),
        QStringLiteral("--data-dir"),
        QDir(m_dir).filePath(memberName(i) + QStringLiteral(".etcd")),
        QStringLiteral("--listen-client-urls"),
        clientUrl(i),
        QStringLiteral("--advertise-client-urls"),
        clientUrl(i),
        QStringLiteral("--listen-metrics-urls"),
        QStringLiteral("http://") + metricsEndpoint(i),
        QStringLiteral("--listen-peer-urls"),
        peerListenUrl(i),
        QStringLiteral("--initial-advertise-peer-urls"),
        peerUrl(i),
        QStringLiteral("--initial-cluster"),
        initialCluster.join(QLatin1Char(',')),
        QStringLiteral("--initial-cluster-token"),
        m_token,
        QStringLiteral("--initial-cluster-state"),
        QStringLiteral("new"),
    };
    if (m_options.fastTimings)
        args << QStringLiteral("--heartbeat-interval") << QStringLiteral("50") << QStringLiteral("--election-timeout")
             << QStringLiteral("500");
    if (const auto &tls = m_options.clientTls) {
        // Absolute: members run in the sandbox dir, where a relative path would point elsewhere.
        args << QStringLiteral("--cert-file") << QFileInfo(tls->certFile).absoluteFilePath()
             << QStringLiteral("--key-file") << QFileInfo(tls->keyFile).absoluteFilePath();
        if (!tls->trustedCaFile.isEmpty())
            args << QStringLiteral("--trusted-ca-file") << QFileInfo(tls->trustedCaFile).absoluteFilePath();
        if (tls->clientCertAuth)
            args << QStringLiteral("--client-cert-auth");
    }
    return args + m_options.extraArgs;
}

bool LocalCluster::spawnMember(int i, QString *error)
{
    Member &m = m_members[i];
    m.expectedExit = MemberState::NotStarted;
    if (!m.process->start(m_etcdBinary, memberArguments(i), m_dir, error)) {
        setState(i, MemberState::Exited);
        return false;
    }
    m_guard->watchPid(m.process->pid());
    setState(i, MemberState::Starting);
    m_health.watch(i, m.metricsPort);
    return true;
}

void LocalCluster::onMemberExited(int i, qint64 pid)
{
    Member &m = m_members[i];
    m_health.unwatch(i);
    if (m_guard)
        m_guard->forgetPid(pid); // reaped: the pid may be recycled from now on
    if (m.expectedExit != MemberState::NotStarted) {
        setState(i, std::exchange(m.expectedExit, MemberState::NotStarted));
        return;
    }
    setState(i, MemberState::Exited);
    if (m_phase != Phase::Starting)
        return;
    if (logTail(i, 200).contains(QLatin1String("address already in use")) && m_attempt < kMaxAttempts) {
        // Someone took one of our ports between reservation and bind: start over with new ones.
        killAllMembers();
        QString error;
        if (!beginAttempt(&error))
            failStart(error);
        return;
    }
    failStart(QStringLiteral("etcd member %1 %2 during start; last lines of %3:\n%4")
                  .arg(m.name, m.process->exitDescription(), m.process->logPath(), logTail(i, kLogTailLines)));
}

void LocalCluster::setState(int i, MemberState state)
{
    if (m_members[i].state == state)
        return;
    m_members[i].state = state;
    Q_EMIT memberStateChanged(i, state);
}

void LocalCluster::onMemberHealthy(int i)
{
    if (m_phase == Phase::ShutDown)
        return;
    if (m_members[i].state == MemberState::Starting)
        setState(i, MemberState::Running);
    else if (m_members[i].state == MemberState::Paused && m_members[i].stateBeforePause == MemberState::Starting)
        m_members[i].stateBeforePause = MemberState::Running; // answered just before SIGSTOP landed
    checkReady();
}

void LocalCluster::checkReady()
{
    const bool allRunning = std::all_of(m_members.cbegin(), m_members.cend(),
                                        [](const Member &m) { return m.state == MemberState::Running; });
    if (m_phase == Phase::Starting && allRunning) {
        m_phase = Phase::Ready;
        m_startDeadline.stop();
        Q_EMIT ready();
    }
}

void LocalCluster::failStart(const QString &message)
{
    if (m_phase != Phase::Starting)
        return;
    m_phase = Phase::Failed;
    m_error = message;
    m_startDeadline.stop();
    m_health.clear();
    killAllMembers(); // the dir and logs stay until shutdown(), for logTail()
    // Queued: we may be inside start() or a QProcess handler; observers get a clean stack.
    QMetaObject::invokeMethod(
        this, [this, message] { Q_EMIT failed(message); }, Qt::QueuedConnection);
}

bool LocalCluster::terminateMember(int i, int signal, MemberState newState, int timeoutMs)
{
    // onMemberExited() runs inside the wait and reports newState instead of Exited.
    m_members[i].expectedExit = newState;
    return m_members[i].process->terminate(signal, timeoutMs);
}

void LocalCluster::killAllMembers()
{
    for (int i = 0; i < static_cast<int>(m_members.size()); ++i) {
        if (isProcessRunning(i))
            terminateMember(i, SIGKILL, MemberState::Killed, kKillWaitMs);
    }
}

bool LocalCluster::kill(int i)
{
    return isProcessRunning(i) && terminateMember(i, SIGKILL, MemberState::Killed, kKillWaitMs);
}

bool LocalCluster::stop(int i)
{
    return isProcessRunning(i) && terminateMember(i, SIGTERM, MemberState::Stopped, kStopGraceMs);
}

bool LocalCluster::pause(int i)
{
    if (!isProcessRunning(i) || m_members[i].state == MemberState::Paused || !m_members[i].process->suspend())
        return false;
    m_members[i].stateBeforePause = m_members[i].state;
    setState(i, MemberState::Paused);
    return true;
}

bool LocalCluster::resume(int i)
{
    if (!isProcessRunning(i) || m_members[i].state != MemberState::Paused || !m_members[i].process->resume())
        return false;
    setState(i, m_members[i].stateBeforePause);
    checkReady();
    return true;
}

bool LocalCluster::restart(int i, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!validIndex(i) || m_phase == Phase::Idle || m_phase == Phase::Starting || m_phase == Phase::ShutDown)
        return fail(QStringLiteral("restart(%1): the sandbox is not running").arg(i));
    if (isProcessRunning(i) && !stop(i))
        return fail(QStringLiteral("restart(%1): the old process did not exit").arg(i));
    QString spawnError;
    if (!spawnMember(i, &spawnError))
        return fail(spawnError);
    const QPointer<LocalCluster> self(this);
    spinEventLoopUntil(
        this, [this, i] { return m_members[i].state != MemberState::Starting; }, m_options.startTimeoutMs);
    if (!self)
        return false;
    if (m_members[i].state == MemberState::Running)
        return true;
    return fail(QStringLiteral("member %1 did not become healthy after restart (state %2); last lines of %3:\n%4")
                    .arg(memberName(i), stateName(i), m_members[i].process->logPath(), logTail(i, kLogTailLines)));
}

bool LocalCluster::restartLater(int i, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!validIndex(i) || m_phase == Phase::Idle || m_phase == Phase::Starting || m_phase == Phase::ShutDown)
        return fail(QStringLiteral("restart(%1): the sandbox is not running").arg(i));
    if (m_members[i].state == MemberState::Paused)
        resume(i); // a stopped process cannot take SIGTERM's way out
    if (isProcessRunning(i) && !stop(i))
        return fail(QStringLiteral("restart(%1): the old process did not exit").arg(i));
    return spawnMember(i, error);
}

bool LocalCluster::waitHealthy(int i, int timeoutMs, QString *error)
{
    if (!validIndex(i)) {
        if (error)
            *error = QStringLiteral("waitHealthy(%1): no such member (was the sandbox started?)").arg(i);
        return false;
    }
    const QPointer<LocalCluster> self(this);
    QString last;
    if (waitUntilHealthy(
            m_health.pool(), this, m_members[i].metricsPort, timeoutMs, [this, i] { return isProcessRunning(i); },
            &last))
        return true;
    if (!self)
        return false; // deleted by a slot while we waited
    if (error)
        *error = QStringLiteral("member %1 (%2, health on http://%3/health) not healthy within %4 ms: %5; "
                                "last lines of %6:\n%7")
                     .arg(memberName(i), clientEndpoint(i), metricsEndpoint(i))
                     .arg(timeoutMs)
                     .arg(last, m_members[i].process->logPath(), logTail(i, kLogTailLines));
    return false;
}

void LocalCluster::shutdown()
{
    if (m_phase == Phase::ShutDown)
        return;
    m_phase = Phase::ShutDown;
    m_health.clear();
    m_startDeadline.stop();
    // One member at a time: SIGTERM to all at once makes a leader wait for a leadership transfer
    // to a follower that is itself stopping (measured: the full grace), while one by one takes
    // ~50 ms per member. The grace is shared, so the whole shutdown stays bounded.
    const QDeadlineTimer grace(kStopGraceMs);
    for (int i = 0; i < static_cast<int>(m_members.size()); ++i) {
        if (isProcessRunning(i))
            terminateMember(i, SIGTERM, MemberState::Stopped,
                            static_cast<int>(std::max<qint64>(1, grace.remainingTime())));
    }
    killAllMembers();
    for (Member &m : m_members)
        m.process->abandonIfStuck(); // leak a process stuck in the kernel rather than hang
    if (!m_dir.isEmpty())
        QDir(m_dir).removeRecursively();
    if (m_guard)
        m_guard->finish(); // it finds nothing left to do and exits
    m_guard.reset();
}

} // namespace etcd
