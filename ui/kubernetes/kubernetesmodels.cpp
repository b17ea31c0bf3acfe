// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "kubernetes/kubernetesmodels.h"

#include "common/format.h"
#include "format/keytext.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

#include <algorithm>

namespace etcd::ui {

namespace {

QString share(qint64 part, qint64 whole)
{
    if (whole <= 0)
        return {};
    return QStringLiteral("%1 %").arg(100.0 * double(part) / double(whole), 0, 'f', part * 1000 < whole ? 2 : 1);
}

QString count(qint64 n)
{
    return QLocale().toString(n);
}

QString age(const QDateTime &at, const QDateTime &now)
{
    if (!at.isValid())
        return QString();
    const qint64 ms = at.msecsTo(now);
    if (ms < 0)
        return QObject::tr("in the future");
    if (ms < 60000)
        return QObject::tr("%1 s ago").arg(double(ms) / 1000.0, 0, 'f', 1);
    if (ms < 3600000)
        return QObject::tr("%1 min ago").arg(ms / 60000);
    return QObject::tr("%1 h ago").arg(ms / 3600000);
}

} // namespace

// --- RegistryTotalsModel -----------------------------------------------------------------------

RegistryTotalsModel::RegistryTotalsModel(Mode mode, QObject *parent) : QAbstractTableModel(parent), m_mode(mode) {}

void RegistryTotalsModel::setScan(SharedScan scan)
{
    beginResetModel();
    m_scan = std::move(scan);
    endResetModel();
}

int RegistryTotalsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_scan)
        return 0;
    return int(m_mode == Mode::Resources ? m_scan->resources.size() : m_scan->namespaces.size());
}

int RegistryTotalsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RegistryTotalsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_scan || index.row() >= rowCount())
        return {};
    QString name, detail, filter;
    qint64 objects = 0, bytes = 0;
    if (m_mode == Mode::Resources) {
        const k8s::ResourceTotals &r = m_scan->resources[index.row()];
        name = r.info.kindOrResource();
        filter = r.info.kind.isEmpty() ? name : r.info.kind;
        detail = r.info.resource;
        if (r.encrypted > 0)
            detail += tr(" · %n encrypted", nullptr, int(r.encrypted));
        if (r.undecodable > 0)
            detail += tr(" · %n unreadable", nullptr, int(r.undecodable));
        objects = r.objects;
        bytes = r.bytes;
    } else {
        const k8s::NamespaceTotals &n = m_scan->namespaces[index.row()];
        name = n.ns.isEmpty() ? tr("(cluster-scoped)") : n.ns;
        filter = n.ns;
        objects = n.objects;
        bytes = n.bytes;
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return name;
        case Detail: return detail;
        case Objects: return count(objects);
        case Bytes: return formatBytes(bytes);
        case Share: return share(bytes, m_scan->bytes);
        }
        return {};
    case Qt::ToolTipRole:
        return m_mode == Mode::Resources ? tr("%1: %2 objects, %3 bytes, stored under /registry/%4/")
                                               .arg(name, count(objects), count(bytes), detail)
                                         : tr("%1: %2 objects, %3 bytes").arg(name, count(objects), count(bytes));
    case Qt::TextAlignmentRole:
        return index.column() >= Objects ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case FilterRole: return filter;
    }
    return {};
}

QVariant RegistryTotalsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return m_mode == Mode::Resources ? tr("Kind") : tr("Namespace");
    case Detail: return m_mode == Mode::Resources ? tr("Path") : QString();
    case Objects: return tr("Objects");
    case Bytes: return tr("Bytes");
    case Share: return tr("Share");
    }
    return {};
}

// --- RegistryObjectsModel ----------------------------------------------------------------------

RegistryObjectsModel::RegistryObjectsModel(QObject *parent) : QAbstractTableModel(parent) {}

