// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>

namespace etcd {

// Per-call settings.
struct CallOptions
{
    int timeoutMs = 0; // deadline of the whole call (retries included); 0: the connection's default
    QString endpoint;  // send to this endpoint only (no failover); empty: current endpoint with failover
};

} // namespace etcd
