// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/requestcounter.h"
#include "client/connectionoptions.h"
#include "client/etcderror.h"
#include "client/threadsink.h"
#include "client/timerqueue.h"
#include "client/tlsmaterial.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "etcdserverpb/rpc.grpc.pb.h"
#include "v3electionpb/v3election.grpc.pb.h"
#include "v3lockpb/v3lock.grpc.pb.h"

namespace etcd::ssh {
class Tunnel;
}

namespace etcd::detail {

// One etcd endpoint: its channel and a stub per service. Stubs are thread-safe.
struct Endpoint
{
    int index = 0;
    QString address; // as the user gave it, normalised to host:port
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<etcdserverpb::KV::Stub> kv;
    std::unique_ptr<etcdserverpb::Watch::Stub> watch;
    std::unique_ptr<etcdserverpb::Lease::Stub> lease;
    std::unique_ptr<etcdserverpb::Cluster::Stub> cluster;
    std::unique_ptr<etcdserverpb::Maintenance::Stub> maintenance;
    std::unique_ptr<etcdserverpb::Auth::Stub> auth;
    std::unique_ptr<v3lockpb::Lock::Stub> lock;
    std::unique_ptr<v3electionpb::Election::Stub> election;

    bool isReady() const;
    // A channel that failed waits out its reconnect backoff (up to 2 s) and fails every call
    // meanwhile with the old error; a call the user asked for now makes it try now instead. At most
    // once per kReconnectNowMinMs, so retries and background polls do not dial a dead member often.
    void reconnectNowIfFailing();
    static constexpr qint64 kReconnectNowMinMs = 500;
    std::atomic<qint64> lastReconnectNowMs{0};
};

// The shared, thread-safe heart of a client: endpoints with failover, auth tokens, the registry of
// in-flight gRPC contexts (so shutdown can cancel them) and a timer service for retries.
// Every call and stream holds a shared_ptr to it, so it outlives whatever is still in flight.
class Connection : public std::enable_shared_from_this<Connection>
{
public:
    static std::shared_ptr<Connection> create(const ConnectionOptions &options);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    const ConnectionOptions &options() const { return m_options; }
    bool isReadOnly() const { return m_options.readOnly; }
    bool usesAuth() const { return !m_options.user.isEmpty(); }
    // Set when the options cannot work (unreadable TLS file, bad endpoint): every call fails with it.
    const EtcdError &configError() const { return m_configError; }

    int endpointCount() const { return static_cast<int>(m_endpoints.size()); }
    Endpoint &endpoint(int index) { return *m_endpoints.at(static_cast<size_t>(index)); }
    QString endpointAddress(int index) const;
    int indexOfEndpoint(const QString &address) const;

    // The endpoint new calls and streams go to; failover moves it on.
    int currentEndpoint() const { return m_current.load(); }
    // `index` failed: if it is still the current endpoint, move to the next one. Returns the new current.
    int failover(int index);
    // Prefer this endpoint from now on (e.g. the one a stream successfully reconnected to).
    void setCurrentEndpoint(int index) { m_current.store(index); }

    // --- authentication -------------------------------------------------------------------------
    // Token for calls to `index` (simple tokens are per member). Empty without auth or before login.
    std::string token(int index) const;
    // Obtain a fresh token for `index` unless someone already replaced `staleToken` meanwhile.
    // Concurrent refreshes of one endpoint share one Authenticate call. `done` runs on a gRPC thread.
    void refreshToken(int index, const std::string &staleToken, std::function<void(EtcdError)> done);
    // The same, with `done` run on `sink`'s thread (and dropped if the sink's object is gone).
    void refreshToken(int index, const std::string &staleToken, const ThreadSink &sink,
                      std::function<void(const EtcdError &)> done);
    // Signing in at `index` was answered "authentication is not enabled": calls go there without a
    // token (as etcd's Go client does) until etcd asks for one ("user name is empty").
    bool authOff(int index) const;
    // Calls to `index` must sign in before they are sent.
    bool needsSignIn(int index) const { return usesAuth() && token(index).empty() && !authOff(index); }
    // Forget every token and what we learnt about auth being off: after this client enabled or
    // disabled authentication, the next call signs in (or finds out it need not) afresh.
    void resetSignIn();

    // --- diagnosis ------------------------------------------------------------------------------
    // gRPC words many failures alike ("Socket closed" for TLS against a plain-text port, plain text
    // against TLS, a refused client certificate; "certificate verify failed" for an unknown CA and
    // an expired certificate). For such an `error` from `index`, ask the endpoint itself (on a
    // worker thread, tlsdiagnosis.h) and give `done` the error with the explanation, or unchanged.
    // One probe per endpoint at a time; its answer is reused for a few seconds.
    void explain(int index, const EtcdError &error, std::function<void(EtcdError)> done);

    // --- lifetime -------------------------------------------------------------------------------
    // Contexts are registered while their RPC runs, so shutdown() can cancel them. `owner` keeps
    // the context alive: shutdown cancels outside its lock (gRPC may complete a call inline, inside
    // TryCancel) while holding the owner, so a completion that frees the owner cannot free the context.
    bool registerContext(grpc::ClientContext *context, std::weak_ptr<void> owner);
    void unregisterContext(grpc::ClientContext *context);
    bool isShuttingDown() const { return m_shuttingDown.load(); }
    RequestCounter &requests() { return m_requests; }
    // The SSH tunnel the endpoints are reached through (--ssh); null without one.
    const std::shared_ptr<ssh::Tunnel> &tunnel() const { return m_tunnel; }
    // Cancel everything in flight and wait (bounded) until all of it has completed.
    void shutdown(int waitMs);

    // Run `fn(true)` after `ms` on the connection's timer thread, or `fn(false)` if it shuts down first.
    void schedule(int ms, std::function<void(bool)> fn);

    // Deadline for a call that should take at most `timeoutMs` (0: the connection default).
    std::chrono::system_clock::time_point deadline(int timeoutMs) const;

private:
    explicit Connection(const ConnectionOptions &options);
    void buildEndpoints();

    struct TokenState
    {
        std::string token;
        bool authOff = false;
        bool refreshing = false;
        std::vector<std::function<void(EtcdError)>> waiters;
    };

    ConnectionOptions m_options;
    EtcdError m_configError;
    std::vector<std::unique_ptr<Endpoint>> m_endpoints;
    std::atomic<int> m_current{0};

    mutable std::mutex m_tokenMutex;
    std::vector<TokenState> m_tokens;

    std::mutex m_flightMutex;
    std::condition_variable m_flightDone;
    std::unordered_map<grpc::ClientContext *, std::weak_ptr<void>> m_contexts;
    TimerQueue m_timers;
    std::atomic<bool> m_shuttingDown{false};
    RequestCounter m_requests;

    std::shared_ptr<ssh::Tunnel> m_tunnel; // goes first: the channels see their sockets close
    bool m_useTls = false;
    TlsMaterial m_tlsMaterial; // read once: probes use what the channels use
    struct Diagnosis
    {
        bool running = false;
        bool known = false;
        QString text;
        std::chrono::steady_clock::time_point at;
        std::vector<std::function<void(const QString &)>> waiters;
    };
    std::mutex m_diagnosisMutex;
    std::vector<Diagnosis> m_diagnoses;
};

} // namespace etcd::detail