void RegistryObjectsModel::setRows(SharedScan scan, QVector<int> rows)
{
    beginResetModel();
    m_scan = std::move(scan);
    m_rows = std::move(rows);
    sortRows();
    endResetModel();
}

QByteArray RegistryObjectsModel::keyAt(int row) const
{
    return m_scan && row >= 0 && row < m_rows.size() ? m_scan->index[m_rows[row]].key : QByteArray();
}

int RegistryObjectsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RegistryObjectsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RegistryObjectsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_scan || index.row() >= m_rows.size())
        return {};
    const k8s::RegistryObject &o = m_scan->index[m_rows[index.row()]];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Kind: return o.encrypted ? tr("%1 (encrypted)").arg(o.kind) : o.kind;
        case Namespace: return o.ns();
        case Name: return o.name();
        case Size: return formatBytes(o.bytes);
        case Labels: return QString::fromUtf8(o.labels).trimmed().replace(QLatin1Char('\n'), QStringLiteral(", "));
        case Revision: return QString::number(o.modRevision);
        }
        return {};
    case Qt::ToolTipRole: return displayKey(o.key);
    case Qt::TextAlignmentRole:
        return index.column() == Size || index.column() == Revision ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                                                    : QVariant();
    case KeyRole: return o.key;
    }
    return {};
}

QVariant RegistryObjectsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Kind: return tr("Kind");
    case Namespace: return tr("Namespace");
    case Name: return tr("Name");
    case Size: return tr("Size");
    case Labels: return tr("Labels");
    case Revision: return tr("Revision");
    }
    return {};
}

void RegistryObjectsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QVector<int> oldRows = m_rows;
    m_sortColumn = column;
    m_sortOrder = order;
    sortRows();
    // Persistent indexes follow their objects.
    QHash<int, int> rowOf;
    for (int r = 0; r < m_rows.size(); ++r)
        rowOf.insert(m_rows[r], r);
    QModelIndexList after;
    for (const QModelIndex &i : before)
        after << index(rowOf.value(oldRows[i.row()]), i.column());
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void RegistryObjectsModel::sortRows()
{
    if (!m_scan)
        return;
    const auto &index = m_scan->index;
    auto less = [this, &index](int a, int b) {
        const k8s::RegistryObject &x = index[a], &y = index[b];
        switch (m_sortColumn) {
        case Kind: return x.kind != y.kind ? x.kind < y.kind : x.key < y.key;
        case Namespace: return x.nsBytes() != y.nsBytes() ? x.nsBytes() < y.nsBytes() : x.key < y.key;
        case Name: {
            const QByteArrayView nx = QByteArrayView(x.key).sliced(x.nameFrom),
                                 ny = QByteArrayView(y.key).sliced(y.nameFrom);
            return nx != ny ? nx < ny : x.key < y.key;
        }
        case Size: return x.bytes < y.bytes || (x.bytes == y.bytes && x.key < y.key);
        case Labels: return x.labels < y.labels;
        case Revision: return x.modRevision < y.modRevision;
        }
        return a < b;
    };
    if (m_sortOrder == Qt::AscendingOrder)
        std::stable_sort(m_rows.begin(), m_rows.end(), less);
    else
        std::stable_sort(m_rows.begin(), m_rows.end(), [&less](int a, int b) { return less(b, a); });
}

// --- LeaderLeasesModel -------------------------------------------------------------------------

LeaderLeasesModel::LeaderLeasesModel(k8s::ControlPlaneLeases *source, QObject *parent)
    : QAbstractTableModel(parent), m_source(source), m_now(QDateTime::currentDateTimeUtc())
{
    connect(source, &k8s::ControlPlaneLeases::changed, this, &LeaderLeasesModel::sync);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (!m_fixedNow)
            m_now = QDateTime::currentDateTimeUtc();
        if (!m_keys.isEmpty())
            Q_EMIT dataChanged(index(0, Renewed), index(int(m_keys.size()) - 1, State));
    });
    m_tick.start();
    sync();
}

