// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "format/structuraldiff.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace etcd::ui {

// What changed between two versions of a JSON or YAML value, field by field (structuralDiff on a
// worker thread): one row per field with its path, before and after. Optionally offers to put one
// selected field back as it was before; whoever shows it does the restoring.
class FieldChangesView : public QWidget
{
    Q_OBJECT
public:
    explicit FieldChangesView(QWidget *parent = nullptr);

    // Compare `before` with `after`; a newer call wins over one still running.
    void compare(const QByteArray &before, const QByteArray &after);
    bool isComparing() const { return m_comparing; }
    const StructuralDiff &result() const { return m_result; }
    // Both versions are documents with fields (else the list is empty and says why).
    bool isStructured() const { return m_result.ok && m_result.structured; }

    // "Restore this field": shown with this tooltip; enabled when a row is selected and `enabled`.
    void setRestore(bool enabled, const QString &toolTip);
    QString selectedPath() const;
    void selectPath(const QString &path);
    QTreeWidget *list() const { return m_list; }
    QPushButton *restoreButton() const { return m_restore; }

Q_SIGNALS:
    void compared();
    void restoreRequested(const QString &path);

private:
    void show(const StructuralDiff &diff);
    void updateRestore();

    QTreeWidget *m_list = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_restore = nullptr;
    StructuralDiff m_result;
    bool m_comparing = false;
    bool m_restoreAllowed = false;
    int m_generation = 0;
};

} // namespace etcd::ui
