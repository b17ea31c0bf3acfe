// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/locks/locksmirror.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QTimer>

#include <vector>

namespace etcd::ui {

// Words and times shared by the locks view's tables.
namespace lockstext {
QString duration(qint64 ms);                             // "850 ms", "4.2 s", "2 min 05 s", "1 h 03 min"
QString value(const QByteArray &value, int maxChars);    // one line, "" stays ""; bytes in hex
QString ttl(const LockContender &c, qint64 nowMs);       // "7 s of 10 s", "…", "expired", "no lease"
QString since(qint64 ms, bool before, bool foundAtOpen); // "14:02:11", "before 14:02:11", "before the view opened"
} // namespace lockstext

// Every recipe the mirror follows, by name: kind, holder (or leader), contenders, handovers since
// the view opened and since when the holder holds. Rows come and go singly; a change is one row's
// dataChanged.
class LockRecipesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Kind, Holder, Contenders, Handovers, HolderSince, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1 };

    explicit LockRecipesModel(LocksMirror *mirror, QObject *parent = nullptr);

    QByteArray nameAt(int row) const;
    int rowOf(const QByteArray &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void onAdded(const QByteArray &name);
    void onChanged(const QByteArray &name);
    void onRemoved(const QByteArray &name);

    QPointer<LocksMirror> m_mirror;
    std::vector<QByteArray> m_names; // sorted
};

// The contenders of one recipe in their order: the first holds (or leads), the others wait, each
// watching the one before it. Follows the mirror one contender at a time; the TTLs count down once
// a second without asking etcd anything.
class LockContendersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // The key leads: rows move up as contenders leave, and a row's first cell must stay its own.
    enum Column { Key, Position, Value, TtlLeft, CreateRevision, WaitingSince, Lease, ColumnCount };
    enum Role { KeyRole = Qt::UserRole + 1, HolderRole };

    explicit LockContendersModel(LocksMirror *mirror, QObject *parent = nullptr);

    void setRecipe(const QByteArray &name); // a user's choice: the model is reset
    QByteArray recipe() const { return m_name; }
    QByteArray keyAt(int row) const;
    int rowOf(const QByteArray &key) const;
    void setTicking(bool ticking); // the countdown, while the view is visible

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const LockContender *contenderAt(int row) const;
    void onAdded(const QByteArray &name, const QByteArray &key);
    void onChanged(const QByteArray &name, const QByteArray &key);
    void onRemoved(const QByteArray &name, const QByteArray &key);
    void rowsFrom(int row); // positions (and who holds) changed from here down
    void tick();

    QPointer<LocksMirror> m_mirror;
    QByteArray m_name;
    std::vector<QByteArray> m_keys; // in the mirror's order
    QTimer m_tick;
};

// Holders since the view opened, newest first: when each took over, who it was, how long it held
// and how it ended. Shows every recipe, or one (setRecipe).
class LockHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Started, Recipe, Holder, HeldFor, Ended, Value, ColumnCount };

    explicit LockHistoryModel(LocksMirror *mirror, QObject *parent = nullptr);

    void setRecipe(const QByteArray &name); // empty: every recipe; a user's choice: reset
    quint64 serialAt(int row) const;
    void setTicking(bool ticking); // "held for" of current holders grows while visible

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    bool shows(const HolderReign &reign) const;
    int rowOf(quint64 serial) const;
    void onStarted(quint64 serial);
    void onChanged(quint64 serial);
    void onDropped(quint64 serial);
    void tick();

    QPointer<LocksMirror> m_mirror;
    QByteArray m_name;
    std::vector<quint64> m_serials; // newest first
    QTimer m_tick;
};

} // namespace etcd::ui
