// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "cluster/maintenancepanel.h"

#include "common/format.h"
#include "common/icons.h"
#include "common/theme.h"

#include "client/continuation.h"

#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>

namespace etcd::ui {

MaintenancePanel::MaintenancePanel(EtcdClient *client, ClusterMonitor *monitor, QWidget *parent)
    : QWidget(parent), m_client(client), m_monitor(monitor)
{
    // "m1 leads now." must not outlive m1's leadership: the next change rewrites it.
    if (monitor)
        connect(monitor, &ClusterMonitor::leaderChanged, this, [this](quint64, quint64 newLeader) {
            if (m_movedTo == 0 || newLeader == m_movedTo || m_busy)
                return;
            const QString moved = m_monitor->memberName(m_movedTo);
            m_result->setText(newLeader ? tr("Moved the leader to %1 at %2; since %3 %4 leads.")
                                              .arg(moved, m_movedAt.toString(QStringLiteral("HH:mm:ss")),
                                                   QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")),
                                                   m_monitor->memberName(newLeader))
                                        : tr("Moved the leader to %1 at %2; since %3 no member leads.")
                                              .arg(moved, m_movedAt.toString(QStringLiteral("HH:mm:ss")),
                                                   QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"))));
            m_movedTo = 0;
        });
    auto makeMenuButton = [this](const QString &text, const QString &tip, const char *name, const char *iconName) {
        auto *b = new QToolButton(this);
        b->setObjectName(QLatin1String(name));
        b->setText(text);
        b->setIcon(icon(QLatin1String(iconName)));
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setToolTip(tip);
        b->setPopupMode(QToolButton::InstantPopup);
        b->setMenu(new QMenu(b));
        return b;
    };
    m_defrag = makeMenuButton(tr("Defragment"), tr("Give a member's free database pages back to the file system; the "
                                                  "member pauses while it runs"),
                              "defragButton", "defragment");
    connect(m_defrag->menu(), &QMenu::aboutToShow, this, [this] { fillDefragMenu(m_defrag->menu()); });
    m_moveLeader = makeMenuButton(tr("Move leader"), tr("Hand raft leadership to another member"), "moveLeaderButton",
                                  "leader");
    connect(m_moveLeader->menu(), &QMenu::aboutToShow, this, [this] { fillMoveLeaderMenu(m_moveLeader->menu()); });
    m_snapshotButton = new QPushButton(icon(QStringLiteral("save")), tr("Save snapshot…"), this);
    m_snapshotButton->setObjectName(QStringLiteral("snapshotButton"));
    m_snapshotButton->setToolTip(tr("Stream a backup of the database to a file"));
    connect(m_snapshotButton, &QPushButton::clicked, this, &MaintenancePanel::chooseSnapshotFile);
    m_compact = new QPushButton(icon(QStringLiteral("compact")), tr("Compact…"), this);
    m_compact->setObjectName(QStringLiteral("compactButton"));
    m_compact->setToolTip(tr("Discard the history of every key before a revision"));
    connect(m_compact, &QPushButton::clicked, this, &MaintenancePanel::askCompact);
    m_disarm = new QPushButton(icon(QStringLiteral("warning")), tr("Disarm alarms…"), this);
    m_disarm->setObjectName(QStringLiteral("disarmButton"));
    m_disarm->setToolTip(tr("Clear the alarms members raised (e.g. NOSPACE after freeing space)"));
    connect(m_disarm, &QPushButton::clicked, this, &MaintenancePanel::disarmAlarms);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("snapshotProgress"));
    m_progress->setMaximumWidth(260);
    m_progress->hide();
    m_cancel = new QPushButton(icon(QStringLiteral("stop")), tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelSnapshotButton"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &MaintenancePanel::cancelSnapshot);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("maintenanceResult"));
    m_result->setWordWrap(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *w : {static_cast<QWidget *>(m_defrag), static_cast<QWidget *>(m_moveLeader),
                       static_cast<QWidget *>(m_compact), static_cast<QWidget *>(m_disarm),
                       static_cast<QWidget *>(m_snapshotButton)})
        layout->addWidget(w);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    layout->addWidget(m_result, 1);

    const bool writable = m_client && !m_client->isReadOnly();
    for (QWidget *w : {static_cast<QWidget *>(m_defrag), static_cast<QWidget *>(m_moveLeader),
                       static_cast<QWidget *>(m_compact), static_cast<QWidget *>(m_disarm)}) {
        w->setEnabled(writable);
        if (!writable)
            w->setToolTip(tr("Read-only connection: maintenance that changes the cluster is disabled"));
    }
}

QString MaintenancePanel::resultText() const
{
    return m_result->text();
}

bool MaintenancePanel::confirm(const QString &question)
{
    if (m_confirm)
        return m_confirm(question);
    return QMessageBox::question(this, tr("Maintenance"), question) == QMessageBox::Yes;
}

void MaintenancePanel::setBusy(bool busy, const QString &text)
{
    m_busy = busy;
    if (!text.isEmpty())
        m_result->setText(text);
    const bool writable = m_client && !m_client->isReadOnly();
    for (QWidget *w : {static_cast<QWidget *>(m_defrag), static_cast<QWidget *>(m_moveLeader),
                       static_cast<QWidget *>(m_compact), static_cast<QWidget *>(m_disarm)})
        w->setEnabled(writable && !busy);
    m_snapshotButton->setEnabled(!busy);
}

void MaintenancePanel::done(const QString &action, bool ok, const QString &message)
{
    if (action != QLatin1String("move leader"))
        m_movedTo = 0; // the text shown is about something else now
    setBusy(false);
    m_result->setText(message);
    m_result->setStyleSheet(ok ? QString() : Theme::errorStyleSheet());
    if (m_monitor)
        m_monitor->pollNow(); // show the effect (new leader, smaller db) at once
    Q_EMIT finished(action, ok, message);
}

void MaintenancePanel::fillDefragMenu(QMenu *menu)
{
    menu->clear();
    if (!m_monitor)
        return;
    for (const EndpointStatus &st : m_monitor->snapshot().endpoints) {
        const QString label = st.ok() ? tr("%1 (%2, db %3, %4 in use)")
                                            .arg(st.endpoint, m_monitor->memberName(st.memberId), formatBytes(st.dbSize),
                                                 formatBytes(st.dbSizeInUse))
                                      : tr("%1 (not answering)").arg(st.endpoint);
        QAction *a = menu->addAction(label);
        a->setEnabled(st.ok());
        const QString endpoint = st.endpoint;
        connect(a, &QAction::triggered, this, [this, endpoint] { defragment(endpoint); });
    }
}

void MaintenancePanel::fillMoveLeaderMenu(QMenu *menu)
{
    menu->clear();
    if (!m_monitor)
        return;
    for (const Member &m : m_monitor->snapshot().members) {
        QAction *a = menu->addAction(m.name.isEmpty() ? formatMemberId(m.id) : m.name);
        a->setEnabled(m.id != m_monitor->snapshot().leaderId && !m.isLearner);
        const quint64 id = m.id;
        connect(a, &QAction::triggered, this, [this, id] { moveLeader(id); });
    }
}

void MaintenancePanel::fillMenu(QMenu *menu)
{
    // The same actions as the buttons, for the window's Cluster menu (the keyboard's way to them).
    const bool writable = m_client && !m_client->isReadOnly();
    QMenu *defrag = menu->addMenu(icon(QStringLiteral("defragment")), tr("&Defragment"));
    defrag->setEnabled(writable);
    connect(defrag, &QMenu::aboutToShow, this, [this, defrag] { fillDefragMenu(defrag); });
    QMenu *leader = menu->addMenu(icon(QStringLiteral("leader")), tr("&Move leader"));
    leader->setEnabled(writable);
    connect(leader, &QMenu::aboutToShow, this, [this, leader] { fillMoveLeaderMenu(leader); });
    QAction *compact = menu->addAction(icon(QStringLiteral("compact")), tr("&Compact…"), this, &MaintenancePanel::askCompact);
    compact->setEnabled(writable);
    QAction *disarm = menu->addAction(icon(QStringLiteral("warning")), tr("Disarm &alarms…"), this, &MaintenancePanel::disarmAlarms);
    disarm->setEnabled(writable);
    menu->addAction(icon(QStringLiteral("save")), tr("Save &snapshot…"), this, &MaintenancePanel::chooseSnapshotFile);
}

void MaintenancePanel::defragment(const QString &endpoint)
{
    if (!m_client || m_busy || m_client->isReadOnly())
        return;
    if (!confirm(tr("Defragment %1? The member stops serving requests until it is done (seconds for a few GiB); do one "
                    "member at a time.")
                     .arg(endpoint)))
        return;
    setBusy(true, tr("Defragmenting %1…").arg(endpoint));
    whenFinished(m_client->maintenance().defragment(endpoint), this, [this, endpoint](const EtcdResult<ResponseHeader> &r) {
        done(QStringLiteral("defragment"), r.ok(),
             r.ok() ? tr("Defragmented %1.").arg(endpoint) : tr("Defragment of %1 failed: %2").arg(endpoint, r.error().toString()));
    });
}

void MaintenancePanel::chooseSnapshotFile()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Save snapshot"), QStringLiteral("etcd-snapshot.db"),
                                                      tr("etcd snapshots (*.db);;All files (*)"));
    if (!file.isEmpty())
        saveSnapshot(file);
}

void MaintenancePanel::saveSnapshot(const QString &filePath, const QString &endpoint)
{
    if (!m_client || m_busy)
        return;
    setBusy(true, tr("Saving a snapshot to %1…").arg(filePath));
    m_snapshot = m_client->maintenance().snapshot(filePath, endpoint);
    auto *watcher = new QFutureWatcher<EtcdResult<SnapshotInfo>>(this);
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, m_progress, &QProgressBar::setRange);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(watcher, &QFutureWatcherBase::progressTextChanged, m_progress, [this](const QString &text) {
        m_progress->setFormat(text);
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, filePath] {
        watcher->deleteLater();
        m_progress->hide();
        m_cancel->hide();
        if (m_snapshot.isCanceled() || m_snapshot.resultCount() == 0) {
            done(QStringLiteral("snapshot"), false, tr("Snapshot cancelled; no file was left behind."));
            return;
        }
        const EtcdResult<SnapshotInfo> r = m_snapshot.result();
        done(QStringLiteral("snapshot"), r.ok(),
             r.ok() ? tr("Saved a snapshot of %1 (%2) to %3.").arg(r->endpoint, formatBytes(r->bytes), r->filePath)
                    : tr("Snapshot failed: %1").arg(r.error().toString()));
    });
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("Starting…"));
    m_progress->show();
    m_cancel->show();
    watcher->setFuture(m_snapshot);
}

