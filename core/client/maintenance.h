// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/apibase.h"
#include "client/clustertypes.h"

#include <QFuture>
#include <QVector>

namespace etcd {

// Maintenance RPCs. Status, defragment and hashes address one member: pass its endpoint.
class Maintenance : public detail::ApiBase
{
public:
    using ApiBase::ApiBase;

    // Status of one endpoint (no failover: the answer is about that member).
    QFuture<EtcdResult<EndpointStatus>> status(const QString &endpoint, int timeoutMs = 0) const;
    // Status of EVERY configured endpoint, in endpoint order; an unreachable one carries its error.
    QFuture<QVector<EndpointStatus>> statusAll(int timeoutMs = 0) const;

    QFuture<EtcdResult<AlarmList>> alarms(const CallOptions &call = {}) const;
    QFuture<EtcdResult<AlarmList>> disarm(quint64 memberId, AlarmType type, const CallOptions &call = {}) const;

    QFuture<EtcdResult<ResponseHeader>> defragment(const QString &endpoint, int timeoutMs = 60000) const;
    QFuture<EtcdResult<HashResult>> hash(const QString &endpoint) const;
    QFuture<EtcdResult<HashResult>> hashKv(const QString &endpoint, qint64 revision = 0) const;

    // Transfer raft leadership to `targetMemberId`. The request must reach the current leader, so
    // the leader is found first among the configured endpoints.
    QFuture<EtcdResult<ResponseHeader>> moveLeader(quint64 targetMemberId, int timeoutMs = 0) const;

    // Stream a snapshot of the backend database into `filePath` (written as filePath.part, renamed
    // when complete). Progress: the future's progress value/range are in KiB, the text says
    // "x of y MiB". Cancel the future to stop; the partial file is removed.
    QFuture<EtcdResult<SnapshotInfo>> snapshot(const QString &filePath, const QString &endpoint = {}) const;
};

} // namespace etcd
