// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "common/textdiff.h"

#include <QHash>
#include <QStringView>

#include <dtl/dtl.hpp>

#include <algorithm>
#include <utility>
#include <vector>

namespace etcd::ui {

namespace {

using Lines = QVector<QStringView>;
using Ids = std::vector<int>;

// Each line keeps its '\n', so "b" at the end of a text and "b\n" are different lines, as in diff.
Lines splitLines(QStringView text)
{
    Lines lines;
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype end = text.indexOf(u'\n', start);
        if (end < 0) {
            lines.append(text.mid(start));
            break;
        }
        lines.append(text.mid(start, end - start + 1));
        start = end + 1;
    }
    return lines;
}

// dtl compares integers far faster than strings: equal lines (of any of the texts) get one id.
class LineIds
{
public:
    Ids add(const Lines &lines)
    {
        Ids ids;
        ids.reserve(static_cast<size_t>(lines.size()));
        for (const QStringView line : lines) {
            auto it = m_ids.constFind(line);
            if (it == m_ids.constEnd())
                it = m_ids.insert(line, static_cast<int>(m_ids.size()));
            ids.push_back(it.value());
        }
        return ids;
    }
    int count() const { return static_cast<int>(m_ids.size()); }

private:
    QHash<QStringView, int> m_ids;
};

// a[aBegin, aEnd) is replaced by b[bBegin, bEnd). Hunks are in order and, within one edit script,
// separated by at least one common line.
struct Hunk
{
    int aBegin = 0;
    int aEnd = 0;
    int bBegin = 0;
    int bEnd = 0;
};

// Index pairs (i, j), a[i] == b[j], of a longest common subsequence, in order. dtl's O(NP) search
// costs (lines x differences), which is 0.7 s for two unrelated 10 000-line texts in a debug build.
// Two cuts that keep the result a longest common subsequence make the usual cases cheap: the common
// head and tail are matched directly, and lines that occur only on one side (most lines of an
// unrelated text) can never be matched, so dtl only sees the lines both sides have.
std::vector<std::pair<int, int>> commonLines(const Ids &a, const Ids &b, int idCount)
{
    const int na = static_cast<int>(a.size());
    const int nb = static_cast<int>(b.size());
    int head = 0;
    while (head < na && head < nb && a[size_t(head)] == b[size_t(head)])
        ++head;
    int tail = 0;
    while (tail < na - head && tail < nb - head && a[size_t(na - 1 - tail)] == b[size_t(nb - 1 - tail)])
        ++tail;

    std::vector<std::pair<int, int>> pairs;
    pairs.reserve(size_t(head + tail));
    for (int i = 0; i < head; ++i)
        pairs.emplace_back(i, i);

    std::vector<char> inA(size_t(idCount), 0);
    std::vector<char> inB(size_t(idCount), 0);
    for (int i = head; i < na - tail; ++i)
        inA[size_t(a[size_t(i)])] = 1;
    for (int j = head; j < nb - tail; ++j)
        inB[size_t(b[size_t(j)])] = 1;
    std::vector<int> indexA;
    std::vector<int> indexB;
    Ids seqA;
    Ids seqB;
    for (int i = head; i < na - tail; ++i) {
        if (inB[size_t(a[size_t(i)])]) {
            indexA.push_back(i);
            seqA.push_back(a[size_t(i)]);
        }
    }
    for (int j = head; j < nb - tail; ++j) {
        if (inA[size_t(b[size_t(j)])]) {
            indexB.push_back(j);
            seqB.push_back(b[size_t(j)]);
        }
    }
    if (!seqA.empty() && !seqB.empty()) {
        dtl::Diff<int> diff(seqA, seqB);
        diff.compose();
        for (const auto &element : diff.getSes().getSequence()) {
            if (element.second.type == dtl::SES_COMMON)
                pairs.emplace_back(indexA[size_t(element.second.beforeIdx - 1)],
                                   indexB[size_t(element.second.afterIdx - 1)]);
        }
    }

    for (int k = tail; k > 0; --k)
        pairs.emplace_back(na - k, nb - k);
    return pairs;
}

std::vector<Hunk> editHunks(const Ids &a, const Ids &b, int idCount)
{
    std::vector<Hunk> hunks;
    int nextA = 0;
    int nextB = 0;
    auto flush = [&](int i, int j) {
        if (i > nextA || j > nextB)
            hunks.push_back({nextA, i, nextB, j});
    };
    for (const auto &[i, j] : commonLines(a, b, idCount)) {
        flush(i, j);
        nextA = i + 1;
        nextB = j + 1;
    }
    flush(static_cast<int>(a.size()), static_cast<int>(b.size()));
    return hunks;
}

DiffLine makeLine(DiffLine::Kind kind, QStringView line, int oldLine, int newLine)
{
    DiffLine d;
    d.kind = kind;
    d.noNewline = !line.endsWith(u'\n');
    d.text = (d.noNewline ? line : line.chopped(1)).toString();
    d.oldLine = oldLine;
    d.newLine = newLine;
    return d;
}

// GNU diff's range format: "l" for one line, "l,n" otherwise, and for no lines the line before.
QString hunkRange(int linesBefore, int count)
{
    if (count == 0)
        return QStringLiteral("%1,0").arg(linesBefore);
    if (count == 1)
        return QString::number(linesBefore + 1);
    return QStringLiteral("%1,%2").arg(linesBefore + 1).arg(count);
}

void appendLines(QString &out, const Lines &lines, int begin, int end)
{
    for (int i = begin; i < end; ++i)
        out += lines[i];
}

bool usesCrLf(const QString &text)
{
    const qsizetype newline = text.indexOf(u'\n');
    return newline > 0 && text.at(newline - 1) == u'\r';
}

} // namespace

