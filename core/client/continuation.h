// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace etcd {

// Run `fn(result)` on `context`'s thread when `future` finishes; never if `context` is destroyed
// first or the future was cancelled. Call it on `context`'s thread.
//
// Use this instead of QFuture::then(context, fn): in Qt 6.4 that reads the context through a
// QPointer on the thread that completes the future (a gRPC thread here), which races with the
// context's destruction on its own thread (fixed in Qt 6.6). A QFutureWatcher child of the context
// is safe: the future delivers to it under the future's lock, which the watcher's destruction takes.
template<typename T, typename Fn> void whenFinished(const QFuture<T> &future, QObject *context, Fn &&fn)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, [watcher, fn = std::forward<Fn>(fn)]() mutable {
        watcher->deleteLater();
        const QFuture<T> f = watcher->future();
        if (!f.isCanceled() && f.resultCount() > 0)
            fn(f.result());
    });
    watcher->setFuture(future);
}

} // namespace etcd
