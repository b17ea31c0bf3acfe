// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace etcd::ui {

// A strip across the top of a window that says something about the whole connection ("this is a
// sandbox", "connection lost, reconnecting"), with an optional action button. Hidden when empty.
class Banner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Info, Sandbox, Warning, Error, Success };

    explicit Banner(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &html, const QString &actionText = {});
    void clear();
    Kind kind() const { return m_kind; }
    QString text() const; // plain text, for tests and screenshots

Q_SIGNALS:
    void actionTriggered();

private:
    QLabel *m_label;
    QPushButton *m_action;
    Kind m_kind = Kind::Info;
};

} // namespace etcd::ui
