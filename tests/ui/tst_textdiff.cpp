// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The conflict dialog's text diff and three-way merge: exact results for every edge case (expected
// unified diffs were checked against GNU `diff -u`, merges against `git merge-file --diff3` and
// GNU `diff3 -m`), properties over random edits, and the time for 10 000-line texts.

#include "common/textdiff.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QtTest>

#include <dtl/dtl.hpp>

#include <string>
#include <vector>

using namespace etcd::ui;

class TestTextDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void diffLinesExact_data();
    void diffLinesExact();
    void unifiedDiffMatchesGnuDiff_data();
    void unifiedDiffMatchesGnuDiff();
    void stats();
    void mergeExact_data();
    void mergeExact();
    void mergeOnlyMarksConflictingRegions();
    void dtlDiff3LosesAnEditSilently();
    void randomEditsKeepInvariants();
    void largeInputsAreFast();
};

namespace {
// One line per DiffLine: kind, old and new line numbers, the text ('\r' visible), "$" when the
// line has no final newline.
QStringList render(const QVector<DiffLine> &lines)
{
    QStringList out;
    for (const DiffLine &l : lines) {
        const QChar kind = l.kind == DiffLine::Same ? u'=' : l.kind == DiffLine::Added ? u'+' : u'-';
        QString text = l.text;
        text.replace(u'\r', QStringLiteral("\\r"));
        out << QStringLiteral("%1%2:%3 %4%5").arg(kind).arg(l.oldLine).arg(l.newLine).arg(text, l.noNewline ? "$" : "");
    }
    return out;
}

QString numbered(int from, int to, const QHash<int, QString> &replace = {})
{
    QString s;
    for (int i = from; i <= to; ++i)
        s += replace.value(i, QString::number(i)) + u'\n';
    return s;
}

QString join(const QStringList &lines)
{
    return lines.join(u'\n') + u'\n';
}
} // namespace

void TestTextDiff::diffLinesExact_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("both empty") << ""
                                << "" << QStringList{};
    QTest::newRow("identical") << "a\nb\n"
                               << "a\nb\n"
                               << QStringList{"=1:1 a", "=2:2 b"};
    QTest::newRow("from empty") << ""
                                << "a\nb" << QStringList{"+0:1 a", "+0:2 b$"};
    QTest::newRow("to empty") << "a\n"
                              << "" << QStringList{"-1:0 a"};
    QTest::newRow("only a newline") << "\n"
                                    << "" << QStringList{"-1:0 "};
    QTest::newRow("change in the middle") << "a\nb\nc\n"
                                          << "a\nx\nc\n"
                                          << QStringList{"=1:1 a", "-2:0 b", "+0:2 x", "=3:3 c"};
    QTest::newRow("removed lines before added ones")
        << "a\nb\nc\nd\n"
        << "a\nx\ny\nd\n"
        << QStringList{"=1:1 a", "-2:0 b", "-3:0 c", "+0:2 x", "+0:3 y", "=4:4 d"};
    QTest::newRow("newline added at the end") << "a\nb"
                                              << "a\nb\n"
                                              << QStringList{"=1:1 a", "-2:0 b$", "+0:2 b"};
    QTest::newRow("newline removed at the end") << "a\n"
                                                << "a" << QStringList{"-1:0 a", "+0:1 a$"};
    QTest::newRow("both without final newline") << "a\nb"
                                                << "x\nb" << QStringList{"-1:0 a", "+0:1 x", "=2:2 b$"};
    QTest::newRow("CRLF vs LF") << "a\r\nb\r\n"
                                << "a\nb\r\n"
                                << QStringList{"-1:0 a\\r", "+0:1 a", "=2:2 b\\r"};
    QTest::newRow("lone CR stays inside the line") << "a\rb\n"
                                                   << "a\rb\n"
                                                   << QStringList{"=1:1 a\\rb"};
    // Longer old text: dtl swaps its inputs internally, line numbers must still be old/new.
    QTest::newRow("old longer than new") << "1\n2\n3\n4\n5\n6\n"
                                         << "2\n4\n"
                                         << QStringList{"-1:0 1", "=2:1 2", "-3:0 3", "=4:2 4", "-5:0 5", "-6:0 6"};
    QTest::newRow("repeated lines") << "x\nx\n"
                                    << "x\nx\nx\n"
                                    << QStringList{"=1:1 x", "=2:2 x", "+0:3 x"};
    QTest::newRow("nothing in common") << "a\nb\n"
                                       << "c\n"
                                       << QStringList{"-1:0 a", "-2:0 b", "+0:1 c"};
}

