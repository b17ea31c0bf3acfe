// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Checking a value against a compiled schema (jsonschemanode.h): each failed keyword becomes one
// SchemaError, worded for the person who typed the value.

#include "format/jsonpath.h"
#include "format/jsonschemanode.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace etcd {

namespace {

using Node = JsonSchema::Node;

constexpr int kMaxShownText = 60; // of a value quoted in a message
constexpr int kMaxEnumShown = 8;

QString number(double d)
{
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

// A value as a message quotes it: compact JSON, cut short.
QString shortValue(const QJsonValue &v)
{
    QString text;
    if (v.isDouble())
        text = number(v.toDouble());
    else
        text = QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    if (text.size() > kMaxShownText)
        text = text.left(kMaxShownText - 1) + QChar(0x2026);
    return text;
}

// A value with its kind, for type errors: `the string "8443"`, `an object`.
QString typedValue(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Double: return QStringLiteral("the number %1").arg(shortValue(v));
    case QJsonValue::String: return QStringLiteral("the string %1").arg(shortValue(v));
    case QJsonValue::Bool: return shortValue(v);
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    default: return QStringLiteral("null");
    }
}

QString typeNames(unsigned types)
{
    static const char *const names[] = {"null",     "true or false", "an object", "an array",
                                        "a number", "a string",      "an integer"};
    QStringList out;
    for (unsigned i = 0; i < 7; ++i)
        if (types & (1u << i))
            out << QLatin1String(names[i]);
    return out.join(QLatin1String(" or "));
}

bool isInteger(double d)
{
    return std::isfinite(d) && std::floor(d) == d;
}

bool typeMatches(unsigned types, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return types & Node::Null;
    case QJsonValue::Bool: return types & Node::Boolean;
    case QJsonValue::Object: return types & Node::Object;
    case QJsonValue::Array: return types & Node::Array;
    case QJsonValue::String: return types & Node::String;
    case QJsonValue::Double: return (types & Node::Number) || ((types & Node::Integer) && isInteger(v.toDouble()));
    default: return false;
    }
}

QString plural(qint64 n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

// One text per value such that equal values (as jsonEqual has it) have equal texts: numbers by
// value, strings length-prefixed so that no content can look like structure.
QString canonical(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Double: return QLatin1Char('#') + QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::String: return QStringLiteral("s%1:").arg(v.toString().size()) + v.toString();
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("t") : QStringLiteral("f");
    case QJsonValue::Array: {
        QString out = QStringLiteral("[");
        for (const QJsonValue &e : v.toArray())
            out += canonical(e) + QLatin1Char(',');
        return out + QLatin1Char(']');
    }
    case QJsonValue::Object: {
        QString out = QStringLiteral("{");
        const QJsonObject o = v.toObject(); // iterates in key order
        for (auto it = o.begin(); it != o.end(); ++it)
            out += canonical(it.key()) + canonical(it.value()) + QLatin1Char(',');
        return out + QLatin1Char('}');
    }
    default: return QStringLiteral("n");
    }
}

class Checker
{
public:
    Checker(int maxErrors, SchemaValidation *out) : m_max(std::max(1, maxErrors)), m_out(out) {}

    void check(const Node &n, const QJsonValue &v, const QString &path)
    {
        if (m_out->truncated || n.constant == 1)
            return;
        if (n.constant == 0) {
            add(path, QStringLiteral("false"),
                QStringLiteral("is not allowed here (the schema allows nothing at this place)"));
            return;
        }
        if (n.types && !typeMatches(n.types, v))
            add(path, QStringLiteral("type"),
                QStringLiteral("is %1, must be %2").arg(typedValue(v), typeNames(n.types)));
        if (n.hasConst && !jsonEqual(v, n.constValue))
            add(path, QStringLiteral("const"),
                QStringLiteral("is %1, must be %2").arg(shortValue(v), shortValue(n.constValue)));
        if (n.hasEnum)
            checkEnum(n, v, path);
        if (v.isDouble())
            checkNumber(n, v.toDouble(), path);
        else if (v.isString())
            checkString(n, v.toString(), path);
        else if (v.isArray())
            checkArray(n, v.toArray(), path);
        else if (v.isObject())
            checkObject(n, v.toObject(), path);
    }

private:
    void add(const QString &path, const QString &keyword, const QString &message)
    {
        if (m_out->errors.size() >= m_max) {
            m_out->truncated = true;
            return;
        }
        m_out->errors.append({path, keyword, message});
    }

