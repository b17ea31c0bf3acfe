// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "k8s/kubevalue.h"

#include "format/utf8.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/unknown_field_set.h>
#include <yaml-cpp/yaml.h>

#include "k8s/meta.pb.h"
#include "k8s/runtime.pb.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace etcd::k8s {

namespace {

namespace pb = google::protobuf;
namespace meta = ::k8s::io::apimachinery::pkg::apis::meta::v1;
namespace runtime = ::k8s::io::apimachinery::pkg::runtime;

Q_LOGGING_CATEGORY(lcProtobuf, "etcd.protobuf", QtWarningMsg)

// A damaged value makes protobuf log (in a debug build) about every string that is not UTF-8;
// what is wrong with a value is said once, in the decoding's error, so these go to a category.
void quietProtobufLogging()
{
    static const bool done = [] {
        google::protobuf::SetLogHandler([](google::protobuf::LogLevel, const char *, int, const std::string &message) {
            qCDebug(lcProtobuf, "%s", message.c_str());
        });
        return true;
    }();
    Q_UNUSED(done)
}

const QByteArray kProtobufMagic("k8s\0", 4);
const QByteArray kEncryptedMagic("k8s:enc:");

std::string rfc3339(const meta::Time &t)
{
    QDateTime at = QDateTime::fromSecsSinceEpoch(t.seconds(), Qt::UTC);
    if (t.nanos() > 0)
        return at.addMSecs(t.nanos() / 1000000).toString(Qt::ISODateWithMs).toStdString();
    return at.toString(Qt::ISODate).toStdString();
}

// Text a person can read as such: strictly valid UTF-8 without control characters other than tab
// and new lines (protobuf tags of low field numbers are control bytes, so a message is never this).
bool isText(const std::string &bytes)
{
    return utf8::isPlainText(QByteArray::fromRawData(bytes.data(), static_cast<qsizetype>(bytes.size())));
}

std::string base64(const std::string &bytes)
{
    return QByteArray::fromRawData(bytes.data(), static_cast<qsizetype>(bytes.size())).toBase64().toStdString();
}

class Writer
{
public:
    Writer(const DecodeOptions &options) : m_options(options) {}

    void fields(const pb::UnknownFieldSet &set, int depth)
    {
        // Repeated fields come as one key with a list, in the order of their first appearance.
        std::vector<int> order;
        std::map<int, std::vector<const pb::UnknownField *>> byNumber;
        for (int i = 0; i < set.field_count(); ++i) {
            const pb::UnknownField &f = set.field(i);
            if (byNumber.find(f.number()) == byNumber.end())
                order.push_back(f.number());
            byNumber[f.number()].push_back(&f);
        }
        m_out << YAML::BeginMap;
        for (const int number : order) {
            m_out << YAML::Key << ("field " + std::to_string(number)) << YAML::Value;
            const auto &all = byNumber[number];
            if (all.size() == 1) {
                value(*all.front(), depth);
            } else {
                m_out << YAML::BeginSeq;
                for (const pb::UnknownField *f : all)
                    value(*f, depth);
                m_out << YAML::EndSeq;
            }
        }
        m_out << YAML::EndMap;
    }

    void value(const pb::UnknownField &f, int depth)
    {
        switch (f.type()) {
        case pb::UnknownField::TYPE_VARINT: m_out << static_cast<long long>(f.varint()); return;
        case pb::UnknownField::TYPE_FIXED32: m_out << f.fixed32(); return;
        case pb::UnknownField::TYPE_FIXED64: m_out << static_cast<unsigned long long>(f.fixed64()); return;
        case pb::UnknownField::TYPE_GROUP:
            if (depth < m_options.maxDepth)
                fields(f.group(), depth + 1);
            else
                m_out << YAML::Null;
            return;
        case pb::UnknownField::TYPE_LENGTH_DELIMITED: bytes(f.length_delimited(), depth); return;
        }
        m_out << YAML::Null;
    }

