// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>

QT_BEGIN_NAMESPACE
class QProcess;
QT_END_NAMESPACE

namespace etcd::processtools {

// Makes the kernel SIGKILL the child when the thread that spawned it dies, so a crashed parent
// does not leave etcd members running. The tie is to the spawning *thread* (PR_SET_PDEATHSIG
// semantics), so the QProcess must be started from a thread that lives as long as the child.
// The child checks getppid() right after arming, to close the race where the parent died
// between fork() and prctl().
void killWhenParentDies(QProcess *process);

// Puts the child in its own session, so terminal signals (Ctrl+C, hangup) aimed at our process
// group do not reach it before it had a chance to clean up after us.
void detachFromTerminal(QProcess *process);

// strerror() text for errnum, safe on any thread (probes run on a pool).
QString errorText(int errnum);

// Linux run state of a process from /proc/<pid>/stat ('R', 'S', 'T', 'Z', ...); 0 if gone.
char runState(qint64 pid);

// True if the pid exists and is not a zombie (a zombie is dead, just not reaped yet).
bool isAlive(qint64 pid);

// Absolute path of an executable: explicitPath if given (must exist), else `name` on PATH.
// Empty and a message naming the package to install if not found.
QString findExecutable(const QString &name, const QString &explicitPath, const QString &installHint, QString *error);

// Prefix of every sandbox directory: <prefix><pid>-XXXXXX.
QString sandboxDirPrefix();

// Creates <baseDir>/<prefix><our pid>-XXXXXX (mode 0700) and returns its path; empty + error if not.
QString createSandboxDir(const QString &baseDir, QString *error);

// Removes <baseDir>/<prefix><pid>-* directories whose <pid> no longer exists (left behind by a
// process that died before its guard could clean up, e.g. the machine lost power). Returns how
// many were removed.
int removeStaleSandboxDirs(const QString &baseDir);

} // namespace etcd::processtools
