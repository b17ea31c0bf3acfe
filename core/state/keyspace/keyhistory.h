// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"

#include <QFuture>
#include <QVector>

namespace etcd {

struct KeyHistory
{
    QVector<KeyValue> versions; // newest first; the first is the current value
    bool reachedCreation = false; // the oldest entry is the version that created the key
    bool compacted = false;       // older versions exist but were compacted away
    bool truncated = false;       // stopped at maxVersions
};

// Earlier versions of a key since it was (last) created: read back one revision at a time
// (the value as of mod_revision - 1), until its creation, a compacted revision, or maxVersions.
QFuture<EtcdResult<KeyHistory>> loadKeyHistory(EtcdClient *client, const QByteArray &key, int maxVersions = 50);

} // namespace etcd
