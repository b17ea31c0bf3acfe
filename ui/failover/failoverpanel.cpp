// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "failover/failoverpanel.h"

#include "common/icons.h"
#include "common/theme.h"
#include "common/qcustomplotinclude.h"

#include "client/continuation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace etcd::ui {

namespace {

QColor stateColor(const QString &state)
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

double seconds(qint64 ms)
{
    return double(ms) / 1000.0;
}

} // namespace

FailoverPanel::FailoverPanel(EtcdClient *client, QWidget *parent) : QWidget(parent), m_client(client)
{
    m_count = new QSpinBox(this);
    m_count->setRange(1, 9);
    m_count->setValue(3);
    m_strategy = new QComboBox(this);
    m_strategy->addItem(tr("Election"), QStringLiteral("election"));
    m_strategy->addItem(tr("Lock + lease"), QStringLiteral("lock"));
    m_ttl = new QSpinBox(this);
    m_ttl->setRange(1, 60);
    m_ttl->setValue(2);
    m_ttl->setSuffix(tr(" s TTL"));
    m_fencing = new QCheckBox(tr("Fencing"), this);
    m_fencing->setChecked(true);
    m_fencing->setToolTip(tr("Each work record is a transaction that checks the writer still holds its leadership key"));
    m_start = new QPushButton(tr("Start workers"), this);
    m_start->setObjectName(QStringLiteral("startWorkersButton"));
    m_start->setIcon(icon(QStringLiteral("play")));
    connect(m_start, &QPushButton::clicked, this, [this] {
        startWorkers(m_count->value(), m_strategy->currentData().toString(), m_ttl->value(), m_fencing->isChecked());
    });
    m_more = new QPushButton(icon(QStringLiteral("add")), tr("Start one more"), this);
    m_more->setEnabled(false);
    connect(m_more, &QPushButton::clicked, this, &FailoverPanel::startMore);
    auto *stopAllButton = new QPushButton(icon(QStringLiteral("stop")), tr("Stop all"), this);
    connect(stopAllButton, &QPushButton::clicked, this, &FailoverPanel::stopAll);
    m_killLeader = new QPushButton(icon(QStringLiteral("kill")), tr("Kill etcd leader"), this);
    m_killLeader->setToolTip(tr("Sandbox only: SIGKILL the etcd member that leads raft, to show the workers ride through it"));
    m_killLeader->setVisible(false);
    connect(m_killLeader, &QPushButton::clicked, this, [this] {
        if (m_killEtcdLeader)
            explain(m_killEtcdLeader());
    });

    m_table = new QTableWidget(0, 7, this);
    m_table->setObjectName(QStringLiteral("workersTable"));
    m_table->setHorizontalHeaderLabels({tr("Worker"), tr("PID"), tr("State"), tr("Lease TTL left"), tr("Time as master"),
                                        tr("Work records"), tr("Fenced writes")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto rowButton = [this](const char *iconName, const QString &text, const QString &tip,
                            std::function<bool(int)> action) {
        auto *b = new QPushButton(icon(QLatin1String(iconName)), text, this);
        b->setToolTip(tip);
        connect(b, &QPushButton::clicked, this, [this, action] {
            const int row = selectedRow();
            if (row >= 0)
                action(row);
        });
        return b;
    };
    auto *rowActions = new QHBoxLayout;
    rowActions->addWidget(new QLabel(tr("Selected worker:"), this));
    rowActions->addWidget(rowButton("kill", tr("Kill"), tr("SIGKILL: no goodbye; a standby takes over when the lease expires"),
                                    [this](int r) { return killWorker(r); }));
    rowActions->addWidget(rowButton("stop", tr("Stop"), tr("SIGTERM: resign and revoke the lease; a standby takes over at once"),
                                    [this](int r) { return stopWorker(r); }));
    rowActions->addWidget(rowButton("pause", tr("Pause / resume"), tr("SIGSTOP / SIGCONT: a frozen master, like a long GC pause"),
                                    [this](int r) { return togglePause(r); }));
    rowActions->addWidget(rowButton("refresh", tr("Restart"), tr("Start this worker again as a standby"),
                                    [this](int r) { return restartWorker(r); }));
    rowActions->addStretch(1);

    m_timeline = new QCustomPlot(this);
    m_timeline->setObjectName(QStringLiteral("failoverTimeline"));
    m_timeline->setMinimumHeight(180);
    QSharedPointer<QCPAxisTickerDateTime> ticker(new QCPAxisTickerDateTime);
    ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
    m_timeline->xAxis->setTicker(ticker);
    m_timeline->yAxis->setTickLabels(true);
    m_timeline->setNotAntialiasedElements(QCP::aeAll);
    // Before any worker runs: the current minute, no lanes, and what to do.
    const double now = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    m_timeline->xAxis->setRange(now - 60, now);
    m_timeline->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    auto *hint = new QCPItemText(m_timeline);
    hint->position->setType(QCPItemPosition::ptAxisRectRatio);
    hint->position->setCoords(0.5, 0.5);
    hint->setText(tr("Start workers: a lane per worker appears here (grey standby, green master, red lost),\n"
                     "with each failover gap measured in etcd"));
    hint->setColor(QColor(0x75, 0x75, 0x75));
    Theme::stylePlot(m_timeline);

    m_story = new QPlainTextEdit(this);
    m_story->setObjectName(QStringLiteral("failoverStory"));
    m_story->setReadOnly(true);
    m_story->setMaximumBlockCount(500);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("failoverSummary"));
    m_summary->setWordWrap(true);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Workers"), this));
    controls->addWidget(m_count);
    controls->addWidget(m_strategy);
    controls->addWidget(m_ttl);
    controls->addWidget(m_fencing);
    controls->addWidget(m_start);
    controls->addWidget(m_more);
    controls->addWidget(stopAllButton);
    controls->addStretch(1);
    controls->addWidget(m_killLeader);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(controls);
    topLayout->addWidget(m_table, 1);
    topLayout->addLayout(rowActions);
    // The timeline's legend: what each colour and mark means.
    const auto swatch = [](const QColor &c, const QString &name) {
        return QStringLiteral("<span style='color:%1'>■</span> %2").arg(c.name(), name.toHtmlEscaped());
    };
    auto *legend = new QLabel(this);
    legend->setObjectName(QStringLiteral("timelineLegend"));
    legend->setTextFormat(Qt::RichText);
    legend->setText(QStringList{swatch(stateColor(QStringLiteral("master")), tr("master")),
                                swatch(stateColor(QStringLiteral("standby")), tr("standby / campaigning")),
                                swatch(stateColor(QStringLiteral("paused")), tr("paused")),
                                swatch(stateColor(QStringLiteral("lost")), tr("lost its lease")),
                                swatch(stateColor(QStringLiteral("killed")), tr("killed / stopped / exited")),
                                QStringLiteral("<span style='color:#1e88e5'>▭</span> ") + tr("failover gap (etcd)"),
                                QStringLiteral("<span style='color:#c62828'>▭</span> ") + tr("overlap (split brain)"),
                                QStringLiteral("<span style='color:%1'>✕</span> ").arg(Theme::errorColor().name()) +
                                    tr("fenced write refused")}
                        .join(QStringLiteral("&nbsp;&nbsp; ")));
    auto *timelineBox = new QWidget(this);
    auto *timelineLayout = new QVBoxLayout(timelineBox);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->addWidget(m_timeline, 1);
    timelineLayout->addWidget(legend);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(timelineBox);
    split->addWidget(m_story);
    split->setSizes({220, 260, 140});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_summary);

    m_tick.setInterval(250);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        refreshTable();
        replot();
    });
    explain(tr("Start workers: each opens a session (a lease kept alive at TTL/3) and campaigns; the oldest key under "
               "the election prefix is the master. The master writes a work record every 100 ms; with fencing, each "
               "write is a transaction that checks its leadership key still exists with the revision it was elected at."));
}

