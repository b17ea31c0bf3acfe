// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "k8s/kubevalue.h"

#include "format/utf8.h"
#include "k8s/kubetypes.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/message.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/wire_format_lite.h>
#include <yaml-cpp/yaml.h>

#include "k8s/generic.pb.h"
#include "k8s/meta.pb.h"
#include "k8s/runtime.pb.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <set>
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

// Kubernetes' JSON forms: metav1.Time in whole seconds, metav1.MicroTime with six digits.
std::string rfc3339(qint64 seconds, int nanos, bool micro)
{
    const QDateTime at = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    std::string s = at.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")).toStdString();
    if (micro) {
        char frac[16];
        std::snprintf(frac, sizeof frac, ".%06d", std::clamp(nanos, 0, 999999999) / 1000);
        s += frac;
    }
    return s + "Z";
}

// A Go time.Duration's String(): "1h0m0s", "1m30s", "1.5s", "250ms", "0s".
std::string goDuration(qint64 ns)
{
    if (ns == 0)
        return "0s";
    std::string sign = ns < 0 ? "-" : "";
    unsigned long long u = ns < 0 ? 0ULL - static_cast<unsigned long long>(ns) : static_cast<unsigned long long>(ns);
    auto fraction = [](unsigned long long v, int digits) {
        // v as an integer part and `digits` decimals, trailing zeros dropped.
        std::string whole = std::to_string(v / static_cast<unsigned long long>(std::pow(10, digits)));
        std::string frac = std::to_string(v % static_cast<unsigned long long>(std::pow(10, digits)));
        frac.insert(0, static_cast<size_t>(digits) - frac.size(), '0');
        while (!frac.empty() && frac.back() == '0')
            frac.pop_back();
        return frac.empty() ? whole : whole + "." + frac;
    };
    if (u < 1000ULL)
        return sign + std::to_string(u) + "ns";
    if (u < 1000000ULL)
        return sign + fraction(u, 3) + "µs";
    if (u < 1000000000ULL)
        return sign + fraction(u, 6) + "ms";
    std::string out;
    const unsigned long long hours = u / 3600000000000ULL;
    u %= 3600000000000ULL;
    const unsigned long long minutes = u / 60000000000ULL;
    u %= 60000000000ULL;
    if (hours > 0)
        out += std::to_string(hours) + "h";
    if (hours > 0 || minutes > 0)
        out += std::to_string(minutes) + "m";
    return sign + out + fraction(u, 9) + "s";
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

// A string YAML would read back as something else (a number, a boolean, null) is quoted, as
// kubectl does, so "8080" in a label stays a string.
bool readsAsNonString(const std::string &s)
{
    if (s.empty())
        return true;
    static const char *const words[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"};
    std::string lower(s);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (const char *w : words)
        if (lower == w)
            return true;
    char *end = nullptr;
    std::strtod(s.c_str(), &end);
    return end && *end == '\0';
}

bool endsWith(const std::string &s, const char *suffix)
{
    const size_t n = std::strlen(suffix);
    return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

// apiextensions' own message `name`, in v1 or v1beta1.
bool isApiextensions(const std::string &fullName, const char *name)
{
    return fullName.rfind("k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.", 0) == 0 &&
           (endsWith(fullName, (std::string(".v1.") + name).c_str()) ||
            endsWith(fullName, (std::string(".v1beta1.") + name).c_str()));
}

class Writer
{
public:
    using Entries = std::vector<std::pair<std::string, std::function<void()>>>;

    explicit Writer(const DecodeOptions &options) : m_options(options) {}

    YAML::Emitter &out() { return m_out; }

    void text(const std::string &s)
    {
        if (readsAsNonString(s))
            m_out << YAML::DoubleQuoted << s;
        else
            m_out << s;
    }

    // The object at the top: apiVersion and kind from the envelope beside the message's fields.
    void object(const pb::Message &m, const std::string &apiVersion, const std::string &kind, bool secret, bool *masked)
    {
        Entries extra;
        extra.emplace_back("apiVersion", [this, apiVersion] { text(apiVersion); });
        extra.emplace_back("kind", [this, kind] { text(kind); });
        message(m, 0, std::move(extra), secret ? masked : nullptr);
    }

    // A message as a map of its set fields by JSON name (unknown fields as "field N"), keys sorted
    // as kubectl sorts them; the apimachinery types in their JSON forms.
    void message(const pb::Message &m, int depth, Entries extra = {}, bool *secretMasked = nullptr)
    {
        if (special(m, depth))
            return;
        if (depth >= m_options.maxDepth) {
            m_out << YAML::Null;
            return;
        }
        Entries entries = std::move(extra);
        collect(m, depth, secretMasked, &entries);
        std::stable_sort(entries.begin(), entries.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        m_out << YAML::BeginMap;
        for (const auto &[name, emit] : entries) {
            m_out << YAML::Key << name << YAML::Value;
            emit();
        }
        m_out << YAML::EndMap;
    }

    // The entries of a message's map: its set fields, those of fields Go embeds inline, and
    // unknown fields by number.
    void collect(const pb::Message &m, int depth, bool *secretMasked, Entries *entries)
    {
        const pb::Reflection *r = m.GetReflection();
        std::vector<const pb::FieldDescriptor *> set;
        r->ListFields(m, &set);
        for (const pb::FieldDescriptor *f : set) {
            if (!f->is_repeated() && f->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING &&
                f->type() == pb::FieldDescriptor::TYPE_STRING && r->GetString(m, f).empty())
                continue; // Go's omitempty: kube-apiserver writes every empty string
            if (isInline(f) && depth < m_options.maxDepth) {
                collect(r->GetMessage(m, f), depth + 1, nullptr, entries);
                continue;
            }
            const bool mask = secretMasked && (f->name() == "data" || f->name() == "stringData") && f->is_map();
            entries->emplace_back(f->json_name(), [this, &m, f, depth, mask, secretMasked] {
                if (mask)
                    maskedMap(m, f, secretMasked);
                else
                    field(m, f, depth);
            });
        }
        const pb::UnknownFieldSet &unknown = r->GetUnknownFields(m);
        std::vector<int> numbers;
        for (int i = 0; i < unknown.field_count(); ++i)
            if (std::find(numbers.begin(), numbers.end(), unknown.field(i).number()) == numbers.end())
                numbers.push_back(unknown.field(i).number());
        for (const int number : numbers)
            entries->emplace_back("field " + std::to_string(number),
                                  [this, &unknown, number, depth] { unknownField(unknown, number, depth); });
    }

    // Fields Go embeds with `json:",inline"`: their own fields show in the containing object.
    static bool isInline(const pb::FieldDescriptor *f)
    {
        if (f->is_repeated() || f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE)
            return false;
        static const std::set<std::string> inlined{
            "k8s.io.api.core.v1.Volume.volumeSource",
            "k8s.io.api.core.v1.PersistentVolumeSpec.persistentVolumeSource",
            "k8s.io.api.core.v1.Probe.handler",
            "k8s.io.api.core.v1.EphemeralContainer.ephemeralContainerCommon",
            "k8s.io.api.networking.v1.IngressRule.ingressRuleValue",
            "k8s.io.api.admissionregistration.v1.RuleWithOperations.rule",
            "k8s.io.api.admissionregistration.v1.NamedRuleWithOperations.ruleWithOperations",
        };
        return f->name() == "localObjectReference" || inlined.count(f->full_name()) > 0;
    }

    // Fields of no known definition, by number: repeated ones as one list.
    void unknownFields(const pb::UnknownFieldSet &set, int depth)
    {
        std::vector<int> numbers;
        for (int i = 0; i < set.field_count(); ++i)
            if (std::find(numbers.begin(), numbers.end(), set.field(i).number()) == numbers.end())
                numbers.push_back(set.field(i).number());
        m_out << YAML::BeginMap;
        for (const int number : numbers) {
            m_out << YAML::Key << ("field " + std::to_string(number)) << YAML::Value;
            unknownField(set, number, depth);
        }
        m_out << YAML::EndMap;
    }

private:
    void unknownField(const pb::UnknownFieldSet &set, int number, int depth)
    {
        std::vector<const pb::UnknownField *> all;
        for (int i = 0; i < set.field_count(); ++i)
            if (set.field(i).number() == number)
                all.push_back(&set.field(i));
        if (all.size() == 1) {
            unknownValue(*all.front(), depth);
            return;
        }
        m_out << YAML::BeginSeq;
        for (const pb::UnknownField *f : all)
            unknownValue(*f, depth);
        m_out << YAML::EndSeq;
    }

    void unknownValue(const pb::UnknownField &f, int depth)
    {
        switch (f.type()) {
        case pb::UnknownField::TYPE_VARINT: m_out << static_cast<long long>(f.varint()); return;
        case pb::UnknownField::TYPE_FIXED32: m_out << f.fixed32(); return;
        case pb::UnknownField::TYPE_FIXED64: m_out << static_cast<unsigned long long>(f.fixed64()); return;
        case pb::UnknownField::TYPE_GROUP:
            if (depth < m_options.maxDepth)
                unknownFields(f.group(), depth + 1);
            else
                m_out << YAML::Null;
            return;
        case pb::UnknownField::TYPE_LENGTH_DELIMITED: unknownBytes(f.length_delimited(), depth); return;
        }
        m_out << YAML::Null;
    }

    void unknownBytes(const std::string &b, int depth)
    {
        if (b.empty()) {
            m_out << YAML::DoubleQuoted << "";
            return;
        }
        if (isText(b)) {
            text(b);
            return;
        }
        if (depth < m_options.maxDepth) {
            pb::UnknownFieldSet nested;
            if (nested.ParseFromString(b) && nested.field_count() > 0) {
                unknownFields(nested, depth + 1);
                return;
            }
        }
        m_out << base64(b);
    }

    void field(const pb::Message &m, const pb::FieldDescriptor *f, int depth)
    {
        const pb::Reflection *r = m.GetReflection();
        if (f->is_map()) {
            map(m, f, depth);
            return;
        }
        if (f->is_repeated()) {
            m_out << YAML::BeginSeq;
            for (int i = 0; i < r->FieldSize(m, f); ++i)
                element(m, f, i, depth);
            m_out << YAML::EndSeq;
            return;
        }
        element(m, f, -1, depth);
    }

    // One value of a field (index -1: a singular field).
    void element(const pb::Message &m, const pb::FieldDescriptor *f, int i, int depth)
    {
        const pb::Reflection *r = m.GetReflection();
        const bool rep = i >= 0;
        switch (f->cpp_type()) {
        case pb::FieldDescriptor::CPPTYPE_INT32:
            m_out << (rep ? r->GetRepeatedInt32(m, f, i) : r->GetInt32(m, f));
            return;
        case pb::FieldDescriptor::CPPTYPE_INT64:
            m_out << static_cast<long long>(rep ? r->GetRepeatedInt64(m, f, i) : r->GetInt64(m, f));
            return;
        case pb::FieldDescriptor::CPPTYPE_UINT32:
            m_out << (rep ? r->GetRepeatedUInt32(m, f, i) : r->GetUInt32(m, f));
            return;
        case pb::FieldDescriptor::CPPTYPE_UINT64:
            m_out << static_cast<unsigned long long>(rep ? r->GetRepeatedUInt64(m, f, i) : r->GetUInt64(m, f));
            return;
        case pb::FieldDescriptor::CPPTYPE_DOUBLE:
            m_out << (rep ? r->GetRepeatedDouble(m, f, i) : r->GetDouble(m, f));
            return;
        case pb::FieldDescriptor::CPPTYPE_FLOAT:
            m_out << (rep ? r->GetRepeatedFloat(m, f, i) : r->GetFloat(m, f));
            return;
        case pb::FieldDescriptor::CPPTYPE_BOOL: m_out << (rep ? r->GetRepeatedBool(m, f, i) : r->GetBool(m, f)); return;
        case pb::FieldDescriptor::CPPTYPE_ENUM:
            m_out << (rep ? r->GetRepeatedEnum(m, f, i) : r->GetEnum(m, f))->name();
            return;
        case pb::FieldDescriptor::CPPTYPE_STRING: {
            const std::string s = rep ? r->GetRepeatedString(m, f, i) : r->GetString(m, f);
            if (f->type() == pb::FieldDescriptor::TYPE_BYTES)
                m_out << base64(s);
            else
                text(s);
            return;
        }
        case pb::FieldDescriptor::CPPTYPE_MESSAGE:
            message(rep ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f), depth + 1);
            return;
        }
        m_out << YAML::Null;
    }

    static std::string mapKey(const pb::Message &entry)
    {
        const pb::FieldDescriptor *k = entry.GetDescriptor()->map_key();
        const pb::Reflection *r = entry.GetReflection();
        switch (k->cpp_type()) {
        case pb::FieldDescriptor::CPPTYPE_STRING: return r->GetString(entry, k);
        case pb::FieldDescriptor::CPPTYPE_INT32: return std::to_string(r->GetInt32(entry, k));
        case pb::FieldDescriptor::CPPTYPE_INT64: return std::to_string(r->GetInt64(entry, k));
        case pb::FieldDescriptor::CPPTYPE_UINT32: return std::to_string(r->GetUInt32(entry, k));
        case pb::FieldDescriptor::CPPTYPE_UINT64: return std::to_string(r->GetUInt64(entry, k));
        case pb::FieldDescriptor::CPPTYPE_BOOL: return r->GetBool(entry, k) ? "true" : "false";
        default: return {};
        }
    }

    std::vector<std::pair<std::string, const pb::Message *>> sortedEntries(const pb::Message &m,
                                                                           const pb::FieldDescriptor *f)
    {
        const pb::Reflection *r = m.GetReflection();
        std::vector<std::pair<std::string, const pb::Message *>> entries;
        for (int i = 0; i < r->FieldSize(m, f); ++i) {
            const pb::Message &e = r->GetRepeatedMessage(m, f, i);
            entries.emplace_back(mapKey(e), &e);
        }
        std::stable_sort(entries.begin(), entries.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        return entries;
    }

    void map(const pb::Message &m, const pb::FieldDescriptor *f, int depth)
    {
        const pb::FieldDescriptor *value = f->message_type()->map_value();
        m_out << YAML::BeginMap;
        for (const auto &[key, entry] : sortedEntries(m, f)) {
            m_out << YAML::Key;
            text(key);
            m_out << YAML::Value;
            element(*entry, value, -1, depth);
        }
        m_out << YAML::EndMap;
    }

    // A Secret's data and stringData: masked unless revealed, and never kept anywhere else.
    void maskedMap(const pb::Message &m, const pb::FieldDescriptor *f, bool *masked)
    {
        if (m_options.revealSecrets) {
            map(m, f, 0);
            return;
        }
        const pb::FieldDescriptor *value = f->message_type()->map_value();
        m_out << YAML::BeginMap;
        for (const auto &[key, entry] : sortedEntries(m, f)) {
            m_out << YAML::Key;
            text(key);
            m_out << YAML::Value
                  << ("<hidden: " + std::to_string(entry->GetReflection()->GetString(*entry, value).size()) +
                      " bytes>");
            *masked = true;
        }
        m_out << YAML::EndMap;
    }

    // JSON kept as bytes (RawExtension, apiextensions JSON, managedFields): shown as the value it is.
    void json(const std::string &raw, int depth)
    {
        if (raw.empty()) {
            m_out << YAML::Null;
            return;
        }
        try {
            const YAML::Node node = YAML::Load(raw);
            if (raw.front() == '{' || raw.front() == '[' || raw.front() == '"' || node.IsScalar()) {
                yamlNode(node, depth);
                return;
            }
        } catch (const YAML::Exception &) {
        }
        m_out << base64(raw);
    }

    void yamlNode(const YAML::Node &node, int depth)
    {
        if (depth >= m_options.maxDepth) {
            m_out << YAML::Null;
            return;
        }
        switch (node.Type()) {
        case YAML::NodeType::Map: {
            // Sorted through indexes: assigning a YAML::Node (as sorting would) rewrites the node
            // it refers to.
            std::vector<std::string> keys;
            std::vector<YAML::Node> values;
            for (const auto &kv : node) {
                keys.push_back(kv.first.Scalar());
                values.push_back(kv.second);
            }
            std::vector<size_t> order(keys.size());
            std::iota(order.begin(), order.end(), size_t(0));
            std::stable_sort(order.begin(), order.end(), [&keys](size_t a, size_t b) { return keys[a] < keys[b]; });
            m_out << YAML::BeginMap;
            for (const size_t i : order) {
                m_out << YAML::Key;
                text(keys[i]);
                m_out << YAML::Value;
                yamlNode(values[i], depth + 1);
            }
            m_out << YAML::EndMap;
            return;
        }
        case YAML::NodeType::Sequence:
            m_out << YAML::BeginSeq;
            for (const auto &v : node)
                yamlNode(v, depth + 1);
            m_out << YAML::EndSeq;
            return;
        case YAML::NodeType::Scalar:
            if (node.Tag() == "!")
                text(node.Scalar()); // a JSON string
            else
                m_out << node.Scalar();
            return;
        default: m_out << YAML::Null; return;
        }
    }

    // The apimachinery types JSON shows as a single value.
    bool special(const pb::Message &m, int depth)
    {
        const std::string &name = m.GetDescriptor()->full_name();
        if (name.rfind("k8s.io.", 0) != 0)
            return false;
        const pb::Reflection *r = m.GetReflection();
        const pb::Descriptor *d = m.GetDescriptor();
        auto num = [&](int n) { return d->FindFieldByNumber(n); };
        if (name == "k8s.io.apimachinery.pkg.apis.meta.v1.Time" ||
            name == "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime") {
            m_out << rfc3339(r->GetInt64(m, num(1)), r->GetInt32(m, num(2)), endsWith(name, "MicroTime"));
            return true;
        }
        if (name == "k8s.io.apimachinery.pkg.apis.meta.v1.Duration") {
            m_out << goDuration(r->GetInt64(m, num(1)));
            return true;
        }
        if (name == "k8s.io.apimachinery.pkg.util.intstr.IntOrString") {
            if (r->GetInt64(m, num(1)) == 1)
                text(r->GetString(m, num(3)));
            else
                m_out << r->GetInt32(m, num(2));
            return true;
        }
        if (name == "k8s.io.apimachinery.pkg.api.resource.Quantity") {
            text(r->GetString(m, num(1)));
            return true;
        }
        if (name == "k8s.io.apimachinery.pkg.runtime.RawExtension" ||
            name == "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1" || isApiextensions(name, "JSON")) {
            json(r->GetString(m, num(1)), depth);
            return true;
        }
        // A user's extra attributes (certificates, authentication): a plain list of strings in JSON.
        if (endsWith(name, ".v1.ExtraValue") && num(1) && num(1)->is_repeated()) {
            m_out << YAML::BeginSeq;
            for (int i = 0; i < r->FieldSize(m, num(1)); ++i)
                text(r->GetRepeatedString(m, num(1), i));
            m_out << YAML::EndSeq;
            return true;
        }
        // apiextensions' JSONSchemaPropsOr*: a schema, or else the plain alternative.
        if (isApiextensions(name, "JSONSchemaPropsOrBool")) {
            if (r->HasField(m, num(2)))
                message(r->GetMessage(m, num(2)), depth + 1);
            else
                m_out << r->GetBool(m, num(1));
            return true;
        }
        if (isApiextensions(name, "JSONSchemaPropsOrArray") || isApiextensions(name, "JSONSchemaPropsOrStringArray")) {
            if (r->HasField(m, num(1))) {
                message(r->GetMessage(m, num(1)), depth + 1);
                return true;
            }
            const pb::FieldDescriptor *alt = num(2);
            m_out << YAML::BeginSeq;
            for (int i = 0; alt && i < r->FieldSize(m, alt); ++i)
                element(m, alt, i, depth);
            m_out << YAML::EndSeq;
            return true;
        }
        return false;
    }

    const DecodeOptions &m_options;
    YAML::Emitter m_out;
};

Decoded fail(Decoded d, const QString &why)
{
    d.ok = false;
    d.error = QStringLiteral("cannot decode: %1").arg(why);
    return d;
}

// The envelope's parts without copying the object's bytes.
struct Envelope
{
    std::string apiVersion, kind, contentEncoding, contentType;
    const char *raw = nullptr;
    int rawSize = 0;
    bool ok = false;
};

Envelope readEnvelope(const QByteArray &value)
{
    Envelope e;
    const auto *data = reinterpret_cast<const quint8 *>(value.constData()) + kProtobufMagic.size();
    const int size = static_cast<int>(value.size() - kProtobufMagic.size());
    pb::io::CodedInputStream in(data, size);
    while (true) {
        const quint32 tag = in.ReadTag();
        if (tag == 0)
            break;
        const int number = int(tag >> 3);
        if ((tag & 7) != 2) {
            if (!pb::internal::WireFormatLite::SkipField(&in, tag))
                return e;
            continue;
        }
        quint32 length = 0;
        if (!in.ReadVarint32(&length) || int(length) > size - in.CurrentPosition())
            return e;
        if (number == 2) {
            e.raw = reinterpret_cast<const char *>(data) + in.CurrentPosition();
            e.rawSize = int(length);
            in.Skip(int(length));
        } else if (number == 1) {
            runtime::TypeMeta t;
            const auto limit = in.PushLimit(int(length));
            if (!t.MergePartialFromCodedStream(&in) || !in.ConsumedEntireMessage())
                return e;
            in.PopLimit(limit);
            e.apiVersion = t.apiversion();
            e.kind = t.kind();
        } else {
            std::string s;
            if (!in.ReadString(&s, int(length)))
                return e;
            if (number == 3)
                e.contentEncoding = s;
            else if (number == 4)
                e.contentType = s;
        }
    }
    e.ok = in.ConsumedEntireMessage() && in.CurrentPosition() == size;
    return e;
}

QString checkEnvelope(const QByteArray &value, Envelope *e)
{
    if (storageOf(value) == Storage::Encrypted) {
        Encryption enc;
        return parseEncryption(value, &enc) ? enc.describe()
                                            : QStringLiteral("an encrypted value with a damaged prefix");
    }
    if (storageOf(value) != Storage::Protobuf)
        return QStringLiteral("not a Kubernetes protobuf value (it does not start with \"k8s\\x00\")");
    *e = readEnvelope(value);
    if (!e->ok)
        return QStringLiteral("the envelope after \"k8s\\x00\" is not a valid runtime.Unknown (truncated or damaged)");
    if (e->kind.empty())
        return QStringLiteral("the envelope names no kind");
    if (!e->contentEncoding.empty())
        return QStringLiteral("the object's bytes are %1-encoded").arg(QString::fromStdString(e->contentEncoding));
    if (!e->contentType.empty() && e->contentType.find("protobuf") == std::string::npos)
        return QStringLiteral("the object is stored as %1").arg(QString::fromStdString(e->contentType));
    return {};
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
    Envelope e;
    if (const QString why = checkEnvelope(value, &e); !why.isEmpty()) {
        d.apiVersion = QString::fromStdString(e.apiVersion);
        d.kind = QString::fromStdString(e.kind);
        return fail(d, why);
    }
    d.apiVersion = QString::fromStdString(e.apiVersion);
    d.kind = QString::fromStdString(e.kind);

    const pb::Descriptor *type = messageTypeFor(d.apiVersion, d.kind);
    d.typed = type != nullptr;
    std::unique_ptr<pb::Message> object;
    if (type)
        object.reset(pb::MessageFactory::generated_factory()->GetPrototype(type)->New());
    else
        object = std::make_unique<::etcdconsole::kube::GenericObject>();
    if (!object->ParsePartialFromArray(e.raw, e.rawSize)) {
        // A field of another wire type than our definition says (damage, or a kind that changed):
        // read it by field number like a kind without a definition, and say so.
        auto generic = std::make_unique<::etcdconsole::kube::GenericObject>();
        if (!generic->ParsePartialFromArray(e.raw, e.rawSize)) {
            pb::UnknownFieldSet fields;
            if (fields.ParseFromArray(e.raw, e.rawSize))
                return fail(d, QStringLiteral("the %1's metadata (field 1) is damaged").arg(d.kind));
            return fail(
                d,
                QStringLiteral("the %1 object inside the envelope is damaged (%2 bytes)").arg(d.kind).arg(e.rawSize));
        }
        object = std::move(generic);
        d.typed = false;
        d.note = QStringLiteral("it does not match this console's definition of %1 %2, so it is shown by field number")
                     .arg(d.apiVersion, d.kind);
    }
    const pb::FieldDescriptor *metaField = object->GetDescriptor()->FindFieldByNumber(1);
    if (metaField && metaField->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE &&
        metaField->message_type()->full_name() == meta::ObjectMeta::descriptor()->full_name()) {
        const auto &m = static_cast<const meta::ObjectMeta &>(object->GetReflection()->GetMessage(*object, metaField));
        d.name = QString::fromStdString(m.name());
        d.ns = QString::fromStdString(m.namespace_());
    }

    Writer w(options);
    const bool secret = d.kind == QLatin1String("Secret") && d.apiVersion == QLatin1String("v1");
    w.object(*object, e.apiVersion, e.kind, secret, &d.secretMasked);
    if (!w.out().good())
        return fail(d, QString::fromStdString(w.out().GetLastError()));
    d.yaml = QString::fromUtf8(w.out().c_str()) + QLatin1Char('\n');
    d.ok = true;
    return d;
}

ObjectInfo readObjectInfo(const QByteArray &value)
{
    ObjectInfo info;
    info.storage = storageOf(value);
    if (info.storage != Storage::Protobuf)
        return info;
    Envelope e = readEnvelope(value);
    if (!e.ok)
        return info;
    info.apiVersion = QString::fromStdString(e.apiVersion);
    info.kind = QString::fromStdString(e.kind);
    // Only field 1 of the object (its ObjectMeta) is read; the rest is skipped.
    pb::io::CodedInputStream in(reinterpret_cast<const quint8 *>(e.raw), e.rawSize);
    while (true) {
        const quint32 tag = in.ReadTag();
        if (tag == 0)
            break;
        if (tag != (1u << 3 | 2u)) {
            if (!pb::internal::WireFormatLite::SkipField(&in, tag))
                return info;
            continue;
        }
        quint32 length = 0;
        if (!in.ReadVarint32(&length))
            return info;
        const auto limit = in.PushLimit(int(length));
        meta::ObjectMeta m;
        if (!m.MergePartialFromCodedStream(&in) || !in.ConsumedEntireMessage())
            return info;
        in.PopLimit(limit);
        info.name = QString::fromStdString(m.name());
        info.ns = QString::fromStdString(m.namespace_());
        info.uid = QString::fromStdString(m.uid());
        if (m.has_creationtimestamp())
            info.created = QDateTime::fromSecsSinceEpoch(m.creationtimestamp().seconds(), Qt::UTC);
        for (const auto &[k, v] : m.labels())
            info.labels.insert(QString::fromStdString(k), QString::fromStdString(v));
        info.ok = true;
        return info;
    }
    info.ok = true; // an object without metadata
    return info;
}

QByteArray encodeObject(const QByteArray &apiVersion, const QByteArray &kind, const pb::Message &object)
{
    runtime::Unknown envelope;
    envelope.mutable_typemeta()->set_apiversion(apiVersion.toStdString());
    envelope.mutable_typemeta()->set_kind(kind.toStdString());
    envelope.set_raw(object.SerializeAsString());
    return kProtobufMagic + QByteArray::fromStdString(envelope.SerializeAsString());
}

} // namespace etcd::k8s
