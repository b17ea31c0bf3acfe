// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/tlsdiagnosis.h"
#include "client/fdtools.h"

#include "client/tlsopenssl.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QStringList>

#include <arpa/inet.h>
#include <cerrno>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace etcd::detail {

namespace {

using Socket = UniqueFd;

struct HostPort
{
    QByteArray host;
    QByteArray port;
};

bool isIpAddress(const QByteArray &host)
{
    unsigned char buffer[sizeof(in6_addr)];
    return ::inet_pton(AF_INET, host.constData(), buffer) == 1 || ::inet_pton(AF_INET6, host.constData(), buffer) == 1;
}

bool splitAddress(const QString &address, HostPort *out)
{
    if (address.startsWith(QLatin1String("unix:")))
        return false;
    const int colon = address.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = address.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    out->host = host.toUtf8();
    out->port = address.mid(colon + 1).toUtf8();
    return true;
}

// A non-blocking TCP connection, or -1.
int connectTcp(const HostPort &hp, const QDeadlineTimer &deadline)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *list = nullptr;
    if (::getaddrinfo(hp.host.constData(), hp.port.constData(), &hints, &list) != 0)
        return -1;
    int connected = -1;
    for (addrinfo *a = list; a && connected < 0; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
            continue;
        bool ok = ::connect(fd, a->ai_addr, a->ai_addrlen) == 0;
        if (!ok && errno == EINPROGRESS && waitForFd(fd, POLLOUT, deadline)) {
            int soError = 0;
            socklen_t length = sizeof(soError);
            ok = ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length) == 0 && soError == 0;
        }
        if (ok)
            connected = fd;
        else
            ::close(fd);
    }
    ::freeaddrinfo(list);
    return connected;
}

// What every HTTP/2 client sends first: the preface and an empty SETTINGS frame.
QByteArray http2Preface()
{
    return QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") + QByteArray("\x00\x00\x00\x04\x00\x00\x00\x00\x00", 9);
}

// Does a plain-text HTTP/2 server (etcd's gRPC port without TLS) answer there with its SETTINGS?
bool plainHttp2Answers(const HostPort &hp, const QDeadlineTimer &deadline)
{
    Socket s(connectTcp(hp, deadline));
    if (s.get() < 0)
        return false;
    const QByteArray preface = http2Preface();
    if (::send(s.get(), preface.constData(), static_cast<size_t>(preface.size()), MSG_NOSIGNAL) != preface.size())
        return false;
    QByteArray answer;
    char buffer[64];
    while (answer.size() < 9 && waitForFd(s.get(), POLLIN, deadline)) {
        const ssize_t n = ::recv(s.get(), buffer, sizeof(buffer), 0);
        if (n <= 0 && !(n < 0 && (errno == EAGAIN || errno == EINTR)))
            break;
        if (n > 0)
            answer.append(buffer, n);
    }
    return answer.size() >= 9 && answer.at(3) == 0x04; // frame type SETTINGS
}

// After a TLS call returned `rc`: wait until it can go on. False when it cannot (error, deadline).
bool mayRetry(SSL *ssl, int fd, int rc, const QDeadlineTimer &deadline)
{
    switch (SSL_get_error(ssl, rc)) {
    case SSL_ERROR_WANT_READ: return waitForFd(fd, POLLIN, deadline);
    case SSL_ERROR_WANT_WRITE: return waitForFd(fd, POLLOUT, deadline);
    default: return false;
    }
}

// The TLS alert the peer sent, from OpenSSL's error queue; -1 for none.
int receivedAlert()
{
    int alert = -1;
    while (const unsigned long e = ERR_get_error()) {
        const int reason = ERR_GET_REASON(e);
        if (ERR_GET_LIB(e) == ERR_LIB_SSL && reason >= SSL_AD_REASON_OFFSET && reason < SSL_AD_REASON_OFFSET + 256)
            alert = reason - SSL_AD_REASON_OFFSET;
    }
    return alert;
}