    void checkEnum(const Node &n, const QJsonValue &v, const QString &path)
    {
        for (const QJsonValue &allowed : n.enumValues)
            if (jsonEqual(v, allowed))
                return;
        QStringList shown;
        for (qsizetype i = 0; i < n.enumValues.size() && i < kMaxEnumShown; ++i)
            shown << shortValue(n.enumValues.at(i));
        QString list = shown.join(QLatin1String(", "));
        if (n.enumValues.size() > kMaxEnumShown)
            list += QStringLiteral(", … (%1 in all)").arg(n.enumValues.size());
        add(path, QStringLiteral("enum"),
            n.enumValues.isEmpty() ? QStringLiteral("is %1; the schema allows no value here").arg(shortValue(v))
                                   : QStringLiteral("is %1, must be one of %2").arg(shortValue(v), list));
    }

    void checkNumber(const Node &n, double d, const QString &path)
    {
        const QString is = number(d);
        if (n.minimum && d < *n.minimum)
            add(path, QStringLiteral("minimum"),
                QStringLiteral("is %1, less than the minimum %2").arg(is, number(*n.minimum)));
        if (n.maximum && d > *n.maximum)
            add(path, QStringLiteral("maximum"),
                QStringLiteral("is %1, more than the maximum %2").arg(is, number(*n.maximum)));
        if (n.exclusiveMinimum && d <= *n.exclusiveMinimum)
            add(path, QStringLiteral("exclusiveMinimum"),
                QStringLiteral("is %1, must be more than %2").arg(is, number(*n.exclusiveMinimum)));
        if (n.exclusiveMaximum && d >= *n.exclusiveMaximum)
            add(path, QStringLiteral("exclusiveMaximum"),
                QStringLiteral("is %1, must be less than %2").arg(is, number(*n.exclusiveMaximum)));
        if (n.multipleOf) {
            // A quotient a rounding error away from whole counts as whole (0.0075 / 0.0001).
            const double q = d / *n.multipleOf;
            if (!std::isfinite(q) || std::abs(q - std::round(q)) > 1e-9 * std::max(1.0, std::abs(q)))
                add(path, QStringLiteral("multipleOf"),
                    QStringLiteral("is %1, not a multiple of %2").arg(is, number(*n.multipleOf)));
        }
    }

    void checkString(const Node &n, const QString &s, const QString &path)
    {
        if (n.minLength >= 0 || n.maxLength >= 0) {
            // Characters as people count them: a surrogate pair (an emoji) is one.
            qint64 length = s.size();
            for (const QChar c : s)
                length -= c.isLowSurrogate() ? 1 : 0;
            if (n.minLength >= 0 && length < n.minLength)
                add(path, QStringLiteral("minLength"),
                    QStringLiteral("is %1 long, shorter than the minimum %2")
                        .arg(plural(length, "character", "characters"))
                        .arg(n.minLength));
            if (n.maxLength >= 0 && length > n.maxLength)
                add(path, QStringLiteral("maxLength"),
                    QStringLiteral("is %1 long, longer than the maximum %2")
                        .arg(plural(length, "character", "characters"))
                        .arg(n.maxLength));
        }
        if (n.hasPattern && !n.pattern.match(s).hasMatch())
            add(path, QStringLiteral("pattern"),
                QStringLiteral("%1 does not match the pattern %2").arg(shortValue(s), n.patternText));
    }

