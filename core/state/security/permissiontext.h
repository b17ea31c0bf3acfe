// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/authtypes.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace etcd::permissiontext {

// What part of the keyspace a permission covers, as a person thinks of it. etcd stores only
// [key, rangeEnd) (client/keyrange.h conventions); these are the shapes etcdctl produces.
enum class RangeKind {
    ExactKey, // rangeEnd empty: the key itself
    Prefix,   // rangeEnd == prefixEnd(key): every key starting with key
    AllKeys,  // key "\0", rangeEnd "\0": the whole keyspace (etcdctl's empty key with --prefix)
    FromKey,  // rangeEnd "\0": every key >= key
    Range,    // anything else: [key, rangeEnd)
};

// Keys are written as everywhere else in the console (format/keytext.h).

RangeKind kindOf(const QByteArray &key, const QByteArray &rangeEnd);
// "exact key", "prefix", "all keys", "from key", "range"
QString kindName(RangeKind kind);
// "/app/config" (exact key), "/app/*" (prefix), "all keys", ">= /app/" (from key), "[/a, /b)" (range).
QString describeRange(const QByteArray &key, const QByteArray &rangeEnd);
// "read", "write", "readwrite"
QString typeName(Permission::Type type);
// "readwrite /app/*"
QString describe(const Permission &permission);

// The reverse, for input: what a person typed (key bytes) and chose (ExactKey, Prefix or AllKeys;
// FromKey also works). Returns false with *error in plain words when it cannot be granted (an empty
// key for an exact key or a prefix; Range, which needs an end this function is not given).
bool rangeFor(RangeKind kind, const QByteArray &typed, QByteArray *key, QByteArray *rangeEnd, QString *error);

} // namespace etcd::permissiontext
