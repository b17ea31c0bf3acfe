// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/connectionoptions.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QVector>

namespace etcd {

class FaultNetwork;

// The failover demo's workers: etcd-demo-worker child processes, one per row, with what each last
// said on stdout (one JSON object per line) and the controls of the demo: kill (SIGKILL), stop
// (SIGTERM: resign and revoke), pause (SIGSTOP) / resume (SIGCONT), restart.
class WorkerPool : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QString program; // etcd-demo-worker; empty: next to this executable, else on PATH
        ConnectionOptions connection;
        QByteArray election = "/demo/failover";
        QString strategy = QStringLiteral("election"); // or "lock"
        int ttlSeconds = 2;
        bool fencing = true;
        // The sandbox's breakable network: each worker then reaches etcd through a route of its
        // own (proxies in front of `clientPorts`), so it can be cut off while it keeps running.
        QPointer<FaultNetwork> network; // the sandbox's: it may go before the pool does
        QVector<quint16> clientPorts;
    };
    struct Worker
    {
        QString id;
        QPointer<QProcess> process;
        qint64 pid = 0;
        QString state =
            QStringLiteral("starting"); // standby, campaigning, master, lost, stopped, killed, paused, exited
        bool paused = false;
        qint64 lease = 0;
        QByteArray key;   // its candidate key
        qint64 token = 0; // create revision of its key while master
        qint64 masterSinceMs = 0;
        qint64 masterTotalMs = 0; // finished reigns
        int workRecords = 0;
        int rejected = 0;             // fenced writes refused by etcd
        QVector<qint64> rejectedAtMs; // when each refusal was reported (ms since the epoch)
        QString lastLine;
        int route = -1;        // its route through the FaultNetwork (-1: straight to etcd)
        QStringList endpoints; // what it was given
        bool cutOff = false;   // its route is cut or frozen: alive, but etcd cannot hear it
    };

    explicit WorkerPool(const Settings &settings, QObject *parent = nullptr);
    ~WorkerPool() override; // kills every worker still running

    static QString defaultProgram();
    const Settings &settings() const { return m_settings; }
    const QVector<Worker> &workers() const { return m_workers; }
    int indexOf(const QString &id) const;
    int masterIndex() const; // -1: none says it is master

    int add();             // start one more worker ("w1", "w2", ...); returns its index
    void start(int count); // add `count` workers
    bool kill(int index);
    bool stop(int index);
    bool pause(int index);
    bool resume(int index);
    bool restart(int index);
    // Cut a worker off from etcd (or reconnect it) while it keeps running: only with a network.
    // Frozen (the default) is a partition TCP rides out: what the worker sent meanwhile arrives
    // when it heals, late; `dropped` loses it and resets the connections at the heal.
    bool setCutOff(int index, bool cut, bool dropped = false);
    bool canCutOff() const;
    int rejectedWrites() const;

Q_SIGNALS:
    void workerChanged(int index);
    // Every JSON line a worker prints, with the worker's index (state changes and work records).
    void line(int index, const QJsonObject &object);
    void failedToStart(int index, const QString &why);

private:
    void launch(int index);
    void onLine(int index, const QByteArray &text);
    bool signal(int index, int sig);

    Settings m_settings;
    QVector<Worker> m_workers;
    int m_next = 1;
};

} // namespace etcd