FailoverPanel::~FailoverPanel()
{
    stopAll(); // no worker outlives the panel
}

void FailoverPanel::setKillEtcdLeader(std::function<QString()> kill)
{
    m_killEtcdLeader = std::move(kill);
    m_killLeader->setVisible(bool(m_killEtcdLeader));
}

QString FailoverPanel::explanation() const
{
    return m_story->toPlainText();
}

void FailoverPanel::explain(const QString &text)
{
    m_story->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz  ")) + text);
}

void FailoverPanel::startWorkers(int count, const QString &strategy, int ttlSeconds, bool fencing)
{
    if (!m_client)
        return;
    stopAll();
    WorkerPool::Settings s;
    s.connection = m_client->options();
    s.election = "/demo/failover/" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    s.strategy = strategy;
    s.ttlSeconds = ttlSeconds;
    s.fencing = fencing;
    m_pool = std::make_unique<WorkerPool>(s);
    connect(m_pool.get(), &WorkerPool::line, this, &FailoverPanel::onLine);
    connect(m_pool.get(), &WorkerPool::workerChanged, this, &FailoverPanel::onWorkerChanged);
    connect(m_pool.get(), &WorkerPool::failedToStart, this, [this](int, const QString &why) { explain(why); });
    delete m_observer;
    // The observer gets a client of its own whose watch delivers every event at once: the gaps it
    // measures are tens of milliseconds, finer than the console's 50 ms watch batching.
    ConnectionOptions observing = m_client->options();
    observing.watchBatchMs = 0;
    m_observerClient = std::make_unique<EtcdClient>(observing);
    m_observer = new FailoverObserver(m_observerClient.get(), s.election, this);
    connect(m_observer, &FailoverObserver::changed, this, &FailoverPanel::onObserved);
    m_observer->start();
    m_history.clear();
    m_gapsExplained = 0;
    m_overlapsExplained = 0;
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_pool->start(count);
    m_more->setEnabled(true);
    m_tick.start();
    explain(tr("Started %1 worker(s) with the %2 strategy, TTL %3 s, fencing %4, on %5.")
                .arg(count)
                .arg(strategy)
                .arg(ttlSeconds)
                .arg(fencing ? tr("on") : tr("OFF (split brain possible)"))
                .arg(QString::fromUtf8(s.election)));
}

