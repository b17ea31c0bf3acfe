// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/connection.h"

#include "client/tlsdiagnosis.h"
#include "client/unarycall.h"
#include "ssh/sshtunnel.h"

#include <QDateTime>
#include <QThreadPool>

#include <algorithm>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_certificate_verifier.h>
#include <grpcpp/security/tls_credentials_options.h>

#include <cstdlib>
#include <deque>
#include <thread>

namespace etcd::detail {

namespace {

// etcdctl --insecure-skip-tls-verify: encrypted, but any server certificate is accepted (no CA,
// no host name check). Only gRPC's TLS credentials (still "experimental" in 1.51) can switch
// verification off; the client certificate still goes along for mutual TLS.
std::shared_ptr<grpc::ChannelCredentials> unverifiedTlsCredentials(const TlsMaterial &material)
{
    namespace gx = grpc::experimental;
    gx::TlsChannelCredentialsOptions options;
    options.set_verify_server_certs(false);
    options.set_check_call_host(false);
    options.set_certificate_verifier(std::make_shared<gx::NoOpCertificateVerifier>());
    if (!material.certPem.empty()) {
        const std::vector<gx::IdentityKeyCertPair> identity{{material.keyPem, material.certPem}};
        options.set_certificate_provider(std::make_shared<gx::StaticDataCertificateProvider>(identity));
        options.watch_identity_key_cert_pairs();
    }
    return gx::TlsCredentials(options);
}

// Diagnosis probes block on sockets for up to a few seconds, so they get threads of their own
// rather than gRPC's (which would stall calls) or Qt's global pool (where busy jobs would delay the
// failing call). Waited for when the process ends; every probe is bounded by its timeout.
QThreadPool &probePool()
{
    static QThreadPool pool;
    static const bool configured = [] {
        pool.setMaxThreadCount(4);
        return true;
    }();
    Q_UNUSED(configured)
    return pool;
}

// How long a probe's finding stands: long enough that a burst of failing calls shares one probe,
// short enough that a fixed server is noticed.
constexpr auto kDiagnosisLifetime = std::chrono::seconds(3);

// The last reference to a Connection often drops inside a gRPC callback, on one of gRPC's own
// threads. Destroying the channels there is fatal with gRPC 1.51: releasing the last channel shuts
// down the shared callback completion queue, joins its polling threads (including the current one,
// which fails) and frees the queue that very thread goes on polling. So connections are destroyed
// on this reaper thread instead. At exit it drains what is queued before gRPC's own statics go;
// after that, disposal happens inline.
class ConnectionReaper
{
public:
    static ConnectionReaper &instance()
    {
        // Deliberately never deleted: a deleter may run after static destruction has begun.
        static ConnectionReaper *reaper = [] {
            auto *r = new ConnectionReaper;
            std::atexit([] { ConnectionReaper::instance().stop(); });
            return r;
        }();
        return *reaper;
    }

    void dispose(Connection *connection)
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (!m_stopped) {
                m_queue.push_back(connection);
                m_wake.notify_one();
                return;
            }
        }
        delete connection;
    }

private:
    ConnectionReaper() : m_thread([this] { run(); }) {}

    void stop()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stopped = true;
            m_wake.notify_one();
        }
        if (m_thread.joinable())
            m_thread.join();
    }

    void run()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_stopped || !m_queue.empty(); });
            while (!m_queue.empty()) {
                Connection *c = m_queue.front();
                m_queue.pop_front();
                lock.unlock();
                delete c;
                lock.lock();
            }
            if (m_stopped)
                return;
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Connection *> m_queue;
    bool m_stopped = false;
    std::thread m_thread; // last: starts once the rest is initialised
};

} // namespace

bool Endpoint::isReady() const
{
    return channel->GetState(false) == GRPC_CHANNEL_READY;
}

void Endpoint::reconnectNowIfFailing()
{
    if (channel->GetState(false) != GRPC_CHANNEL_TRANSIENT_FAILURE)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 last = lastReconnectNowMs.load();
    if (now - last < kReconnectNowMinMs || !lastReconnectNowMs.compare_exchange_strong(last, now))
        return;
    grpc::experimental::ChannelResetConnectionBackoff(channel.get());
}

std::shared_ptr<Connection> Connection::create(const ConnectionOptions &options)
{
    ConnectionReaper &reaper = ConnectionReaper::instance();
    std::shared_ptr<Connection> c(new Connection(options), [&reaper](Connection *p) { reaper.dispose(p); });
    c->buildEndpoints();
    return c;
}

