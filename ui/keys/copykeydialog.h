// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "keys/bulkoperationdialog.h"
#include "state/operations/operationreport.h"

#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace etcd::ui {

// Copy or rename (move) one key, or every key under a folder, with KeyOperations::copy: each key is
// written only if it is still as the user saw it (the revision of the dialog's own count) and
// nothing exists at its destination; what was left alone is reported key by key, with why. A run
// can be stopped between two transactions; the report of what was done still arrives and is shown
// in the dialog (stopping and closing as in every bulk dialog: BulkOperationDialog).
//
// For a folder, `source` is the prefix with its trailing delimiter ("/a/"): without it, "/a" would
// take "/ab" along too.
class CopyKeyDialog : public BulkOperationDialog
{
    Q_OBJECT
public:
    enum class Mode { Copy, Rename };

    CopyKeyDialog(EtcdClient *client, const QByteArray &source, bool isFolder, QWidget *parent = nullptr);
    ~CopyKeyDialog() override;

    QByteArray source() const { return m_source; }
    bool isFolder() const { return m_isFolder; }
    Mode mode() const;
    void setMode(Mode mode);
    void setDestinationText(const QString &text); // as keys are typed: displayKey, \xNN
    QByteArray destination(bool *ok = nullptr) const;

    bool isCounting() const { return m_counting; }
    bool hasReport() const { return m_hasReport; }
    qint64 keyCount() const { return m_count; } // -1 until counted
    qint64 seenRevision() const { return m_seenRevision; }
    const OperationReport &report() const { return m_report; }
    QString explanationText() const;
    QString statusText() const;
    bool canStart() const;

    void start();
    OperationReportView *reportView() const { return m_reportView; }

Q_SIGNALS:
    // Hides QDialog::finished(int) by name: connect to QDialog::finished explicitly for that one.
    void finished(const etcd::OperationReport &report);

private:
    void count();
    void updateState();
    QString problem() const;      // why the run cannot start now (empty when it can)
    QString inputProblem() const; // the part of it that the user can fix by typing
    QString explanation(bool rename) const;
    void onFinished(const EtcdResult<OperationReport> &result);
    void onRunningChanged(bool running) override;
    QByteArray destinationOf(const QByteArray &sourceKey) const;
    void setStatus(const QString &text, bool error);

    QPointer<EtcdClient> m_client;
    QByteArray m_source;
    bool m_isFolder = false;
    qint64 m_count = -1;
    qint64 m_seenRevision = 0;
    bool m_counting = false;
    bool m_hasReport = false;
    QByteArray m_runDestination;
    bool m_runRename = false;
    OperationReport m_report;

    QLabel *m_banner = nullptr;
    QLabel *m_sourceLabel = nullptr;
    QRadioButton *m_copyRadio = nullptr;
    QRadioButton *m_renameRadio = nullptr;
    QLineEdit *m_destEdit = nullptr;
    QLabel *m_explain = nullptr;
    OperationReportView *m_reportView = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_runButton = nullptr;
};

} // namespace etcd::ui
