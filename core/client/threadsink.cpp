// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/threadsink.h"

#include <QMetaObject>

namespace etcd::detail {

// Lives in the context's thread as its child; its destruction detaches the sink.
class SinkGuard : public QObject
{
public:
    SinkGuard(QObject *parent, std::shared_ptr<ThreadSink::State> state) : QObject(parent), m_state(std::move(state)) {}
    ~SinkGuard() override
    {
        std::lock_guard<std::mutex> lock(m_state->mutex);
        m_state->target = nullptr;
    }

private:
    std::shared_ptr<ThreadSink::State> m_state;
};

ThreadSink::ThreadSink(QObject *context) : m_state(std::make_shared<State>())
{
    if (context)
        m_state->target = new SinkGuard(context, m_state);
}

bool ThreadSink::post(std::function<void()> fn) const
{
    if (!m_state)
        return false;
    std::lock_guard<std::mutex> lock(m_state->mutex);
    if (!m_state->target)
        return false;
    QMetaObject::invokeMethod(m_state->target, std::move(fn), Qt::QueuedConnection);
    return true;
}

bool ThreadSink::isAlive() const
{
    if (!m_state)
        return false;
    std::lock_guard<std::mutex> lock(m_state->mutex);
    return m_state->target != nullptr;
}

void ThreadSink::detach() const
{
    if (!m_state)
        return;
    std::lock_guard<std::mutex> lock(m_state->mutex);
    m_state->target = nullptr;
}

} // namespace etcd::detail
