// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/keysearch.h"

#include "format/valueformat.h"

#include <algorithm>

namespace etcd::ui {

KeySearchModel::KeySearchModel(KeyTreeSource *mirror, QObject *parent) : QAbstractTableModel(parent), m_mirror(mirror)
{
    m_timer.setInterval(0); // one slice per event-loop pass: input and painting go in between
    connect(&m_timer, &QTimer::timeout, this, &KeySearchModel::slice);
    connect(mirror, &KeyTreeSource::keysChanged, this, &KeySearchModel::onKeysChanged);
    connect(mirror, &KeyTreeSource::batchApplied, this, &KeySearchModel::onBatchApplied);
    connect(mirror, &KeyTreeSource::listed, this, [this] {
        if (!m_text.isEmpty())
            search(m_text, m_cs); // anything may have changed: look again
    });
}

qsizetype KeySearchModel::positionOf(const KeyTree::Path &path) const
{
    return std::lower_bound(m_paths.cbegin(), m_paths.cend(), path) - m_paths.cbegin();
}

void KeySearchModel::onKeysChanged(const QVector<QByteArray> &put, const QVector<QByteArray> &deleted)
{
    if (m_text.isEmpty() || !m_mirror)
        return;
    const KeyTree &tree = m_mirror->tree();
    // While the first walk is still going, keys ahead of it are found by it: only keys behind it
    // (already walked past) are added here.
    const bool walking = isSearching();
    for (const QByteArray &key : deleted) {
        const KeyTree::Path path = tree.pathOf(key);
        const qsizetype at = positionOf(path);
        if (at < m_keys.size() && m_keys.at(at) == key) {
            beginRemoveRows({}, int(at), int(at));
            m_keys.remove(at);
            m_paths.remove(at);
            endRemoveRows();
        }
    }
    for (const QByteArray &key : put) {
        if (!matches(key))
            continue;
        const KeyTree::Path path = tree.pathOf(key);
        if (walking && !(path < m_resume) && path != m_resume)
            continue;
        const qsizetype at = positionOf(path);
        if (at < m_keys.size() && m_keys.at(at) == key)
            continue; // there already: its columns change (onBatchApplied)
        if (m_keys.size() >= kMaxResults) {
            m_truncated = true;
            continue;
        }
        beginInsertRows({}, int(at), int(at));
        m_keys.insert(at, key);
        m_paths.insert(at, path);
        endInsertRows();
    }
}

void KeySearchModel::onBatchApplied()
{
    // Revisions, versions and leases of the shown keys may have moved.
    if (!m_keys.isEmpty())
        Q_EMIT dataChanged(index(0, Revision), index(int(m_keys.size()) - 1, Lease));
}

void KeySearchModel::search(const QString &text, Qt::CaseSensitivity cs)
{
    m_timer.stop();
    beginResetModel(); // a new query: a new list (the tree model is the one that never resets)
    m_keys.clear();
    m_paths.clear();
    endResetModel();
    m_text = text;
    m_cs = cs;
    m_resume.clear();
    m_scanned = 0;
    m_truncated = false;
    if (text.isEmpty() || !m_mirror)
        return;
    m_isGlob = text.contains(QLatin1Char('*')) || text.contains(QLatin1Char('?')) || text.contains(QLatin1Char('['));
    if (m_isGlob) {
        // A glob matches anywhere in the key unless anchored by the user's own characters.
        QString pattern = QRegularExpression::wildcardToRegularExpression(text, QRegularExpression::UnanchoredWildcardConversion);
        m_glob = QRegularExpression(pattern, cs == Qt::CaseInsensitive ? QRegularExpression::CaseInsensitiveOption
                                                                       : QRegularExpression::NoPatternOption);
    } else {
        bool ok = false;
        m_needle = keyFromDisplay(text, &ok); // "\xff" in the box finds the byte 0xff
        if (!ok)
            m_needle = text.toUtf8();
        if (cs == Qt::CaseInsensitive)
            m_needle = m_needle.toLower();
    }
    m_clock.start();
    m_timer.start();
}

bool KeySearchModel::matches(const QByteArray &key) const
{
    if (m_isGlob)
        return m_glob.match(displayKey(key)).hasMatch();
    if (m_cs == Qt::CaseInsensitive)
        return key.toLower().contains(m_needle);
    return key.contains(m_needle);
}

void KeySearchModel::slice()
{
    if (!m_mirror) {
        m_timer.stop();
        return;
    }
    QElapsedTimer budget;
    budget.start();
    QVector<QByteArray> found;
    const KeyTree &tree = m_mirror->tree();
    bool more = true;
    while (more && budget.elapsed() < kSliceMs) {
        m_resume = m_mirror->tree().visitKeys(m_resume, 2000, [&](const KeyTree::Node *, const QByteArray &key) {
            ++m_scanned;
            if (matches(key)) {
                if (m_keys.size() + found.size() >= kMaxResults) {
                    m_truncated = true;
                    return false;
                }
                found << key;
            }
            return true;
        });
        more = !m_resume.isEmpty() && !m_truncated;
    }
    if (!found.isEmpty()) {
        beginInsertRows({}, int(m_keys.size()), int(m_keys.size() + found.size()) - 1);
        m_keys += found;
        for (const QByteArray &key : std::as_const(found))
            m_paths << tree.pathOf(key);
        endInsertRows();
    }
    Q_EMIT progress(m_scanned, int(m_keys.size()));
    if (!more) {
        m_timer.stop();
        Q_EMIT finished(int(m_keys.size()), m_clock.elapsed());
    }
}

int KeySearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int KeySearchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeySearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key: return tr("Key");
    case Revision: return tr("Revision");
    case Version: return tr("Version");
    case Lease: return tr("Lease");
    }
    return {};
}

QVariant KeySearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QByteArray &key = m_keys.at(index.row());
    if (role == FullKeyRole)
        return key;
    if (role == Qt::TextAlignmentRole && index.column() != Key)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (index.column() == Key)
        return displayKey(key);
    const KeyTree::Node *n = m_mirror ? m_mirror->tree().find(key) : nullptr;
    if (!n || !n->isKey)
        return {};
    switch (index.column()) {
    case Revision: return QString::number(n->modRevision);
    case Version: return QString::number(n->version);
    case Lease: return n->lease ? QVariant(QString::number(n->lease, 16)) : QVariant();
    }
    return {};
}

} // namespace etcd::ui
