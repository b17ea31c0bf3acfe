// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "recipes/election.h"
#include "recipes/mutex.h"
#include "recipes/session.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <memory>

// A master/standby worker for the failover demo. Every worker campaigns for NAME; the master
// "works": every 100 ms it appends a record to NAME.work in a transaction that only applies while
// its leadership key still exists with the create revision it was elected with (a fencing
// token), so a deposed master can never write. With fencing off it writes blindly, which is how a
// paused master causes split brain.
//
// Work records go to NAME.work rather than under NAME/: etcd's election treats the oldest key
// under NAME/ as the leader, so anything else there would eventually win the election.
//
// Every state change and work record is one JSON object per line on stdout.
class DemoWorker : public QObject
{
    Q_OBJECT
public:
    enum class Strategy { Election, Lock };
    struct Settings
    {
        etcd::ConnectionOptions connection;
        QByteArray name;
        Strategy strategy = Strategy::Election;
        qint64 ttlSeconds = 2;
        QString id;
        bool fencing = true;
        int workIntervalMs = 100;
    };

    explicit DemoWorker(Settings settings, QObject *parent = nullptr);
    ~DemoWorker() override;

    void start();
    // Resign and revoke the lease so a standby takes over at once, then emit finished().
    void stop();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void campaign();
    void becomeMaster(const QByteArray &key, qint64 token);
    void loseMastership(const QString &why);
    void doWork();
    void emitState(const QString &state, QJsonObject extra = {});
    void emitLine(QJsonObject object);
    void log(const QString &message) const;
    qint64 leaseId() const;

    Settings m_settings;
    std::unique_ptr<etcd::EtcdClient> m_client;
    etcd::Session *m_session = nullptr;
    etcd::Election *m_election = nullptr;
    etcd::Mutex *m_mutex = nullptr;
    QTimer m_workTimer;
    QByteArray m_leaderKey;
    qint64 m_token = 0; // create revision of our leadership key
    qint64 m_seq = 0;
    qint64 m_rejected = 0;
    bool m_master = false;
    bool m_workInFlight = false;
    bool m_stopping = false;
    qint64 m_masterSince = 0;
};
