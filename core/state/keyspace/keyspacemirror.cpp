// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/keyspace/keyspacemirror.h"

#include <QMetaMethod>

#include "client/continuation.h"
#include "client/keyrange.h"

#include <QDateTime>

namespace etcd {

KeySpaceMirror::KeySpaceMirror(EtcdClient *client, const Options &options, QObject *parent)
    : KeyTreeSource(parent), m_client(client), m_options(options),
      m_tree(std::make_unique<KeyTree>(options.scope, options.delimiter))
{}

KeySpaceMirror::~KeySpaceMirror()
{
    for (Part &p : m_parts)
        p.walk.cancel();
}

void KeySpaceMirror::setListener(KeyTree::Listener *listener)
{
    m_listener = listener;
    m_tree->setListener(listener);
}

void KeySpaceMirror::start()
{
    load(false);
}

QVector<KeyInterval> KeySpaceMirror::ranges() const
{
    if (m_access != Access::Full)
        return m_readAccess.within(m_options.scope);
    const RangeOptions whole = RangeOptions::prefix(m_options.scope);
    return {KeyInterval{whole.key, whole.rangeEnd}};
}

void KeySpaceMirror::stop()
{
    ++m_generation; // whatever the old walks and watches still deliver is dropped
    for (Part &p : m_parts) {
        p.walk.cancel();
        if (p.watcher) {
            disconnect(p.watcher, nullptr, this, nullptr); // nothing more from it, even queued
            p.watcher->deleteLater();
        }
    }
    m_parts.clear();
}

void KeySpaceMirror::cancelLoad()
{
    if (!m_loading)
        return;
    stop();
    m_loading = false;
    m_cancelled = true;
    Q_EMIT loadCancelled(m_loadedKeys);
}

void KeySpaceMirror::load(bool relist)
{
    if (!m_client)
        return;
    stop();
    m_cancelled = false;
    m_loading = true;
    m_loadedKeys = 0;
    m_totalKeys = 0;
    const int generation = ++m_generation;
    m_loadTimer.start();
    if (!relist)
        Q_EMIT loadStarted();

    const QVector<KeyInterval> planned = ranges();
    for (const KeyInterval &r : planned)
        m_parts.push_back(Part{r, {}, nullptr, {}, 0, 0, 0, false});
    if (m_parts.empty()) { // nothing readable: loaded as it is, from the event loop as any load
        QMetaObject::invokeMethod(
            this, [this, generation] { finishLoad(generation); }, Qt::QueuedConnection);
        return;
    }
    for (int i = 0; i < static_cast<int>(m_parts.size()); ++i) {
        Part &part = m_parts[static_cast<size_t>(i)];
        PagedRangeOptions o;
        o.range = RangeOptions::range(part.range.key, part.range.rangeEnd);
        o.range.keysOnly = true;
        part.walk = m_client->kv().pagedRange(o, this, [this, generation, i](const RangePage &page) {
            onPage(page, generation, i);
        });
        whenFinished(part.walk, this, [this, generation, i](const EtcdResult<PagedRangeSummary> &r) {
            onLoaded(r, generation, i);
        });
    }
}

void KeySpaceMirror::onPage(const RangePage &page, int generation, int part)
{
    if (generation != m_generation)
        return;
    Part &p = m_parts[static_cast<size_t>(part)];
    if (p.loadRevision == 0) {
        // Watch from right after the listing's revision at once: events that happen while the rest
        // of the listing streams in are kept and applied after it. (Starting the watch only at the
        // end could find that revision already compacted on a busy cluster.)
        p.loadRevision = page.revision;
        m_revision = std::max(m_revision, page.revision);
        startWatch(part, page.revision + 1);
    }
    const auto gen = static_cast<quint32>(generation);
    for (const KeyValue &kv : page.kvs)
        m_tree->upsert(kv, gen);
    p.keys = page.keysSoFar;
    p.total = page.totalKeys;
    m_loadedKeys = 0;
    m_totalKeys = 0;
    for (const Part &each : m_parts) {
        m_loadedKeys += each.keys;
        m_totalKeys += each.total;
    }
    Q_EMIT loadProgress(m_loadedKeys, m_totalKeys);
    Q_EMIT batchApplied(m_revision);
}

void KeySpaceMirror::onLoaded(const EtcdResult<PagedRangeSummary> &r, int generation, int part)
{
    if (generation != m_generation)
        return;
    if (!r.ok()) {
        if (r.error().isCompacted()) // the listing's own revision went away: list again
            return load(true);
        const QString user = m_client ? m_client->options().user : QString();
        if (r.error().isPermissionDenied() && m_access == Access::Full && m_options.followPermissions && !user.isEmpty())
            return discoverPermissions(r.error());
        stop(); // a failed load is not live: no watch keeps changing a half listing
        m_loading = false;
        Q_EMIT failed(r.error());
        return;
    }
    Part &p = m_parts[static_cast<size_t>(part)];
    p.done = true;
    if (p.loadRevision == 0) { // an empty range: no page arrived
        p.loadRevision = r->header.revision;
        m_revision = std::max(m_revision, p.loadRevision);
        startWatch(part, p.loadRevision + 1);
    }
    for (const Part &each : m_parts)
        if (!each.done)
            return;
    finishLoad(generation);
}

void KeySpaceMirror::finishLoad(int generation)
{
    if (generation != m_generation)
        return;
    // A relist merges into the existing tree: keys it did not list are gone.
    m_tree->removeUnseen(static_cast<quint32>(generation));
    m_loading = false;
    m_loadedOnce = true;
    for (Part &p : m_parts) {
        const WatchEvents pending = std::move(p.pending);
        p.pending.clear();
        apply(p, pending);
    }
    Q_EMIT loaded(m_revision, m_tree->keyCount(), m_loadTimer.elapsed());
    Q_EMIT listed();
    Q_EMIT batchApplied(m_revision);
}

void KeySpaceMirror::startWatch(int part, qint64 fromRevision)
{
    Part &p = m_parts[static_cast<size_t>(part)];
    const int generation = m_generation;
    p.watcher = m_client->watch(WatchOptions::range(p.range.key, p.range.rangeEnd, fromRevision), this);
    connect(p.watcher, &Watcher::events, this, [this, generation, part](const WatchEvents &events) {
        if (generation == m_generation)
            onEvents(part, events);
    });
    connect(p.watcher, &Watcher::compacted, this, [this](qint64 compactRevision) {
        Q_EMIT relisting(compactRevision);
        ++m_relists;
        load(true);
    });
    connect(p.watcher, &Watcher::failed, this, &KeySpaceMirror::failed);
}

void KeySpaceMirror::onEvents(int part, const WatchEvents &events)
{
    Part &p = m_parts[static_cast<size_t>(part)];
    if (m_loading) {
        p.pending += events;
        return;
    }
    apply(p, events);
    Q_EMIT batchApplied(m_revision);
}

void KeySpaceMirror::apply(const Part &part, const WatchEvents &events)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVector<QByteArray> put;
    QVector<QByteArray> deleted;
    const bool tell = isSignalConnected(QMetaMethod::fromSignal(&KeyTreeSource::keysChanged));
    for (const WatchEvent &e : events) {
        if (e.revision() <= part.loadRevision)
            continue; // already in the listing
        if (e.type == WatchEvent::Put) {
            m_tree->upsert(e.kv, static_cast<quint32>(m_generation), now);
            if (tell)
                put << e.kv.key;
        } else if (m_tree->remove(e.kv.key) && tell) {
            deleted << e.kv.key;
        }
        m_revision = std::max(m_revision, e.revision());
    }
    if (!put.isEmpty() || !deleted.isEmpty())
        Q_EMIT keysChanged(put, deleted);
}

