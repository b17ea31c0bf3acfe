// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/schemas/schemacatalog.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace etcd::ui {

// What a schema check found wrong with the editor's value: one row per problem (where, what),
// the schema that says so, the keywords it could not check, and "Save anyway", the one way to
// save a value despite its problems. Activating a row asks to show that place in the text.
// The editor decides when saving anyway is allowed (the text is still the one checked).
class SchemaPanel : public QFrame
{
    Q_OBJECT
public:
    explicit SchemaPanel(QWidget *parent = nullptr);

    // Lists an Invalid verdict's problems and shows the panel.
    void showProblems(const SchemaVerdict &verdict);
    // The text changed after the check: the rows stay (they help fixing), saving anyway is off.
    void setStale();
    void clearProblems(); // and hide

    const SchemaVerdict &verdict() const { return m_verdict; }
    bool isStale() const { return m_stale; }
    int problemCount() const;
    QString problemPath(int row) const;
    QString problemText(int row) const;
    QPushButton *saveAnywayButton() const { return m_saveAnyway; }
    QTreeWidget *problemList() const { return m_list; }

    static QString problemsText(int count); // "1 problem", "3 problems"

Q_SIGNALS:
    void saveAnywayClicked();
    void pathActivated(const QString &path);

private:
    SchemaVerdict m_verdict;
    bool m_stale = false;
    QLabel *m_header = nullptr;
    QLabel *m_unchecked = nullptr;
    QPushButton *m_saveAnyway = nullptr;
    QPushButton *m_hide = nullptr;
    QTreeWidget *m_list = nullptr;
};

} // namespace etcd::ui
