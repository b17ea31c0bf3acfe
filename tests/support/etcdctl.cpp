// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "support/etcdctl.h"

#include "sandbox/processtools.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>

#include <memory>
#include <utility>

namespace etcd::test {

QByteArray EtcdctlResult::describe() const
{
    if (timedOut)
        return "etcdctl timed out; stdout: " + out + " stderr: " + err;
    return "etcdctl exit " + QByteArray::number(exitCode) + "; stdout: " + out + " stderr: " + err;
}

Etcdctl::Etcdctl(QStringList endpoints, QStringList extraGlobalArgs)
    : m_endpoints(std::move(endpoints)), m_extraGlobalArgs(std::move(extraGlobalArgs))
{}

QString Etcdctl::binary(QString *error)
{
    QString found = QStandardPaths::findExecutable(QStringLiteral("etcdctl"));
    if (found.isEmpty() && error)
        *error = QStringLiteral("etcdctl binary not found on PATH; install it with: sudo apt-get install etcd-client");
    return found;
}

QStringList Etcdctl::endpoints() const
{
    return m_endpoints;
}

QProcess *Etcdctl::makeProcess(const QStringList &args, QObject *parent) const
{
    auto *process = new QProcess(parent);
    process->setProgram(binary(nullptr));
    process->setArguments(QStringList{QStringLiteral("--endpoints=") + m_endpoints.join(QLatin1Char(','))} +
                          m_extraGlobalArgs + args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ETCDCTL_API"), QStringLiteral("3"));
    // An ETCDCTL_ENDPOINTS etc. from the developer's shell must not redirect the test.
    for (const QString &key : env.keys()) {
        if (key.startsWith(QLatin1String("ETCDCTL_")) && key != QLatin1String("ETCDCTL_API"))
            env.remove(key);
    }
    process->setProcessEnvironment(env);
    processtools::killWhenParentDies(process); // a crashed test must not leave `etcdctl lock` behind
    return process;
}

EtcdctlResult Etcdctl::run(const QStringList &args, int timeoutMs, const QByteArray &stdinData) const
{
    EtcdctlResult result;
    QString error;
    if (binary(&error).isEmpty()) {
        result.err = error.toUtf8();
        return result;
    }
    const std::unique_ptr<QProcess> p(makeProcess(args, nullptr));
    p->start();
    if (!p->waitForStarted(5000)) {
        result.err = p->errorString().toUtf8();
        return result;
    }
    if (!stdinData.isEmpty())
        p->write(stdinData);
    p->closeWriteChannel();
    if (!p->waitForFinished(timeoutMs)) {
        result.timedOut = true;
        p->kill();
        p->waitForFinished(3000);
    }
    result.out = p->readAllStandardOutput();
    result.err = p->readAllStandardError();
    if (!result.timedOut)
        result.exitCode = p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1;
    return result;
}

QProcess *Etcdctl::startBackground(const QStringList &args, QObject *parent) const
{
    QProcess *process = makeProcess(args, parent);
    process->start();
    return process;
}

} // namespace etcd::test
