// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/keytreemodel.h"

#include "common/format.h"
#include "common/icons.h"
#include "common/theme.h"
#include "k8s/registrypath.h"
#include "format/valueformat.h"

#include <QApplication>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QPalette>

namespace etcd::ui {

namespace {

QString segmentText(const KeyTree &tree, const KeyTree::Node *n)
{
    if (!n->parent)
        return QString();
    if (n->segment.isEmpty() && !tree.isFlat())
        return QString(QLatin1Char(tree.delimiter())); // "/app" has an empty first segment: show it as "/"
    return displayKey(n->segment);
}

} // namespace

KeyTreeModel::KeyTreeModel(KeyTreeSource *mirror, QObject *parent) : QAbstractItemModel(parent), m_mirror(mirror)
{
    mirror->setListener(this);
    // Folder key counts change with almost every key; refresh the shown ones once per batch.
    connect(mirror, &KeyTreeSource::batchApplied, this, &KeyTreeModel::refreshCounts);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &KeyTreeModel::flushChanges);
    m_fadeTimer.setInterval(100);
    connect(&m_fadeTimer, &QTimer::timeout, this, &KeyTreeModel::fade);
}

KeyTreeModel::~KeyTreeModel()
{
    if (m_mirror)
        m_mirror->setListener(nullptr);
}

KeyTree::Node *KeyTreeModel::node(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_mirror->tree().root();
    return static_cast<KeyTree::Node *>(index.internalPointer());
}

const KeyTree::Node *KeyTreeModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? node(index) : nullptr;
}

QByteArray KeyTreeModel::keyAt(const QModelIndex &index) const
{
    const KeyTree::Node *n = nodeAt(index);
    return n && !n->isDenied() ? m_mirror->tree().keyOf(n) : QByteArray();
}

int KeyTreeModel::shownRows(const KeyTree::Node *parent) const
{
    return static_cast<int>(parent->children.size()) + (parent->access == KeyTree::Node::Access::Partial ? 1 : 0);
}

QString KeyTreeModel::deniedText() const
{
    const QString user = m_mirror->readAccess().user;
    if (m_mirror->access() == KeyTreeSource::Access::None)
        return tr("nothing readable here (no read permission for user %1)").arg(user);
    return tr("other keys (permission denied for user %1)").arg(user);
}

QString KeyTreeModel::deniedToolTip() const
{
    const ReadAccess &access = m_mirror->readAccess();
    const QString roles = access.roles.isEmpty() ? tr("no roles") : tr("roles: %1").arg(access.roles.join(QStringLiteral(", ")));
    if (access.ranges.isEmpty())
        return tr("User %1 (%2) may not read any key.\nAsk an administrator for a role with read permission on a prefix.")
            .arg(access.user, roles);
    return tr("Keys here that user %1 may not read are not listed; whether there are any, etcd does not say.\n"
              "%1 (%2) may read: %3.\nAsk an administrator for a role with read permission to see more.")
        .arg(access.user, roles, access.describeRanges());
}

QModelIndex KeyTreeModel::indexForNode(const KeyTree::Node *n, int column) const
{
    if (!n || !n->parent)
        return {};
    return createIndex(n->row(), column, const_cast<KeyTree::Node *>(n));
}

QModelIndex KeyTreeModel::indexForKey(const QByteArray &key)
{
    KeyTree::Node *target = m_mirror->tree().find(key);
    if (!target || !target->parent)
        return {};
    // Make every folder on the way known to views, top down.
    QVector<KeyTree::Node *> chain;
    for (KeyTree::Node *n = target->parent; n && n->parent; n = n->parent)
        chain.prepend(n);
    for (KeyTree::Node *folder : chain) {
        const QModelIndex idx = indexForNode(folder);
        if (canFetchMore(idx))
            fetchMore(idx);
    }
    return indexForNode(target);
}

QModelIndex KeyTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    KeyTree::Node *p = node(parent);
    if (!p->fetched || row < 0 || column < 0 || column >= ColumnCount || row >= shownRows(p))
        return {};
    if (row == static_cast<int>(p->children.size()))
        return createIndex(row, column, m_mirror->tree().deniedMarker(p));
    return createIndex(row, column, p->children[static_cast<size_t>(row)].get());
}

QModelIndex KeyTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexForNode(node(child)->parent);
}

int KeyTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    KeyTree::Node *p = node(parent);
    return p->fetched ? shownRows(p) : 0;
}

int KeyTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool KeyTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    return shownRows(node(parent)) > 0;
}

bool KeyTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    KeyTree::Node *p = node(parent);
    return m_changing == 0 && !p->fetched && shownRows(p) > 0;
}

void KeyTreeModel::fetchMore(const QModelIndex &parent)
{
    KeyTree::Node *p = node(parent);
    if (m_changing > 0 || p->fetched || shownRows(p) == 0)
        return; // (listeners of an insertion in progress may ask; they will ask again later)
    beginInsertRows(parent, 0, shownRows(p) - 1);
    p->fetched = true;
    endInsertRows();
}

namespace {

// Kubernetes' layout under /registry/: the kind of an object, "namespace" for a namespace folder,
// the kind a resource folder holds. Nothing outside /registry/.
QVariant kindText(const KeyTree &tree, const KeyTree::Node *n, bool folder)
{
    const QByteArray key = tree.keyOf(n);
    if (!key.startsWith("/registry"))
        return {};
    const k8s::RegistryPath path = k8s::RegistryPath::parse(key, folder && !n->isKey);
    const QString label = path.label();
    return label.isEmpty() ? QVariant() : QVariant(label);
}

} // namespace

QVariant KeyTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const KeyTree::Node *n = node(index);
    const KeyTree &tree = m_mirror->tree();
    if (n->isDenied())
        return deniedData(index, role);
    using Access = KeyTree::Node::Access;
    const bool folder = n->isFolder() || n->isPinned(); // kept for permissions: a folder even when empty
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return n->access == Access::Partial ? tr("%1  (partly readable)").arg(segmentText(tree, n)) : segmentText(tree, n);
        case Keys: return folder ? QVariant(QString::number(n->keys)) : QVariant();
        case Revision: return n->isKey ? QVariant(QString::number(n->modRevision)) : QVariant();
        case Version: return n->isKey ? QVariant(QString::number(n->version)) : QVariant();
        case Lease: return n->isKey && n->lease ? QVariant(QString::number(n->lease, 16)) : QVariant();
        case Kind: return kindText(tree, n, folder);
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = displayKey(tree.keyOf(n));
        if (n->isFolder())
            tip += tr("\n%n key(s) below", nullptr, static_cast<int>(n->keys - (n->isKey ? 1 : 0)));
        if (n->isKey)
            tip += tr("\nrevision %1 (created at %2), version %3").arg(n->modRevision).arg(n->createRevision).arg(n->version);
        if (n->access == Access::Partial)
            tip += tr("\nPartly readable: user %1 may read only some keys under here (%2); the others are not listed.")
                       .arg(m_mirror->readAccess().user, m_mirror->readAccess().describeRanges());
        else if (n->access == Access::Readable)
            tip += tr("\nUser %1 may read every key under here.").arg(m_mirror->readAccess().user);
        return tip;
    }
    case Qt::FontRole:
        if (index.column() == Name && folder && !n->isKey) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::BackgroundRole: {
        auto it = m_flashing.constFind(n);
        if (it == m_flashing.constEnd())
            return {};
        // Fade from a strong highlight to nothing over kFlashMs.
        const qint64 age = QDateTime::currentMSecsSinceEpoch() - it.value();
        if (age >= kFlashMs)
            return {};
        QColor c = Theme::flashColor();
        c.setAlphaF(c.alphaF() * float(1.0 - double(age) / kFlashMs));
        return c;
    }
    case Qt::TextAlignmentRole:
        return index.column() == Name || index.column() == Kind ? QVariant()
                                                                 : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case FullKeyRole: return tree.keyOf(n);
    case IsKeyRole: return n->isKey;
    case IsFolderRole: return folder;
    case ModRevisionRole: return n->modRevision;
    case AccessRole: return static_cast<int>(n->access);
    }
    return {};
}

QVariant KeyTreeModel::deniedData(const QModelIndex &index, int role) const
{
    switch (role) {
    case Qt::DisplayRole: return index.column() == Name ? QVariant(deniedText()) : QVariant();
    case Qt::DecorationRole: return index.column() == Name ? QVariant(icon(QStringLiteral("lock"))) : QVariant();
    case Qt::ToolTipRole: return deniedToolTip();
    case Qt::ForegroundRole: return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
    case Qt::FontRole: {
        QFont f;
        f.setItalic(true);
        return f;
    }
    case FullKeyRole: return QByteArray();
    case IsKeyRole:
    case IsFolderRole: return false;
    case ModRevisionRole: return qint64(0);
    case AccessRole: return static_cast<int>(KeyTree::Node::Access::Denied);
    }
    return {};
}

