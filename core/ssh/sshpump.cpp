// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "ssh/sshpump.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace etcd::ssh {

Q_LOGGING_CATEGORY(lcPump, "etcd.ssh.pump", QtWarningMsg)

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

constexpr int kChunk = 64 * 1024;       // one read from a loopback socket
constexpr int kPollMs = 100;            // the loop also wakes this often for deadlines and window updates
constexpr qint64 kQuietProbeMs = 15000; // a silent session sends an SSH_MSG_IGNORE this often

} // namespace

struct Tunnel::Pump::Forward
{
    Pump *pump = nullptr;
    int endpoint = 0;
    int fd = -1;
    ssh_channel channel = nullptr;
    bool open = false;
    bool failed = false;    // the channel could not be opened, or a socket error: close at once
    bool localEof = false;  // gRPC closed its side
    bool remoteEof = false; // etcd (or the bastion) closed the channel
    qint64 openDeadlineMs = 0;
    QByteArray toLocal;    // from etcd, not yet written to gRPC's socket
    QByteArray toChannel;  // from gRPC, waiting for channel window
    short registered = 0;  // poll events this fd is registered with in the ssh_event
    bool readable = false; // gRPC's socket has bytes (or closed): read in the main loop
    ssh_channel_callbacks_struct callbacks{};
};

Tunnel::Pump::Pump(Tunnel &tunnel, ssh_session_struct *session) : m_tunnel(tunnel), m_session(session)
{
    m_lastHeardMs = nowMs();
}

Tunnel::Pump::~Pump()
{
    for (auto &f : m_forwards)
        release(*f);
    m_forwards.clear();
    if (m_event) {
        for (const Target &t : m_tunnel.m_endpoints)
            if (t.listenFd >= 0)
                ssh_event_remove_fd(m_event, t.listenFd);
        ssh_event_remove_fd(m_event, m_tunnel.m_wakeFd);
        ssh_event_remove_session(m_event, m_session);
        ssh_event_free(m_event);
    }
}

Failure Tunnel::Pump::serve()
{
    ssh_set_blocking(m_session, 0);
    m_event = ssh_event_new();
    if (!m_event || ssh_event_add_session(m_event, m_session) != SSH_OK)
        return Failure{Hop::Bastion, QStringLiteral("could not watch the SSH session (out of memory)"), false};
    for (Target &t : m_tunnel.m_endpoints)
        ssh_event_add_fd(m_event, t.listenFd, POLLIN, &Pump::onListener, this);
    ssh_event_add_fd(m_event, m_tunnel.m_wakeFd, POLLIN, &Pump::onWake, this);

    qint64 lastProbe = nowMs();
    while (!m_tunnel.m_stop.load() && !m_lost) {
        const int rc = ssh_event_dopoll(m_event, kPollMs);
        if ((rc == SSH_ERROR && !ssh_is_connected(m_session)) || !ssh_is_connected(m_session)) {
            m_lost = Failure{Hop::Bastion,
                             QStringLiteral("the SSH connection to %1 was lost: %2")
                                 .arg(m_tunnel.m_status.bastion, QString::fromUtf8(ssh_get_error(m_session)).trimmed()),
                             false};
            if (m_lost.message.endsWith(QLatin1String(": ")))
                m_lost.message.chop(2);
            break;
        }
        const qint64 now = nowMs();
        // Work the callbacks only noted: libssh polls every fd of the event from inside its own
        // calls (a channel write waiting for window, a channel open), so acting in a callback
        // would re-enter a write or grow m_forwards under a loop over it.
        for (const int listenFd : std::exchange(m_acceptable, {}))
            accept(listenFd);
        for (size_t i = 0; i < m_forwards.size(); ++i) {
            Forward &f = *m_forwards[i];
            if (!f.open && !f.failed)
                tryOpen(f);
            if (std::exchange(f.readable, false))
                readLocal(f);
            pump(f);
        }
        // Closed connections are released outside the callbacks that found them closed.
        for (auto it = m_forwards.begin(); it != m_forwards.end();) {
            if (finished(**it)) {
                release(**it);
                it = m_forwards.erase(it);
            } else {
                updateInterest(**it);
                ++it;
            }
        }
        if (now - lastProbe > kQuietProbeMs && now - m_lastHeardMs > kQuietProbeMs) {
            ssh_send_ignore(m_session, "");
            lastProbe = now;
        }
    }
    return m_tunnel.m_stop.load() ? Failure{} : m_lost;
}

