// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "ssh/sshtunnel.h"

#include "client/backoff.h"
#include "ssh/sshpump.h"

#include <QDateTime>

#include <libssh/libssh.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace etcd::ssh {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// libssh initialises its crypto once per process; ssh_init is reference counted.
void initLibssh()
{
    static const bool done = [] {
        ssh_init();
        return true;
    }();
    Q_UNUSED(done)
}

int listenOnLoopback(int *port, QString *error)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return -1;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 || ::listen(fd, 64) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        return -1;
    }
    *port = ntohs(address.sin_port);
    return fd;
}

QString seconds(qint64 ms)
{
    return ms < 1000 ? QStringLiteral("%1 ms").arg(ms) : QStringLiteral("%1 s").arg((ms + 500) / 1000);
}

} // namespace

QString TunnelStatus::describe() const
{
    switch (state) {
    case State::Connecting: return QStringLiteral("connecting to the SSH bastion %1").arg(bastion);
    case State::Up: return QStringLiteral("connected through the SSH bastion %1").arg(bastion);
    case State::Reconnecting: {
        const qint64 wait = std::max<qint64>(0, nextAttemptMs - nowMs());
        return QStringLiteral("%1; reconnecting %2")
            .arg(failure.message, wait > 0 ? QStringLiteral("in %1").arg(seconds(wait)) : QStringLiteral("now"));
    }
    case State::Failed: return failure.message;
    case State::Stopped: return QStringLiteral("the SSH tunnel through %1 is closed").arg(bastion);
    }
    return {};
}

std::shared_ptr<Tunnel> Tunnel::start(const SshOptions &options, const QStringList &endpoints, int dialTimeoutMs)
{
    initLibssh();
    std::shared_ptr<Tunnel> tunnel(new Tunnel(options, endpoints, dialTimeoutMs));
    if (tunnel->m_setupError.isEmpty())
        tunnel->m_thread = std::thread([t = tunnel.get()] { t->run(); });
    return tunnel;
}

Tunnel::Tunnel(const SshOptions &options, const QStringList &endpoints, int dialTimeoutMs)
    : m_options(options), m_dialTimeoutMs(std::max(500, dialTimeoutMs))
{
    m_status.bastion = options.destination.trimmed();
    m_status.sinceMs = nowMs();
    m_wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    for (const QString &e : endpoints) {
        Target t;
        t.address = e;
        const qsizetype colon = e.lastIndexOf(QLatin1Char(':'));
        QString host = e.left(colon);
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);
        t.host = host.toUtf8();
        t.port = e.mid(colon + 1).toInt();
        QString error;
        t.listenFd = listenOnLoopback(&t.localPort, &error);
        if (t.listenFd < 0 && m_setupError.isEmpty())
            m_setupError = QStringLiteral("could not listen on a loopback port for the SSH tunnel: %1").arg(error);
        m_endpoints.push_back(t);
    }
    if (m_wakeFd < 0 && m_setupError.isEmpty())
        m_setupError = QStringLiteral("could not create the SSH tunnel's wake-up event: %1")
                           .arg(QString::fromLocal8Bit(std::strerror(errno)));
}

Tunnel::~Tunnel()
{
    stop();
    for (Target &t : m_endpoints)
        if (t.listenFd >= 0)
            ::close(t.listenFd);
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
}

int Tunnel::localPort(int index) const
{
    return index >= 0 && index < endpointCount() ? m_endpoints[static_cast<size_t>(index)].localPort : 0;
}

QString Tunnel::localAddress(int index) const
{
    return QStringLiteral("127.0.0.1:%1").arg(localPort(index));
}

TunnelStatus Tunnel::status() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_status;
}

QString Tunnel::endpointProblem(int index) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return index >= 0 && index < endpointCount() ? m_endpoints[static_cast<size_t>(index)].problem : QString();
}

void Tunnel::setEndpointProblem(int index, const QString &problem)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_endpoints.at(static_cast<size_t>(index)).problem = problem;
}

int Tunnel::addListener(std::function<void(const TunnelStatus &)> listener)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_listeners.emplace_back(m_nextListenerId, std::move(listener));
    return m_nextListenerId++;
}

