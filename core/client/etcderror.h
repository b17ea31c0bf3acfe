// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QMetaType>
#include <QString>

#include <optional>
#include <utility>

namespace grpc {
class Status;
}

namespace etcd {

// Status codes: numerically identical to gRPC's, so a server error keeps its code unchanged.
enum class ErrorCode : int {
    Ok = 0,
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
};

// An error is a value: it travels through futures and signals to whoever can explain it to the user.
class EtcdError
{
public:
    // Where the error was decided: by etcd, by the transport (gRPC could not reach etcd), or by
    // this client before anything was sent (read-only refusal, shutdown, bad argument).
    enum class Origin { None, Server, Transport, Client };

    EtcdError() = default;
    EtcdError(ErrorCode code, QString message, QString endpoint = {}, Origin origin = Origin::Server);

    static EtcdError fromStatus(const grpc::Status &status, const QString &endpoint);
    static EtcdError readOnlyRefusal(const QString &operation);
    static EtcdError shutdown();
    static EtcdError invalidArgument(const QString &message);
    static EtcdError client(ErrorCode code, const QString &message, const QString &endpoint = {});

    bool isOk() const { return m_code == ErrorCode::Ok; }
    explicit operator bool() const { return !isOk(); } // true when there IS an error

    ErrorCode code() const { return m_code; }
    QString message() const { return m_message; }
    QString endpoint() const { return m_endpoint; }
    Origin origin() const { return m_origin; }
    // What this client found out beyond etcd's or gRPC's words: why a connection failed (it asked
    // the endpoint itself; see tlsdiagnosis.h), or whose access to which keys etcd refused.
    // toString() leads with it.
    QString explanation() const { return m_explanation; }
    EtcdError explained(const QString &explanation) const;

    // etcd's own conditions, recognised by code and message.
    bool isCompacted() const;        // requested revision has been compacted
    bool isFutureRevision() const;   // requested revision is newer than the store
    bool isInvalidAuthToken() const; // token expired or unknown to this member: re-authenticate
    bool isAuthRevisionOld() const;  // auth store changed since the token was issued: re-authenticate
    bool isAuthFailed() const;       // wrong user name or password
    bool isAuthNotEnabled() const;   // signing in while authentication is off: go on without a token
    bool isUserNameEmpty() const;    // a call without a token while authentication is on: sign in
    bool isPermissionDenied() const; // by etcd's RBAC
    bool isNoLeader() const;         // the member has no raft leader
    bool isLeaseNotFound() const;
    bool isUserNotFound() const;     // "user name not found" (auth user get/delete/...)
    bool isRoleNotFound() const;
    bool isTooManyTxnOps() const;    // more operations in one transaction than --max-txn-ops
    bool isRequestTooLarge() const;  // etcd's --max-request-bytes, or gRPC's receive limit before it
    // A watch refused with a cancel reason (etcd words it like an error message): the error it means.
    static EtcdError fromWatchCancel(const QString &reason, const QString &endpoint);
    bool isUnavailable() const { return m_code == ErrorCode::Unavailable; }
    bool isDeadlineExceeded() const { return m_code == ErrorCode::DeadlineExceeded; }
    bool isCancelled() const { return m_code == ErrorCode::Cancelled; }
    bool isReadOnlyRefusal() const;
    bool isShutdown() const;
    // etcd was reached but the TLS handshake failed (untrusted or expired certificate, wrong host
    // name, client certificate refused, TLS against a plain-text port or the reverse): retrying the
    // same settings cannot help.
    bool isTlsFailure() const;
    // The request may have been applied although no answer came back (etcd's "request timed out").
    bool isOutcomeUnknown() const;
    // The request never left this client: no connection could be made ("failed to connect to all
    // addresses", or our own dial timeout). A write that failed so was certainly not applied.
    bool isNeverSent() const;
    // Whether a failed write may have been applied anyway: an unknown outcome, a deadline, or a
    // transport failure after the request may have been sent.
    bool mayHaveBeenApplied() const;
    // Our dial timeout's words (client/unarycall.h).
    static EtcdError dialTimeout(int dialTimeoutMs, const QString &endpoint);

    // Plain words for a person: what happened, where, and what to do about it.
    QString toString() const;
    // Why an endpoint did not answer, in a few words for a status line: "connection refused", "no
    // answer within the deadline", "it has no leader"... gRPC's own text belongs in a tooltip.
    QString plainReason() const;
    static QString codeName(ErrorCode code);

private:
    ErrorCode m_code = ErrorCode::Ok;
    QString m_message;
    QString m_endpoint;
    Origin m_origin = Origin::None;
    QString m_explanation;
};

// Either a value or an EtcdError. Default-constructed results are errors (nothing arrived).
template<typename T> class EtcdResult
{
public:
    EtcdResult() : m_error(ErrorCode::Unknown, QStringLiteral("no result"), {}, EtcdError::Origin::Client) {}
    EtcdResult(T value) : m_value(std::move(value)) {}         // NOLINT(google-explicit-constructor)
    EtcdResult(EtcdError error) : m_error(std::move(error)) {} // NOLINT(google-explicit-constructor)

    bool ok() const { return m_value.has_value(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    const EtcdError &error() const { return m_error; }

    template<typename F> auto map(F &&f) const -> EtcdResult<decltype(f(std::declval<const T &>()))>
    {
        if (!ok())
            return m_error;
        return f(*m_value);
    }

private:
    std::optional<T> m_value;
    EtcdError m_error;
};

// A result without a payload beyond success.
struct Done
{};
using EtcdStatus = EtcdResult<Done>;

} // namespace etcd

Q_DECLARE_METATYPE(etcd::EtcdError)
