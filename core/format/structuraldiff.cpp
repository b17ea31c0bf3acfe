// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "format/structuraldiff.h"

#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace etcd {

namespace {

constexpr int kMaxDepth = 64;
constexpr int kMaxValueText = 120;

QString pathKey(const QString &parent, const std::string &key)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_-]*$"));
    const QString k = QString::fromStdString(key);
    if (plain.match(k).hasMatch())
        return parent.isEmpty() ? k : parent + QLatin1Char('.') + k;
    return parent + QStringLiteral("[\"") + k + QStringLiteral("\"]");
}

bool isQuotedString(const YAML::Node &n)
{
    return n.IsScalar() && n.Tag() == "!";
}

// A scalar that YAML reads as a string (quoted, or plain text that is no number, bool or null).
bool isStringScalar(const YAML::Node &n)
{
    if (isQuotedString(n))
        return true;
    const std::string &s = n.Scalar();
    if (s == "true" || s == "false" || s == "null" || s == "~" || s.empty())
        return false;
    char *end = nullptr;
    std::strtod(s.c_str(), &end);
    return !(end && *end == '\0');
}

QString compact(const YAML::Node &n, int depth = 0)
{
    QString out;
    switch (n.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: out = QStringLiteral("null"); break;
    case YAML::NodeType::Scalar:
        out = isStringScalar(n) ? QLatin1Char('"') + QString::fromStdString(n.Scalar()) + QLatin1Char('"')
                                : QString::fromStdString(n.Scalar());
        break;
    case YAML::NodeType::Sequence: {
        QStringList items;
        for (const auto &item : n)
            items << (depth < 3 ? compact(item, depth + 1) : QStringLiteral("…"));
        out = QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
        break;
    }
    case YAML::NodeType::Map: {
        QStringList items;
        for (const auto &kv : n)
            items << QString::fromStdString(kv.first.Scalar()) + QStringLiteral(": ") +
                         (depth < 3 ? compact(kv.second, depth + 1) : QStringLiteral("…"));
        out = QLatin1Char('{') + items.join(QStringLiteral(", ")) + QLatin1Char('}');
        break;
    }
    }
    if (out.size() > kMaxValueText)
        out = out.left(kMaxValueText - 1) + QStringLiteral("…");
    return out;
}

bool sameScalar(const YAML::Node &a, const YAML::Node &b)
{
    // 1 and 1.0 differ as text but not as numbers; "1" (a string) and 1 (a number) differ.
    if (isStringScalar(a) != isStringScalar(b))
        return false;
    if (a.Scalar() == b.Scalar())
        return true;
    if (isStringScalar(a))
        return false;
    char *ea = nullptr, *eb = nullptr;
    const double x = std::strtod(a.Scalar().c_str(), &ea), y = std::strtod(b.Scalar().c_str(), &eb);
    return ea && *ea == '\0' && eb && *eb == '\0' && x == y;
}

// The field lists of this kind are matched by: "id", "name" or "key", the same in every element.
std::optional<std::string> identityField(const YAML::Node &a, const YAML::Node &b)
{
    for (const char *field : {"id", "name", "key"}) {
        bool all = a.size() + b.size() > 0;
        std::vector<std::string> seenA, seenB;
        for (const YAML::Node *list : {&a, &b}) {
            auto &seen = list == &a ? seenA : seenB;
            for (const auto &item : *list) {
                if (!item.IsMap() || !item[field] || !item[field].IsScalar()) {
                    all = false;
                    break;
                }
                const std::string v = item[field].Scalar();
                if (std::find(seen.begin(), seen.end(), v) != seen.end()) {
                    all = false; // not an identity when two elements share it
                    break;
                }
                seen.push_back(v);
            }
            if (!all)
                break;
        }
        if (all)
            return std::string(field);
    }
    return std::nullopt;
}

