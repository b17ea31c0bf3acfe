// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/timerqueue.h"

#include <vector>

namespace etcd::detail {

TimerQueue::TimerQueue() : m_state(std::make_shared<State>()) {}

TimerQueue::~TimerQueue()
{
    stop();
}

bool TimerQueue::schedule(std::chrono::milliseconds delay, std::function<void(bool)> fn)
{
    {
        std::lock_guard<std::mutex> lock(m_state->mutex);
        if (!m_state->stopped) {
            m_state->tasks.emplace(std::chrono::steady_clock::now() + delay, std::move(fn));
            if (!m_thread.joinable())
                m_thread = std::thread([state = m_state] { run(state); });
            m_state->wake.notify_one();
            return true;
        }
    }
    fn(false);
    return false;
}

void TimerQueue::stop()
{
    std::vector<std::function<void(bool)>> cancelled;
    {
        std::lock_guard<std::mutex> lock(m_state->mutex);
        m_state->stopped = true;
        for (auto &task : m_state->tasks)
            cancelled.push_back(std::move(task.second));
        m_state->tasks.clear();
        m_state->wake.notify_one();
    }
    for (auto &fn : cancelled)
        fn(false);
    if (!m_thread.joinable())
        return;
    if (m_thread.get_id() == std::this_thread::get_id())
        m_thread.detach(); // stopped from one of its own tasks: the thread ends when that task returns
    else
        m_thread.join();
}

void TimerQueue::run(const std::shared_ptr<State> &state)
{
    std::unique_lock<std::mutex> lock(state->mutex);
    while (!state->stopped) {
        if (state->tasks.empty()) {
            state->wake.wait(lock);
            continue;
        }
        const auto due = state->tasks.begin()->first;
        if (std::chrono::steady_clock::now() < due) {
            state->wake.wait_until(lock, due);
            continue;
        }
        auto fn = std::move(state->tasks.begin()->second);
        state->tasks.erase(state->tasks.begin());
        lock.unlock();
        fn(true);
        fn = nullptr; // release what the task held before taking the lock again
        lock.lock();
    }
}

} // namespace etcd::detail
