// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "keys/bulkoperationdialog.h"
#include "state/operations/keyimport.h"

#include <QFuture>
#include <QPointer>

#include <optional>

class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTimer;

namespace etcd::ui {

class OperationReportView;

// Imports an export file (state/exportformat.h). Choosing a file previews it at once: how many of
// its keys are new, identical or different in etcd now, or a clear error with the position in the
// file when it is malformed. Keys may be re-rooted under another prefix (the preview is redone when
// it changes). Two modes, explained in the dialog: Create only (existing keys are left alone) and
// Overwrite (replace what is there now, but only where it is still what the preview saw). The
// import shows progress, can be stopped, and ends with a report of every key.
//
// Previews are reads and work on read-only connections; Import is then disabled with the reason.
// Nothing blocks; tests drive it without exec() or native file dialogs through the accessors.
class ImportDialog : public BulkOperationDialog
{
    Q_OBJECT
public:
    enum class State {
        NoPreview,  // no file yet, or it could not be read (statusText() says why)
        Previewing, // reading the file and comparing it with etcd
        Ready,      // the preview is shown; Import is available (unless read-only or nothing to write)
        Importing,  // running; Stop is available
        Done,       // the report is shown
    };
    Q_ENUM(State)

    explicit ImportDialog(EtcdClient *client, QWidget *parent = nullptr);
    ~ImportDialog() override;

    State state() const { return m_state; }
    const ImportPreview &preview() const { return m_preview; } // the one shown (state Ready and later)
    const OperationReport &report() const { return m_report; }
    ImportMode mode() const;
    QString statusText() const;
    QString previewText() const; // the preview's facts as shown, plain text

    QLineEdit *fileEdit() const { return m_file; }
    QCheckBox *reRootCheck() const { return m_reRoot; }
    QLineEdit *targetEdit() const { return m_target; }
    QRadioButton *createOnlyButton() const { return m_createOnly; }
    QRadioButton *overwriteButton() const { return m_overwrite; }
    QPushButton *importButton() const { return m_import; }
    OperationReportView *reportView() const { return m_reportView; }

    // What a person does with the widgets, in one call each. Both setters preview (again) at once.
    void setFilePath(const QString &path);
    void setTargetPrefix(const std::optional<QByteArray> &prefix); // nullopt: where the keys came from
    void setMode(ImportMode mode);
    void startImport();     // what the Import button does (nothing while it is disabled)
    void stop() override;   // also stops a preview under way
    void reject() override; // a preview stops; an import stops and the dialog stays for its report

Q_SIGNALS:
    void previewChanged(); // a preview or a preview error is shown
    // Each time an import ends: with what it did, or (report.error set, nothing written) why it could not.
    // (An overload of QDialog::finished(int), which still reports the dialog's closing.)
    void finished(const etcd::OperationReport &report);

private:
    void startPreview();
    void onPreview(const EtcdResult<ImportPreview> &result);
    void showPreview();
    void onImported(const EtcdResult<OperationReport> &result);
    void setState(State state);
    void setStatus(const QString &text, bool error);
    void updateButtons();
    int keysToWrite() const;

    QPointer<EtcdClient> m_client;
    State m_state = State::NoPreview;
    ImportPreview m_preview;
    OperationReport m_report;
    QFuture<EtcdResult<ImportPreview>> m_previewFuture;
    quint64 m_previewGeneration = 0; // an answer for an older file or target is dropped
    bool m_stale = false;            // the target was edited since the preview shown

    QLineEdit *m_file = nullptr;
    QPushButton *m_browse = nullptr;
    QCheckBox *m_reRoot = nullptr;
    QLineEdit *m_target = nullptr;
    QTimer *m_targetTimer = nullptr;
    QGroupBox *m_previewBox = nullptr;
    QLabel *m_previewLabel = nullptr;
    QLabel *m_leaseWarning = nullptr;
    QGroupBox *m_modeBox = nullptr;
    QRadioButton *m_createOnly = nullptr;
    QRadioButton *m_overwrite = nullptr;
    QLabel *m_createOnlyText = nullptr;
    QLabel *m_overwriteText = nullptr;
    QLabel *m_status = nullptr;
    OperationReportView *m_reportView = nullptr;
    QPushButton *m_import = nullptr;
};

} // namespace etcd::ui
