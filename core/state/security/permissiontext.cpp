// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/security/permissiontext.h"

#include "client/keyrange.h"
#include "format/keytext.h"

namespace etcd::permissiontext {

namespace {

const QByteArray kZero(1, '\0');

} // namespace

RangeKind kindOf(const QByteArray &key, const QByteArray &rangeEnd)
{
    if (rangeEnd.isEmpty())
        return RangeKind::ExactKey;
    if (rangeEnd == kZero)
        return key == kZero || key.isEmpty() ? RangeKind::AllKeys : RangeKind::FromKey;
    if (!key.isEmpty() && rangeEnd == keyrange::prefixEnd(key))
        return RangeKind::Prefix;
    return RangeKind::Range;
}

QString kindName(RangeKind kind)
{
    switch (kind) {
    case RangeKind::ExactKey:
        return QStringLiteral("exact key");
    case RangeKind::Prefix:
        return QStringLiteral("prefix");
    case RangeKind::AllKeys:
        return QStringLiteral("all keys");
    case RangeKind::FromKey:
        return QStringLiteral("from key");
    case RangeKind::Range:
        return QStringLiteral("range");
    }
    return {};
}

QString describeRange(const QByteArray &key, const QByteArray &rangeEnd)
{
    const auto show = [](const QByteArray &k) { return displayKey(k); };
    switch (kindOf(key, rangeEnd)) {
    case RangeKind::ExactKey:
        return show(key);
    case RangeKind::Prefix:
        return show(key) + QLatin1Char('*');
    case RangeKind::AllKeys:
        return QStringLiteral("all keys");
    case RangeKind::FromKey:
        return QStringLiteral(">= ") + show(key);
    case RangeKind::Range:
        return QStringLiteral("[%1, %2)").arg(show(key), show(rangeEnd));
    }
    return {};
}

QString typeName(Permission::Type type)
{
    switch (type) {
    case Permission::Read:
        return QStringLiteral("read");
    case Permission::Write:
        return QStringLiteral("write");
    case Permission::ReadWrite:
        return QStringLiteral("readwrite");
    }
    return QStringLiteral("unknown (%1)").arg(int(type));
}

QString describe(const Permission &permission)
{
    return typeName(permission.type) + QLatin1Char(' ') + describeRange(permission.key, permission.rangeEnd);
}

bool rangeFor(RangeKind kind, const QByteArray &typed, QByteArray *key, QByteArray *rangeEnd, QString *error)
{
    switch (kind) {
    case RangeKind::AllKeys:
        // What etcdctl sends for an empty key with --prefix: etcd reads "\0" as "no end".
        *key = kZero;
        *rangeEnd = kZero;
        return true;
    case RangeKind::ExactKey:
    case RangeKind::Prefix:
    case RangeKind::FromKey:
        if (typed.isEmpty()) {
            *error = kind == RangeKind::Prefix ? QStringLiteral("type a prefix (for every key, choose \"all keys\")")
                                               : QStringLiteral("type a key");
            return false;
        }
        *key = typed;
        *rangeEnd = kind == RangeKind::ExactKey ? QByteArray()
                    : kind == RangeKind::Prefix ? keyrange::prefixEnd(typed)
                                                : kZero;
        return true;
    case RangeKind::Range:
        break;
    }
    *error = QStringLiteral("a range needs an end key; choose exact key, prefix or all keys");
    return false;
}

} // namespace etcd::permissiontext