void FailoverPanel::startMore()
{
    if (m_pool)
        m_pool->add();
}

void FailoverPanel::stopAll()
{
    if (!m_pool)
        return;
    for (int i = 0; i < m_pool->workers().size(); ++i)
        m_pool->stop(i);
    m_pool.reset(); // kills what did not exit
    m_tick.stop();
    m_more->setEnabled(false);
}

bool FailoverPanel::killWorker(int index)
{
    if (!m_pool || !m_pool->kill(index))
        return false;
    const WorkerPool::Worker &w = m_pool->workers()[index];
    explain(tr("%1 killed (SIGKILL). It says nothing; its lease stays until the TTL (%2 s) runs out without keepalives, "
               "then etcd deletes its key and the next oldest candidate becomes master.")
                .arg(w.id)
                .arg(m_pool->settings().ttlSeconds));
    return true;
}

bool FailoverPanel::stopWorker(int index)
{
    if (!m_pool || !m_pool->stop(index))
        return false;
    explain(tr("%1 stopped (SIGTERM): it resigns and revokes its lease, so its key goes at once and a standby takes "
               "over without waiting for the TTL.")
                .arg(m_pool->workers()[index].id));
    return true;
}

bool FailoverPanel::togglePause(int index)
{
    if (!m_pool || index < 0 || index >= m_pool->workers().size())
        return false;
    const WorkerPool::Worker &w = m_pool->workers()[index];
    if (w.paused) {
        if (!m_pool->resume(index))
            return false;
        explain(tr("%1 resumed (SIGCONT). If it was master and its lease expired meanwhile, its next write is %2.")
                    .arg(w.id, m_pool->settings().fencing ? tr("refused by the fencing compare, and it steps down")
                                                          : tr("NOT fenced: it lands next to the new master's (split brain)")));
        return true;
    }
    if (!m_pool->pause(index))
        return false;
    explain(tr("%1 paused (SIGSTOP), like a process frozen by a long GC pause or a stalled VM: it cannot refresh its "
               "lease. After %2 s etcd expires the lease and deletes its key.")
                .arg(w.id)
                .arg(m_pool->settings().ttlSeconds));
    return true;
}

bool FailoverPanel::restartWorker(int index)
{
    if (!m_pool || !m_pool->restart(index))
        return false;
    explain(tr("%1 restarted: a new session and a new, younger key, so it queues as a standby.").arg(m_pool->workers()[index].id));
    return true;
}

