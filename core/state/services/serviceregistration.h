// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"

#include <QObject>
#include <QPointer>

namespace etcd {

// Registers one service instance the way discovery clients do, to show how it works: a lease of
// `ttl` seconds, the instance's JSON under `<prefix><service>/instances/<id>` attached to it (only
// if that key does not exist yet), and a keepalive. deregister() revokes the lease, so etcd deletes
// the key at once; stopping the keepalive instead lets the key expire after the TTL, as a crashed
// instance would.
class ServiceRegistration : public QObject
{
    Q_OBJECT
public:
    struct Instance
    {
        QByteArray prefix = "/services/";
        QString service;
        QString id;
        QString address = QStringLiteral("127.0.0.1");
        int port = 8080;
        qint64 ttl = 10;
    };

    ServiceRegistration(EtcdClient *client, const Instance &instance, QObject *parent = nullptr);
    ~ServiceRegistration() override;

    void start();
    void deregister();     // revoke: the key goes at once
    void stopKeepAlive();  // the key expires after the TTL, like a crashed instance

    QByteArray key() const;
    qint64 lease() const { return m_lease; }
    bool isRegistered() const { return m_registered; }
    static QByteArray valueFor(const Instance &instance, const QString &registeredAt);

Q_SIGNALS:
    void registered(const QByteArray &key, qint64 lease);
    void deregistered(const QByteArray &key);
    void failed(const etcd::EtcdError &error); // nothing was registered (or the keepalive was lost)

private:
    QPointer<EtcdClient> m_client;
    Instance m_instance;
    qint64 m_lease = 0;
    bool m_registered = false;
    QPointer<KeepAlive> m_keepAlive;
};

} // namespace etcd
