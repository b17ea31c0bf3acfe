// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/processtools.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/prctl.h>
#include <unistd.h>

namespace etcd::processtools {

void killWhenParentDies(QProcess *process)
{
    const pid_t parent = ::getpid();
    // Runs in the child between fork and exec: async-signal-safe calls only.
    process->setChildProcessModifier([parent] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(127);
    });
}

void detachFromTerminal(QProcess *process)
{
    process->setChildProcessModifier([] { ::setsid(); });
}

QString errorText(int errnum)
{
    char buffer[256] = {};
    // GNU strerror_r: returns a pointer to the message, which may or may not be `buffer`.
    return QString::fromLocal8Bit(::strerror_r(errnum, buffer, sizeof(buffer)));
}

char runState(qint64 pid)
{
    if (pid <= 0)
        return 0;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    // "pid (comm) S ..." where comm may itself contain ')' and spaces: the state follows the last ')'.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0 || close + 2 >= line.size())
        return 0;
    return line.at(close + 2);
}

bool isAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
        return false;
    const char state = runState(pid);
    return state != 0 && state != 'Z' && state != 'X';
}

QString findExecutable(const QString &name, const QString &explicitPath, const QString &installHint, QString *error)
{
    if (!explicitPath.isEmpty()) {
        const QFileInfo info(explicitPath);
        if (info.isFile() && info.isExecutable())
            return info.absoluteFilePath();
        if (error)
            *error = QStringLiteral("%1 binary not found or not executable: %2").arg(name, explicitPath);
        return {};
    }
    QString found = QStandardPaths::findExecutable(name);
    if (found.isEmpty() && error)
        *error = QStringLiteral("%1 binary not found on PATH; install it with: %2").arg(name, installHint);
    return found;
}

QString sandboxDirPrefix()
{
    return QStringLiteral("etcd-console-sandbox-");
}

QString createSandboxDir(const QString &baseDir, QString *error)
{
    if (!QDir().mkpath(baseDir)) {
        *error = QStringLiteral("cannot create the sandbox base directory %1").arg(baseDir);
        return {};
    }
    QTemporaryDir dir(
        QDir(baseDir).filePath(sandboxDirPrefix() + QString::number(::getpid()) + QStringLiteral("-XXXXXX")));
    if (!dir.isValid()) {
        *error = QStringLiteral("cannot create a sandbox directory in %1: %2").arg(baseDir, dir.errorString());
        return {};
    }
    dir.setAutoRemove(false); // the owner removes it, or its guard if the owner dies first
    return dir.path();
}

int removeStaleSandboxDirs(const QString &baseDir)
{
    const QString prefix = sandboxDirPrefix();
    const QDir base(baseDir);
    int removed = 0;
    const QStringList entries =
        base.entryList({prefix + QLatin1Char('*')}, QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks);
    for (const QString &name : entries) {
        const QString rest = name.mid(prefix.size());
        bool ok = false;
        const qint64 pid = rest.section(QLatin1Char('-'), 0, 0).toLongLong(&ok);
        if (!ok || pid <= 0 || pid == ::getpid())
            continue;
        // EPERM means the pid exists (someone else's process): leave the directory alone.
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH)
            continue;
        if (QDir(base.filePath(name)).removeRecursively())
            ++removed;
    }
    return removed;
}

} // namespace etcd::processtools
