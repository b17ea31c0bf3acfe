// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/kvtypes.h"

#include <QByteArray>
#include <QVector>

namespace etcd {

struct LeaseGrant
{
    ResponseHeader header;
    qint64 id = 0;
    qint64 ttl = 0; // what etcd granted (it raises TTLs below its minimum)
};

struct LeaseTimeToLive
{
    ResponseHeader header;
    qint64 id = 0;
    qint64 ttl = -1; // seconds left; -1 when the lease has expired or does not exist
    qint64 grantedTtl = 0;
    QVector<QByteArray> keys; // attached keys, when asked for
};

struct LeaseList
{
    ResponseHeader header;
    QVector<qint64> ids;
};

} // namespace etcd
