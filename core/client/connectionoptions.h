// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "ssh/sshoptions.h"

#include <QString>
#include <QStringList>

namespace etcd {

struct TlsOptions
{
    bool enabled = false;       // also switched on by an https:// endpoint or any file below
    QString caFile;             // PEM; empty: the system's trust store
    QString certFile;           // client certificate (mutual TLS)
    QString keyFile;            // client private key
    QString serverNameOverride; // verify the server certificate against this name instead of the host
    // Accept any server certificate (etcdctl --insecure-skip-tls-verify). Encrypts but does not
    // authenticate the server: shown loudly wherever the connection is named.
    bool insecureSkipVerify = false;
};

// How to reach a cluster. Defaults follow etcdctl where it has one.
struct ConnectionOptions
{
    QStringList endpoints; // "host:port", "http://host:port" or "https://host:port"
    QString user;
    QString password;
    TlsOptions tls;
    bool readOnly = false; // refuse every write in core, before anything is sent
    SshOptions ssh;        // reach the endpoints through an SSH bastion (--ssh)

    int dialTimeoutMs = 3000; // connecting to one endpoint; then fail over to the next
    int callTimeoutMs = 5000; // default deadline of every unary call
    // After this much silence the connection is probed (gRPC pings, at least 5 s apart as etcd
    // demands, and a watch progress request on the watch stream)...
    int keepAliveTimeMs = 10000;
    int keepAliveTimeoutMs = 5000;   // ... and it is dead if the probe is not answered in this time
    int maxReceiveBytes = 256 << 20; // paged ranges keep responses far below this anyway
    int watchBatchMs = 50;           // watch events reach watchers at most this often...
    int watchBatchEvents = 2000;     // ...or as soon as this many are waiting for one watcher

    // "https://a:1" -> "a:1" (and *tls = true). Returns an empty string for malformed input.
    static QString normalizeEndpoint(const QString &endpoint, bool *tls = nullptr);
    // Why `endpoint` is not usable, in plain words (a long one shortened); empty when it is.
    static QString endpointProblem(const QString &endpoint);
    // Empty when usable; otherwise what is wrong, in plain words.
    QString validate() const;
};

} // namespace etcd
