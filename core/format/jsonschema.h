// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace etcd {

// One way a value does not match its schema. instancePath is where, in jsonpath.h's style
// (`upstreams.payments`, `servers[2].port`; "" for the whole document); message says what is
// wrong in plain words ("is 70000, more than the maximum 65535").
struct SchemaError
{
    QString instancePath;
    QString keyword; // the schema keyword that failed: "maximum", "required", ...
    QString message;

    QString describe() const; // "servers[2].port: is 70000, more than the maximum 65535"
};

struct SchemaValidation
{
    QVector<SchemaError> errors; // in document order of the schema walk
    bool truncated = false;      // there were more than the cap; only the first ones are listed
    bool valid() const { return errors.isEmpty(); }
};

// A JSON Schema, compiled once and then checked against any number of values, from any thread.
//
// A subset of draft 2020-12, enough for configuration documents: type (a name or a list; "integer"
// takes 1.0), enum and const (deep equality, 1 == 1.0), minimum, maximum, exclusiveMinimum and
// exclusiveMaximum (numbers; draft 4's boolean form is read too), multipleOf, minLength and
// maxLength (counted in code points), pattern (searched, not anchored, as ECMA-262 regular
// expressions mostly read in PCRE2), properties, patternProperties, additionalProperties (true,
// false or a schema; it considers properties and patternProperties), required, minProperties,
// maxProperties, items, prefixItems, minItems, maxItems, uniqueItems, and the boolean schemas
// true and false. items also takes draft 7's array form, the tuple that 2020-12 calls
// prefixItems, so the official test suite's draft 7 cases run as written.
//
// Every other keyword is ignored, as the specification says of unknown keywords, but named in
// uncheckedKeywords() so that a person sees what was not checked ("$ref, oneOf"). Annotations that
// never fail a value (title, description, default, examples, $schema, $id, $comment, x-*, ...)
// are not listed. A schema that is not JSON, has a keyword of the wrong shape or a pattern that
// does not compile is not valid and says why (error()).
class JsonSchema
{
public:
    static constexpr int kMaxErrors = 200; // per validation; then `truncated`
    static constexpr int kMaxDepth = 64;   // nesting of subschemas

    JsonSchema(); // not valid: "no schema"
    static JsonSchema parse(const QByteArray &json);
    static JsonSchema fromJson(const QJsonValue &schema);

    bool isValid() const { return m_root != nullptr; }
    QString error() const { return m_error; }
    QStringList uncheckedKeywords() const { return m_unchecked; } // sorted, each once
    QJsonValue document() const { return m_document; }

    SchemaValidation validate(const QJsonValue &instance, int maxErrors = kMaxErrors) const;
    // The value's bytes: text that is not JSON is one error at "" (keyword "json").
    SchemaValidation validate(const QByteArray &json, int maxErrors = kMaxErrors) const;

    static QStringList supportedKeywords();

    struct Node;

private:
    std::shared_ptr<const Node> m_root;
    QString m_error;
    QStringList m_unchecked;
    QJsonValue m_document;
};

// Parses any JSON text, a scalar at the top included (QJsonDocument alone takes only objects
// and arrays). On failure *error says what and where.
QJsonValue parseJsonValue(const QByteArray &json, QString *error);

// JSON equality as JSON Schema defines it: numbers by value (1 == 1.0), objects whatever the
// order of their members, arrays element by element.
bool jsonEqual(const QJsonValue &a, const QJsonValue &b);

} // namespace etcd
