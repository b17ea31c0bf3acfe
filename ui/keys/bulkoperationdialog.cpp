// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/bulkoperationdialog.h"

#include <QPushButton>

namespace etcd::ui {

BulkOperationDialog::BulkOperationDialog(QWidget *parent) : QDialog(parent)
{
    m_progress = new OperationProgress(this);
    m_progress->hide();
    connect(m_progress, &OperationProgress::stopRequested, this, &BulkOperationDialog::stop);
    m_close = new QPushButton(tr("Cancel"), this);
    m_close->setObjectName(QStringLiteral("closeButton"));
    m_close->setAutoDefault(false);
    connect(m_close, &QPushButton::clicked, this, &BulkOperationDialog::reject);
}

BulkOperationDialog::~BulkOperationDialog()
{
    // Nobody is left to see the outcome: stop between two transactions rather than run on unseen.
    if (m_running)
        m_stop.requestStop();
}

QString BulkOperationDialog::stoppingText() const
{
    return tr("Stopping after the transaction in flight…");
}

void BulkOperationDialog::stop()
{
    if (!m_running || !m_stoppable)
        return;
    m_stop.requestStop();
    m_progress->setStopping(stoppingText());
}

void BulkOperationDialog::reject()
{
    if (m_running) {
        stop(); // what was done must still reach the user: the dialog stays open for it
        return;
    }
    QDialog::reject();
}

void BulkOperationDialog::beginRun(bool stoppable)
{
    m_running = true;
    m_stoppable = stoppable;
    m_progress->setStopEnabled(stoppable);
    m_progress->stopButton()->setVisible(stoppable);
    m_progress->show();
    m_close->setEnabled(false);
    onRunningChanged(true);
    Q_EMIT runningChanged(true);
}

void BulkOperationDialog::endRun()
{
    m_running = false;
    m_progress->hide();
    m_close->setEnabled(true);
    m_close->setText(tr("Close"));
    m_close->setDefault(true);
    onRunningChanged(false);
    Q_EMIT runningChanged(false);
}

} // namespace etcd::ui
