// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/keyspace/keytree.h"
#include "state/keyspace/readaccess.h"

#include <QObject>

namespace etcd {

// What a view of the key tree needs from whoever keeps the tree: the tree, a listener slot for its
// structural changes, and how much of the scope it shows. KeySpaceMirror keeps it live from etcd;
// an in-memory source (tests/support/memorykeyspace.h) lets the models be tested without etcd.
class KeyTreeSource : public QObject
{
    Q_OBJECT
public:
    // How much of the scope the tree shows.
    enum class Access { Full, Partial, None };

    using QObject::QObject;

    virtual KeyTree &tree() = 0;
    virtual const KeyTree &tree() const = 0;
    virtual void setListener(KeyTree::Listener *listener) = 0;
    virtual Access access() const = 0;
    // With Partial or None access: what the user may read (the user's name included).
    virtual const ReadAccess &readAccess() const = 0;

Q_SIGNALS:
    // A batch of changes was applied (a listing page, a batch of watch events): key counts may
    // have changed anywhere.
    void batchApplied(qint64 revision);
    // The keys a batch of watch events put and deleted (sources emit it only when someone listens).
    void keysChanged(const QVector<QByteArray> &put, const QVector<QByteArray> &deleted);
    // A listing (first load, refresh, relist) was merged into the tree: anything may have changed.
    void listed();
};

} // namespace etcd
