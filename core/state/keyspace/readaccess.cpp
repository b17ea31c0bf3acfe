// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/keyspace/readaccess.h"

#include "client/auth.h"
#include "client/continuation.h"
#include "client/etcdclient.h"
#include "client/keyrange.h"
#include "format/keytext.h"

#include <algorithm>
#include <memory>

namespace etcd {

namespace {

// An interval with an explicit "no end", so ends compare without etcd's "\0" convention.
struct Span
{
    QByteArray begin;
    QByteArray end;
    bool open = false; // no end

    bool endsBefore(const Span &o) const { return !open && (o.open || end < o.end); }
    bool isEmpty() const { return !open && end <= begin; }
};

bool isNoEnd(const QByteArray &rangeEnd)
{
    return rangeEnd.size() == 1 && rangeEnd.at(0) == '\0';
}

Span spanOf(const KeyInterval &r)
{
    Span s;
    s.begin = r.key;
    if (r.isSingleKey())
        s.end = keyrange::successor(r.key);
    else if (isNoEnd(r.rangeEnd))
        s.open = true;
    else
        s.end = r.rangeEnd;
    return s;
}

KeyInterval intervalOf(const Span &s)
{
    // etcd refuses an empty key in a request; "\0" starts the same keys (no key is empty).
    KeyInterval r{s.begin.isEmpty() ? QByteArray(1, '\0') : s.begin, QByteArray()};
    if (s.open)
        r.rangeEnd = keyrange::fromKeyEnd();
    else if (s.end != keyrange::successor(s.begin))
        r.rangeEnd = s.end;
    return r;
}

Span scopeSpan(const QByteArray &scope)
{
    Span s;
    s.begin = scope;
    const QByteArray end = keyrange::prefixEnd(scope);
    s.open = scope.isEmpty() || isNoEnd(end);
    if (!s.open)
        s.end = end;
    return s;
}

} // namespace

bool KeyInterval::isPrefix() const
{
    if (isSingleKey())
        return false;
    if ((key.isEmpty() || key == QByteArray(1, '\0')) && isNoEnd(rangeEnd))
        return true; // every key
    return rangeEnd == keyrange::prefixEnd(key);
}

bool KeyInterval::contains(const QByteArray &k) const
{
    if (isSingleKey())
        return k == key;
    return !(k < key) && keyrange::isBefore(k, rangeEnd);
}

QString KeyInterval::describe() const
{
    if (isSingleKey())
        return displayKey(key);
    if (isPrefix())
        return key.isEmpty() || key == QByteArray(1, '\0') ? QStringLiteral("every key") : displayKey(key) + QLatin1Char('*');
    if (isNoEnd(rangeEnd))
        return QStringLiteral("%1 and every key after it").arg(displayKey(key));
    return QStringLiteral("from %1 up to %2").arg(displayKey(key), displayKey(rangeEnd));
}

ReadAccess ReadAccess::fromRoles(const QString &user, const QStringList &roleNames, const QVector<RoleInfo> &roles)
{
    ReadAccess access;
    access.user = user;
    access.roles = roleNames;
    access.everything = roleNames.contains(QStringLiteral("root"));
    QVector<Span> spans;
    for (const RoleInfo &role : roles)
        for (const Permission &p : role.permissions)
            if (p.type == Permission::Read || p.type == Permission::ReadWrite)
                spans << spanOf(KeyInterval{p.key, p.rangeEnd});
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.begin < b.begin; });
    // Overlapping and touching intervals merge: etcd checks a range against the union.
    QVector<Span> merged;
    for (const Span &s : spans) {
        if (s.isEmpty())
            continue;
        if (!merged.isEmpty() && (merged.last().open || !(merged.last().end < s.begin))) {
            if (merged.last().endsBefore(s)) {
                merged.last().end = s.end;
                merged.last().open = s.open;
            }
            continue;
        }
        merged << s;
    }
    for (const Span &s : merged)
        access.ranges << intervalOf(s);
    return access;
}

QVector<KeyInterval> ReadAccess::within(const QByteArray &scope) const
{
    const Span bounds = scopeSpan(scope);
    QVector<KeyInterval> out;
    for (const KeyInterval &r : ranges) {
        Span s = spanOf(r);
        if (s.begin < bounds.begin)
            s.begin = bounds.begin;
        if (bounds.endsBefore(s)) {
            s.end = bounds.end;
            s.open = false;
        }
        if (!s.isEmpty())
            out << intervalOf(s);
    }
    return out;
}

bool ReadAccess::coversAll(const QByteArray &scope) const
{
    if (everything)
        return true;
    const Span bounds = scopeSpan(scope);
    const QByteArray from = scope.isEmpty() ? QByteArray(1, '\0') : scope;
    for (const KeyInterval &r : ranges) {
        const Span s = spanOf(r);
        if (!(from < s.begin) && !s.endsBefore(bounds))
            return true;
    }
    return false;
}

QString ReadAccess::describeRanges(int max) const
{
    QStringList parts;
    for (const KeyInterval &r : ranges) {
        if (parts.size() == max) {
            parts << QStringLiteral("… (%1 more)").arg(ranges.size() - max);
            break;
        }
        parts << r.describe();
    }
    return parts.join(QStringLiteral(", "));
}

void fetchReadAccess(EtcdClient *client, const QString &user, QObject *context,
                     std::function<void(const EtcdResult<ReadAccess> &)> done)
{
    struct Gather
    {
        QStringList names;
        QVector<RoleInfo> roles;
        int waiting = 0;
        bool over = false;
    };
    const Auth auth = client->auth();
    whenFinished(auth.user(user), context, [auth, user, context, done](const EtcdResult<UserInfo> &u) {
        if (!u.ok())
            return done(u.error());
        auto gather = std::make_shared<Gather>();
        gather->names = u->roles;
        for (const QString &name : u->roles)
            if (name != QLatin1String("root")) // etcd's root role may exist only by name; it reads everything
                ++gather->waiting;
        if (gather->waiting == 0)
            return done(ReadAccess::fromRoles(user, gather->names, {}));
        for (const QString &name : u->roles) {
            if (name == QLatin1String("root"))
                continue;
            whenFinished(auth.role(name), context, [gather, user, done](const EtcdResult<RoleInfo> &r) {
                if (gather->over)
                    return;
                if (!r.ok()) {
                    gather->over = true;
                    return done(r.error());
                }
                gather->roles << r.value();
                if (--gather->waiting == 0) {
                    gather->over = true;
                    done(ReadAccess::fromRoles(user, gather->names, gather->roles));
                }
            });
        }
    });
}

} // namespace etcd
