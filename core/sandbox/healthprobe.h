// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

QT_BEGIN_NAMESPACE
class QObject;
class QThreadPool;
QT_END_NAMESPACE

namespace etcd {

struct HealthProbeResult
{
    bool healthy = false;
    int httpStatus = 0; // 0: no HTTP answer (refused, timed out, malformed)
    QByteArray body;
    QString error; // why it is not healthy, for messages
};

// Blocking HTTP/1.0 GET of http://127.0.0.1:<port>/health with a hard deadline for the whole
// exchange. LocalCluster points it at a member's plain-http metrics listener, never at the client
// port, which may speak only TLS. Plain POSIX sockets on purpose: core/ may not use QtNetwork, and
// the probe runs on a worker thread where a blocking call with a deadline is the simplest correct
// thing.
// etcd 3.4 answers {"health":"true"} once the member has a leader and a quorum read succeeds; it
// accepts connections but answers nothing until the member has joined, hence the deadline.
HealthProbeResult probeHealth(quint16 port, int timeoutMs);

// Probes on `pool` (never on the calling thread) until healthy or timeoutMs, spinning a local
// event loop meanwhile (see spinEventLoopUntil; false at once if `guard` dies). Stops early when
// keepTrying() says there is no point (the process is gone). lastError: the last probe's answer.
bool waitUntilHealthy(QThreadPool *pool, const QObject *guard, quint16 port, int timeoutMs,
                      const std::function<bool()> &keepTrying, QString *lastError);

} // namespace etcd
