// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "keys/bulkoperationdialog.h"
#include "state/operations/keyoperations.h"

#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;

namespace etcd::ui {

class OperationReportView;

// Deletes one key or every key under a prefix, the careful way (architecture: safety of writes).
//
// One key: a compare-and-delete on the mod revision the user saw (`modRevision`; 0: the dialog
// reads the key first and shows the revision it will compare). If the key changed meanwhile,
// nothing is deleted and the dialog says so.
//
// A folder: the dialog counts the keys first (remembering the count's revision), says how many
// will go, and enables Delete only once the prefix is typed exactly as shown (displayKey form).
// The delete leaves every key created or changed after the count in place, shows progress, can be
// stopped between two transactions, and ends with a report of every key deleted or left alone.
//
// Nothing blocks: every etcd call continues through whenFinished. On a read-only connection the
// Delete button is disabled with the reason. Stopping and closing behave as in every bulk dialog
// (BulkOperationDialog). Tests drive it without exec() through the accessors below.
class DeleteDialog : public BulkOperationDialog
{
    Q_OBJECT
public:
    enum class State {
        Loading,     // counting the keys (folder) or reading the key's revision (modRevision 0)
        Ready,       // waiting for the user's confirmation
        Deleting,    // running; Stop is available
        Done,        // finished: the result (and, for a folder, the report) is shown
        Unavailable, // nothing can be deleted: no such keys, or they could not be read
    };
    Q_ENUM(State)

    DeleteDialog(EtcdClient *client, const QByteArray &keyOrPrefix, bool isFolder, qint64 modRevision,
                 QWidget *parent = nullptr);
    ~DeleteDialog() override;

    State state() const { return m_state; }
    bool isFolder() const { return m_folder; }
    QByteArray keyOrPrefix() const { return m_key; }
    qint64 keyCount() const { return m_count; }    // folder: keys counted
    qint64 seenRevision() const { return m_seen; } // folder: the count's revision; key: the revision compared
    QString headline() const;                      // the main sentence, plain text
    QString statusText() const;                    // the line under it (errors, what happened)
    const OperationReport &report() const { return m_report; }

    QPushButton *deleteButton() const { return m_delete; }
    QLineEdit *confirmEdit() const { return m_confirm; }
    OperationReportView *reportView() const { return m_reportView; }

    // What the Delete button does (nothing while it is disabled). Stop and Close: BulkOperationDialog.
    void startDelete();

Q_SIGNALS:
    // Each time a delete ends: with what it did, or (report.error set, nothing deleted) why it could
    // not start. (An overload of QDialog::finished(int), which still reports the dialog's closing.)
    void finished(const etcd::OperationReport &report);

private:
    void load();
    void setState(State state);
    void setHeadline(const QString &html);
    void setStatus(const QString &text, bool error);
    void updateButtons();
    void onDeleted(const EtcdResult<OperationReport> &result);
    QString keyHtml() const;

    QPointer<EtcdClient> m_client;
    QByteArray m_key;
    bool m_folder = false;
    State m_state = State::Loading;
    qint64 m_count = 0;
    qint64 m_seen = 0;
    OperationReport m_report;

    QLabel *m_headline = nullptr;
    QLabel *m_explanation = nullptr;
    QLabel *m_readOnly = nullptr;
    QLabel *m_confirmLabel = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_status = nullptr;
    OperationReportView *m_reportView = nullptr;
    QPushButton *m_delete = nullptr;
};

} // namespace etcd::ui
