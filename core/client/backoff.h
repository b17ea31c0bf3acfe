// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QtGlobal>

#include <algorithm>

namespace etcd::detail {

// The one backoff policy of the client: the first retry after a failure goes at once (to the next
// endpoint), then the pause starts at `firstMs` and doubles up to `maxMs`, and stays there for as
// long as the failures go on. Unary calls count whole rounds over the endpoints as failures;
// streams count failed (re)connections. Both start over once something answers.
struct Backoff
{
    int firstMs = 100;
    int maxMs = 2000;

    // The pause before the next attempt, after `failures` failures in a row (0: none yet).
    qint64 delayMs(int failures) const
    {
        if (failures <= 0)
            return 0;
        return std::min<qint64>(qint64(firstMs) << std::min(failures - 1, 20), maxMs);
    }
};

// Unary calls, between rounds over the endpoints: a leader election or a restarting member.
inline constexpr Backoff kCallBackoff{100, 1000};
// Watch and lease keep-alive streams: they reconnect for as long as the client lives.
inline constexpr Backoff kStreamBackoff{100, 2000};

} // namespace etcd::detail
