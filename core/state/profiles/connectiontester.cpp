// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/profiles/connectiontester.h"

#include "client/continuation.h"
#include "client/etcdclient.h"

namespace etcd {

namespace {
bool usesTls(const ConnectionOptions &o)
{
    if (o.tls.enabled || !o.tls.caFile.isEmpty() || !o.tls.certFile.isEmpty() || !o.tls.keyFile.isEmpty() ||
        o.tls.insecureSkipVerify)
        return true;
    for (const QString &e : o.endpoints) {
        bool https = false;
        ConnectionOptions::normalizeEndpoint(e, &https);
        if (https)
            return true;
    }
    return false;
}

QString hexId(quint64 id)
{
    return QString::number(id, 16);
}
} // namespace

QString ConnectionTestReport::summary() const
{
    QStringList lines;
    if (!reached) {
        lines << (failedHop.isEmpty() ? QStringLiteral("Connection failed: %1").arg(error.toString())
                                      : QStringLiteral("Connection failed at the %1: %2")
                                            .arg(failedHop, tunnelUp ? error.toString() : tunnel));
        if (!hint.isEmpty())
            lines << hint;
        lines += warnings;
        return lines.join(QLatin1Char('\n'));
    }
    lines
        << QStringLiteral("Connected: etcd %1").arg(version.isEmpty() ? QStringLiteral("(version unknown)") : version);
    if (!tunnel.isEmpty())
        lines << tunnel;
    if (leaderId == 0)
        lines << QStringLiteral("Leader: none (the cluster has no leader right now)");
    else
        lines << QStringLiteral("Leader: %1 (id %2)%3")
                     .arg(leaderName.isEmpty() ? QStringLiteral("unnamed member") : leaderName, hexId(leaderId),
                          leaderEndpoint.isEmpty() ? QString() : QStringLiteral(" at %1").arg(leaderEndpoint));
    if (memberCount >= 0)
        lines << (learnerCount > 0 ? QStringLiteral("Members: %1 (%2 learners)").arg(memberCount).arg(learnerCount)
                                   : QStringLiteral("Members: %1").arg(memberCount));
    lines << QStringLiteral("Authentication: %1")
                 .arg(auth == Auth::On    ? QStringLiteral("on")
                      : auth == Auth::Off ? QStringLiteral("off")
                                          : QStringLiteral("unknown"));
    if (latencyMs >= 0)
        lines << QStringLiteral("Round trip (status call): %1 ms to %2").arg(latencyMs, 0, 'f', 1).arg(latencyEndpoint);
    lines += warnings;
    return lines.join(QLatin1Char('\n'));
}

ConnectionTester::ConnectionTester(const ConnectionOptions &options, QObject *parent)
    : QObject(parent), m_options(options)
{
    qRegisterMetaType<ConnectionTestReport>();
}

ConnectionTester::~ConnectionTester() = default; // the clients are children: bounded shutdown

void ConnectionTester::start()
{
    if (m_running || m_cancelled)
        return;
    m_running = true;
    m_timer.start();
    // Finished later, never inside start(): the caller sets up its "running" state after this.
    const QString problem = m_options.validate();
    if (!problem.isEmpty()) {
        m_report.error = EtcdError::invalidArgument(problem);
        QMetaObject::invokeMethod(this, &ConnectionTester::finish, Qt::QueuedConnection);
        return;
    }
    m_client = new EtcdClient(m_options, this);
    if (m_client->configError()) { // an unreadable TLS file, a malformed key
        m_report.error = m_client->configError();
        QMetaObject::invokeMethod(this, &ConnectionTester::finish, Qt::QueuedConnection);
        return;
    }
    m_pending = 1;
    whenFinished(m_client->maintenance().statusAll(m_options.callTimeoutMs), this,
                 [this](const QVector<EndpointStatus> &all) {
                     if (!settle())
                         onStatuses(all);
                 });
}

void ConnectionTester::cancel()
{
    const bool wasRunning = m_running;
    m_running = false;
    m_cancelled = true;
    if (!wasRunning || m_pending == 0)
        deleteLater();
}

bool ConnectionTester::settle()
{
    --m_pending;
    if (!m_cancelled)
        return false;
    if (m_pending == 0)
        deleteLater(); // the calls are over: the clients go without waiting for anything
    return true;
}

void ConnectionTester::onStatuses(const QVector<EndpointStatus> &statuses)
{
    m_report.endpoints = statuses;
    const EndpointStatus *best = nullptr;
    for (const EndpointStatus &s : statuses) {
        if (!s.ok()) {
            m_report.warnings << QStringLiteral("Not answering: %1").arg(s.error.toString());
            continue;
        }
        m_report.reached = true;
        if (!best || (s.isLeader() && !best->isLeader()))
            best = &s;
        if (m_report.leaderId == 0)
            m_report.leaderId = s.leaderId;
    }
    if (!best) {
        m_report.warnings.clear(); // the error below says it; more lines would only repeat it
        if (statuses.isEmpty()) {
            m_report.error = EtcdError::invalidArgument(QStringLiteral("no endpoint to test"));
            finish();
            return;
        }
        m_report.error = statuses.first().error;
        for (int i = 1; i < statuses.size(); ++i)
            m_report.warnings << QStringLiteral("Not answering either: %1").arg(statuses.at(i).error.toString());
        diagnose(statuses.first());
        return;
    }
    if (best->leaderId != 0)
        m_report.leaderId = best->leaderId;
    m_report.version = best->version;
    for (const EndpointStatus &s : statuses)
        if (s.ok() && s.memberId == m_report.leaderId && m_report.leaderId != 0)
            m_report.leaderEndpoint = s.endpoint;
    if (m_report.leaderId == 0)
        m_report.warnings << QStringLiteral("No leader: the members that answered do not know one (quorum lost?).");

    // The first status included connecting (and the TLS handshake): time a second one.
    const QString endpoint = best->endpoint;
    m_pending = 3;
    whenFinished(m_client->maintenance().status(endpoint, m_options.callTimeoutMs), this,
                 [this, endpoint](const EtcdResult<EndpointStatus> &r) {
                     if (settle())
                         return;
                     if (r.ok()) {
                         m_report.latencyMs = double(r->latencyUs) / 1000.0;
                         m_report.latencyEndpoint = endpoint;
                     } else {
                         m_report.warnings << QStringLiteral("Second status call failed: %1").arg(r.error().toString());
                     }
                     callDone();
                 });
    whenFinished(m_client->cluster().memberList(), this, [this](const EtcdResult<MemberList> &r) {
        if (settle())
            return;
        if (r.ok()) {
            m_report.memberCount = int(r->members.size());
            for (const Member &m : r->members) {
                m_report.learnerCount += m.isLearner ? 1 : 0;
                if (m.id == m_report.leaderId)
                    m_report.leaderName = m.name;
            }
        } else {
            m_report.warnings << QStringLiteral("Member list not readable: %1").arg(r.error().toString());
        }
        callDone();
    });
    whenFinished(m_client->auth().status(), this, [this](const EtcdResult<AuthStatus> &r) {
        if (settle())
            return;
        if (r.ok())
            m_report.auth = r->enabled ? ConnectionTestReport::Auth::On : ConnectionTestReport::Auth::Off;
        else
            m_report.warnings << QStringLiteral("Authentication state unknown: %1").arg(r.error().toString());
        callDone();
    });
}

void ConnectionTester::diagnose(const EndpointStatus &failed)
{
    const EtcdError &e = failed.error;
    const QString endpoint = ConnectionOptions::normalizeEndpoint(failed.endpoint);
    const bool transport = e.isUnavailable() && e.origin() == EtcdError::Origin::Transport;
    // A refused connection or a TLS/plain-text mismatch fails at once; silence (a wrong host, a
    // firewall dropping packets) takes the dial timeout, and a second try would only double it.
    const bool quick = m_timer.elapsed() < m_options.dialTimeoutMs;
    // Through a bastion the error already names the hop; a second client would open a second
    // SSH session (and ask for its secrets again) to learn less.
    if (m_options.ssh.isEnabled()) {
        finish();
        return;
    }
    if (!transport || endpoint.isEmpty()) {
        if (e.isDeadlineExceeded() || (e.isUnavailable() && !e.isTlsFailure()))
            m_report.hint = QStringLiteral("Nothing answered at %1 in time: check that etcd runs there, that the host "
                                           "and port are right, and that no firewall is in the way.")
                                .arg(failed.endpoint);
        finish();
        return;
    }
    if (!quick) {
        m_report.hint = QStringLiteral("Nothing answered at %1 within %2 s: check that etcd runs there, that the host "
                                       "and port are right, and that no firewall is in the way.")
                            .arg(endpoint)
                            .arg(double(m_options.dialTimeoutMs) / 1000.0);
        finish();
        return;
    }
    // Try the same endpoint once with TLS the other way round.
    const bool tls = usesTls(m_options);
    ConnectionOptions probe;
    probe.endpoints = {endpoint};
    probe.readOnly = true; // a status call; no sign-in either, it needs none
    probe.dialTimeoutMs = m_options.dialTimeoutMs;
    probe.callTimeoutMs = m_options.dialTimeoutMs + 1000;
    if (!tls) {
        probe.tls.enabled = true;
        probe.tls.insecureSkipVerify = true; // any certificate proves the port speaks TLS
    }
    m_probe = new EtcdClient(probe, this);
    ++m_pending;
    whenFinished(
        m_probe->maintenance().status(endpoint), this, [this, tls, endpoint](const EtcdResult<EndpointStatus> &r) {
            if (settle())
                return;
            if (tls && r.ok()) {
                m_report.hint = QStringLiteral("%1 answers in plain text, without TLS: switch TLS off for this profile "
                                               "(no https://, no TLS files, no skip-verify).")
                                    .arg(endpoint);
            } else if (!tls && (r.ok() || r.error().isTlsFailure())) {
                m_report.hint = QStringLiteral("%1 expects TLS: switch TLS on for this profile (or write https://) and "
                                               "choose the cluster's CA file.")
                                    .arg(endpoint);
            } else if (m_report.error.isTlsFailure()) {
                // The error names the TLS problem (untrusted certificate, wrong host name) already.
            } else if (tls) {
                m_report.hint = QStringLiteral("The TLS connection to %1 failed, and it does not answer in plain text "
                                               "either. If the cluster requires client certificates, choose the client "
                                               "certificate and key; otherwise check that etcd runs there and that the "
                                               "host and port are right.")
                                    .arg(endpoint);
            } else {
                m_report.hint =
                    QStringLiteral("Nothing answers at %1 (tried with and without TLS): check that etcd runs "
                                   "there and that the host and port are right.")
                        .arg(endpoint);
            }
            finish();
        });
}

void ConnectionTester::callDone()
{
    if (m_pending == 0)
        finish();
}

void ConnectionTester::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_report.elapsedMs = m_timer.elapsed();
    if (m_client && m_client->usesTunnel()) {
        // Which hop of the way failed: the bastion, its host key, signing in, or etcd behind it.
        const ssh::TunnelStatus tunnel = m_client->tunnelStatus();
        m_report.tunnelUp = tunnel.isUp();
        m_report.failedHop = tunnel.isUp() ? (m_report.reached ? QString() : ssh::hopName(ssh::Hop::Endpoint))
                                           : ssh::hopName(tunnel.failure.hop);
        m_report.tunnel = tunnel.isUp() ? QStringLiteral("SSH: through the bastion %1").arg(tunnel.bastion)
                                        : tunnel.describe();
    }
    Q_EMIT finished(m_report);
}

} // namespace etcd
