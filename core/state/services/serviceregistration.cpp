// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/services/serviceregistration.h"

#include "client/continuation.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace etcd {

ServiceRegistration::ServiceRegistration(EtcdClient *client, const Instance &instance, QObject *parent)
    : QObject(parent), m_client(client), m_instance(instance)
{
}

ServiceRegistration::~ServiceRegistration()
{
    // A registration made for a demonstration does not outlive the view that made it.
    if (m_registered && m_client)
        m_client->lease().revoke(m_lease);
}

QByteArray ServiceRegistration::key() const
{
    return m_instance.prefix + m_instance.service.toUtf8() + "/instances/" + m_instance.id.toUtf8();
}

QByteArray ServiceRegistration::valueFor(const Instance &instance, const QString &registeredAt)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), instance.service);
    o.insert(QStringLiteral("id"), instance.id);
    o.insert(QStringLiteral("address"), instance.address);
    o.insert(QStringLiteral("port"), instance.port);
    o.insert(QStringLiteral("health"), QStringLiteral("passing"));
    o.insert(QStringLiteral("registeredAt"), registeredAt);
    o.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("registeredBy"), QStringLiteral("etcd console")}});
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void ServiceRegistration::start()
{
    if (!m_client || m_registered)
        return;
    if (m_instance.service.isEmpty() || m_instance.id.isEmpty() || m_instance.service.contains(QLatin1Char('/')) ||
        m_instance.id.contains(QLatin1Char('/'))) {
        Q_EMIT failed(EtcdError::invalidArgument(tr("a service name and an instance id, without '/', are needed")));
        return;
    }
    whenFinished(m_client->lease().grant(m_instance.ttl), this, [this](const EtcdResult<LeaseGrant> &g) {
        if (!g.ok()) {
            Q_EMIT failed(g.error());
            return;
        }
        m_lease = g->id;
        TxnSpec txn;
        const QByteArray k = key();
        txn.compares << Compare::createRevision(k, Compare::Equal, 0); // never over an existing instance
        PutOptions put;
        put.lease = m_lease;
        txn.success << TxnOp::putKey(k, valueFor(m_instance, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)), put);
        whenFinished(m_client->kv().txn(txn), this, [this, k](const EtcdResult<TxnResult> &r) {
            if (!r.ok() || !r->succeeded) {
                m_client->lease().revoke(m_lease);
                m_lease = 0;
                Q_EMIT failed(r.ok() ? EtcdError::invalidArgument(tr("%1 is already registered").arg(QString::fromUtf8(k)))
                                     : r.error());
                return;
            }
            m_registered = true;
            m_keepAlive = m_client->keepAlive(m_lease, m_instance.ttl, this);
            connect(m_keepAlive, &KeepAlive::lost, this, [this](const EtcdError &e) {
                if (m_registered)
                    Q_EMIT failed(e);
            });
            Q_EMIT registered(k, m_lease);
        });
    });
}

void ServiceRegistration::deregister()
{
    if (!m_registered || !m_client)
        return;
    m_registered = false;
    delete m_keepAlive;
    const QByteArray k = key();
    whenFinished(m_client->lease().revoke(m_lease), this, [this, k](const EtcdResult<ResponseHeader> &r) {
        if (!r.ok())
            Q_EMIT failed(r.error());
        else
            Q_EMIT deregistered(k);
    });
}

void ServiceRegistration::stopKeepAlive()
{
    delete m_keepAlive;
}

} // namespace etcd