void TestTextDiff::diffLinesExact()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QStringList, expected);
    QCOMPARE(render(diffLines(a, b)), expected);
}

void TestTextDiff::unifiedDiffMatchesGnuDiff_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("context");
    QTest::addColumn<QString>("expected");
    QTest::newRow("equal") << "a\nb\n"
                           << "a\nb\n"
                           << 3 << "";
    QTest::newRow("both empty") << ""
                                << "" << 3 << "";
    // Six unchanged lines between two changes: one hunk; seven: two (GNU diff's 2 * context rule).
    QTest::newRow("one hunk") << numbered(1, 20) << numbered(1, 20, {{3, "X"}, {10, "Y"}}) << 3
                              << join({"--- a", "+++ b", "@@ -1,13 +1,13 @@", " 1", " 2", "-3", "+X", " 4", " 5", " 6",
                                       " 7", " 8", " 9", "-10", "+Y", " 11", " 12", " 13"});
    QTest::newRow("two hunks") << numbered(1, 20) << numbered(1, 20, {{3, "X"}, {11, "Y"}}) << 3
                               << join({"--- a", "+++ b", "@@ -1,6 +1,6 @@", " 1", " 2", "-3", "+X", " 4", " 5", " 6",
                                        "@@ -8,7 +8,7 @@", " 8", " 9", " 10", "-11", "+Y", " 12", " 13", " 14"});
    QTest::newRow("no newline at end") << "a\nb"
                                       << "a\nb\n"
                                       << 3
                                       << join({"--- a", "+++ b", "@@ -1,2 +1,2 @@", " a", "-b",
                                                "\\ No newline at end of file", "+b"});
    QTest::newRow("from empty") << ""
                                << "a\nb\n"
                                << 3 << join({"--- a", "+++ b", "@@ -0,0 +1,2 @@", "+a", "+b"});
    QTest::newRow("to empty") << "a\nb\n"
                              << "" << 3 << join({"--- a", "+++ b", "@@ -1,2 +0,0 @@", "-a", "-b"});
    QTest::newRow("insert, no context") << "1\n2\n3\n"
                                        << "1\n2\nN\n3\n"
                                        << 0 << join({"--- a", "+++ b", "@@ -2,0 +3 @@", "+N"});
    QTest::newRow("delete, no context") << "1\n2\nN\n3\n"
                                        << "1\n2\n3\n"
                                        << 0 << join({"--- a", "+++ b", "@@ -3 +2,0 @@", "-N"});
    QTest::newRow("CRLF kept") << "a\r\nb\r\n"
                               << "a\nb\r\n"
                               << 3 << join({"--- a", "+++ b", "@@ -1,2 +1,2 @@", "-a\r", "+a", " b\r"});
}

void TestTextDiff::unifiedDiffMatchesGnuDiff()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, context);
    QFETCH(QString, expected);
    QCOMPARE(unifiedDiff(a, b, QStringLiteral("a"), QStringLiteral("b"), context), expected);
}

void TestTextDiff::stats()
{
    const DiffStats s = diffStats(diffLines(QStringLiteral("a\nb\nc\n"), QStringLiteral("a\nx\ny\n")));
    QCOMPARE(s.added, 2);
    QCOMPARE(s.removed, 2);
    const DiffStats none = diffStats(diffLines(QStringLiteral("a\n"), QStringLiteral("a\n")));
    QCOMPARE(none.added + none.removed, 0);
}

