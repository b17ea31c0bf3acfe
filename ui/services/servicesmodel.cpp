// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "services/servicesmodel.h"

#include "format/valueformat.h"
#include "common/theme.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QJsonDocument>

#include <algorithm>

namespace etcd::ui {

namespace {
// The first service not sorting before `name` (where it is, or where it goes).
template<typename Services> auto firstNotBefore(Services &services, const QString &name)
{
    return std::lower_bound(services.begin(), services.end(), name,
                            [](const auto &n, const QString &s) { return n->name < s; });
}
} // namespace

ServicesModel::ServicesModel(ServiceRegistry *registry, QObject *parent)
    : QAbstractItemModel(parent), m_registry(registry)
{
    connect(registry, &ServiceRegistry::loaded, this, &ServicesModel::rebuild);
    connect(registry, &ServiceRegistry::instanceAdded, this, &ServicesModel::onAdded);
    connect(registry, &ServiceRegistry::instanceRemoved, this, &ServicesModel::onRemoved);
    connect(registry, &ServiceRegistry::instanceChanged, this, &ServicesModel::onChanged);
    // The TTL column counts down between the registry's lease polls.
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &ServicesModel::tick);
    m_countdown.start();
    if (registry->isLoaded())
        rebuild();
}

int ServicesModel::serviceRow(const QString &name) const
{
    auto it = firstNotBefore(m_services, name);
    return it != m_services.end() && (*it)->name == name ? int(it - m_services.begin()) : -1;
}

void ServicesModel::rebuild()
{
    // Only once, when the registry's first listing arrives (the model starts empty before it).
    beginResetModel();
    m_services.clear();
    for (const auto &entry : m_registry->instances()) {
        const QString &name = entry.second.service;
        int row = serviceRow(name);
        if (row < 0) {
            auto at = firstNotBefore(m_services, name);
            row = int(at - m_services.begin());
            auto node = std::make_unique<ServiceNode>();
            node->name = name;
            m_services.insert(at, std::move(node));
        }
        m_services[size_t(row)]->keys.push_back(entry.first); // the registry is sorted by key
    }
    endResetModel();
}

void ServicesModel::onAdded(const QByteArray &key)
{
    const ServiceInstance *in = m_registry->instance(key);
    if (!in)
        return;
    int row = serviceRow(in->service);
    if (row < 0) {
        auto at = firstNotBefore(m_services, in->service);
        row = int(at - m_services.begin());
        beginInsertRows({}, row, row);
        auto node = std::make_unique<ServiceNode>();
        node->name = in->service;
        m_services.insert(at, std::move(node));
        endInsertRows();
    }
    ServiceNode &s = *m_services[size_t(row)];
    auto at = std::lower_bound(s.keys.begin(), s.keys.end(), key);
    if (at != s.keys.end() && *at == key)
        return onChanged(key);
    const int child = int(at - s.keys.begin());
    beginInsertRows(index(row, 0), child, child);
    s.keys.insert(at, key);
    endInsertRows();
    const QModelIndex serviceIndex = index(row, Endpoint);
    Q_EMIT dataChanged(serviceIndex, serviceIndex); // the instance count
}

void ServicesModel::onRemoved(const QByteArray &key, const QString &service)
{
    const int row = serviceRow(service);
    if (row < 0)
        return;
    ServiceNode &s = *m_services[size_t(row)];
    auto at = std::lower_bound(s.keys.begin(), s.keys.end(), key);
    if (at == s.keys.end() || *at != key)
        return;
    if (s.keys.size() == 1) {
        beginRemoveRows({}, row, row);
        m_services.erase(m_services.begin() + row);
        endRemoveRows();
        return;
    }
    const int child = int(at - s.keys.begin());
    beginRemoveRows(index(row, 0), child, child);
    s.keys.erase(at);
    endRemoveRows();
    const QModelIndex serviceIndex = index(row, Endpoint);
    Q_EMIT dataChanged(serviceIndex, serviceIndex);
}

void ServicesModel::onChanged(const QByteArray &key)
{
    const QModelIndex i = indexForKey(key);
    if (i.isValid())
        Q_EMIT dataChanged(i, i.siblingAtColumn(ColumnCount - 1));
}

void ServicesModel::tick()
{
    for (int row = 0; row < int(m_services.size()); ++row) {
        const int n = int(m_services[size_t(row)]->keys.size());
        if (n > 0) {
            const QModelIndex parentIndex = index(row, 0);
            Q_EMIT dataChanged(index(0, TtlLeft, parentIndex), index(n - 1, TtlLeft, parentIndex));
        }
    }
}

