// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Reading a schema: every keyword checked for its shape once, patterns compiled once, so that
// checking a value (jsonschemacheck.cpp) only compares.

#include "format/jsonschemanode.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cmath>

namespace etcd {

namespace {

using Node = JsonSchema::Node;

// Keywords that describe a value without constraining it: never a reason to say "not checked".
bool isAnnotation(const QString &k)
{
    static const QSet<QString> names{QStringLiteral("$schema"),         QStringLiteral("$id"),
                                     QStringLiteral("$comment"),        QStringLiteral("$anchor"),
                                     QStringLiteral("$vocabulary"),     QStringLiteral("title"),
                                     QStringLiteral("description"),     QStringLiteral("default"),
                                     QStringLiteral("examples"),        QStringLiteral("readOnly"),
                                     QStringLiteral("writeOnly"),       QStringLiteral("deprecated"),
                                     QStringLiteral("contentEncoding"), QStringLiteral("contentMediaType")};
    return names.contains(k) || k.startsWith(QLatin1String("x-"));
}

QString pointer(const QString &where, const QString &token)
{
    QString t = token;
    t.replace(QLatin1Char('~'), QLatin1String("~0")).replace(QLatin1Char('/'), QLatin1String("~1"));
    return where + QLatin1Char('/') + t;
}

class Compiler
{
public:
    QString error;
    QSet<QString> unchecked;

    std::unique_ptr<Node> compile(const QJsonValue &s, const QString &where, int depth)
    {
        auto node = std::make_unique<Node>();
        if (depth > JsonSchema::kMaxDepth) {
            bad(where, QStringLiteral("subschemas are nested more than %1 deep").arg(JsonSchema::kMaxDepth));
            return nullptr;
        }
        if (s.isBool()) {
            node->constant = s.toBool() ? 1 : 0;
            return node;
        }
        if (!s.isObject()) {
            bad(where, QStringLiteral("a schema must be an object, true or false"));
            return nullptr;
        }
        const QJsonObject o = s.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!keyword(node.get(), it.key(), it.value(), o, where, depth))
                return nullptr;
        }
        return node;
    }

private:
    // Notes the first problem (the one a person fixes first); false, to be returned.
    bool bad(const QString &where, const QString &why)
    {
        if (error.isEmpty())
            error = QStringLiteral("%1: %2").arg(where, why);
        return false;
    }

    bool number(const QString &where, const QString &k, const QJsonValue &v, std::optional<double> *out)
    {
        if (!v.isDouble())
            return bad(where, QStringLiteral("\"%1\" must be a number").arg(k));
        *out = v.toDouble();
        return true;
    }