void FailoverPanel::onLine(int index, const QJsonObject &line)
{
    const QString state = line.value(QStringLiteral("state")).toString();
    if (state.isEmpty() || !m_pool)
        return;
    const QString id = m_pool->workers()[index].id;
    if (state == QLatin1String("master"))
        explain(tr("%1 is master: its key is now the oldest under the election prefix (token = create revision %2).")
                    .arg(id)
                    .arg(qint64(line.value(QStringLiteral("token")).toDouble())));
    else if (state == QLatin1String("lost"))
        explain(tr("%1 lost its mastership: %2").arg(id, line.value(QStringLiteral("reason")).toString()));
}

void FailoverPanel::onWorkerChanged(int index)
{
    if (!m_pool)
        return;
    while (m_history.size() <= index)
        m_history.append(QVector<StateChange>());
    const WorkerPool::Worker &w = m_pool->workers()[index];
    const QString state = w.paused ? QStringLiteral("paused") : w.state;
    if (m_history[index].isEmpty() || m_history[index].constLast().state != state)
        m_history[index].append({QDateTime::currentMSecsSinceEpoch(), state});
}

void FailoverPanel::onObserved()
{
    if (!m_observer || !m_pool)
        return;
    const auto &gaps = m_observer->gaps();
    for (; m_gapsExplained < gaps.size(); ++m_gapsExplained) {
        const FailoverObserver::Gap &g = gaps[m_gapsExplained];
        explain(tr("Failover %1 -> %2 took %3 ms, measured in etcd from the deletion of %1's key to %2's first work "
                   "record.")
                    .arg(g.from.isEmpty() ? tr("(unknown)") : g.from, g.to)
                    .arg(g.length()));
    }
    const auto &overlaps = m_observer->overlaps();
    for (; m_overlapsExplained < overlaps.size(); ++m_overlapsExplained) {
        const FailoverObserver::Overlap &o = overlaps[m_overlapsExplained];
        explain(tr("SPLIT BRAIN: %1 wrote after %2 had become master and started writing. Without fencing nothing stops a "
                   "deposed master that does not know it was deposed.")
                    .arg(o.deposed, o.current));
    }
}

int FailoverPanel::selectedRow() const
{
    const QModelIndex i = m_table->currentIndex();
    return i.isValid() ? i.row() : -1;
}

void FailoverPanel::refreshTable()
{
    if (!m_pool)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto &workers = m_pool->workers();
    // Each live worker's lease TTL, as etcd counts it (a paused worker's runs out).
    for (const WorkerPool::Worker &w : workers) {
        // A killed worker's lease lives on in etcd until its TTL runs out: followed until etcd says
        // it is gone, then not asked again.
        if (w.lease == 0 || !m_observerClient || (m_leaseTtl.contains(w.lease) && m_leaseTtl.value(w.lease).first < 0))
            continue;
        const qint64 lease = w.lease;
        whenFinished(m_observerClient->lease().timeToLive(lease), this, [this, lease](const EtcdResult<LeaseTimeToLive> &r) {
            if (r.ok())
                m_leaseTtl.insert(lease, {r->ttl, r->grantedTtl});
        });
    }
    m_table->setRowCount(int(workers.size()));
    for (int r = 0; r < workers.size(); ++r) {
        const WorkerPool::Worker &w = workers[r];
        const QString state = w.paused ? tr("paused (%1)").arg(w.state) : w.state;
        const qint64 masterMs = w.masterTotalMs + (w.masterSinceMs ? now - w.masterSinceMs : 0);
        const QStringList cells{w.id,
                                QString::number(w.pid),
                                state,
                !w.lease || !m_leaseTtl.contains(w.lease) ? QString()
                : m_leaseTtl.value(w.lease).first < 0      ? tr("gone (expired or revoked)")
                : m_leaseTtl.value(w.lease).first == 0     ? tr("< 1 s of %1 s").arg(m_leaseTtl.value(w.lease).second)
                                                           : tr("%1 s of %2 s").arg(m_leaseTtl.value(w.lease).first).arg(m_leaseTtl.value(w.lease).second),
                                QStringLiteral("%1 s").arg(double(masterMs) / 1000.0, 0, 'f', 1),
                                QString::number(w.workRecords),
                                QString::number(w.rejected)};
        for (int c = 0; c < cells.size(); ++c) {
            QTableWidgetItem *item = m_table->item(r, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(r, c, item);
            }
            item->setText(cells[c]);
            if (c == 2)
                item->setForeground(stateColor(w.paused ? QStringLiteral("paused") : w.state));
        }
    }
    QString summary = tr("Master (workers say): %1 · master (etcd says): %2")
                          .arg(m_pool->masterIndex() >= 0 ? workers[m_pool->masterIndex()].id : tr("none"),
                               m_observer && !m_observer->currentMaster().isEmpty() ? m_observer->currentMaster() : tr("none"));
    if (m_observer) {
        summary += tr(" · %n failover(s)", nullptr, int(m_observer->gaps().size()));
        if (!m_observer->gaps().isEmpty())
            summary += tr(", last gap %1 ms").arg(m_observer->gaps().constLast().length());
        summary += tr(" · overlaps: %1 · fenced writes refused: %2").arg(m_observer->overlaps().size()).arg(m_pool->rejectedWrites());
    }
    m_summary->setText(summary);
}

