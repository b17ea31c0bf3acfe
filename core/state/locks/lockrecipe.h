// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcderror.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace etcd {

// etcd's concurrency recipes (Go's clientv3/concurrency Mutex and Election, `etcdctl lock` and
// `etcdctl elect`, the server-side v3lock and v3election services that jetcd and others call) all
// write one key per contender: NAME/<lease id in lowercase hex>, attached to that lease. The key
// with the lowest create revision under NAME/ holds the lock or leads; each waiter watches the key
// right before it. These types describe such a recipe as the console sees it.

enum class RecipeKind {
    Unknown,  // no contender to judge by, or both empty and non-empty values
    Lock,     // every value empty (Mutex writes "")
    Election, // every value set: the candidates' proposals
};

struct LockContender
{
    QByteArray key;
    QByteArray value; // an election's proposal; a lock's is usually empty
    qint64 createRevision = 0;
    qint64 modRevision = 0;
    qint64 lease = 0;
    bool sessionKey = false; // NAME/<lease hex> on that lease; anything else under NAME/ still counts
    qint64 seenMs = 0;       // when this console first saw it (epoch ms)
    bool wasThere = false;   // already there when its recipe was first listed: waiting since before
    // Remaining TTL of the lease as last read (-1: not read yet; 0: gone), counting down locally.
    qint64 ttl = -1;
    qint64 grantedTtl = 0;
    qint64 ttlCheckedAtMs = 0;

    qint64 ttlLeft(qint64 nowMs) const; // -1 when unknown or without lease
};

struct LockRecipe
{
    QByteArray name;                       // contenders are the keys under name + "/"
    bool manual = false;                   // added by hand: kept across rescans whatever its shape
    bool listed = false;                   // the first listing arrived
    qint64 listedMs = 0;                   // ... at this time
    bool foundAtOpen = false;              // found by the first scan: "before the view opened"
    std::vector<LockContender> contenders; // by create revision: the first one holds or leads
    RecipeKind kind = RecipeKind::Unknown; // as last judged (kept while nobody contends)
    int handovers = 0;                     // holders that took over since it was first listed
    quint64 reign = 0;                     // the current holder's history entry (0: nobody holds)
    QByteArray reignKey;                   // ... whose key, created at reignRevision, on reignLease
    qint64 reignRevision = 0;
    qint64 reignLease = 0;
    EtcdError error; // the listing or the watch failed (permission denied, ...)

    QByteArray keyPrefix() const { return name + '/'; }
    const LockContender *holder() const { return contenders.empty() ? nullptr : &contenders.front(); }
    int position(const QByteArray &key) const; // 0-based place in the queue, -1 when absent
    const LockContender *contender(const QByteArray &key) const;
};

// How a holder's reign ended.
enum class ReignEnd {
    Holding,      // still holds
    Checking,     // its key was deleted; asking etcd whether its lease went with it
    KeyDeleted,   // the key was deleted while its lease lived on: unlocked, resigned
    LeaseEnded,   // the key went with its lease: expired (process gone) or revoked
    ResignedHere, // deleted by this console's Resign
    RevokedHere,  // its lease was revoked by this console
    Gone,         // not there any more after a relist (how is unknown)
};

// One holder (or leader) of a recipe, from when this console saw it take over until it ended.
struct HolderReign
{
    quint64 serial = 0; // grows by one per reign; never reused
    QByteArray recipe;
    QByteArray key;
    QByteArray value; // the proposal, as last seen while holding (a Proclaim changes it)
    qint64 lease = 0;
    qint64 createRevision = 0;
    qint64 startMs = 0;    // took over at (for wasThere: when the recipe was first listed)
    bool wasThere = false; // already held when first listed: held since before startMs
    qint64 endMs = 0;
    ReignEnd end = ReignEnd::Holding;
};

namespace lockrecipe {

// Whether `key` is a recipe's session key: its last segment is `lease` in lowercase hex, as Go
// writes it ("%x": no leading zeros), and the key is attached to that very lease.
bool isSessionKey(const QByteArray &key, qint64 lease);
// The recipe's name for a key: everything before its last '/' ("" when there is no '/').
QByteArray nameOf(const QByteArray &key);
// The kind the values say: every session key empty is a lock, every one set an election.
RecipeKind judgeKind(const std::vector<LockContender> &contenders, RecipeKind previous);
QString kindName(RecipeKind kind); // "lock", "election", "election or lock"
QString endText(ReignEnd end);     // "key deleted (unlocked or resigned)", ...

} // namespace lockrecipe

} // namespace etcd