QVariant KeyTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Key");
    case Keys: return tr("Keys");
    case Revision: return tr("Revision");
    case Version: return tr("Version");
    case Lease: return tr("Lease");
    case Kind: return tr("Kind");
    }
    return {};
}

Qt::ItemFlags KeyTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (node(index)->isDenied())
        return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren; // nothing to open, edit or expand
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

void KeyTreeModel::beginInsert(KeyTree::Node *parent, int first, int last)
{
    ++m_changing;
    beginInsertRows(indexForNode(parent), first, last);
}

void KeyTreeModel::endInsert()
{
    endInsertRows();
    --m_changing;
}

void KeyTreeModel::beginRemove(KeyTree::Node *parent, int first, int last)
{
    // Forget flashes and pending changes inside what goes away (its nodes are about to be freed).
    if (!m_flashing.isEmpty() || !m_pendingChanges.isEmpty()) {
        for (int row = first; row <= last; ++row) {
            QVector<const KeyTree::Node *> stack{parent->children[static_cast<size_t>(row)].get()};
            while (!stack.isEmpty()) {
                const KeyTree::Node *n = stack.takeLast();
                m_flashing.remove(n);
                m_pendingChanges.remove(n);
                for (const auto &c : n->children)
                    stack << c.get();
            }
        }
    }
    ++m_changing;
    beginRemoveRows(indexForNode(parent), first, last);
}

void KeyTreeModel::endRemove()
{
    endRemoveRows();
    --m_changing;
}

void KeyTreeModel::changed(KeyTree::Node *n)
{
    if (n->changedAtMs && QDateTime::currentMSecsSinceEpoch() - n->changedAtMs < kFlashMs && m_flashing.size() < 2000) {
        m_flashing.insert(n, n->changedAtMs);
        if (!m_fadeTimer.isActive())
            m_fadeTimer.start();
    }
    m_pendingChanges.insert(n);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void KeyTreeModel::flushChanges()
{
    if (m_pendingChanges.isEmpty())
        return;
    const QVector<const KeyTree::Node *> nodes(m_pendingChanges.cbegin(), m_pendingChanges.cend());
    m_pendingChanges.clear();
    emitRowRanges(nodes);
}

void KeyTreeModel::emitRowRanges(const QVector<const KeyTree::Node *> &nodes, const QList<int> &roles)
{
    // One signal per parent, spanning the rows that changed under it.
    QHash<const KeyTree::Node *, std::pair<int, int>> ranges;
    for (const KeyTree::Node *n : nodes) {
        const int row = n->row();
        auto it = ranges.find(n->parent);
        if (it == ranges.end())
            ranges.insert(n->parent, {row, row});
        else
            *it = {std::min(it->first, row), std::max(it->second, row)};
    }
    for (auto it = ranges.cbegin(); it != ranges.cend(); ++it) {
        const QModelIndex parentIndex = indexForNode(it.key());
        Q_EMIT dataChanged(index(it->first, 0, parentIndex), index(it->second, ColumnCount - 1, parentIndex), roles);
    }
}

void KeyTreeModel::refreshCounts()
{
    flushChanges(); // the batch's row changes, at once rather than on the next pass
    // Only folders a view knows about show counts; one signal per shown level.
    QVector<const KeyTree::Node *> stack{m_mirror->tree().root()};
    while (!stack.isEmpty()) {
        const KeyTree::Node *p = stack.takeLast();
        if (!p->fetched || p->children.empty())
            continue;
        const QModelIndex parentIndex = indexForNode(p);
        Q_EMIT dataChanged(index(0, Keys, parentIndex), index(static_cast<int>(p->children.size()) - 1, Keys, parentIndex));
        for (const auto &c : p->children)
            if (c->fetched)
                stack << c.get();
    }
}

void KeyTreeModel::fade()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    emitRowRanges(QVector<const KeyTree::Node *>(m_flashing.keyBegin(), m_flashing.keyEnd()), {Qt::BackgroundRole});
    for (auto it = m_flashing.begin(); it != m_flashing.end();) {
        if (now - it.value() >= kFlashMs)
            it = m_flashing.erase(it);
        else
            ++it;
    }
    if (m_flashing.isEmpty())
        m_fadeTimer.stop();
}

} // namespace etcd::ui