QStringList namesIn(X509 *cert)
{
    QStringList names;
    auto *sans = static_cast<GENERAL_NAMES *>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(sans, i);
        if (name->type == GEN_DNS) {
            const ASN1_STRING *dns = name->d.dNSName;
            names << QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(dns)),
                                       ASN1_STRING_length(dns));
        } else if (name->type == GEN_IPADD) {
            const ASN1_OCTET_STRING *ip = name->d.iPAddress;
            char text[INET6_ADDRSTRLEN] = {};
            const int family = ASN1_STRING_length(ip) == 4 ? AF_INET : AF_INET6;
            if (::inet_ntop(family, ASN1_STRING_get0_data(ip), text, sizeof(text)))
                names << QString::fromLatin1(text);
        }
    }
    GENERAL_NAMES_free(sans);
    if (names.isEmpty())
        names << ossl::nameText(X509_get_subject_name(cert));
    return names;
}

// What one TLS handshake of our own showed.
struct Handshake
{
    bool connected = false;          // TCP worked
    ossl::X509Ptr server;            // the server's certificate: the port speaks TLS
    ossl::StorePtr trust;            // the CA certificates the connection trusts
    STACK_OF(X509) *chain = nullptr; // what the server sent (owned by `ssl`)
    bool established = false;        // handshake done and the server answered over it (HTTP/2 SETTINGS)
    bool refused = false;            // the server ended the connection (alert or close) instead
    int alert = -1;                  // the TLS alert it sent, if any
};

class Prober
{
public:
    Prober(const HostPort &hp, const TlsOptions &tls, const QDeadlineTimer &deadline)
        : m_hp(hp), m_tls(tls), m_deadline(deadline)
    {}

