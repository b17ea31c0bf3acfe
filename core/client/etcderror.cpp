// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/etcderror.h"

#include <grpcpp/support/status.h>

namespace etcd {

namespace {

bool messageHas(const QString &message, const char *needle)
{
    return message.contains(QLatin1String(needle));
}

// gRPC reports a failed TLS handshake as UNAVAILABLE, like an unreachable member; but etcd *was*
// reached, and the fix is in the TLS settings, so say that. Texts as gRPC 1.51 words them with
// OpenSSL 3 (Debian's build); builds with BoringSSL say CERTIFICATE_VERIFY_FAILED instead.
// A refused client certificate, or TLS against a plain port and the reverse, arrive only as
// "Endpoint read failed" / "Socket closed", which an unreachable member says too.
QString tlsProblem(const QString &message)
{
    if (messageHas(message, "certificate verify failed") || messageHas(message, "CERTIFICATE_VERIFY_FAILED"))
        return QStringLiteral("etcd's TLS certificate is not trusted: it is not signed by the CA given "
                              "(without a CA file: by one the system trusts)");
    if (messageHas(message, "is not in peer certificate"))
        return QStringLiteral("etcd's TLS certificate is not valid for the host name of the endpoint");
    if (messageHas(message, "Ssl handshake failed"))
        return QStringLiteral("the TLS handshake with etcd failed");
    return {};
}

} // namespace

EtcdError::EtcdError(ErrorCode code, QString message, QString endpoint, Origin origin)
    : m_code(code), m_message(std::move(message)), m_endpoint(std::move(endpoint)), m_origin(origin)
{
    if (m_code == ErrorCode::Ok)
        m_origin = Origin::None;
}

EtcdError EtcdError::fromStatus(const grpc::Status &status, const QString &endpoint)
{
    if (status.ok())
        return {};
    auto code = static_cast<ErrorCode>(status.error_code());
    QString message = QString::fromStdString(status.error_message());
    // etcd 3.4's maintenance service (snapshot, hash, defragment, alarms, move leader) checks the
    // root role itself and returns its auth package's raw error, which gRPC reports as UNKNOWN.
    // Every other service translates those first; translate them the same way here, so that the
    // sign-in-and-retry of every call and the is*() checks work for maintenance calls too.
    if (code == ErrorCode::Unknown) {
        static const struct
        {
            const char *raw;
            ErrorCode code;
            const char *message;
        } translations[] = {
            {"auth: permission denied", ErrorCode::PermissionDenied, "etcdserver: permission denied"},
            {"auth: invalid auth token", ErrorCode::Unauthenticated, "etcdserver: invalid auth token"},
            {"auth: user name is empty", ErrorCode::InvalidArgument, "etcdserver: user name is empty"},
            {"auth: revision in header is old", ErrorCode::InvalidArgument,
             "etcdserver: revision of auth store is old"},
        };
        for (const auto &t : translations) {
            if (message == QLatin1String(t.raw)) {
                code = t.code;
                message = QString::fromLatin1(t.message);
                break;
            }
        }
    }
    // etcd prefixes everything it decides with "etcdserver:"; anything else came from gRPC itself.
    const bool fromEtcd = message.startsWith(QLatin1String("etcdserver:"));
    return EtcdError(code, message, endpoint, fromEtcd ? Origin::Server : Origin::Transport);
}

EtcdError EtcdError::explained(const QString &explanation) const
{
    EtcdError e = *this;
    e.m_explanation = explanation;
    return e;
}

EtcdError EtcdError::readOnlyRefusal(const QString &operation)
{
    return EtcdError(
        ErrorCode::PermissionDenied,
        QStringLiteral("%1 refused: this connection is read-only (nothing was sent to etcd)").arg(operation), {},
        Origin::Client);
}

EtcdError EtcdError::shutdown()
{
    return EtcdError(ErrorCode::Cancelled, QStringLiteral("the etcd client is shutting down"), {}, Origin::Client);
}

EtcdError EtcdError::invalidArgument(const QString &message)
{
    return EtcdError(ErrorCode::InvalidArgument, message, {}, Origin::Client);
}

EtcdError EtcdError::client(ErrorCode code, const QString &message, const QString &endpoint)
{
    return EtcdError(code, message, endpoint, Origin::Client);
}

bool EtcdError::isCompacted() const
{
    return m_code == ErrorCode::OutOfRange && messageHas(m_message, "required revision has been compacted");
}

bool EtcdError::isFutureRevision() const
{
    return m_code == ErrorCode::OutOfRange && messageHas(m_message, "required revision is a future revision");
}

bool EtcdError::isInvalidAuthToken() const
{
    return messageHas(m_message, "etcdserver: invalid auth token");
}

bool EtcdError::isAuthRevisionOld() const
{
    return messageHas(m_message, "etcdserver: revision of auth store is old");
}

bool EtcdError::isAuthFailed() const
{
    return messageHas(m_message, "authentication failed, invalid user ID or password");
}

bool EtcdError::isAuthNotEnabled() const
{
    return messageHas(m_message, "etcdserver: authentication is not enabled");
}

bool EtcdError::isUserNameEmpty() const
{
    return messageHas(m_message, "etcdserver: user name is empty");
}

bool EtcdError::isPermissionDenied() const
{
    return m_code == ErrorCode::PermissionDenied && m_origin != Origin::Client;
}

bool EtcdError::isNoLeader() const
{
    return messageHas(m_message, "etcdserver: no leader");
}

bool EtcdError::isLeaseNotFound() const
{
    return messageHas(m_message, "requested lease not found");
}

bool EtcdError::isUserNotFound() const
{
    return messageHas(m_message, "etcdserver: user name not found");
}

bool EtcdError::isRoleNotFound() const
{
    return messageHas(m_message, "etcdserver: role name not found");
}

bool EtcdError::isTooManyTxnOps() const
{
    return messageHas(m_message, "too many operations in txn request");
}

bool EtcdError::isRequestTooLarge() const
{
    return messageHas(m_message, "request is too large") ||
           (m_code == ErrorCode::ResourceExhausted && messageHas(m_message, "larger than max"));
}

EtcdError EtcdError::fromWatchCancel(const QString &reason, const QString &endpoint)
{
    ErrorCode code = ErrorCode::Cancelled;
    if (messageHas(reason, "permission denied"))
        code = ErrorCode::PermissionDenied;
    else if (messageHas(reason, "auth token") || messageHas(reason, "user name is empty"))
        code = ErrorCode::Unauthenticated;
    else if (messageHas(reason, "future revision"))
        code = ErrorCode::OutOfRange;
    return EtcdError(code, reason.isEmpty() ? QStringLiteral("watch cancelled by etcd") : reason, endpoint);
}

bool EtcdError::isReadOnlyRefusal() const
{
    return m_origin == Origin::Client && m_code == ErrorCode::PermissionDenied;
}

bool EtcdError::isShutdown() const
{
    return m_origin == Origin::Client && m_code == ErrorCode::Cancelled;
}

bool EtcdError::isTlsFailure() const
{
    return m_origin == Origin::Transport && (!tlsProblem(m_message).isEmpty() || !m_explanation.isEmpty());
}

bool EtcdError::isOutcomeUnknown() const
{
    return messageHas(m_message, "etcdserver: request timed out");
}

bool EtcdError::isNeverSent() const
{
    return m_origin == Origin::Transport &&
           (messageHas(m_message, "failed to connect to all addresses") || messageHas(m_message, "could not connect within"));
}

bool EtcdError::mayHaveBeenApplied() const
{
    if (isRequestTooLarge())
        return false; // refused for its size before anything was applied
    if (isOutcomeUnknown() || isDeadlineExceeded())
        return true;
    return m_origin == Origin::Transport && !isNeverSent();
}

EtcdError EtcdError::dialTimeout(int dialTimeoutMs, const QString &endpoint)
{
    return EtcdError(ErrorCode::Unavailable, QStringLiteral("could not connect within %1 ms").arg(dialTimeoutMs),
                     endpoint, Origin::Transport);
}

QString EtcdError::plainReason() const
{
    if (isOk())
        return QStringLiteral("answering");
    if (!m_explanation.isEmpty())
        return m_explanation;
    if (messageHas(m_message, "Connection refused") || messageHas(m_message, "connection refused"))
        return QStringLiteral("connection refused");
    if (messageHas(m_message, "could not connect within"))
        return m_message;
    if (isNoLeader())
        return QStringLiteral("it has no leader (no quorum?)");
    if (m_code == ErrorCode::DeadlineExceeded || messageHas(m_message, "Deadline Exceeded"))
        return QStringLiteral("no answer before the deadline (paused, overloaded or cut off)");
    if (messageHas(m_message, "Connection reset") || messageHas(m_message, "Socket closed") ||
        messageHas(m_message, "Broken pipe"))
        return QStringLiteral("the connection was closed");
    if (messageHas(m_message, "No route to host") || messageHas(m_message, "Network is unreachable"))
        return QStringLiteral("no route to the host");
    if (messageHas(m_message, "DNS resolution failed") || messageHas(m_message, "Name or service not known"))
        return QStringLiteral("the host name does not resolve");
    if (isTlsFailure())
        return tlsProblem(m_message).isEmpty() ? QStringLiteral("the TLS handshake failed") : tlsProblem(m_message);
    if (messageHas(m_message, "failed to connect to all addresses"))
        return QStringLiteral("cannot connect");
    if (isShutdown())
        return QStringLiteral("the client is shutting down");
    return toString().section(QStringLiteral(" ["), 0, 0);
}

QString EtcdError::codeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Ok: return QStringLiteral("OK");
    case ErrorCode::Cancelled: return QStringLiteral("CANCELLED");
    case ErrorCode::Unknown: return QStringLiteral("UNKNOWN");
    case ErrorCode::InvalidArgument: return QStringLiteral("INVALID_ARGUMENT");
    case ErrorCode::DeadlineExceeded: return QStringLiteral("DEADLINE_EXCEEDED");
    case ErrorCode::NotFound: return QStringLiteral("NOT_FOUND");
    case ErrorCode::AlreadyExists: return QStringLiteral("ALREADY_EXISTS");
    case ErrorCode::PermissionDenied: return QStringLiteral("PERMISSION_DENIED");
    case ErrorCode::ResourceExhausted: return QStringLiteral("RESOURCE_EXHAUSTED");
    case ErrorCode::FailedPrecondition: return QStringLiteral("FAILED_PRECONDITION");
    case ErrorCode::Aborted: return QStringLiteral("ABORTED");
    case ErrorCode::OutOfRange: return QStringLiteral("OUT_OF_RANGE");
    case ErrorCode::Unimplemented: return QStringLiteral("UNIMPLEMENTED");
    case ErrorCode::Internal: return QStringLiteral("INTERNAL");
    case ErrorCode::Unavailable: return QStringLiteral("UNAVAILABLE");
    case ErrorCode::DataLoss: return QStringLiteral("DATA_LOSS");
    case ErrorCode::Unauthenticated: return QStringLiteral("UNAUTHENTICATED");
    }
    return QStringLiteral("CODE_%1").arg(static_cast<int>(code));
}

