// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/operations/operationrunner.h"

#include "client/kv.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QTimer>

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

WalkHere walkHere(const Kv &kv, const PagedRangeOptions &options, OperationContext &context,
                  const std::function<bool(const RangePage &)> &onPage)
{
    QObject receiver; // on this worker thread: the pages are delivered to its event loop
    QEventLoop loop;
    bool stopped = false;
    auto walk = kv.pagedRange(options, &receiver, [&](const RangePage &page) {
        stopped = stopped || context.stopRequested();
        if (stopped)
            return; // pages already on their way are dropped
        if (!onPage(page)) {
            stopped = true;
            loop.quit();
        }
    });
    QFutureWatcher<EtcdResult<PagedRangeSummary>> watcher;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(walk);
    QTimer stopCheck; // the user's Stop is a flag, polled
    QObject::connect(&stopCheck, &QTimer::timeout, &loop, [&] {
        if (context.stopRequested())
            loop.quit();
    });
    stopCheck.start(50);
    if (!walk.isFinished())
        loop.exec();
    WalkHere out{EtcdError::client(ErrorCode::Cancelled, QStringLiteral("stopped")), false};
    if (!walk.isFinished() || stopped || context.stopRequested()) {
        walk.cancel();
        out.stopped = true;
        return out;
    }
    // Pages posted before the walk said it was done. They are queued to the walk's delivery guard
    // (a child of `receiver`), not to `receiver` itself: flush every queued call of this worker
    // thread, or the last pages are dropped with `receiver` (a one-page walk lost everything).
    QCoreApplication::sendPostedEvents(nullptr, QEvent::MetaCall);
    out.stopped = stopped;
    out.result = walk.result();
    return out;
}

} // namespace etcd::detail