    // A handshake as gRPC makes it (ALPN h2, SNI, our client certificate if `material` has one),
    // but without judging the server's certificate: verify() does that afterwards.
    Handshake handshake(const TlsMaterial &material)
    {
        Handshake h;
        m_ctx.reset(SSL_CTX_new(TLS_client_method()));
        if (!m_ctx)
            return h;
        SSL_CTX_set_verify(m_ctx.get(), SSL_VERIFY_NONE, nullptr);
        static const unsigned char alpn[] = {2, 'h', '2'};
        SSL_CTX_set_alpn_protos(m_ctx.get(), alpn, sizeof(alpn));
        h.trust.reset(X509_STORE_new());
        if (material.caPem.empty()) {
            X509_STORE_set_default_paths(h.trust.get());
        } else {
            for (const ossl::X509Ptr &ca : ossl::readCertificates(material.caPem))
                X509_STORE_add_cert(h.trust.get(), ca.get());
        }
        if (!material.certPem.empty()) {
            std::vector<ossl::X509Ptr> chain = ossl::readCertificates(material.certPem);
            const ossl::KeyPtr key = ossl::readKey(material.keyPem);
            if (!chain.empty() && key) {
                SSL_CTX_use_certificate(m_ctx.get(), chain.front().get());
                for (size_t i = 1; i < chain.size(); ++i)
                    SSL_CTX_ctrl(m_ctx.get(), SSL_CTRL_CHAIN_CERT, 1, chain[i].get()); // SSL_CTX_add1_chain_cert
                SSL_CTX_use_PrivateKey(m_ctx.get(), key.get());
            }
        }
        m_socket = std::make_unique<Socket>(connectTcp(m_hp, m_deadline));
        if (m_socket->get() < 0)
            return h;
        h.connected = true;
        m_ssl.reset(SSL_new(m_ctx.get()));
        SSL_set_fd(m_ssl.get(), m_socket->get());
        const QByteArray name = serverName();
        if (!isIpAddress(name))
            SSL_ctrl(m_ssl.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, // SNI; the macro casts
                     const_cast<char *>(name.constData()));
        ERR_clear_error();
        int rc = 0;
        while ((rc = SSL_connect(m_ssl.get())) != 1 && mayRetry(m_ssl.get(), m_socket->get(), rc, m_deadline)) {
        }
        if (X509 *server = SSL_get0_peer_certificate(m_ssl.get())) {
            X509_up_ref(server);
            h.server.reset(server);
            h.chain = SSL_get_peer_cert_chain(m_ssl.get());
        }
        if (rc != 1) {
            const int error = SSL_get_error(m_ssl.get(), rc); // before the error queue is drained
            h.alert = receivedAlert();
            h.refused = h.alert >= 0 || (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE);
            return h;
        }
        // With TLS 1.3 the server judges our certificate (or its absence) only after our side of the
        // handshake is done: speak HTTP/2 and see whether it answers or hangs up.
        const QByteArray preface = http2Preface();
        int written = 0;
        while ((written = SSL_write(m_ssl.get(), preface.constData(), static_cast<int>(preface.size()))) <= 0 &&
               mayRetry(m_ssl.get(), m_socket->get(), written, m_deadline)) {
        }
        QByteArray answer;
        char buffer[256];
        for (;;) {
            const int n = SSL_read(m_ssl.get(), buffer, sizeof(buffer));
            if (n > 0) {
                answer.append(buffer, n);
                if (answer.size() >= 9)
                    break;
                continue;
            }
            const int error = SSL_get_error(m_ssl.get(), n);
            if ((error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) &&
                mayRetry(m_ssl.get(), m_socket->get(), n, m_deadline))
                continue;
            if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) { // not just our deadline
                h.alert = receivedAlert();
                h.refused = true;
            }
            break;
        }
        h.established = answer.size() >= 9 && answer.at(3) == 0x04;
        ERR_clear_error();
        return h;
    }

    // Why the connection's settings do not accept the server's certificate; empty when they do.
    QString verify(const Handshake &h) const
    {
        ossl::StoreCtxPtr ctx(X509_STORE_CTX_new());
        if (!ctx || !h.trust || X509_STORE_CTX_init(ctx.get(), h.trust.get(), h.server.get(), h.chain) != 1)
            return {};
        X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER);
        const bool ok = X509_verify_cert(ctx.get()) == 1;
        const int error = X509_STORE_CTX_get_error(ctx.get());
        const int depth = X509_STORE_CTX_get_error_depth(ctx.get());
        X509 *culprit = X509_STORE_CTX_get_current_cert(ctx.get());
        ERR_clear_error();
        if (ok)
            return nameProblem(h.server.get());
        if (!culprit)
            culprit = h.server.get();
        const QString which = depth == 0 ? QStringLiteral("etcd's TLS certificate")
                                         : QStringLiteral("the CA certificate \"%1\" behind etcd's TLS certificate")
                                               .arg(ossl::nameText(X509_get_subject_name(culprit)));
        switch (error) {
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return QStringLiteral("%1 expired on %2: the cluster needs a renewed certificate")
                .arg(which, ossl::timeText(X509_get0_notAfter(culprit)));
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return QStringLiteral("%1 is not valid before %2 (check the clocks of this computer and of etcd's)")
                .arg(which, ossl::timeText(X509_get0_notBefore(culprit)));
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        case X509_V_ERR_CERT_UNTRUSTED: {
            const QString issuer = ossl::nameText(X509_get_issuer_name(culprit));
            if (m_tls.caFile.isEmpty())
                return QStringLiteral("etcd's TLS certificate is not trusted: its issuer \"%1\" is not a CA this "
                                      "system trusts; give the cluster's CA file (--cacert)")
                    .arg(issuer);
            return QStringLiteral("etcd's TLS certificate is not trusted: its issuer \"%1\" is not in the CA file %2")
                .arg(issuer, m_tls.caFile);
        }
        default:
            return QStringLiteral("%1 is not accepted: %2")
                .arg(which, QString::fromUtf8(X509_verify_cert_error_string(error)));
        }
    }

    QString nameProblem(X509 *server) const
    {
        const QByteArray name = serverName();
        const bool matches = isIpAddress(name)
                                 ? X509_check_ip_asc(server, name.constData(), 0) == 1
                                 : X509_check_host(server, name.constData(), name.size(), 0, nullptr) == 1;
        if (matches)
            return {};
        return QStringLiteral("etcd's TLS certificate is not valid for the host name %1 (it names %2): connect by "
                              "one of those names, or set the server name (--server-name) to one of them")
            .arg(QString::fromUtf8(name), namesIn(server).join(QLatin1String(", ")));
    }

