// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "failover/failoverpanel.h"

#include "common/icons.h"
#include "common/theme.h"
#include "sandbox/faultnetwork.h"
#include "sandbox/sandboxfaults.h"

#include "client/continuation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace etcd::ui {

namespace {} // namespace

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
    m_fencing->setToolTip(
        tr("Each work record is a transaction that checks the writer still holds its leadership key"));
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
    auto *exportButton = new QPushButton(icon(QStringLiteral("export")), tr("Export run…"), this);
    exportButton->setObjectName(QStringLiteral("exportRunButton"));
    exportButton->setToolTip(tr("The timeline as PNG and SVG; events and work records as CSV and JSON, with the gaps, "
                                "overlaps, unavailability windows and the fencing check"));
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString base = QFileDialog::getSaveFileName(
            this, tr("Export the failover run"),
            QDir::home().filePath(QStringLiteral("failover-%1")
                                      .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")))),
            tr("Base name (PNG, SVG, CSV and JSON files are written next to it) (*)"));
        if (base.isEmpty())
            return;
        QString error;
        explain(exportRun(base, &error)
                    ? tr("Exported the run: %1.png, .svg, -events.csv, -records.csv, .json").arg(base)
                    : tr("Not exported: %1").arg(error));
    });
    m_scenarioBox = new QComboBox(this);
    m_scenarioBox->setObjectName(QStringLiteral("scenarioBox"));
    for (FailoverScenario::Kind kind :
         {FailoverScenario::Kind::KillMaster, FailoverScenario::Kind::PauseMaster, FailoverScenario::Kind::CutOffMaster,
          FailoverScenario::Kind::PartitionEtcdLeader, FailoverScenario::Kind::LoseQuorum}) {
        m_scenarioBox->addItem(FailoverScenario::name(kind), int(kind));
        m_scenarioBox->setItemData(m_scenarioBox->count() - 1, FailoverScenario::description(kind), Qt::ToolTipRole);
    }
    m_runScenario = new QPushButton(icon(QStringLiteral("play")), tr("Run"), this);
    m_runScenario->setObjectName(QStringLiteral("runScenarioButton"));
    m_runScenario->setToolTip(tr("Run the scenario step by step, narrated below; its unavailability window is drawn "
                                 "on the timeline (starts three workers first if none run)"));
    connect(m_runScenario, &QPushButton::clicked, this,
            [this] { runScenario(FailoverScenario::Kind(m_scenarioBox->currentData().toInt())); });
    m_killLeader = new QPushButton(icon(QStringLiteral("kill")), tr("Kill etcd leader"), this);
    m_killLeader->setToolTip(
        tr("Sandbox only: SIGKILL the etcd member that leads raft, to show the workers ride through it"));
    m_killLeader->setVisible(false);
    connect(m_killLeader, &QPushButton::clicked, this, [this] {
        if (m_killEtcdLeader)
            explain(m_killEtcdLeader());
    });

    m_table = new QTableWidget(0, 7, this);
    m_table->setObjectName(QStringLiteral("workersTable"));
    m_table->setHorizontalHeaderLabels({tr("Worker"), tr("PID"), tr("State"), tr("Lease TTL left"),
                                        tr("Time as master"), tr("Work records"), tr("Fenced writes")});
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
    rowActions->addWidget(rowButton("kill", tr("Kill"),
                                    tr("SIGKILL: no goodbye; a standby takes over when the lease expires"),
                                    [this](int r) { return killWorker(r); }));
    rowActions->addWidget(rowButton("stop", tr("Stop"),
                                    tr("SIGTERM: resign and revoke the lease; a standby takes over at once"),
                                    [this](int r) { return stopWorker(r); }));
    rowActions->addWidget(rowButton("pause", tr("Pause / resume"),
                                    tr("SIGSTOP / SIGCONT: a frozen master, like a long GC pause"),
                                    [this](int r) { return togglePause(r); }));
    rowActions->addWidget(rowButton("refresh", tr("Restart"), tr("Start this worker again as a standby"),
                                    [this](int r) { return restartWorker(r); }));
    m_cutOff =
        rowButton("disconnect", tr("Cut off / reconnect"),
                  tr("Sandbox only: the worker keeps running but etcd cannot hear it (a partition TCP rides out: "
                     "what it sends meanwhile arrives late, when it is reconnected)"),
                  [this](int r) { return toggleCutOff(r); });
    m_cutOff->setObjectName(QStringLiteral("cutOffWorkerButton"));
    m_cutOff->setVisible(false);
    rowActions->addWidget(m_cutOff);
    rowActions->addStretch(1);

    m_timeline = new FailoverTimeline(this);

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
    controls->addWidget(exportButton);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Scenario"), this));
    controls->addWidget(m_scenarioBox);
    controls->addWidget(m_runScenario);
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
    legend->setWordWrap(true);
    legend->setText(QStringList{
        swatch(FailoverTimeline::stateColor(QStringLiteral("master")), tr("master")),
        swatch(FailoverTimeline::stateColor(QStringLiteral("standby")), tr("standby / campaigning")),
        swatch(FailoverTimeline::stateColor(QStringLiteral("paused")), tr("paused")),
        swatch(FailoverTimeline::stateColor(QStringLiteral("lost")), tr("lost its lease")),
        swatch(FailoverTimeline::stateColor(QStringLiteral("killed")), tr("killed / stopped / exited")),
        QStringLiteral("<span style='color:#1e88e5'>▭</span> ") + tr("failover gap (etcd)"),
        QStringLiteral("<span style='color:#c62828'>▭</span> ") + tr("overlap (split brain)"),
        QStringLiteral("<span style='color:%1'>✕</span> ").arg(Theme::errorColor().name()) + tr("fenced write refused"),
        QStringLiteral("<span style='color:#ef6c00'>▬</span> ") + tr("unavailable (fault to the next master's work)"),
        QStringLiteral("<span style='color:#6a1b9a'>▨</span> ") + tr("cut off from etcd"),
        QStringLiteral("<span style='color:#6a1b9a'>┆</span> ") + tr("done to the sandbox")}
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
    explain(
        tr("Start workers: each opens a session (a lease kept alive at TTL/3) and campaigns; the oldest key under "
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

void FailoverPanel::setSandboxNetwork(FaultNetwork *network, const QVector<quint16> &clientPorts)
{
    m_network = network;
    m_clientPorts = clientPorts;
    m_cutOff->setVisible(network != nullptr);
}

void FailoverPanel::setSandboxFaults(SandboxFaults *faults, std::function<int()> etcdLeader)
{
    m_faults = faults;
    m_etcdLeader = std::move(etcdLeader);
}

bool FailoverPanel::runScenario(FailoverScenario::Kind kind)
{
    if (m_scenario && m_scenario->isRunning()) {
        explain(tr("A scenario is running already."));
        return false;
    }
    if (!m_pool)
        startWorkers(3, m_strategy->currentData().toString(), m_ttl->value(), m_fencing->isChecked());
    if (!m_pool)
        return false;
    delete m_scenario;
    m_scenario = new FailoverScenario(m_pool.get(), m_observer, m_faults, m_etcdLeader, this);
    connect(m_scenario, &FailoverScenario::narrate, this, &FailoverPanel::explain);
    connect(m_scenario, &FailoverScenario::faultDone, this,
            [this](qint64 atMs, const QString &master, const QString &fault) {
                m_windows.append({atMs, master, fault, -1, atMs});
                m_marks.append({atMs, tr("scenario: %1").arg(fault)});
            });
    connect(m_scenario, &FailoverScenario::finished, this, [this](const FailoverScenario::Result &r) {
        m_runScenario->setEnabled(true);
        // An etcd fault's window is the scenario's measure: the longest time without work.
        for (FailoverRunWindow &w : m_windows)
            if (w.faultMs == r.faultMs && w.master.isEmpty() && w.lengthMs < 0 && r.unavailableMs >= 0) {
                w.lengthMs = r.unavailableMs;
                w.fromMs = r.windowStartMs;
            }
    });
    const bool started = m_scenario->start(kind);
    m_runScenario->setEnabled(!started);
    return started;
}

void FailoverPanel::noteSandboxEvent(const QString &sentence)
{
    explain(sentence);
    // The timeline gets the gist: the sentence up to its first stop.
    static const QRegularExpression endpoint(QStringLiteral("\\s*\\([0-9.]+:[0-9]+\\)"));
    QString gist = QString(sentence).remove(endpoint);
    for (const QString &stop : {QStringLiteral(": "), QStringLiteral(". ")})
        gist = gist.section(stop, 0, 0);
    if (gist.size() > 48)
        gist = gist.left(47) + QStringLiteral("…");
    m_marks.append({QDateTime::currentMSecsSinceEpoch(), gist});
    if (m_marks.size() > 200)
        m_marks.removeFirst();
}

QString FailoverPanel::explanation() const
{
    return m_story->toPlainText();
}

void FailoverPanel::explain(const QString &text)
{
    m_events.append({QDateTime::currentMSecsSinceEpoch(), text});
    if (m_events.size() > 5000)
        m_events.remove(0, 500);
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
    s.network = m_network;
    s.clientPorts = m_clientPorts;
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
    m_cutSpans.clear();
    m_windows.clear();
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
    if (m_scenario && m_scenario->isRunning())
        m_scenario->cancel();
    delete m_scenario; // it points at the pool and the observer
    m_scenario = nullptr;
    m_runScenario->setEnabled(true);
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
    noteFaultOnMaster(index, QStringLiteral("kill"));
    if (!m_pool || !m_pool->kill(index))
        return false;
    const WorkerPool::Worker &w = m_pool->workers()[index];
    explain(
        tr("%1 killed (SIGKILL). It says nothing; its lease stays until the TTL (%2 s) runs out without keepalives, "
           "then etcd deletes its key and the next oldest candidate becomes master.")
            .arg(w.id)
            .arg(m_pool->settings().ttlSeconds));
    return true;
}

bool FailoverPanel::stopWorker(int index)
{
    noteFaultOnMaster(index, QStringLiteral("stop"));
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
                    .arg(w.id, m_pool->settings().fencing
                                   ? tr("refused by the fencing compare, and it steps down")
                                   : tr("NOT fenced: it lands next to the new master's (split brain)")));
        return true;
    }
    noteFaultOnMaster(index, QStringLiteral("pause"));
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
    explain(tr("%1 restarted: a new session and a new, younger key, so it queues as a standby.")
                .arg(m_pool->workers()[index].id));
    return true;
}

bool FailoverPanel::toggleCutOff(int index)
{
    if (!m_pool || !m_pool->canCutOff() || index < 0 || index >= m_pool->workers().size())
        return false;
    const WorkerPool::Worker &w = m_pool->workers()[index];
    const bool cut = !w.cutOff;
    if (cut)
        noteFaultOnMaster(index, QStringLiteral("cut off"));
    if (!m_pool->setCutOff(index, cut))
        return false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (cut) {
        m_cutSpans.append({index, now, 0});
        explain(tr("%1 cut off from etcd: it keeps running and %2, but nothing it sends arrives. Its keep-alives are "
                   "lost: after %3 s etcd expires its lease and a standby takes over. Meanwhile it may still believe "
                   "it leads.")
                    .arg(w.id, w.state == QLatin1String("master") ? tr("working as master") : tr("waiting"))
                    .arg(m_pool->settings().ttlSeconds));
    } else {
        for (FailoverTimeline::Span &span : m_cutSpans)
            if (span.lane == index && span.endMs == 0)
                span.endMs = now;
        explain(tr("%1 reconnected: what it sent while cut off arrives now, late. A write it made as master is %2.")
                    .arg(w.id, m_pool->settings().fencing
                                   ? tr("refused by the fencing compare if a new master took over meanwhile")
                                   : tr("NOT fenced: it lands next to the new master's (split brain)")));
    }
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
        explain(
            tr("SPLIT BRAIN: %1 wrote after %2 had become master and started writing. Without fencing nothing stops a "
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
        whenFinished(m_observerClient->lease().timeToLive(lease), this,
                     [this, lease](const EtcdResult<LeaseTimeToLive> &r) {
                         if (r.ok())
                             m_leaseTtl.insert(lease, {r->ttl, r->grantedTtl});
                     });
    }
    m_table->setRowCount(int(workers.size()));
    for (int r = 0; r < workers.size(); ++r) {
        const WorkerPool::Worker &w = workers[r];
        const QString state = w.paused ? tr("paused (%1)").arg(w.state) : w.state;
        const qint64 masterMs = w.masterTotalMs + (w.masterSinceMs ? now - w.masterSinceMs : 0);
        const QStringList cells{
            w.id,
            QString::number(w.pid),
            state,
            !w.lease || !m_leaseTtl.contains(w.lease) ? QString()
            : m_leaseTtl.value(w.lease).first < 0     ? tr("gone (expired or revoked)")
            : m_leaseTtl.value(w.lease).first == 0
                ? tr("< 1 s of %1 s").arg(m_leaseTtl.value(w.lease).second)
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
                item->setForeground(FailoverTimeline::stateColor(w.paused ? QStringLiteral("paused") : w.state));
        }
    }
    QString summary =
        tr("Master (workers say): %1 · master (etcd says): %2")
            .arg(m_pool->masterIndex() >= 0 ? workers[m_pool->masterIndex()].id : tr("none"),
                 m_observer && !m_observer->currentMaster().isEmpty() ? m_observer->currentMaster() : tr("none"));
    if (m_observer) {
        summary += tr(" · %n failover(s)", nullptr, int(m_observer->gaps().size()));
        if (!m_observer->gaps().isEmpty())
            summary += tr(", last gap %1 ms").arg(m_observer->gaps().constLast().length());
        summary += tr(" · overlaps: %1 · fenced writes refused: %2")
                       .arg(m_observer->overlaps().size())
                       .arg(m_pool->rejectedWrites());
        summary += tr(" · fencing check: %1").arg(m_observer->checkFencing().summary());
    }
    m_summary->setText(summary);
}

void FailoverPanel::noteFaultOnMaster(int index, const QString &fault)
{
    if (!m_pool || !m_observer || index < 0 || index >= m_pool->workers().size())
        return;
    const QString id = m_pool->workers()[index].id;
    if (id == m_observer->currentMaster())
        m_windows.append({QDateTime::currentMSecsSinceEpoch(), id, fault, -1, QDateTime::currentMSecsSinceEpoch()});
}

void FailoverPanel::updateWindows()
{
    if (!m_observer)
        return;
    for (FailoverRunWindow &w : m_windows) {
        if (w.lengthMs >= 0 || w.master.isEmpty()) // an etcd fault's window comes from its scenario
            continue;
        w.lengthMs = m_observer->unavailableAfter(w.faultMs, w.master);
        if (w.lengthMs >= 0)
            explain(tr("Unavailable for %1 ms: from the %2 of the master %3 to the next master's first work record.")
                        .arg(w.lengthMs)
                        .arg(w.fault, w.master));
    }
}

bool FailoverPanel::exportRun(const QString &basePath, QString *error)
{
    if (!m_pool || !m_observer) {
        if (error)
            *error = tr("Nothing to export: start workers first.");
        return false;
    }
    replot();
    const int w = std::max(1200, m_timeline->width()), h = std::max(420, m_timeline->height());
    if (!m_timeline->savePng(basePath + QStringLiteral(".png"), w, h) ||
        !m_timeline->saveSvg(basePath + QStringLiteral(".svg"), w, h)) {
        if (error)
            *error = tr("cannot write the timeline to %1.png / .svg").arg(basePath);
        return false;
    }
    return writeFailoverRun(basePath, *m_observer, m_events, m_windows, error);
}

void FailoverPanel::replot()
{
    if (!m_pool)
        return;
    updateWindows();
    QVector<FailoverTimeline::Window> windows;
    for (const FailoverRunWindow &w : m_windows)
        windows.append({w.fromMs, w.lengthMs >= 0 ? w.fromMs + w.lengthMs : 0,
                        w.lengthMs >= 0 ? tr("unavailable %1 ms").arg(w.lengthMs) : tr("unavailable…")});
    m_timeline->draw(*m_pool, m_history, m_observer, m_startedMs, m_marks, m_cutSpans, windows);
}

} // namespace etcd::ui
