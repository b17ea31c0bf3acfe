// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "format/valueformat.h"

#include <QObject>
#include <QPointer>
#include <QTextBlock>

#include <memory>

class QTextDocument;
class QTimer;

namespace etcd::ui {

class ValueHighlighter;

// Highlights the lines of a document that are about to be painted, and no others. A
// QSyntaxHighlighter highlights the whole document when it is set and again after an edit while
// line states change: for a 1.5 MiB value that is seconds on the GUI thread, and its formats make
// Qt lay out every line again. Here a paint costs a screenful of lines, whatever the size.
//
// A YAML line's colours depend on the lines before it (block scalars, quotes over lines): their
// states are computed in order, without formats, up to the first line on screen; a long way (a jump
// to the end of a big document) is walked in slices between events, the lines on screen coloured
// from a guessed state meanwhile and again once the walk reaches them.
//
// Lines longer than kMaxLine are not coloured: their layout with hundreds of format ranges costs
// more than the colours help.
class ViewportHighlighter : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxLine = 10000;

    ViewportHighlighter(ValueFormat format, QTextDocument *document, QObject *parent = nullptr);
    ~ViewportHighlighter() override;

    // Colours `count` blocks from `first` (the blocks a paint is about to show) that are not
    // coloured yet; changes their layouts' formats, so call it before they are drawn.
    void highlight(const QTextBlock &first, int count);
    // How many blocks have colours (for tests: it must stay about a screenful).
    int highlightedBlocks() const;
    // The document is about to go: the destructor leaves it as it is instead of taking the colours
    // off every block.
    void abandon();

Q_SIGNALS:
    // The state walk reached the lines on screen: paint them again, with their colours.
    void repaintNeeded();

private:
    void onContentsChange(int position, int removed, int added);
    // Computes the states of the blocks before block number `target`; false when the time budget
    // ran out first.
    bool walkStates(int target, qint64 budgetNs);
    bool formatBlock(QTextBlock block); // true when its layout changed

    QPointer<QTextDocument> m_document;
    std::unique_ptr<ValueHighlighter> m_lines;
    bool m_stateful = false;
    int m_validBefore = 0; // block number: the states of the blocks before it are right
    int m_walkTarget = 0;  // where the walk between events is going
    QTimer *m_walk = nullptr;
};

} // namespace etcd::ui
