// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/operations/exportformat.h"

#include "state/operations/operationreport.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace etcd::detail::exportformat {

namespace {

// A JSON string of valid UTF-8 bytes: only the quote, the backslash and control bytes need escaping.
QByteArray jsonString(const QByteArray &utf8)
{
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (u < 0x20) {
            out += "\\u00" + QByteArray::number(u, 16).rightJustified(2, '0');
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

// "name":"text" for UTF-8 bytes, "nameBase64":"..." for anything else.
QByteArray bytesMember(const char *name, const QByteArray &bytes)
{
    if (isUtf8(bytes))
        return '"' + QByteArray(name) + "\":" + jsonString(bytes);
    return '"' + QByteArray(name) + "Base64\":\"" + bytes.toBase64() + '"';
}

// Where each element of the top-level "keys" array starts, found by a scan that follows strings and
// nesting only: QJsonDocument keeps no positions, and a person fixing a file wants a line number.
QVector<qint64> entryOffsets(const QByteArray &json)
{
    QVector<qint64> offsets;
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    qint64 stringStart = 0;
    QByteArray lastName; // the last string seen directly inside the top-level object
    bool inKeys = false;
    bool expectElement = false;
    for (qint64 i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"') {
                inString = false;
                if (depth == 1)
                    lastName = json.mid(stringStart + 1, i - stringStart - 1);
            }
            continue;
        }
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        if (expectElement && depth == 2) {
            offsets.push_back(i);
            expectElement = false;
        }
        if (c == '"') {
            inString = true;
            stringStart = i;
        } else if (c == '{' || c == '[') {
            if (depth == 1 && c == '[' && lastName == "keys") {
                inKeys = true;
                expectElement = true;
            }
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
            if (depth == 1)
                inKeys = false;
        } else if (c == ',' && depth == 2 && inKeys) {
            expectElement = true;
        }
    }
    return offsets;
}

int lineAt(const QByteArray &data, qint64 offset)
{
    return static_cast<int>(data.left(offset).count('\n')) + 1;
}

EtcdError fileError(const QString &fileName, const QString &message)
{
    return EtcdError::client(ErrorCode::InvalidArgument, QStringLiteral("%1: %2").arg(fileName, message));
}

// Reads "name" or "nameBase64" of an object: exactly one of them, a string, valid base64.
bool readBytes(const QJsonObject &o, const char *name, QByteArray *out, QString *why)
{
    const QString text = QString::fromLatin1(name);
    const QString base64 = text + QStringLiteral("Base64");
    const bool hasText = o.contains(text);
    const bool hasBase64 = o.contains(base64);
    if (hasText == hasBase64) {
        *why = hasText ? QStringLiteral("has both \"%1\" and \"%2\"").arg(text, base64)
                       : QStringLiteral("has neither \"%1\" nor \"%2\"").arg(text, base64);
        return false;
    }
    const QJsonValue v = o.value(hasText ? text : base64);
    if (!v.isString()) {
        *why = QStringLiteral("\"%1\" is not a string").arg(hasText ? text : base64);
        return false;
    }
    if (hasText) {
        *out = v.toString().toUtf8();
        return true;
    }
    auto decoded = QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *why = QStringLiteral("\"%1\" is not valid base64").arg(base64);
        return false;
    }
    *out = *decoded;
    return true;
}

} // namespace

bool isUtf8(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes; // invalid sequences (and a leading BOM) do not survive
}

QByteArray headerLine(const Header &header)
{
    return "{\"format\":\"" + QByteArray(formatName) + "\",\"version\":" + QByteArray::number(version) + ',' +
           bytesMember("prefix", header.prefix) + ",\"revision\":" + QByteArray::number(header.revision) +
           ",\"exportedAt\":" + jsonString(header.exportedAt.toUtf8()) +
           ",\"count\":" + QByteArray::number(header.count) + ",\"keys\":[\n";
}

QByteArray entryLine(const KeyValue &kv)
{
    return '{' + bytesMember("key", kv.key) + ',' + bytesMember("value", kv.value) +
           ",\"createRevision\":" + QByteArray::number(kv.createRevision) +
           ",\"modRevision\":" + QByteArray::number(kv.modRevision) + ",\"version\":" + QByteArray::number(kv.version) +
           ",\"lease\":\"" + QByteArray::number(kv.lease, 16) + "\"}";
}

