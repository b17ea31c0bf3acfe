// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace etcd::ui {

// Whether a view fed by watches is live: its client's shared watch stream is up. A view says "live"
// only while it is; once the stream has been down for a moment (a failover takes milliseconds, lost
// quorum or a dead cluster does not) the view says since when it is stale and why.
class WatchLiveness : public QObject
{
    Q_OBJECT
public:
    static constexpr int kGraceMs = 1500; // a failover to another member is not "stale"

    explicit WatchLiveness(EtcdClient *client, QObject *parent = nullptr);

    bool isLive() const;
    QDateTime downSince() const { return m_downSince; }
    // " · live", or " · NOT LIVE since 15:35:27 (no leader (no quorum?)), last change applied 15:35:20"
    QString suffix(const QDateTime &lastApplied) const;

Q_SIGNALS:
    void changed(); // live or stale now: the view rewrites its status line

private:
    QPointer<EtcdClient> m_client;
    QDateTime m_downSince;
    EtcdError m_reason;
    QTimer m_grace;
};

} // namespace etcd::ui
