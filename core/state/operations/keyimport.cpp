// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/operations/keyimport.h"

#include "client/etcdclient.h"
#include "state/operations/exportformat.h"
#include "state/operations/guardedwriter.h"
#include "state/operations/operationrunner.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>

namespace etcd {

using namespace detail;

namespace {

// The whole file is parsed in memory (QJsonDocument cannot stream); beyond this size, say so
// rather than run out of memory. An etcd database is 2 GiB at most by default, 8 GiB at most.
constexpr qint64 maxImportFileBytes = qint64(1) << 30;
constexpr int maxReadsPerTxn = GuardedWriter::defaultMaxPerBranch;
constexpr qint64 maxValueBytesPerRead = 4 << 20; // keeps each comparison's response far below gRPC's limits

EtcdResult<ImportPreview> readFile(const QString &path, const std::optional<QByteArray> &targetPrefix)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return EtcdError::client(ErrorCode::NotFound,
                                 QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > maxImportFileBytes)
        return EtcdError::client(ErrorCode::ResourceExhausted,
                                 QStringLiteral("%1 is larger than 1 GiB; import it in parts").arg(path));
    auto parsed = exportformat::parse(file.readAll(), QFileInfo(path).fileName());
    if (!parsed.ok())
        return parsed.error();
    const exportformat::File &contents = parsed.value();

