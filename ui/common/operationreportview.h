// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/operations/operationreport.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace etcd::ui {

class ReportRowsModel;

// What a bulk key operation did, for the person who started it: a one-line verdict with the counts
// (done / unchanged / skipped / failed, complete or stopped early and why), and a table of keys with
// what happened to each and why, problems first. The table shows at most maxRows keys ("… and N
// more" after them); "Copy as text" always copies every key.
class OperationReportView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int maxRows = 2000;

    explicit OperationReportView(QWidget *parent = nullptr);

    void setReport(const OperationReport &report);
    // The "why" of a key that was handled (a copy's destination, say); none by default. Set before
    // setReport().
    void setDoneDetail(std::function<QString(const QByteArray &key)> detail) { m_doneDetail = std::move(detail); }
    const OperationReport &report() const { return m_report; }

    QString summaryText() const; // the verdict line as shown (plain text)
    QString detailText() const;  // the error or stop reason under it, if any
    int shownRows() const;       // key rows in the table (without the "… and N more" row)
    int hiddenRows() const;      // keys left out of the table
    // Every key with its outcome and reason, problems first, as tab-separated lines under a header.
    QString reportText() const;

private:
    OperationReport m_report;
    std::function<QString(const QByteArray &)> m_doneDetail;
    ReportRowsModel *m_model = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_detail = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_copy = nullptr;
};

// A running operation's progress: its text ("Deleted 500 of 5,000 keys"), a bar and a Stop button.
// follow() tracks any QFuture's progress through a watcher (never waiting on it); Stop only emits
// stopRequested(): the owner decides what stopping means (a StopToken, or cancelling the future).
class OperationProgress : public QWidget
{
    Q_OBJECT
public:
    explicit OperationProgress(QWidget *parent = nullptr);

    template<typename T> void follow(const QFuture<T> &future, const QString &startText)
    {
        auto *watcher = new QFutureWatcher<T>(this);
        connectWatcher(watcher, startText);
        watcher->setFuture(future);
    }
    // Shown while the operation winds down after Stop; the button stays disabled until the next follow().
    void setStopping(const QString &text);
    void setStopEnabled(bool enabled);
    QString text() const;
    QPushButton *stopButton() const { return m_stop; }

Q_SIGNALS:
    void stopRequested();

private:
    void connectWatcher(QFutureWatcherBase *watcher, const QString &startText);

    QFutureWatcherBase *m_watcher = nullptr;
    bool m_stopping = false; // the operation's own progress text must not replace "Stopping…"
    QLabel *m_text = nullptr;
    QProgressBar *m_bar = nullptr;
    QPushButton *m_stop = nullptr;
};

// Shared by the key operation dialogs.
// A key or prefix in its displayKey form, shortened in the middle when too long for a sentence.
QString shortDisplayKey(const QByteArray &key);
// The blue "read-only connection" banner, saying what cannot be done from here.
QLabel *readOnlyBanner(const QString &text, QWidget *parent);

} // namespace etcd::ui
