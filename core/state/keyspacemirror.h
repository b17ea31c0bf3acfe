#pragma once

#include "client/etcdclient.h"
#include "state/keytree.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QObject>
#include <QPointer>

#include <memory>

namespace etcd {

// A live copy of the keys under a scope prefix: loaded with paged keys-only ranges, then kept
// current by a watch that starts at the load's revision, so nothing happens unseen between the two.
// Watch events arriving during a load wait and are applied after it, in order. When the watch
// reports its revision compacted away, the mirror relists quietly: the new listing is merged into
// the same tree (changes as row updates, keys no longer listed removed), never a reset.
//
// Lives on (and mutates its tree on) the thread that owns it, in batches: one page, or one watch
// batch, at a time.
class KeySpaceMirror : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QByteArray scope;     // browse only under this prefix ("" = everything)
        char delimiter = '/'; // 0: a flat list of keys
    };

    KeySpaceMirror(EtcdClient *client, const Options &options, QObject *parent = nullptr);
    ~KeySpaceMirror() override;

    KeyTree &tree() { return *m_tree; }
    const KeyTree &tree() const { return *m_tree; }
    const Options &options() const { return m_options; }
    void setListener(KeyTree::Listener *listener);

    // Start (or restart) loading and watching.
    void start();
    bool isLoading() const { return m_loading; }
    bool isLoaded() const { return m_loadedOnce && !m_loading; }
    // The revision the tree reflects: the load's revision, then each applied watch event's.
    qint64 revision() const { return m_revision; }
    qint64 loadedKeys() const { return m_loadedKeys; }
    qint64 totalKeys() const { return m_totalKeys; }
    int relists() const { return m_relists; }

Q_SIGNALS:
    void loadStarted();
    void loadProgress(qint64 keys, qint64 total);
    void loaded(qint64 revision, qint64 keys, qint64 elapsedMs);
    // A page or a batch of watch events was applied (key counts may have changed anywhere).
    void batchApplied(qint64 revision);
    void failed(const etcd::EtcdError &error);
    void relisting(qint64 compactRevision);

private:
    void load(bool relist);
    void onPage(const RangePage &page, int generation);
    void onLoaded(const EtcdResult<PagedRangeSummary> &result, int generation);
    void startWatch(qint64 fromRevision);
    void onEvents(const WatchEvents &events);
    void apply(const WatchEvents &events);

    QPointer<EtcdClient> m_client;
    Options m_options;
    std::unique_ptr<KeyTree> m_tree;
    KeyTree::Listener *m_listener = nullptr;
    Watcher *m_watcher = nullptr;
    QFuture<EtcdResult<PagedRangeSummary>> m_walk;
    WatchEvents m_pending; // events that arrived while loading
    QElapsedTimer m_loadTimer;
    qint64 m_revision = 0;
    qint64 m_loadRevision = 0;
    qint64 m_loadedKeys = 0;
    qint64 m_totalKeys = 0;
    int m_generation = 0;
    int m_relists = 0;
    bool m_loading = false;
    bool m_loadedOnce = false;
};

} // namespace etcd
