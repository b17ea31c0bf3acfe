// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/kv.h"
#include "state/operations/operationreport.h"

namespace etcd::detail {

class OperationContext;

// KeyOperations::deletePrefix, on a worker thread.
OperationReport deletePrefixNow(const Kv &kv, const QByteArray &prefix, qint64 seenRevision, OperationContext &context);

} // namespace etcd::detail
