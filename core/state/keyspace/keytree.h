// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/kvtypes.h"

#include <QByteArray>
#include <QVector>

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace etcd {

// The keyspace under a scope prefix as a tree of key-path segments (split at a delimiter, or flat).
// A node is a folder, a key, or both ("a/b" is a key and "a/b/c" makes it a folder too). Children
// are sorted by segment bytes. Only metadata lives here (keys-only ranges and watch events fill
// it); values are fetched when a key is opened.
//
// Single-threaded: it belongs to whoever mutates it (the GUI thread, via KeySpaceMirror). Every
// structural change is announced to a Listener before and after, so a model can emit row signals
// with consistent indexes; a Listener may also keep subtrees silent until a view asks for them.
class KeyTree
{
public:
    using Path = QVector<QByteArray>;

    struct Node
    {
        // In a tree limited by read permissions (see pinReadableRange): Readable and Partial
        // folders stay even when they hold no keys; a Partial folder's other children are unknown,
        // which a Denied marker node (not one of its children, shown after them) stands for.
        enum class Access : quint8 { Open, Readable, Partial, Denied };

        Node *parent = nullptr;
        QByteArray segment; // path segment; the whole relative key in flat mode
        std::vector<std::unique_ptr<Node>> children;
        qint64 createRevision = 0;
        qint64 modRevision = 0;
        qint64 version = 0;
        qint64 lease = 0;
        quint32 keys = 0;       // keys in this subtree, this node included
        quint32 seen = 0;       // load generation that last saw this key (relisting drops the rest)
        qint64 changedAtMs = 0; // when a watch last changed it (views flash recent changes)
        bool isKey = false;
        bool fetched = false;   // a view has been told about the children (see Listener)
        Access access = Access::Open;

        int row() const; // index in parent->children (a Denied marker: right after them)
        bool isFolder() const { return !children.empty(); }
        bool isPinned() const { return access == Access::Readable || access == Access::Partial; }
        bool isDenied() const { return access == Access::Denied; }
    };

    class Listener
    {
    public:
        virtual ~Listener() = default;
        // Announce rows [first, last] of `parent` about to appear / disappear. Only called for
        // parents with `fetched` set: children of other nodes change silently.
        virtual void beginInsert(Node *parent, int first, int last) = 0;
        virtual void endInsert() = 0;
        virtual void beginRemove(Node *parent, int first, int last) = 0;
        virtual void endRemove() = 0;
        // A fetched node's own data changed (metadata, key count, or it became/stopped being a key).
        virtual void changed(Node *node) = 0;
    };

    KeyTree(QByteArray scope, char delimiter);
    ~KeyTree();
    KeyTree(const KeyTree &) = delete;
    KeyTree &operator=(const KeyTree &) = delete;

    const QByteArray &scope() const { return m_scope; }
    char delimiter() const { return m_delimiter; }
    bool isFlat() const { return m_delimiter == 0; }
    Node *root() const { return m_root.get(); }
    quint32 keyCount() const { return m_root->keys; }
    void setListener(Listener *listener) { m_listener = listener; }

    // The full key of a node (scope + segments joined by the delimiter).
    QByteArray keyOf(const Node *node) const;
    // The node for a full key or folder path (with or without a trailing delimiter); nullptr if none.
    Node *find(const QByteArray &key) const;
    // A key's path of segments below the scope: the order of paths (lexicographic, segment by
    // segment) is the tree's order, the one visitKeys() walks in.
    Path pathOf(const QByteArray &key) const { return split(key.mid(m_scope.size())); }
    // Does `key` belong under the scope?
    bool inScope(const QByteArray &key) const { return key.startsWith(m_scope); }

    // Insert or update a key. Returns the key's node (nullptr when out of scope). `generation`
    // marks it seen by a load; `changedAtMs` (0: not a live change) makes views flash it.
    Node *upsert(const KeyValue &kv, quint32 generation = 0, qint64 changedAtMs = 0);
    // Remove a key; folders left empty go with it. Returns false if there was no such key.
    bool remove(const QByteArray &key);
    // Remove every key not seen by load `generation` (the end of a relist). Returns how many.
    int removeUnseen(quint32 generation);
    // For a scope the user cannot read as a whole: keep the folders leading to the readable range
    // starting at `key` as Partial (the root included), and, when `wholeFolder` (a prefix ending
    // with the delimiter), that folder itself as Readable. Announced like any insertion.
    void pinReadableRange(const QByteArray &key, bool wholeFolder);
    // The marker row of a Partial folder (the root included); nullptr for other nodes.
    Node *deniedMarker(const Node *folder) const;
    // Visit keys in tree order, starting after the key path `after` (empty: from the start), until
    // `visit` returns false or `maxNodes` nodes were looked at. Returns the path to resume after,
    // or an empty vector when the whole tree was visited. Paths stay valid across mutations.
    Path visitKeys(const Path &after, int maxNodes, const std::function<bool(const Node *, const QByteArray &)> &visit) const;

private:
    Path split(const QByteArray &relativeKey) const;
    Node *child(Node *parent, const QByteArray &segment) const;
    Node *attachChild(Node *parent, std::unique_ptr<Node> node);
    void removeChild(Node *parent, int row);
    void adjustCounts(Node *from, int delta);
    void raiseAccess(Node *node, Node::Access access);

    QByteArray m_scope;
    char m_delimiter;
    std::unique_ptr<Node> m_root;
    std::unordered_map<const Node *, std::unique_ptr<Node>> m_markers; // of Partial folders
    Listener *m_listener = nullptr;
};

} // namespace etcd