void FailoverPanel::replot()
{
    if (!m_pool)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_timeline->clearItems();
    const auto &workers = m_pool->workers();
    QSharedPointer<QCPAxisTickerText> lanes(new QCPAxisTickerText);
    for (int r = 0; r < m_history.size() && r < workers.size(); ++r) {
        lanes->addTick(r, workers[r].id);
        const auto &h = m_history[r];
        for (int i = 0; i < h.size(); ++i) {
            auto *rect = new QCPItemRect(m_timeline);
            rect->topLeft->setCoords(seconds(h[i].atMs), r + 0.35);
            rect->bottomRight->setCoords(seconds(i + 1 < h.size() ? h[i + 1].atMs : now), r - 0.35);
            rect->setBrush(stateColor(h[i].state));
            rect->setPen(Qt::NoPen);
        }
    }
    // Fenced writes refused by etcd: a red cross in the worker's lane at each refusal.
    for (int r = 0; r < workers.size(); ++r) {
        for (qint64 at : workers[r].rejectedAtMs) {
            auto *mark = new QCPItemText(m_timeline);
            mark->position->setCoords(seconds(at), r);
            mark->setText(QStringLiteral("✕"));
            mark->setColor(Theme::errorColor());
            mark->setFont(QFont(font().family(), font().pointSize() + 2, QFont::Bold));
        }
    }
    m_timeline->yAxis->setTicker(lanes);
    m_timeline->yAxis->setRange(-0.8, std::max<double>(1, double(workers.size())) - 0.2);
    const double top = double(workers.size()) - 0.3;
    if (m_observer) {
        for (const FailoverObserver::Gap &g : m_observer->gaps()) {
            auto *bracket = new QCPItemRect(m_timeline);
            bracket->topLeft->setCoords(seconds(g.lostMs), top);
            bracket->bottomRight->setCoords(seconds(g.resumedMs), -0.6);
            bracket->setBrush(QColor(0x1e, 0x88, 0xe5, 40));
            bracket->setPen(QPen(QColor(0x1e, 0x88, 0xe5), 1, Qt::DashLine));
            auto *label = new QCPItemText(m_timeline);
            label->position->setCoords(seconds(g.lostMs), -0.7);
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
            label->setText(tr("gap %1 ms").arg(g.length()));
            label->setColor(Theme::accentColor());
        }
        for (const FailoverObserver::Overlap &o : m_observer->overlaps()) {
            auto *rect = new QCPItemRect(m_timeline);
            rect->topLeft->setCoords(seconds(o.startMs), top);
            rect->bottomRight->setCoords(seconds(std::max(o.endMs, o.startMs + 50)), -0.6);
            rect->setBrush(QColor(0xe5, 0x39, 0x35, 90));
            rect->setPen(QPen(QColor(0xc6, 0x28, 0x28), 2));
            auto *label = new QCPItemText(m_timeline);
            label->position->setCoords(seconds(o.startMs), top);
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
            label->setText(tr("overlap: %1 write(s) by %2 after %3 took over").arg(o.records).arg(o.deposed, o.current));
            label->setColor(Theme::errorColor());
        }
    }
    const double start = seconds(std::max(m_startedMs, now - 120000));
    m_timeline->xAxis->setRange(start, seconds(now) + 1);
    m_timeline->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace etcd::ui
