// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QFrame>

class QLabel;

namespace etcd::ui {

// A small titled figure for a dashboard row: "LEADER / m2 / term 4 · since 12:03:18".
class SummaryCard : public QFrame
{
    Q_OBJECT
public:
    SummaryCard(const QString &title, QWidget *parent = nullptr);
    void setValue(const QString &value, const QString &detail = {});
    QString value() const;

private:
    QLabel *m_value = nullptr;
    QLabel *m_detail = nullptr;
};

} // namespace etcd::ui