void TestTextDiff::mergeExact_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("mine");
    QTest::addColumn<QString>("theirs");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("conflicts");
    const QString base = numbered(1, 10);
    QTest::newRow("all empty") << ""
                               << ""
                               << ""
                               << "" << 0;
    QTest::newRow("all identical") << base << base << base << base << 0;
    QTest::newRow("theirs unchanged") << base << numbered(1, 10, {{4, "M"}}) << base << numbered(1, 10, {{4, "M"}})
                                      << 0;
    QTest::newRow("mine unchanged") << base << base << numbered(1, 10, {{4, "T"}}) << numbered(1, 10, {{4, "T"}}) << 0;
    QTest::newRow("same change on both sides")
        << base << numbered(1, 10, {{4, "S"}}) << numbered(1, 10, {{4, "S"}}) << numbered(1, 10, {{4, "S"}}) << 0;
    QTest::newRow("same insertion on both sides") << "1\n2\n"
                                                  << "1\nI\n2\n"
                                                  << "1\nI\n2\n"
                                                  << "1\nI\n2\n"
                                                  << 0;
    QTest::newRow("non-overlapping edits") << base << numbered(1, 10, {{2, "M"}}) << numbered(1, 10, {{8, "T"}})
                                           << numbered(1, 10, {{2, "M"}, {8, "T"}}) << 0;
    QTest::newRow("deletion and far insertion")
        << base << "1\n2\n3\n5\n6\n7\n8\n9\n10\n"
        << numbered(1, 10, {{9, "9\nNEW"}}) << "1\n2\n3\n5\n6\n7\n8\n9\nNEW\n10\n"
        << 0;
    QTest::newRow("insertions at the same place")
        << "1\n2\n3\n"
        << "1\nM\n2\n3\n"
        << "1\nT\n2\n3\n"
        << "1\n<<<<<<< mine\nM\n||||||| base\n=======\nT\n>>>>>>> theirs\n2\n3\n"
        << 1;
    QTest::newRow("empty base, different additions") << ""
                                                     << "m\n"
                                                     << "t\n"
                                                     << "<<<<<<< mine\nm\n||||||| base\n=======\nt\n>>>>>>> theirs\n"
                                                     << 1;
    QTest::newRow("empty base, same addition") << ""
                                               << "x\n"
                                               << "x\n"
                                               << "x\n"
                                               << 0;
    // dtl::Diff3 calls these two clean and drops one side's edit (see dtlDiff3LosesAnEditSilently).
    QTest::newRow("mine deletes what theirs modifies")
        << "1\n2\n3\n4\n5\n"
        << "1\n2\n4\n5\n"
        << "1\n2\nX\n4\n5\n"
        << "1\n2\n<<<<<<< mine\n||||||| base\n3\n=======\nX\n>>>>>>> theirs\n4\n5\n"
        << 1;
    QTest::newRow("mine modifies what theirs deletes")
        << "1\n2\n3\n4\n5\n"
        << "1\n2\nY\n4\n5\n"
        << "1\n2\n4\n5\n"
        << "1\n2\n<<<<<<< mine\nY\n||||||| base\n3\n=======\n>>>>>>> theirs\n4\n5\n"
        << 1;
    // Changes to neighbouring lines conflict, as in git and GNU diff3.
    QTest::newRow("adjacent lines") << base << numbered(1, 10, {{4, "Y"}}) << numbered(1, 10, {{5, "Z"}})
                                    << "1\n2\n3\n<<<<<<< mine\nY\n5\n||||||| base\n4\n5\n=======\n4\nZ\n>>>>>>> "
                                       "theirs\n6\n7\n8\n9\n10\n"
                                    << 1;
    QTest::newRow("mine adds the final newline, theirs edits the top") << "1\n2\n3\n4\n5"
                                                                       << "1\n2\n3\n4\n5\n"
                                                                       << "X\n2\n3\n4\n5"
                                                                       << "X\n2\n3\n4\n5\n"
                                                                       << 0;
    QTest::newRow("conflict on a last line without newline")
        << "a\nb"
        << "a\nc"
        << "a\nd"
        << "a\n<<<<<<< mine\nc\n||||||| base\nb\n=======\nd\n>>>>>>> theirs\n"
        << 1;
    QTest::newRow("CRLF text gets CRLF markers")
        << "a\r\nb\r\nc\r\n"
        << "a\r\nM\r\nc\r\n"
        << "a\r\nT\r\nc\r\n"
        << "a\r\n<<<<<<< mine\r\nM\r\n||||||| base\r\nb\r\n=======\r\nT\r\n>>>>>>> theirs\r\nc\r\n"
        << 1;
    QTest::newRow("CRLF vs LF on the same line conflicts")
        << "a\r\nb\r\n"
        << "a\nb\r\n"
        << "A\r\nb\r\n"
        << "<<<<<<< mine\na\n||||||| base\na\r\n=======\nA\r\n>>>>>>> theirs\nb\r\n"
        << 1;
}

