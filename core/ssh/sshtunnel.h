// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "ssh/sshoptions.h"
#include "ssh/sshsession.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace etcd::ssh {

struct TunnelStatus
{
    enum class State {
        Connecting,   // the first attempt is under way (or waits for a person at a prompt)
        Up,           // signed in; endpoints are forwarded
        Reconnecting, // the session was lost or an attempt failed; the next one is scheduled
        Failed,       // retrying cannot help (refused key, changed host key): waits for retryNow()
        Stopped,
    };
    State state = State::Connecting;
    Failure failure;          // why it is not Up (the last failure while Reconnecting or Failed)
    QString bastion;          // as the user named it
    int failures = 0;         // failed attempts in a row
    qint64 nextAttemptMs = 0; // Reconnecting: when the next attempt starts (ms since the epoch)
    qint64 sinceMs = 0;       // when this state began (ms since the epoch)

    bool isUp() const { return state == State::Up; }
    // One line for banners and error messages ("SSH connection to b lost: ...; reconnecting in 2 s").
    QString describe() const;
};

// One SSH session to a bastion that forwards a loopback port per etcd endpoint, like `ssh -L`:
// gRPC connects to 127.0.0.1:<localPort(i)>, and each such connection becomes a direct-tcpip
// channel to endpoint i as the bastion sees it. Everything SSH runs on the tunnel's own thread
// (libssh sessions are not thread-safe); the session is non-blocking once signed in, so one slow
// channel never holds up another. When the session drops, every forwarded connection is closed
// (gRPC notices at once and its streams resume after reconnection) and the tunnel reconnects with
// the client's stream backoff, using the secrets that worked, without asking again.
class Tunnel
{
public:
    // Listens at once (the ports are known before anything is connected) and connects in the
    // background. `endpoints` are "host:port" as the bastion should reach them.
    static std::shared_ptr<Tunnel> start(const SshOptions &options, const QStringList &endpoints, int dialTimeoutMs);
    ~Tunnel();
    Tunnel(const Tunnel &) = delete;
    Tunnel &operator=(const Tunnel &) = delete;

    int endpointCount() const { return static_cast<int>(m_endpoints.size()); }
    int localPort(int index) const;
    QString localAddress(int index) const; // "127.0.0.1:port"
    // Empty when the loopback listeners could not be created; then every call fails with setupError().
    QString setupError() const { return m_setupError; }

    TunnelStatus status() const;
    // Why the last channel to endpoint `index` could not be opened; empty once one opened.
    QString endpointProblem(int index) const;
    // Called on the tunnel's thread after every state change. Returns an id for removeListener.
    int addListener(std::function<void(const TunnelStatus &)> listener);
    void removeListener(int id);

    // Failed or Reconnecting: try again now (after the user fixed what the message named).
    void retryNow();
    // Closes everything; returns once the thread ended (at most about the dial timeout).
    void stop();

private:
    Tunnel(const SshOptions &options, const QStringList &endpoints, int dialTimeoutMs);
    struct Target
    {
        QString address; // "host:port" as given
        QByteArray host;
        int port = 0;
        int listenFd = -1;
        int localPort = 0;
        QString problem;
    };
    class Pump;
    friend class Pump;

    void run();
    void setState(TunnelStatus::State state, const Failure &failure = {}, qint64 nextAttemptMs = 0);
    // Between sessions: refuse forwarded connections (so gRPC fails fast) until `untilMs` or a wake.
    void waitDown(qint64 untilMs);
    void wake();
    void setEndpointProblem(int index, const QString &problem);

    SshOptions m_options;
    int m_dialTimeoutMs;
    std::vector<Target> m_endpoints;
    QString m_setupError;
    int m_wakeFd = -1;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_retry{false};

    mutable std::mutex m_mutex;
    TunnelStatus m_status;
    std::vector<std::pair<int, std::function<void(const TunnelStatus &)>>> m_listeners;
    int m_nextListenerId = 1;

    Secrets m_secrets; // tunnel thread only
    std::thread m_thread;
};

} // namespace etcd::ssh