    ImportPreview preview;
    preview.filePath = path;
    preview.filePrefix = contents.header.prefix;
    preview.targetPrefix = targetPrefix.value_or(contents.header.prefix);
    preview.fileRevision = contents.header.revision;
    preview.exportedAt = contents.header.exportedAt;
    preview.entries.reserve(contents.keys.size());
    for (const KeyValue &kv : contents.keys) {
        ImportEntry entry;
        entry.key = preview.targetPrefix + kv.key.mid(preview.filePrefix.size());
        entry.value = kv.value;
        entry.leasedInFile = kv.lease != 0;
        preview.leasedInFile += entry.leasedInFile ? 1 : 0;
        preview.entries.push_back(std::move(entry));
    }
    std::sort(preview.entries.begin(), preview.entries.end(),
              [](const ImportEntry &a, const ImportEntry &b) { return a.key < b.key; });
    return preview;
}

EtcdResult<ImportPreview> previewNow(const Kv &kv, const QString &path, const std::optional<QByteArray> &targetPrefix,
                                     OperationContext &context)
{
    auto read = readFile(path, targetPrefix);
    if (!read.ok())
        return read.error();
    ImportPreview preview = std::move(read).value();
    QVector<ImportEntry> &entries = preview.entries;
    context.setProgressMaximum(entries.size());
    const QLocale locale;

    // Read-only transactions of single-key reads; every one after the first reads at the first
    // one's revision, so the whole preview (and the Overwrite compares) describe one moment.
    int next = 0;
    while (next < entries.size()) {
        if (context.stopRequested())
            return EtcdError::client(ErrorCode::Aborted, QStringLiteral("import preview stopped"));
        const int start = next;
        TxnSpec txn;
        qint64 bytes = 0;
        while (next < entries.size() && txn.success.size() < maxReadsPerTxn &&
               (txn.success.isEmpty() || bytes + entries[next].value.size() <= maxValueBytesPerRead)) {
            RangeOptions get = RangeOptions::single(entries[next].key);
            get.revision = preview.revision;
            txn.success << TxnOp::get(get);
            bytes += entries[next].value.size();
            ++next;
        }
        auto result = awaitResult(kv.txn(txn));
        if (!result.ok())
            return result.error();
        if (preview.revision == 0)
            preview.revision = result->header.revision;
        for (int i = start; i < next; ++i) {
            ImportEntry &entry = entries[i];
            const QVector<KeyValue> &now = result->responses[i - start].range.kvs;
            if (now.isEmpty()) {
                entry.state = ImportEntry::State::New;
                ++preview.newKeys;
                continue;
            }
            entry.currentModRevision = now.first().modRevision;
            entry.state =
                now.first().value == entry.value ? ImportEntry::State::Identical : ImportEntry::State::Different;
            ++(entry.state == ImportEntry::State::Identical ? preview.identicalKeys : preview.differentKeys);
        }
        context.setProgress(
            next,
            QStringLiteral("Compared %1 of %2 keys").arg(locale.toString(next)).arg(locale.toString(entries.size())));
    }
    if (preview.revision == 0) { // an empty file: still say when it was compared
        auto now = awaitResult(kv.get(preview.targetPrefix));
        if (!now.ok())
            return now.error();
        preview.revision = now->header.revision;
    }
    return preview;
}

EtcdResult<OperationReport> applyNow(const Kv &kv, const ImportPreview &preview, ImportMode mode,
                                     OperationContext &context)
{
    OperationReport report;
    report.action = QStringLiteral("Imported");
    report.total = preview.entries.size();
    context.setProgressMaximum(report.total);
    QHash<QByteArray, qint64> seen; // mod revision at the preview, for the report's words
    QVector<GuardedWrite> writes;
    for (const ImportEntry &entry : preview.entries) {
        if (entry.state == ImportEntry::State::Identical) {
            ++report.unchanged;
            continue;
        }
        if (mode == ImportMode::CreateOnly && entry.state == ImportEntry::State::Different) {
            report.addProblem(entry.key, KeyProblem::Exists,
                              QStringLiteral("exists with another value (modified at revision %1); a create-only "
                                             "import leaves it")
                                  .arg(entry.currentModRevision));
            continue;
        }
        GuardedWrite w;
        w.key = entry.key;
        // create_revision == 0 for a key that must not exist; otherwise the revision the preview saw
        // (for a key absent at the preview, mod_revision == 0 means: still absent).
        w.compares << (mode == ImportMode::CreateOnly
                           ? Compare::createRevision(entry.key, Compare::Equal, 0)
                           : Compare::modRevision(entry.key, Compare::Equal, entry.currentModRevision));
        w.ops << TxnOp::putKey(entry.key, entry.value);
        writes.push_back(std::move(w));
        seen.insert(entry.key, entry.currentModRevision);
    }

    GuardedWriter writer(kv, context, report, [&seen](const GuardedWrite &w, const QHash<QByteArray, KeyValue> &now) {
        const qint64 previewed = seen.value(w.key);
        const auto it = now.constFind(w.key);
        if (it == now.constEnd())
            return KeyProblem{w.key, KeyProblem::Missing,
                              QStringLiteral("deleted after the preview; not created again")};
        if (previewed == 0)
            return KeyProblem{w.key, KeyProblem::Exists,
                              QStringLiteral("created by someone else after the preview (at revision %1); not "
                                             "overwritten")
                                  .arg(it->createRevision)};
        return KeyProblem{w.key, KeyProblem::Changed,
                          QStringLiteral("changed after the preview (previewed at revision %1, changed at %2); not "
                                         "overwritten")
                              .arg(previewed)
                              .arg(it->modRevision)};
    });
    const QLocale locale;
    writer.setAfterEachTransaction([&] {
        context.setProgress(report.handled(), QStringLiteral("Imported %1 of %2 keys")
                                                  .arg(locale.toString(report.done))
                                                  .arg(locale.toString(report.total)));
    });
    writer.apply(writes);
    return toResult(report);
}

} // namespace

QFuture<EtcdResult<ImportPreview>> previewImport(EtcdClient *client, const QString &filePath,
                                                 const std::optional<QByteArray> &targetPrefix)
{
    return runOperation<ImportPreview>({}, [kv = client->kv(), filePath, targetPrefix](OperationContext &context) {
        return previewNow(kv, filePath, targetPrefix, context);
    });
}

QFuture<EtcdResult<OperationReport>> applyImport(EtcdClient *client, const ImportPreview &preview, ImportMode mode,
                                                 const StopToken &stop)
{
    if (client->isReadOnly())
        return refuse<OperationReport>(EtcdError::readOnlyRefusal(QStringLiteral("import")));
    return runOperation<OperationReport>(stop, [kv = client->kv(), preview, mode](OperationContext &context) {
        return applyNow(kv, preview, mode, context);
    });
}

} // namespace etcd
