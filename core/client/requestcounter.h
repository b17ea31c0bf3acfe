// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QMap>
#include <QString>

#include <atomic>
#include <map>
#include <mutex>
#include <string>

namespace etcd {

// Every request this console sends to etcd: each unary attempt (a retry is another request, as
// etcd sees it), each sign-in, each message written on a Watch or LeaseKeepAlive stream. It is
// what the console costs the cluster, shown in the Cluster view and measured by bench_idlecost
// against etcd's own grpc_server counters. Thread-safe: gRPC threads and the GUI thread note.
class RequestCounter
{
public:
    void note(const std::string &method)
    {
        m_total.fetch_add(1, std::memory_order_relaxed);
        std::lock_guard<std::mutex> lock(m_mutex);
        ++m_byMethod[method];
    }
    quint64 total() const { return m_total.load(std::memory_order_relaxed); }
    QMap<QString, quint64> byMethod() const
    {
        QMap<QString, quint64> out;
        std::lock_guard<std::mutex> lock(m_mutex);
        for (const auto &[name, count] : m_byMethod)
            out.insert(QString::fromStdString(name), count);
        return out;
    }

private:
    std::atomic<quint64> m_total{0};
    mutable std::mutex m_mutex;
    std::map<std::string, quint64> m_byMethod;
};

} // namespace etcd
