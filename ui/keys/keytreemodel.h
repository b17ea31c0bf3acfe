// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/keyspace/keytreesource.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace etcd::ui {

// The key tree for views. Lazy: a folder's rows exist for views only once a view asks for them
// (fetchMore), so a million keys cost the GUI nothing until someone expands something, and changes
// under unexpanded folders need no signals at all. Every change arrives as a single-row insert,
// removal or dataChanged, never a reset. Recently changed keys flash for a moment.
// When the mirror is limited by read permissions, a partly readable folder ends with one more row,
// a "permission denied" marker that can be neither selected nor expanded.
class KeyTreeModel : public QAbstractItemModel, private KeyTree::Listener
{
    Q_OBJECT
public:
    // Kind: what a key or folder is in a Kubernetes store (/registry/<resource>/[<ns>/]<name>).
    enum Column { Name, Keys, Revision, Version, Lease, Kind, ColumnCount };
    // AccessRole: KeyTree::Node::Access as an int (rows kept or marked for read permissions).
    enum Role { FullKeyRole = Qt::UserRole + 1, IsKeyRole, IsFolderRole, ModRevisionRole, AccessRole };

    explicit KeyTreeModel(KeyTreeSource *mirror, QObject *parent = nullptr);
    ~KeyTreeModel() override;

    KeyTreeSource *mirror() const { return m_mirror; }
    QModelIndex indexForNode(const KeyTree::Node *node, int column = 0) const;
    const KeyTree::Node *nodeAt(const QModelIndex &index) const;
    QByteArray keyAt(const QModelIndex &index) const;
    // The index of a key or folder path, fetching the folders on the way. Invalid if absent.
    QModelIndex indexForKey(const QByteArray &key);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    static constexpr int kFlashMs = 1500;

private:
    // KeyTree::Listener
    void beginInsert(KeyTree::Node *parent, int first, int last) override;
    void endInsert() override;
    void beginRemove(KeyTree::Node *parent, int first, int last) override;
    void endRemove() override;
    void changed(KeyTree::Node *node) override;

    void refreshCounts();
    void fade();
    KeyTree::Node *node(const QModelIndex &index) const;
    int shownRows(const KeyTree::Node *parent) const; // children, and a Partial folder's marker
    QString deniedText() const;
    QVariant deniedData(const QModelIndex &index, int role) const;
    QString deniedToolTip() const;

    QPointer<KeyTreeSource> m_mirror;
    int m_changing = 0; // inside a begin/end bracket: no fetching (views and testers ask again)
    QHash<const KeyTree::Node *, qint64> m_flashing; // shown nodes changed recently
    // Shown nodes whose data changed since the last flush. A watch storm changes thousands of rows
    // a second: one dataChanged per parent (a row range) per batch instead of one per event keeps
    // the view's work per batch small.
    QSet<const KeyTree::Node *> m_pendingChanges;
    QTimer m_flushTimer;
    void flushChanges();
    void emitRowRanges(const QVector<const KeyTree::Node *> &nodes, const QList<int> &roles = {});
    QTimer m_fadeTimer;
};

} // namespace etcd::ui
