// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcderror.h"
#include "state/operations/operationreport.h"

#include <QFuture>
#include <QString>

namespace etcd {

class EtcdClient;

struct ExportSummary
{
    QString filePath;
    QByteArray prefix;
    qint64 revision = 0; // every key as it was at this revision
    qint64 keys = 0;     // written to the file (when cancelled: read before the stop)
    qint64 fileBytes = 0;
    int base64Keys = 0; // keys that are not UTF-8 text, so stored as base64
    int base64Values = 0;
    bool cancelled = false; // stopped on request: no file was written
};

// Write every key under `prefix` (all of them for an empty prefix) with its value and metadata to
// `filePath` as JSON (format: state/exportformat.h), all as of one revision. Keys are read a page
// at a time and written as they come, so memory stays flat whatever the size; the file appears
// (atomically, replacing any old one) only when the export is complete. A read: allowed on
// read-only connections. Progress counts keys; stops on request (StopToken or QFuture::cancel()).
QFuture<EtcdResult<ExportSummary>> exportPrefix(EtcdClient *client, const QByteArray &prefix, const QString &filePath,
                                                const StopToken &stop = {});

} // namespace etcd
