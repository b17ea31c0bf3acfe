// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/backoff.h"
#include "client/etcderror.h"
#include "client/threadsink.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace etcd::detail {

class Connection;

// What every long-lived stream of a client (the watch hub's, the lease keeper's, and any new one)
// needs around it: open on the current endpoint, signing in first when the endpoint needs a token
// (or the last stream was refused for its token), with the token and "hasleader" in the metadata;
// a generation number so a late answer of an old stream is recognised and dropped; after the end of
// a stream, fail over to the next endpoint and reopen after the client's one backoff policy.
//
// Lives on its owner's thread (a child of the owner, so it moves with it). The owner opens and
// cancels the stream itself, and reports back: streamAnswered() on the first answer, ended() when
// the stream is gone.
class StreamSupervisor : public QObject
{
    Q_OBJECT
public:
    using Metadata = std::vector<std::pair<std::string, std::string>>;
    // Open the stream on `endpoint` with `metadata`; its callbacks carry `generation`.
    using StartFn = std::function<void(int generation, int endpoint, const Metadata &metadata)>;
    // Signing in for the stream failed: handled like a stream that ended with `error`.
    using FailFn = std::function<void(int generation, const EtcdError &error)>;
    // The backoff is over: the owner opens again (if it still wants a stream) by calling open().
    using ReopenFn = std::function<void()>;

    StreamSupervisor(std::shared_ptr<Connection> conn, const ThreadSink &sink, QObject *owner,
                     Backoff backoff = kStreamBackoff);

    void setCallbacks(StartFn start, FailFn signInFailed, ReopenFn reopen);

    // Open now. No-op while a sign-in for an earlier open is under way or after stop().
    void open();
    bool isCurrent(int generation) const { return generation == m_generation; }
    int generation() const { return m_generation; }
    // The endpoint of the stream being opened or last opened (-1: none yet).
    int endpoint() const { return m_endpoint; }
    bool isSigningIn() const { return m_signingIn; }
    bool isWaitingToReopen() const { return m_reopenTimer.isActive(); }
    int failures() const { return m_failures; }

    // The stream answered: the endpoint works, the backoff starts over.
    void streamAnswered();
    // The next open signs in first (etcd refused the stream's token).
    void requireFreshToken() { m_freshToken = true; }
    // The stream (or the sign-in for it) ended with `error`. Moves to the next endpoint when
    // `failover`; a token refusal makes the next open sign in. Reopens at once when `immediately`,
    // else after the backoff, at most `maxDelayMs` (-1: no limit of the caller's).
    void ended(const EtcdError &error, bool failover, bool immediately = false, qint64 maxDelayMs = -1);
    // The delay the next reopen waits (for tests and logs).
    qint64 lastDelayMs() const { return m_lastDelayMs; }
    void stop();

private:
    void start(int endpoint);

    std::shared_ptr<Connection> m_conn;
    ThreadSink m_sink;
    Backoff m_backoff;
    StartFn m_start;
    FailFn m_signInFailed;
    ReopenFn m_reopen;
    QTimer m_reopenTimer;
    int m_generation = 0;
    int m_endpoint = -1;
    int m_failures = 0;
    qint64 m_lastDelayMs = 0;
    bool m_signingIn = false;
    bool m_freshToken = false;
    bool m_stopped = false;
};

} // namespace etcd::detail
