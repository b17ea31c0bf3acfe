// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "format/treediff.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace etcd::tree {

namespace {

constexpr int kMaxDepth = 64;
constexpr int kMaxValueText = 120;

QString compactText(const YAML::Node &n, int depth)
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
            items << (depth < 3 ? compactText(item, depth + 1) : QStringLiteral("…"));
        out = QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
        break;
    }
    case YAML::NodeType::Map: {
        QStringList items;
        for (const auto &kv : n)
            items << QString::fromStdString(kv.first.Scalar()) + QStringLiteral(": ") +
                         (depth < 3 ? compactText(kv.second, depth + 1) : QStringLiteral("…"));
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

// The lists of this kind are matched by "id", "name" or "key", the same in every element.
std::optional<std::string> identityField(const YAML::Node &a, const YAML::Node &b)
{
    for (const char *field : {"id", "name", "key"}) {
        bool all = a.size() + b.size() > 0;
        for (const YAML::Node *list : {&a, &b}) {
            std::unordered_set<std::string> seen;
            for (const auto &item : *list) {
                if (!item.IsMap() || !item[field] || !item[field].IsScalar() ||
                    !seen.insert(item[field].Scalar()).second) { // not an identity when two share it
                    all = false;
                    break;
                }
            }
            if (!all)
                break;
        }
        if (all)
            return std::string(field);
    }
    return std::nullopt;
}

Path child(const Path &path, Step step)
{
    Path p = path;
    p.push_back(std::move(step));
    return p;
}

Step keyStep(const std::string &key)
{
    Step s;
    s.key = key;
    return s;
}

Step indexStep(size_t i)
{
    Step s;
    s.kind = Step::Kind::Index;
    s.index = i;
    return s;
}

Step identityStep(const std::string &field, const YAML::Node &item)
{
    Step s;
    s.kind = Step::Kind::Identity;
    s.key = field;
    s.value = item[field].Scalar();
    return s;
}

void compare(const YAML::Node &a, const YAML::Node &b, const Path &path, int depth, std::vector<Change> *out)
{
    auto changed = [&] { out->push_back({Change::Kind::Changed, path, a, b}); };
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
        // yaml-cpp looks a key up by walking the map: index the other side once instead.
        std::unordered_map<std::string, YAML::Node> inB;
        for (const auto &kv : b)
            inB.emplace(kv.first.Scalar(), kv.second);
        std::unordered_set<std::string> inA;
        for (const auto &kv : a) {
            const std::string key = kv.first.Scalar();
            inA.insert(key);
            const Path p = child(path, keyStep(key));
            const auto other = inB.find(key);
            if (other != inB.end())
                compare(kv.second, other->second, p, depth + 1, out);
            else
                out->push_back({Change::Kind::Removed, p, kv.second, YAML::Node()});
        }
        for (const auto &kv : b) {
            const std::string key = kv.first.Scalar();
            if (!inA.count(key))
                out->push_back({Change::Kind::Added, child(path, keyStep(key)), YAML::Node(), kv.second});
        }
        return;
    }
    case YAML::NodeType::Sequence: {
        if (const auto field = identityField(a, b)) {
            std::unordered_map<std::string, YAML::Node> inB;
            for (const auto &other : b)
                inB.emplace(other[*field].Scalar(), other);
            std::unordered_set<std::string> inA;
            for (const auto &item : a) {
                const Step step = identityStep(*field, item);
                inA.insert(step.value);
                const auto other = inB.find(step.value);
                if (other != inB.end())
                    compare(item, other->second, child(path, step), depth + 1, out);
                else
                    out->push_back({Change::Kind::Removed, child(path, step), item, YAML::Node()});
            }
            for (const auto &other : b) {
                const Step step = identityStep(*field, other);
                if (!inA.count(step.value))
                    out->push_back({Change::Kind::Added, child(path, step), YAML::Node(), other});
            }
            return;
        }
        const size_t common = std::min(a.size(), b.size());
        for (size_t i = 0; i < common; ++i)
            compare(a[i], b[i], child(path, indexStep(i)), depth + 1, out);
        for (size_t i = common; i < a.size(); ++i)
            out->push_back({Change::Kind::Removed, child(path, indexStep(i)), a[i], YAML::Node()});
        for (size_t i = common; i < b.size(); ++i)
            out->push_back({Change::Kind::Added, child(path, indexStep(i)), YAML::Node(), b[i]});
        return;
    }
    default: return; // both null
    }
}

} // namespace

