// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/accessrefusal.h"
#include "client/backoff.h"
#include "client/connection.h"
#include "client/etcderror.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QPromise>

#include <functional>
#include <memory>
#include <mutex>

namespace etcd::detail {

// How one unary call behaves.
struct CallSpec
{
    const char *name = "call"; // for messages: "put", "range", ...
    bool write = false;        // refused on a read-only connection
    int timeoutMs = 0;         // whole call including retries; 0: connection default
    int endpoint = -1;         // pin to this endpoint (no failover); -1: current endpoint with failover
    bool authenticate = true;  // attach the token and sign in again when etcd rejects it
    bool retryUnavailable = true;
    QString keys; // the keys the call is about (describeKeys), for a refusal's words; empty: none
};

// What the caller learns besides the response.
struct CallInfo
{
    QString endpoint;
    qint64 latencyUs = 0; // of the successful attempt
};

template<class Resp>
using Invoker = std::function<void(Endpoint &, grpc::ClientContext *, Resp *, std::function<void(grpc::Status)>)>;

// One unary RPC with etcd's retry rules: fail over to the next endpoint while an endpoint is
// unreachable, sign in again when the token is rejected, never past the call's deadline.
// Completion runs on a gRPC thread; callers turn it into a future or post it to their thread.
template<class Resp> class UnaryCall : public std::enable_shared_from_this<UnaryCall<Resp>>
{
public:
    using Done = std::function<void(EtcdResult<Resp>, CallInfo)>;

    UnaryCall(std::shared_ptr<Connection> conn, CallSpec spec, Invoker<Resp> invoke, Done done)
        : m_conn(std::move(conn)), m_spec(spec), m_invoke(std::move(invoke)), m_done(std::move(done)),
          m_deadline(m_conn->deadline(spec.timeoutMs))
    {}

    void start()
    {
        if (m_conn->configError())
            return finish(m_conn->configError());
        if (m_spec.write && m_conn->isReadOnly())
            return finish(EtcdError::readOnlyRefusal(QString::fromLatin1(m_spec.name)));
        attempt();
    }

private:
    void attempt()
    {
        if (m_conn->isShuttingDown())
            return finish(EtcdError::shutdown());
        const auto now = std::chrono::system_clock::now();
        if (now >= m_deadline)
            return finish(
                m_lastError
                    ? m_lastError
                    : EtcdError::client(ErrorCode::DeadlineExceeded,
                                        QStringLiteral("%1: deadline exceeded").arg(QString::fromLatin1(m_spec.name))));
        m_endpoint = m_spec.endpoint >= 0 ? m_spec.endpoint : m_conn->currentEndpoint();
        Endpoint &ep = m_conn->endpoint(m_endpoint);

        m_token.clear();
        if (m_spec.authenticate && m_conn->usesAuth()) {
            m_token = m_conn->token(m_endpoint);
            if (m_token.empty() && !m_conn->authOff(m_endpoint)) {
                if (++m_authAttempts > 3)
                    return finish(m_lastError);
                auto self = this->shared_from_this();
                m_conn->refreshToken(m_endpoint, m_token, [self](EtcdError e) { self->afterSignIn(e); });
                return;
            }
        }

        // gRPC may complete a call inline, inside m_invoke: a retried attempt must not destroy the
        // context that gRPC is still returning through, so earlier contexts live as long as the call.
        grpc::ClientContext *context = nullptr;
        {
            std::lock_guard<std::mutex> lock(m_attemptMutex);
            if (m_context)
                m_retired.push_back(std::move(m_context));
            m_context = std::make_unique<grpc::ClientContext>();
            context = m_context.get();
            ++m_attempt;
            m_attemptDone = false;
            m_dialTimedOut = false;
            m_neverSent = false;
        }
        context->set_deadline(m_deadline);
        if (!m_token.empty())
            context->AddMetadata("token", m_token);
        if (!m_conn->registerContext(context, this->weak_from_this()))
            return finish(EtcdError::shutdown());
        m_response = Resp();
        m_timer.start();
        if (!ep.isReady()) {
            ep.reconnectNowIfFailing();
            watchDial(m_attempt);
        }
        m_conn->requests().note(m_spec.name);
        auto self = this->shared_from_this();
        m_invoke(ep, context, &m_response, [self](grpc::Status status) { self->completed(status); });
    }

    // The dial timeout covers connecting only: if the endpoint is still not connected after it,
    // cancel this attempt and fail over; once connected, the call has its whole deadline.
    void watchDial(int attempt)
    {
        std::weak_ptr<UnaryCall> weak = this->shared_from_this();
        m_conn->schedule(m_conn->options().dialTimeoutMs, [weak, attempt](bool fired) {
            auto self = weak.lock();
            if (!self || !fired)
                return;
            grpc::ClientContext *context = nullptr;
            {
                std::lock_guard<std::mutex> lock(self->m_attemptMutex);
                if (attempt != self->m_attempt || self->m_attemptDone ||
                    self->m_conn->endpoint(self->m_endpoint).isReady())
                    return;
                self->m_dialTimedOut = true;
                context = self->m_context.get();
            }
            context->TryCancel(); // outside the lock: the completion may run inline
        });
    }

    void afterSignIn(const EtcdError &error)
    {
        if (!error)
            return attempt();
        m_lastError = error;
        // A member that is down cannot sign us in: try the next one, like any unavailable call.
        if (error.isUnavailable() && retryOnAnotherEndpoint())
            return;
        finish(error);
    }

    void completed(const grpc::Status &status)
    {
        bool dialTimedOut = false;
        {
            std::lock_guard<std::mutex> lock(m_attemptMutex);
            m_attemptDone = true;
            dialTimedOut = m_dialTimedOut;
        }
        m_conn->unregisterContext(m_context.get());
        const qint64 latencyUs = m_timer.nsecsElapsed() / 1000;
        const QString address = m_conn->endpointAddress(m_endpoint);
        if (status.ok()) {
            if (m_spec.endpoint < 0)
                m_conn->setCurrentEndpoint(m_endpoint);
            return finish(std::move(m_response), CallInfo{address, latencyUs});
        }
        EtcdError error = EtcdError::fromStatus(status, address);
        if (dialTimedOut && status.error_code() == grpc::StatusCode::CANCELLED) {
            // Our dial watchdog: the endpoint did not connect in time, so nothing was sent.
            error = EtcdError::dialTimeout(m_conn->options().dialTimeoutMs, address);
            m_neverSent = true;
        }
        m_lastError = error;

        // A call sent without a token because authentication was off finds it switched on since.
        const bool signInNeeded =
            error.isInvalidAuthToken() || error.isAuthRevisionOld() || (m_token.empty() && error.isUserNameEmpty());
        if (m_spec.authenticate && m_conn->usesAuth() && signInNeeded && ++m_authAttempts <= 3) {
            auto self = this->shared_from_this();
            m_conn->refreshToken(m_endpoint, m_token, [self](EtcdError e) { self->afterSignIn(e); });
            return;
        }
        // Some failures gRPC words too vaguely to act on ("Socket closed"): the connection asks the
        // endpoint what is wrong (a TLS mismatch, say) before the call decides. Others go on at once.
        auto self = this->shared_from_this();
        m_conn->explain(m_endpoint, error, [self, error](EtcdError explained) {
            self->decide(explained, self->m_neverSent || error.isNeverSent());
        });
    }

    void decide(const EtcdError &error, bool neverSent)
    {
        m_lastError = error;
        // A read is repeated elsewhere on any UNAVAILABLE. A write only when it provably never
        // left this client (no connection): one lost with its connection may have been applied,
        // and repeating it would apply it twice (etcd's Go client draws the same line).
        // A TLS failure is tried once on each other endpoint (they may differ), not again and again.
        const bool tls = error.isTlsFailure();
        if (m_spec.retryUnavailable && error.isUnavailable() && (!m_spec.write || neverSent) &&
            (!tls || m_failures + 1 < m_conn->endpointCount()) && retryOnAnotherEndpoint())
            return;
        finish(error);
    }

    bool retryOnAnotherEndpoint()
    {
        if (m_conn->isShuttingDown() || std::chrono::system_clock::now() >= m_deadline)
            return false;
        const int n = m_conn->endpointCount();
        if (m_spec.endpoint < 0)
            m_conn->failover(m_endpoint);
        ++m_failures;
        // Straight to the next endpoint; after a whole round of failures, back off a little
        // (a leader election, a restarting member) before the next round.
        const bool roundDone = m_spec.endpoint >= 0 || m_failures % n == 0;
        if (!roundDone) {
            attempt();
            return true;
        }
        const int backoffMs = int(kCallBackoff.delayMs(m_failures / std::max(n, 1)));
        auto self = this->shared_from_this();
        m_conn->schedule(backoffMs, [self](bool fired) {
            if (fired)
                self->attempt();
            else
                self->finish(EtcdError::shutdown());
        });
        return true;
    }

    void finish(EtcdResult<Resp> result, CallInfo info = {})
    {
        if (!m_done)
            return;
        // etcd's "permission denied" names neither the user nor the keys: the words say both.
        if (!result.ok() && result.error().isPermissionDenied() && result.error().explanation().isEmpty())
            result = result.error().explained(describeRefusal(m_conn->options().user, m_spec.name, m_spec.keys));
        if (info.endpoint.isEmpty())
            info.endpoint = m_conn->endpointAddress(m_endpoint);
        auto done = std::move(m_done);
        m_done = nullptr;
        done(std::move(result), info);
    }

    std::shared_ptr<Connection> m_conn;
    CallSpec m_spec;
    Invoker<Resp> m_invoke;
    Done m_done;
    std::chrono::system_clock::time_point m_deadline;
    std::mutex m_attemptMutex; // guards the attempt state against the dial watchdog's thread
    int m_attempt = 0;
    bool m_attemptDone = false;
    bool m_dialTimedOut = false;
    bool m_neverSent = false;
    std::unique_ptr<grpc::ClientContext> m_context;
    std::vector<std::unique_ptr<grpc::ClientContext>> m_retired;
    Resp m_response;
    std::string m_token;
    EtcdError m_lastError;
    QElapsedTimer m_timer;
    int m_endpoint = 0;
    int m_failures = 0;
    int m_authAttempts = 0;
};

// Start a call; `done` receives the raw response (on a gRPC thread).
template<class Resp>
void startUnary(std::shared_ptr<Connection> conn, const CallSpec &spec, Invoker<Resp> invoke,
                std::function<void(EtcdResult<Resp>)> done)
{
    auto call = std::make_shared<UnaryCall<Resp>>(
        std::move(conn), spec, std::move(invoke),
        [done = std::move(done)](EtcdResult<Resp> r, CallInfo) { done(std::move(r)); });
    call->start();
}

// Start a call and return a future of the converted result. The conversion runs on the gRPC
// thread, so the caller's thread only receives ready-made Qt values.
template<class Resp, class Out, class Convert>
QFuture<EtcdResult<Out>> unaryFuture(std::shared_ptr<Connection> conn, const CallSpec &spec, Invoker<Resp> invoke,
                                     Convert convert)
{
    auto promise = std::make_shared<QPromise<EtcdResult<Out>>>();
    promise->start();
    QFuture<EtcdResult<Out>> future = promise->future();
    auto call =
        std::make_shared<UnaryCall<Resp>>(std::move(conn), spec, std::move(invoke),
                                          [promise, convert = std::move(convert)](EtcdResult<Resp> r, CallInfo info) {
                                              if (r.ok())
                                                  promise->addResult(EtcdResult<Out>(convert(r.value(), info)));
                                              else
                                                  promise->addResult(EtcdResult<Out>(r.error()));
                                              promise->finish();
                                          });
    call->start();
    return future;
}

// A ready future, for refusals decided before any call.
template<class T> QFuture<EtcdResult<T>> readyFuture(EtcdResult<T> value)
{
    QPromise<EtcdResult<T>> promise;
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return promise.future();
}

} // namespace etcd::detail
