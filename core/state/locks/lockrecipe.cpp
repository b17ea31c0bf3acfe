// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/locks/lockrecipe.h"

#include <QCoreApplication>

#include <algorithm>

namespace etcd {

qint64 LockContender::ttlLeft(qint64 nowMs) const
{
    if (lease == 0 || ttl < 0)
        return -1;
    return std::max<qint64>(0, ttl - (nowMs - ttlCheckedAtMs) / 1000);
}

int LockRecipe::position(const QByteArray &key) const
{
    for (size_t i = 0; i < contenders.size(); ++i)
        if (contenders[i].key == key)
            return int(i);
    return -1;
}

const LockContender *LockRecipe::contender(const QByteArray &key) const
{
    const int i = position(key);
    return i < 0 ? nullptr : &contenders[size_t(i)];
}

namespace lockrecipe {

bool isSessionKey(const QByteArray &key, qint64 lease)
{
    // Lease ids are positive 63-bit numbers, at most 16 hex digits.
    if (lease <= 0)
        return false;
    const int slash = key.lastIndexOf('/');
    if (slash < 0)
        return false;
    const int digits = int(key.size()) - slash - 1;
    if (digits < 1 || digits > 16)
        return false;
    return key.mid(slash + 1) == QByteArray::number(lease, 16);
}

QByteArray nameOf(const QByteArray &key)
{
    const int slash = key.lastIndexOf('/');
    return slash < 0 ? QByteArray() : key.left(slash);
}

RecipeKind judgeKind(const std::vector<LockContender> &contenders, RecipeKind previous)
{
    int empty = 0, set = 0;
    for (const LockContender &c : contenders) {
        if (!c.sessionKey)
            continue; // another key under the name says nothing about the recipe
        (c.value.isEmpty() ? empty : set) += 1;
    }
    if (empty == 0 && set == 0)
        return previous;
    if (set == 0)
        return RecipeKind::Lock;
    if (empty == 0)
        return RecipeKind::Election;
    return RecipeKind::Unknown;
}

QString kindName(RecipeKind kind)
{
    switch (kind) {
    case RecipeKind::Lock: return QCoreApplication::translate("etcd::LockRecipe", "lock");
    case RecipeKind::Election: return QCoreApplication::translate("etcd::LockRecipe", "election");
    case RecipeKind::Unknown: break;
    }
    return QCoreApplication::translate("etcd::LockRecipe", "election or lock");
}

QString endText(ReignEnd end)
{
    switch (end) {
    case ReignEnd::Holding: return QCoreApplication::translate("etcd::LockRecipe", "holds");
    case ReignEnd::Checking: return QCoreApplication::translate("etcd::LockRecipe", "key deleted…");
    case ReignEnd::KeyDeleted:
        return QCoreApplication::translate("etcd::LockRecipe", "key deleted (unlocked or resigned)");
    case ReignEnd::LeaseEnded: return QCoreApplication::translate("etcd::LockRecipe", "lease expired or revoked");
    case ReignEnd::ResignedHere: return QCoreApplication::translate("etcd::LockRecipe", "resigned by this console");
    case ReignEnd::RevokedHere: return QCoreApplication::translate("etcd::LockRecipe", "lease revoked by this console");
    case ReignEnd::Gone: return QCoreApplication::translate("etcd::LockRecipe", "gone (seen on a relist)");
    }
    return {};
}

} // namespace lockrecipe

} // namespace etcd
