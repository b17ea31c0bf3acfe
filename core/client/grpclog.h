// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

namespace etcd::detail {

// Route gRPC's own log lines (it writes TLS handshake failures and the like to stderr) into the
// Qt logging category "etcd.grpc": hidden by default, shown with
// QT_LOGGING_RULES="etcd.grpc.debug=true". Idempotent.
void routeGrpcLogging();

} // namespace etcd::detail
