#include "client/accessrefusal.h"

#include "client/keyrange.h"

#include <cstring>

namespace etcd::detail {

namespace {

// Printable ASCII as it is, anything else as \xNN: a key is bytes, not necessarily text.
QString keyText(const QByteArray &key)
{
    QString text;
    for (const char c : key) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7f && c != '"' && c != '\\')
            text += QLatin1Char(c);
        else
            text += QStringLiteral("\\x%1").arg(byte, 2, 16, QLatin1Char('0'));
    }
    return QLatin1Char('"') + text + QLatin1Char('"');
}

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
        return QStringLiteral("the key %1").arg(keyText(key));
    if ((key.isEmpty() || key == everything) && rangeEnd == everything)
        return QStringLiteral("all keys");
    if (rangeEnd == keyrange::prefixEnd(key))
        return QStringLiteral("the prefix %1").arg(keyText(key));
    if (rangeEnd == everything)
        return QStringLiteral("the keys from %1 on").arg(keyText(key));
    return QStringLiteral("the keys from %1 to %2").arg(keyText(key), keyText(rangeEnd));
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
