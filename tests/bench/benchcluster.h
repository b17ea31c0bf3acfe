// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/connectionoptions.h"
#include "sandbox/localcluster.h"

#include <QString>
#include <QStringList>

#include <cstdio>
#include <memory>

namespace etcd::test {

// The etcd a benchmark measures: the given endpoints (comma-separated), or else a fresh
// single-member LocalCluster with room for millions of keys (8 GiB backend quota). Says why on
// stderr and returns false when the cluster cannot start.
inline bool benchCluster(const QString &endpoints, const char *tool, std::unique_ptr<LocalCluster> *cluster,
                         ConnectionOptions *options)
{
    if (!endpoints.isEmpty()) {
        options->endpoints = endpoints.split(QLatin1Char(','));
    } else {
        LocalClusterOptions lo;
        lo.extraArgs = {QStringLiteral("--quota-backend-bytes=8589934592")};
        *cluster = std::make_unique<LocalCluster>(lo);
        QString error;
        if (!(*cluster)->startAndWait(&error)) {
            std::fprintf(stderr, "%s: %s\n", tool, qPrintable(error));
            return false;
        }
        options->endpoints = (*cluster)->clientEndpoints();
    }
    options->callTimeoutMs = 60000;
    return true;
}

} // namespace etcd::test
