// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/keyspace/keyhistory.h"

#include <QPromise>

#include <memory>

namespace etcd {

namespace {

// One step back at a time, on gRPC's threads: no context needed, the promise carries the result.
struct HistoryWalk : std::enable_shared_from_this<HistoryWalk>
{
    Kv kv;
    QByteArray key;
    int maxVersions;
    KeyHistory history;
    QPromise<EtcdResult<KeyHistory>> promise;

    HistoryWalk(Kv k, QByteArray ky, int max) : kv(std::move(k)), key(std::move(ky)), maxVersions(max) {}

    void step(qint64 atRevision)
    {
        RangeOptions o = RangeOptions::single(key);
        o.revision = atRevision; // 0: now
        auto self = shared_from_this();
        kv.range(o).then([self](EtcdResult<RangeResult> r) { self->received(r); });
    }

    void received(const EtcdResult<RangeResult> &r)
    {
        if (!r.ok()) {
            if (r.error().isCompacted() && !history.versions.isEmpty()) {
                history.compacted = true;
                return finish();
            }
            promise.addResult(r.error());
            promise.finish();
            return;
        }
        if (r->kvs.isEmpty())
            return finish(); // did not exist then (or at all, for the first read)
        const KeyValue &kv0 = r->kvs.constFirst();
        history.versions << kv0;
        if (kv0.version <= 1 || kv0.modRevision <= kv0.createRevision) {
            history.reachedCreation = true;
            return finish();
        }
        if (history.versions.size() >= maxVersions) {
            history.truncated = true;
            return finish();
        }
        step(kv0.modRevision - 1);
    }

    void finish()
    {
        promise.addResult(history);
        promise.finish();
    }
};

} // namespace

QFuture<EtcdResult<KeyHistory>> loadKeyHistory(EtcdClient *client, const QByteArray &key, int maxVersions)
{
    auto walk = std::make_shared<HistoryWalk>(client->kv(), key, maxVersions);
    walk->promise.start();
    auto future = walk->promise.future();
    walk->step(0);
    return future;
}

} // namespace etcd