std::vector<Change> diff(const YAML::Node &a, const YAML::Node &b)
{
    std::vector<Change> out;
    compare(a, b, Path(), 0, &out);
    return out;
}

QString pathText(const Path &path)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_-]*$"));
    QString out;
    for (const Step &s : path) {
        switch (s.kind) {
        case Step::Kind::Key: {
            const QString k = QString::fromStdString(s.key);
            if (plain.match(k).hasMatch())
                out += (out.isEmpty() ? QString() : QStringLiteral(".")) + k;
            else
                out += QStringLiteral("[\"") + k + QStringLiteral("\"]");
            break;
        }
        case Step::Kind::Index: out += QStringLiteral("[%1]").arg(s.index); break;
        case Step::Kind::Identity:
            out += QLatin1Char('[') + QString::fromStdString(s.key) + QLatin1Char('=') +
                   QString::fromStdString(s.value) + QLatin1Char(']');
            break;
        }
    }
    return out;
}

bool overlaps(const Path &a, const Path &b)
{
    // A list may be matched by index on one side and by an identity field on the other (one
    // side added an element without a name): such steps may name the same element, so they count
    // as the same place and the values decide whether it is a conflict.
    const auto same = [](const Step &x, const Step &y) {
        if (x.kind == Step::Kind::Key || y.kind == Step::Kind::Key)
            return x == y;
        if (x.kind != y.kind || x.key != y.key)
            return true;
        return x == y;
    };
    const size_t n = std::min(a.size(), b.size());
    return std::equal(a.begin(), a.begin() + long(n), b.begin(), same);
}

int elementIndex(const YAML::Node &list, const Step &step)
{
    if (!list.IsSequence())
        return -1;
    if (step.kind == Step::Kind::Index)
        return step.index < list.size() ? int(step.index) : -1;
    if (step.kind != Step::Kind::Identity)
        return -1;
    for (size_t i = 0; i < list.size(); ++i) {
        const YAML::Node item = list[i];
        if (item.IsMap() && item[step.key] && item[step.key].IsScalar() && item[step.key].Scalar() == step.value)
            return int(i);
    }
    return -1;
}

YAML::Node find(const YAML::Node &root, const Path &path)
{
    // reset(), never operator=: assigning to a YAML::Node rewrites the node it refers to.
    YAML::Node n = root;
    for (const Step &s : path) {
        const YAML::Node current = n; // const: operator[] must not add what is missing
        if (s.kind == Step::Kind::Key) {
            if (!current.IsMap() || !current[s.key])
                return YAML::Node(YAML::NodeType::Undefined);
            n.reset(current[s.key]);
        } else {
            const int i = elementIndex(current, s);
            if (i < 0)
                return YAML::Node(YAML::NodeType::Undefined);
            n.reset(current[size_t(i)]);
        }
    }
    return n;
}

bool isStringScalar(const YAML::Node &n)
{
    if (!n.IsScalar())
        return false;
    if (n.Tag() == "!")
        return true; // quoted
    const std::string &s = n.Scalar();
    if (s == "true" || s == "false" || s == "null" || s == "~" || s.empty())
        return false;
    char *end = nullptr;
    std::strtod(s.c_str(), &end);
    return !(end && *end == '\0');
}

QString compact(const YAML::Node &n)
{
    return compactText(n, 0);
}

bool sameValue(const YAML::Node &a, const YAML::Node &b)
{
    std::vector<Change> out;
    compare(a, b, Path(), 0, &out);
    return out.empty();
}

} // namespace etcd::tree
