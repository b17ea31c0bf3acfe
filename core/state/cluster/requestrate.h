// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>

namespace etcd {

// What this console costs the cluster, as a rate: the client's RequestCounter sampled every second,
// averaged over the last `windowSeconds`. Shown in the Cluster view so an operator can see the
// console is harmless; no request of its own.
class RequestRate : public QObject
{
    Q_OBJECT
public:
    explicit RequestRate(EtcdClient *client, int windowSeconds = 10, QObject *parent = nullptr);

    void start();
    void sample(); // also called by the timer each second
    double perSecond() const;
    QMap<QString, double> perSecondByMethod() const; // methods with requests in the window only
    quint64 total() const;

    // "3.2 requests/s" and, for a tooltip, one line per method, busiest first.
    QString summary() const;
    QString breakdown() const;

Q_SIGNALS:
    void updated();

private:
    struct Sample
    {
        qint64 ms = 0;
        QMap<QString, quint64> byMethod;
        quint64 total = 0;
    };

    QPointer<EtcdClient> m_client;
    int m_window;
    std::deque<Sample> m_samples;
    QTimer m_timer;
};

} // namespace etcd