Connection::Connection(const ConnectionOptions &options) : m_options(options) {}

Connection::~Connection() = default;

void Connection::buildEndpoints()
{
    const QString invalid = m_options.validate();
    if (!invalid.isEmpty())
        m_configError = EtcdError::invalidArgument(invalid);

    bool useTls = m_options.tls.enabled || !m_options.tls.caFile.isEmpty() || !m_options.tls.certFile.isEmpty();
    QStringList addresses;
    for (const QString &e : m_options.endpoints) {
        bool https = false;
        const QString address = ConnectionOptions::normalizeEndpoint(e, &https);
        useTls = useTls || https;
        if (!address.isEmpty())
            addresses << address;
    }
    if (addresses.isEmpty() && !m_configError)
        m_configError = EtcdError::invalidArgument(QStringLiteral("no usable endpoint"));

    useTls = useTls || m_options.tls.insecureSkipVerify;
    m_useTls = useTls;
    std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
    if (useTls) {
        // Files are checked here, where the mistake can be named (gRPC would only fail every
        // handshake), and read once, so channels and diagnosis probes see the same material.
        QString problem;
        if (readTlsMaterial(m_options.tls, &m_tlsMaterial, &problem))
            problem = checkTlsMaterial(m_options.tls, m_tlsMaterial);
        if (!problem.isEmpty()) {
            if (!m_configError)
                m_configError = EtcdError::invalidArgument(problem);
        } else if (m_options.tls.insecureSkipVerify) {
            credentials = unverifiedTlsCredentials(m_tlsMaterial);
        } else {
            grpc::SslCredentialsOptions ssl;
            ssl.pem_root_certs = m_tlsMaterial.caPem;
            ssl.pem_cert_chain = m_tlsMaterial.certPem;
            ssl.pem_private_key = m_tlsMaterial.keyPem;
            credentials = grpc::SslCredentials(ssl);
        }
    }

    grpc::ChannelArguments args;
    // etcd answers pings more often than every 5 s (--grpc-keepalive-min-time) with GOAWAY, so the
    // transport pings no faster; the watch hub probes its stream at keepAliveTimeMs on its own.
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, std::max(5000, m_options.keepAliveTimeMs));
    args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, m_options.keepAliveTimeoutMs);
    // etcd's server policy forbids pings without active streams; gRPC otherwise stops after 2 pings.
    args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 0);
    args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
    // gRPC's minimum reconnect backoff doubles as its connect timeout: that is our dial timeout.
    args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, m_options.dialTimeoutMs);
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    args.SetMaxReceiveMessageSize(m_options.maxReceiveBytes);
    args.SetMaxSendMessageSize(m_options.maxReceiveBytes);
    // Own connections per client: one client's dead socket must not be shared with another's.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    if (!m_options.tls.serverNameOverride.isEmpty())
        args.SetSslTargetNameOverride(m_options.tls.serverNameOverride.toStdString());

    if (m_options.ssh.isEnabled() && !m_configError) {
        // Each endpoint becomes a loopback port forwarded through the bastion. The address stays
        // the real one everywhere it is shown, and TLS still verifies the real host name.
        m_tunnel = ssh::Tunnel::start(m_options.ssh, addresses, m_options.dialTimeoutMs);
        if (!m_tunnel->setupError().isEmpty())
            m_configError = EtcdError::invalidArgument(m_tunnel->setupError());
    }

    for (const QString &address : addresses) {
        auto ep = std::make_unique<Endpoint>();
        ep->index = static_cast<int>(m_endpoints.size());
        ep->address = address;
        if (m_tunnel) {
            grpc::ChannelArguments tunnelArgs = args;
            if (useTls && m_options.tls.serverNameOverride.isEmpty()) {
                QString host = address.left(address.lastIndexOf(QLatin1Char(':')));
                if (host.startsWith(QLatin1Char('[')))
                    host = host.mid(1, host.size() - 2);
                tunnelArgs.SetSslTargetNameOverride(host.toStdString());
            }
            ep->channel = grpc::CreateCustomChannel(m_tunnel->localAddress(ep->index).toStdString(), credentials,
                                                    tunnelArgs);
        } else {
            ep->channel = grpc::CreateCustomChannel(address.toStdString(), credentials, args);
        }
        ep->kv = etcdserverpb::KV::NewStub(ep->channel);
        ep->watch = etcdserverpb::Watch::NewStub(ep->channel);
        ep->lease = etcdserverpb::Lease::NewStub(ep->channel);
        ep->cluster = etcdserverpb::Cluster::NewStub(ep->channel);
        ep->maintenance = etcdserverpb::Maintenance::NewStub(ep->channel);
        ep->auth = etcdserverpb::Auth::NewStub(ep->channel);
        ep->lock = v3lockpb::Lock::NewStub(ep->channel);
        ep->election = v3electionpb::Election::NewStub(ep->channel);
        m_endpoints.push_back(std::move(ep));
    }
    m_tokens.resize(m_endpoints.size());
    m_diagnoses.resize(m_endpoints.size());
}