void LeaderLeasesModel::setNow(const QDateTime &now)
{
    m_fixedNow = true;
    m_now = now;
    if (!m_keys.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_keys.size()) - 1, ColumnCount - 1));
}

const k8s::LeaderLease *LeaderLeasesModel::leaseAt(int row) const
{
    if (!m_source || row < 0 || row >= m_keys.size())
        return nullptr;
    const auto it = m_source->leases().find(m_keys[row]);
    return it == m_source->leases().end() ? nullptr : &it->second;
}

void LeaderLeasesModel::sync()
{
    if (!m_fixedNow)
        m_now = QDateTime::currentDateTimeUtc();
    // The wanted order: leader elections first, then identity leases, each by name.
    QVector<QByteArray> wanted;
    if (m_source)
        for (const auto &[key, lease] : m_source->leases())
            wanted << key;
    const auto &all = m_source ? m_source->leases() : std::map<QByteArray, k8s::LeaderLease>{};
    std::stable_sort(wanted.begin(), wanted.end(), [&all](const QByteArray &a, const QByteArray &b) {
        const bool la = all.at(a).isLeaderElection(), lb = all.at(b).isLeaderElection();
        return la != lb ? la : a < b;
    });
    // Removals, then insertions, one row at a time, then the rest changed in place.
    for (int row = int(m_keys.size()) - 1; row >= 0; --row) {
        if (!wanted.contains(m_keys[row])) {
            beginRemoveRows({}, row, row);
            m_keys.removeAt(row);
            endRemoveRows();
        }
    }
    for (int row = 0; row < wanted.size(); ++row) {
        if (row < m_keys.size() && m_keys[row] == wanted[row])
            continue;
        const qsizetype at = m_keys.indexOf(wanted[row]);
        if (at >= 0) {
            beginMoveRows({}, int(at), int(at), {}, row);
            m_keys.move(at, row);
            endMoveRows();
        } else {
            beginInsertRows({}, row, row);
            m_keys.insert(row, wanted[row]);
            endInsertRows();
        }
    }
    if (!m_keys.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_keys.size()) - 1, ColumnCount - 1));
}

int LeaderLeasesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int LeaderLeasesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LeaderLeasesModel::data(const QModelIndex &index, int role) const
{
    const k8s::LeaderLease *l = index.isValid() ? leaseAt(index.row()) : nullptr;
    if (!l)
        return {};
    const bool fresh = l->isFresh(m_now);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Lease: return l->ns + QLatin1Char('/') + l->name;
        case Holder: return l->decoded ? (l->holder.isEmpty() ? tr("(none)") : l->holder) : tr("(not readable)");
        case Renewed: return age(l->renewTime, m_now);
        case Duration: return l->durationSeconds > 0 ? tr("%1 s").arg(l->durationSeconds) : QString();
        case Transitions: return l->decoded ? QString::number(l->transitions) : QString();
        case State:
            if (!l->decoded)
                return tr("unreadable");
            if (l->holder.isEmpty())
                return tr("released");
            return fresh ? tr("held") : tr("expired");
        }
        return {};
    case Qt::ToolTipRole:
        return tr("%1\nacquired %2\nrenewed %3")
            .arg(displayKey(l->key), l->acquireTime.toString(Qt::ISODateWithMs),
                 l->renewTime.toString(Qt::ISODateWithMs));
    case Qt::ForegroundRole:
        if (index.column() == State && l->decoded && !l->holder.isEmpty())
            return QBrush(fresh ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
        return {};
    case Qt::FontRole:
        if (index.column() == Lease && l->isLeaderElection()) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Duration || index.column() == Transitions
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    }
    return {};
}

QVariant LeaderLeasesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Lease: return tr("Lease");
    case Holder: return tr("Holder");
    case Renewed: return tr("Renewed");
    case Duration: return tr("Duration");
    case Transitions: return tr("Handovers");
    case State: return tr("State");
    }
    return {};
}

} // namespace etcd::ui