QVector<DiffLine> diffLines(const QString &a, const QString &b)
{
    const Lines linesA = splitLines(a);
    const Lines linesB = splitLines(b);
    LineIds table;
    const Ids idsA = table.add(linesA);
    const Ids idsB = table.add(linesB);

    QVector<DiffLine> result;
    result.reserve(std::max(linesA.size(), linesB.size()));
    int i = 0;
    int j = 0;
    auto changesUpTo = [&](int endA, int endB) {
        for (; i < endA; ++i)
            result.append(makeLine(DiffLine::Removed, linesA[i], i + 1, 0));
        for (; j < endB; ++j)
            result.append(makeLine(DiffLine::Added, linesB[j], 0, j + 1));
    };
    for (const auto &[ci, cj] : commonLines(idsA, idsB, table.count())) {
        changesUpTo(ci, cj);
        result.append(makeLine(DiffLine::Same, linesA[ci], ci + 1, cj + 1));
        ++i;
        ++j;
    }
    changesUpTo(static_cast<int>(linesA.size()), static_cast<int>(linesB.size()));
    return result;
}

QString unifiedDiff(const QString &a, const QString &b, const QString &aName, const QString &bName, int context)
{
    const QVector<DiffLine> lines = diffLines(a, b);
    const int n = static_cast<int>(lines.size());
    context = std::max(context, 0);
    auto changed = [&](int k) { return lines[k].kind != DiffLine::Same; };

    QString out;
    int oldBefore = 0; // old/new lines before `counted`
    int newBefore = 0;
    int counted = 0;
    int pos = 0;
    while (true) {
        int first = pos;
        while (first < n && !changed(first))
            ++first;
        if (first == n)
            break;
        // As GNU diff: changes at most 2 * context unchanged lines apart share a hunk.
        int last = first;
        while (true) {
            while (last < n && changed(last))
                ++last;
            int next = last;
            while (next < n && !changed(next))
                ++next;
            if (next == n || next - last > 2 * context)
                break;
            last = next;
        }
        const int begin = std::max(pos, first - context);
        const int end = std::min(n, last + context);
        for (; counted < begin; ++counted) {
            oldBefore += lines[counted].oldLine > 0 ? 1 : 0;
            newBefore += lines[counted].newLine > 0 ? 1 : 0;
        }
        int oldCount = 0;
        int newCount = 0;
        for (int k = begin; k < end; ++k) {
            oldCount += lines[k].oldLine > 0 ? 1 : 0;
            newCount += lines[k].newLine > 0 ? 1 : 0;
        }
        if (out.isEmpty())
            out = QStringLiteral("--- %1\n+++ %2\n").arg(aName, bName);
        out += QStringLiteral("@@ -%1 +%2 @@\n").arg(hunkRange(oldBefore, oldCount), hunkRange(newBefore, newCount));
        for (int k = begin; k < end; ++k) {
            const DiffLine &line = lines[k];
            out += line.kind == DiffLine::Same ? u' ' : line.kind == DiffLine::Added ? u'+' : u'-';
            out += line.text;
            out += u'\n';
            if (line.noNewline)
                out += QStringLiteral("\\ No newline at end of file\n");
        }
        pos = end;
    }
    return out;
}

DiffStats diffStats(const QVector<DiffLine> &lines)
{
    DiffStats stats;
    for (const DiffLine &line : lines) {
        if (line.kind == DiffLine::Added)
            ++stats.added;
        else if (line.kind == DiffLine::Removed)
            ++stats.removed;
    }
    return stats;
}

