// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/qcustomplotinclude.h"

#include <QString>
#include <QVector>

namespace etcd {
class FailoverObserver;
class WorkerPool;
} // namespace etcd

namespace etcd::ui {

// The failover demo's timeline: a lane per worker (standby / master / paused / lost / gone, as the
// workers report), hatched while a worker is cut off from etcd, failover gaps and overlaps as
// etcd saw them (FailoverObserver), fenced writes refused, and a dashed line with a label at every
// fault done to the sandbox (a member killed or cut off, quorum lost, the network restored).
class FailoverTimeline : public QCustomPlot
{
    Q_OBJECT
public:
    struct StateChange
    {
        qint64 atMs = 0;
        QString state;
    };
    struct Mark
    {
        qint64 atMs = 0;
        QString text;
    };
    struct Span // a worker's lane, hatched from startMs to endMs (0: still)
    {
        int lane = 0;
        qint64 startMs = 0;
        qint64 endMs = 0;
    };

    struct Window // a fault done to the master until the next master worked (endMs 0: not yet)
    {
        qint64 startMs = 0;
        qint64 endMs = 0;
        QString text;
    };

    explicit FailoverTimeline(QWidget *parent = nullptr);

    static QColor stateColor(const QString &state);
    void draw(const WorkerPool &pool, const QVector<QVector<StateChange>> &history, const FailoverObserver *observer,
              qint64 startedMs, const QVector<Mark> &marks, const QVector<Span> &cutOff,
              const QVector<Window> &windows);
    // The timeline as a vector drawing (PNG: QCustomPlot::savePng).
    bool saveSvg(const QString &path, int width, int height);
};

} // namespace etcd::ui