void Tunnel::removeListener(int id)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_listeners.erase(
        std::remove_if(m_listeners.begin(), m_listeners.end(), [id](const auto &l) { return l.first == id; }),
        m_listeners.end());
}

void Tunnel::retryNow()
{
    m_retry.store(true);
    wake();
}

void Tunnel::wake()
{
    if (m_wakeFd < 0)
        return;
    const quint64 one = 1;
    [[maybe_unused]] const auto n = ::write(m_wakeFd, &one, sizeof one);
}

void Tunnel::stop()
{
    m_stop.store(true);
    wake();
    if (m_thread.joinable()) {
        if (m_thread.get_id() == std::this_thread::get_id())
            m_thread.detach();
        else
            m_thread.join();
    }
}

void Tunnel::setState(TunnelStatus::State state, const Failure &failure, qint64 nextAttemptMs)
{
    TunnelStatus copy;
    std::vector<std::function<void(const TunnelStatus &)>> listeners;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_status.state != state)
            m_status.sinceMs = nowMs();
        m_status.state = state;
        m_status.failure = failure;
        m_status.nextAttemptMs = nextAttemptMs;
        if (state == TunnelStatus::State::Up)
            m_status.failures = 0;
        else if (failure)
            ++m_status.failures;
        copy = m_status;
        for (const auto &l : m_listeners)
            listeners.push_back(l.second);
    }
    for (const auto &l : listeners)
        l(copy);
}

void Tunnel::waitDown(qint64 untilMs)
{
    std::vector<pollfd> fds;
    for (const Target &t : m_endpoints)
        fds.push_back({t.listenFd, POLLIN, 0});
    fds.push_back({m_wakeFd, POLLIN, 0});
    while (!m_stop.load() && !m_retry.load()) {
        const qint64 left = untilMs - nowMs();
        if (untilMs > 0 && left <= 0)
            return;
        const int timeout = untilMs > 0 ? static_cast<int>(std::min<qint64>(left, 1000)) : 1000;
        if (::poll(fds.data(), fds.size(), timeout) <= 0)
            continue;
        for (size_t i = 0; i + 1 < fds.size(); ++i) {
            if (!(fds[i].revents & POLLIN))
                continue;
            // No session: refuse at once, so gRPC reports the endpoint down instead of waiting.
            for (int fd; (fd = ::accept4(fds[i].fd, nullptr, nullptr, SOCK_CLOEXEC)) >= 0;)
                ::close(fd);
        }
        if (fds.back().revents & POLLIN) {
            quint64 value = 0;
            [[maybe_unused]] const auto n = ::read(m_wakeFd, &value, sizeof value);
        }
    }
}

void Tunnel::run()
{
    constexpr detail::Backoff backoff = detail::kStreamBackoff;
    bool everUp = false;
    int failures = 0;
    setState(TunnelStatus::State::Connecting);
    while (!m_stop.load()) {
        m_retry.store(false);
        Failure failure;
        SessionPtr session = openSession(m_options, m_dialTimeoutMs, m_stop, &m_secrets, &failure);
        if (m_stop.load())
            break;
        if (session) {
            failures = 0;
            everUp = true;
            setState(TunnelStatus::State::Up);
            Pump pump(*this, session.get());
            failure = pump.serve();
            if (m_stop.load())
                break;
        }
        ++failures;
        if (failure.permanent) {
            setState(TunnelStatus::State::Failed, failure);
            waitDown(0); // until retryNow() or stop()
            if (!m_stop.load())
                setState(TunnelStatus::State::Connecting); // the user asked: a fresh start, said so
            failures = 0;
            continue;
        }
        // A drop after a good session retries at once; repeated failures back off (at most 2 s,
        // longer when the dial timeout is: an attempt already waited that long).
        const qint64 pause = everUp && failures == 1 ? 0 : backoff.delayMs(failures);
        const qint64 next = nowMs() + pause;
        setState(TunnelStatus::State::Reconnecting, failure, next);
        waitDown(next);
    }
    setState(TunnelStatus::State::Stopped);
}

} // namespace etcd::ssh
