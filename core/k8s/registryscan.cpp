// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "k8s/registryscan.h"

#include "client/etcdclient.h"
#include "k8s/kubevalue.h"
#include "k8s/labelselector.h"
#include "state/operations/operationrunner.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <numeric>
#include <queue>

namespace etcd::k8s {

namespace {

bool isEventKind(const ResourceInfo &r)
{
    return r.kind == QLatin1String("Event");
}

// A custom resource is JSON: its metadata is read from the JSON (only for values that look like it).
void readJsonMetadata(const QByteArray &value, RegistryObject *o)
{
    if (!value.startsWith('{'))
        return;
    const QJsonObject doc = QJsonDocument::fromJson(value).object();
    if (doc.isEmpty())
        return;
    o->kind = doc.value(QLatin1String("kind")).toString();
    const QJsonObject labels =
        doc.value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        o->labels += it.key().toUtf8() + '=' + it.value().toString().toUtf8() + '\n';
}

class Scanner
{
public:
    explicit Scanner(int largestCount) : m_largestCount(largestCount) {}

    void add(const KeyValue &kv)
    {
        const RegistryPath path = RegistryPath::parse(kv.key);
        if (path.level != RegistryPath::Level::Object) {
            ++m_scan.otherKeys;
            m_scan.otherBytes += kv.value.size();
            return;
        }
        RegistryObject o;
        o.key = kv.key;
        o.bytes = kv.value.size();
        o.modRevision = kv.modRevision;
        // The namespace and name are the key's last segments (a name may hold slashes only where
        // the resource has no namespace).
        const QByteArray nameBytes = path.name.toUtf8();
        o.nameFrom = int(kv.key.size() - nameBytes.size());
        if (path.resource.namespaced) {
            o.nsLength = int(path.ns.toUtf8().size());
            o.nsFrom = o.nameFrom - 1 - o.nsLength;
        }
        o.kind = intern(path.resource.kind);
        const Storage storage = storageOf(kv.value);
        bool readable = true;
        if (storage == Storage::Protobuf) {
            const ObjectInfo info = readObjectInfo(kv.value);
            readable = info.ok;
            if (info.ok) {
                o.kind = intern(info.kind);
                for (auto it = info.labels.begin(); it != info.labels.end(); ++it)
                    o.labels += it.key().toUtf8() + '=' + it.value().toUtf8() + '\n';
            }
        } else if (storage == Storage::Encrypted) {
            o.encrypted = true;
        } else {
            readJsonMetadata(kv.value, &o);
            o.kind = intern(o.kind);
            readable = !o.kind.isEmpty();
        }
        auto r = m_resources.find(path.resource.resource);
        if (r == m_resources.end()) {
            r = m_resources.insert(path.resource.resource, int(m_scan.resources.size()));
            ResourceTotals totals;
            totals.info = path.resource;
            m_scan.resources << totals;
        }
        o.resource = *r;
        ResourceTotals &totals = m_scan.resources[*r];
        ++totals.objects;
        totals.bytes += o.bytes;
        totals.encrypted += o.encrypted ? 1 : 0;
        totals.undecodable += (!readable && !o.encrypted) ? 1 : 0;
        if (totals.info.custom && totals.info.kind.isEmpty() && !o.kind.isEmpty())
            totals.info.kind = o.kind; // a custom resource's kind, from its first object
        const QString nsKey = path.resource.namespaced ? path.ns : QString();
        NamespaceTotals &ns = m_namespaces[nsKey];
        ns.ns = nsKey;
        ++ns.objects;
        ns.bytes += o.bytes;
        ++m_scan.objects;
        m_scan.bytes += o.bytes;
        const int at = int(m_scan.index.size());
        m_largest.emplace(o.bytes, at);
        if (int(m_largest.size()) > m_largestCount)
            m_largest.pop();
        m_scan.index << std::move(o);
    }

    void reserve(qint64 objects) { m_scan.index.reserve(qsizetype(objects)); }

