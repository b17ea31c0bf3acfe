// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/connectionoptions.h"
#include "client/etcderror.h"
#include "client/tlsmaterial.h"

#include <QString>

namespace etcd::detail {

// Can asking the endpoint explain `error`? It was reached, but gRPC's words do not say why the
// connection broke ("Socket closed", "Endpoint read failed": a plain-text client at a TLS port, TLS
// at a plain-text port, a refused client certificate) or why the certificate was not accepted
// ("certificate verify failed" covers an unknown CA and an expired certificate alike).
bool worthDiagnosing(const EtcdError &error);

// Connects to `address` (host:port) itself, with the connection's TLS settings, and says in plain
// words what is wrong: TLS expected or not spoken, a client certificate required or refused (and
// why, where the certificate shows it), a server certificate untrusted, expired or issued for other
// names. Blocking, about `timeoutMs` at most (run it off the GUI thread and off gRPC's threads).
// Empty when it finds nothing more specific: nobody listens, or the connection works now.
QString diagnoseConnection(const QString &address, bool useTls, const TlsOptions &tls, const TlsMaterial &material,
                           int timeoutMs);

} // namespace etcd::detail
