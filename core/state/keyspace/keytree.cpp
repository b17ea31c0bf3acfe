// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/keyspace/keytree.h"

#include <cstring>

#include <algorithm>

namespace etcd {

namespace {

using Children = std::vector<std::unique_ptr<KeyTree::Node>>;

Children::const_iterator lowerBound(const Children &children, const QByteArray &segment)
{
    return std::lower_bound(children.begin(), children.end(), segment,
                            [](const std::unique_ptr<KeyTree::Node> &n, const QByteArray &s) { return n->segment < s; });
}

// Byte order, as QByteArray's operator< (memcmp: unsigned bytes, then length).
int compareBytes(QByteArrayView a, QByteArrayView b)
{
    const size_t common = static_cast<size_t>(std::min(a.size(), b.size()));
    const int c = common ? std::memcmp(a.data(), b.data(), common) : 0;
    if (c != 0)
        return c;
    return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

// The child named `segment`, without allocating. Keys mostly arrive in order (listings are
// sorted), so the last child is checked first.
KeyTree::Node *childNamed(const KeyTree::Node *parent, QByteArrayView segment)
{
    const Children &children = parent->children;
    if (children.empty())
        return nullptr;
    const int last = compareBytes(children.back()->segment, segment);
    if (last == 0)
        return children.back().get();
    if (last < 0)
        return nullptr; // after every child
    auto it = std::lower_bound(children.begin(), children.end(), segment,
                               [](const std::unique_ptr<KeyTree::Node> &n, QByteArrayView s) {
                                   return compareBytes(n->segment, s) < 0;
                               });
    return it != children.end() && compareBytes((*it)->segment, segment) == 0 ? it->get() : nullptr;
}

} // namespace

int KeyTree::Node::row() const
{
    if (!parent)
        return 0;
    if (access == Access::Denied)
        return static_cast<int>(parent->children.size());
    return static_cast<int>(lowerBound(parent->children, segment) - parent->children.begin());
}

KeyTree::KeyTree(QByteArray scope, char delimiter)
    : m_scope(std::move(scope)), m_delimiter(delimiter), m_root(std::make_unique<Node>())
{
    m_root->fetched = true; // the top level is always shown
}

KeyTree::~KeyTree() = default;

KeyTree::Path KeyTree::split(const QByteArray &relativeKey) const
{
    Path segments;
    if (relativeKey.isEmpty())
        return segments; // the scope itself
    if (isFlat()) {
        segments << relativeKey;
        return segments;
    }
    // Empty segments are real: "/a", "a//b" and "a/" are different keys from "a" and "a/b".
    qsizetype from = 0;
    for (;;) {
        const qsizetype at = relativeKey.indexOf(m_delimiter, from);
        if (at < 0) {
            segments << relativeKey.mid(from);
            return segments;
        }
        segments << relativeKey.mid(from, at - from);
        from = at + 1;
    }
}

QByteArray KeyTree::keyOf(const Node *node) const
{
    QVector<const Node *> chain;
    for (const Node *n = node; n && n->parent; n = n->parent)
        chain.prepend(n);
    QByteArray key = m_scope;
    for (int i = 0; i < chain.size(); ++i) {
        if (i > 0)
            key += m_delimiter;
        key += chain.at(i)->segment;
    }
    return key;
}

KeyTree::Node *KeyTree::child(Node *parent, const QByteArray &segment) const
{
    auto it = lowerBound(parent->children, segment);
    if (it != parent->children.end() && (*it)->segment == segment)
        return it->get();
    return nullptr;
}

KeyTree::Node *KeyTree::find(const QByteArray &key) const
{
    if (!inScope(key))
        return nullptr;
    QByteArray relative = key.mid(m_scope.size());
    Node *node = m_root.get();
    const Path segments = split(relative);
    for (int i = 0; i < segments.size(); ++i) {
        Node *next = child(node, segments.at(i));
        if (!next) {
            // "folder/" names the folder itself when there is no key with an empty last segment.
            if (i == segments.size() - 1 && segments.at(i).isEmpty() && !isFlat())
                return node;
            return nullptr;
        }
        node = next;
    }
    return node;
}

KeyTree::Node *KeyTree::attachChild(Node *parent, std::unique_ptr<Node> node)
{
    auto it = lowerBound(parent->children, node->segment);
    const int row = static_cast<int>(it - parent->children.begin());
    const bool becomesFolder = parent->children.empty();
    node->parent = parent;
    Node *raw = node.get();
    const bool announce = parent->fetched && m_listener;
    if (announce)
        m_listener->beginInsert(parent, row, row);
    parent->children.insert(parent->children.begin() + row, std::move(node));
    if (announce)
        m_listener->endInsert();
    // A shown node that gains its first child can now be expanded.
    if (becomesFolder && m_listener && parent->parent && parent->parent->fetched)
        m_listener->changed(parent);
    return raw;
}

void KeyTree::removeChild(Node *parent, int row)
{
    const bool announce = parent->fetched && m_listener;
    if (announce)
        m_listener->beginRemove(parent, row, row);
    parent->children.erase(parent->children.begin() + row);
    if (announce)
        m_listener->endRemove();
    // A folder that returns starts unfetched again; a Partial one keeps its marker row shown.
    if (parent->children.empty())
        parent->fetched = parent->parent == nullptr || parent->access == Node::Access::Partial;
}

void KeyTree::adjustCounts(Node *from, int delta)
{
    for (Node *n = from; n; n = n->parent)
        n->keys = static_cast<quint32>(static_cast<int>(n->keys) + delta);
}

namespace {
void setKeyData(KeyTree::Node *node, const KeyValue &kv, quint32 generation)
{
    node->createRevision = kv.createRevision;
    node->modRevision = kv.modRevision;
    node->version = kv.version;
    node->lease = kv.lease;
    node->seen = generation;
}
} // namespace

KeyTree::Node *KeyTree::upsert(const KeyValue &kv, quint32 generation, qint64 changedAtMs)
{
    if (!inScope(kv.key))
        return nullptr;
    // Walk down segment by segment over views of the key: nothing is allocated unless nodes are
    // created (a listing of a million keys upserts on the GUI thread).
    const QByteArrayView relative = QByteArrayView(kv.key).sliced(m_scope.size());
    qsizetype from = 0;
    bool more = !relative.isEmpty(); // an empty relative key is the scope itself: the root
    QByteArrayView segment;
    auto nextSegment = [&]() -> bool {
        if (!more)
            return false;
        const qsizetype at = isFlat() ? -1 : relative.indexOf(m_delimiter, from);
        if (at < 0) {
            segment = relative.sliced(from);
            more = false; // empty segments are real: "/a", "a//b" and "a/" differ from "a" and "a/b"
        } else {
            segment = relative.sliced(from, at - from);
            from = at + 1;
        }
        return true;
    };
    Node *node = m_root.get();
    bool unmatched = nextSegment();
    while (unmatched) {
        Node *next = childNamed(node, segment);
        if (!next)
            break;
        node = next;
        unmatched = nextSegment();
    }
    if (unmatched) {
        // A new key below `node`: build the missing chain complete, data included, then attach it
        // in one announced insertion (its deeper levels are unfetched, so views hear nothing else).
        auto top = std::make_unique<Node>();
        top->segment = segment.toByteArray();
        top->keys = 1;
        Node *leaf = top.get();
        while (nextSegment()) {
            auto next = std::make_unique<Node>();
            next->segment = segment.toByteArray();
            next->keys = 1;
            next->parent = leaf;
            leaf->children.push_back(std::move(next));
            leaf = leaf->children.back().get();
        }
        leaf->isKey = true;
        setKeyData(leaf, kv, generation);
        leaf->changedAtMs = changedAtMs;
        adjustCounts(node, +1);
        attachChild(node, std::move(top));
        return leaf;
    }
    const bool wasKey = node->isKey;
    const bool modified = !wasKey || node->modRevision != kv.modRevision || node->lease != kv.lease;
    node->isKey = true;
    setKeyData(node, kv, generation);
    if (changedAtMs && modified)
        node->changedAtMs = changedAtMs;
    if (!wasKey)
        adjustCounts(node, +1);
    if (modified && m_listener && node->parent && node->parent->fetched)
        m_listener->changed(node);
    return node;
}

bool KeyTree::remove(const QByteArray &key)
{
    Node *node = find(key);
    if (!node || !node->isKey || keyOf(node) != key)
        return false;
    node->isKey = false;
    node->modRevision = node->createRevision = node->version = node->lease = 0;
    adjustCounts(node, -1);
    // Folders that held nothing but this key go with it (not those kept for read permissions).
    while (node->parent && !node->isKey && node->children.empty() && !node->isPinned()) {
        Node *parent = node->parent;
        removeChild(parent, node->row());
        node = parent;
    }
    if (m_listener && node->parent && node->parent->fetched)
        m_listener->changed(node);
    return true;
}

void KeyTree::raiseAccess(Node *node, Node::Access access)
{
    if (access <= node->access)
        return;
    if (access == Node::Access::Partial) {
        auto marker = std::make_unique<Node>();
        marker->parent = node;
        marker->access = Node::Access::Denied;
        const int row = static_cast<int>(node->children.size());
        const bool announce = node->fetched && m_listener;
        if (announce)
            m_listener->beginInsert(node, row, row);
        node->access = access;
        m_markers[node] = std::move(marker);
        if (announce)
            m_listener->endInsert();
    } else {
        node->access = access;
    }
    if (m_listener && node->parent && node->parent->fetched)
        m_listener->changed(node); // now expandable, and shown as kept for permissions
}

void KeyTree::pinReadableRange(const QByteArray &key, bool wholeFolder)
{
    // etcd spells "from the first key" "\0": for the whole keyspace that is the scope itself.
    const bool fromStart = m_scope.isEmpty() && key == QByteArray(1, '\0');
    if (!fromStart && !inScope(key))
        return;
    const QByteArray relative = fromStart ? QByteArray() : key.mid(m_scope.size());
    Path folders = split(relative);
    if (!folders.isEmpty())
        folders.removeLast(); // a name, part of a name, or empty (a prefix ending with the delimiter)
    if (isFlat())
        folders.clear();
    const bool readableFolder = wholeFolder && !isFlat() && !relative.isEmpty() && relative.endsWith(m_delimiter);
    raiseAccess(m_root.get(), Node::Access::Partial);
    Node *node = m_root.get();
    for (int i = 0; i < folders.size(); ++i) {
        Node *next = child(node, folders.at(i));
        if (!next) {
            auto created = std::make_unique<Node>();
            created->segment = folders.at(i);
            next = attachChild(node, std::move(created));
        }
        node = next;
        raiseAccess(node, readableFolder && i == folders.size() - 1 ? Node::Access::Readable : Node::Access::Partial);
    }
}

KeyTree::Node *KeyTree::deniedMarker(const Node *folder) const
{
    if (!folder || folder->access != Node::Access::Partial)
        return nullptr;
    auto it = m_markers.find(folder);
    return it == m_markers.end() ? nullptr : it->second.get();
}

int KeyTree::removeUnseen(quint32 generation)
{
    QVector<QByteArray> stale;
    Path after;
    do {
        after = visitKeys(after, 100000, [&](const Node *n, const QByteArray &key) {
            if (n->seen != generation)
                stale << key;
            return true;
        });
    } while (!after.isEmpty());
    for (const QByteArray &key : stale)
        remove(key);
    return static_cast<int>(stale.size());
}

KeyTree::Path KeyTree::visitKeys(const Path &after, int maxNodes,
                                 const std::function<bool(const Node *, const QByteArray &)> &visit) const
{
    struct Frame
    {
        const Node *node;
        size_t next;
        qsizetype keyLength; // length of the key buffer up to and including this node
    };
    std::vector<Frame> stack;
    Path path;
    QByteArray key = m_scope;
    stack.push_back({m_root.get(), 0, key.size()});

    auto enter = [&](const Node *n) {
        if (!isFlat() && !path.isEmpty())
            key += m_delimiter;
        key += n->segment;
        path << n->segment;
        stack.push_back({n, 0, key.size()});
    };

    if (after.isEmpty()) {
        if (m_root->isKey && !visit(m_root.get(), key))
            return Path{}; // nothing to resume after the scope key... only happens for a 1-key tree
    } else {
        // Descend along the resume path; stop where it no longer exists.
        for (const QByteArray &segment : after) {
            Frame &top = stack.back();
            auto it = lowerBound(top.node->children, segment);
            top.next = static_cast<size_t>(it - top.node->children.begin());
            if (it == top.node->children.end() || (*it)->segment != segment)
                break;
            ++top.next;
            enter(it->get());
        }
    }

    int budget = maxNodes;
    while (!stack.empty()) {
        Frame &top = stack.back();
        if (top.next >= top.node->children.size()) {
            stack.pop_back();
            if (!path.isEmpty())
                path.removeLast();
            if (!stack.empty())
                key.truncate(stack.back().keyLength);
            continue;
        }
        const Node *n = top.node->children[top.next++].get();
        enter(n);
        if (n->isKey && !visit(n, key))
            return path;
        if (--budget <= 0)
            return path;
    }
    return Path{};
}

} // namespace etcd
