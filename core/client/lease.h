// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/apibase.h"
#include "client/leasetypes.h"

#include <QFuture>

namespace etcd {

// Lease RPCs. Keeping leases alive is the LeaseKeeper's job (EtcdClient::keepAlive).
class Lease : public detail::ApiBase
{
public:
    using ApiBase::ApiBase;

    QFuture<EtcdResult<LeaseGrant>> grant(qint64 ttlSeconds, qint64 id = 0, const CallOptions &call = {}) const;
    QFuture<EtcdResult<ResponseHeader>> revoke(qint64 id, const CallOptions &call = {}) const;
    QFuture<EtcdResult<LeaseTimeToLive>> timeToLive(qint64 id, bool withKeys = false,
                                                    const CallOptions &call = {}) const;
    QFuture<EtcdResult<LeaseList>> list(const CallOptions &call = {}) const;
};

} // namespace etcd