    void bytes(const std::string &b, int depth)
    {
        if (b.empty()) {
            m_out << YAML::DoubleQuoted << "";
            return;
        }
        if (isText(b)) {
            m_out << b;
            return;
        }
        if (depth < m_options.maxDepth) {
            pb::UnknownFieldSet nested;
            if (nested.ParseFromString(b) && nested.field_count() > 0) {
                fields(nested, depth + 1);
                return;
            }
        }
        m_out << base64(b);
    }

    void time(const char *key, bool has, const meta::Time &t)
    {
        if (has)
            m_out << YAML::Key << key << YAML::Value << rfc3339(t);
    }

    void stringMap(const char *key, const pb::Map<std::string, std::string> &map)
    {
        if (map.empty())
            return;
        std::map<std::string, std::string> sorted(map.begin(), map.end());
        m_out << YAML::Key << key << YAML::Value << YAML::BeginMap;
        for (const auto &[k, v] : sorted)
            m_out << YAML::Key << k << YAML::Value << YAML::DoubleQuoted << v;
        m_out << YAML::EndMap;
    }

    // kubectl's order: keys sorted, as JSON-to-YAML sorts them.
    void metadata(const meta::ObjectMeta &m)
    {
        m_out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
        stringMap("annotations", m.annotations());
        time("creationTimestamp", m.has_creationtimestamp(), m.creationtimestamp());
        if (m.has_deletiongraceperiodseconds())
            m_out << YAML::Key << "deletionGracePeriodSeconds" << YAML::Value
                  << static_cast<long long>(m.deletiongraceperiodseconds());
        time("deletionTimestamp", m.has_deletiontimestamp(), m.deletiontimestamp());
        if (m.finalizers_size() > 0) {
            m_out << YAML::Key << "finalizers" << YAML::Value << YAML::BeginSeq;
            for (const std::string &f : m.finalizers())
                m_out << f;
            m_out << YAML::EndSeq;
        }
        if (m.has_generatename())
            m_out << YAML::Key << "generateName" << YAML::Value << m.generatename();
        if (m.has_generation())
            m_out << YAML::Key << "generation" << YAML::Value << static_cast<long long>(m.generation());
        stringMap("labels", m.labels());
        if (m.managedfields_size() > 0) {
            m_out << YAML::Key << "managedFields" << YAML::Value << YAML::BeginSeq;
            for (const meta::ManagedFieldsEntry &e : m.managedfields()) {
                m_out << YAML::BeginMap;
                m_out << YAML::Key << "apiVersion" << YAML::Value << e.apiversion();
                if (e.has_fieldstype())
                    m_out << YAML::Key << "fieldsType" << YAML::Value << e.fieldstype();
                if (e.has_fieldsv1())
                    m_out << YAML::Key << "fieldsV1" << YAML::Value << e.fieldsv1().raw();
                m_out << YAML::Key << "manager" << YAML::Value << e.manager();
                m_out << YAML::Key << "operation" << YAML::Value << e.operation();
                if (e.has_subresource())
                    m_out << YAML::Key << "subresource" << YAML::Value << e.subresource();
                time("time", e.has_time(), e.time());
                m_out << YAML::EndMap;
            }
            m_out << YAML::EndSeq;
        }
        if (m.has_name())
            m_out << YAML::Key << "name" << YAML::Value << m.name();
        if (m.has_namespace_())
            m_out << YAML::Key << "namespace" << YAML::Value << m.namespace_();
        if (m.ownerreferences_size() > 0) {
            m_out << YAML::Key << "ownerReferences" << YAML::Value << YAML::BeginSeq;
            for (const meta::OwnerReference &o : m.ownerreferences()) {
                m_out << YAML::BeginMap << YAML::Key << "apiVersion" << YAML::Value << o.apiversion();
                if (o.has_blockownerdeletion())
                    m_out << YAML::Key << "blockOwnerDeletion" << YAML::Value << o.blockownerdeletion();
                if (o.has_controller())
                    m_out << YAML::Key << "controller" << YAML::Value << o.controller();
                m_out << YAML::Key << "kind" << YAML::Value << o.kind() << YAML::Key << "name" << YAML::Value
                      << o.name() << YAML::Key << "uid" << YAML::Value << o.uid() << YAML::EndMap;
            }
            m_out << YAML::EndSeq;
        }
        if (m.has_resourceversion())
            m_out << YAML::Key << "resourceVersion" << YAML::Value << m.resourceversion();
        if (m.has_selflink())
            m_out << YAML::Key << "selfLink" << YAML::Value << m.selflink();
        if (m.has_uid())
            m_out << YAML::Key << "uid" << YAML::Value << m.uid();
        m_out << YAML::EndMap;
    }

