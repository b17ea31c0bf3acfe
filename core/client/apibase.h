// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/calloptions.h"
#include "client/connection.h"
#include "client/unarycall.h"

#include <memory>

namespace etcd::detail {

// Shared plumbing of the Kv, Lease, Cluster, Maintenance and Auth facades: they are cheap value
// objects around the shared Connection.
class ApiBase
{
public:
    explicit ApiBase(std::shared_ptr<Connection> conn) : m_conn(std::move(conn)) {}

protected:
    // CallSpec for a call named `name`; an unknown pinned endpoint sets *error.
    CallSpec spec(const char *name, bool write, const CallOptions &options, EtcdError *error) const
    {
        CallSpec s;
        s.name = name;
        s.write = write;
        s.timeoutMs = options.timeoutMs;
        if (!options.endpoint.isEmpty()) {
            s.endpoint = m_conn->indexOfEndpoint(options.endpoint);
            if (s.endpoint < 0)
                *error = EtcdError::invalidArgument(
                    QStringLiteral("%1 is not one of this connection's endpoints").arg(options.endpoint));
        }
        return s;
    }

    // Build the spec and run the call, or return the argument error at once. `keys`: what the call
    // is about (describeKeys), named if etcd refuses it.
    template<class Resp, class Out, class Convert>
    QFuture<EtcdResult<Out>> call(const char *name, bool write, const CallOptions &options, Invoker<Resp> invoke,
                                  Convert convert, const QString &keys = {}) const
    {
        EtcdError error;
        CallSpec s = spec(name, write, options, &error);
        s.keys = keys;
        if (error)
            return readyFuture<Out>(error);
        return unaryFuture<Resp, Out>(m_conn, s, std::move(invoke), std::move(convert));
    }

    std::shared_ptr<Connection> m_conn;
};

} // namespace etcd::detail