void TestTextDiff::mergeExact()
{
    QFETCH(QString, base);
    QFETCH(QString, mine);
    QFETCH(QString, theirs);
    QFETCH(QString, expected);
    QFETCH(int, conflicts);
    const MergeResult r = merge3(base, mine, theirs);
    QCOMPARE(r.text, expected);
    QCOMPARE(r.conflicts, conflicts);
    QCOMPARE(r.clean, conflicts == 0);
}

void TestTextDiff::mergeOnlyMarksConflictingRegions()
{
    // Two conflicts and a clean edit between them: markers surround the two regions only.
    const QString base = numbered(1, 20);
    const QString mine = numbered(1, 20, {{2, "M2"}, {10, "M10"}, {18, "M18"}});
    const QString theirs = numbered(1, 20, {{2, "T2"}, {18, "T18"}, {14, "T14"}});
    const MergeResult r = merge3(base, mine, theirs);
    QVERIFY(!r.clean);
    QCOMPARE(r.conflicts, 2);
    QCOMPARE(r.text, join({"1",   "<<<<<<< mine",
                           "M2",  "||||||| base",
                           "2",   "=======",
                           "T2",  ">>>>>>> theirs",
                           "3",   "4",
                           "5",   "6",
                           "7",   "8",
                           "9",   "M10",
                           "11",  "12",
                           "13",  "T14",
                           "15",  "16",
                           "17",  "<<<<<<< mine",
                           "M18", "||||||| base",
                           "18",  "=======",
                           "T18", ">>>>>>> theirs",
                           "19",  "20"}));
}

void TestTextDiff::dtlDiff3LosesAnEditSilently()
{
    // Why merge3 does not use dtl::Diff3::merge(): mine deletes line 3 while theirs rewrites it,
    // and dtl reports a clean merge that keeps theirs, silently dropping the deletion. If a dtl
    // update fixes this, merge3 could use it again.
    using Seq = std::vector<std::string>;
    const Seq base{"1", "2", "3", "4", "5"};
    const Seq mine{"1", "2", "4", "5"};
    const Seq theirs{"1", "2", "X", "4", "5"};
    dtl::Diff3<std::string> diff3(mine, base, theirs);
    diff3.compose();
    QVERIFY(diff3.merge());
    QCOMPARE(diff3.getMergedSequence(), theirs);
    QVERIFY(
        !merge3(QStringLiteral("1\n2\n3\n4\n5\n"), QStringLiteral("1\n2\n4\n5\n"), QStringLiteral("1\n2\nX\n4\n5\n"))
             .clean);
}

