// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QObject>

#include <functional>
#include <memory>
#include <mutex>

namespace etcd::detail {

// Delivers functions from any thread (typically gRPC's) to the thread of a QObject, and stops
// delivering, safely, once that object is gone. Posting holds a lock that the object's
// destruction also takes, so a post never races with the destruction; events still queued for a
// destroyed object are discarded by Qt.
class ThreadSink
{
public:
    ThreadSink() = default;
    // Must be called on `context`'s thread. Delivery stops when `context` is destroyed.
    explicit ThreadSink(QObject *context);

    // Run `fn` on the context's thread. Returns false (and drops fn) if the context is gone.
    bool post(std::function<void()> fn) const;
    bool isAlive() const;
    // Stop delivering from now on (the context stays).
    void detach() const;

private:
    struct State
    {
        std::mutex mutex;
        QObject *target = nullptr;
    };
    std::shared_ptr<State> m_state;
    friend class SinkGuard;
};

} // namespace etcd::detail
