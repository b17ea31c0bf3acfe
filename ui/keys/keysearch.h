// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/keyspace/keytreesource.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>

namespace etcd::ui {

// Finds keys matching a filter (substring, or a glob with * ? [..]) in a KeyTree of any size
// without stalling the GUI: the tree is walked in time slices of a few milliseconds between
// events, resuming by key path, so changes between slices are fine. Matches are shown as a flat
// list of full keys, with the tree's Revision, Version and Lease columns, in the tree's order.
// The results are live: keys the watch puts or deletes come and go as single rows (a listing, a
// refresh or a relist runs the search again). A new filter simply replaces the running one.
class KeySearchModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role { FullKeyRole = Qt::UserRole + 1 };
    enum Column { Key, Revision, Version, Lease, ColumnCount };

    explicit KeySearchModel(KeyTreeSource *mirror, QObject *parent = nullptr);

    // Empty text: no search. Globs are recognised by * ? or [.
    void search(const QString &text, Qt::CaseSensitivity cs = Qt::CaseInsensitive);
    bool isSearching() const { return m_timer.isActive(); }
    QString text() const { return m_text; }
    int scanned() const { return m_scanned; }
    bool truncated() const { return m_truncated; }
    QByteArray keyAt(int row) const { return m_keys.value(row); }

    static constexpr int kMaxResults = 100000;
    static constexpr int kSliceMs = 8;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void progress(int scanned, int matches);
    void finished(int matches, qint64 elapsedMs);

private:
    void slice();
    bool matches(const QByteArray &key) const;
    void onKeysChanged(const QVector<QByteArray> &put, const QVector<QByteArray> &deleted);
    void onBatchApplied();
    // Where `key` is, or belongs, in m_keys (tree order).
    qsizetype positionOf(const KeyTree::Path &path) const;

    QPointer<KeyTreeSource> m_mirror;
    QVector<QByteArray> m_keys;
    QVector<KeyTree::Path> m_paths; // m_keys' paths, for ordered inserts
    QString m_text;
    QByteArray m_needle;       // substring search, on raw bytes (lower-cased when case-insensitive)
    QRegularExpression m_glob; // glob search, on the display form of the key
    bool m_isGlob = false;
    Qt::CaseSensitivity m_cs = Qt::CaseInsensitive;
    KeyTree::Path m_resume;
    QTimer m_timer;
    QElapsedTimer m_clock;
    int m_scanned = 0;
    bool m_truncated = false;
};

} // namespace etcd::ui