void TestTextDiff::randomEditsKeepInvariants()
{
    // Small alphabets make repeated lines (the hard case for alignments); seeded, so reproducible.
    QRandomGenerator rng(20240611);
    auto randomText = [&](int maxLines) {
        QString s;
        const int n = int(rng.bounded(maxLines + 1));
        for (int i = 0; i < n; ++i)
            s += QString(QChar(u'a' + int(rng.bounded(5)))) + (rng.bounded(8) == 0 ? "\r\n" : "\n");
        if (!s.isEmpty() && rng.bounded(4) == 0)
            s.chop(1);
        return s;
    };
    auto edit = [&](const QString &text) {
        QStringList lines = text.split(u'\n');
        for (int k = int(rng.bounded(4)); k > 0; --k) {
            if (lines.isEmpty())
                lines.append(QString());
            const int at = int(rng.bounded(int(lines.size())));
            switch (rng.bounded(3)) {
            case 0: lines.insert(at, QStringLiteral("new%1").arg(rng.bounded(3))); break;
            case 1: lines.removeAt(at); break;
            default: lines[at] = QStringLiteral("chg%1").arg(rng.bounded(3)); break;
            }
        }
        return lines.join(u'\n');
    };
    auto lineList = [](const QString &text) { // lines with their '\n', as textdiff sees them
        std::vector<std::string> v;
        for (qsizetype start = 0; start < text.size();) {
            const qsizetype end = text.indexOf(u'\n', start);
            const qsizetype next = end < 0 ? text.size() : end + 1;
            v.push_back(text.mid(start, next - start).toStdString());
            start = next;
        }
        return v;
    };
    for (int round = 0; round < 2000; ++round) {
        const QString a = randomText(25);
        const QString b = rng.bounded(2) ? randomText(25) : edit(a);
        const QVector<DiffLine> lines = diffLines(a, b);
        QString oldText;
        QString newText;
        for (const DiffLine &l : lines) {
            const QString full = l.text + (l.noNewline ? "" : "\n");
            if (l.kind != DiffLine::Added)
                oldText += full;
            if (l.kind != DiffLine::Removed)
                newText += full;
        }
        QCOMPARE(oldText, a);
        QCOMPARE(newText, b);
        // Minimal: as many changed lines as dtl's own edit distance on the unfiltered lines.
        dtl::Diff<std::string> reference(lineList(a), lineList(b));
        reference.onOnlyEditDistance();
        reference.compose();
        const DiffStats s = diffStats(lines);
        QCOMPARE(qint64(s.added + s.removed), qint64(reference.getEditDistance()));

        const QString mine = edit(a);
        const QString theirs = edit(a);
        const MergeResult m = merge3(a, mine, theirs);
        const MergeResult swapped = merge3(a, theirs, mine);
        QCOMPARE(m.conflicts, swapped.conflicts);
        if (m.clean) {
            QCOMPARE(m.text, swapped.text);
        } else {
            QCOMPARE(m.text.count(QStringLiteral(">>>>>>> theirs")), m.conflicts);
        }
    }
}

void TestTextDiff::largeInputsAreFast()
{
    const int n = 10000;
    QHash<int, QString> mineEdits;
    QHash<int, QString> theirEdits;
    for (int i = 1; i <= n; i += 200) {
        mineEdits.insert(i, QStringLiteral("mine %1").arg(i));
        theirEdits.insert(i + 100, QStringLiteral("theirs %1").arg(i + 100));
    }
    const QString base = numbered(1, n);
    const QString mine = numbered(1, n, mineEdits);
    const QString theirs = numbered(1, n, theirEdits);
    QString unrelated;
    for (int i = 0; i < n; ++i)
        unrelated += QStringLiteral("other %1\n").arg(i);

    QElapsedTimer timer;
    timer.start();
    const MergeResult merged = merge3(base, mine, theirs);
    const qint64 mergeMs = timer.restart();
    const DiffStats edited = diffStats(diffLines(base, mine));
    const QString patch = unifiedDiff(base, theirs, QStringLiteral("a"), QStringLiteral("b"));
    const qint64 diffMs = timer.restart();
    const DiffStats replaced = diffStats(diffLines(base, unrelated));
    const qint64 unrelatedMs = timer.elapsed();
    qInfo("10 000 lines: merge %lld ms, diff + unified diff %lld ms, unrelated texts %lld ms", mergeMs, diffMs,
          unrelatedMs);

    QVERIFY(merged.clean);
    QHash<int, QString> both = mineEdits;
    both.insert(theirEdits);
    QCOMPARE(merged.text, numbered(1, n, both));
    QCOMPARE(edited.added, 50);
    QCOMPARE(edited.removed, 50);
    QCOMPARE(patch.count(QStringLiteral("\n@@ ")), 50);
    QCOMPARE(replaced.added, n);
    QCOMPARE(replaced.removed, n);
    QVERIFY2(mergeMs < 500 && diffMs < 500 && unrelatedMs < 500, "10 000-line texts must be handled well under 1 s");
}

QTEST_GUILESS_MAIN(TestTextDiff)
#include "tst_textdiff.moc"
