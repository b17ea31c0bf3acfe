// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

namespace etcd::test {

struct SoakOptions
{
    int durationMs = 60000;
    int faultMinMs = 2500; // a random fault every faultMinMs..faultMaxMs
    int faultMaxMs = 5000;
    int quietEveryMs = 20000; // the console's state is compared with etcd at quiet points, and at the end
    int keys = 400;           // plain keys written under /soak/k/
    quint32 seed = 20261202;
    bool log = false; // narrate on stderr
};

struct SoakReport
{
    qint64 elapsedMs = 0;
    int faults = 0;
    QMap<QString, int> faultsByKind;
    qint64 writes = 0;        // acknowledged by etcd
    qint64 writeFailures = 0; // refused or lost (members down, elections): expected under faults
    qint64 eventsDelivered = 0;
    int quietChecks = 0;
    int keysCompared = 0;        // at the last quiet point
    int mismatches = 0;          // goal: 0
    QStringList mismatchDetails; // the first few
    int relists = 0;             // the key mirror relisted (a compaction overtook its watch)
    qint64 maxLagMs = 0;         // longest time from a write's answer to the tree applying it
    qint64 maxCatchUpMs = 0;     // longest wait at a quiet point for the views to reach etcd's revision
    QString error;               // the run could not be carried out (not a mismatch)

    QString toText() const;
};

// A soak of the console's live state under faults, the way etcd's robustness tests treat a client:
// a 3-member cluster with fast timings and authentication on with 2 s tokens; writers doing puts,
// deletes, transactions, keys on short leases and service registrations kept alive; a random fault
// every few seconds (kill and restart a member, pause and resume one, kill the leader, compact close
// to the head revision, compact to the head while the member serving the console's watch is paused,
// defragment). At quiet points and at the end the console's key mirror
// (keys and mod revisions), its service registry (keys, value hashes, mod revisions) and its lease
// monitor (lease ids) are compared with etcd. Blocking, with its own event loop turns.
SoakReport runSoak(const SoakOptions &options);

} // namespace etcd::test