int Tunnel::Pump::onListener(int fd, int revents, void *userdata)
{
    auto *pump = static_cast<Pump *>(userdata);
    if ((revents & POLLIN) &&
        std::find(pump->m_acceptable.begin(), pump->m_acceptable.end(), fd) == pump->m_acceptable.end())
        pump->m_acceptable.push_back(fd);
    return 0;
}

int Tunnel::Pump::onWake(int fd, int revents, void *userdata)
{
    Q_UNUSED(userdata)
    Q_UNUSED(revents)
    quint64 value = 0;
    [[maybe_unused]] const auto n = ::read(fd, &value, sizeof value);
    return 0;
}

int Tunnel::Pump::onLocal(int fd, int revents, void *userdata)
{
    Q_UNUSED(fd)
    auto *f = static_cast<Forward *>(userdata);
    if (revents & (POLLIN | POLLHUP | POLLERR))
        f->readable = true; // read in the main loop, never inside libssh's own calls
    if (revents & POLLOUT)
        f->pump->flushLocal(*f); // a socket write only: touches neither libssh nor the list
    return 0;
}

void Tunnel::Pump::accept(int listenFd)
{
    for (;;) {
        const int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        auto f = std::make_unique<Forward>();
        f->pump = this;
        f->fd = fd;
        for (size_t i = 0; i < m_tunnel.m_endpoints.size(); ++i)
            if (m_tunnel.m_endpoints[i].listenFd == listenFd)
                f->endpoint = static_cast<int>(i);
        f->channel = ssh_channel_new(m_session);
        f->openDeadlineMs = nowMs() + m_tunnel.m_dialTimeoutMs;
        if (!f->channel) {
            f->failed = true;
        } else {
            // Before the open: etcd speaks first (HTTP/2 settings), possibly in the very packet
            // batch that confirms the channel, and data without a callback would sit unread.
            f->callbacks.userdata = f.get();
            f->callbacks.channel_data_function = &Pump::onChannelData;
            f->callbacks.channel_eof_function = &Pump::onChannelEof;
            f->callbacks.channel_close_function = &Pump::onChannelClose;
            ssh_callbacks_init(&f->callbacks);
            ssh_set_channel_callbacks(f->channel, &f->callbacks);
            tryOpen(*f);
        }
        m_forwards.push_back(std::move(f));
    }
}

void Tunnel::Pump::tryOpen(Forward &f)
{
    const Target &t = m_tunnel.m_endpoints.at(static_cast<size_t>(f.endpoint));
    const int rc = ssh_channel_open_forward(f.channel, t.host.constData(), t.port, "127.0.0.1", t.localPort);
    if (rc == SSH_AGAIN) {
        if (nowMs() < f.openDeadlineMs)
            return;
        f.failed = true;
        const bool silent = nowMs() - m_lastHeardMs > m_tunnel.m_dialTimeoutMs;
        m_tunnel.setEndpointProblem(f.endpoint,
                                    QStringLiteral("the SSH bastion %1 did not open a connection to the etcd "
                                                   "endpoint %2 within %3 ms")
                                        .arg(m_tunnel.m_status.bastion, t.address)
                                        .arg(m_tunnel.m_dialTimeoutMs));
        if (silent)
            m_lost =
                Failure{Hop::Bastion,
                        QStringLiteral("the SSH bastion %1 stopped answering").arg(m_tunnel.m_status.bastion), false};
        return;
    }
    m_lastHeardMs = nowMs();
    if (rc != SSH_OK) {
        f.failed = true;
        QString reason = QString::fromUtf8(ssh_get_error(m_session)).trimmed();
        m_tunnel.setEndpointProblem(
            f.endpoint, QStringLiteral("the etcd endpoint %1 is unreachable from the SSH bastion %2 (%3): check the "
                                       "address as the bastion sees it, and that etcd runs there")
                            .arg(t.address, m_tunnel.m_status.bastion, reason));
        return;
    }
    f.open = true;
    m_tunnel.setEndpointProblem(f.endpoint, {});
}

int Tunnel::Pump::onChannelData(ssh_session_struct *, ssh_channel_struct *, void *data, uint32_t len, int isStderr,
                                void *userdata)
{
    auto *f = static_cast<Forward *>(userdata);
    f->pump->m_lastHeardMs = nowMs();
    if (!isStderr)
        f->toLocal.append(static_cast<const char *>(data), static_cast<qsizetype>(len));
    f->pump->flushLocal(*f);
    return static_cast<int>(len);
}

