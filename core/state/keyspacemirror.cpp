#include "state/keyspacemirror.h"

#include "client/continuation.h"
#include "client/keyrange.h"

#include <QDateTime>

namespace etcd {

KeySpaceMirror::KeySpaceMirror(EtcdClient *client, const Options &options, QObject *parent)
    : QObject(parent), m_client(client), m_options(options),
      m_tree(std::make_unique<KeyTree>(options.scope, options.delimiter))
{}

KeySpaceMirror::~KeySpaceMirror()
{
    m_walk.cancel();
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

void KeySpaceMirror::load(bool relist)
{
    if (!m_client)
        return;
    m_walk.cancel();
    if (m_watcher) {
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
    m_pending.clear();
    m_loading = true;
    m_loadRevision = 0;
    m_loadedKeys = 0;
    m_totalKeys = 0;
    const int generation = ++m_generation;
    m_loadTimer.start();
    if (!relist)
        Q_EMIT loadStarted();

    PagedRangeOptions o;
    o.range = RangeOptions::prefix(m_options.scope);
    o.range.keysOnly = true;
    m_walk = m_client->kv().pagedRange(o, this, [this, generation](const RangePage &page) { onPage(page, generation); });
    whenFinished(m_walk, this,
                 [this, generation](const EtcdResult<PagedRangeSummary> &r) { onLoaded(r, generation); });
}

void KeySpaceMirror::onPage(const RangePage &page, int generation)
{
    if (generation != m_generation)
        return;
    if (m_loadRevision == 0) {
        // Watch from right after the listing's revision at once: events that happen while the rest
        // of the listing streams in are kept and applied after it. (Starting the watch only at the
        // end could find that revision already compacted on a busy cluster.)
        m_loadRevision = page.revision;
        m_revision = page.revision;
        startWatch(page.revision + 1);
    }
    const auto gen = static_cast<quint32>(generation);
    for (const KeyValue &kv : page.kvs)
        m_tree->upsert(kv, gen);
    m_loadedKeys = page.keysSoFar;
    m_totalKeys = page.totalKeys;
    Q_EMIT loadProgress(m_loadedKeys, m_totalKeys);
    Q_EMIT batchApplied(m_revision);
}

void KeySpaceMirror::onLoaded(const EtcdResult<PagedRangeSummary> &r, int generation)
{
    if (generation != m_generation)
        return;
    if (!r.ok()) {
        m_loading = false;
        if (r.error().isCompacted()) // the listing's own revision went away: list again
            return load(true);
        Q_EMIT failed(r.error());
        return;
    }
    if (m_loadRevision == 0) { // an empty scope: no page arrived
        m_loadRevision = r->header.revision;
        m_revision = m_loadRevision;
        startWatch(m_loadRevision + 1);
    }
    // A relist merges into the existing tree: keys it did not list are gone.
    m_tree->removeUnseen(static_cast<quint32>(generation));
    m_loading = false;
    m_loadedOnce = true;
    const WatchEvents pending = std::move(m_pending);
    m_pending.clear();
    apply(pending);
    Q_EMIT loaded(m_revision, m_tree->keyCount(), m_loadTimer.elapsed());
    Q_EMIT batchApplied(m_revision);
}

void KeySpaceMirror::startWatch(qint64 fromRevision)
{
    WatchOptions w = WatchOptions::prefix(m_options.scope, fromRevision);
    m_watcher = m_client->watch(w, this);
    connect(m_watcher, &Watcher::events, this, &KeySpaceMirror::onEvents);
    connect(m_watcher, &Watcher::compacted, this, [this](qint64 compactRevision) {
        Q_EMIT relisting(compactRevision);
        ++m_relists;
        load(true);
    });
    connect(m_watcher, &Watcher::failed, this, &KeySpaceMirror::failed);
}

void KeySpaceMirror::onEvents(const WatchEvents &events)
{
    if (m_loading) {
        m_pending += events;
        return;
    }
    apply(events);
    Q_EMIT batchApplied(m_revision);
}

void KeySpaceMirror::apply(const WatchEvents &events)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const WatchEvent &e : events) {
        if (e.revision() <= m_loadRevision)
            continue; // already in the listing
        if (e.type == WatchEvent::Put)
            m_tree->upsert(e.kv, static_cast<quint32>(m_generation), now);
        else
            m_tree->remove(e.kv.key);
        m_revision = std::max(m_revision, e.revision());
    }
}

} // namespace etcd
