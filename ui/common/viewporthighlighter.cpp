// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "common/viewporthighlighter.h"

#include "common/syntaxhighlighter.h"

#include <QElapsedTimer>
#include <QTextDocument>
#include <QTextLayout>
#include <QTimer>

#include <algorithm>

namespace etcd::ui {

namespace {

// A block's user state, ours alone (no QSyntaxHighlighter runs on the document): -1 when nothing is
// known, else the state the line leaves (<< 2) and two flags.
constexpr int kFormatted = 1; // its layout has the colours for its text and start state
constexpr int kGuessed = 2;   // ...coloured from a guessed start state (the walk had not come so far)

int endState(int userState)
{
    return userState < 0 ? 0 : userState >> 2;
}

// Drops a block's colours and lays it out again without them (a block without any is left alone:
// it may be a line too long to lay out for nothing).
void uncolour(QTextDocument *document, QTextBlock block)
{
    if (block.layout()->formats().isEmpty())
        return;
    block.layout()->clearFormats();
    document->markContentsDirty(block.position(), block.length());
}

} // namespace

ViewportHighlighter::ViewportHighlighter(ValueFormat format, QTextDocument *document, QObject *parent)
    : QObject(parent), m_document(document), m_lines(createHighlighter(format, nullptr))
{
    // Block states start at -1 (a new document, or one whose last highlighter reset them).
    m_stateful = m_lines && m_lines->hasLineState();
    connect(document, &QTextDocument::contentsChange, this, &ViewportHighlighter::onContentsChange);
    m_walk = new QTimer(this);
    m_walk->setInterval(1); // not 0: paints and keystrokes get their turn between slices
    connect(m_walk, &QTimer::timeout, this, [this] {
        // Slices short enough that typing and scrolling go on while a big YAML document is walked.
        if (walkStates(m_walkTarget, 8'000'000)) {
            m_walk->stop();
            Q_EMIT repaintNeeded();
        }
    });
}

void ViewportHighlighter::abandon()
{
    m_document = nullptr;
}

ViewportHighlighter::~ViewportHighlighter()
{
    if (!m_document)
        return;
    for (QTextBlock b = m_document->begin(); b.isValid(); b = b.next()) {
        if (b.userState() >= 0 && (b.userState() & kFormatted))
            uncolour(m_document, b);
        b.setUserState(-1);
    }
}

void ViewportHighlighter::highlight(const QTextBlock &first, int count)
{
    if (!m_lines || !m_document || !first.isValid())
        return;
    // The states of the lines on screen first (a screenful: nothing, unless it is far down).
    if (m_stateful && !walkStates(first.blockNumber() + count, 15'000'000)) {
        m_walkTarget = first.blockNumber() + count;
        m_walk->start();
    }
    int from = -1;
    int to = -1;
    QTextBlock block = first;
    for (int i = 0; i < count && block.isValid(); ++i, block = block.next()) {
        if ((block.userState() < 0 || !(block.userState() & kFormatted)) && formatBlock(block)) {
            from = from < 0 ? block.position() : from;
            to = block.position() + block.length();
        }
    }
    // Lays the coloured lines out again (they are about to be painted); this also tells Qt that only
    // formats changed here, so that the next edit is not announced as covering them.
    if (from >= 0)
        m_document->markContentsDirty(from, to - from);
}

int ViewportHighlighter::highlightedBlocks() const
{
    int count = 0;
    if (m_document) {
        for (QTextBlock b = m_document->begin(); b.isValid(); b = b.next())
            count += b.userState() >= 0 && (b.userState() & kFormatted) ? 1 : 0;
    }
    return count;
}

bool ViewportHighlighter::formatBlock(QTextBlock block)
{
    const int number = block.blockNumber();
    int before = -1;
    bool known = true;
    if (m_stateful && number > 0) {
        const int previous = block.previous().userState();
        known = number <= m_validBefore && previous >= 0;
        before = endState(previous);
    }
    // A line too long to colour keeps its layout (laying it out again is what costs); only its state
    // is read, when the next line needs it.
    const bool tooLong = block.length() > kMaxLine;
    int state = 0;
    QVector<QTextLayout::FormatRange> formats;
    if (!tooLong)
        formats = m_lines->formatLine(block.text(), before, &state);
    else if (m_stateful)
        state = m_lines->stateAfter(block.text(), before);
    const bool relayout = !tooLong || !block.layout()->formats().isEmpty();
    if (relayout)
        block.layout()->setFormats(formats);
    const int old = block.userState();
    block.setUserState((state << 2) | kFormatted | (known ? 0 : kGuessed));
    if (m_stateful && known && number == m_validBefore) {
        ++m_validBefore;
        // The next line starts from another state: its colours, if it has any, are wrong now.
        QTextBlock next = block.next();
        if ((old < 0 || endState(old) != state) && next.isValid() && next.userState() >= 0 &&
            (next.userState() & kFormatted)) {
            uncolour(m_document, next);
            next.setUserState(next.userState() & ~(kFormatted | kGuessed));
        }
    }
    return relayout;
}

bool ViewportHighlighter::walkStates(int target, qint64 budgetNs)
{
    if (!m_stateful || m_validBefore >= target)
        return true;
    QElapsedTimer clock;
    clock.start();
    QTextBlock block = m_document->findBlockByNumber(m_validBefore);
    int before = block.previous().isValid() ? endState(block.previous().userState()) : -1;
    bool previousChanged = false;
    for (int done = 1; block.isValid() && m_validBefore < target; ++done) {
        const int old = block.userState();
        const int state = m_lines->stateAfter(block.text(), before);
        int flags = old >= 0 ? old & (kFormatted | kGuessed) : 0;
        if (flags && (previousChanged || (flags & kGuessed))) {
            uncolour(m_document, block); // coloured from another start state: coloured again when painted
            flags = 0;
        }
        previousChanged = old < 0 || endState(old) != state;
        block.setUserState((state << 2) | flags);
        before = state;
        block = block.next();
        ++m_validBefore;
        if (done % 256 == 0 && clock.nsecsElapsed() > budgetNs)
            break;
    }
    if (previousChanged && block.isValid() && block.userState() >= 0 && (block.userState() & kFormatted)) {
        uncolour(m_document, block);
        block.setUserState(block.userState() & ~(kFormatted | kGuessed));
    }
    return m_validBefore >= target || !block.isValid();
}

void ViewportHighlighter::onContentsChange(int position, int removed, int added)
{
    Q_UNUSED(removed)
    QTextBlock block = m_document->findBlock(position);
    if (!block.isValid())
        return;
    const QTextBlock last = m_document->findBlock(position + added);
    m_validBefore = std::min(m_validBefore, block.blockNumber());
    // The edited lines keep the state they left (to see whether it changes) but lose their colours,
    // before Qt lays them out again; the next paint colours them.
    for (; block.isValid(); block = block.next()) {
        const int state = block.userState();
        if (state >= 0 && (state & kFormatted)) {
            if (!block.layout()->formats().isEmpty())
                block.layout()->clearFormats();
            block.setUserState(state & ~(kFormatted | kGuessed));
        }
        if (block == last)
            break;
    }
}

} // namespace etcd::ui