    RegistryScan finish(qint64 revision)
    {
        m_scan.revision = revision;
        for (auto it = m_namespaces.begin(); it != m_namespaces.end(); ++it)
            m_scan.namespaces << it.value();
        std::stable_sort(m_scan.namespaces.begin(), m_scan.namespaces.end(),
                         [](const NamespaceTotals &a, const NamespaceTotals &b) { return a.bytes > b.bytes; });
        // Resources sorted by bytes: the index's resource numbers follow them.
        QVector<int> order(m_scan.resources.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [this](int a, int b) { return m_scan.resources[a].bytes > m_scan.resources[b].bytes; });
        QVector<int> newIndex(order.size());
        QVector<ResourceTotals> sorted;
        for (int i = 0; i < order.size(); ++i) {
            newIndex[order[i]] = i;
            sorted << m_scan.resources[order[i]];
        }
        m_scan.resources = sorted;
        for (RegistryObject &o : m_scan.index)
            o.resource = newIndex[o.resource];
        while (!m_largest.empty()) {
            m_scan.largest.prepend(m_largest.top().second);
            m_largest.pop();
        }
        return std::move(m_scan);
    }

private:
    // One string per kind for every object of it.
    QString intern(const QString &kind)
    {
        auto it = m_kinds.constFind(kind);
        if (it == m_kinds.constEnd())
            it = m_kinds.insert(kind, kind);
        return *it;
    }

    QHash<QString, QString> m_kinds;
    int m_largestCount;
    RegistryScan m_scan;
    QHash<QString, int> m_resources;
    QMap<QString, NamespaceTotals> m_namespaces;
    // The largest objects so far, smallest on top (a bounded min-heap).
    std::priority_queue<std::pair<qint64, int>, std::vector<std::pair<qint64, int>>, std::greater<>> m_largest;
};

EtcdResult<RegistryScan> scanNow(const Kv &kv, int largestCount, detail::OperationContext &context)
{
    Scanner scanner(largestCount);
    PagedRangeOptions options;
    options.range = RangeOptions::prefix(kRegistryPrefix);
    options.maxBufferedBytes = 16 << 20; // values: read ahead at most this much
    const detail::WalkHere walk = detail::walkHere(kv, options, context, [&](const RangePage &page) {
        if (page.index == 0) {
            context.setProgressMaximum(page.totalKeys);
            scanner.reserve(page.totalKeys); // no doubling of the index as it grows
        }
        for (const KeyValue &entry : page.kvs)
            scanner.add(entry);
        context.setProgress(page.keysSoFar, QString());
        return true;
    });
    if (walk.stopped) {
        RegistryScan cancelled;
        cancelled.cancelled = true;
        return cancelled;
    }
    const EtcdResult<PagedRangeSummary> &done = walk.result;
    if (!done.ok())
        return done.error();
    return scanner.finish(done.value().header.revision);
}

} // namespace

QMap<QString, QString> RegistryObject::labelMap() const
{
    QMap<QString, QString> map;
    for (const QByteArray &line : labels.split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            map.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
    }
    return map;
}

const ResourceTotals *RegistryScan::resourceOf(const QString &kind) const
{
    for (const ResourceTotals &r : resources)
        if (r.info.kind == kind)
            return &r;
    return nullptr;
}

qint64 RegistryScan::eventBytes() const
{
    qint64 sum = 0;
    for (const ResourceTotals &r : resources)
        sum += isEventKind(r.info) ? r.bytes : 0;
    return sum;
}

qint64 RegistryScan::eventObjects() const
{
    qint64 sum = 0;
    for (const ResourceTotals &r : resources)
        sum += isEventKind(r.info) ? r.objects : 0;
    return sum;
}

QVector<int> filterObjects(const RegistryScan &scan, const RegistryFilter &filter)
{
    const LabelSelector selector = LabelSelector::parse(filter.labelSelector);
    QVector<int> out;
    if (!selector.isValid())
        return out;
    const QByteArray nsBytes = filter.ns.toUtf8();
    for (int i = 0; i < scan.index.size(); ++i) {
        const RegistryObject &o = scan.index[i];
        if (!filter.kind.isEmpty() && o.kind != filter.kind && scan.resources[o.resource].info.kind != filter.kind)
            continue;
        if (!filter.ns.isEmpty() && o.nsBytes() != nsBytes)
            continue;
        if (!selector.isEmpty() && !selector.matches(o.labelMap()))
            continue;
        out << i;
    }
    return out;
}

QFuture<EtcdResult<RegistryScan>> scanRegistry(EtcdClient *client, const StopToken &stop, int largestCount)
{
    return detail::runOperation<RegistryScan>(stop,
                                              [kv = client->kv(), largestCount](detail::OperationContext &context) {
                                                  return scanNow(kv, largestCount, context);
                                              });
}

} // namespace etcd::k8s