QString Connection::endpointAddress(int index) const
{
    if (index < 0 || index >= static_cast<int>(m_endpoints.size()))
        return {};
    return m_endpoints.at(static_cast<size_t>(index))->address;
}

int Connection::indexOfEndpoint(const QString &address) const
{
    const QString wanted = ConnectionOptions::normalizeEndpoint(address);
    for (const auto &ep : m_endpoints)
        if (ep->address == wanted)
            return ep->index;
    return -1;
}

int Connection::failover(int index)
{
    const int n = endpointCount();
    if (n == 0)
        return 0;
    int expected = index;
    const int next = (index + 1) % n;
    if (m_current.compare_exchange_strong(expected, next))
        return next;
    return expected;
}

std::string Connection::token(int index) const
{
    std::lock_guard<std::mutex> lock(m_tokenMutex);
    if (index < 0 || index >= static_cast<int>(m_tokens.size()))
        return {};
    return m_tokens.at(static_cast<size_t>(index)).token;
}

void Connection::refreshToken(int index, const std::string &staleToken, std::function<void(EtcdError)> done)
{
    {
        std::unique_lock<std::mutex> lock(m_tokenMutex);
        TokenState &state = m_tokens.at(static_cast<size_t>(index));
        if (state.token != staleToken && !state.token.empty()) {
            // Someone signed in again since the caller read the token: just retry with the new one.
            // Outside the lock: `done` usually starts the retry at once, which reads token().
            lock.unlock();
            done({});
            return;
        }
        state.waiters.push_back(std::move(done));
        if (state.refreshing)
            return;
        state.refreshing = true;
    }

    auto request = std::make_shared<etcdserverpb::AuthenticateRequest>();
    request->set_name(m_options.user.toStdString());
    request->set_password(m_options.password.toStdString());
    CallSpec spec;
    spec.name = "authenticate";
    spec.endpoint = index;
    spec.authenticate = false;
    auto self = shared_from_this();
    startUnary<etcdserverpb::AuthenticateResponse>(
        self, spec,
        [request](Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::AuthenticateResponse *resp,
                  std::function<void(grpc::Status)> cb) {
            ep.auth->async()->Authenticate(ctx, request.get(), resp, std::move(cb));
        },
        [self, index](EtcdResult<etcdserverpb::AuthenticateResponse> result) {
            std::vector<std::function<void(EtcdError)>> waiters;
            {
                std::lock_guard<std::mutex> lock(self->m_tokenMutex);
                TokenState &state = self->m_tokens.at(static_cast<size_t>(index));
                state.refreshing = false;
                if (result.ok())
                    state.token = result.value().token();
                else if (result.error().isAuthNotEnabled())
                    state.token.clear();
                // etcd with authentication off: calls go without a token (not an error for them).
                state.authOff = !result.ok() && result.error().isAuthNotEnabled();
                waiters.swap(state.waiters);
            }
            EtcdError error = result.ok() || result.error().isAuthNotEnabled() ? EtcdError() : result.error();
            // etcd does not say whose sign-in failed, nor (on purpose) whether the user exists.
            if (error.isAuthFailed())
                error = error.explained(QStringLiteral("wrong user name or password: etcd refused to sign in user "
                                                       "\"%1\" (it does not say whether the user exists)")
                                            .arg(self->m_options.user));
            for (auto &w : waiters)
                w(error);
        });
}

bool Connection::authOff(int index) const
{
    std::lock_guard<std::mutex> lock(m_tokenMutex);
    if (index < 0 || index >= static_cast<int>(m_tokens.size()))
        return false;
    return m_tokens.at(static_cast<size_t>(index)).authOff;
}

void Connection::resetSignIn()
{
    std::lock_guard<std::mutex> lock(m_tokenMutex);
    for (TokenState &state : m_tokens) {
        state.token.clear();
        state.authOff = false;
    }
}

