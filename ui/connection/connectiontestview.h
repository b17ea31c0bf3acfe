// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/profiles/connectiontester.h"

#include <QFrame>

class QLabel;
class QProgressBar;

namespace etcd::ui {

// The "Connection test" box of the connection dialog: what a test is about to do, is doing, or
// found (version, leader, members, auth, round trip; or the failure, a hint and the other
// endpoints' problems), in a layout a person can read at a glance.
class ConnectionTestView : public QFrame
{
    Q_OBJECT
public:
    explicit ConnectionTestView(QWidget *parent = nullptr);

    void showIdle();
    void showRunning(const QStringList &endpoints);
    void showCancelled();
    void showReport(const ConnectionTestReport &report);

    QString text() const { return m_text; } // plain text of what is shown
    static QString html(const ConnectionTestReport &report);

private:
    QLabel *m_label = nullptr;
    QProgressBar *m_busy = nullptr;
    QString m_text;
};

} // namespace etcd::ui
