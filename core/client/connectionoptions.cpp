// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/connectionoptions.h"

#include <QUrl>

namespace etcd {

QString ConnectionOptions::normalizeEndpoint(const QString &endpoint, bool *tls)
{
    QString e = endpoint.trimmed();
    if (tls)
        *tls = false;
    if (e.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        if (tls)
            *tls = true;
        e = e.mid(8);
    } else if (e.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)) {
        e = e.mid(7);
    } else if (e.startsWith(QLatin1String("unix://")) || e.startsWith(QLatin1String("unix:"))) {
        return e; // gRPC understands unix sockets as they are
    }
    while (e.endsWith(QLatin1Char('/')))
        e.chop(1);
    const int colon = e.lastIndexOf(QLatin1Char(':'));
    if (e.isEmpty() || colon <= 0 || colon == e.size() - 1)
        return {};
    bool ok = false;
    const int port = e.mid(colon + 1).toInt(&ok);
    if (!ok || port <= 0 || port > 65535)
        return {};
    return e;
}

QString ConnectionOptions::validate() const
{
    if (endpoints.isEmpty())
        return QStringLiteral("no endpoint given (use --endpoints host:port[,host:port...])");
    for (const QString &e : endpoints) {
        if (normalizeEndpoint(e).isEmpty())
            return QStringLiteral("endpoint \"%1\" is not host:port (for example 127.0.0.1:2379)").arg(e);
    }
    if (!tls.certFile.isEmpty() && tls.keyFile.isEmpty())
        return QStringLiteral("a client certificate was given without its key (--key)");
    if (tls.certFile.isEmpty() && !tls.keyFile.isEmpty())
        return QStringLiteral("a client key was given without its certificate (--cert)");
    if (!password.isEmpty() && user.isEmpty())
        return QStringLiteral("a password was given without a user name (--user)");
    if (dialTimeoutMs <= 0 || callTimeoutMs <= 0)
        return QStringLiteral("timeouts must be positive");
    return {};
}

} // namespace etcd
