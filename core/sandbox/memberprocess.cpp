// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/memberprocess.h"

#include "sandbox/processtools.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <utility>

namespace etcd {
namespace {

constexpr int kKillWaitMs = 3000;
constexpr int kRunStateWaitMs = 2000;

} // namespace

MemberProcess::MemberProcess(QString logPath, QObject *parent) : QObject(parent), m_logPath(std::move(logPath)) {}

MemberProcess::~MemberProcess()
{
    if (isRunning())
        terminate(SIGKILL, kKillWaitMs);
    abandonIfStuck();
}

bool MemberProcess::start(const QString &program, const QStringList &args, const QString &workingDir, QString *error)
{
    if (m_process)
        m_process->deleteLater(); // we may be inside its finished() handler
    auto *process = new QProcess(this);
    m_process = process;
    m_pid = 0;
    process->setProgram(program);
    process->setArguments(args);
    process->setWorkingDirectory(workingDir);
    process->setStandardInputFile(QProcess::nullDevice());
    process->setStandardOutputFile(m_logPath, QIODevice::Append);
    process->setStandardErrorFile(m_logPath, QIODevice::Append);
    processtools::killWhenParentDies(process);
    connect(process, &QProcess::finished, this, [this, process] {
        if (process != m_process)
            return; // an earlier incarnation
        const qint64 pid = std::exchange(m_pid, 0);
        Q_EMIT exited(pid);
    });
    process->start();
    if (!process->waitForStarted(5000)) {
        if (error)
            *error = QStringLiteral("could not start %1: %2").arg(program, process->errorString());
        return false;
    }
    m_pid = process->processId();
    return true;
}

bool MemberProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 MemberProcess::pid() const
{
    return isRunning() ? m_pid : 0;
}

bool MemberProcess::terminate(int signal, int timeoutMs)
{
    if (!isRunning())
        return true;
    const auto pid = static_cast<pid_t>(m_pid);
    ::kill(pid, signal);
    if (signal != SIGKILL && processtools::runState(pid) == 'T')
        ::kill(pid, SIGCONT); // a stopped process only acts on SIGTERM once continued
    if (m_process->waitForFinished(timeoutMs))
        return true;
    if (signal == SIGKILL)
        return false;
    ::kill(pid, SIGKILL);
    return m_process->waitForFinished(kKillWaitMs);
}

bool MemberProcess::suspend()
{
    if (!isRunning())
        return false;
    ::kill(static_cast<pid_t>(m_pid), SIGSTOP);
    return waitForRunState(true);
}

bool MemberProcess::resume()
{
    if (!isRunning())
        return false;
    ::kill(static_cast<pid_t>(m_pid), SIGCONT);
    return waitForRunState(false);
}

bool MemberProcess::waitForRunState(bool stopped) const
{
    // Signal delivery is asynchronous but takes microseconds; a short bounded poll is simpler
    // and cheaper than spinning an event loop.
    const QDeadlineTimer deadline(kRunStateWaitMs);
    for (;;) {
        const char state = processtools::runState(m_pid);
        if (state == 0 || state == 'Z')
            return false; // died meanwhile
        if ((state == 'T') == stopped)
            return true;
        if (deadline.hasExpired())
            return false;
        QThread::usleep(500);
    }
}

void MemberProcess::abandonIfStuck()
{
    if (isRunning()) {
        m_process->setParent(nullptr);
        m_process = nullptr;
    }
}

QString MemberProcess::logTail(int lines) const
{
    QFile log(m_logPath);
    if (!log.open(QIODevice::ReadOnly))
        return {};
    const qint64 window = qint64(64) * 1024; // plenty for a few hundred lines, bounded whatever the log size
    log.seek(std::max<qint64>(0, log.size() - window));
    QStringList all = QString::fromUtf8(log.readAll()).split(QLatin1Char('\n'));
    while (!all.isEmpty() && all.constLast().isEmpty())
        all.removeLast();
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
}

QString MemberProcess::exitDescription() const
{
    if (!m_process || isRunning())
        return QStringLiteral("is running");
    if (m_process->error() == QProcess::FailedToStart)
        return QStringLiteral("failed to start (%1)").arg(m_process->errorString());
    return m_process->exitStatus() == QProcess::CrashExit
               ? QStringLiteral("was killed by a signal")
               : QStringLiteral("exited with code %1").arg(m_process->exitCode());
}

} // namespace etcd