QByteArray footer()
{
    return "\n]}\n";
}

EtcdResult<File> parse(const QByteArray &data, const QString &fileName)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const qint64 offset = parseError.offset;
        const qint64 lineStart = data.lastIndexOf('\n', offset > 0 ? offset - 1 : 0) + 1;
        return fileError(fileName, QStringLiteral("line %1, column %2: %3 (not valid JSON)")
                                       .arg(lineAt(data, offset))
                                       .arg(offset - lineStart + 1)
                                       .arg(parseError.errorString()));
    }
    if (!doc.isObject())
        return fileError(fileName, QStringLiteral("not an etcd console export (not a JSON object)"));
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("format")).toString() != QLatin1String(formatName))
        return fileError(
            fileName,
            QStringLiteral("not an etcd console export (\"format\" is not \"%1\")").arg(QLatin1String(formatName)));
    const int fileVersion = root.value(QLatin1String("version")).toInt(-1);
    if (fileVersion > version)
        return fileError(fileName, QStringLiteral("written by a newer etcd console (format version %1; this one "
                                                  "reads version %2)")
                                       .arg(fileVersion)
                                       .arg(version));
    if (fileVersion != version)
        return fileError(fileName, QStringLiteral("\"version\" must be %1").arg(version));

    File file;
    QString why;
    if (!readBytes(root, "prefix", &file.header.prefix, &why))
        return fileError(fileName, QStringLiteral("the header %1").arg(why));
    file.header.revision = root.value(QLatin1String("revision")).toInteger();
    file.header.exportedAt = root.value(QLatin1String("exportedAt")).toString();
    const QJsonValue keys = root.value(QLatin1String("keys"));
    if (!keys.isArray())
        return fileError(fileName, QStringLiteral("\"keys\" is missing or not an array"));
    const QJsonArray entries = keys.toArray();
    const QJsonValue count = root.value(QLatin1String("count"));
    file.header.count = count.isUndefined() ? entries.size() : count.toInteger(-1);
    if (file.header.count != entries.size())
        return fileError(fileName, QStringLiteral("the header says %1 keys but the file holds %2: is it truncated?")
                                       .arg(count.toInteger(-1))
                                       .arg(entries.size()));

    QVector<qint64> offsets; // computed on the first error only
    auto where = [&](int index) {
        if (offsets.isEmpty())
            offsets = entryOffsets(data);
        const QString entry = QStringLiteral("keys[%1]").arg(index);
        return index < offsets.size() ? QStringLiteral("line %1 (%2)").arg(lineAt(data, offsets[index])).arg(entry)
                                      : entry;
    };
    QHash<QByteArray, int> seen;
    file.keys.reserve(entries.size());
    for (int i = 0; i < entries.size(); ++i) {
        if (!entries[i].isObject())
            return fileError(fileName, QStringLiteral("%1: an entry must be a JSON object").arg(where(i)));
        const QJsonObject o = entries[i].toObject();
        KeyValue kv;
        if (!readBytes(o, "key", &kv.key, &why) || !readBytes(o, "value", &kv.value, &why))
            return fileError(fileName, QStringLiteral("%1: the entry %2").arg(where(i), why));
        if (kv.key.isEmpty() || !kv.key.startsWith(file.header.prefix))
            return fileError(fileName, QStringLiteral("%1: the key \"%2\" is not under the file's prefix")
                                           .arg(where(i), keyForDisplay(kv.key)));
        if (seen.contains(kv.key))
            return fileError(fileName, QStringLiteral("%1: the key \"%2\" appears twice (also at %3)")
                                           .arg(where(i), keyForDisplay(kv.key), where(seen.value(kv.key))));
        seen.insert(kv.key, i);
        kv.createRevision = o.value(QLatin1String("createRevision")).toInteger();
        kv.modRevision = o.value(QLatin1String("modRevision")).toInteger();
        kv.version = o.value(QLatin1String("version")).toInteger();
        bool leaseOk = true;
        const QString lease = o.value(QLatin1String("lease")).toString(QStringLiteral("0"));
        kv.lease = lease.toLongLong(&leaseOk, 16);
        if (!leaseOk)
            return fileError(fileName, QStringLiteral("%1: \"lease\" must be a hexadecimal lease id").arg(where(i)));
        file.keys.push_back(std::move(kv));
    }
    return file;
}

} // namespace etcd::detail::exportformat