    // A Secret's data (field 2, map<string, bytes>) and stringData (field 4): masked unless revealed.
    void secretData(const char *key, const std::vector<const pb::UnknownField *> &entries, bool *masked)
    {
        std::map<std::string, std::string> sorted;
        for (const pb::UnknownField *f : entries) {
            pb::UnknownFieldSet entry;
            if (f->type() != pb::UnknownField::TYPE_LENGTH_DELIMITED || !entry.ParseFromString(f->length_delimited()))
                continue;
            std::string k, v;
            for (int i = 0; i < entry.field_count(); ++i) {
                const pb::UnknownField &e = entry.field(i);
                if (e.type() != pb::UnknownField::TYPE_LENGTH_DELIMITED)
                    continue;
                (e.number() == 1 ? k : v) = e.length_delimited();
            }
            sorted[k] = v;
        }
        m_out << YAML::Key << key << YAML::Value << YAML::BeginMap;
        for (const auto &[k, v] : sorted) {
            m_out << YAML::Key << k << YAML::Value;
            if (m_options.revealSecrets) {
                m_out << base64(v);
            } else {
                m_out << ("<hidden: " + std::to_string(v.size()) + " bytes>");
                *masked = true;
            }
        }
        m_out << YAML::EndMap;
    }

    YAML::Emitter &out() { return m_out; }

private:
    const DecodeOptions &m_options;
    YAML::Emitter m_out;
};

Decoded fail(Decoded d, const QString &why)
{
    d.ok = false;
    d.error = QStringLiteral("cannot decode: %1").arg(why);
    return d;
}

} // namespace

Storage storageOf(const QByteArray &value)
{
    if (value.startsWith(kEncryptedMagic))
        return Storage::Encrypted;
    if (value.startsWith(kProtobufMagic))
        return Storage::Protobuf;
    return Storage::Other;
}

QString Encryption::describe() const
{
    return QStringLiteral("encrypted at rest (%1%2, key %3), %4 bytes")
        .arg(provider, version == QLatin1String("v1") ? QString() : QStringLiteral(" ") + version, keyName)
        .arg(payloadBytes);
}

bool parseEncryption(const QByteArray &value, Encryption *out)
{
    // k8s:enc:<provider>:<version>:<key name>:<ciphertext>
    if (!value.startsWith(kEncryptedMagic))
        return false;
    QList<QByteArray> parts;
    qsizetype from = kEncryptedMagic.size();
    for (int i = 0; i < 3; ++i) {
        const qsizetype colon = value.indexOf(':', from);
        if (colon < 0 || colon - from > 256)
            return false;
        parts << value.mid(from, colon - from);
        from = colon + 1;
    }
    out->provider = QString::fromUtf8(parts[0]);
    out->version = QString::fromUtf8(parts[1]);
    out->keyName = QString::fromUtf8(parts[2]);
    out->payloadBytes = value.size() - from;
    return !out->provider.isEmpty();
}

