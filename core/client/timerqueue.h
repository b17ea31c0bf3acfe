// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace etcd::detail {

// A single thread running delayed tasks (retry backoffs, cancellation polls) for one connection.
// Tasks get `true` when due, or `false` when the queue is stopped before they were due; either way
// every task runs exactly once, so whoever waits on it is always released.
class TimerQueue
{
public:
    TimerQueue();
    ~TimerQueue();
    TimerQueue(const TimerQueue &) = delete;
    TimerQueue &operator=(const TimerQueue &) = delete;

    // Returns false (and runs fn(false) at once) if the queue was stopped.
    bool schedule(std::chrono::milliseconds delay, std::function<void(bool)> fn);
    // Run every pending task with `false` and end the thread. Idempotent.
    void stop();

private:
    // Shared with the thread, which may outlive this object: the last task can be what destroys it.
    struct State
    {
        std::mutex mutex;
        std::condition_variable wake;
        std::multimap<std::chrono::steady_clock::time_point, std::function<void(bool)>> tasks;
        bool stopped = false;
    };
    static void run(const std::shared_ptr<State> &state);

    std::shared_ptr<State> m_state;
    std::thread m_thread;
};

} // namespace etcd::detail
