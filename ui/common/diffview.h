// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/textdiff.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace etcd::ui {

class DiffTextEdit;

// A read-only unified diff: old and new line numbers in a gutter, added lines tinted green and
// removed ones red (tints mixed from the palette, so they read on light and dark themes), and a
// header "old → new  +N −M". Long unchanged stretches fold to a "⋯ N unchanged lines" row unless
// "Show all lines" is on.
class DiffView : public QWidget
{
    Q_OBJECT
public:
    explicit DiffView(QWidget *parent = nullptr);

    // Compares on a worker thread, so a big value never freezes the window; the header says
    // "Comparing…" meanwhile. A newer call wins over an older one still running.
    void setTexts(const QString &a, const QString &b, const QString &aTitle, const QString &bTitle);
    // Shows lines compared elsewhere, at once.
    void setLines(const QVector<DiffLine> &lines, const QString &aTitle, const QString &bTitle);
    void setShowAllLines(bool all);

    bool isComparing() const { return m_comparing; }
    const QVector<DiffLine> &lines() const { return m_lines; }
    DiffStats stats() const { return m_stats; }
    QString headerText() const; // the header as plain text
    QPlainTextEdit *textView() const;

Q_SIGNALS:
    void compared(); // the result of the last setTexts() is shown

protected:
    void changeEvent(QEvent *event) override;

private:
    void showLines();
    void updateHeader();

    QLabel *m_header = nullptr;
    QToolButton *m_showAll = nullptr;
    DiffTextEdit *m_edit = nullptr;
    QVector<DiffLine> m_lines;
    DiffStats m_stats;
    QString m_aTitle;
    QString m_bTitle;
    quint64 m_generation = 0; // drops results of superseded comparisons
    bool m_comparing = false;
};

} // namespace etcd::ui
