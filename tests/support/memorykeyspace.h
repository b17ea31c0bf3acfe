// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/keyrange.h"
#include "state/keyspace/keytreesource.h"

#include <QDateTime>

#include <memory>

namespace etcd::test {

// A KeyTreeSource in memory, for model tests that need no etcd (as hotspot's model tests build
// their trees from strings): keys go in and out as a watch would put them, with revisions counting
// up, and every change is one applied batch.
class MemoryKeySpace : public KeyTreeSource
{
public:
    explicit MemoryKeySpace(QByteArray scope = {}, char delimiter = '/', QObject *parent = nullptr)
        : KeyTreeSource(parent), m_tree(std::make_unique<KeyTree>(std::move(scope), delimiter))
    {}

    KeyTree &tree() override { return *m_tree; }
    const KeyTree &tree() const override { return *m_tree; }
    void setListener(KeyTree::Listener *listener) override { m_tree->setListener(listener); }
    Access access() const override { return m_access; }
    const ReadAccess &readAccess() const override { return m_readAccess; }
    qint64 revision() const { return m_revision; }

    // A first listing: the keys, each at its own revision, then one batch.
    void load(const QList<QByteArray> &keys)
    {
        ++m_generation;
        for (const QByteArray &k : keys)
            m_tree->upsert(next(k), m_generation);
        Q_EMIT listed();
        Q_EMIT batchApplied(m_revision);
    }
    // Puts as a watch batch delivers them (live changes: views flash them).
    void put(const QList<QByteArray> &keys, qint64 lease = 0)
    {
        for (const QByteArray &k : keys)
            m_tree->upsert(next(k, lease), m_generation, QDateTime::currentMSecsSinceEpoch());
        Q_EMIT keysChanged(QVector<QByteArray>(keys.cbegin(), keys.cend()), {});
        Q_EMIT batchApplied(m_revision);
    }
    void put(const QByteArray &key, qint64 lease = 0) { put(QList<QByteArray>{key}, lease); }
    // Deletes as a watch batch delivers them. Returns how many existed.
    int remove(const QList<QByteArray> &keys)
    {
        int removed = 0;
        QVector<QByteArray> deleted;
        for (const QByteArray &k : keys)
            if (m_tree->remove(k)) {
                ++removed;
                deleted << k;
            }
        ++m_revision;
        Q_EMIT keysChanged({}, deleted);
        Q_EMIT batchApplied(m_revision);
        return removed;
    }
    int remove(const QByteArray &key) { return remove(QList<QByteArray>{key}); }
    // A relist after a compaction: these keys are what etcd has now; the rest go.
    int relist(const QList<QByteArray> &keys)
    {
        ++m_generation;
        for (const QByteArray &k : keys) {
            const KeyTree::Node *n = m_tree->find(k);
            KeyValue kv;
            kv.key = k;
            kv.modRevision = n && n->isKey ? n->modRevision : ++m_revision;
            kv.createRevision = n && n->isKey ? n->createRevision : kv.modRevision;
            kv.version = n && n->isKey ? n->version : 1;
            m_tree->upsert(kv, m_generation);
        }
        const int gone = m_tree->removeUnseen(m_generation);
        Q_EMIT listed();
        Q_EMIT batchApplied(m_revision);
        return gone;
    }
    // What a permission-limited mirror does: only `readable` (prefixes ending with the delimiter are
    // whole folders) can be read by `user`.
    void limitTo(const QString &user, const QList<QByteArray> &readable)
    {
        m_access = readable.isEmpty() ? Access::None : Access::Partial;
        m_readAccess.user = user;
        m_readAccess.roles = {QStringLiteral("reader")};
        if (readable.isEmpty())
            m_tree->pinReadableRange(m_tree->scope(), false); // as the mirror does: the root, nothing readable
        for (const QByteArray &r : readable) {
            KeyInterval range;
            range.key = r;
            if (!m_tree->isFlat() && r.endsWith(m_tree->delimiter()))
                range.rangeEnd = keyrange::prefixEnd(r);
            m_readAccess.ranges << range;
            m_tree->pinReadableRange(r, !m_tree->isFlat() && r.endsWith(m_tree->delimiter()));
        }
        Q_EMIT batchApplied(m_revision);
    }

private:
    KeyValue next(const QByteArray &key, qint64 lease = 0)
    {
        const KeyTree::Node *n = m_tree->find(key);
        KeyValue kv;
        kv.key = key;
        kv.modRevision = ++m_revision;
        kv.createRevision = n && n->isKey ? n->createRevision : kv.modRevision;
        kv.version = n && n->isKey ? n->version + 1 : 1;
        kv.lease = lease;
        return kv;
    }

    std::unique_ptr<KeyTree> m_tree;
    Access m_access = Access::Full;
    ReadAccess m_readAccess;
    qint64 m_revision = 0;
    quint32 m_generation = 0;
};

} // namespace etcd::test
