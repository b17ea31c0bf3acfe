// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/grpclog.h"

#include <QLoggingCategory>

#include <grpc/support/log.h>

namespace etcd::detail {

namespace {
Q_LOGGING_CATEGORY(lcGrpc, "etcd.grpc", QtWarningMsg)

void toQtLog(gpr_log_func_args *args)
{
    // Everything gRPC says is detail behind an error we already report in plain words.
    qCDebug(lcGrpc, "%s:%d %s", args->file, args->line, args->message);
}
} // namespace

void routeGrpcLogging()
{
    static const bool done = [] {
        gpr_set_log_function(toQtLog);
        gpr_set_log_verbosity(GPR_LOG_SEVERITY_DEBUG);
        return true;
    }();
    Q_UNUSED(done)
}

} // namespace etcd::detail
