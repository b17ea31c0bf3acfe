// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// A compiled JSON Schema (jsonschema.h), shared by the compiler (jsonschema.cpp) and the checks
// (jsonschemacheck.cpp). Not for other files: the public face is JsonSchema.

#pragma once

#include "format/jsonschema.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <optional>
#include <vector>

namespace etcd {

struct JsonSchema::Node
{
    enum Type : unsigned { Null = 1, Boolean = 2, Object = 4, Array = 8, Number = 16, String = 32, Integer = 64 };

    // A boolean schema: 1 allows everything, 0 nothing; -1 for a schema object.
    int constant = -1;
    unsigned types = 0; // Type bits; 0: any type

    bool hasConst = false;
    QJsonValue constValue;
    bool hasEnum = false;
    QJsonArray enumValues;

    std::optional<double> minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf;

    qint64 minLength = -1, maxLength = -1;
    bool hasPattern = false;
    QString patternText;
    QRegularExpression pattern;

    struct Property
    {
        QString name;
        std::unique_ptr<Node> schema;
    };
    struct PatternProperty
    {
        QString text;
        QRegularExpression re;
        std::unique_ptr<Node> schema;
    };
    std::vector<Property> properties;
    std::vector<PatternProperty> patternProperties;
    std::unique_ptr<Node> additionalProperties; // null: absent (anything goes)
    QStringList required;
    qint64 minProperties = -1, maxProperties = -1;

    std::vector<std::unique_ptr<Node>> prefixItems; // prefixItems, or draft 7's array form of items
    std::unique_ptr<Node> items;                    // every element after prefixItems
    qint64 minItems = -1, maxItems = -1;
    bool uniqueItems = false;
};

} // namespace etcd
