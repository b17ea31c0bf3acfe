// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "cluster/activityview.h"

#include "common/icons.h"
#include "common/theme.h"
#include "common/qcustomplotinclude.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QTextStream>
#include <QToolTip>
#include <QVBoxLayout>

namespace etcd::ui {

namespace {

struct Line
{
    ActivityMeter::Series series;
    QColor color;
    bool rightAxis;
};

// Which series each plot shows (latency lines are added per endpoint as they appear).
QVector<Line> linesOf(ActivityView::Plot plot)
{
    using S = ActivityMeter;
    switch (plot) {
    case ActivityView::WatchPlot:
        return {{S::Puts, QColor(0x1e, 0x88, 0xe5), false}, {S::Deletes, QColor(0xe5, 0x39, 0x35), false}};
    case ActivityView::LeasePlot:
        return {{S::LeasesGranted, QColor(0x43, 0xa0, 0x47), false},
                {S::LeasesGone, QColor(0xe5, 0x39, 0x35), false},
                {S::LeaseKeyDeletes, QColor(0xfb, 0x8c, 0x00), false},
                {S::KeepAlives, QColor(0x8e, 0x24, 0xaa), false},
                {S::ActiveLeases, QColor(0x54, 0x6e, 0x7a), true}};
    case ActivityView::ClusterPlot:
        return {{S::Writes, QColor(0x1e, 0x88, 0xe5), false}, {S::DbSize, QColor(0x6d, 0x4c, 0x41), true}};
    case ActivityView::LatencyPlot:
        return {{S::RaftIndex, QColor(0x54, 0x6e, 0x7a), true}};
    case ActivityView::PlotCount:
        break;
    }
    return {};
}

QString plotTitle(ActivityView::Plot plot)
{
    switch (plot) {
    case ActivityView::WatchPlot: return QObject::tr("Watch activity on the scope");
    case ActivityView::LeasePlot: return QObject::tr("Lease activity");
    case ActivityView::ClusterPlot: return QObject::tr("Cluster writes and database size");
    case ActivityView::LatencyPlot: return QObject::tr("Status latency per endpoint, raft index");
    case ActivityView::PlotCount: break;
    }
    return {};
}

const QColor kLatencyColors[] = {QColor(0x00, 0x89, 0x7b), QColor(0xd8, 0x1b, 0x60), QColor(0x39, 0x49, 0xab),
                                 QColor(0xc0, 0xca, 0x33), QColor(0x5d, 0x40, 0x37)};

} // namespace

ActivityView::ActivityView(ActivityMeter *meter, QWidget *parent) : QWidget(parent), m_meter(meter)
{
    m_windowBox = new QComboBox(this);
    m_windowBox->setObjectName(QStringLiteral("windowBox"));
    m_windowBox->addItem(tr("Last minute"), 60);
    m_windowBox->addItem(tr("Last 10 minutes"), 600);
    m_windowBox->addItem(tr("Last hour"), 3600);
    connect(m_windowBox, &QComboBox::activated, this,
            [this](int i) { setWindowSeconds(m_windowBox->itemData(i).toInt()); });
    m_pauseBox = new QCheckBox(tr("Pause"), this);
    m_pauseBox->setObjectName(QStringLiteral("pauseBox"));
    m_pauseBox->setToolTip(tr("Freeze the plots to look at them (samples are still recorded)"));
    connect(m_pauseBox, &QCheckBox::toggled, this, &ActivityView::setPaused);
    auto *legends = new QCheckBox(tr("Legends"), this);
    legends->setObjectName(QStringLiteral("legendsBox"));
    legends->setChecked(true);
    legends->setToolTip(tr("Show or hide the legends under the plots (more room for the data)"));
    connect(legends, &QCheckBox::toggled, this, [this](bool on) {
        for (QCustomPlot *plot : m_plots) {
            plot->legend->setVisible(on); // a hidden element takes no room in its layout row
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
    });
    auto *exportButton = new QPushButton(icon(QStringLiteral("export")), tr("Export…"), this);
    exportButton->setToolTip(tr("Save the plots as PNG, or the samples in the window as CSV"));
    connect(exportButton, &QPushButton::clicked, this, &ActivityView::chooseExport);
    m_note = new QLabel(tr("etcd has no lease event stream: grants and revocations/expiries are inferred from polling the "
                           "lease list every second, and from deletes of keys that were attached to a lease."),
                        this);
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("color: palette(mid);"));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Window:"), this));
    top->addWidget(m_windowBox);
    top->addWidget(m_pauseBox);
    top->addWidget(legends);
    top->addStretch(1);
    top->addWidget(exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    for (int p = 0; p < PlotCount; ++p) {
        m_plots[p] = new QCustomPlot(this);
        m_plots[p]->setObjectName(QStringLiteral("activityPlot%1").arg(p));
        setupPlot(m_plots[p], plotTitle(Plot(p)));
        bool rightAxis = p == LatencyPlot;
        for (const Line &line : linesOf(Plot(p)))
            rightAxis = rightAxis || line.rightAxis;
        m_plots[p]->yAxis2->setVisible(rightAxis);
        m_plots[p]->yAxis2->setTickLabels(rightAxis);
        for (const Line &line : linesOf(Plot(p))) {
            QCPGraph *g = m_plots[p]->addGraph(m_plots[p]->xAxis, line.rightAxis ? m_plots[p]->yAxis2 : m_plots[p]->yAxis);
            g->setName(ActivityMeter::seriesName(line.series));
            g->setPen(QPen(line.color, line.rightAxis ? 1.2 : 1.8, line.rightAxis ? Qt::DashLine : Qt::SolidLine));
        }
        const Plot which = Plot(p);
        connect(m_plots[p], &QCustomPlot::mouseMove, this, [this, which](QMouseEvent *e) { onMouseMove(which, e); });
        layout->addWidget(m_plots[p], 1);
    }
    m_plots[LeasePlot]->setToolTip(m_note->text());
    layout->addWidget(m_note);

    m_replotTimer.setSingleShot(true);
    m_replotTimer.setInterval(kReplotMs);
    connect(&m_replotTimer, &QTimer::timeout, this, &ActivityView::replot);
    connect(meter, &ActivityMeter::sampled, this, &ActivityView::scheduleReplot);
    replot();
}

void ActivityView::setupPlot(QCustomPlot *plot, const QString &title)
{
    plot->setMinimumHeight(120);
    plot->plotLayout()->insertRow(0);
    auto *titleElement = new QCPTextElement(plot, title, QFont(font().family(), font().pointSize(), QFont::Bold));
    plot->plotLayout()->addElement(0, 0, titleElement);
    QSharedPointer<QCPAxisTickerDateTime> ticker(new QCPAxisTickerDateTime);
    ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
    plot->xAxis->setTicker(ticker);
    plot->legend->setVisible(true);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setWrap(6); // one compact row under the plot
    plot->legend->setRowSpacing(0);
    plot->legend->setMargins(QMargins(4, 1, 4, 1));
    plot->legend->setFont(QFont(font().family(), std::max(7, font().pointSize() - 1)));
    // Under the plot, not over the data (a row of its own in the layout).
    plot->axisRect()->insetLayout()->take(plot->legend);
    plot->plotLayout()->addElement(2, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactor(2, 0.001);
    plot->setNotAntialiasedElements(QCP::aeAll); // cheap replots
    Theme::stylePlot(plot); // background, axes and legend from the palette, light or dark
}

void ActivityView::setWindowSeconds(int seconds)
{
    m_window = seconds;
    const int i = m_windowBox->findData(seconds);
    if (i >= 0)
        m_windowBox->setCurrentIndex(i);
    replot();
}

void ActivityView::setPaused(bool paused)
{
    m_paused = paused;
    const QSignalBlocker block(m_pauseBox);
    m_pauseBox->setChecked(paused);
    if (!paused)
        replot();
}

void ActivityView::scheduleReplot()
{
    // At most one replot per kReplotMs, whatever the number of samples.
    if (!m_paused && !m_replotTimer.isActive())
        m_replotTimer.start();
}

void ActivityView::replot()
{
    if (m_paused)
        return;
    ++m_replots;
    const double now = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    const double from = now - m_window;
    QVector<double> t;
    QVector<double> v;
    for (int p = 0; p < PlotCount; ++p) {
        QCustomPlot *plot = m_plots[p];
        const QVector<Line> lines = linesOf(Plot(p));
        for (int i = 0; i < lines.size(); ++i) {
            m_meter->series(lines[i].series).copySince(from, &t, &v);
            if (lines[i].series == ActivityMeter::DbSize)
                for (double &x : v)
                    x /= 1024.0 * 1024.0; // MiB
            plot->graph(i)->setData(t, v, true);
        }
        if (p == LatencyPlot) {
            const QStringList endpoints = m_meter->latencyEndpoints();
            for (int e = 0; e < endpoints.size(); ++e) {
                const int g = int(lines.size()) + e;
                if (g >= plot->graphCount()) {
                    QCPGraph *graph = plot->addGraph();
                    graph->setName(tr("%1 latency (ms)").arg(endpoints[e]));
                    graph->setPen(QPen(kLatencyColors[e % 5], 1.6));
                }
                m_meter->latency(endpoints[e])->copySince(from, &t, &v);
                plot->graph(g)->setData(t, v, true);
            }
        }
        if (p == ClusterPlot)
            plot->yAxis2->setLabel(tr("MiB"));
        // Leader changes: a vertical mark each.
        plot->clearItems();
        const SampleRing &changes = m_meter->leaderChanges();
        for (int i = 0; i < changes.size(); ++i) {
            if (changes.timeAt(i) < from)
                continue;
            auto *mark = new QCPItemStraightLine(plot);
            mark->point1->setCoords(changes.timeAt(i), 0);
            mark->point2->setCoords(changes.timeAt(i), 1);
            mark->setPen(QPen(QColor(0xc6, 0x28, 0x28), 1.5, Qt::DashDotLine));
        }
        plot->xAxis->setRange(from, now);
        plot->yAxis->rescale(true);
        plot->yAxis2->rescale(true);
        // Rates never go below zero; give lines some headroom.
        plot->yAxis->setRange(0, std::max(1.0, plot->yAxis->range().upper * 1.15));
        plot->yAxis2->setRange(0, std::max(1.0, plot->yAxis2->range().upper * 1.15));
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

QString ActivityView::valuesAt(Plot p, double t) const
{
    QStringList lines;
    lines << QDateTime::fromMSecsSinceEpoch(qint64(t * 1000)).toString(QStringLiteral("HH:mm:ss"));
    QCustomPlot *plot = m_plots[p];
    for (int i = 0; i < plot->graphCount(); ++i) {
        QCPGraph *g = plot->graph(i);
        if (g->data()->isEmpty())
            continue;
        auto it = g->data()->findBegin(t, false);
        if (it == g->data()->constEnd())
            --it;
        if (it != g->data()->constBegin()) {
            auto before = it - 1;
            if (qAbs(before->key - t) < qAbs(it->key - t))
                it = before;
        }
        lines << QStringLiteral("%1: %2").arg(g->name(), QString::number(it->value, 'g', 6));
    }
    if (p == WatchPlot || p == LeasePlot || p == ClusterPlot || p == LatencyPlot) {
        const SampleRing &changes = m_meter->leaderChanges();
        for (int i = 0; i < changes.size(); ++i)
            if (qAbs(changes.timeAt(i) - t) < std::max(1.0, m_window / 120.0))
                lines << tr("leader changed");
    }
    return lines.join(QLatin1Char('\n'));
}

void ActivityView::onMouseMove(Plot p, QMouseEvent *event)
{
    const double t = m_plots[p]->xAxis->pixelToCoord(event->position().x());
    QToolTip::showText(event->globalPosition().toPoint(), valuesAt(p, t), m_plots[p]);
}

bool ActivityView::exportPng(const QString &filePath) const
{
    const int w = std::max(800, m_plots[0]->width());
    const int h = std::max(200, m_plots[0]->height());
    QImage image(w, h * PlotCount, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    for (int p = 0; p < PlotCount; ++p)
        painter.drawPixmap(0, p * h, m_plots[p]->toPixmap(w, h));
    painter.end();
    return image.save(filePath, "PNG");
}

bool ActivityView::exportCsv(const QString &filePath) const
{
    QFile f(filePath);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    QTextStream out(&f);
    out << "time,series,value\n";
    const double from = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0 - m_window;
    QVector<double> t;
    QVector<double> v;
    auto write = [&](const QString &name) {
        for (int i = 0; i < t.size(); ++i)
            out << QDateTime::fromMSecsSinceEpoch(qint64(t[i] * 1000), Qt::UTC).toString(Qt::ISODateWithMs) << ",\""
                << name << "\"," << QString::number(v[i], 'g', 12) << '\n';
    };
    for (int s = 0; s < ActivityMeter::SeriesCount; ++s) {
        m_meter->series(ActivityMeter::Series(s)).copySince(from, &t, &v);
        write(ActivityMeter::seriesName(ActivityMeter::Series(s)));
    }
    for (const QString &endpoint : m_meter->latencyEndpoints()) {
        m_meter->latency(endpoint)->copySince(from, &t, &v);
        write(tr("%1 latency (ms)").arg(endpoint));
    }
    m_meter->leaderChanges().copySince(from, &t, &v);
    for (double &x : v)
        x = 1; // a mark
    write(tr("leader change"));
    return out.status() == QTextStream::Ok;
}

void ActivityView::chooseExport()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Export activity"), QStringLiteral("etcd-activity.png"),
                                                      tr("PNG image (*.png);;CSV samples (*.csv)"));
    if (file.isEmpty())
        return;
    const bool ok = file.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? exportCsv(file) : exportPng(file);
    m_note->setText(ok ? tr("Exported to %1").arg(file) : tr("Could not write %1").arg(file));
}

} // namespace etcd::ui
