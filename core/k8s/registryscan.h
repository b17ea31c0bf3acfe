// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcderror.h"
#include "k8s/registrypath.h"
#include "state/operations/operationreport.h"

#include <QFuture>
#include <QMap>
#include <QVector>

namespace etcd {
class EtcdClient;
}

namespace etcd::k8s {

// One object of the scan, without its value: what the overview and its filters need.
// Kept small (~200 bytes with its key): a scan holds one per object. The namespace and name are
// where the key says, the kind string is shared by every object of a kind.
struct RegistryObject
{
    QByteArray key;
    QString kind;      // from the value's envelope (or the resource's kind when it is not protobuf)
    QByteArray labels; // "k=v" lines, from the decoded metadata (protobuf, or JSON custom resources)
    qint64 bytes = 0;  // the value's size
    qint64 modRevision = 0;
    int resource = -1;                          // index into RegistryScan::resources
    int nsFrom = 0, nsLength = 0, nameFrom = 0; // in the key
    bool encrypted = false;

    QByteArrayView nsBytes() const { return QByteArrayView(key).sliced(nsFrom, nsLength); }
    QString ns() const { return QString::fromUtf8(nsBytes()); }
    QString name() const { return QString::fromUtf8(QByteArrayView(key).sliced(nameFrom)); }
    QMap<QString, QString> labelMap() const;
};

struct ResourceTotals
{
    ResourceInfo info;
    qint64 objects = 0;
    qint64 bytes = 0;
    qint64 encrypted = 0;   // encrypted at rest: counted, not readable
    qint64 undecodable = 0; // neither protobuf nor JSON we could read the metadata of
};

struct NamespaceTotals
{
    QString ns;
    qint64 objects = 0;
    qint64 bytes = 0;
};

// The /registry tree as of one revision: objects and bytes per resource and per namespace, the
// largest objects, and a compact index of every object (keys and metadata, never the values) for
// filtering by kind, namespace and labels.
struct RegistryScan
{
    qint64 revision = 0;
    qint64 objects = 0;   // keys that are objects of a known layout
    qint64 bytes = 0;     // their values' bytes
    qint64 otherKeys = 0; // keys under /registry/ of no known layout
    qint64 otherBytes = 0;
    QVector<ResourceTotals> resources;   // by bytes, largest first
    QVector<NamespaceTotals> namespaces; // by bytes, largest first
    QVector<RegistryObject> index;       // in key order
    QVector<int> largest;                // indexes into `index`, largest first
    bool cancelled = false;

    const ResourceTotals *resourceOf(const QString &kind) const;
    qint64 eventBytes() const; // core and events.k8s.io events: the usual reason a database grows
    qint64 eventObjects() const;
};

// A filter over the scan's index: kind ("Pod", or empty for all), namespace (empty for all) and a
// label selector (k8s/labelselector.h; the caller checks it parses).
struct RegistryFilter
{
    QString kind;
    QString ns;
    QString labelSelector;
};
QVector<int> filterObjects(const RegistryScan &scan, const RegistryFilter &filter);

// Reads every key under /registry/ with its value, a page at a time on a worker thread, and keeps
// only the scan's figures and index: memory does not grow with the values. A read, allowed on
// read-only connections. Progress counts keys; stops on request.
QFuture<EtcdResult<RegistryScan>> scanRegistry(EtcdClient *client, const StopToken &stop = {}, int largestCount = 25);

} // namespace etcd::k8s
