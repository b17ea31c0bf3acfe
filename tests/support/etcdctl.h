// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QObject;
class QProcess;
QT_END_NAMESPACE

namespace etcd::test {

struct EtcdctlResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool timedOut = false;

    bool ok() const { return !timedOut && exitCode == 0; }
    // "exit 1: <stderr>" for QVERIFY2 messages.
    QByteArray describe() const;
};

// Runs the real etcdctl (v3 API) against a set of endpoints, so tests check interoperability with
// the reference client rather than with our own code.
class Etcdctl
{
public:
    explicit Etcdctl(QStringList endpoints, QStringList extraGlobalArgs = {});

    // Path of etcdctl, or empty with a message saying how to install it: a missing tool must fail
    // a test loudly, never skip it.
    static QString binary(QString *error);

    // Blocking; fine in tests. On timeout the process is killed and timedOut is set.
    EtcdctlResult run(const QStringList &args, int timeoutMs = 15000, const QByteArray &stdinData = {}) const;

    // Long-running commands (lock, elect, watch). The process is started (check waitForStarted /
    // state) and owned by parent; it is SIGKILLed by the kernel if the test process dies.
    QProcess *startBackground(const QStringList &args, QObject *parent) const;

    QStringList endpoints() const;

private:
    QProcess *makeProcess(const QStringList &args, QObject *parent) const;

    QStringList m_endpoints;
    QStringList m_extraGlobalArgs;
};

} // namespace etcd::test