private:
    QByteArray serverName() const
    {
        return m_tls.serverNameOverride.isEmpty() ? m_hp.host : m_tls.serverNameOverride.toUtf8();
    }

    HostPort m_hp;
    TlsOptions m_tls;
    QDeadlineTimer m_deadline;
    ossl::CtxPtr m_ctx;
    std::unique_ptr<Socket> m_socket; // before m_ssl: the connection outlives its TLS state
    ossl::SslPtr m_ssl;
};

QString clientCertificateRefused(const TlsOptions &tls, const TlsMaterial &material, int alert)
{
    if (material.certPem.empty())
        return QStringLiteral("etcd requires a client certificate (mutual TLS): give one with its key "
                              "(--cert and --key)");
    const QString validity = clientCertificateValidityProblem(material);
    if (!validity.isEmpty())
        return QStringLiteral("etcd refused the client certificate %1: it %2").arg(tls.certFile, validity);
    const std::vector<ossl::X509Ptr> chain = ossl::readCertificates(material.certPem);
    const QString issuer = chain.empty() ? QString() : ossl::nameText(X509_get_issuer_name(chain.front().get()));
    return QStringLiteral("etcd refused the client certificate %1 (TLS alert \"%2\"): etcd does not trust its issuer "
                          "\"%3\" (its --trusted-ca-file), or the certificate is not made for client authentication")
        .arg(tls.certFile,
             alert >= 0 ? QString::fromUtf8(SSL_alert_desc_string_long(alert)) : QStringLiteral("none, it hung up"),
             issuer);
}

} // namespace

bool worthDiagnosing(const EtcdError &error)
{
    if (error.origin() != EtcdError::Origin::Transport || !error.isUnavailable() || !error.explanation().isEmpty())
        return false;
    const QString m = error.message();
    for (const char *symptom :
         {"Socket closed", "Endpoint read failed", "Connection reset", "Broken pipe", "Ssl handshake failed",
          "certificate verify failed", "is not in peer certificate", "Handshake", "handshake"}) {
        if (m.contains(QLatin1String(symptom)))
            return true;
    }
    return false;
}

QString diagnoseConnection(const QString &address, bool useTls, const TlsOptions &tls, const TlsMaterial &material,
                           int timeoutMs)
{
    HostPort hp;
    if (!splitAddress(address, &hp))
        return {};
    const QDeadlineTimer deadline(timeoutMs);
    Prober prober(hp, tls, deadline);
    if (!useTls) {
        // Plain text broke off: does the port speak TLS instead?
        const Handshake h = prober.handshake({});
        if (h.server)
            return QStringLiteral("%1 expects TLS, but this connection is plain text: connect with https:// and the "
                                  "cluster's CA file (--cacert)")
                .arg(address);
        return {};
    }
    const Handshake h = prober.handshake(material);
    if (!h.connected)
        return {};
    if (!h.server) {
        if (h.alert >= 0)
            return QStringLiteral("%1 refused the TLS handshake (TLS alert \"%2\")")
                .arg(address, QString::fromUtf8(SSL_alert_desc_string_long(h.alert)));
        if (plainHttp2Answers(hp, deadline))
            return QStringLiteral("%1 speaks plain text, not TLS: connect with http:// and without TLS settings "
                                  "(no --cacert, --cert, --key)")
                .arg(address);
        return QStringLiteral("%1 does not answer the TLS handshake: is it an etcd client port with TLS?").arg(address);
    }
    if (!tls.insecureSkipVerify) {
        const QString problem = prober.verify(h);
        if (!problem.isEmpty())
            return problem;
    }
    if (!h.established && h.refused)
        return clientCertificateRefused(tls, material, h.alert);
    return {};
}

} // namespace etcd::detail
