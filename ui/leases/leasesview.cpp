// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "leases/leasesview.h"

#include "common/icons.h"
#include "leases/leasesmodel.h"
#include "format/valueformat.h"

#include "client/continuation.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace etcd::ui {

LeasesView::LeasesView(EtcdClient *client, QWidget *parent) : QWidget(parent), m_client(client)
{
    m_monitor = new LeaseMonitor(client, 1000, this);
    m_model = new LeasesModel(m_monitor, this);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("leasesTable"));
    m_table->setModel(m_model);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &LeasesView::updateStatus);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int x = fontMetrics().horizontalAdvance(QLatin1Char('x'));
    const int widths[] = {20, 12, 10, 8};
    for (int c = 0; c < LeasesModel::Keys; ++c)
        m_table->horizontalHeader()->resizeSection(c, widths[c] * x);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LeasesView::showKeys);
    m_interestTimer.setSingleShot(true);
    m_interestTimer.setInterval(100);
    connect(&m_interestTimer, &QTimer::timeout, this, &LeasesView::updateInterest);
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, &LeasesView::scheduleInterest);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &LeasesView::scheduleInterest);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LeasesView::scheduleInterest);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &LeasesView::scheduleInterest);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LeasesView::scheduleInterest);

    m_keysTitle = new QLabel(tr("Keys of the selected lease"), this);
    m_keys = new QListWidget(this);
    m_keys->setObjectName(QStringLiteral("leaseKeys"));
    auto *keysPane = new QWidget(this);
    auto *keysLayout = new QVBoxLayout(keysPane);
    keysLayout->setContentsMargins(0, 0, 0, 0);
    keysLayout->addWidget(m_keysTitle);
    keysLayout->addWidget(m_keys, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_table);
    splitter->addWidget(keysPane);
    splitter->setSizes({640, 360});

    m_ttl = new QSpinBox(this);
    m_ttl->setRange(1, 30 * 24 * 3600);
    m_ttl->setValue(60);
    m_ttl->setSuffix(tr(" s"));
    m_grant = new QPushButton(icon(QStringLiteral("lease")), tr("Grant lease"), this);
    m_grant->setObjectName(QStringLiteral("grantButton"));
    connect(m_grant, &QPushButton::clicked, this, [this] { grant(m_ttl->value()); });
    m_revoke = new QPushButton(icon(QStringLiteral("delete")), tr("Revoke…"), this);
    m_revoke->setObjectName(QStringLiteral("revokeButton"));
    m_revoke->setToolTip(tr("Revoke the selected lease: etcd deletes every key attached to it"));
    connect(m_revoke, &QPushButton::clicked, this, &LeasesView::revokeSelected);
    const bool writable = m_client && !m_client->isReadOnly();
    for (QWidget *w : {static_cast<QWidget *>(m_ttl), static_cast<QWidget *>(m_grant), static_cast<QWidget *>(m_revoke)}) {
        w->setEnabled(writable);
        if (!writable)
            w->setToolTip(tr("Read-only connection: leases cannot be granted or revoked from here"));
    }
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("leasesStatus"));
    m_status->setText(tr("Listing leases…"));

    auto *actions = new QHBoxLayout;
    actions->addWidget(new QLabel(tr("TTL"), this));
    actions->addWidget(m_ttl);
    actions->addWidget(m_grant);
    actions->addSpacing(16);
    actions->addWidget(m_revoke);
    actions->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(actions);
    layout->addWidget(m_status);

    connect(m_monitor, &LeaseMonitor::loaded, this, [this] {
        updateStatus();
        Q_EMIT loaded();
    });
    connect(m_monitor, &LeaseMonitor::leaseAdded, this, &LeasesView::updateStatus);
    connect(m_monitor, &LeaseMonitor::leaseRemoved, this, &LeasesView::updateStatus);
    connect(m_monitor, &LeaseMonitor::leaseChanged, this, [this](qint64 id) {
        if (id == selectedLease())
            showKeys();
    });
    connect(m_monitor, &LeaseMonitor::healthChanged, this, &LeasesView::updateStatus);
}

void LeasesView::start()
{
    m_monitor->start();
}

void LeasesView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateInterest();
}

void LeasesView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateInterest(); // nobody looks: nothing is read for this view
}

void LeasesView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    scheduleInterest();
}

void LeasesView::scheduleInterest()
{
    if (!m_interestTimer.isActive())
        m_interestTimer.start();
}

