// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/apibase.h"
#include "client/clustertypes.h"

#include <QFuture>

namespace etcd {

// Cluster membership.
class Cluster : public detail::ApiBase
{
public:
    using ApiBase::ApiBase;

    QFuture<EtcdResult<MemberList>> memberList(const CallOptions &call = {}) const;
    QFuture<EtcdResult<MemberAdded>> memberAdd(const QStringList &peerUrls, bool asLearner = false,
                                               const CallOptions &call = {}) const;
    QFuture<EtcdResult<MemberList>> memberRemove(quint64 memberId, const CallOptions &call = {}) const;
    QFuture<EtcdResult<MemberList>> memberPromote(quint64 memberId, const CallOptions &call = {}) const;
    QFuture<EtcdResult<MemberList>> memberUpdate(quint64 memberId, const QStringList &peerUrls,
                                                 const CallOptions &call = {}) const;
};

} // namespace etcd
