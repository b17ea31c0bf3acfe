// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/operations/etcdctlcommand.h"

#include <QChar>
#include <QStringList>

namespace etcd {

namespace {

// The length of the valid UTF-8 sequence at `i` (0 if there is none) and its code point.
int utf8At(const QByteArray &bytes, int i, char32_t *codePoint)
{
    const auto lead = static_cast<unsigned char>(bytes.at(i));
    if (lead < 0x80) {
        *codePoint = lead;
        return 1;
    }
    int length = 0;
    char32_t value = 0;
    char32_t smallest = 0;
    if ((lead & 0xe0) == 0xc0) {
        length = 2;
        value = lead & 0x1f;
        smallest = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
        length = 3;
        value = lead & 0x0f;
        smallest = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
        length = 4;
        value = lead & 0x07;
        smallest = 0x10000;
    } else {
        return 0;
    }
    if (i + length > bytes.size())
        return 0;
    for (int k = 1; k < length; ++k) {
        const auto c = static_cast<unsigned char>(bytes.at(i + k));
        if ((c & 0xc0) != 0x80)
            return 0;
        value = (value << 6) | (c & 0x3f);
    }
    if (value < smallest || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
        return 0; // overlong, out of range, or a surrogate
    *codePoint = value;
    return length;
}

// Shown as itself in a terminal: no control or format characters (which include the bidi
// overrides that can make a command look like something it is not).
bool isPrintable(char32_t c)
{
    return c == U' ' || (c > 0x20 && c != 0x7f && QChar::isPrint(c));
}

bool isPrintableText(const QByteArray &bytes)
{
    for (int i = 0; i < bytes.size();) {
        char32_t c = 0;
        const int n = utf8At(bytes, i, &c);
        if (n == 0 || !isPrintable(c))
            return false;
        i += n;
    }
    return true;
}

bool isUtf8WithoutNul(const QByteArray &bytes)
{
    for (int i = 0; i < bytes.size();) {
        char32_t c = 0;
        const int n = utf8At(bytes, i, &c);
        if (n == 0 || c == 0)
            return false;
        i += n;
    }
    return true;
}

// Copies printable characters through `literal` and hands everything else, byte by byte, to `escape`.
template<typename Literal, typename Escape>
QByteArray transcribe(const QByteArray &bytes, Literal literal, Escape escape)
{
    QByteArray out;
    out.reserve(bytes.size() + 8);
    for (int i = 0; i < bytes.size();) {
        char32_t c = 0;
        const int n = utf8At(bytes, i, &c);
        if (n > 0 && isPrintable(c)) {
            if (n == 1)
                out += literal(bytes.at(i));
            else
                out += bytes.mid(i, n); // printable non-ASCII text stays readable
            i += n;
            continue;
        }
        for (int k = 0; k < std::max(n, 1); ++k)
            out += escape(static_cast<unsigned char>(bytes.at(i + k)));
        i += std::max(n, 1);
    }
    return out;
}

QByteArray hexEscape(unsigned char c)
{
    switch (c) {
    case '\n': return "\\n";
    case '\t': return "\\t";
    case '\r': return "\\r";
    default: return "\\x" + QByteArray::number(c, 16).rightJustified(2, '0');
    }
}

bool startsWithDash(const QByteArray &bytes)
{
    return bytes.startsWith('-');
}

} // namespace

EtcdctlCommand::EtcdctlCommand(const ConnectionOptions &connection, const QString &program)
{
    bool tls = connection.tls.enabled || !connection.tls.caFile.isEmpty() || !connection.tls.certFile.isEmpty();
    QStringList endpoints;
    for (const QString &e : connection.endpoints) {
        bool https = false;
        const QString hostPort = ConnectionOptions::normalizeEndpoint(e, &https);
        tls = tls || https;
        endpoints << (hostPort.isEmpty() ? e.trimmed() : hostPort);
    }
    if (tls) {
        for (QString &e : endpoints) {
            if (!e.contains(QLatin1String("://")) && !e.startsWith(QLatin1String("unix:")))
                e.prepend(QStringLiteral("https://"));
        }
    }
    QStringList words{shellQuote(program.toUtf8()),
                      shellQuote("--endpoints=" + endpoints.join(QLatin1Char(',')).toUtf8())};
    // The user's name only: etcdctl asks for the password itself, so it never lands in a shell
    // history, a clipboard manager or a ticket.
    if (!connection.user.isEmpty())
        words << shellQuote("--user=" + connection.user.toUtf8());
    m_user = connection.user;
    if (!connection.tls.caFile.isEmpty())
        words << shellQuote("--cacert=" + connection.tls.caFile.toUtf8());
    if (!connection.tls.certFile.isEmpty())
        words << shellQuote("--cert=" + connection.tls.certFile.toUtf8());
    if (!connection.tls.keyFile.isEmpty())
        words << shellQuote("--key=" + connection.tls.keyFile.toUtf8());
    if (tls && connection.tls.caFile.isEmpty() && connection.tls.certFile.isEmpty())
        words << QStringLiteral("--insecure-transport=false"); // TLS with the system's trust store
    m_globalFlags = words.join(QLatin1Char(' '));
}

QString EtcdctlCommand::shellQuote(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return QStringLiteral("''");
    static const QByteArray plain("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/.:,=+@%-");
    if (std::all_of(bytes.begin(), bytes.end(), [](char c) { return plain.contains(c); }))
        return QString::fromLatin1(bytes);
    if (isPrintableText(bytes)) {
        QByteArray quoted = bytes;
        quoted.replace('\'', "'\\''");
        return QString::fromUtf8('\'' + quoted + '\'');
    }
    const QByteArray body = transcribe(
        bytes,
        [](char c) -> QByteArray {
            if (c == '\\')
                return "\\\\";
            if (c == '\'')
                return "\\'";
            if (c == '!')
                return "\\x21"; // never mind whether interactive history expansion looks inside $'...'
            return QByteArray(1, c);
        },
        hexEscape); // bash reads at most two hex digits after \x, so a digit after it stays a digit
    return QString::fromUtf8("$'" + body + '\'');
}

QString EtcdctlCommand::printfFormat(const QByteArray &bytes)
{
    const QByteArray body = transcribe(
        bytes,
        [](char c) -> QByteArray {
            if (c == '%')
                return "%%";
            if (c == '\\')
                return "\\\\";
            if (c == '\'')
                return "\\047";
            return QByteArray(1, c);
        },
        [](unsigned char c) -> QByteArray {
            if (c == '\n')
                return "\\n";
            // Always three octal digits (POSIX printf reads at most three), so a digit after it stays a digit.
            return '\\' + QByteArray::number(c, 8).rightJustified(3, '0');
        });
    return QString::fromUtf8('\'' + body + '\'');
}

QString EtcdctlCommand::goQuote(const QByteArray &bytes)
{
    const QByteArray body = transcribe(
        bytes,
        [](char c) -> QByteArray {
            if (c == '"' || c == '\\')
                return QByteArray(1, '\\') + c;
            return QByteArray(1, c);
        },
        hexEscape); // Go's \x takes exactly two hex digits
    return QString::fromUtf8('"' + body + '"');
}

QString EtcdctlCommand::command(const QString &arguments) const
{
    return m_globalFlags + QLatin1Char(' ') + arguments;
}

QString EtcdctlCommand::separated(const QByteArray &first, const QByteArray *second)
{
    // etcdctl would take a key or value starting with '-' for an option, unless after "--".
    QString words = startsWithDash(first) || (second && startsWithDash(*second)) ? QStringLiteral("-- ") : QString();
    words += shellQuote(first);
    if (second)
        words += QLatin1Char(' ') + shellQuote(*second);
    return words;
}

QString EtcdctlCommand::txn(const QStringList &compares, const QStringList &success, const QStringList &failure) const
{
    // etcdctl txn reads three blocks from stdin, each line by line up to a blank line: compares,
    // then the requests if they hold, then the requests if not. Every line is pure printable text
    // (goQuote escapes the rest), so printf '%s\n' can hand each one over as a quoted word.
    QStringList words{QStringLiteral("printf '%s\\n'")};
    for (const QStringList *block : {&compares, &success, &failure}) {
        for (const QString &line : *block)
            words << shellQuote(line.toUtf8());
        words << QStringLiteral("''");
    }
    return piped(words.join(QLatin1Char(' ')), QStringLiteral("txn"));
}

QString EtcdctlCommand::piped(const QString &producer, const QString &arguments) const
{
    QString pipeline = producer + QStringLiteral(" | ") + command(arguments);
    if (m_user.isEmpty())
        return pipeline;
    // etcdctl reads the password it asks for from stdin, which is the pipe here: ask for it first,
    // and hand it over in ETCDCTL_PASSWORD (= --password), inside a subshell that ends with the command.
    return QStringLiteral("(read -rsp %1 ETCDCTL_PASSWORD && echo >&2 && export ETCDCTL_PASSWORD && %2)")
        .arg(shellQuote("etcd password for " + m_user.toUtf8() + ": "), pipeline);
}

namespace {

// "put -- "k" "v"": a txn request line; `--` when etcdctl could take a key or value for an option.
QString txnRequest(const char *verb, const QByteArray &key, const QByteArray *value = nullptr)
{
    QString line = QString::fromLatin1(verb) + QLatin1Char(' ');
    if (startsWithDash(key) || (value && startsWithDash(*value)))
        line += QStringLiteral("-- ");
    line += EtcdctlCommand::goQuote(key);
    if (value)
        line += QLatin1Char(' ') + EtcdctlCommand::goQuote(*value);
    return line;
}

} // namespace

QString EtcdctlCommand::get(const QByteArray &key) const
{
    if (key.contains('\0'))
        return txn({}, {txnRequest("get", key)}, {});
    return command(QStringLiteral("get ") + separated(key));
}

QString EtcdctlCommand::getPrefix(const QByteArray &prefix) const
{
    if (prefix.contains('\0'))
        return txn({}, {txnRequest("get --prefix", prefix)}, {});
    return command(QStringLiteral("get --prefix ") + separated(prefix));
}

QString EtcdctlCommand::put(const QByteArray &key, const QByteArray &value) const
{
    if (key.contains('\0'))
        return txn({}, {txnRequest("put", key, &value)}, {});
    // Short text goes on the command line. Anything else comes through stdin (an empty value
    // cannot: etcdctl refuses an empty stdin, but '' is text).
    if (value.size() <= maxInlineValueBytes && isUtf8WithoutNul(value))
        return command(QStringLiteral("put ") + separated(key, &value));
    return piped(QStringLiteral("printf ") + printfFormat(value), QStringLiteral("put ") + separated(key));
}

QString EtcdctlCommand::del(const QByteArray &key) const
{
    if (key.contains('\0'))
        return txn({}, {txnRequest("del", key)}, {});
    return command(QStringLiteral("del ") + separated(key));
}

QString EtcdctlCommand::delPrefix(const QByteArray &prefix) const
{
    if (prefix.contains('\0'))
        return txn({}, {txnRequest("del --prefix", prefix)}, {});
    return command(QStringLiteral("del --prefix ") + separated(prefix));
}

QString EtcdctlCommand::compareAndSwap(const QByteArray &key, const QByteArray &value, qint64 expectedModRevision) const
{
    const QString compare =
        expectedModRevision == 0
            ? QStringLiteral("create(%1) = \"0\"").arg(goQuote(key))
            : QStringLiteral("mod(%1) = \"%2\"").arg(goQuote(key), QString::number(expectedModRevision));
    return txn({compare}, {txnRequest("put", key, &value)}, {txnRequest("get", key)});
}

QString EtcdctlCommand::compareAndDelete(const QByteArray &key, qint64 expectedModRevision) const
{
    const QString compare = QStringLiteral("mod(%1) = \"%2\"").arg(goQuote(key), QString::number(expectedModRevision));
    return txn({compare}, {txnRequest("del", key)}, {txnRequest("get", key)});
}

} // namespace etcd
