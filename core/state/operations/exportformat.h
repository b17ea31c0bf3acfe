// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcderror.h"
#include "client/kvtypes.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace etcd::detail::exportformat {

// The export file: JSON, one key per line so that it diffs well, streamed while the keys are read.
//
//   {"format":"etcd-console-export","version":1,"prefix":"/app/","revision":42,
//    "exportedAt":"2024-05-01T12:00:00.000Z","count":2,"keys":[
//   {"key":"/app/a","value":"text","createRevision":5,"modRevision":9,"version":2,"lease":"0"},
//   {"keyBase64":"L2FwcC//","valueBase64":"AAEC","createRevision":7,"modRevision":7,"version":1,"lease":"694d7a1b2c3d4e5f"}
//   ]}
//
// (the header is one line in the file). A key, value or prefix that is not valid UTF-8 is written
// as base64 under the name + "Base64", so every byte survives the round trip. "lease" is the hex
// lease id the key was attached to ("0": none); leases are not restored by an import.

inline constexpr char formatName[] = "etcd-console-export";
inline constexpr int version = 1;

struct Header
{
    QByteArray prefix;
    qint64 revision = 0;
    QString exportedAt; // ISO 8601, UTC
    qint64 count = 0;
};

struct File
{
    Header header;
    QVector<KeyValue> keys; // in file order
};

// Does `bytes` read as UTF-8 text and encode back to the very same bytes?
bool isUtf8(const QByteArray &bytes);

QByteArray headerLine(const Header &header); // ends with the opening of "keys" and a newline
QByteArray entryLine(const KeyValue &kv);    // one JSON object, without separator or newline
QByteArray footer();

// Parse and check a whole export file. Errors name the file and the position: line and column for
// malformed JSON, the entry (keys[i]) and its line for a bad entry.
EtcdResult<File> parse(const QByteArray &data, const QString &fileName);

} // namespace etcd::detail::exportformat
