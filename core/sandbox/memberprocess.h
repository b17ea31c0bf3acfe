// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QProcess;
QT_END_NAMESPACE

namespace etcd {

// One etcd member's OS process: spawning it with its output appended to a log file, signalling
// it with bounded waits, and reading its log. It knows nothing about clusters or health; the
// LocalCluster decides what a state change means.
class MemberProcess : public QObject
{
    Q_OBJECT
public:
    MemberProcess(QString logPath, QObject *parent);
    ~MemberProcess() override;

    // Spawns the process (SIGKILLed by the kernel if the spawning thread dies). A previous
    // incarnation must have exited.
    bool start(const QString &program, const QStringList &args, const QString &workingDir, QString *error);
    bool isRunning() const;
    qint64 pid() const; // 0 when not running

    // Sends `signal` (continuing a stopped process so it can act on it) and waits up to timeoutMs
    // for the exit; a SIGTERM that is ignored escalates to SIGKILL. True once the process is gone.
    bool terminate(int signal, int timeoutMs);
    // SIGSTOP / SIGCONT, returning once the kernel reports the new run state (bounded).
    bool suspend();
    bool resume();
    // Gives up on a process that did not exit even after SIGKILL (stuck in the kernel): the
    // object is leaked instead of letting ~QProcess block for 30 s.
    void abandonIfStuck();

    QString logPath() const { return m_logPath; }
    QString logTail(int lines) const;
    QString exitDescription() const; // "exited with code 1" / "was killed by a signal"

Q_SIGNALS:
    // Emitted once per incarnation, also from inside terminate()'s wait.
    void exited(qint64 pid);

private:
    bool waitForRunState(bool stopped) const;

    QString m_logPath;
    QProcess *m_process = nullptr;
    qint64 m_pid = 0;
};

} // namespace etcd
