// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "ssh/sshoptions.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace etcd {

bool SshOptions::parseDestination(const QString &destination, QString *user, QString *host, int *port)
{
    QString d = destination.trimmed();
    if (d.startsWith(QLatin1String("ssh://")))
        d = d.mid(6);
    user->clear();
    *port = 0;
    const qsizetype at = d.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        *user = d.left(at);
        d = d.mid(at + 1);
        if (user->isEmpty())
            return false;
    }
    // [v6::addr]:port, host:port, or host
    if (d.startsWith(QLatin1Char('['))) {
        const qsizetype close = d.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        *host = d.mid(1, close - 1);
        d = d.mid(close + 1);
        if (!d.isEmpty() && !d.startsWith(QLatin1Char(':')))
            return false;
        d = d.mid(1);
    } else {
        const qsizetype colon = d.indexOf(QLatin1Char(':'));
        *host = colon < 0 ? d : d.left(colon);
        d = colon < 0 ? QString() : d.mid(colon + 1);
        if (colon >= 0 && d.isEmpty())
            return false;
    }
    if (!d.isEmpty()) {
        bool ok = false;
        *port = d.toInt(&ok);
        if (!ok || *port <= 0 || *port > 65535)
            return false;
    }
    static const QRegularExpression hostChars(QStringLiteral("^[A-Za-z0-9._:%-]+$"));
    static const QRegularExpression userChars(QStringLiteral("^[^\\s@:/]+$"));
    return !host->isEmpty() && hostChars.match(*host).hasMatch() &&
           (user->isEmpty() || userChars.match(*user).hasMatch());
}

QString SshOptions::validate() const
{
    if (!isEnabled())
        return {};
    QString user, host;
    int port = 0;
    if (!parseDestination(destination, &user, &host, &port))
        return QStringLiteral("\"%1\" is not an SSH destination like user@bastion.example.com[:22]").arg(destination);
    return {};
}

QString SshOptions::checkFiles() const
{
    if (!isEnabled())
        return {};
    if (!keyFile.isEmpty()) {
        const QFileInfo key(keyFile);
        if (!key.exists())
            return QStringLiteral("the SSH key file %1 does not exist").arg(keyFile);
        if (!key.isFile() || !key.isReadable())
            return QStringLiteral("the SSH key file %1 cannot be read").arg(keyFile);
    }
    const QString config = configFile.trimmed();
    if (!config.isEmpty() && config != QLatin1String("none") && !QFileInfo(config).isReadable())
        return QStringLiteral("the SSH config file %1 cannot be read").arg(config);
    return {};
}

} // namespace etcd
