// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/operations/prefixdelete.h"

#include "client/keyrange.h"
#include "state/operations/guardedwriter.h"
#include "state/keyspace/keypager.h"
#include "state/operations/operationrunner.h"

#include <QLocale>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace etcd::detail {

namespace {

// A page whose transactions keep finding new changes is being written to continuously: after this
// many rounds it is read again (and after maxPageAttempts reads, the delete gives up).
constexpr int maxConflictRounds = 20;
constexpr int maxPageAttempts = 10;

// Consecutive keys of one page, all unchanged since the revision the user saw: deleted as one
// interval [first, last + "\0"), which held no other key when the page was read.
struct Run
{
    int first = 0;
    int last = 0;
};

enum class PageOutcome { Done, ReadAgain, Stop };
enum class TxnOutcome { Deleted, Conflict, ReadAgain, Stop };

class PrefixDelete
{
public:
    PrefixDelete(const Kv &kv, const QByteArray &prefix, qint64 seenRevision, OperationContext &context)
        : m_kv(kv), m_basis(seenRevision), m_context(context), m_pager(kv, pagerOptions(prefix))
    {
        m_report.action = QStringLiteral("Deleted");
    }

    OperationReport run()
    {
        int attempts = 0;
        while (true) {
            if (m_context.stopRequested()) {
                m_report.cancelled = true;
                break;
            }
            auto page = m_pager.next();
            if (!page.ok()) {
                m_report.error = page.error();
                break;
            }
            if (page->isEmpty())
                break;
            if (m_basis == 0)
                m_basis = m_pager.firstRevision();
            if (m_report.total == 0) {
                m_report.total = m_pager.totalKeys();
                m_context.setProgressMaximum(m_report.total);
            }
            const PageOutcome outcome = deletePage(page.value());
            if (outcome == PageOutcome::Stop)
                break;
            if (outcome == PageOutcome::ReadAgain) {
                if (++attempts >= maxPageAttempts) {
                    m_report.error = EtcdError::client(
                        ErrorCode::Aborted, QStringLiteral("keys under the prefix kept changing while they were being "
                                                           "deleted; gave up after %1 attempts")
                                                .arg(maxPageAttempts));
                    break;
                }
                m_pager.rewind(m_pager.pageStart());
                continue;
            }
            attempts = 0;
        }
        return m_report;
    }

private:
    enum State : char { Pending, Handled, LeftAlone };

    static KeyPager::Options pagerOptions(const QByteArray &prefix)
    {
        KeyPager::Options o;
        o.key = prefix;
        o.rangeEnd = keyrange::prefixEnd(prefix);
        o.keysOnly = true;
        o.pinRevision = false; // each page as it is now: the transactions compare against this read
        o.targetPageBytes = 256 << 10;
        o.maxPageKeys = 1000; // a transaction per page at least: progress, and a chance to stop
        o.firstPageKeys = 500;
        return o;
    }

    // Runs of pending keys; a run never crosses a key that is not pending, nor a cut (a key created
    // between two keys of the page after it was read).
    static QVector<Run> runsOf(const QVector<State> &state, const QSet<int> &cuts)
    {
        QVector<Run> runs;
        for (int i = 0; i < state.size(); ++i) {
            if (state[i] != Pending)
                continue;
            if (!runs.isEmpty() && runs.last().last == i - 1 && !cuts.contains(i - 1))
                runs.last().last = i;
            else
                runs.push_back(Run{i, i});
        }
        return runs;
    }