void KeySpaceMirror::refresh()
{
    // The whole scope first, as at the start: the user's permissions may have changed since.
    m_access = Access::Full;
    load(false);
}

void KeySpaceMirror::discoverPermissions(const EtcdError &refusal)
{
    stop();
    const int generation = m_generation;
    // etcd lets every user read its own user and roles: that says which ranges can be listed.
    fetchReadAccess(m_client, m_client->options().user, this,
                    [this, refusal, generation](const EtcdResult<ReadAccess> &access) {
                        if (generation != m_generation)
                            return;
                        if (!access.ok()) { // not even that: the refusal is all there is to say
                            m_loading = false;
                            Q_EMIT failed(refusal);
                            return;
                        }
                        limitTo(access.value(), refusal);
                    });
}

void KeySpaceMirror::limitTo(const ReadAccess &access, const EtcdError &refusal)
{
    if (access.coversAll(m_options.scope)) {
        // The roles say everything is readable, yet etcd refused: nothing narrower would help.
        m_loading = false;
        Q_EMIT failed(refusal);
        return;
    }
    m_readAccess = access;
    const QVector<KeyInterval> readable = access.within(m_options.scope);
    m_access = readable.isEmpty() ? Access::None : Access::Partial;
    if (readable.isEmpty())
        m_tree->pinReadableRange(m_options.scope, false); // the root: nothing readable here
    for (const KeyInterval &r : readable)
        m_tree->pinReadableRange(r.key, r.isPrefix());
    Q_EMIT limitedByPermissions(access);
    load(true);
}

} // namespace etcd
