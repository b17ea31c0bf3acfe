// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/keysearch.h"

#include "format/valueformat.h"

namespace etcd::ui {

KeySearchModel::KeySearchModel(KeyTreeSource *mirror, QObject *parent) : QAbstractListModel(parent), m_mirror(mirror)
{
    m_timer.setInterval(0); // one slice per event-loop pass: input and painting go in between
    connect(&m_timer, &QTimer::timeout, this, &KeySearchModel::slice);
}

void KeySearchModel::search(const QString &text, Qt::CaseSensitivity cs)
{
    m_timer.stop();
    beginResetModel(); // a new query: a new list (the tree model is the one that never resets)
    m_keys.clear();
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

QVariant KeySearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QByteArray &key = m_keys.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return displayKey(key);
    case FullKeyRole: return key;
    }
    return {};
}

} // namespace etcd::ui
