// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/connectionoptions.h"

#include <QByteArray>
#include <QString>

namespace etcd {

// "Copy as etcdctl command": a bash command line that does with etcdctl (v3) what the console
// does, for a person to repeat, script or hand to a colleague.
//
// The connection's flags come along: --endpoints, --user=NAME (never a password: etcdctl asks for
// it), --cacert/--cert/--key. (A command that feeds etcdctl through a pipe first asks for the
// password with bash's read, since etcdctl would read its password prompt's answer from the pipe.) Every key and value
// is quoted so that bash hands etcdctl exactly its bytes: plain words as they are, text in '...', anything else in
// $'...' with \xHH escapes. A value that is not printable text, or is large, is fed to `etcdctl put KEY` on stdin
// through printf (bash's builtin printf has no argument size limit; etcdctl reads the value from stdin when the value
// argument is omitted). A key containing a NUL byte cannot be an argument at all; those commands become an `etcdctl
// txn`, whose script quotes keys as Go strings ("\x00").
class EtcdctlCommand
{
public:
    explicit EtcdctlCommand(const ConnectionOptions &connection, const QString &program = QStringLiteral("etcdctl"));

    QString get(const QByteArray &key) const;
    QString getPrefix(const QByteArray &prefix) const;
    QString put(const QByteArray &key, const QByteArray &value) const;
    QString del(const QByteArray &key) const;
    QString delPrefix(const QByteArray &prefix) const;
    // etcdctl txn: put `value` only if the key's mod revision is still `expectedModRevision` (0: only
    // if the key does not exist); otherwise print the key as it is now.
    QString compareAndSwap(const QByteArray &key, const QByteArray &value, qint64 expectedModRevision) const;
    // etcdctl txn: delete the key only if its mod revision is still `expectedModRevision`.
    QString compareAndDelete(const QByteArray &key, qint64 expectedModRevision) const;

    // Values up to this size that are printable text go on the command line itself.
    static constexpr int maxInlineValueBytes = 4096;

    // One bash word that stands for exactly `bytes` (which must not contain NUL).
    static QString shellQuote(const QByteArray &bytes);
    // A quoted printf format that prints exactly `bytes` (NUL included): printf FORMAT | ...
    static QString printfFormat(const QByteArray &bytes);
    // A Go double-quoted string literal, as etcdctl txn reads keys and values: printable text as it
    // is, everything else escaped, never a raw newline.
    static QString goQuote(const QByteArray &bytes);

private:
    QString command(const QString &arguments) const;
    // `producer | etcdctl arguments`, asking for the password first when there is a user.
    QString piped(const QString &producer, const QString &arguments) const;
    // The same action as an etcdctl txn without compares (keys with NUL bytes).
    QString txn(const QStringList &compares, const QStringList &success, const QStringList &failure) const;
    static QString separated(const QByteArray &first, const QByteArray *second = nullptr);

    QString m_globalFlags; // program and connection flags, quoted
    QString m_user;
};

} // namespace etcd
