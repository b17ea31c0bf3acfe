// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/locks/locksmirror.h"

#include "client/continuation.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>

namespace etcd {

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

LocksMirror::LocksMirror(EtcdClient *client, Options options, QObject *parent)
    : QObject(parent), m_client(client), m_options(std::move(options))
{
    m_ttlTimer.setInterval(m_options.ttlRefreshMs);
    connect(&m_ttlTimer, &QTimer::timeout, this, &LocksMirror::pollTtls);
    // New contenders arrive one by one within a watch batch: one TTL round for all of them.
    m_ttlSoon.setSingleShot(true);
    m_ttlSoon.setInterval(100);
    connect(&m_ttlSoon, &QTimer::timeout, this, &LocksMirror::pollTtls);
}

LocksMirror::~LocksMirror()
{
    if (m_monitor)
        m_monitor->setInterest(QStringLiteral("locks mirror %1").arg(quintptr(this), 0, 16), {});
}

const LockRecipe *LocksMirror::recipe(const QByteArray &name) const
{
    auto it = m_recipes.find(name);
    return it == m_recipes.end() ? nullptr : &it->second;
}

const HolderReign *LocksMirror::reign(quint64 serial) const
{
    return const_cast<LocksMirror *>(this)->reignFor(serial);
}

HolderReign *LocksMirror::reignFor(quint64 serial)
{
    // Serials grow along the deque, so the entry is found by its distance from the front.
    if (serial == 0 || m_history.empty() || serial < m_history.front().serial)
        return nullptr;
    const quint64 i = serial - m_history.front().serial;
    return i < m_history.size() ? &m_history[size_t(i)] : nullptr;
}

bool LocksMirror::isLoaded() const
{
    if (m_scans == 0)
        return false;
    for (const auto &entry : m_recipes)
        if (!entry.second.listed && entry.second.error.isOk())
            return false;
    return true;
}

void LocksMirror::checkLoaded()
{
    if (!m_loadedOnce && isLoaded()) {
        m_loadedOnce = true;
        Q_EMIT loaded();
    }
}

void LocksMirror::scan()
{
    if (m_scanning || !m_client)
        return;
    m_scanning = true;
    if (m_openedMs == 0)
        m_openedMs = nowMs();
    RecipeFinderOptions o;
    o.scope = m_options.scope;
    o.leaseProbeLimit = m_options.leaseProbeLimit;
    whenFinished(findRecipes(m_client, o, this), this, [this](const EtcdResult<RecipeScan> &r) {
        m_scanning = false;
        const bool first = m_scans++ == 0;
        if (!r.ok()) {
            m_scanError = r.error();
            Q_EMIT scanned();
            Q_EMIT failed(r.error());
            checkLoaded();
            return;
        }
        m_scanError = EtcdError();
        m_lastScan = r.value();
        m_lastScanMs = nowMs();
        const QSet<QByteArray> found(r->names.begin(), r->names.end());
        for (const QByteArray &name : r->names)
            if (m_recipes.find(name) == m_recipes.end())
                track(name, false, first);
        QVector<QByteArray> stale;
        for (const auto &entry : m_recipes)
            if (!entry.second.manual && entry.second.listed && entry.second.contenders.empty() &&
                !found.contains(entry.first))
                stale << entry.first;
        for (const QByteArray &name : std::as_const(stale))
            dropRecipe(name);
        Q_EMIT scanned();
        checkLoaded();
    });
}

void LocksMirror::addRecipe(const QByteArray &name)
{
    QByteArray n = name;
    if (n.endsWith('/'))
        n.chop(1);
    if (auto it = m_recipes.find(n); it != m_recipes.end()) {
        it->second.manual = true;
        return;
    }
    if (m_openedMs == 0)
        m_openedMs = nowMs();
    track(n, true, false);
}

void LocksMirror::track(const QByteArray &name, bool manual, bool foundAtOpen)
{
    LockRecipe r;
    r.name = name;
    r.manual = manual;
    r.foundAtOpen = foundAtOpen;
    m_recipes.emplace(name, std::move(r));
    m_tracks.emplace(name, Track{});
    Q_EMIT recipeAdded(name);
    list(name);
}

void LocksMirror::dropRecipe(const QByteArray &name)
{
    auto t = m_tracks.find(name);
    if (t != m_tracks.end()) {
        delete t->second.watcher;
        m_tracks.erase(t);
    }
    m_recipes.erase(name);
    Q_EMIT recipeRemoved(name);
}

void LocksMirror::list(const QByteArray &name)
{
    auto t = m_tracks.find(name);
    if (!m_client || t == m_tracks.end())
        return;
    delete t->second.watcher;
    const int generation = ++t->second.generation;
    t->second.listing.clear();
    PagedRangeOptions o;
    o.range = RangeOptions::prefix(name + '/');
    auto walk = m_client->kv().pagedRange(o, this, [this, name, generation](const RangePage &page) {
        auto it = m_tracks.find(name);
        if (it == m_tracks.end() || it->second.generation != generation)
            return;
        it->second.listing.insert(it->second.listing.end(), page.kvs.begin(), page.kvs.end());
    });
    whenFinished(walk, this, [this, name, generation](const EtcdResult<PagedRangeSummary> &r) {
        auto it = m_tracks.find(name);
        if (it == m_tracks.end() || it->second.generation != generation)
            return;
        std::vector<KeyValue> kvs = std::move(it->second.listing);
        it->second.listing.clear();
        if (!r.ok()) {
            m_recipes[name].error = r.error();
            Q_EMIT recipeChanged(name);
            Q_EMIT failed(r.error());
            checkLoaded();
            return;
        }
        applyListing(name, kvs, r->header.revision);
    });
}

void LocksMirror::applyListing(const QByteArray &name, const std::vector<KeyValue> &kvs, qint64 revision)
{
    LockRecipe &r = m_recipes[name];
    const bool first = !r.listed;
    r.error = EtcdError();
    // Merge, so a relist after a compaction announces only what changed meanwhile.
    QSet<QByteArray> listed;
    for (const KeyValue &kv : kvs)
        listed.insert(kv.key);
    QVector<QByteArray> gone;
    for (const LockContender &c : r.contenders)
        if (!listed.contains(c.key))
            gone << c.key;
    for (const QByteArray &key : std::as_const(gone))
        removeContender(r, key);
    for (const KeyValue &kv : kvs)
        upsert(r, kv, first);
    // Once, after every key is in: a listing comes in key order, not in create revision order.
    settleHolder(r, first ? Cause::Listing : Cause::Relisted);
    if (first) {
        r.listed = true;
        r.listedMs = nowMs();
    }
    r.kind = lockrecipe::judgeKind(r.contenders, r.kind);
    startWatch(name, revision + 1);
    Q_EMIT recipeChanged(name);
    scheduleTtls();
    checkLoaded();
}

void LocksMirror::startWatch(const QByteArray &name, qint64 fromRevision)
{
    auto *watcher = m_client->watch(WatchOptions::prefix(name + '/', fromRevision), this);
    m_tracks[name].watcher = watcher;
    connect(watcher, &Watcher::events, this, [this, name](const WatchEvents &events) { onEvents(name, events); });
    connect(watcher, &Watcher::compacted, this, [this, name] { list(name); });
    connect(watcher, &Watcher::failed, this, [this, name](const EtcdError &error) {
        if (auto it = m_recipes.find(name); it != m_recipes.end()) {
            it->second.error = error;
            Q_EMIT recipeChanged(name);
        }
        Q_EMIT failed(error);
    });
}

void LocksMirror::onEvents(const QByteArray &name, const WatchEvents &events)
{
    auto it = m_recipes.find(name);
    if (it == m_recipes.end())
        return;
    LockRecipe &r = it->second;
    for (const WatchEvent &e : events) {
        if (e.type == WatchEvent::Delete) {
            removeContender(r, e.kv.key);
            settleHolder(r, Cause::Deleted);
            m_ownActions.erase(e.kv.key); // done: the reign (if it was one) has taken the cause
        } else {
            upsert(r, e.kv, false);
            settleHolder(r, Cause::Deleted);
        }
    }
    r.kind = lockrecipe::judgeKind(r.contenders, r.kind);
    Q_EMIT recipeChanged(name);
}

void LocksMirror::upsert(LockRecipe &r, const KeyValue &kv, bool wasThere)
{
    const auto byRevision = [](const LockContender &c, const KeyValue &k) {
        return c.createRevision < k.createRevision || (c.createRevision == k.createRevision && c.key < k.key);
    };
    const int at = r.position(kv.key);
    if (at >= 0 && r.contenders[size_t(at)].createRevision == kv.createRevision) {
        LockContender &c = r.contenders[size_t(at)];
        if (c.modRevision == kv.modRevision && c.lease == kv.lease)
            return;
        const bool newLease = c.lease != kv.lease;
        c.value = kv.value;
        c.modRevision = kv.modRevision;
        c.lease = kv.lease;
        c.sessionKey = lockrecipe::isSessionKey(kv.key, kv.lease);
        if (newLease) {
            c.ttl = -1;
            takeKnownTtl(c);
        }
        Q_EMIT contenderChanged(r.name, kv.key);
        return;
    }
    if (at >= 0) // deleted and created again between two listings: a new contender
        removeContender(r, kv.key);
    LockContender c;
    c.key = kv.key;
    c.value = kv.value;
    c.createRevision = kv.createRevision;
    c.modRevision = kv.modRevision;
    c.lease = kv.lease;
    c.sessionKey = lockrecipe::isSessionKey(kv.key, kv.lease);
    c.seenMs = nowMs();
    c.wasThere = wasThere;
    takeKnownTtl(c);
    const bool unknownTtl = c.lease != 0 && c.ttl < 0;
    r.contenders.insert(std::lower_bound(r.contenders.begin(), r.contenders.end(), kv, byRevision), std::move(c));
    Q_EMIT contenderAdded(r.name, kv.key);
    if (unknownTtl && (m_focus.isEmpty() || m_focus == r.name))
        scheduleTtls();
}

void LocksMirror::removeContender(LockRecipe &r, const QByteArray &key)
{
    const int at = r.position(key);
    if (at < 0)
        return;
    r.contenders.erase(r.contenders.begin() + at);
    Q_EMIT contenderRemoved(r.name, key);
}

void LocksMirror::settleHolder(LockRecipe &r, Cause cause)
{
    const LockContender *holder = r.holder();
    if (r.reign != 0 && holder && holder->key == r.reignKey && holder->createRevision == r.reignRevision) {
        r.reignLease = holder->lease;
        HolderReign *current = reignFor(r.reign);
        if (current && (current->value != holder->value || current->lease != holder->lease)) { // a Proclaim
            current->value = holder->value;
            current->lease = holder->lease;
            Q_EMIT reignChanged(current->serial);
        }
        return;
    }
    if (r.reign != 0) {
        const quint64 serial = r.reign;
        r.reign = 0;
        if (cause == Cause::Deleted)
            judgeEnd(serial, r.reignKey, r.reignLease);
        else
            endReign(serial, ReignEnd::Gone);
    }
    if (!holder)
        return;
    HolderReign reign;
    reign.serial = m_nextSerial++;
    reign.recipe = r.name;
    reign.key = holder->key;
    reign.value = holder->value;
    reign.lease = holder->lease;
    reign.createRevision = holder->createRevision;
    reign.startMs = nowMs();
    reign.wasThere = cause == Cause::Listing;
    if (!reign.wasThere)
        ++r.handovers;
    r.reign = reign.serial;
    r.reignKey = holder->key;
    r.reignRevision = holder->createRevision;
    r.reignLease = holder->lease;
    m_history.push_back(std::move(reign));
    Q_EMIT reignStarted(r.reign);
    while (m_history.size() > size_t(std::max(1, m_options.historyLimit))) {
        const quint64 dropped = m_history.front().serial;
        m_history.pop_front();
        Q_EMIT reignDropped(dropped);
    }
}

void LocksMirror::endReign(quint64 serial, ReignEnd end)
{
    HolderReign *reign = reignFor(serial);
    if (!reign)
        return;
    if (reign->endMs == 0)
        reign->endMs = nowMs();
    reign->end = end;
    Q_EMIT reignChanged(serial);
}

} // namespace etcd
