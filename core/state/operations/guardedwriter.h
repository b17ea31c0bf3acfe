// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/kv.h"
#include "state/operations/operationreport.h"

#include <QHash>
#include <QVector>

#include <functional>

namespace etcd::detail {

class OperationContext;

// One key's write and the compares that make it safe: what the user saw must still hold.
struct GuardedWrite
{
    QByteArray key;            // the key named in the report
    QVector<Compare> compares; // on single keys, on versions/revisions/leases: re-checked locally on failure
    QVector<TxnOp> ops;
};

// Writes many guarded writes in as few transactions as etcd allows: at most 128 compares and 128
// operations per branch (etcd's --max-txn-ops default) and about 1 MiB per request (etcd refuses
// requests over 1.5 MiB by default). A transaction whose compares fail applies nothing; its failure
// branch reads every compared key, so the writes that no longer hold are found, reported through
// `explain` and dropped, and the rest is sent again. When etcd says a transaction has too many
// operations or is too large (its limits may be set lower), the batch is split and sent again:
// etcd refuses those before applying anything.
class GuardedWriter
{
public:
    // Why `write` no longer holds, given the current state of the keys it compares (absent keys
    // are not in `current`).
    using Explain = std::function<KeyProblem(const GuardedWrite &write, const QHash<QByteArray, KeyValue> &current)>;

    GuardedWriter(Kv kv, OperationContext &context, OperationReport &report, Explain explain);

    // Called after every transaction (to report progress).
    void setAfterEachTransaction(std::function<void()> callback) { m_afterEach = std::move(callback); }

    // Apply `writes` in order. Done keys and problems go to the report. Returns false when the
    // operation must stop: cancelled (report.cancelled) or an error (report.error).
    bool apply(const QVector<GuardedWrite> &writes);

    static constexpr int defaultMaxPerBranch = 128;
    static constexpr qint64 defaultMaxRequestBytes = 1 << 20;

private:
    enum class Outcome { Continue, Stop };
    Outcome applyBatch(QVector<GuardedWrite> batch);
    Outcome splitAfterRefusal(const QVector<GuardedWrite> &batch, const EtcdError &error);

    Kv m_kv;
    OperationContext &m_context;
    OperationReport &m_report;
    Explain m_explain;
    std::function<void()> m_afterEach;
    int m_maxPerBranch = defaultMaxPerBranch;
    qint64 m_maxBytes = defaultMaxRequestBytes;
};

// Does `c` hold for `kv` (nullptr: the key is absent)? Numeric targets only; Value compares hold.
bool compareHolds(const Compare &c, const KeyValue *kv);

} // namespace etcd::detail