void LeasesView::updateInterest()
{
    QSet<qint64> ids;
    if (isVisible()) {
        const int rows = m_model->rowCount();
        int first = m_table->rowAt(0);
        int last = m_table->rowAt(m_table->viewport()->height() - 1);
        if (first < 0)
            first = 0;
        if (last < 0)
            last = rows - 1;
        for (int row = first; row <= last && row < rows; ++row)
            ids.insert(m_model->leaseAt(row));
        if (const qint64 selected = selectedLease())
            ids.insert(selected);
    }
    m_monitor->setInterest(QStringLiteral("leases view"), ids);
}

QString LeasesView::statusText() const
{
    return m_status->text();
}

qint64 LeasesView::selectedLease() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_model->leaseAt(current.row()) : 0;
}

void LeasesView::selectLease(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0)
        m_table->setCurrentIndex(m_model->index(row, 0));
}

void LeasesView::showKeys()
{
    m_keys->clear();
    const LeaseInfo *info = m_monitor->lease(selectedLease());
    if (!info) {
        m_keysTitle->setText(tr("Keys of the selected lease"));
        return;
    }
    m_keysTitle->setText(tr("%n key(s) attached to lease %1", nullptr, int(info->keys.size())).arg(info->id, 0, 16));
    for (const QByteArray &key : info->keys)
        m_keys->addItem(displayKey(key));
}

void LeasesView::updateStatus()
{
    const int soon = m_model->expiringSoonCount(); // the rows highlighted, counted the same way
    QString s = tr("%n lease(s)", nullptr, int(m_monitor->leases().size()));
    if (soon > 0)
        s += tr(" · %n about to expire (highlighted)", nullptr, soon);
    const int unread = m_monitor->unreadCount();
    if (unread > 0)
        s += tr(" · reading %n more", nullptr, unread);
    s += tr(" · rows on screen read every %1 s, the rest in a slow rotation").arg(LeaseMonitor::kInterestRefreshMs / 1000);
    if (!m_action.isEmpty())
        s += QStringLiteral(" · ") + m_action;
    if (m_monitor->troubleSince().isValid()) {
        // Say the table is not live, and since when: TTLs and keys are as of the last answers.
        s = tr("NOT LIVE since %1 (%2): TTLs and keys as last read · ")
                .arg(m_monitor->troubleSince().toString(QStringLiteral("HH:mm:ss")), m_monitor->lastError().plainReason()) +
            s;
    }
    m_status->setText(s);
}

void LeasesView::grant(qint64 ttlSeconds)
{
    if (!m_client || m_client->isReadOnly())
        return;
    whenFinished(m_monitor->grant(ttlSeconds), this, [this](const EtcdResult<LeaseGrant> &r) {
        m_action = r.ok() ? tr("Granted lease %1 with a TTL of %2 s (nothing keeps it alive)").arg(r->id, 0, 16).arg(r->ttl)
                          : tr("Not granted: %1").arg(r.error().toString());
        updateStatus();
    });
}

void LeasesView::revokeSelected()
{
    const qint64 id = selectedLease();
    if (!m_client || m_client->isReadOnly() || !m_monitor->lease(id))
        return;
    // Ask with the keys attached right now, not as of the last poll.
    whenFinished(m_client->lease().timeToLive(id, true), this, [this, id](const EtcdResult<LeaseTimeToLive> &r) {
        if (!r.ok() || r->ttl < 0) {
            m_action = r.ok() ? tr("Lease %1 is already gone").arg(id, 0, 16) : tr("Cannot read lease %1: %2").arg(id, 0, 16).arg(r.error().toString());
            updateStatus();
            return;
        }
        QString question = tr("Revoke lease %1?").arg(id, 0, 16);
        if (!r->keys.isEmpty())
            question += QLatin1Char(' ') + tr("etcd deletes the %n key(s) attached to it, such as %1.", nullptr, int(r->keys.size()))
                                               .arg(displayKey(r->keys.first()));
        else
            question += QLatin1Char(' ') + tr("No key is attached to it.");
        const bool yes = m_confirm ? m_confirm(question)
                                   : QMessageBox::question(this, tr("Revoke lease"), question) == QMessageBox::Yes;
        if (!yes)
            return;
        whenFinished(m_monitor->revoke(id), this, [this, id](const EtcdResult<ResponseHeader> &done) {
            m_action = done.ok() ? tr("Revoked lease %1").arg(id, 0, 16) : tr("Not revoked: %1").arg(done.error().toString());
            updateStatus();
        });
    });
}

} // namespace etcd::ui
