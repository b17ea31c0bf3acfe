// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/clustertypes.h"
#include "client/connectionoptions.h"
#include "client/etcderror.h"

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QStringList>
#include <QVector>

namespace etcd {

class EtcdClient;

// What "test connection" found out.
struct ConnectionTestReport
{
    enum class Auth { Unknown, Off, On };

    bool reached = false;              // at least one endpoint answered
    EtcdError error;                   // why nothing answered (unreachable, TLS, wrong password, bad options)
    QString hint;                      // a diagnosis beyond the error, e.g. "answers in plain text, not TLS"
    QVector<EndpointStatus> endpoints; // the first status of every endpoint, in order
    QString version;                   // etcd's version (of the leader when it answered)
    quint64 leaderId = 0;              // 0: the members that answered know no leader
    QString leaderName;
    QString leaderEndpoint; // empty when the leader is not among the profile's endpoints
    int memberCount = -1;   // -1: the member list could not be read
    int learnerCount = 0;
    Auth auth = Auth::Unknown;
    double latencyMs = -1; // round trip of a status call on an established connection
    QString latencyEndpoint;
    qint64 elapsedMs = 0;
    QStringList warnings; // endpoints that did not answer, member list or auth status failures
    // Through an SSH bastion (--ssh): the tunnel's state in words, and the hop that failed
    // ("SSH bastion", "SSH host key", "SSH sign-in", "etcd endpoint seen from the bastion").
    QString tunnel;
    bool tunnelUp = false;
    QString failedHop;

    bool ok() const { return reached && !error; }
    // Plain text, a few lines: what a person reads in the dialog or a log.
    QString summary() const;
};

// Tests how a set of options reaches a cluster, with a client of its own: the status of every
// endpoint, then (where one answered) a second status round trip for the latency, the member list
// and the auth state. When nothing answered quickly, it tries once with TLS switched the other way
// to say "this port speaks plain text" or "this port expects TLS".
//
// Runs asynchronously on the caller's thread; `finished` is emitted once, unless cancelled. After
// cancel() the tester keeps its client until the calls already in flight end (bounded by their
// deadlines) and then deletes itself, so cancelling never waits on the network.
class ConnectionTester : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionTester(const ConnectionOptions &options, QObject *parent = nullptr);
    ~ConnectionTester() override;

    void start();
    void cancel(); // no `finished` after this; the object deletes itself when idle
    bool isRunning() const { return m_running; }
    const ConnectionOptions &options() const { return m_options; }

Q_SIGNALS:
    void finished(const etcd::ConnectionTestReport &report);

private:
    void onStatuses(const QVector<EndpointStatus> &statuses);
    void diagnose(const EndpointStatus &failed);
    void callDone(); // one of the follow-up calls ended
    void finish();
    bool settle(); // true when cancelled (and this call was accounted for)

    ConnectionOptions m_options;
    EtcdClient *m_client = nullptr;
    EtcdClient *m_probe = nullptr;
    ConnectionTestReport m_report;
    QElapsedTimer m_timer;
    int m_pending = 0;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace etcd

Q_DECLARE_METATYPE(etcd::ConnectionTestReport)