    bool count(const QString &where, const QString &k, const QJsonValue &v, qint64 *out)
    {
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 0 || std::floor(d) != d)
            return bad(where, QStringLiteral("\"%1\" must be a whole number, 0 or more").arg(k));
        *out = static_cast<qint64>(std::min(d, 9.0e18));
        return true;
    }

    bool regex(const QString &where, const QJsonValue &v, QString *text, QRegularExpression *re)
    {
        if (!v.isString())
            return bad(where, QStringLiteral("a pattern must be a string"));
        *text = v.toString();
        // Not UseUnicodePropertiesOption: in ECMA-262, \d and \w are ASCII, as in PCRE2 without it.
        *re = QRegularExpression(*text);
        if (!re->isValid())
            return bad(where,
                       QStringLiteral("the pattern \"%1\" is not a valid regular expression: %2 (at character %3)")
                           .arg(*text, re->errorString())
                           .arg(re->patternErrorOffset() + 1));
        re->optimize(); // compiled now, not on first use from some worker thread
        return true;
    }

    bool sub(const QJsonValue &v, const QString &where, int depth, std::unique_ptr<Node> *out)
    {
        *out = compile(v, where, depth + 1);
        return *out != nullptr;
    }

    bool keyword(Node *n, const QString &k, const QJsonValue &v, const QJsonObject &o, const QString &where, int depth)
    {
        const QString here = pointer(where, k);
        if (k == QLatin1String("type")) {
            const QJsonArray names = v.isArray() ? v.toArray() : QJsonArray{v};
            for (const QJsonValue &name : names) {
                static const QStringList known{QStringLiteral("null"),   QStringLiteral("boolean"),
                                               QStringLiteral("object"), QStringLiteral("array"),
                                               QStringLiteral("number"), QStringLiteral("string"),
                                               QStringLiteral("integer")};
                const qsizetype i = known.indexOf(name.toString());
                if (!name.isString() || i < 0)
                    return bad(here, QStringLiteral("\"%1\" is not a type (%2)")
                                         .arg(name.toVariant().toString(), known.join(QLatin1String(", "))));
                n->types |= 1u << i;
            }
            if (n->types == 0) // "type": [] allows nothing
                n->constant = 0;
        } else if (k == QLatin1String("const")) {
            n->hasConst = true;
            n->constValue = v;
        } else if (k == QLatin1String("enum")) {
            if (!v.isArray())
                return bad(here, QStringLiteral("\"enum\" must be an array"));
            n->hasEnum = true;
            n->enumValues = v.toArray();
        } else if (k == QLatin1String("minimum")) {
            return number(where, k, v, &n->minimum);
        } else if (k == QLatin1String("maximum")) {
            return number(where, k, v, &n->maximum);
        } else if (k == QLatin1String("exclusiveMinimum") || k == QLatin1String("exclusiveMaximum")) {
            const bool min = k == QLatin1String("exclusiveMinimum");
            if (v.isBool()) { // draft 4: a flag on minimum / maximum
                const QJsonValue bound = o.value(min ? QLatin1String("minimum") : QLatin1String("maximum"));
                if (v.toBool() && bound.isDouble())
                    (min ? n->exclusiveMinimum : n->exclusiveMaximum) = bound.toDouble();
                return true;
            }
            return number(where, k, v, min ? &n->exclusiveMinimum : &n->exclusiveMaximum);
        } else if (k == QLatin1String("multipleOf")) {
            if (!number(where, k, v, &n->multipleOf))
                return false;
            if (*n->multipleOf <= 0)
                return bad(where, QStringLiteral("\"multipleOf\" must be more than 0"));
        } else if (k == QLatin1String("minLength")) {
            return count(where, k, v, &n->minLength);
        } else if (k == QLatin1String("maxLength")) {
            return count(where, k, v, &n->maxLength);
        } else if (k == QLatin1String("minItems")) {
            return count(where, k, v, &n->minItems);
        } else if (k == QLatin1String("maxItems")) {
            return count(where, k, v, &n->maxItems);
        } else if (k == QLatin1String("minProperties")) {
            return count(where, k, v, &n->minProperties);
        } else if (k == QLatin1String("maxProperties")) {
            return count(where, k, v, &n->maxProperties);
        } else if (k == QLatin1String("uniqueItems")) {
            if (!v.isBool())
                return bad(where, QStringLiteral("\"uniqueItems\" must be true or false"));
            n->uniqueItems = v.toBool();
        } else if (k == QLatin1String("pattern")) {
            n->hasPattern = true;
            return regex(here, v, &n->patternText, &n->pattern);
        } else if (k == QLatin1String("required")) {
            if (!v.isArray())
                return bad(here, QStringLiteral("\"required\" must be an array of names"));
            for (const QJsonValue &name : v.toArray()) {
                if (!name.isString())
                    return bad(here, QStringLiteral("\"required\" must be an array of names"));
                n->required << name.toString();
            }
        } else if (k == QLatin1String("properties") || k == QLatin1String("patternProperties")) {
            if (!v.isObject())
                return bad(here, QStringLiteral("\"%1\" must be an object").arg(k));
            const QJsonObject props = v.toObject();
            for (auto it = props.begin(); it != props.end(); ++it) {
                std::unique_ptr<Node> schema;
                if (!sub(it.value(), pointer(here, it.key()), depth, &schema))
                    return false;
                if (k == QLatin1String("properties")) {
                    n->properties.push_back({it.key(), std::move(schema)});
                    continue;
                }
                Node::PatternProperty p;
                if (!regex(pointer(here, it.key()), it.key(), &p.text, &p.re))
                    return false;
                p.schema = std::move(schema);
                n->patternProperties.push_back(std::move(p));
            }
        } else if (k == QLatin1String("additionalProperties")) {
            return sub(v, here, depth, &n->additionalProperties);
        } else if (k == QLatin1String("items") || k == QLatin1String("prefixItems")) {
            if (v.isArray()) { // prefixItems, or draft 7's tuple form of items
                for (qsizetype i = 0; i < v.toArray().size(); ++i) {
                    n->prefixItems.emplace_back();
                    if (!sub(v.toArray().at(i), pointer(here, QString::number(i)), depth, &n->prefixItems.back()))
                        return false;
                }
                return true;
            }
            if (k == QLatin1String("prefixItems"))
                return bad(here, QStringLiteral("\"prefixItems\" must be an array of schemas"));
            return sub(v, here, depth, &n->items);
        } else if (!isAnnotation(k)) {
            unchecked.insert(k); // not understood here: ignored, and said so
        }
        return true;
    }
};

} // namespace

