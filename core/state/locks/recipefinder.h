// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"

#include <QFuture>
#include <QVector>

namespace etcd {

// What a search for lock and election recipes found, and what it cost.
struct RecipeScan
{
    enum class Method {
        NoLeases,  // the lease list was empty: no recipe can exist (every contender key has a lease)
        LeaseKeys, // each lease was asked for its keys (few leases)
        KeysOnly,  // a keys-only paged walk of the scope (many leases)
    };
    QVector<QByteArray> names; // recipe names (contenders under name + "/"), sorted
    Method method = Method::NoLeases;
    int leases = 0;          // leases listed
    qint64 keysRead = 0;     // keys looked at: attached to leases, or walked
    int requests = 0;        // requests sent to etcd, the lease list included
    qint64 walkRevision = 0; // the walk's revision (KeysOnly)
};

struct RecipeFinderOptions
{
    QByteArray scope; // only keys under this prefix (empty: the whole keyspace)
    // Up to this many leases, each lease is asked for its keys (one small request per lease, and
    // nothing that grows with the keyspace); beyond, the keys of the scope are walked instead.
    int leaseProbeLimit = 256;
    int probesInFlight = 8;
};

// Finds recipe prefixes by their key shape without reading any value: a key whose last segment is
// its own lease's id in lowercase hex (see lockrecipe::isSessionKey) names the recipe before it.
// With few leases (the usual case) each lease's keys are asked for; with many, or when etcd refuses
// lease reads (permission), a keys-only paged walk of the scope (several pages in flight) looks
// at every key's lease. The future completes on a gRPC thread; continue with whenFinished().
QFuture<EtcdResult<RecipeScan>> findRecipes(EtcdClient *client, const RecipeFinderOptions &options, QObject *context);

} // namespace etcd