// Not dtl::Diff3::merge(): it walks both edit scripts in step and, when one side deletes a line
// that the other side replaces, it silently keeps the replacement and reports a clean merge (one
// user's edit lost without a word; tst_textdiff checks this). It also gives no conflict regions.
// This is diff3's algorithm over dtl's two edit scripts base->mine and base->theirs instead: hunks
// of both sides that overlap or touch in the base form one region (git and GNU diff3 draw the same
// line), which is clean when only one side changed it or both changed it identically.
MergeResult merge3(const QString &base, const QString &mine, const QString &theirs)
{
    if (mine == theirs)
        return {mine, true, 0};
    if (base == mine)
        return {theirs, true, 0};
    if (base == theirs)
        return {mine, true, 0};

    const Lines baseLines = splitLines(base);
    const Lines mineLines = splitLines(mine);
    const Lines theirLines = splitLines(theirs);
    LineIds table;
    const Ids baseIds = table.add(baseLines);
    const Ids mineIds = table.add(mineLines);
    const Ids theirIds = table.add(theirLines);
    const std::vector<Hunk> mineHunks = editHunks(baseIds, mineIds, table.count());
    const std::vector<Hunk> theirHunks = editHunks(baseIds, theirIds, table.count());
    const bool crlf = usesCrLf(mine) || (!mine.contains(u'\n') && usesCrLf(base));
    const QString eol = crlf ? QStringLiteral("\r\n") : QStringLiteral("\n");

    MergeResult result;
    QString &out = result.text;
    out.reserve(std::max({base.size(), mine.size(), theirs.size()}));
    auto appendBlock = [&](const Lines &lines, int begin, int end) {
        appendLines(out, lines, begin, end);
        if (end > begin && !lines[end - 1].endsWith(u'\n'))
            out += eol; // the next marker must start its own line
    };

    size_t im = 0;
    size_t it = 0;
    int mineShift = 0; // (line in mine) - (line in base) after the hunks handled so far
    int theirShift = 0;
    int basePos = 0;
    while (im < mineHunks.size() || it < theirHunks.size()) {
        const bool mineFirst =
            it == theirHunks.size() || (im < mineHunks.size() && mineHunks[im].aBegin <= theirHunks[it].aBegin);
        const int lo = mineFirst ? mineHunks[im].aBegin : theirHunks[it].aBegin;
        int hi = lo;
        int mineDelta = 0;
        int theirDelta = 0;
        while (true) {
            if (im < mineHunks.size() && mineHunks[im].aBegin <= hi) {
                const Hunk &h = mineHunks[im++];
                hi = std::max(hi, h.aEnd);
                mineDelta += (h.bEnd - h.bBegin) - (h.aEnd - h.aBegin);
            } else if (it < theirHunks.size() && theirHunks[it].aBegin <= hi) {
                const Hunk &h = theirHunks[it++];
                hi = std::max(hi, h.aEnd);
                theirDelta += (h.bEnd - h.bBegin) - (h.aEnd - h.aBegin);
            } else {
                break;
            }
        }
        appendLines(out, baseLines, basePos, lo);
        const int mineBegin = lo + mineShift;
        const int mineEnd = hi + mineShift + mineDelta;
        const int theirBegin = lo + theirShift;
        const int theirEnd = hi + theirShift + theirDelta;
        auto sameLines = [](const Ids &x, int xBegin, int xEnd, const Ids &y, int yBegin, int yEnd) {
            return std::equal(x.begin() + xBegin, x.begin() + xEnd, y.begin() + yBegin, y.begin() + yEnd);
        };
        if (sameLines(mineIds, mineBegin, mineEnd, theirIds, theirBegin, theirEnd) ||
            sameLines(theirIds, theirBegin, theirEnd, baseIds, lo, hi)) {
            appendLines(out, mineLines, mineBegin, mineEnd);
        } else if (sameLines(mineIds, mineBegin, mineEnd, baseIds, lo, hi)) {
            appendLines(out, theirLines, theirBegin, theirEnd);
        } else {
            result.clean = false;
            ++result.conflicts;
            out += QStringLiteral("<<<<<<< mine") + eol;
            appendBlock(mineLines, mineBegin, mineEnd);
            out += QStringLiteral("||||||| base") + eol;
            appendBlock(baseLines, lo, hi);
            out += QStringLiteral("=======") + eol;
            appendBlock(theirLines, theirBegin, theirEnd);
            out += QStringLiteral(">>>>>>> theirs") + eol;
        }
        mineShift += mineDelta;
        theirShift += theirDelta;
        basePos = hi;
    }
    appendLines(out, baseLines, basePos, static_cast<int>(baseLines.size()));
    return result;
}

} // namespace etcd::ui
