// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/connectionoptions.h"

#include <QRegularExpression>

namespace etcd {

namespace {

// A host name (RFC 1123 labels), an IPv4 address, or an IPv6 address in brackets.
bool isHost(const QString &host)
{
    if (host.startsWith(QLatin1Char('[')))
        return host.endsWith(QLatin1Char(']')) && host.size() > 2 &&
               QStringView(host).mid(1, host.size() - 2).toString().count(QLatin1Char(':')) >= 2 &&
               !host.mid(1, host.size() - 2).contains(QRegularExpression(QStringLiteral("[^0-9A-Fa-f:.%a-z]")));
    if (host.isEmpty() || host.size() > 253)
        return false;
    for (const QString &label : host.split(QLatin1Char('.'))) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(QLatin1Char('-')) || label.endsWith(QLatin1Char('-')))
            return false;
        for (const QChar c : label)
            if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-') && c != QLatin1Char('_'))
                return false;
    }
    return true;
}

QString shown(const QString &endpoint)
{
    return endpoint.size() > 60 ? endpoint.left(28) + QStringLiteral("…") + endpoint.right(28) : endpoint;
}

} // namespace

QString ConnectionOptions::endpointProblem(const QString &endpoint)
{
    QString e = endpoint.trimmed();
    if (e.isEmpty())
        return QStringLiteral("an endpoint is empty");
    const qsizetype scheme = e.indexOf(QLatin1String("://"));
    if (scheme >= 0) {
        const QString name = e.left(scheme).toLower();
        if (name != QLatin1String("http") && name != QLatin1String("https") && name != QLatin1String("unix"))
            return QStringLiteral("endpoint \"%1\": the scheme %2:// is not one etcd speaks (http://, https://)")
                .arg(shown(e), name);
        e = e.mid(scheme + 3);
    } else if (e.startsWith(QLatin1String("unix:"))) {
        return {};
    }
    while (e.endsWith(QLatin1Char('/')))
        e.chop(1);
    const qsizetype colon = e.lastIndexOf(QLatin1Char(':'));
    if (e.isEmpty() || colon <= 0 || colon == e.size() - 1 || (e.startsWith(QLatin1Char('[')) && colon < e.indexOf(u']')))
        return QStringLiteral("endpoint \"%1\" is not host:port (for example 127.0.0.1:2379)").arg(shown(endpoint.trimmed()));
    bool ok = false;
    const QString portText = e.mid(colon + 1);
    const int port = portText.toInt(&ok);
    if (!ok || port <= 0 || port > 65535)
        return QStringLiteral("endpoint \"%1\": the port %2 is not a number from 1 to 65535")
            .arg(shown(endpoint.trimmed()), shown(portText));
    if (!isHost(e.left(colon)))
        return QStringLiteral("endpoint \"%1\": \"%2\" is not a host name or address")
            .arg(shown(endpoint.trimmed()), shown(e.left(colon)));
    return {};
}

QString ConnectionOptions::normalizeEndpoint(const QString &endpoint, bool *tls)
{
    QString e = endpoint.trimmed();
    if (tls)
        *tls = false;
    if (!endpointProblem(e).isEmpty())
        return {};
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
    return e;
}

QString ConnectionOptions::validate() const
{
    if (endpoints.isEmpty())
        return QStringLiteral("no endpoint given (use --endpoints host:port[,host:port...])");
    for (const QString &e : endpoints)
        if (ssh.isEnabled() && e.trimmed().startsWith(QLatin1String("unix:")))
            return QStringLiteral("endpoint \"%1\" is a unix socket, which cannot be reached through --ssh").arg(e);
    for (const QString &e : endpoints) {
        const QString problem = endpointProblem(e);
        if (!problem.isEmpty())
            return problem;
    }
    if (!tls.certFile.isEmpty() && tls.keyFile.isEmpty())
        return QStringLiteral("a client certificate was given without its key (--key)");
    if (tls.certFile.isEmpty() && !tls.keyFile.isEmpty())
        return QStringLiteral("a client key was given without its certificate (--cert)");
    if (!password.isEmpty() && user.isEmpty())
        return QStringLiteral("a password was given without a user name (--user)");
    if (dialTimeoutMs <= 0 || callTimeoutMs <= 0)
        return QStringLiteral("timeouts must be positive");
    if (ssh.isEnabled())
        return ssh.validate();
    return {};
}

} // namespace etcd