QString EtcdError::toString() const
{
    if (isOk())
        return QStringLiteral("OK");
    QString what;
    if (!m_explanation.isEmpty() && m_origin == Origin::Transport)
        what = QStringLiteral("%1 (%2)").arg(m_explanation, m_message); // gRPC's words as the detail
    else if (!m_explanation.isEmpty())
        what = m_explanation;
    else if (isCompacted())
        what = QStringLiteral("that revision has been compacted away; reload to see the current data");
    else if (isInvalidAuthToken())
        what = QStringLiteral("the authentication token was rejected; signing in again");
    else if (isAuthFailed())
        what = QStringLiteral("wrong user name or password");
    else if (isPermissionDenied())
        what = QStringLiteral("permission denied by etcd (the user's roles do not allow this)");
    else if (isAuthNotEnabled())
        what = QStringLiteral("authentication is not enabled on this cluster: no user name or password is needed");
    else if (isUserNameEmpty())
        what = QStringLiteral("etcd requires signing in (authentication is on): connect with a user name and password");
    else if (messageHas(m_message, "etcdserver: root user does not exist"))
        what = QStringLiteral("authentication cannot be enabled: there is no user named root "
                              "(add it and grant it the root role first)");
    else if (messageHas(m_message, "etcdserver: root user does not have root role"))
        what = QStringLiteral("authentication cannot be enabled: the user root does not have the root role");
    else if (messageHas(m_message, "etcdserver: invalid auth management"))
        what = QStringLiteral("etcd refuses this while authentication is on: the user root must keep the root role");
    else if (isRequestTooLarge())
        what = QStringLiteral("too large for one etcd request: etcd refuses requests over its --max-request-bytes "
                              "(1.5 MiB by default); nothing was written");
    else if (isNoLeader())
        what = QStringLiteral("the cluster has no leader right now (lost quorum?)");
    else if (isOutcomeUnknown())
        what = QStringLiteral("etcd timed out; the change may or may not have been applied");
    else if (m_origin == Origin::Transport && m_code == ErrorCode::Unavailable && !tlsProblem(m_message).isEmpty())
        what = QStringLiteral("%1 (%2)").arg(tlsProblem(m_message), m_message);
    else if (m_origin == Origin::Transport && m_code == ErrorCode::Unavailable)
        what = QStringLiteral("cannot reach etcd (%1)").arg(m_message);
    else if (m_code == ErrorCode::DeadlineExceeded)
        what = QStringLiteral("no answer before the deadline (%1)").arg(m_message);
    else
        what = m_message;
    if (!m_endpoint.isEmpty())
        return QStringLiteral("%1 [%2 at %3]").arg(what, codeName(m_code), m_endpoint);
    return QStringLiteral("%1 [%2]").arg(what, codeName(m_code));
}

} // namespace etcd