QString SchemaError::describe() const
{
    return (instancePath.isEmpty() ? QStringLiteral("(document)") : instancePath) + QStringLiteral(": ") + message;
}

JsonSchema::JsonSchema() : m_error(QStringLiteral("no schema")) {}

JsonSchema JsonSchema::parse(const QByteArray &json)
{
    QString error;
    const QJsonValue value = parseJsonValue(json, &error);
    if (!error.isEmpty()) {
        JsonSchema s;
        s.m_error = QStringLiteral("the schema is not JSON: %1").arg(error);
        return s;
    }
    return fromJson(value);
}

JsonSchema JsonSchema::fromJson(const QJsonValue &schema)
{
    JsonSchema s;
    s.m_document = schema;
    Compiler compiler;
    std::unique_ptr<Node> root = compiler.compile(schema, QStringLiteral("#"), 0);
    if (!root) {
        s.m_error = compiler.error;
        return s;
    }
    s.m_root = std::move(root);
    s.m_error.clear();
    s.m_unchecked = QStringList(compiler.unchecked.begin(), compiler.unchecked.end());
    s.m_unchecked.sort();
    return s;
}

QStringList JsonSchema::supportedKeywords()
{
    return {QStringLiteral("type"),
            QStringLiteral("enum"),
            QStringLiteral("const"),
            QStringLiteral("minimum"),
            QStringLiteral("maximum"),
            QStringLiteral("exclusiveMinimum"),
            QStringLiteral("exclusiveMaximum"),
            QStringLiteral("multipleOf"),
            QStringLiteral("minLength"),
            QStringLiteral("maxLength"),
            QStringLiteral("pattern"),
            QStringLiteral("properties"),
            QStringLiteral("patternProperties"),
            QStringLiteral("additionalProperties"),
            QStringLiteral("required"),
            QStringLiteral("minProperties"),
            QStringLiteral("maxProperties"),
            QStringLiteral("items"),
            QStringLiteral("prefixItems"),
            QStringLiteral("minItems"),
            QStringLiteral("maxItems"),
            QStringLiteral("uniqueItems")};
}

QJsonValue parseJsonValue(const QByteArray &json, QString *error)
{
    // Wrapped in an array so that a scalar document reads too. Qt's offset (0-based, in the wrapped
    // text) is then the 1-based character of the value's own text.
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + json + "\n]", &e);
    if (e.error == QJsonParseError::NoError && doc.array().size() == 1) {
        error->clear();
        return doc.array().at(0);
    }
    if (json.trimmed().isEmpty())
        *error = QStringLiteral("empty");
    else if (e.error == QJsonParseError::NoError) // "1, 2" reads as two values
        *error = QStringLiteral("more than one value");
    else
        *error = QStringLiteral("%1 at character %2").arg(e.errorString()).arg(std::max(1, e.offset));
    return {};
}

bool jsonEqual(const QJsonValue &a, const QJsonValue &b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case QJsonValue::Double: return a.toDouble() == b.toDouble();
    case QJsonValue::String: return a.toString() == b.toString();
    case QJsonValue::Bool: return a.toBool() == b.toBool();
    case QJsonValue::Array: {
        const QJsonArray x = a.toArray(), y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i)
            if (!jsonEqual(x.at(i), y.at(i)))
                return false;
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject x = a.toObject(), y = b.toObject();
        if (x.size() != y.size())
            return false;
        for (auto it = x.begin(); it != x.end(); ++it) {
            const auto other = y.constFind(it.key());
            if (other == y.constEnd() || !jsonEqual(it.value(), other.value()))
                return false;
        }
        return true;
    }
    default: return true; // null, undefined
    }
}

} // namespace etcd
