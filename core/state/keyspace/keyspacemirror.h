// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "state/keyspace/keytreesource.h"

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
// When etcd refuses the listing (the user's roles cannot read the whole scope), the mirror asks
// what the user can read (its own user and roles) and mirrors the readable ranges inside the scope
// instead, each with its own paged listing and watch; the tree keeps the folders leading to them
// and marks what is not readable (see KeyTree::pinReadableRange). The single-scope load stays the
// first attempt, unchanged.
//
// Lives on (and mutates its tree on) the thread that owns it, in batches: one page, or one watch
// batch, at a time.
class KeySpaceMirror : public KeyTreeSource
{
    Q_OBJECT
public:
    struct Options
    {
        QByteArray scope;     // browse only under this prefix ("" = everything)
        char delimiter = '/'; // 0: a flat list of keys
        // On "permission denied", mirror what the connection's user can read instead of failing.
        bool followPermissions = true;
    };

    KeySpaceMirror(EtcdClient *client, const Options &options, QObject *parent = nullptr);
    ~KeySpaceMirror() override;

    KeyTree &tree() override { return *m_tree; }
    const KeyTree &tree() const override { return *m_tree; }
    const Options &options() const { return m_options; }
    void setListener(KeyTree::Listener *listener) override;

    // Start (or restart) loading and watching.
    void start();
    // List everything again into the same tree (what F5 does): keys listed again stay the same
    // nodes, so views keep their expansion and selection; keys gone are removed, as after a relist.
    void refresh();
    // Stop a load under way (the user's Cancel): the keys listed so far stay, nothing is watched,
    // loadCancelled() is emitted. start() lists again.
    void cancelLoad();
    bool isCancelled() const { return m_cancelled; }
    bool isLoading() const { return m_loading; }
    bool isLoaded() const { return m_loadedOnce && !m_loading; }
    // The revision the tree reflects: the load's revision, then each applied watch event's.
    qint64 revision() const { return m_revision; }
    qint64 loadedKeys() const { return m_loadedKeys; }
    qint64 totalKeys() const { return m_totalKeys; }
    int relists() const { return m_relists; }
    Access access() const override { return m_access; }
    const ReadAccess &readAccess() const override { return m_readAccess; }
    // The ranges listed and watched: the scope, or the readable parts of it.
    QVector<KeyInterval> ranges() const;

Q_SIGNALS:
    void loadStarted();
    void loadProgress(qint64 keys, qint64 total);
    void loaded(qint64 revision, qint64 keys, qint64 elapsedMs);
    void failed(const etcd::EtcdError &error);
    void relisting(qint64 compactRevision);
    void loadCancelled(qint64 keysListed);

    // The scope could not be listed as a whole: from now on only `access`'s ranges are mirrored.
    void limitedByPermissions(const etcd::ReadAccess &access);

private:
    // One listed and watched range. Ranges are disjoint, so each filters its own events by its
    // own listing's revision.
    struct Part
    {
        KeyInterval range;
        QFuture<EtcdResult<PagedRangeSummary>> walk;
        Watcher *watcher = nullptr;
        WatchEvents pending; // events that arrived while loading
        qint64 loadRevision = 0;
        qint64 keys = 0;
        qint64 total = 0;
        bool done = false;
    };

    void load(bool relist);
    void stop();
    void onPage(const RangePage &page, int generation, int part);
    void onLoaded(const EtcdResult<PagedRangeSummary> &result, int generation, int part);
    void finishLoad(int generation);
    void startWatch(int part, qint64 fromRevision);
    void onEvents(int part, const WatchEvents &events);
    void apply(const Part &part, const WatchEvents &events);
    void discoverPermissions(const EtcdError &refusal);
    void limitTo(const ReadAccess &access, const EtcdError &refusal);

    QPointer<EtcdClient> m_client;
    Options m_options;
    std::unique_ptr<KeyTree> m_tree;
    KeyTree::Listener *m_listener = nullptr;
    std::vector<Part> m_parts; // one (the scope) unless limited by permissions
    QElapsedTimer m_loadTimer;
    ReadAccess m_readAccess;
    Access m_access = Access::Full;
    qint64 m_revision = 0;
    qint64 m_loadedKeys = 0;
    qint64 m_totalKeys = 0;
    int m_generation = 0;
    int m_relists = 0;
    bool m_loading = false;
    bool m_cancelled = false;
    bool m_loadedOnce = false;
};

} // namespace etcd
