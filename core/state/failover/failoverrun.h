// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/failover/failoverobserver.h"

#include <QString>
#include <QVector>

namespace etcd {

// A failover demo run written out for a report or a class: what was said and done (events), every
// work record with its term, the gaps, overlaps and unavailability windows, and the fencing
// check, as CSV (one file per table) and as one JSON document.
struct FailoverRunEvent
{
    qint64 atMs = 0;
    QString text;
};

struct FailoverRunWindow // from a fault done to the master to the next master's first record
{
    qint64 faultMs = 0;
    QString master;
    QString fault;        // "kill", "pause", "stop", "cut off", ...
    qint64 lengthMs = -1; // -1: not measured yet
    qint64 fromMs = 0;    // where the window begins: the fault, or (etcd faults) the silence's start
};

// Writes <base>-events.csv, <base>-records.csv, <base>.json. False with the reason on error.
bool writeFailoverRun(const QString &basePath, const FailoverObserver &observer,
                      const QVector<FailoverRunEvent> &events, const QVector<FailoverRunWindow> &windows,
                      QString *error);

} // namespace etcd
