// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/operations/keyexport.h"

#include "client/etcdclient.h"
#include "client/keyrange.h"
#include "state/operations/exportformat.h"
#include "state/keyspace/keypager.h"
#include "state/operations/operationrunner.h"

#include <QDateTime>
#include <QFileInfo>
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

    KeyPager::Options o;
    o.key = prefix;
    o.rangeEnd = keyrange::prefixEnd(prefix);
    o.pinRevision = true;
    KeyPager pager(kv, o);
    const QLocale locale;
    bool headerWritten = false;
    while (true) {
        if (context.stopRequested()) {
            file.cancelWriting();
            summary.cancelled = true;
            return summary;
        }
        auto page = pager.next();
        if (!page.ok()) {
            file.cancelWriting();
            return page.error();
        }
        if (!headerWritten) {
            // The first page tells the revision and how many keys there are at it.
            summary.revision = pager.firstRevision();
            exportformat::Header header;
            header.prefix = prefix;
            header.revision = summary.revision;
            header.exportedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
            header.count = pager.totalKeys();
            context.setProgressMaximum(header.count);
            const QByteArray line = exportformat::headerLine(header);
            if (file.write(line) != line.size()) {
                file.cancelWriting();
                return fileError(file, path);
            }
            headerWritten = true;
        }
        if (page->isEmpty())
            break;
        QByteArray chunk;
        for (const KeyValue &entry : page.value()) {
            if (summary.keys > 0)
                chunk += ",\n";
            chunk += exportformat::entryLine(entry);
            summary.base64Keys += exportformat::isUtf8(entry.key) ? 0 : 1;
            summary.base64Values += exportformat::isUtf8(entry.value) ? 0 : 1;
            ++summary.keys;
        }
        if (file.write(chunk) != chunk.size()) {
            file.cancelWriting();
            return fileError(file, path);
        }
        context.setProgress(summary.keys, QStringLiteral("Exported %1 of %2 keys")
                                              .arg(locale.toString(summary.keys))
                                              .arg(locale.toString(pager.totalKeys())));
    }
    if (summary.keys != pager.totalKeys()) {
        // Cannot happen for a walk at one revision; a file whose count lies must not be written.
        file.cancelWriting();
        return EtcdError::client(ErrorCode::Internal,
                                 QStringLiteral("export read %1 keys where etcd counted %2; nothing was written")
                                     .arg(summary.keys)
                                     .arg(pager.totalKeys()));
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
