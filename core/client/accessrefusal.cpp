// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/accessrefusal.h"

#include "client/keyrange.h"
#include "format/keytext.h"

#include <cstring>

namespace etcd::detail {

namespace {

QString verbFor(const char *operation)
{
    static const struct
    {
        const char *operation;
        const char *verb;
    } verbs[] = {
        {"range", "read"},
        {"paged range", "read"},
        {"put", "write"},
        {"delete", "delete"},
        {"watch", "watch"},
        {"transaction", "run this transaction"},
        {"user list", "list users"},
        {"role list", "list roles"},
        {"user get", "read the user"},
        {"role get", "read the role"},
    };
    for (const auto &v : verbs) {
        if (std::strcmp(v.operation, operation) == 0)
            return QString::fromLatin1(v.verb);
    }
    return QStringLiteral("do \"%1\"").arg(QString::fromLatin1(operation));
}

} // namespace

QString describeKeys(const QByteArray &key, const QByteArray &rangeEnd)
{
    const QByteArray everything(1, '\0');
    if (rangeEnd.isEmpty())
        return QStringLiteral("the key %1").arg(quotedKey(key));
    if ((key.isEmpty() || key == everything) && rangeEnd == everything)
        return QStringLiteral("all keys");
    if (rangeEnd == keyrange::prefixEnd(key))
        return QStringLiteral("the prefix %1").arg(quotedKey(key));
    if (rangeEnd == everything)
        return QStringLiteral("the keys from %1 on").arg(quotedKey(key));
    return QStringLiteral("the keys from %1 to %2").arg(quotedKey(key), quotedKey(rangeEnd));
}

QString describeRefusal(const QString &user, const char *operation, const QString &keys)
{
    const QString who = user.isEmpty() ? QStringLiteral("the user of this client certificate")
                                       : QStringLiteral("user \"%1\"").arg(user);
    const QString what = keys.isEmpty() ? verbFor(operation) : verbFor(operation) + QLatin1Char(' ') + keys;
    return QStringLiteral("permission denied by etcd: %1 may not %2 (the user's roles do not allow this)")
        .arg(who, what);
}

} // namespace etcd::detail
