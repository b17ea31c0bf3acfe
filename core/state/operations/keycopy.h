// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/kv.h"
#include "state/operations/operationreport.h"

namespace etcd::detail {

class OperationContext;

struct CopyRequest
{
    QByteArray from;
    QByteArray to;
    bool folder = false;       // from/to are prefixes
    bool removeSource = false; // rename
    qint64 seenRevision = 0;
};

// Why a copy request cannot be carried out at all (empty when it can).
QString copyRequestProblem(const CopyRequest &request);

// KeyOperations::copy, on a worker thread.
EtcdResult<OperationReport> copyNow(const Kv &kv, const CopyRequest &request, OperationContext &context);

} // namespace etcd::detail