Decoded decode(const QByteArray &value, const DecodeOptions &options)
{
    quietProtobufLogging();
    Decoded d;
    if (storageOf(value) == Storage::Encrypted) {
        Encryption e;
        return fail(d, parseEncryption(value, &e) ? e.describe()
                                                  : QStringLiteral("an encrypted value with a damaged prefix"));
    }
    if (storageOf(value) != Storage::Protobuf)
        return fail(d, QStringLiteral("not a Kubernetes protobuf value (it does not start with \"k8s\\x00\")"));
    runtime::Unknown envelope;
    if (!envelope.ParseFromArray(value.constData() + kProtobufMagic.size(),
                                 static_cast<int>(value.size() - kProtobufMagic.size())))
        return fail(
            d, QStringLiteral("the envelope after \"k8s\\x00\" is not a valid runtime.Unknown (truncated or damaged)"));
    d.apiVersion = QString::fromStdString(envelope.typemeta().apiversion());
    d.kind = QString::fromStdString(envelope.typemeta().kind());
    if (d.kind.isEmpty())
        return fail(d, QStringLiteral("the envelope names no kind"));
    if (!envelope.contentencoding().empty())
        return fail(d, QStringLiteral("the object's bytes are %1-encoded")
                           .arg(QString::fromStdString(envelope.contentencoding())));
    const std::string &contentType = envelope.contenttype();
    if (!contentType.empty() && contentType.find("protobuf") == std::string::npos)
        return fail(d, QStringLiteral("the object is stored as %1").arg(QString::fromStdString(contentType)));

    pb::UnknownFieldSet object;
    if (!object.ParseFromString(envelope.raw()))
        return fail(d, QStringLiteral("the %1 object inside the envelope is damaged (%2 bytes)")
                           .arg(d.kind)
                           .arg(envelope.raw().size()));
    meta::ObjectMeta metadata;
    bool hasMetadata = false;
    std::map<int, std::vector<const pb::UnknownField *>> rest;
    std::vector<int> order;
    for (int i = 0; i < object.field_count(); ++i) {
        const pb::UnknownField &f = object.field(i);
        if (f.number() == 1 && f.type() == pb::UnknownField::TYPE_LENGTH_DELIMITED) {
            if (!metadata.ParseFromString(f.length_delimited()))
                return fail(d, QStringLiteral("the %1's metadata (field 1) is damaged").arg(d.kind));
            hasMetadata = true;
            continue;
        }
        if (rest.find(f.number()) == rest.end())
            order.push_back(f.number());
        rest[f.number()].push_back(&f);
    }
    d.name = QString::fromStdString(metadata.name());
    d.ns = QString::fromStdString(metadata.namespace_());

    Writer w(options);
    YAML::Emitter &out = w.out();
    out << YAML::BeginMap;
    out << YAML::Key << "apiVersion" << YAML::Value << envelope.typemeta().apiversion();
    out << YAML::Key << "kind" << YAML::Value << envelope.typemeta().kind();
    if (hasMetadata)
        w.metadata(metadata);
    const bool secret = d.kind == QLatin1String("Secret") && d.apiVersion == QLatin1String("v1");
    for (const int number : order) {
        const auto &all = rest[number];
        if (secret && (number == 2 || number == 4)) {
            w.secretData(number == 2 ? "data" : "stringData", all, &d.secretMasked);
            continue;
        }
        out << YAML::Key << ("field " + std::to_string(number)) << YAML::Value;
        if (all.size() == 1) {
            w.value(*all.front(), 1);
        } else {
            out << YAML::BeginSeq;
            for (const pb::UnknownField *f : all)
                w.value(*f, 1);
            out << YAML::EndSeq;
        }
    }
    out << YAML::EndMap;
    if (!out.good())
        return fail(d, QString::fromStdString(out.GetLastError()));
    d.yaml = QString::fromUtf8(out.c_str()) + QLatin1Char('\n');
    d.ok = true;
    return d;
}

} // namespace etcd::k8s
