// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/continuation.h"
#include "common/operationreportview.h"
#include "state/operations/operationreport.h"

#include <QDialog>
#include <QFuture>

#include <type_traits>

class QPushButton;

namespace etcd::ui {

// What the key browser's bulk operation dialogs (delete, import, copy/rename, export) share, so
// that they behave alike:
// - one run at a time, followed by an OperationProgress (text, bar, Stop when the run can stop
//   between two transactions); nothing blocks;
// - Stop, Escape, the window's close button and Close during a run all mean the same: stop between
//   two transactions and stay open until the outcome of what was done is in and shown;
// - when a run ends, however it ends, the dialog stays open and shows its outcome; Close (now the
//   default button) closes it;
// - a dialog destroyed during a run stops it rather than let it run on unseen.
class BulkOperationDialog : public QDialog
{
    Q_OBJECT
public:
    ~BulkOperationDialog() override;

    bool isRunning() const { return m_running; }
    // Between two transactions; the outcome still arrives and is shown. No-op when not stoppable.
    // A subclass may also stop work of its own that is not a run (a preview, say).
    virtual void stop();
    void reject() override; // during a run: stop(), and stay open for the outcome

    OperationProgress *progress() const { return m_progress; }
    QPushButton *closeButton() const { return m_close; }

Q_SIGNALS:
    void runningChanged(bool running);

protected:
    explicit BulkOperationDialog(QWidget *parent = nullptr);

    // Start a run: `start(stopToken)` returns its future (a run that honours the token when
    // `stoppable`). Progress is shown and Close is off until `done(result)` runs on this thread;
    // then Close is the way out.
    template<typename Start, typename Fn> void run(const QString &progressText, bool stoppable, Start start, Fn done)
    {
        m_stop = StopToken(); // a fresh token for every run
        const auto future = start(m_stop);
        m_progress->follow(future, progressText);
        beginRun(stoppable);
        using Result = std::decay_t<decltype(future.result())>;
        whenFinished(future, this, [this, done](const Result &result) {
            endRun();
            done(result);
        });
    }
    // Said while the run winds down after Stop.
    virtual QString stoppingText() const;
    // Called when a run starts or ends; subclasses enable and disable their inputs here.
    virtual void onRunningChanged(bool running) { Q_UNUSED(running) }

private:
    void beginRun(bool stoppable);
    void endRun();

    OperationProgress *m_progress = nullptr;
    QPushButton *m_close = nullptr;
    StopToken m_stop;
    bool m_running = false;
    bool m_stoppable = false;
};

} // namespace etcd::ui
