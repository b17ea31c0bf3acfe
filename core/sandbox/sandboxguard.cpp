// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/sandboxguard.h"

#include "sandbox/processtools.h"

#include <QProcess>

namespace etcd {
namespace {

// $1 is the sandbox dir. The pattern check keeps a bug elsewhere from turning this into rm -rf of
// something that is not ours.
const char guardScript[] = R"sh(
trap '' HUP INT QUIT PIPE TSTP TTIN TTOU
dir=$1
case "$dir" in */etcd-console-sandbox-*) ;; *) exit 2 ;; esac
pids=
while IFS= read -r line; do
  case "$line" in
    "pid "*) pids="$pids ${line#pid }" ;;
    "unpid "*) gone=${line#unpid }; keep=
      for p in $pids; do [ "$p" = "$gone" ] || keep="$keep $p"; done
      pids=$keep ;;
  esac
done
ours() { tr '\0' '\n' < "/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$dir/"; }
for p in $pids; do ours "$p" && kill -KILL "$p" 2>/dev/null; done
i=0
while [ "$i" -lt 50 ]; do
  alive=
  for p in $pids; do ours "$p" && alive=1; done
  [ -z "$alive" ] && break
  sleep 0.1
  i=$((i + 1))
done
rm -rf -- "$dir"
)sh";

} // namespace

SandboxGuard::~SandboxGuard()
{
    finish();
}

bool SandboxGuard::start(const QString &sandboxDir, QString *error)
{
    finish();
    m_process = new QProcess;
    m_process->setProgram(QStringLiteral("/bin/sh"));
    m_process->setArguments({QStringLiteral("-c"), QString::fromLatin1(guardScript),
                             QStringLiteral("etcd-console-sandbox-guard"), sandboxDir});
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->setStandardErrorFile(QProcess::nullDevice());
    processtools::detachFromTerminal(m_process);
    m_process->start(QIODevice::WriteOnly);
    if (!m_process->waitForStarted(5000)) {
        if (error)
            *error = QStringLiteral("could not start the sandbox guard (/bin/sh): %1").arg(m_process->errorString());
        delete m_process;
        m_process = nullptr;
        return false;
    }
    return true;
}

bool SandboxGuard::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

qint64 SandboxGuard::pid() const
{
    return m_process ? m_process->processId() : 0;
}

void SandboxGuard::watchPid(qint64 pid)
{
    send("pid " + QByteArray::number(pid) + '\n');
}

void SandboxGuard::forgetPid(qint64 pid)
{
    send("unpid " + QByteArray::number(pid) + '\n');
}

void SandboxGuard::send(const QByteArray &line)
{
    if (!isRunning())
        return;
    m_process->write(line);
    // Flush now: if we crash right after, the guard must already know the pid.
    m_process->waitForBytesWritten(1000);
}

void SandboxGuard::finish(int timeoutMs)
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->closeWriteChannel();
        if (!m_process->waitForFinished(timeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(1000);
        }
    }
    delete m_process;
    m_process = nullptr;
}

} // namespace etcd
