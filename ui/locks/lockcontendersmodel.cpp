// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "locks/locksmodels.h"

#include "common/theme.h"
#include "format/keytext.h"

#include <QBrush>
#include <QDateTime>
#include <QFont>

namespace etcd::ui {

LockContendersModel::LockContendersModel(LocksMirror *mirror, QObject *parent)
    : QAbstractTableModel(parent), m_mirror(mirror)
{
    connect(mirror, &LocksMirror::contenderAdded, this, &LockContendersModel::onAdded);
    connect(mirror, &LocksMirror::contenderChanged, this, &LockContendersModel::onChanged);
    connect(mirror, &LocksMirror::contenderRemoved, this, &LockContendersModel::onRemoved);
    connect(mirror, &LocksMirror::recipeChanged, this, [this](const QByteArray &name) {
        if (name == m_name && !m_keys.empty()) // the kind decides "holds" or "leads"
            Q_EMIT dataChanged(index(0, Position), index(int(m_keys.size()) - 1, Position));
    });
    connect(mirror, &LocksMirror::recipeRemoved, this, [this](const QByteArray &name) {
        if (name == m_name)
            setRecipe({});
    });
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &LockContendersModel::tick);
}

void LockContendersModel::setRecipe(const QByteArray &name)
{
    beginResetModel();
    m_name = name;
    m_keys.clear();
    if (const LockRecipe *r = m_mirror ? m_mirror->recipe(name) : nullptr)
        for (const LockContender &c : r->contenders)
            m_keys.push_back(c.key);
    endResetModel();
}

void LockContendersModel::setTicking(bool ticking)
{
    if (ticking)
        m_tick.start();
    else
        m_tick.stop();
}

QByteArray LockContendersModel::keyAt(int row) const
{
    return row >= 0 && row < int(m_keys.size()) ? m_keys[size_t(row)] : QByteArray();
}

int LockContendersModel::rowOf(const QByteArray &key) const
{
    for (size_t i = 0; i < m_keys.size(); ++i)
        if (m_keys[i] == key)
            return int(i);
    return -1;
}

const LockContender *LockContendersModel::contenderAt(int row) const
{
    const LockRecipe *r = m_mirror ? m_mirror->recipe(m_name) : nullptr;
    if (!r || row < 0 || row >= int(m_keys.size()))
        return nullptr;
    // The rows follow the mirror's order one signal at a time, so the same place is the same key.
    if (size_t(row) < r->contenders.size() && r->contenders[size_t(row)].key == m_keys[size_t(row)])
        return &r->contenders[size_t(row)];
    return r->contender(m_keys[size_t(row)]);
}

void LockContendersModel::rowsFrom(int row)
{
    if (row < int(m_keys.size()))
        Q_EMIT dataChanged(index(row, 0), index(int(m_keys.size()) - 1, ColumnCount - 1));
}

void LockContendersModel::onAdded(const QByteArray &name, const QByteArray &key)
{
    const LockRecipe *r = m_mirror->recipe(name);
    if (name != m_name || !r || rowOf(key) >= 0)
        return;
    const int row = std::clamp(r->position(key), 0, int(m_keys.size()));
    beginInsertRows({}, row, row);
    m_keys.insert(m_keys.begin() + row, key);
    endInsertRows();
    rowsFrom(row + 1);
}

void LockContendersModel::onChanged(const QByteArray &name, const QByteArray &key)
{
    const int row = name == m_name ? rowOf(key) : -1;
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void LockContendersModel::onRemoved(const QByteArray &name, const QByteArray &key)
{
    const int row = name == m_name ? rowOf(key) : -1;
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_keys.erase(m_keys.begin() + row);
    endRemoveRows();
    rowsFrom(row);
}

void LockContendersModel::tick()
{
    if (!m_keys.empty())
        Q_EMIT dataChanged(index(0, TtlLeft), index(int(m_keys.size()) - 1, TtlLeft));
}

int LockContendersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int LockContendersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LockContendersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Position: return tr("Place");
    case Key: return tr("Key");
    case CreateRevision: return tr("Created at rev.");
    case Lease: return tr("Lease");
    case TtlLeft: return tr("TTL left");
    case Value: return tr("Value / proposal");
    case WaitingSince: return tr("Waiting since");
    default: return {};
    }
}

QVariant LockContendersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LockContender *c = contenderAt(index.row());
    const LockRecipe *r = m_mirror ? m_mirror->recipe(m_name) : nullptr;
    if (!c || !r)
        return {};
    const bool holds = index.row() == 0;
    switch (role) {
    case KeyRole: return c->key;
    case HolderRole: return holds;
    case Qt::FontRole:
        if (holds) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::BackgroundRole:
        if (holds) {
            QColor tint = Theme::successColor();
            tint.setAlpha(40);
            return QBrush(tint);
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Value && c->value.isEmpty())
            return QBrush(QColor(128, 128, 128)); // "(empty)" is not a value: grey on either theme
        if (index.column() == Key && !c->sessionKey)
            return QBrush(Theme::warningColor());
        if (index.column() == TtlLeft && c->lease && c->ttl >= 0 &&
            c->ttlLeft(QDateTime::currentMSecsSinceEpoch()) <= 0)
            return QBrush(Theme::errorColor());
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == CreateRevision || index.column() == TtlLeft)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Key && !c->sessionKey)
            return tr("Not a session key (NAME/<its lease in hex>): something else wrote it, yet it takes part, "
                      "since the recipe orders every key under the name by create revision");
        if (index.column() == Position)
            return holds ? tr("Oldest key under the name: it holds the lock or leads the election")
                         : tr("Waits, watching %1 (the key right before it)")
                               .arg(displayKey(m_keys[size_t(index.row() - 1)]));
        if (index.column() == Value)
            return lockstext::value(c->value, 2000);
        return {};
    case Qt::DisplayRole: break;
    default: return {};
    }
    switch (index.column()) {
    case Position:
        if (!holds)
            return tr("%1 · waits").arg(index.row() + 1);
        return r->kind == RecipeKind::Election ? tr("1 · leads")
               : r->kind == RecipeKind::Lock   ? tr("1 · holds")
                                               : tr("1 · holds/leads");
    case Key: return displayKey(c->key);
    case CreateRevision: return c->createRevision;
    case Lease: return c->lease ? QString::number(c->lease, 16) : tr("none");
    case TtlLeft: return lockstext::ttl(*c, QDateTime::currentMSecsSinceEpoch());
    case Value: return c->value.isEmpty() ? tr("(empty)") : lockstext::value(c->value, 80);
    case WaitingSince: return lockstext::since(c->seenMs, c->wasThere, r->foundAtOpen);
    default: return {};
    }
}

} // namespace etcd::ui
