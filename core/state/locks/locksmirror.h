// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "state/leases/leasemonitor.h"
#include "state/locks/lockrecipe.h"
#include "state/locks/recipefinder.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <map>

namespace etcd {

struct LocksMirrorOptions
{
    QByteArray scope;          // only recipes under this prefix
    int leaseProbeLimit = 256; // see RecipeFinderOptions
    int ttlRefreshMs = 5000;   // TTL reads of the recipe in focus (without a lease monitor)
    int historyLimit = 500;    // holders kept in the history, oldest dropped first
};

// The lock and election recipes of a cluster, kept live: which ones exist, who holds or leads each,
// who waits in which order, and every holder seen since the first scan.
//
// Nothing is read until scan() (the Locks view calls it when first shown, and on Rescan): findRecipes
// looks for contender keys without reading values, then each recipe found is listed with values
// and followed by its own watch on the client's shared stream (a compaction relists it). Recipes
// that appear later are found by the next scan, or at once when a LeaseMonitor is attached: it
// reads every new lease's keys anyway, so a new contender key there adds its recipe for free.
// Lease TTLs are read only for the recipe in focus while someone looks (setLooking), every few
// seconds, and count down locally in between; an idle console asks nothing.
class LocksMirror : public QObject
{
    Q_OBJECT
public:
    using Options = LocksMirrorOptions;

    explicit LocksMirror(EtcdClient *client, Options options = {}, QObject *parent = nullptr);
    ~LocksMirror() override;

    // Look for recipes (again): new ones are listed and watched; ones found before that have no
    // contender left and were not added by hand are dropped.
    void scan();
    bool isScanning() const { return m_scanning; }
    int scanCount() const { return m_scans; }
    // Scanned once, and every recipe found has been listed (or failed to).
    bool isLoaded() const;
    const RecipeScan &lastScan() const { return m_lastScan; }
    qint64 lastScanMs() const { return m_lastScanMs; }
    EtcdError scanError() const { return m_scanError; }
    qint64 openedMs() const { return m_openedMs; } // when the first scan started (0: never)

    // Follow a prefix whatever its keys look like (a recipe of another shape). "NAME" or "NAME/".
    void addRecipe(const QByteArray &name);

    void setLeaseMonitor(LeaseMonitor *monitor);
    void setLooking(bool looking);         // someone looks: keep the TTLs of the recipe in focus fresh
    void setFocus(const QByteArray &name); // empty: every recipe
    QByteArray focus() const { return m_focus; }
    bool ttlsKnown(const QByteArray &name) const; // every leased contender's TTL has been read

    const std::map<QByteArray, LockRecipe> &recipes() const { return m_recipes; }
    const LockRecipe *recipe(const QByteArray &name) const;
    const std::deque<HolderReign> &history() const { return m_history; }
    const HolderReign *reign(quint64 serial) const;

    // What a revoke would take with it (the lease's keys as etcd has them now).
    QFuture<EtcdResult<LeaseTimeToLive>> leaseKeys(qint64 lease) const;
    // Revoke the lease of a contender: etcd deletes every key on it, so it leaves every recipe it
    // is in. A write: refused in core on a read-only connection.
    // `expectedLease` (when not 0): the lease the person was asked about; a contender re-created on
    // another lease meanwhile is refused, not its new lease revoked.
    QFuture<EtcdResult<ResponseHeader>> revoke(const QByteArray &recipe, const QByteArray &key,
                                               qint64 expectedLease = 0);
    // Delete the holder's key if it is still the one created at its create revision, as Go's
    // Election.Resign does. `succeeded` is false when the key changed or went meanwhile.
    // `expectedRevision` (when not 0): the create revision the person was shown; the compare uses
    // it, so a key re-created meanwhile (same name, later revision) is left alone.
    QFuture<EtcdResult<TxnResult>> resign(const QByteArray &recipe, const QByteArray &key, qint64 expectedRevision = 0);

Q_SIGNALS:
    void scanned(); // a scan ended (see lastScan() / scanError())
    void loaded();  // once: the first scan and its listings are in
    void recipeAdded(const QByteArray &name);
    void recipeChanged(const QByteArray &name); // holder, kind, counts or error
    void recipeRemoved(const QByteArray &name);
    // One contender at a time, each after the mirror changed (so positions read now are current).
    void contenderAdded(const QByteArray &name, const QByteArray &key);
    void contenderChanged(const QByteArray &name, const QByteArray &key); // value, lease or TTL
    void contenderRemoved(const QByteArray &name, const QByteArray &key);
    void reignStarted(quint64 serial);
    void reignChanged(quint64 serial);
    void reignDropped(quint64 serial); // the history's limit
    void failed(const etcd::EtcdError &error);

private:
    struct Track
    {
        QPointer<Watcher> watcher;
        int generation = 0;
        std::vector<KeyValue> listing; // a listing in progress
    };
    enum class Cause { Listing, Deleted, Relisted };

    void track(const QByteArray &name, bool manual, bool foundAtOpen);
    void list(const QByteArray &name);
    void applyListing(const QByteArray &name, const std::vector<KeyValue> &kvs, qint64 revision);
    void startWatch(const QByteArray &name, qint64 fromRevision);
    void onEvents(const QByteArray &name, const WatchEvents &events);
    void upsert(LockRecipe &r, const KeyValue &kv, bool wasThere);
    void removeContender(LockRecipe &r, const QByteArray &key);
    void settleHolder(LockRecipe &r, Cause cause);
    HolderReign *reignFor(quint64 serial);
    void endReign(quint64 serial, ReignEnd end);
    void dropRecipe(const QByteArray &name);
    void checkLoaded();
    // TTLs, live discovery and actions (locksmirrorleases.cpp).
    QSet<qint64> leasesInFocus() const;
    void takeKnownTtl(LockContender &c) const;
    void pollTtls();
    void scheduleTtls();
    void setTtl(qint64 lease, qint64 ttl, qint64 grantedTtl, qint64 checkedAtMs);
    void updateLeaseInterest();
    void onLeaseKeys(qint64 lease);
    void judgeEnd(quint64 serial, const QByteArray &key, qint64 lease);

    QPointer<EtcdClient> m_client;
    Options m_options;
    std::map<QByteArray, LockRecipe> m_recipes;
    std::map<QByteArray, Track> m_tracks;
    std::deque<HolderReign> m_history;
    quint64 m_nextSerial = 1;
    std::map<QByteArray, ReignEnd> m_ownActions; // keys this console is deleting, and how
    RecipeScan m_lastScan;
    EtcdError m_scanError;
    qint64 m_lastScanMs = 0;
    qint64 m_openedMs = 0;
    int m_scans = 0;
    bool m_scanning = false;
    bool m_loadedOnce = false;
    QPointer<LeaseMonitor> m_monitor;
    bool m_looking = true;
    QByteArray m_focus;
    QTimer m_ttlTimer;
    QTimer m_ttlSoon;
    int m_ttlGeneration = 0;
};

} // namespace etcd
