// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>

// Large values of the kinds that reach etcd's request limit in real clusters: an edge gateway's
// route table (a custom resource, JSON minified by a controller or YAML written by a person) and an
// access log kept as one value. Deterministic, so the sandbox, the benchmark and the tests all look
// at the same bytes.

namespace etcd::demo {

// About `bytes` long (within one route, ~1 KB): {"apiVersion":...,"kind":"RouteTable",...,"spec":
// {"routes":[...]}} on one line, as controllers write it.
QByteArray routeTableJson(qsizetype bytes);
// The same document in YAML block style, as a person keeps it in git.
QByteArray routeTableYaml(qsizetype bytes);
// Gateway access log lines (~150 bytes each), about `bytes` long.
QByteArray accessLog(qsizetype bytes);

} // namespace etcd::demo
