// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>

namespace etcd::detail {

// How a person names a key range (etcd's [key, rangeEnd) conventions, see keyrange.h):
// `the key "/a"`, `the prefix "/app/"`, `all keys`, `the keys from "/a" on`, `the keys from "/a" to "/b"`.
QString describeKeys(const QByteArray &key, const QByteArray &rangeEnd);

// etcd's "permission denied" says neither who nor what. This says both:
// `permission denied by etcd: user "alice" may not read the prefix "/other/" (...)`.
// `operation` is the call's name ("range", "put", "delete", "watch", "user list", ...); `keys` comes
// from describeKeys, or is empty for calls not about keys. An empty `user` is the connection's
// client certificate (etcd takes the user from its common name).
QString describeRefusal(const QString &user, const char *operation, const QString &keys);

} // namespace etcd::detail
