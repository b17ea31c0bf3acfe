// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "failover/failovertimeline.h"

#include "common/theme.h"
#include "state/failover/failoverobserver.h"
#include "state/failover/workerpool.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSvgGenerator>

namespace etcd::ui {

namespace {
double seconds(qint64 ms)
{
    return double(ms) / 1000.0;
}
} // namespace

FailoverTimeline::FailoverTimeline(QWidget *parent) : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("failoverTimeline"));
    setMinimumHeight(180);
    QSharedPointer<QCPAxisTickerDateTime> ticker(new QCPAxisTickerDateTime);
    ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
    xAxis->setTicker(ticker);
    yAxis->setTickLabels(true);
    setNotAntialiasedElements(QCP::aeAll);
    // Before any worker runs: the current minute, no lanes, and what to do.
    const double now = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    xAxis->setRange(now - 60, now);
    yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    auto *hint = new QCPItemText(this);
    hint->position->setType(QCPItemPosition::ptAxisRectRatio);
    hint->position->setCoords(0.5, 0.5);
    hint->setText(tr("Start workers: a lane per worker appears here (grey standby, green master, red lost),\n"
                     "with each failover gap measured in etcd"));
    hint->setColor(QColor(0x75, 0x75, 0x75));
    Theme::stylePlot(this);
}

QColor FailoverTimeline::stateColor(const QString &state)
{
    if (state == QLatin1String("master"))
        return QColor(0x43, 0xa0, 0x47);
    if (state == QLatin1String("standby") || state == QLatin1String("campaigning"))
        return QColor(0xb0, 0xbe, 0xc5);
    if (state == QLatin1String("paused"))
        return QColor(0xff, 0xb3, 0x00);
    if (state == QLatin1String("lost"))
        return QColor(0xe5, 0x39, 0x35);
    // killed, stopped, exited: darker than standby on a light plot, lighter on a dark one
    return Theme::isDark() ? QColor(0x75, 0x75, 0x75) : QColor(0x42, 0x42, 0x42);
}