    PageOutcome deletePage(const QVector<KeyValue> &page)
    {
        const qint64 readAt = m_pager.lastRevision();
        QVector<State> state(page.size(), Pending);
        QSet<int> cuts;
        QMap<QByteArray, KeyValue> leftAlone;
        for (int i = 0; i < page.size(); ++i) {
            if (page[i].modRevision > m_basis) {
                state[i] = LeftAlone;
                leftAlone.insert(page[i].key, page[i]);
            }
        }
        // Reported when the page is through or the delete stops (a page read again names them again).
        auto reportLeftAlone = [&] {
            for (const KeyValue &kv : leftAlone) {
                const bool created = kv.createRevision > m_basis;
                m_report.addProblem(kv.key, KeyProblem::Changed,
                                    QStringLiteral("%1 at revision %2, after revision %3 the deletion was based on; "
                                                   "left in place")
                                        .arg(created ? QStringLiteral("created") : QStringLiteral("changed"))
                                        .arg(created ? kv.createRevision : kv.modRevision)
                                        .arg(m_basis));
            }
        };
        int conflicts = 0;
        for (QVector<Run> runs = runsOf(state, cuts); !runs.isEmpty(); runs = runsOf(state, cuts)) {
            if (m_context.stopRequested()) {
                m_report.cancelled = true;
                reportLeftAlone();
                return PageOutcome::Stop;
            }
            const QVector<Run> group = runs.mid(0, m_runsPerTxn);
            QVector<KeyValue> changed;
            switch (deleteRuns(page, group, readAt, &changed)) {
            case TxnOutcome::Deleted:
                for (const Run &run : group)
                    std::fill(state.begin() + run.first, state.begin() + run.last + 1, Handled);
                break;
            case TxnOutcome::Conflict:
                // Keys changed or created in the runs since the read: leave them, delete around them.
                if (changed.isEmpty() || ++conflicts > maxConflictRounds)
                    return PageOutcome::ReadAgain;
                for (const KeyValue &kv : changed) {
                    leftAlone.insert(kv.key, kv);
                    const auto at = std::lower_bound(page.begin(), page.end(), kv.key,
                                                     [](const KeyValue &p, const QByteArray &k) { return p.key < k; });
                    const int index = static_cast<int>(at - page.begin());
                    if (at != page.end() && at->key == kv.key)
                        state[index] = LeftAlone;
                    else if (index > 0)
                        cuts.insert(index - 1); // created between page[index - 1] and page[index]
                }
                break;
            case TxnOutcome::ReadAgain: return PageOutcome::ReadAgain;
            case TxnOutcome::Stop: reportLeftAlone(); return PageOutcome::Stop;
            }
        }
        reportLeftAlone();
        progress();
        return PageOutcome::Done;
    }

    TxnOutcome deleteRuns(const QVector<KeyValue> &page, const QVector<Run> &runs, qint64 readAt,
                          QVector<KeyValue> *changed)
    {
        // Per run: "nothing in the interval was created or changed since the page was read", then
        // read the interval's keys (exactly the keys the delete removes) and delete the interval.
        // If a compare fails, the failure branch lists what changed in each interval.
        TxnSpec txn;
        for (const Run &run : runs) {
            const QByteArray first = page[run.first].key;
            const QByteArray end = keyrange::successor(page[run.last].key);
            Compare unchanged = Compare::modRevision(first, Compare::Less, readAt + 1);
            unchanged.rangeEnd = end;
            txn.compares << unchanged;
            RangeOptions keys = RangeOptions::range(first, end);
            keys.keysOnly = true;
            txn.success << TxnOp::get(keys) << TxnOp::deleteRange(DeleteOptions::range(first, end));
            keys.minModRevision = readAt + 1;
            txn.failure << TxnOp::get(keys);
        }
        auto result = awaitResult(m_kv.txn(txn));
        if (!result.ok()) {
            if (result.error().isTooManyTxnOps() && m_runsPerTxn > 1) {
                m_runsPerTxn = std::max(1, static_cast<int>(runs.size()) / 2);
                return TxnOutcome::ReadAgain;
            }
            m_report.error = result.error();
            if (result.error().mayHaveBeenApplied()) {
                for (const Run &run : runs)
                    m_report.addProblem(page[run.first].key, KeyProblem::Failed,
                                        QStringLiteral("the deletion of %1 keys from here on broke off: they may or "
                                                       "may not have been deleted")
                                            .arg(run.last - run.first + 1));
            }
            return TxnOutcome::Stop;
        }
        if (!result->succeeded) {
            for (const TxnOpResult &read : result->responses)
                *changed += read.range.kvs;
            return TxnOutcome::Conflict;
        }
        m_report.revision = result->header.revision;
        for (qsizetype r = 0; r < runs.size(); ++r) {
            QSet<QByteArray> gone;
            for (const KeyValue &kv : result->responses[2 * r].range.kvs) {
                m_report.addDone(kv.key);
                gone.insert(kv.key);
            }
            for (int i = runs[r].first; i <= runs[r].last; ++i) {
                if (!gone.contains(page[i].key))
                    m_report.addProblem(page[i].key, KeyProblem::Missing,
                                        QStringLiteral("deleted by someone else meanwhile"));
            }
        }
        progress();
        return TxnOutcome::Deleted;
    }

    void progress()
    {
        const QLocale locale;
        m_context.setProgress(m_report.handled(), QStringLiteral("Deleted %1 of %2 keys")
                                                      .arg(locale.toString(m_report.done))
                                                      .arg(locale.toString(m_report.total)));
    }

    Kv m_kv;
    qint64 m_basis; // keys changed after this revision are left alone
    OperationContext &m_context;
    KeyPager m_pager;
    OperationReport m_report;
    int m_runsPerTxn = GuardedWriter::defaultMaxPerBranch / 2; // two operations per run
};

} // namespace

OperationReport deletePrefixNow(const Kv &kv, const QByteArray &prefix, qint64 seenRevision, OperationContext &context)
{
    return PrefixDelete(kv, prefix, seenRevision, context).run();
}

} // namespace etcd::detail
