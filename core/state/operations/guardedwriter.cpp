// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/operations/guardedwriter.h"

#include "state/operations/operationrunner.h"

#include <QSet>

#include <algorithm>

namespace etcd::detail {

namespace {

// A transaction whose compares keep failing although every write still holds when re-read is
// racing with writers; give up on its keys after this many rounds rather than loop.
constexpr int maxFruitlessRounds = 5;

qint64 estimatedBytes(const GuardedWrite &w)
{
    qint64 bytes = 0;
    for (const Compare &c : w.compares)
        bytes += 2 * c.key.size() + c.rangeEnd.size() + 24; // the compare, and the failure branch's read
    for (const TxnOp &op : w.ops) {
        if (op.kind == TxnOp::Put)
            bytes += op.key.size() + op.value.size() + 24;
        else if (op.kind == TxnOp::Delete)
            bytes += op.del.key.size() + op.del.rangeEnd.size() + 16;
        else
            bytes += op.range.key.size() + op.range.rangeEnd.size() + 24;
    }
    return bytes;
}

QVector<QByteArray> comparedKeys(const QVector<GuardedWrite> &batch)
{
    QVector<QByteArray> keys;
    QSet<QByteArray> seen;
    for (const GuardedWrite &w : batch) {
        for (const Compare &c : w.compares) {
            if (!seen.contains(c.key)) {
                seen.insert(c.key);
                keys.push_back(c.key);
            }
        }
    }
    return keys;
}

} // namespace

bool compareHolds(const Compare &c, const KeyValue *kv)
{
    qint64 actual = 0;
    switch (c.target) {
    case Compare::Version: actual = kv ? kv->version : 0; break;
    case Compare::Create: actual = kv ? kv->createRevision : 0; break;
    case Compare::Mod: actual = kv ? kv->modRevision : 0; break;
    case Compare::Lease: actual = kv ? kv->lease : 0; break;
    case Compare::Value: return true; // needs the value, which the failure branch does not read
    }
    switch (c.result) {
    case Compare::Equal: return actual == c.number;
    case Compare::Greater: return actual > c.number;
    case Compare::Less: return actual < c.number;
    case Compare::NotEqual: return actual != c.number;
    }
    return false;
}

GuardedWriter::GuardedWriter(Kv kv, OperationContext &context, OperationReport &report, Explain explain)
    : m_kv(std::move(kv)), m_context(context), m_report(report), m_explain(std::move(explain))
{}

bool GuardedWriter::apply(const QVector<GuardedWrite> &writes)
{
    int next = 0;
    while (next < writes.size()) {
        if (m_context.stopRequested()) {
            m_report.cancelled = true;
            return false;
        }
        QVector<GuardedWrite> batch;
        int compares = 0;
        int ops = 0;
        qint64 bytes = 0;
        while (next < writes.size()) {
            const GuardedWrite &w = writes[next];
            const qint64 size = estimatedBytes(w);
            const bool fits = compares + w.compares.size() <= m_maxPerBranch && ops + w.ops.size() <= m_maxPerBranch &&
                              bytes + size <= m_maxBytes;
            if (!batch.isEmpty() && !fits)
                break;
            batch.push_back(w);
            compares += w.compares.size();
            ops += w.ops.size();
            bytes += size;
            ++next;
        }
        if (applyBatch(std::move(batch)) == Outcome::Stop)
            return false;
        if (m_afterEach)
            m_afterEach();
    }
    return true;
}

GuardedWriter::Outcome GuardedWriter::applyBatch(QVector<GuardedWrite> batch)
{
    int fruitless = 0;
    while (!batch.isEmpty()) {
        TxnSpec txn;
        for (const GuardedWrite &w : batch) {
            txn.compares += w.compares;
            txn.success += w.ops;
        }
        const QVector<QByteArray> probes = comparedKeys(batch);
        for (const QByteArray &key : probes) {
            RangeOptions read = RangeOptions::single(key);
            read.keysOnly = true;
            txn.failure.push_back(TxnOp::get(read));
        }
        auto result = awaitResult(m_kv.txn(txn));
        if (!result.ok()) {
            if (result.error().isTooManyTxnOps() || result.error().isRequestTooLarge())
                return splitAfterRefusal(batch, result.error());
            // Not applied, unless the call broke off midway: say which keys that concerns.
            const QString why =
                result.error().mayHaveBeenApplied()
                    ? QStringLiteral("may or may not have been written: %1").arg(result.error().toString())
                    : QStringLiteral("not written: %1").arg(result.error().toString());
            for (const GuardedWrite &w : batch)
                m_report.addProblem(w.key, KeyProblem::Failed, why);
            m_report.error = result.error();
            return Outcome::Stop;
        }
        if (result->succeeded) {
            for (const GuardedWrite &w : batch)
                m_report.addDone(w.key);
            m_report.revision = result->header.revision;
            return Outcome::Continue;
        }

        // Some compare failed, so nothing was written: find the writes that no longer hold.
        QHash<QByteArray, KeyValue> current;
        for (const TxnOpResult &read : result->responses) {
            for (const KeyValue &kv : read.range.kvs)
                current.insert(kv.key, kv);
        }
        QVector<GuardedWrite> stillHolding;
        for (const GuardedWrite &w : batch) {
            const bool holds = std::all_of(w.compares.begin(), w.compares.end(), [&](const Compare &c) {
                auto it = current.constFind(c.key);
                return compareHolds(c, it == current.constEnd() ? nullptr : &it.value());
            });
            if (holds) {
                stillHolding.push_back(w);
            } else {
                const KeyProblem problem = m_explain(w, current);
                m_report.addProblem(w.key, problem.kind, problem.detail);
            }
        }
        if (stillHolding.size() == batch.size() && ++fruitless >= maxFruitlessRounds) {
            for (const GuardedWrite &w : batch)
                m_report.addProblem(w.key, KeyProblem::Failed,
                                    QStringLiteral("not written: its keys kept changing while we tried"));
            return Outcome::Continue;
        }
        batch = std::move(stillHolding);
    }
    return Outcome::Continue;
}

GuardedWriter::Outcome GuardedWriter::splitAfterRefusal(const QVector<GuardedWrite> &batch, const EtcdError &error)
{
    if (batch.size() == 1) {
        const QString why =
            error.isRequestTooLarge()
                ? QStringLiteral("not written: too large for one etcd request (%1)").arg(error.message())
                : QStringLiteral("not written: needs more operations than etcd allows in one "
                                 "transaction (%1)")
                      .arg(error.message());
        m_report.addProblem(batch.first().key, KeyProblem::Failed, why);
        return Outcome::Continue;
    }
    if (error.isTooManyTxnOps()) {
        int compares = 0;
        int ops = 0;
        for (const GuardedWrite &w : batch) {
            compares += w.compares.size();
            ops += w.ops.size();
        }
        const int largestBranch = std::max({compares, ops, static_cast<int>(comparedKeys(batch).size())});
        m_maxPerBranch = std::max(1, largestBranch / 2);
    } else {
        qint64 bytes = 0;
        for (const GuardedWrite &w : batch)
            bytes += estimatedBytes(w);
        m_maxBytes = std::max<qint64>(1, bytes / 2);
    }
    // The smaller limits now hold for the rest of the operation too.
    const auto afterEach = std::exchange(m_afterEach, {});
    const bool ok = apply(batch);
    m_afterEach = afterEach;
    return ok ? Outcome::Continue : Outcome::Stop;
}

} // namespace etcd::detail
