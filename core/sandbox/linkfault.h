// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>
#include <QStringList>

namespace etcd {

// What a network link suffers, for failover training on the sandbox: cut (a partition: bytes
// vanish, connections hang as behind a dead switch; healing closes them so both ends reconnect),
// frozen (a partition TCP rides out: nothing arrives, and when it heals everything sent meanwhile
// is delivered, late, in order; what a cut-off master wrote arrives after its successor's work),
// delay with jitter, and stalls that freeze the link now and then as lost packets do to TCP
// (retransmission timeouts), delivering what waited at once.
struct LinkFault
{
    bool cut = false;
    bool frozen = false;
    int latencyMs = 0; // one way, each direction
    int jitterMs = 0;  // +- around the latency (order is kept)
    int stallsPerMinute = 0;
    int stallMs = 0; // how long each stall lasts

    bool isNone() const { return !cut && !frozen && latencyMs == 0 && jitterMs == 0 && stallsPerMinute == 0; }
    bool operator==(const LinkFault &o) const
    {
        return cut == o.cut && frozen == o.frozen && latencyMs == o.latencyMs && jitterMs == o.jitterMs &&
               stallsPerMinute == o.stallsPerMinute && stallMs == o.stallMs;
    }
    bool operator!=(const LinkFault &o) const { return !(*this == o); }

    // Both at once (a link between two slowed members is slowed by both).
    LinkFault plus(const LinkFault &o) const
    {
        LinkFault f;
        f.cut = cut || o.cut;
        f.frozen = frozen || o.frozen;
        f.latencyMs = latencyMs + o.latencyMs;
        f.jitterMs = jitterMs + o.jitterMs;
        f.stallsPerMinute = stallsPerMinute + o.stallsPerMinute;
        f.stallMs = stallMs > o.stallMs ? stallMs : o.stallMs;
        return f;
    }

    // "cut", "200 ms ± 50 ms, stalls 6/min of 800 ms", "healthy".
    QString describe() const
    {
        if (cut)
            return QStringLiteral("cut");
        if (frozen)
            return QStringLiteral("frozen");
        QStringList parts;
        if (latencyMs || jitterMs)
            parts << (jitterMs ? QStringLiteral("%1 ms ± %2 ms").arg(latencyMs).arg(jitterMs)
                               : QStringLiteral("%1 ms").arg(latencyMs));
        if (stallsPerMinute)
            parts << QStringLiteral("stalls %1/min of %2 ms").arg(stallsPerMinute).arg(stallMs);
        return parts.isEmpty() ? QStringLiteral("healthy") : parts.join(QStringLiteral(", "));
    }
};

} // namespace etcd
