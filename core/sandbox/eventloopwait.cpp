// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/eventloopwait.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QPointer>
#include <QTimer>

#include <algorithm>

namespace etcd {

bool spinEventLoopUntil(const QObject *guard, const std::function<bool()> &done, int timeoutMs)
{
    const QPointer<const QObject> alive(guard);
    if (done())
        return true;
    const QDeadlineTimer deadline(std::max(0, timeoutMs));
    QEventLoop loop;
    QTimer tick; // polling a predicate is simplest; 10 ms is far below anything we wait for
    tick.setInterval(10);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (!alive || deadline.hasExpired() || done())
            loop.quit();
    });
    QObject::connect(guard, &QObject::destroyed, &loop, &QEventLoop::quit);
    tick.start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    return alive && done();
}

} // namespace etcd
