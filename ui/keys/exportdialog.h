// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "keys/bulkoperationdialog.h"
#include "state/operations/keyexport.h"

#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QWidget;

namespace etcd::ui {

// Writes every key under a prefix to an export file (state/exportformat.h): the prefix (prefilled,
// in displayKey form) and the file are plain line edits, so tests need no native file dialog
// (Browse… offers one to people). The export runs on a worker thread with progress and Stop; a
// stopped or failed export leaves no file. The end shows keys, bytes, revision and file. An export
// is a read: it works on read-only connections too.
class ExportDialog : public BulkOperationDialog
{
    Q_OBJECT
public:
    enum class State {
        Editing,   // choosing the prefix and the file (also after a failed or stopped export)
        Exporting, // running; Stop is available
        Done,      // the file is written; the summary is shown
    };
    Q_ENUM(State)

    ExportDialog(EtcdClient *client, const QByteArray &prefix, QWidget *parent = nullptr);
    ~ExportDialog() override;

    State state() const { return m_state; }
    const ExportSummary &summary() const { return m_summary; }
    QString statusText() const;
    QString summaryText() const; // the finished export's facts, one per line

    QLineEdit *prefixEdit() const { return m_prefix; }
    QLineEdit *fileEdit() const { return m_file; }
    QPushButton *exportButton() const { return m_export; }

    void setFilePath(const QString &path);
    void startExport(); // what the Export button does (nothing while it is disabled)

Q_SIGNALS:
    void exported(const etcd::ExportSummary &summary); // a complete file was written
    void stateChanged();

private:
    void setState(State state);
    QString stoppingText() const override;
    void setStatus(const QString &text, bool error);
    void validate();
    void countSoon();
    void onExported(const EtcdResult<ExportSummary> &result);
    static QString suggestedPath(const QByteArray &prefix);

    QPointer<EtcdClient> m_client;
    State m_state = State::Editing;
    ExportSummary m_summary;
    quint64 m_countGeneration = 0; // drops a count answer for a prefix that was edited since

    QLineEdit *m_prefix = nullptr;
    QLabel *m_count = nullptr;
    QLineEdit *m_file = nullptr;
    QPushButton *m_browse = nullptr;
    QLabel *m_fileNote = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_form = nullptr;
    QLabel *m_result = nullptr;
    QTimer *m_countTimer = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace etcd::ui
