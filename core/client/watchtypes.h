// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/kvtypes.h"

#include <QMetaType>
#include <QVector>

#include <optional>

namespace etcd {

struct WatchEvent
{
    enum Type { Put = 0, Delete = 1 };
    Type type = Put;
    KeyValue kv;                    // for a delete: the key and the deletion's mod_revision
    std::optional<KeyValue> prevKv; // when the watch asked for prev_kv

    qint64 revision() const { return kv.modRevision; }
};
using WatchEvents = QVector<WatchEvent>;

struct WatchOptions
{
    QByteArray key;
    QByteArray rangeEnd;      // empty: the single key; see keyrange for prefixes
    qint64 startRevision = 0; // 0: from now on
    bool prevKv = false;
    bool progressNotify = false; // etcd reports progress on an idle watch (every 10 min by default)
    bool noPut = false;
    bool noDelete = false;

    static WatchOptions single(const QByteArray &key, qint64 startRevision = 0);
    static WatchOptions prefix(const QByteArray &prefix, qint64 startRevision = 0);
    static WatchOptions range(const QByteArray &key, const QByteArray &rangeEnd, qint64 startRevision = 0);
};

} // namespace etcd

Q_DECLARE_METATYPE(etcd::WatchEvent)
Q_DECLARE_METATYPE(etcd::WatchEvents)
