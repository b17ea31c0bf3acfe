// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/locks/recipefinder.h"

#include "client/continuation.h"
#include "state/locks/lockrecipe.h"

#include <QPointer>
#include <QPromise>
#include <QSet>

#include <algorithm>

namespace etcd {

namespace {

// One search, alive until it has answered (or its context is destroyed, which cancels it).
class RecipeFinder : public QObject
{
public:
    RecipeFinder(EtcdClient *client, RecipeFinderOptions options, QObject *parent)
        : QObject(parent), m_client(client), m_options(std::move(options))
    {}

    ~RecipeFinder() override
    {
        m_walk.cancel();
        if (!m_done) { // the context went first: nobody waits for an answer
            m_promise.future().cancel();
            m_promise.finish();
        }
    }

    QFuture<EtcdResult<RecipeScan>> start()
    {
        m_promise.start();
        const QFuture<EtcdResult<RecipeScan>> future = m_promise.future();
        listLeases();
        return future;
    }

private:
    void listLeases()
    {
        ++m_scan.requests;
        whenFinished(m_client->lease().list(), this, [this](const EtcdResult<LeaseList> &r) {
            if (!r.ok())
                return walk(); // reading keys may still be allowed
            m_scan.leases = int(r->ids.size());
            if (r->ids.isEmpty()) {
                m_scan.method = RecipeScan::Method::NoLeases;
                return finish();
            }
            if (r->ids.size() > m_options.leaseProbeLimit)
                return walk();
            m_scan.method = RecipeScan::Method::LeaseKeys;
            m_leases = r->ids;
            probe();
        });
    }

    void probe()
    {
        while (!m_walking && m_inFlight < std::max(1, m_options.probesInFlight) && !m_leases.isEmpty()) {
            const qint64 id = m_leases.takeLast();
            ++m_inFlight;
            ++m_scan.requests;
            whenFinished(m_client->lease().timeToLive(id, true), this,
                         [this, id](const EtcdResult<LeaseTimeToLive> &r) {
                             --m_inFlight;
                             if (m_walking || m_done)
                                 return;
                             if (!r.ok() && r.error().isPermissionDenied())
                                 return walk(); // etcd checks read permission on a lease's keys: walk what we may read
                             if (!r.ok() && !r.error().isLeaseNotFound())
                                 return fail(r.error());
                             if (r.ok()) {
                                 for (const QByteArray &key : r->keys)
                                     consider(key, id);
                                 m_scan.keysRead += r->keys.size();
                             }
                             if (m_leases.isEmpty() && m_inFlight == 0)
                                 return finish();
                             probe();
                         });
        }
    }

    void walk()
    {
        m_walking = true;
        m_names.clear();
        m_scan.method = RecipeScan::Method::KeysOnly;
        m_scan.keysRead = 0;
        PagedRangeOptions o;
        o.range = RangeOptions::prefix(m_options.scope);
        o.range.keysOnly = true; // a key's lease comes with it; its value is never needed here
        m_walk = m_client->kv().pagedRange(o, this, [this](const RangePage &page) {
            for (const KeyValue &kv : page.kvs)
                if (kv.lease != 0 && lockrecipe::isSessionKey(kv.key, kv.lease))
                    m_names.insert(lockrecipe::nameOf(kv.key));
            m_scan.keysRead += page.kvs.size();
        });
        whenFinished(m_walk, this, [this](const EtcdResult<PagedRangeSummary> &r) {
            if (!r.ok())
                return fail(r.error());
            m_scan.requests += r->requests;
            m_scan.walkRevision = r->header.revision;
            finish();
        });
    }

    void consider(const QByteArray &key, qint64 lease)
    {
        if (!key.startsWith(m_options.scope))
            return;
        if (lockrecipe::isSessionKey(key, lease))
            m_names.insert(lockrecipe::nameOf(key));
    }

    void finish()
    {
        m_scan.names = QVector<QByteArray>(m_names.begin(), m_names.end());
        std::sort(m_scan.names.begin(), m_scan.names.end());
        answer(EtcdResult<RecipeScan>(m_scan));
    }

    void fail(const EtcdError &error) { answer(EtcdResult<RecipeScan>(error)); }

    void answer(const EtcdResult<RecipeScan> &result)
    {
        if (m_done)
            return;
        m_done = true;
        m_promise.addResult(result);
        m_promise.finish();
        deleteLater();
    }

    QPointer<EtcdClient> m_client;
    RecipeFinderOptions m_options;
    QPromise<EtcdResult<RecipeScan>> m_promise;
    QFuture<EtcdResult<PagedRangeSummary>> m_walk;
    RecipeScan m_scan;
    QSet<QByteArray> m_names;
    QVector<qint64> m_leases; // still to ask
    int m_inFlight = 0;
    bool m_walking = false;
    bool m_done = false;
};

} // namespace

QFuture<EtcdResult<RecipeScan>> findRecipes(EtcdClient *client, const RecipeFinderOptions &options, QObject *context)
{
    if (!client) {
        QPromise<EtcdResult<RecipeScan>> promise;
        promise.start();
        promise.addResult(EtcdResult<RecipeScan>(EtcdError::shutdown()));
        promise.finish();
        return promise.future();
    }
    return (new RecipeFinder(client, options, context))->start();
}

} // namespace etcd