void MaintenancePanel::cancelSnapshot()
{
    if (m_snapshot.isRunning())
        m_snapshot.cancel();
}

void MaintenancePanel::askCompact()
{
    const qint64 current = m_monitor ? m_monitor->snapshot().revision : 0;
    bool ok = false;
    const int revision = QInputDialog::getInt(this, tr("Compact"),
                                              tr("Discard history before revision (current revision %1):").arg(current),
                                              int(std::max<qint64>(1, current - 1000)), 1,
                                              int(std::min<qint64>(current, std::numeric_limits<int>::max())), 1, &ok);
    if (ok)
        compact(revision);
}

void MaintenancePanel::compact(qint64 revision)
{
    if (!m_client || m_busy || m_client->isReadOnly())
        return;
    if (!confirm(tr("Compact to revision %1? Every key's history before it is discarded: earlier versions can no longer "
                    "be read or watched from. This cannot be undone.")
                     .arg(revision)))
        return;
    setBusy(true, tr("Compacting to revision %1…").arg(revision));
    whenFinished(m_client->kv().compact(revision, true), this, [this, revision](const EtcdResult<ResponseHeader> &r) {
        done(QStringLiteral("compact"), r.ok(),
             r.ok() ? tr("Compacted to revision %1.").arg(revision) : tr("Compaction failed: %1").arg(r.error().toString()));
    });
}