void Tunnel::Pump::onChannelEof(ssh_session_struct *, ssh_channel_struct *, void *userdata)
{
    qCDebug(lcPump) << "channel eof";
    static_cast<Forward *>(userdata)->remoteEof = true;
}

void Tunnel::Pump::onChannelClose(ssh_session_struct *, ssh_channel_struct *, void *userdata)
{
    qCDebug(lcPump) << "channel closed";
    static_cast<Forward *>(userdata)->remoteEof = true;
}

void Tunnel::Pump::readLocal(Forward &f)
{
    if (f.localEof || f.failed)
        return;
    char buffer[kChunk];
    const ssize_t n = ::read(f.fd, buffer, sizeof buffer);
    if (n > 0) {
        f.toChannel.append(buffer, n);
        flushChannel(f);
    } else if (n == 0) {
        qCDebug(lcPump) << "local eof";
        f.localEof = true;
    } else if (errno != EAGAIN && errno != EINTR) {
        qCDebug(lcPump) << "local read failed:" << std::strerror(errno);
        f.failed = true;
    }
}

void Tunnel::Pump::pump(Forward &f)
{
    flushLocal(f);
    flushChannel(f);
}

void Tunnel::Pump::flushLocal(Forward &f)
{
    while (!f.toLocal.isEmpty() && !f.failed) {
        const ssize_t n = ::send(f.fd, f.toLocal.constData(), static_cast<size_t>(f.toLocal.size()), MSG_NOSIGNAL);
        if (n > 0) {
            f.toLocal.remove(0, n);
        } else {
            if (n < 0 && errno != EAGAIN && errno != EINTR) {
                qCDebug(lcPump) << "local send failed:" << std::strerror(errno);
                f.failed = true; // gRPC closed the socket: drop what etcd still had for it
            }
            break;
        }
    }
}

void Tunnel::Pump::flushChannel(Forward &f)
{
    // ssh_channel_write may read packets while it waits, and so run the data callbacks: they only
    // append and flush toward gRPC, never write here, so toChannel cannot change underneath.
    if (!f.open || f.toChannel.isEmpty() || f.remoteEof || f.failed)
        return;
    const uint32_t window = ssh_channel_window_size(f.channel);
    const uint32_t size = std::min<uint32_t>(window, static_cast<uint32_t>(f.toChannel.size()));
    if (size == 0)
        return;
    const int written = ssh_channel_write(f.channel, f.toChannel.constData(), size);
    if (written > 0) {
        f.toChannel.remove(0, written);
    } else if (written < 0) {
        qCDebug(lcPump) << "channel write failed:" << ssh_get_error(m_session);
        f.failed = true;
    }
}

bool Tunnel::Pump::finished(const Forward &f) const
{
    if (f.failed)
        return true;
    if (f.remoteEof && f.toLocal.isEmpty())
        return true;
    return f.localEof && f.toChannel.isEmpty();
}

void Tunnel::Pump::updateInterest(Forward &f)
{
    short wanted = 0;
    // Read from gRPC only as fast as the channel takes it: the rest waits in the socket.
    if (f.open && !f.localEof && f.toChannel.size() < kChunk && ssh_channel_window_size(f.channel) > 0)
        wanted |= POLLIN;
    if (!f.toLocal.isEmpty())
        wanted |= POLLOUT;
    if (wanted == f.registered)
        return;
    if (f.registered)
        ssh_event_remove_fd(m_event, f.fd);
    if (wanted)
        ssh_event_add_fd(m_event, f.fd, wanted, &Pump::onLocal, &f);
    f.registered = wanted;
}

void Tunnel::Pump::release(Forward &f)
{
    if (f.registered && m_event)
        ssh_event_remove_fd(m_event, f.fd);
    f.registered = 0;
    if (f.fd >= 0) {
        ::shutdown(f.fd, SHUT_RDWR);
        ::close(f.fd);
        f.fd = -1;
    }
    if (f.channel) {
        if (f.open && ssh_is_connected(m_session))
            ssh_channel_close(f.channel);
        ssh_channel_free(f.channel);
        f.channel = nullptr;
    }
}

} // namespace etcd::ssh
