// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "common/watchliveness.h"

namespace etcd::ui {

WatchLiveness::WatchLiveness(EtcdClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    m_grace.setSingleShot(true);
    m_grace.setInterval(kGraceMs + 50);
    connect(&m_grace, &QTimer::timeout, this, &WatchLiveness::changed);
    connect(client, &EtcdClient::watchStreamLost, this, [this](const EtcdError &error) {
        if (!m_downSince.isValid())
            m_downSince = QDateTime::currentDateTime();
        m_reason = error;
        m_grace.start();
    });
    connect(client, &EtcdClient::watchStreamConnected, this, [this] {
        const bool wasStale = !isLive();
        m_downSince = QDateTime();
        m_grace.stop();
        if (wasStale)
            Q_EMIT changed();
    });
}

bool WatchLiveness::isLive() const
{
    return !m_downSince.isValid() || m_downSince.msecsTo(QDateTime::currentDateTime()) < kGraceMs;
}

QString WatchLiveness::suffix(const QDateTime &lastApplied) const
{
    if (isLive())
        return tr(" · live");
    QString text = tr(" · NOT LIVE since %1 (%2)")
                       .arg(m_downSince.toString(QStringLiteral("HH:mm:ss")), m_reason.plainReason());
    if (lastApplied.isValid())
        text += tr(", last change applied %1").arg(lastApplied.toString(QStringLiteral("HH:mm:ss")));
    return text;
}

} // namespace etcd::ui