void MaintenancePanel::moveLeader(quint64 memberId)
{
    if (!m_client || m_busy || m_client->isReadOnly())
        return;
    const QString name = m_monitor ? m_monitor->memberName(memberId) : formatMemberId(memberId);
    if (!confirm(tr("Move the raft leadership to %1? Writes pause briefly while the leader changes.").arg(name)))
        return;
    setBusy(true, tr("Moving the leader to %1…").arg(name));
    whenFinished(m_client->maintenance().moveLeader(memberId), this,
                 [this, name, memberId](const EtcdResult<ResponseHeader> &r) {
                     m_movedTo = r.ok() ? memberId : 0;
                     m_movedAt = QDateTime::currentDateTime();
                     done(QStringLiteral("move leader"), r.ok(),
                          r.ok() ? tr("%1 leads now (since %2).").arg(name, m_movedAt.toString(QStringLiteral("HH:mm:ss")))
                                 : tr("Could not move the leader: %1").arg(r.error().toString()));
                 });
}

void MaintenancePanel::disarmAlarms()
{
    if (!m_client || m_busy || m_client->isReadOnly())
        return;
    setBusy(true, tr("Reading alarms…"));
    whenFinished(m_client->maintenance().alarms(), this, [this](const EtcdResult<AlarmList> &r) {
        if (!r.ok()) {
            done(QStringLiteral("disarm"), false, tr("Cannot read the alarms: %1").arg(r.error().toString()));
            return;
        }
        if (r->alarms.isEmpty()) {
            done(QStringLiteral("disarm"), true, tr("No alarm is raised."));
            return;
        }
        QStringList names;
        for (const Alarm &a : r->alarms)
            names << tr("%1 on %2").arg(a.type == AlarmType::NoSpace ? QStringLiteral("NOSPACE") : QStringLiteral("CORRUPT"),
                                        m_monitor ? m_monitor->memberName(a.memberId) : formatMemberId(a.memberId));
        if (!confirm(tr("Disarm %1? Do it only once the cause is fixed (space freed by compaction and defragmentation, "
                        "or a corrupt member replaced).")
                         .arg(names.join(QStringLiteral(", "))))) {
            done(QStringLiteral("disarm"), false, tr("Alarms left as they are."));
            return;
        }
        auto remaining = std::make_shared<int>(int(r->alarms.size()));
        auto failures = std::make_shared<QStringList>();
        for (const Alarm &a : r->alarms) {
            whenFinished(m_client->maintenance().disarm(a.memberId, a.type), this,
                         [this, remaining, failures](const EtcdResult<AlarmList> &d) {
                             if (!d.ok())
                                 *failures << d.error().toString();
                             if (--*remaining == 0)
                                 done(QStringLiteral("disarm"), failures->isEmpty(),
                                      failures->isEmpty() ? tr("Alarms disarmed.")
                                                          : tr("Some alarms stay: %1").arg(failures->join(QStringLiteral("; "))));
                         });
        }
    });
}

} // namespace etcd::ui
