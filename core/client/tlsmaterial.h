// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/connectionoptions.h"

#include <QString>

#include <string>

namespace etcd::detail {

// The PEM texts behind TlsOptions' files, read once when a connection is built.
struct TlsMaterial
{
    std::string caPem;   // empty: the system's trust store
    std::string certPem; // client certificate chain (mutual TLS)
    std::string keyPem;  // its private key
};

// Reads the files TlsOptions names into *out. False with *error in plain words (which file, why).
bool readTlsMaterial(const TlsOptions &tls, TlsMaterial *out, QString *error);

// What gRPC would reject only vaguely, or not until the first handshake: every file holds what its
// role needs (certificates; an unencrypted private key in PKCS#8, PKCS#1 or SEC 1 form) and the key
// belongs to the certificate. Empty when usable; otherwise the problem in plain words, naming the
// file. Keys and certificates never appear in the text.
QString checkTlsMaterial(const TlsOptions &tls, const TlsMaterial &material);

// "expired on 2026-11-20 10:26 UTC" when the client certificate is outside its validity now; else
// empty. Not a configuration error by itself (a cluster without client-certificate checks accepts
// it), but the reason when etcd refuses it.
QString clientCertificateValidityProblem(const TlsMaterial &material);

} // namespace etcd::detail
