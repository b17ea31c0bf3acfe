// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

// Small OpenSSL helpers shared by tlsmaterial.cpp and tlsdiagnosis.cpp (private to core/client).
// gRPC links the same OpenSSL, so the client reads certificates exactly as gRPC will.

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTime>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>
#include <string>
#include <vector>

namespace etcd::detail::ossl {

struct Free
{
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
    void operator()(SSL_CTX *p) const { SSL_CTX_free(p); }
    void operator()(SSL *p) const { SSL_free(p); }
    void operator()(X509_STORE *p) const { X509_STORE_free(p); }
    void operator()(X509_STORE_CTX *p) const { X509_STORE_CTX_free(p); }
};
using X509Ptr = std::unique_ptr<X509, Free>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Free>;
using BioPtr = std::unique_ptr<BIO, Free>;
using CtxPtr = std::unique_ptr<SSL_CTX, Free>;
using SslPtr = std::unique_ptr<SSL, Free>;
using StorePtr = std::unique_ptr<X509_STORE, Free>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Free>;

inline BioPtr memoryBio(const std::string &data)
{
    return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

// Never ask for a pass phrase on the terminal: an encrypted key simply does not load.
inline int noPassphrase(char *, int, int, void *)
{
    return -1;
}

// Every certificate in a PEM text, in order.
inline std::vector<X509Ptr> readCertificates(const std::string &pem)
{
    std::vector<X509Ptr> certs;
    BioPtr bio = memoryBio(pem);
    while (bio) {
        X509 *cert = PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr);
        if (!cert)
            break;
        certs.emplace_back(cert);
    }
    ERR_clear_error(); // the end of the text reads as an error
    return certs;
}

// The first private key in a PEM text: PKCS#8, PKCS#1 (RSA) or SEC 1 (EC), as gRPC accepts them.
inline KeyPtr readKey(const std::string &pem)
{
    BioPtr bio = memoryBio(pem);
    KeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr);
    ERR_clear_error();
    return key;
}

// "2026-11-20 10:26 UTC"
inline QString timeText(const ASN1_TIME *time)
{
    std::tm tm{};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return QStringLiteral("an unreadable date");
    const QDateTime t(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), QTime(tm.tm_hour, tm.tm_min, tm.tm_sec),
                      Qt::UTC);
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

// The common name of a subject or issuer, else its one-line form.
inline QString nameText(const X509_NAME *name)
{
    if (!name)
        return {};
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index >= 0) {
        const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
        unsigned char *utf8 = nullptr;
        const int length = ASN1_STRING_to_UTF8(&utf8, data);
        if (length >= 0) {
            QString text = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
            OPENSSL_free(utf8);
            return text;
        }
    }
    char buffer[256];
    return QString::fromUtf8(X509_NAME_oneline(name, buffer, sizeof(buffer)));
}

// "expired on ..." / "is not valid before ..." for a certificate outside its validity now; else empty.
inline QString validityProblem(X509 *cert)
{
    if (X509_cmp_current_time(X509_get0_notAfter(cert)) < 0)
        return QStringLiteral("expired on %1").arg(timeText(X509_get0_notAfter(cert)));
    if (X509_cmp_current_time(X509_get0_notBefore(cert)) > 0)
        return QStringLiteral("is not valid before %1 (check this computer's clock)")
            .arg(timeText(X509_get0_notBefore(cert)));
    return {};
}

} // namespace etcd::detail::ossl