void Connection::refreshToken(int index, const std::string &staleToken, const ThreadSink &sink,
                              std::function<void(const EtcdError &)> done)
{
    refreshToken(index, staleToken,
                 [sink, done = std::move(done)](const EtcdError &error) { sink.post([done, error] { done(error); }); });
}

void Connection::explain(int index, const EtcdError &error, std::function<void(EtcdError)> done)
{
    if (m_tunnel && index >= 0 && index < endpointCount() && (error.isUnavailable() || error.isDeadlineExceeded())) {
        // Through a bastion the hop that failed is known without a probe: the SSH session, or the
        // endpoint as the bastion sees it. (A TLS probe from here would reach the wrong host.)
        const ssh::TunnelStatus status = m_tunnel->status();
        QString why = status.isUp() ? m_tunnel->endpointProblem(index) : status.describe();
        done(why.isEmpty() ? error : error.explained(why));
        return;
    }
    if (index < 0 || index >= endpointCount() || !worthDiagnosing(error) || m_shuttingDown.load() || m_tunnel) {
        done(error);
        return;
    }
    auto deliver = [error, done = std::move(done)](const QString &text) {
        done(text.isEmpty() ? error : error.explained(text));
    };
    QString cached;
    bool fresh = false;
    {
        std::lock_guard<std::mutex> lock(m_diagnosisMutex);
        Diagnosis &d = m_diagnoses.at(static_cast<size_t>(index));
        fresh = !d.running && d.known && std::chrono::steady_clock::now() - d.at < kDiagnosisLifetime;
        if (!fresh) {
            d.waiters.push_back(std::move(deliver));
            if (d.running)
                return;
            d.running = true;
        } else {
            cached = d.text;
        }
    }
    if (fresh) { // the finding is fresh: answer now, outside the lock (`done` goes on with the call)
        deliver(cached);
        return;
    }
    auto self = shared_from_this();
    const int timeoutMs = std::clamp(m_options.dialTimeoutMs, 500, 3000);
    probePool().start([self, index, timeoutMs] {
        const QString text = diagnoseConnection(self->endpointAddress(index), self->m_useTls, self->m_options.tls,
                                                self->m_tlsMaterial, timeoutMs);
        std::vector<std::function<void(const QString &)>> waiters;
        {
            std::lock_guard<std::mutex> lock(self->m_diagnosisMutex);
            Diagnosis &d = self->m_diagnoses.at(static_cast<size_t>(index));
            d.running = false;
            d.known = true;
            d.text = text;
            d.at = std::chrono::steady_clock::now();
            waiters.swap(d.waiters);
        }
        for (auto &w : waiters)
            w(text);
    });
}

bool Connection::registerContext(grpc::ClientContext *context, std::weak_ptr<void> owner)
{
    std::lock_guard<std::mutex> lock(m_flightMutex);
    if (m_shuttingDown.load())
        return false;
    m_contexts.emplace(context, std::move(owner));
    return true;
}

void Connection::unregisterContext(grpc::ClientContext *context)
{
    std::lock_guard<std::mutex> lock(m_flightMutex);
    if (m_contexts.erase(context) > 0)
        m_flightDone.notify_all();
}

void Connection::schedule(int ms, std::function<void(bool)> fn)
{
    if (m_shuttingDown.load()) {
        fn(false);
        return;
    }
    m_timers.schedule(std::chrono::milliseconds(ms), std::move(fn));
}

void Connection::shutdown(int waitMs)
{
    std::vector<std::pair<grpc::ClientContext *, std::shared_ptr<void>>> live;
    {
        std::lock_guard<std::mutex> lock(m_flightMutex);
        m_shuttingDown.store(true);
        for (auto &[ctx, owner] : m_contexts)
            if (auto keep = owner.lock())
                live.emplace_back(ctx, std::move(keep));
    }
    // Pending retries run now with `false` and finish their calls with a shutdown error.
    m_timers.stop();
    for (auto &[ctx, keep] : live)
        ctx->TryCancel();
    live.clear();
    std::unique_lock<std::mutex> lock(m_flightMutex);
    m_flightDone.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return m_contexts.empty(); });
}

std::chrono::system_clock::time_point Connection::deadline(int timeoutMs) const
{
    return std::chrono::system_clock::now() +
           std::chrono::milliseconds(timeoutMs > 0 ? timeoutMs : m_options.callTimeoutMs);
}

} // namespace etcd::detail
