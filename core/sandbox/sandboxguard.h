// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>

QT_BEGIN_NAMESPACE
class QProcess;
QT_END_NAMESPACE

namespace etcd {

// A tiny /bin/sh process that cleans up after us if we die without running destructors (crash,
// abort, SIGKILL). It blocks reading a pipe whose only writer is our process; when the pipe
// closes it SIGKILLs every member pid it was told about (only if that pid still runs a command
// line inside the sandbox dir, so a recycled pid is never hit) and removes the sandbox dir.
// It runs in its own session so a Ctrl+C on our terminal does not kill it before it is needed.
// On a normal shutdown the owner cleans up itself and then calls finish(), which is a no-op for
// the guard apart from exiting.
class SandboxGuard
{
public:
    SandboxGuard() = default;
    ~SandboxGuard();
    SandboxGuard(const SandboxGuard &) = delete;
    SandboxGuard &operator=(const SandboxGuard &) = delete;

    bool start(const QString &sandboxDir, QString *error);
    bool isRunning() const;
    qint64 pid() const;
    void watchPid(qint64 pid);         // a member started: kill it if we die
    void forgetPid(qint64 pid);        // a member was reaped: its pid may be recycled, never kill it
    void finish(int timeoutMs = 2000); // close the pipe and reap the guard (bounded)

private:
    void send(const QByteArray &line);

    QProcess *m_process = nullptr;
};

} // namespace etcd
