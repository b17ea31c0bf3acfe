// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/healthprobe.h"
#include "client/fdtools.h"

#include "sandbox/eventloopwait.h"
#include "sandbox/processtools.h"

#include <QByteArrayList>
#include <QDeadlineTimer>
#include <QFuture>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace etcd {
namespace {

using Fd = UniqueFd;

QString lastError()
{
    return processtools::errorText(errno);
}

} // namespace

HealthProbeResult probeHealth(quint16 port, int timeoutMs)
{
    HealthProbeResult result;
    const QDeadlineTimer deadline(timeoutMs);
    Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (fd.get() < 0) {
        result.error = QStringLiteral("socket: %1").arg(lastError());
        return result;
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    // sockaddr_in -> sockaddr is the POSIX idiom; there is no cast-free way.
    if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)) != 0) {
        if (errno != EINPROGRESS) {
            result.error = QStringLiteral("connect: %1").arg(lastError());
            return result;
        }
        if (!waitForFd(fd.get(), POLLOUT, deadline)) {
            result.error = QStringLiteral("connect timed out");
            return result;
        }
        int soError = 0;
        socklen_t len = sizeof(soError);
        ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &soError, &len);
        if (soError != 0) {
            result.error = QStringLiteral("connect: %1").arg(processtools::errorText(soError));
            return result;
        }
    }

    const QByteArray request =
        "GET /health HTTP/1.0\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\nAccept: application/json\r\n\r\n";
    qsizetype sent = 0;
    while (sent < request.size()) {
        const ssize_t n =
            ::send(fd.get(), request.constData() + sent, static_cast<size_t>(request.size() - sent), MSG_NOSIGNAL);
        if (n > 0) {
            sent += n;
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            if (!waitForFd(fd.get(), POLLOUT, deadline)) {
                result.error = QStringLiteral("send timed out");
                return result;
            }
        } else {
            result.error = QStringLiteral("send: %1").arg(lastError());
            return result;
        }
    }

    // HTTP/1.0: the server closes the connection after the response, so read until EOF.
    QByteArray response;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::recv(fd.get(), buf, sizeof(buf), 0);
        if (n > 0) {
            response.append(buf, n);
            if (response.size() > qsizetype(64) * 1024)
                break; // a health answer is tiny; do not let a confused server feed us forever
        } else if (n == 0) {
            break;
        } else if (errno == EAGAIN || errno == EINTR) {
            if (!waitForFd(fd.get(), POLLIN, deadline)) {
                result.error = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
                return result;
            }
        } else {
            result.error = QStringLiteral("recv: %1").arg(lastError());
            return result;
        }
    }

    // Status line: "HTTP/1.x NNN reason".
    const qsizetype lineEnd = response.indexOf("\r\n");
    const QList<QByteArray> statusLine = response.left(lineEnd).split(' ');
    if (lineEnd < 0 || statusLine.size() < 2 || !statusLine.at(0).startsWith("HTTP/")) {
        result.error = QStringLiteral("malformed HTTP response");
        return result;
    }
    result.httpStatus = statusLine.at(1).toInt();
    const qsizetype bodyStart = response.indexOf("\r\n\r\n");
    result.body = bodyStart < 0 ? QByteArray() : response.mid(bodyStart + 4).trimmed();
    QByteArray compact = result.body;
    compact.replace(' ', "");
    result.healthy = result.httpStatus == 200 && compact.contains(R"("health":"true")");
    if (!result.healthy)
        result.error = QStringLiteral("HTTP %1 %2").arg(result.httpStatus).arg(QString::fromUtf8(result.body));
    return result;
}

bool waitUntilHealthy(QThreadPool *pool, const QObject *guard, quint16 port, int timeoutMs,
                      const std::function<bool()> &keepTrying, QString *lastError)
{
    constexpr int probeTimeoutMs = 1000;
    constexpr int pauseMs = 100;
    const QPointer<const QObject> alive(guard);
    const QDeadlineTimer deadline(std::max(0, timeoutMs));
    for (;;) {
        const int budget = static_cast<int>(std::clamp<qint64>(deadline.remainingTime(), 1, probeTimeoutMs));
        const QFuture<HealthProbeResult> probe = QtConcurrent::run(pool, &probeHealth, port, budget);
        spinEventLoopUntil(
            guard, [&probe] { return probe.isFinished(); }, budget + 1000);
        if (!alive)
            return false;
        if (probe.isFinished()) {
            const HealthProbeResult result = probe.result();
            if (result.healthy)
                return true;
            if (lastError)
                *lastError = result.error;
        }
        if (deadline.hasExpired() || !keepTrying())
            return false;
        spinEventLoopUntil(
            guard, [] { return false; }, static_cast<int>(std::min<qint64>(pauseMs, deadline.remainingTime())));
        if (!alive)
            return false;
    }
}

} // namespace etcd
