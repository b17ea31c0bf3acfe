// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>

namespace etcd::ui {

// Human-readable numbers for tables and status lines.
QString formatBytes(qint64 bytes);          // "1.4 MiB"
QString formatLatency(qint64 microseconds); // "850 µs", "12.3 ms"
QString formatMemberId(quint64 id);         // etcd prints member ids in hex

} // namespace etcd::ui
