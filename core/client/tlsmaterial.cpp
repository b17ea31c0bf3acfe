// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/tlsmaterial.h"

#include "client/tlsopenssl.h"

#include <QFile>

namespace etcd::detail {

namespace {

bool readFile(const QString &path, const char *what, std::string *out, QString *error)
{
    if (path.isEmpty())
        return true;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the %1 file %2: %3").arg(QLatin1String(what), path, f.errorString());
        return false;
    }
    *out = f.readAll().toStdString();
    return true;
}

} // namespace

bool readTlsMaterial(const TlsOptions &tls, TlsMaterial *out, QString *error)
{
    return readFile(tls.caFile, "CA certificate", &out->caPem, error) &&
           readFile(tls.certFile, "client certificate", &out->certPem, error) &&
           readFile(tls.keyFile, "client key", &out->keyPem, error);
}

QString checkTlsMaterial(const TlsOptions &tls, const TlsMaterial &material)
{
    if (!tls.caFile.isEmpty() && ossl::readCertificates(material.caPem).empty())
        return QStringLiteral("the CA file %1 holds no PEM certificate (\"-----BEGIN CERTIFICATE-----\")")
            .arg(tls.caFile);
    if (tls.certFile.isEmpty())
        return {};
    const std::vector<ossl::X509Ptr> chain = ossl::readCertificates(material.certPem);
    if (chain.empty() && ossl::readKey(material.certPem))
        return QStringLiteral("the client certificate file %1 holds a private key, not a certificate "
                              "(were --cert and --key swapped?)")
            .arg(tls.certFile);
    if (chain.empty())
        return QStringLiteral("the client certificate file %1 holds no PEM certificate "
                              "(\"-----BEGIN CERTIFICATE-----\")")
            .arg(tls.certFile);
    const ossl::KeyPtr key = ossl::readKey(material.keyPem);
    if (!key) {
        if (material.keyPem.find("ENCRYPTED") != std::string::npos)
            return QStringLiteral("the client key %1 is protected by a pass phrase; etcd console needs it "
                                  "unencrypted (openssl pkey -in %1 -out plain.key)")
                .arg(tls.keyFile);
        if (!ossl::readCertificates(material.keyPem).empty())
            return QStringLiteral("the client key file %1 holds a certificate, not a private key "
                                  "(were --cert and --key swapped?)")
                .arg(tls.keyFile);
        return QStringLiteral("the client key file %1 holds no PEM private key (\"-----BEGIN PRIVATE KEY-----\", "
                              "\"-----BEGIN RSA PRIVATE KEY-----\" or \"-----BEGIN EC PRIVATE KEY-----\")")
            .arg(tls.keyFile);
    }
    // gRPC would fail every handshake with a key that is not the certificate's, with no hint why.
    const bool matches = X509_check_private_key(chain.front().get(), key.get()) == 1;
    ERR_clear_error();
    if (!matches)
        return QStringLiteral("the client key %1 does not belong to the client certificate %2 (their public keys "
                              "differ): give the key the certificate was made for")
            .arg(tls.keyFile, tls.certFile);
    return {};
}

QString clientCertificateValidityProblem(const TlsMaterial &material)
{
    const std::vector<ossl::X509Ptr> chain = ossl::readCertificates(material.certPem);
    return chain.empty() ? QString() : ossl::validityProblem(chain.front().get());
}

} // namespace etcd::detail
