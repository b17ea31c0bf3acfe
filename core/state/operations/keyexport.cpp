// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/operations/keyexport.h"

#include "client/etcdclient.h"
#include "client/keyrange.h"
#include "state/operations/exportformat.h"
#include "state/operations/operationrunner.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QTimer>
#include <QLocale>
#include <QSaveFile>

namespace etcd {

using namespace detail;

namespace {

EtcdError fileError(const QSaveFile &file, const QString &path)
{
    return EtcdError::client(ErrorCode::FailedPrecondition,
                             QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
}

// Appends the export's lines to `file` as pages arrive. The walk keeps several pages in flight
// (Kv::pagedRange), so a remote link costs its round trip once, not once per page; pages reach
// this worker thread's own event loop in key order, and are written as they come, so memory holds
// only the pages in flight.
class ExportWriter
{
public:
    ExportWriter(QSaveFile &file, const QByteArray &prefix, OperationContext &context, ExportSummary &summary)
        : m_file(file), m_prefix(prefix), m_context(context), m_summary(summary)
    {
    }

    bool header(qint64 revision, qint64 count)
    {
        if (m_headerWritten)
            return true;
        // The first page tells the revision and how many keys there are at it.
        m_summary.revision = revision;
        m_total = count;
        exportformat::Header header;
        header.prefix = m_prefix;
        header.revision = revision;
        header.exportedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        header.count = count;
        m_context.setProgressMaximum(count);
        m_headerWritten = true;
        return write(exportformat::headerLine(header));
    }

    bool page(const RangePage &page)
    {
        if (!header(page.revision, page.totalKeys))
            return false;
        QByteArray chunk;
        for (const KeyValue &entry : page.kvs) {
            if (m_summary.keys > 0)
                chunk += ",\n";
            chunk += exportformat::entryLine(entry);
            m_summary.base64Keys += exportformat::isUtf8(entry.key) ? 0 : 1;
            m_summary.base64Values += exportformat::isUtf8(entry.value) ? 0 : 1;
            ++m_summary.keys;
        }
        if (!write(chunk))
            return false;
        m_context.setProgress(m_summary.keys, QStringLiteral("Exported %1 of %2 keys")
                                                  .arg(m_locale.toString(m_summary.keys))
                                                  .arg(m_locale.toString(m_total)));
        return true;
    }

    bool write(const QByteArray &bytes)
    {
        m_failed = m_failed || m_file.write(bytes) != bytes.size();
        return !m_failed;
    }
    bool failed() const { return m_failed; }
    qint64 total() const { return m_total; }

private:
    QSaveFile &m_file;
    QByteArray m_prefix;
    OperationContext &m_context;
    ExportSummary &m_summary;
    const QLocale m_locale;
    bool m_headerWritten = false;
    bool m_failed = false;
    qint64 m_total = 0;
};

EtcdResult<ExportSummary> exportNow(const Kv &kv, const QByteArray &prefix, const QString &path,
                                    OperationContext &context)
{
    ExportSummary summary;
    summary.filePath = path;
    summary.prefix = prefix;

    // QSaveFile writes next to the target and renames on commit: a stopped or failed export never
    // leaves a half-written file that would look like a complete one.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fileError(file, path);

    ExportWriter writer(file, prefix, context, summary);
    PagedRangeOptions options;
    options.range = RangeOptions::prefix(prefix);
    options.maxBufferedBytes = 16 << 20; // values: read ahead at most this much, whatever the prefix holds
    const detail::WalkHere walk = detail::walkHere(kv, options, context, [&](const RangePage &page) {
        return !writer.failed() && writer.page(page); // false: the file failed, stop reading
    });
    if (walk.stopped || writer.failed()) {
        file.cancelWriting();
        if (writer.failed())
            return fileError(file, path);
        summary.cancelled = true;
        return summary;
    }
    const EtcdResult<PagedRangeSummary> &done = walk.result;
    if (!done.ok()) {
        file.cancelWriting();
        return done.error();
    }
    writer.header(done.value().header.revision, 0); // an empty prefix: the header alone
    if (writer.failed()) {
        file.cancelWriting();
        return fileError(file, path);
    }
    if (summary.keys != writer.total()) {
        // Cannot happen for a walk at one revision; a file whose count lies must not be written.
        file.cancelWriting();
        return EtcdError::client(ErrorCode::Internal,
                                 QStringLiteral("export read %1 keys where etcd counted %2; nothing was written")
                                     .arg(summary.keys)
                                     .arg(writer.total()));
    }
    file.write(exportformat::footer());
    if (!file.commit())
        return fileError(file, path);
    summary.fileBytes = QFileInfo(path).size();
    return summary;
}

} // namespace

QFuture<EtcdResult<ExportSummary>> exportPrefix(EtcdClient *client, const QByteArray &prefix, const QString &filePath,
                                                const StopToken &stop)
{
    return runOperation<ExportSummary>(stop, [kv = client->kv(), prefix, filePath](OperationContext &context) {
        return exportNow(kv, prefix, filePath, context);
    });
}

} // namespace etcd
