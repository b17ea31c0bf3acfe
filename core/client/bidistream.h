// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/connection.h"

#include <grpcpp/support/client_callback.h>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace etcd::detail {

// A bidirectional gRPC stream (Watch, LeaseKeepAlive) on the callback API, made safe to drive from
// another thread: write() and cancel() may be called at any time, from any thread, also after the
// stream died. Reads and the final status are handed to the callbacks on gRPC threads.
//
// Lifetime: the stream owns itself from open() until OnDone. A hold keeps OnDone from running while
// writes may still come; it is released when the read side ends. Every outside operation keeps the
// object alive (weak -> shared) so a completion that runs inline, inside TryCancel or StartWrite,
// cannot free what the caller is still using.
template<class Req, class Resp>
class BidiStream : public grpc::ClientBidiReactor<Req, Resp>, public std::enable_shared_from_this<BidiStream<Req, Resp>>
{
public:
    using Bind = std::function<void(Endpoint &, grpc::ClientContext *, grpc::ClientBidiReactor<Req, Resp> *)>;
    using ReadFn = std::function<void(Resp &&)>;
    using DoneFn = std::function<void(const grpc::Status &)>;
    using Metadata = std::vector<std::pair<std::string, std::string>>;

    // The owner's side. Copyable; every method is thread-safe and harmless once the stream is gone.
    class Handle
    {
    public:
        Handle() = default;
        bool write(const Req &req) const
        {
            auto s = m_stream.lock();
            return s && s->enqueue(req);
        }
        void cancel() const
        {
            if (auto s = m_stream.lock())
                s->cancelNow();
        }
        bool isOpen() const
        {
            auto s = m_stream.lock();
            return s && s->isOpen();
        }
        int endpoint() const
        {
            auto s = m_stream.lock();
            return s ? s->m_endpoint : -1;
        }

    private:
        friend class BidiStream;
        std::weak_ptr<BidiStream> m_stream;
    };

    // Open a stream on `endpoint`. If the connection is shutting down, onDone runs at once (CANCELLED).
    static Handle open(const std::shared_ptr<Connection> &conn, int endpoint, const Metadata &metadata, Bind bind,
                       ReadFn onRead, DoneFn onDone)
    {
        auto stream = std::shared_ptr<BidiStream>(new BidiStream(conn, endpoint, std::move(onRead), std::move(onDone)));
        Handle handle;
        handle.m_stream = stream;
        for (const auto &[key, value] : metadata)
            stream->m_context.AddMetadata(key, value);
        if (!conn->registerContext(&stream->m_context, stream)) {
            stream->m_onDone(grpc::Status(grpc::StatusCode::CANCELLED, "the etcd client is shutting down"));
            return handle;
        }
        stream->m_self = stream;
        bind(conn->endpoint(endpoint), &stream->m_context, stream.get());
        stream->AddHold();
        stream->StartRead(&stream->m_response);
        stream->StartCall();
        return handle;
    }

    void OnReadDone(bool ok) override
    {
        if (!ok) {
            {
                std::lock_guard<std::recursive_mutex> lock(m_mutex);
                m_closed = true;
            }
            this->RemoveHold(); // last: OnDone may follow on another thread
            return;
        }
        m_onRead(std::move(m_response));
        m_response = Resp();
        this->StartRead(&m_response);
    }

    void OnWriteDone(bool ok) override
    {
        std::lock_guard<std::recursive_mutex> lock(m_mutex);
        m_queue.pop_front();
        m_writing = false;
        if (ok && !m_closed && !m_queue.empty()) {
            m_writing = true;
            this->StartWrite(&m_queue.front());
        }
    }

    void OnDone(const grpc::Status &status) override
    {
        m_conn->unregisterContext(&m_context);
        m_onDone(status);
        m_self.reset(); // may destroy this object: nothing after it
    }

private:
    BidiStream(std::shared_ptr<Connection> conn, int endpoint, ReadFn onRead, DoneFn onDone)
        : m_conn(std::move(conn)), m_endpoint(endpoint), m_onRead(std::move(onRead)), m_onDone(std::move(onDone))
    {}

    bool enqueue(const Req &req)
    {
        // Recursive: a write may complete inline inside StartWrite and re-enter OnWriteDone.
        std::lock_guard<std::recursive_mutex> lock(m_mutex);
        if (m_closed)
            return false;
        m_queue.push_back(req);
        m_conn->requests().note(Req::descriptor()->name());
        if (!m_writing) {
            m_writing = true;
            this->StartWrite(&m_queue.front());
        }
        return true;
    }

    void cancelNow()
    {
        bool open = false;
        {
            std::lock_guard<std::recursive_mutex> lock(m_mutex);
            open = !m_closed;
        }
        if (open)
            m_context.TryCancel();
    }

    bool isOpen()
    {
        std::lock_guard<std::recursive_mutex> lock(m_mutex);
        return !m_closed;
    }

    std::shared_ptr<Connection> m_conn;
    int m_endpoint = 0;
    ReadFn m_onRead;
    DoneFn m_onDone;
    grpc::ClientContext m_context;
    Resp m_response;
    std::recursive_mutex m_mutex;
    std::deque<Req> m_queue; // front() is being written
    bool m_writing = false;
    bool m_closed = false;
    std::shared_ptr<BidiStream> m_self;
};

} // namespace etcd::detail
