// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/operations/keyoperations.h"

#include "client/etcdclient.h"
#include "state/operations/guardedwriter.h"
#include "state/operations/keycopy.h"
#include "state/operations/operationrunner.h"
#include "state/operations/prefixdelete.h"

namespace etcd {

using namespace detail;

KeyOperations::KeyOperations(EtcdClient *client)
    : m_readOnly(client->isReadOnly()), m_kv(client->kv()), m_lease(client->lease())
{}

QFuture<EtcdResult<PrefixCount>> KeyOperations::countPrefix(const QByteArray &prefix) const
{
    RangeOptions count = RangeOptions::prefix(prefix);
    count.countOnly = true;
    // No context: the conversion runs wherever the range completes, touching nothing but its result.
    return m_kv.range(count).then([](const EtcdResult<RangeResult> &r) -> EtcdResult<PrefixCount> {
        if (!r.ok())
            return r.error();
        return PrefixCount{r->count, r->header.revision};
    });
}

QFuture<EtcdResult<OperationReport>> KeyOperations::deletePrefix(const QByteArray &prefix, qint64 seenRevision,
                                                                 const StopToken &stop) const
{
    if (m_readOnly)
        return refuse<OperationReport>(EtcdError::readOnlyRefusal(QStringLiteral("delete prefix")));
    if (prefix.isEmpty())
        return refuse<OperationReport>(
            EtcdError::invalidArgument(QStringLiteral("refusing to delete every key of the cluster: give a prefix")));
    return runOperation<OperationReport>(stop, [kv = m_kv, prefix, seenRevision](OperationContext &context) {
        return toResult(deletePrefixNow(kv, prefix, seenRevision, context));
    });
}

QFuture<EtcdResult<OperationReport>> KeyOperations::deleteKey(const QByteArray &key, qint64 expectedModRevision) const
{
    if (m_readOnly)
        return refuse<OperationReport>(EtcdError::readOnlyRefusal(QStringLiteral("delete")));
    if (key.isEmpty() || expectedModRevision <= 0)
        return refuse<OperationReport>(
            EtcdError::invalidArgument(QStringLiteral("a delete needs the key and the mod revision it was loaded at")));
    return runOperation<OperationReport>({}, [kv = m_kv, key, expectedModRevision](OperationContext &context) {
        OperationReport report;
        report.action = QStringLiteral("Deleted");
        report.total = 1;
        GuardedWriter writer(kv, context, report, [&](const GuardedWrite &w, const QHash<QByteArray, KeyValue> &now) {
            const auto it = now.constFind(w.key);
            if (it == now.constEnd())
                return KeyProblem{w.key, KeyProblem::Missing, QStringLiteral("already deleted by someone else")};
            return KeyProblem{w.key, KeyProblem::Changed,
                              QStringLiteral("changed after it was loaded (loaded at revision %1, changed at %2); "
                                             "not deleted")
                                  .arg(expectedModRevision)
                                  .arg(it->modRevision)};
        });
        GuardedWrite write;
        write.key = key;
        write.compares << Compare::modRevision(key, Compare::Equal, expectedModRevision);
        write.ops << TxnOp::deleteRange(DeleteOptions::single(key));
        writer.apply({write});
        return toResult(report);
    });
}

QString KeyOperations::copyProblem(const QByteArray &from, const QByteArray &to, bool folder, bool removeSource)
{
    return copyRequestProblem(CopyRequest{from, to, folder, removeSource, 0});
}

QFuture<EtcdResult<OperationReport>> KeyOperations::copy(const QByteArray &from, const QByteArray &to, bool folder,
                                                         bool removeSource, qint64 seenRevision,
                                                         const StopToken &stop) const
{
    if (m_readOnly)
        return refuse<OperationReport>(
            EtcdError::readOnlyRefusal(removeSource ? QStringLiteral("rename") : QStringLiteral("copy")));
    const CopyRequest request{from, to, folder, removeSource, seenRevision};
    const QString problem = copyRequestProblem(request);
    if (!problem.isEmpty())
        return refuse<OperationReport>(EtcdError::invalidArgument(problem));
    return runOperation<OperationReport>(
        stop, [kv = m_kv, request](OperationContext &context) { return copyNow(kv, request, context); });
}

QFuture<EtcdResult<OperationReport>> KeyOperations::create(const QByteArray &key, const QByteArray &value,
                                                           qint64 ttlSeconds, qint64 existingLease) const
{
    if (m_readOnly)
        return refuse<OperationReport>(EtcdError::readOnlyRefusal(QStringLiteral("create")));
    if (key.isEmpty() || ttlSeconds < 0 || existingLease < 0 || (ttlSeconds > 0 && existingLease > 0))
        return refuse<OperationReport>(EtcdError::invalidArgument(
            QStringLiteral("a new key needs a name, and either a TTL or an existing lease (not both)")));
    return runOperation<OperationReport>(
        {},
        [kv = m_kv, leases = m_lease, key, value, ttlSeconds,
         existingLease](OperationContext &context) -> EtcdResult<OperationReport> {
            qint64 lease = existingLease;
            if (ttlSeconds > 0) {
                auto granted = awaitResult(leases.grant(ttlSeconds));
                if (!granted.ok())
                    return granted.error();
                lease = granted->id;
            }
            OperationReport report;
            report.action = QStringLiteral("Created");
            report.total = 1;
            GuardedWriter writer(
                kv, context, report, [](const GuardedWrite &w, const QHash<QByteArray, KeyValue> &now) {
                    return KeyProblem{w.key, KeyProblem::Exists,
                                      QStringLiteral("already exists (created at revision %1); not overwritten")
                                          .arg(now.value(w.key).createRevision)};
                });
            GuardedWrite write;
            write.key = key;
            write.compares << Compare::createRevision(key, Compare::Equal, 0);
            PutOptions put;
            put.lease = lease;
            write.ops << TxnOp::putKey(key, value, put);
            writer.apply({write});
            if (report.done == 1) {
                report.lease = lease;
            } else if (ttlSeconds > 0 && !report.error.mayHaveBeenApplied()) {
                // The lease was granted for this key alone; left behind it would only expire unused.
                // (Not when the put may have been applied: revoking would delete the new key.)
                awaitResult(leases.revoke(lease));
            }
            return toResult(report);
        });
}

} // namespace etcd
