// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"

#include <QObject>
#include <QPair>
#include <QVector>

namespace etcd {

class ServiceRegistration;

// Fills a fresh sandbox with data worth looking at: configuration in JSON and YAML (one file with a
// few revisions of history), service instances registered with leases and kept alive, binary
// values, and a few thousand keys in a realistic hierarchy (tenants, inventory, a job queue, feature
// flags). Plain keys go in transactions of kBatch puts, one after the other, so the first page of the
// key browser is there within a second even on a slow machine.
class DemoSeeder : public QObject
{
    Q_OBJECT
public:
    static constexpr int kBatch = 100; // etcd's default --max-txn-ops is 128

    struct Service
    {
        QString name;
        QString id;
        int port = 0;
    };

    explicit DemoSeeder(EtcdClient *client, QObject *parent = nullptr);
    ~DemoSeeder() override;

    // The keys and values written (not the service instances, which are registered with leases).
    static QVector<QPair<QByteArray, QByteArray>> plainKeys();
    static QVector<Service> services();
    static constexpr qint64 kServiceTtl = 10;
    static constexpr const char *kReadmeKey = "/sandbox/README";

    void start();
    bool isFinished() const { return m_finished; }
    int keyCount() const { return m_keys.size(); }

Q_SIGNALS:
    void progress(int written, int total);
    // Everything written and every service registered; an error says what did not work.
    void finished(const etcd::EtcdError &error);

private:
    void writeNextBatch();
    void registerServices();
    void finish(const EtcdError &error);

    EtcdClient *m_client;
    QVector<QPair<QByteArray, QByteArray>> m_keys;
    int m_written = 0;
    int m_pendingRegistrations = 0;
    QVector<ServiceRegistration *> m_registrations;
    bool m_finished = false;
};

} // namespace etcd
