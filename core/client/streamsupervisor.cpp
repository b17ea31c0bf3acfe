// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/streamsupervisor.h"

#include "client/connection.h"

namespace etcd::detail {

StreamSupervisor::StreamSupervisor(std::shared_ptr<Connection> conn, const ThreadSink &sink, QObject *owner,
                                   Backoff backoff)
    : QObject(owner), m_conn(std::move(conn)), m_sink(sink), m_backoff(backoff)
{
    m_reopenTimer.setParent(this); // moves with the owner to its thread
    m_reopenTimer.setSingleShot(true);
    connect(&m_reopenTimer, &QTimer::timeout, this, [this] {
        if (!m_stopped && m_reopen)
            m_reopen();
    });
}

void StreamSupervisor::setCallbacks(StartFn start, FailFn signInFailed, ReopenFn reopen)
{
    m_start = std::move(start);
    m_signInFailed = std::move(signInFailed);
    m_reopen = std::move(reopen);
}

void StreamSupervisor::open()
{
    if (m_stopped || m_signingIn)
        return;
    m_reopenTimer.stop();
    const int endpoint = m_conn->currentEndpoint();
    m_endpoint = endpoint;
    if (!m_conn->usesAuth() || (!m_freshToken && !m_conn->needsSignIn(endpoint)))
        return start(endpoint);
    // Sign in first. With a fresh token asked for, the current one is the stale one: unless another
    // call signed in meanwhile, that makes a new sign-in.
    m_signingIn = true;
    m_freshToken = false;
    const int generation = ++m_generation;
    m_conn->refreshToken(endpoint, m_conn->token(endpoint), m_sink, [this, generation, endpoint](const EtcdError &error) {
        if (generation != m_generation || m_stopped)
            return;
        m_signingIn = false;
        if (error) {
            if (m_signInFailed)
                m_signInFailed(generation, error);
            return;
        }
        start(endpoint);
    });
}

void StreamSupervisor::start(int endpoint)
{
    const int generation = ++m_generation;
    m_endpoint = endpoint;
    Metadata metadata{{"hasleader", "true"}}; // etcd ends the stream if its member loses the leader
    const std::string token = m_conn->token(endpoint);
    if (!token.empty())
        metadata.emplace_back("token", token);
    if (m_start)
        m_start(generation, endpoint, metadata);
}

void StreamSupervisor::streamAnswered()
{
    m_failures = 0;
}

void StreamSupervisor::ended(const EtcdError &error, bool failover, bool immediately, qint64 maxDelayMs)
{
    m_signingIn = false;
    if (m_stopped)
        return;
    if (failover && m_endpoint >= 0)
        m_conn->failover(m_endpoint);
    if (error.isInvalidAuthToken() || error.isAuthRevisionOld())
        m_freshToken = true;
    qint64 delay = immediately ? 0 : m_backoff.delayMs(m_failures);
    if (maxDelayMs >= 0)
        delay = std::min(delay, maxDelayMs);
    ++m_failures;
    m_lastDelayMs = delay;
    m_reopenTimer.start(int(delay));
}

void StreamSupervisor::stop()
{
    m_stopped = true;
    m_reopenTimer.stop();
}

} // namespace etcd::detail