QByteArray ServicesModel::keyAt(const QModelIndex &i) const
{
    if (!i.isValid() || !i.internalPointer())
        return {};
    const auto *s = static_cast<const ServiceNode *>(i.internalPointer());
    return s->keys.at(size_t(i.row()));
}

QModelIndex ServicesModel::indexForService(const QString &service) const
{
    const int row = serviceRow(service);
    return row < 0 ? QModelIndex() : index(row, 0);
}

QModelIndex ServicesModel::indexForKey(const QByteArray &key) const
{
    const ServiceInstance *in = m_registry->instance(key);
    const int row = in ? serviceRow(in->service) : -1;
    if (row < 0)
        return {};
    const ServiceNode &s = *m_services[size_t(row)];
    auto at = std::lower_bound(s.keys.begin(), s.keys.end(), key);
    if (at == s.keys.end() || *at != key)
        return {};
    return createIndex(int(at - s.keys.begin()), 0, const_cast<ServiceNode *>(&s));
}

QModelIndex ServicesModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < int(m_services.size()) ? createIndex(row, column, nullptr) : QModelIndex();
    if (parent.internalPointer() || parent.row() >= int(m_services.size()))
        return {}; // instances have no children
    ServiceNode *s = m_services[size_t(parent.row())].get();
    return row < int(s->keys.size()) ? createIndex(row, column, s) : QModelIndex();
}

QModelIndex ServicesModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    const auto *s = static_cast<const ServiceNode *>(child.internalPointer());
    return indexForService(s->name);
}

int ServicesModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_services.size());
    if (parent.column() != 0 || parent.internalPointer() || parent.row() >= int(m_services.size()))
        return 0;
    return int(m_services[size_t(parent.row())]->keys.size());
}

int ServicesModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ServicesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Service / instance");
    case Endpoint: return tr("Endpoint");
    case Health: return tr("Health");
    case Lease: return tr("Lease");
    case TtlLeft: return tr("TTL left");
    case Registered: return tr("Registered");
    case Details: return tr("Metadata / value");
    default: return {};
    }
}

QVariant ServicesModel::data(const QModelIndex &i, int role) const
{
    if (!i.isValid())
        return {};
    if (!i.internalPointer()) {
        const ServiceNode &s = *m_services[size_t(i.row())];
        if (role == Qt::DisplayRole && i.column() == Name)
            return s.name;
        if (role == Qt::DisplayRole && i.column() == Endpoint)
            return s.keys.size() == 1 ? tr("1 instance") : tr("%1 instances").arg(s.keys.size());
        if (role == Qt::FontRole && i.column() == Name) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    }
    const ServiceInstance *in = m_registry->instance(keyAt(i));
    if (!in)
        return {};
    const qint64 left = in->ttlLeft(QDateTime::currentMSecsSinceEpoch());
    const bool expired = in->lease != 0 && in->ttl >= 0 && left == 0;
    switch (role) {
    case KeyRole:
        return in->key;
    case AliveRole:
        return !expired;
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2").arg(displayKey(in->key), QString::fromUtf8(in->value.left(2000)));
    case Qt::ForegroundRole:
        if (expired && (i.column() == TtlLeft || i.column() == Name))
            return QBrush(Theme::errorColor());
        if (i.column() == Health && !in->health.isEmpty()) {
            const QString h = in->health.toLower();
            const bool good = h == QLatin1String("passing") || h == QLatin1String("healthy") || h == QLatin1String("up") ||
                              h == QLatin1String("ok") || h == QLatin1String("serving") || h == QLatin1String("true");
            return QBrush(good ? Theme::successColor() : Theme::warningColor());
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (i.column()) {
    case Name: return in->instance.isEmpty() ? displayKey(in->key) : in->instance;
    case Endpoint: return in->endpoint();
    case Health: return in->health;
    case Lease: return in->lease ? QString::number(in->lease, 16) : tr("none");
    case TtlLeft:
        if (!in->lease)
            return tr("no lease");
        if (in->ttl < 0)
            return QStringLiteral("…");
        return expired ? tr("expired") : tr("%1 s of %2 s").arg(left).arg(in->grantedTtl);
    case Registered: return in->registeredAt;
    case Details:
        if (!in->parsed) // not JSON we understand: the value as it is
            return isUtf8(in->value) ? QString::fromUtf8(in->value.left(200)).simplified()
                                     : tr("binary, %1 bytes: %2").arg(in->value.size()).arg(QString::fromLatin1(in->value.left(24).toHex(' ')));
        return in->metadata.isEmpty() ? QString()
                                      : QString::fromUtf8(QJsonDocument(in->metadata).toJson(QJsonDocument::Compact));
    default: return {};
    }
}

} // namespace etcd::ui