void FailoverTimeline::draw(const WorkerPool &pool, const QVector<QVector<StateChange>> &history,
                            const FailoverObserver *observer, qint64 startedMs, const QVector<Mark> &marks,
                            const QVector<Span> &cutOff, const QVector<Window> &windows)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    clearItems();
    const auto &workers = pool.workers();
    QSharedPointer<QCPAxisTickerText> lanes(new QCPAxisTickerText);
    for (int r = 0; r < history.size() && r < workers.size(); ++r) {
        lanes->addTick(r, workers[r].id);
        const auto &h = history[r];
        for (int i = 0; i < h.size(); ++i) {
            auto *rect = new QCPItemRect(this);
            rect->topLeft->setCoords(seconds(h[i].atMs), r + 0.35);
            rect->bottomRight->setCoords(seconds(i + 1 < h.size() ? h[i + 1].atMs : now), r - 0.35);
            rect->setBrush(FailoverTimeline::stateColor(h[i].state));
            rect->setPen(Qt::NoPen);
        }
    }
    // Fenced writes refused by etcd: a red cross in the worker's lane at each refusal.
    for (int r = 0; r < workers.size(); ++r) {
        for (qint64 at : workers[r].rejectedAtMs) {
            auto *mark = new QCPItemText(this);
            mark->position->setCoords(seconds(at), r);
            mark->setText(QStringLiteral("✕"));
            mark->setColor(Theme::errorColor());
            mark->setFont(QFont(font().family(), font().pointSize() + 2, QFont::Bold));
        }
    }
    yAxis->setTicker(lanes);
    yAxis->setRange(-0.8, std::max<double>(1, double(workers.size())) - 0.2);
    const double top = double(workers.size()) - 0.3;
    if (observer) {
        for (const FailoverObserver::Gap &g : observer->gaps()) {
            auto *bracket = new QCPItemRect(this);
            bracket->topLeft->setCoords(seconds(g.lostMs), top);
            bracket->bottomRight->setCoords(seconds(g.resumedMs), -0.6);
            bracket->setBrush(QColor(0x1e, 0x88, 0xe5, 40));
            bracket->setPen(QPen(QColor(0x1e, 0x88, 0xe5), 1, Qt::DashLine));
            auto *label = new QCPItemText(this);
            label->position->setCoords(seconds(g.lostMs), -0.7);
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
            label->setText(tr("gap %1 ms").arg(g.length()));
            label->setColor(Theme::accentColor());
        }
        for (const FailoverObserver::Overlap &o : observer->overlaps()) {
            auto *rect = new QCPItemRect(this);
            rect->topLeft->setCoords(seconds(o.startMs), top);
            rect->bottomRight->setCoords(seconds(std::max(o.endMs, o.startMs + 50)), -0.6);
            rect->setBrush(QColor(0xe5, 0x39, 0x35, 90));
            rect->setPen(QPen(QColor(0xc6, 0x28, 0x28), 2));
            auto *label = new QCPItemText(this);
            label->position->setCoords(seconds(o.startMs), top);
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
            label->setText(
                tr("overlap: %1 write(s) by %2 after %3 took over").arg(o.records).arg(o.deposed, o.current));
            label->setColor(Theme::errorColor());
        }
    }
    // Cut off from etcd: hatched over the lane (the worker itself may still think it is master).
    for (const Span &s : cutOff) {
        auto *rect = new QCPItemRect(this);
        rect->topLeft->setCoords(seconds(s.startMs), s.lane + 0.42);
        rect->bottomRight->setCoords(seconds(s.endMs ? s.endMs : now), s.lane - 0.42);
        rect->setBrush(QBrush(QColor(0x6a, 0x1b, 0x9a), Qt::BDiagPattern));
        rect->setPen(QPen(QColor(0x6a, 0x1b, 0x9a), 1));
    }
    // Unavailability: from a fault done to the master until another master's first record (what a
    // client of the service waits), drawn under the lanes with its length.
    for (const Window &w : windows) {
        auto *rect = new QCPItemRect(this);
        rect->topLeft->setCoords(seconds(w.startMs), -0.45);
        rect->bottomRight->setCoords(seconds(w.endMs ? w.endMs : now), -0.6);
        rect->setBrush(QColor(0xf5, 0x7c, 0x00, 120));
        rect->setPen(QPen(QColor(0xef, 0x6c, 0x00), 1));
        auto *label = new QCPItemText(this);
        label->position->setCoords(seconds(w.endMs ? w.endMs : now), -0.52);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        label->setText(w.text);
        label->setColor(QColor(0xe6, 0x51, 0x00));
    }
    // What was done to the sandbox: a dashed line and a short label at the top.
    qint64 previousMs = 0;
    int row = 0;
    for (int i = 0; i < marks.size(); ++i) {
        const Mark &m = marks[i];
        // Labels of faults close together stack downwards instead of writing over each other.
        row = i > 0 && m.atMs - previousMs < 3000 ? (row + 1) % 4 : 0;
        previousMs = m.atMs;
        auto *line = new QCPItemLine(this);
        line->start->setCoords(seconds(m.atMs), top);
        line->end->setCoords(seconds(m.atMs), -0.6);
        line->setPen(QPen(QColor(0x6a, 0x1b, 0x9a), 1, Qt::DashLine));
        auto *label = new QCPItemText(this);
        label->position->setCoords(seconds(m.atMs), top - 0.18 * row);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setText(m.text);
        label->setBrush(QBrush(Theme::isDark() ? QColor(0x30, 0x30, 0x30, 200) : QColor(0xff, 0xff, 0xff, 200)));
        label->setColor(QColor(0x8e, 0x24, 0xaa));
        label->setClipToAxisRect(false);
    }
    const double start = seconds(std::max(startedMs, now - 120000));
    xAxis->setRange(start, seconds(now) + 1);
    replot(QCustomPlot::rpQueuedReplot);
}

bool FailoverTimeline::saveSvg(const QString &path, int width, int height)
{
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(QSize(width, height));
    svg.setViewBox(QRect(0, 0, width, height));
    svg.setTitle(tr("etcd console failover timeline"));
    QCPPainter painter;
    if (!painter.begin(&svg))
        return false;
    toPainter(&painter, width, height);
    painter.end();
    return QFileInfo(path).size() > 0;
}

} // namespace etcd::ui
