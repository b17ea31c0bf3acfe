// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/cluster/activitymeter.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;

namespace etcd::ui {

// The activity plots: watch activity (PUT/DELETE per second), lease activity (granted, gone,
// lease-bound deletes, keepalives, active leases), the cluster (writes per second, db size) and
// status latency per endpoint with the raft index, leader changes as vertical marks in every plot. A rolling
// window (1 min, 10 min, 1 h), pause, a hover tooltip with the values, legends, and PNG/CSV export.
// Replots are throttled: at most one per kReplotMs, started by a single-shot timer, never per event.
class ActivityView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kReplotMs = 40;
    enum Plot { WatchPlot, LeasePlot, ClusterPlot, LatencyPlot, PlotCount };

    ActivityView(ActivityMeter *meter, QWidget *parent = nullptr);

    void setWindowSeconds(int seconds); // 60, 600 or 3600
    int windowSeconds() const { return m_window; }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    QCustomPlot *plot(Plot p) const { return m_plots[p]; }
    int replotCount() const { return m_replots; }

    bool exportPng(const QString &filePath) const; // the three plots, one under the other
    bool exportCsv(const QString &filePath) const; // every series in the window: time,series,value
    // The values of every line of `plot` nearest to time `t` (what the hover tooltip shows).
    QString valuesAt(Plot plot, double t) const;

private:
    void scheduleReplot();
    void replot();
    void setupPlot(QCustomPlot *plot, const QString &title);
    void onMouseMove(Plot plot, QMouseEvent *event);
    void chooseExport();

    ActivityMeter *m_meter;
    QCustomPlot *m_plots[PlotCount] = {};
    QComboBox *m_windowBox = nullptr;
    QCheckBox *m_pauseBox = nullptr;
    QLabel *m_note = nullptr;
    QTimer m_replotTimer;
    int m_window = 60;
    bool m_paused = false;
    int m_replots = 0;
};

} // namespace etcd::ui
