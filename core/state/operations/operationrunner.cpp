// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/operations/operationrunner.h"

#include <QCoreApplication>

namespace etcd::detail {

QThreadPool *operationPool()
{
    // Each running operation holds one thread that mostly waits for etcd; a few may run at once
    // (a delete in one window, an export in another) before the next one queues.
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setObjectName(QStringLiteral("etcd-key-operations"));
        p->setMaxThreadCount(6);
        qAddPostRoutine([] { operationPool()->waitForDone(2000); });
        return p;
    }();
    return pool;
}

EtcdResult<OperationReport> toResult(OperationReport report)
{
    if (report.error && report.done == 0 && report.skipped == 0 && !report.error.mayHaveBeenApplied())
        return report.error;
    return report;
}

} // namespace etcd::detail
