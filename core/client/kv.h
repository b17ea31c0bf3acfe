// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/apibase.h"
#include "client/calloptions.h"
#include "client/etcderror.h"
#include "client/kvtypes.h"
#include "client/txn.h"

#include <QFuture>
#include <QObject>

#include <functional>

namespace etcd {

// Keys and values. Every method returns at once; the future completes on a gRPC thread, so use
// whenFinished(future, receiver, ...) to continue on the receiver's thread.
class Kv : public detail::ApiBase
{
public:
    using ApiBase::ApiBase;

    QFuture<EtcdResult<RangeResult>> range(const RangeOptions &options, const CallOptions &call = {}) const;
    QFuture<EtcdResult<RangeResult>> get(const QByteArray &key, const CallOptions &call = {}) const;
    QFuture<EtcdResult<PutResult>> put(const QByteArray &key, const QByteArray &value, const PutOptions &options = {},
                                       const CallOptions &call = {}) const;
    QFuture<EtcdResult<DeleteResult>> deleteRange(const DeleteOptions &options, const CallOptions &call = {}) const;
    QFuture<EtcdResult<TxnResult>> txn(const TxnSpec &spec, const CallOptions &call = {}) const;
    QFuture<EtcdResult<ResponseHeader>> compact(qint64 revision, bool physical = false,
                                                const CallOptions &call = {}) const;

    // Walk any keyspace in pages, all read at the revision of the first page, so no response comes
    // near gRPC's message limit however large the range. Pages are handed to `onPage` on
    // `context`'s thread, in order, before the future completes. Cancel the future to stop.
    // A revision compacted during the walk ends it with an error for which isCompacted() is true.
    using PageHandler = std::function<void(const RangePage &)>;
    QFuture<EtcdResult<PagedRangeSummary>> pagedRange(const PagedRangeOptions &options, QObject *context,
                                                      PageHandler onPage, const CallOptions &call = {}) const;
};

} // namespace etcd
