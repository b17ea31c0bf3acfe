// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcderror.h"
#include "state/operations/operationreport.h"

#include <QFuture>
#include <QString>
#include <QVector>

#include <optional>

namespace etcd {

class EtcdClient;

struct ImportEntry
{
    enum class State {
        New,       // absent from etcd
        Identical, // present with the same value
        Different, // present with another value
    };
    QByteArray key; // where it goes (re-rooted under the target prefix)
    QByteArray value;
    State state = State::New;
    qint64 currentModRevision = 0; // in etcd at the preview's revision; 0: absent
    bool leasedInFile = false;     // attached to a lease when exported (imports attach no lease)
};

// What an import file would do to etcd now. Apply it with applyImport().
struct ImportPreview
{
    QString filePath;
    QByteArray filePrefix;
    QByteArray targetPrefix; // the file's prefix is replaced by this one
    qint64 fileRevision = 0; // the revision the file was exported at
    QString exportedAt;
    qint64 revision = 0; // etcd's revision when compared
    int newKeys = 0;
    int identicalKeys = 0;
    int differentKeys = 0;
    int leasedInFile = 0;
    QVector<ImportEntry> entries; // sorted by key
};

enum class ImportMode {
    CreateOnly, // only keys that do not exist (compare create_revision == 0); existing ones are left and listed
    Overwrite,  // also replace different values, if unchanged since the preview (compare mod_revision)
};

// Read and check an export file (see state/exportformat.h; errors say where in the file), then
// compare each key with etcd, all at one revision. targetPrefix re-roots the keys: the file's
// prefix is replaced by it (std::nullopt: keys go where they came from). The file is held in memory
// (its values are what the import writes). A read: allowed on read-only connections.
QFuture<EtcdResult<ImportPreview>> previewImport(EtcdClient *client, const QString &filePath,
                                                 const std::optional<QByteArray> &targetPrefix = std::nullopt);

// Write the previewed keys. Identical keys are not written (report.unchanged). A key that changed
// after the preview is never overwritten: it is reported (Exists/Changed/Missing). Up to 128 keys
// per transaction; leases are not restored. Refused at once on a read-only connection.
QFuture<EtcdResult<OperationReport>> applyImport(EtcdClient *client, const ImportPreview &preview, ImportMode mode,
                                                 const StopToken &stop = {});

} // namespace etcd

Q_DECLARE_METATYPE(etcd::ImportPreview)
