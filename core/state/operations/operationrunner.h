// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcderror.h"
#include "client/kvtypes.h"
#include "state/operations/operationreport.h"

#include <QFuture>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <functional>
#include <limits>
#include <utility>

namespace etcd {
class Kv;
}

namespace etcd::detail {

// Bulk key operations run as one straight loop each on a worker thread, waiting for one etcd
// answer before deciding the next request (read a page, decide, write it guarded, read on). The
// safety rules live in that sequence, and a loop states them more plainly than a chain of
// continuations. The workers only wait on calls that carry deadlines, and they have their own pool
// so that waiting never holds up QtConcurrent's global pool (the key tree's model building).
// At exit, running operations get 2 s to finish (they stop at once when their EtcdClient is gone:
// every call then fails with a shutdown error); the pool is never waited for longer than that.
QThreadPool *operationPool();

// Wait for a core call from a worker thread. Core futures always finish, bounded by their deadline.
template<typename T> T awaitResult(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}

// What a running operation sees of its caller: progress to report, and whether to stop.
class OperationContext
{
public:
    template<typename T> OperationContext(QPromise<T> &promise, StopToken stop) : m_stop(std::move(stop))
    {
        m_canceled = [&promise] { return promise.isCanceled(); };
        m_range = [&promise](int maximum) { promise.setProgressRange(0, maximum); };
        m_value = [&promise](int value, const QString &text) { promise.setProgressValueAndText(value, text); };
    }

    // Stop between two transactions: on StopToken::requestStop() or QFuture::cancel().
    bool stopRequested() const { return m_stop.stopRequested() || m_canceled(); }
    void setProgressMaximum(qint64 maximum)
    {
        m_maximum = std::max<qint64>(1, maximum);
        m_range(clampInt(m_maximum));
    }
    // A value past the maximum (keys created while the operation runs) raises the maximum.
    void setProgress(qint64 value, const QString &text)
    {
        if (value > m_maximum)
            setProgressMaximum(value);
        m_value(clampInt(value), text);
    }

private:
    static int clampInt(qint64 v) { return static_cast<int>(std::min<qint64>(v, std::numeric_limits<int>::max())); }

    StopToken m_stop;
    std::function<bool()> m_canceled;
    std::function<void(int)> m_range;
    std::function<void(int, const QString &)> m_value;
    qint64 m_maximum = 1;
};

// Run `work(context)` on the operation pool; its result completes the returned future.
template<typename T, typename Work> QFuture<EtcdResult<T>> runOperation(StopToken stop, Work work)
{
    return QtConcurrent::run(operationPool(),
                             [stop = std::move(stop), work = std::move(work)](QPromise<EtcdResult<T>> &promise) {
                                 OperationContext context(promise, stop);
                                 promise.addResult(work(context));
                             });
}

// A future that is already finished with `error`: how operations refuse before doing anything.
template<typename T> QFuture<EtcdResult<T>> refuse(const EtcdError &error)
{
    QPromise<EtcdResult<T>> promise;
    promise.start();
    promise.addResult(EtcdResult<T>(error));
    promise.finish();
    return promise.future();
}

// A paged walk read on an operation's worker thread: the pages are delivered, in order, to this
// thread's own event loop and handed to `onPage`, which returns false to stop reading (a file that
// failed, say). Stops too when the user asks (polled every 50 ms). `stopped` says the walk did not
// run to its end; otherwise `result` is the walk's own.
struct WalkHere
{
    EtcdResult<PagedRangeSummary> result;
    bool stopped = false;
};
WalkHere walkHere(const Kv &kv, const PagedRangeOptions &options, OperationContext &context,
                  const std::function<bool(const RangePage &)> &onPage);

// An operation that surely changed nothing because of an error fails with that error; otherwise its
// report tells what it did (and report.error why it stopped early).
EtcdResult<OperationReport> toResult(OperationReport report);

} // namespace etcd::detail