    void checkArray(const Node &n, const QJsonArray &a, const QString &path)
    {
        const qint64 size = a.size();
        if (n.minItems >= 0 && size < n.minItems)
            add(path, QStringLiteral("minItems"),
                QStringLiteral("has %1, fewer than the minimum %2").arg(plural(size, "item", "items")).arg(n.minItems));
        if (n.maxItems >= 0 && size > n.maxItems)
            add(path, QStringLiteral("maxItems"),
                QStringLiteral("has %1, more than the maximum %2").arg(plural(size, "item", "items")).arg(n.maxItems));
        if (n.uniqueItems) {
            QHash<QString, qsizetype> seen;
            for (qsizetype i = 0; i < a.size(); ++i) {
                const QString text = canonical(a.at(i));
                const auto it = seen.constFind(text);
                if (it != seen.constEnd()) {
                    add(path, QStringLiteral("uniqueItems"),
                        QStringLiteral("has equal items [%1] and [%2]; every item must be different").arg(*it).arg(i));
                    break;
                }
                seen.insert(text, i);
            }
        }
        for (qsizetype i = 0; i < a.size() && !m_out->truncated; ++i) {
            const Node *schema = i < qsizetype(n.prefixItems.size()) ? n.prefixItems[size_t(i)].get() : n.items.get();
            if (schema)
                check(*schema, a.at(i), jsonPathIndex(path, i));
        }
    }

    void checkObject(const Node &n, const QJsonObject &o, const QString &path)
    {
        const qint64 size = o.size();
        if (n.minProperties >= 0 && size < n.minProperties)
            add(path, QStringLiteral("minProperties"),
                QStringLiteral("has %1, fewer than the minimum %2")
                    .arg(plural(size, "field", "fields"))
                    .arg(n.minProperties));
        if (n.maxProperties >= 0 && size > n.maxProperties)
            add(path, QStringLiteral("maxProperties"),
                QStringLiteral("has %1, more than the maximum %2")
                    .arg(plural(size, "field", "fields"))
                    .arg(n.maxProperties));
        for (const QString &name : n.required)
            if (!o.contains(name))
                add(path, QStringLiteral("required"), QStringLiteral("required field \"%1\" is missing").arg(name));
        for (const Node::Property &p : n.properties) {
            const auto it = o.constFind(p.name);
            if (it == o.constEnd())
                continue;
            if (p.schema->constant == 0)
                add(jsonPathKey(path, p.name), QStringLiteral("properties"),
                    QStringLiteral("field \"%1\" is not allowed").arg(p.name));
            else
                check(*p.schema, it.value(), jsonPathKey(path, p.name));
        }
        if (n.patternProperties.empty() && !n.additionalProperties)
            return;
        for (auto it = o.begin(); it != o.end() && !m_out->truncated; ++it) {
            const QString child = jsonPathKey(path, it.key());
            bool matched = std::any_of(n.properties.begin(), n.properties.end(),
                                       [&](const Node::Property &p) { return p.name == it.key(); });
            for (const Node::PatternProperty &p : n.patternProperties) {
                if (!p.re.match(it.key()).hasMatch())
                    continue;
                matched = true;
                check(*p.schema, it.value(), child);
            }
            if (matched || !n.additionalProperties)
                continue;
            if (n.additionalProperties->constant == 0)
                add(child, QStringLiteral("additionalProperties"),
                    QStringLiteral("field \"%1\" is not allowed here (not one the schema lists)").arg(it.key()));
            else
                check(*n.additionalProperties, it.value(), child);
        }
    }

    int m_max;
    SchemaValidation *m_out;
};

} // namespace

SchemaValidation JsonSchema::validate(const QJsonValue &instance, int maxErrors) const
{
    SchemaValidation out;
    if (!m_root) {
        out.errors.append({QString(), QStringLiteral("schema"), m_error});
        return out;
    }
    Checker(maxErrors, &out).check(*m_root, instance, QString());
    return out;
}

SchemaValidation JsonSchema::validate(const QByteArray &json, int maxErrors) const
{
    QString error;
    const QJsonValue value = parseJsonValue(json, &error);
    if (error.isEmpty())
        return validate(value, maxErrors);
    SchemaValidation out;
    out.errors.append({QString(), QStringLiteral("json"), QStringLiteral("is not JSON (%1)").arg(error)});
    return out;
}

} // namespace etcd
