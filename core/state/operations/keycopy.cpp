// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/operations/keycopy.h"

#include "client/keyrange.h"
#include "state/operations/guardedwriter.h"
#include "state/keyspace/keypager.h"
#include "state/operations/operationrunner.h"

#include <QLocale>

namespace etcd::detail {

namespace {

class Copier
{
public:
    Copier(const Kv &kv, const CopyRequest &request, OperationContext &context)
        : m_kv(kv), m_request(request), m_context(context),
          m_writer(kv, context, m_report, [this](const GuardedWrite &w, const QHash<QByteArray, KeyValue> &current) {
              return explain(w, current);
          })
    {
        m_report.action = request.removeSource ? QStringLiteral("Renamed") : QStringLiteral("Copied");
        m_writer.setAfterEachTransaction([this] { progress(); });
    }

    EtcdResult<OperationReport> run()
    {
        if (!m_request.folder) {
            auto source = awaitResult(m_kv.get(m_request.from));
            if (!source.ok())
                return source.error();
            m_report.total = 1;
            if (source->kvs.isEmpty())
                m_report.addProblem(m_request.from, KeyProblem::Missing, QStringLiteral("does not exist"));
            else
                m_writer.apply(writesFor(source->kvs));
            return toResult(m_report);
        }

        KeyPager::Options o;
        o.key = m_request.from;
        o.rangeEnd = keyrange::prefixEnd(m_request.from);
        o.pinRevision = true; // one snapshot: every value as it was at the first page's revision
        o.maxPageKeys = 1000;
        KeyPager pager(m_kv, o);
        while (true) {
            if (m_context.stopRequested()) {
                m_report.cancelled = true;
                break;
            }
            auto page = pager.next();
            if (!page.ok()) {
                m_report.error = page.error();
                break;
            }
            if (page->isEmpty())
                break;
            if (m_report.total == 0) {
                m_report.total = pager.totalKeys();
                m_context.setProgressMaximum(m_report.total);
            }
            if (!m_writer.apply(writesFor(page.value())))
                break;
        }
        return toResult(m_report);
    }

private:
    QByteArray destinationOf(const QByteArray &source) const
    {
        return m_request.folder ? m_request.to + source.mid(m_request.from.size()) : m_request.to;
    }

    QVector<GuardedWrite> writesFor(const QVector<KeyValue> &sources)
    {
        QVector<GuardedWrite> writes;
        writes.reserve(sources.size());
        for (const KeyValue &kv : sources) {
            if (m_request.seenRevision > 0 && kv.modRevision > m_request.seenRevision) {
                m_report.addProblem(kv.key, KeyProblem::Changed,
                                    QStringLiteral("changed at revision %1, after revision %2 the copy was based on; "
                                                   "not copied")
                                        .arg(kv.modRevision)
                                        .arg(m_request.seenRevision));
                continue;
            }
            const QByteArray destination = destinationOf(kv.key);
            GuardedWrite w;
            w.key = kv.key;
            w.compares << Compare::modRevision(kv.key, Compare::Equal, kv.modRevision)
                       << Compare::createRevision(destination, Compare::Equal, 0);
            PutOptions put;
            put.lease = m_request.removeSource ? kv.lease : 0; // a renamed key lives as long as before
            w.ops << TxnOp::putKey(destination, kv.value, put);
            if (m_request.removeSource)
                w.ops << TxnOp::deleteRange(DeleteOptions::single(kv.key));
            writes.push_back(std::move(w));
            m_readRevision.insert(kv.key, kv.modRevision);
        }
        return writes;
    }

    KeyProblem explain(const GuardedWrite &w, const QHash<QByteArray, KeyValue> &current) const
    {
        const QByteArray destination = destinationOf(w.key);
        const auto existing = current.constFind(destination);
        if (existing != current.constEnd())
            return {w.key, KeyProblem::Exists,
                    QStringLiteral("the destination %1 exists (created at revision %2); not overwritten")
                        .arg(keyForDisplay(destination), QString::number(existing->createRevision))};
        const auto source = current.constFind(w.key);
        if (source == current.constEnd())
            return {w.key, KeyProblem::Missing, QStringLiteral("deleted by someone else before it was copied")};
        return {w.key, KeyProblem::Changed,
                QStringLiteral("changed after it was read (read at revision %1, changed at %2); not copied")
                    .arg(m_readRevision.value(w.key))
                    .arg(source->modRevision)};
    }

    void progress()
    {
        const QLocale locale;
        m_context.setProgress(m_report.handled(), QStringLiteral("%1 %2 of %3 keys")
                                                      .arg(m_report.action, locale.toString(m_report.done),
                                                           locale.toString(m_report.total)));
    }

    Kv m_kv;
    CopyRequest m_request;
    OperationContext &m_context;
    OperationReport m_report;
    GuardedWriter m_writer;
    QHash<QByteArray, qint64> m_readRevision; // source mod revisions as read, for the report
};

} // namespace

QString copyRequestProblem(const CopyRequest &request)
{
    if (request.from.isEmpty() || (!request.folder && request.to.isEmpty()))
        return QStringLiteral("a copy needs a source and a destination");
    if (request.from == request.to)
        return QStringLiteral("the source and the destination are the same");
    if (request.folder && (request.to.startsWith(request.from) || request.from.startsWith(request.to)))
        return QStringLiteral("one folder lies inside the other: copying would read its own copies");
    return {};
}

EtcdResult<OperationReport> copyNow(const Kv &kv, const CopyRequest &request, OperationContext &context)
{
    return Copier(kv, request, context).run();
}

} // namespace etcd::detail