void compare(const YAML::Node &a, const YAML::Node &b, const QString &path, int depth, QVector<FieldChange> *out)
{
    auto changed = [&] { out->append({FieldChange::Kind::Changed, path, compact(a), compact(b)}); };
    if (depth > kMaxDepth) {
        if (YAML::Dump(a) != YAML::Dump(b))
            changed();
        return;
    }
    if (a.Type() != b.Type()) {
        changed();
        return;
    }
    switch (a.Type()) {
    case YAML::NodeType::Scalar:
        if (!sameScalar(a, b))
            changed();
        return;
    case YAML::NodeType::Map: {
        for (const auto &kv : a) {
            const std::string key = kv.first.Scalar();
            const QString child = pathKey(path, key);
            if (!b[key])
                out->append({FieldChange::Kind::Removed, child, compact(kv.second), QString()});
            else
                compare(kv.second, b[key], child, depth + 1, out);
        }
        for (const auto &kv : b) {
            const std::string key = kv.first.Scalar();
            if (!a[key])
                out->append({FieldChange::Kind::Added, pathKey(path, key), QString(), compact(kv.second)});
        }
        return;
    }
    case YAML::NodeType::Sequence: {
        if (const auto field = identityField(a, b)) {
            auto childPath = [&](const YAML::Node &item) {
                return path + QLatin1Char('[') + QString::fromStdString(*field) + QLatin1Char('=') +
                       QString::fromStdString(item[*field].Scalar()) + QLatin1Char(']');
            };
            for (const auto &item : a) {
                bool found = false;
                for (const auto &other : b)
                    if (other[*field].Scalar() == item[*field].Scalar()) {
                        compare(item, other, childPath(item), depth + 1, out);
                        found = true;
                        break;
                    }
                if (!found)
                    out->append({FieldChange::Kind::Removed, childPath(item), compact(item), QString()});
            }
            for (const auto &other : b) {
                bool found = false;
                for (const auto &item : a)
                    found = found || item[*field].Scalar() == other[*field].Scalar();
                if (!found)
                    out->append({FieldChange::Kind::Added, childPath(other), QString(), compact(other)});
            }
            return;
        }
        const size_t common = std::min(a.size(), b.size());
        for (size_t i = 0; i < common; ++i)
            compare(a[i], b[i], path + QStringLiteral("[%1]").arg(i), depth + 1, out);
        for (size_t i = common; i < a.size(); ++i)
            out->append({FieldChange::Kind::Removed, path + QStringLiteral("[%1]").arg(i), compact(a[i]), QString()});
        for (size_t i = common; i < b.size(); ++i)
            out->append({FieldChange::Kind::Added, path + QStringLiteral("[%1]").arg(i), QString(), compact(b[i])});
        return;
    }
    default: return; // both null
    }
}

bool load(const QByteArray &text, YAML::Node *node, QString *error, const char *side)
{
    try {
        *node = YAML::Load(text.toStdString());
        return true;
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("%1 is not JSON or YAML: %2 (line %3)")
                     .arg(QLatin1String(side), QString::fromStdString(e.msg))
                     .arg(e.mark.line + 1);
        return false;
    }
}

} // namespace

QString FieldChange::describe() const
{
    const QString where = path.isEmpty() ? QStringLiteral("(document)") : path;
    switch (kind) {
    case Kind::Added: return QStringLiteral("+ %1: %2").arg(where, after);
    case Kind::Removed: return QStringLiteral("- %1: %2").arg(where, before);
    case Kind::Changed: return QStringLiteral("%1: %2 -> %3").arg(where, before, after);
    }
    return {};
}

StructuralDiff structuralDiff(const QByteArray &before, const QByteArray &after)
{
    StructuralDiff d;
    YAML::Node a, b;
    if (!load(before, &a, &d.error, "the first version") || !load(after, &b, &d.error, "the second version"))
        return d;
    compare(a, b, QString(), 0, &d.changes);
    d.structured = (a.IsMap() || a.IsSequence()) && (b.IsMap() || b.IsSequence());
    d.ok = true;
    return d;
}

} // namespace etcd
