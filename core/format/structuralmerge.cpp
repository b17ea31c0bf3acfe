// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "format/structuralmerge.h"

#include "format/textpatch.h"
#include "format/treediff.h"

#include <QJsonDocument>

namespace etcd {

namespace {

using tree::Path;

struct Op
{
    Path path;
    YAML::Node value; // undefined: remove
};

struct Parsed
{
    YAML::Node root;
    bool structured = false;
};

bool parse(const QByteArray &text, Parsed *out, QString *error, const QString &side)
{
    try {
        out->root.reset(YAML::Load(text.toStdString()));
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("%1 is not JSON or YAML: %2 (line %3)")
                     .arg(side, QString::fromStdString(e.msg))
                     .arg(e.mark.line + 1);
        return false;
    }
    out->structured = out->root.IsMap() || out->root.IsSequence();
    if (!out->structured)
        *error = QStringLiteral("%1 is not a JSON or YAML document with fields").arg(side);
    return out->structured;
}

QString valueText(const YAML::Node &n)
{
    return n.IsDefined() ? tree::compact(n) : QStringLiteral("(absent)");
}

// What the document must be after the ops, built on a copy of mine's tree: replacements first
// (paths by mine's indexes), then removals (by node, so the order does not shift indexes), then
// additions at the ends of their lists.
YAML::Node expectedTree(const YAML::Node &mine, const std::vector<Op> &ops)
{
    YAML::Node out = YAML::Clone(mine);
    std::vector<std::pair<YAML::Node, YAML::Node>> removals; // container, member value
    std::vector<std::pair<YAML::Node, const Op *>> additions;
    for (const Op &op : ops) {
        if (op.path.empty()) {
            out.reset(YAML::Clone(op.value));
            continue;
        }
        const Path parentPath(op.path.begin(), op.path.end() - 1);
        YAML::Node parent = tree::find(out, parentPath);
        const tree::Step &last = op.path.back();
        const YAML::Node existing = tree::find(parent, Path{last});
        if (!op.value.IsDefined()) {
            if (existing.IsDefined())
                removals.emplace_back(parent, existing);
        } else if (existing.IsDefined()) {
            if (last.kind == tree::Step::Kind::Key)
                parent[last.key] = YAML::Clone(op.value); // rewrites the member's node: wanted here
            else
                parent[size_t(tree::elementIndex(parent, last))] = YAML::Clone(op.value);
        } else {
            additions.emplace_back(parent, &op);
        }
    }
    for (auto &[parent, member] : removals) {
        if (parent.IsMap()) {
            for (auto it = parent.begin(); it != parent.end(); ++it)
                if (it->second.is(member)) {
                    parent.remove(it->first);
                    break;
                }
        } else {
            for (size_t i = 0; i < parent.size(); ++i)
                if (parent[i].is(member)) {
                    parent.remove(i);
                    break;
                }
        }
    }
    for (auto &[parent, op] : additions) {
        if (parent.IsMap())
            parent[op->path.back().key] = YAML::Clone(op->value);
        else
            parent.push_back(YAML::Clone(op->value));
    }
    return out;
}

struct Applied
{
    bool ok = true; // false: the result would not be the JSON mine is
    QByteArray text;
    bool rewritten = false;
    bool commentsLost = false;
};

// Mine's text with the ops edited in; written anew in mine's style only when an edit in place is
// not possible or does not read back as the expected document.
Applied apply(const QByteArray &mineText, const YAML::Node &mine, const std::vector<Op> &ops)
{
    Applied out;
    const std::string text = mineText.toStdString();
    const YAML::Node expected = expectedTree(mine, ops);
    const bool strictJson = !QJsonDocument::fromJson(mineText).isNull();
    tree::TextPatch patch(text, mine);
    bool ok = true;
    for (const Op &op : ops)
        ok = ok && patch.set(op.path, op.value);
    if (ok) {
        if (const auto patched = patch.result()) {
            try {
                const QByteArray bytes = QByteArray::fromStdString(*patched);
                if (tree::sameValue(YAML::Load(*patched), expected) &&
                    (!strictJson || !QJsonDocument::fromJson(bytes).isNull())) {
                    out.text = bytes;
                    return out;
                }
            } catch (const YAML::Exception &) {
                // not readable: written anew below
            }
        }
    }
    const tree::DocumentStyle style = tree::detectStyle(text, mine);
    const std::string whole = style.json ? tree::renderJson(expected, style, std::string(), style.pretty)
                                         : tree::renderYaml(expected, style, 0) + "\n";
    out.text = QByteArray::fromStdString(whole);
    if (style.json && style.pretty && mineText.endsWith('\n'))
        out.text += '\n';
    out.rewritten = true;
    out.commentsLost = !style.json && hasYamlComments(mineText);
    // JSON stays JSON: a value that came from YAML (0x1F, .5, nan) cannot be written as JSON.
    out.ok = !strictJson || !QJsonDocument::fromJson(out.text).isNull();
    return out;
}

} // namespace

bool hasYamlComments(const QByteArray &text)
{
    char quote = 0;
    char previous = '\n';
    for (const char c : text) {
        if (quote) {
            if (c == quote || c == '\n')
                quote = 0;
        } else if (c == '#' && (previous == ' ' || previous == '\t' || previous == '\n')) {
            return true;
        } else if ((c == '"' || c == '\'') && (previous == ' ' || previous == ':' || previous == '\n' ||
                                               previous == '[' || previous == '{' || previous == ',')) {
            quote = c;
        }
        previous = c;
    }
    return false;
}

StructuralMerge mergeStructured(const QByteArray &base, const QByteArray &mine, const QByteArray &theirs,
                                const QStringList &takeTheirs)
{
    StructuralMerge result;
    Parsed b, m, t;
    if (!parse(base, &b, &result.error, QStringLiteral("The loaded value")) ||
        !parse(mine, &m, &result.error, QStringLiteral("Your text")) ||
        !parse(theirs, &t, &result.error, QStringLiteral("The value in etcd")))
        return result;

    const std::vector<tree::Change> their = tree::diff(b.root, t.root);
    const std::vector<tree::Change> yours = tree::diff(b.root, m.root);
    std::vector<Path> conflictPaths;
    std::vector<const tree::Change *> clean;
    for (const tree::Change &c : their) {
        Path shortest = c.path;
        bool overlapping = false;
        for (const tree::Change &y : yours)
            if (tree::overlaps(c.path, y.path)) {
                overlapping = true;
                if (y.path.size() < shortest.size())
                    shortest = y.path;
            }
        if (!overlapping) {
            clean.push_back(&c);
            continue;
        }
        // The same change on both sides is no conflict: mine has it already.
        if (tree::sameValue(tree::find(m.root, shortest), tree::find(t.root, shortest)))
            continue;
        bool known = false;
        for (Path &p : conflictPaths)
            if (tree::overlaps(p, shortest)) {
                if (shortest.size() < p.size())
                    p = shortest;
                known = true;
            }
        if (!known)
            conflictPaths.push_back(shortest);
    }

    std::vector<Op> ops;
    for (const tree::Change *c : clean) {
        bool underConflict = false;
        for (const Path &p : conflictPaths)
            underConflict = underConflict || tree::overlaps(p, c->path);
        if (underConflict)
            continue;
        ops.push_back(
            {c->path, c->kind == tree::Change::Kind::Removed ? YAML::Node(YAML::NodeType::Undefined) : c->after});
        ++result.theirChanges;
    }
    for (const Path &p : conflictPaths) {
        const YAML::Node baseValue = tree::find(b.root, p);
        const YAML::Node mineValue = tree::find(m.root, p);
        const YAML::Node theirValue = tree::find(t.root, p);
        MergeConflict conflict{tree::pathText(p), valueText(baseValue), valueText(mineValue), valueText(theirValue)};
        if (takeTheirs.contains(conflict.path))
            ops.push_back({p, theirValue});
        result.conflicts.append(conflict);
    }

    const Applied applied = apply(mine, m.root, ops);
    if (!applied.ok) {
        result.error = QStringLiteral("Their change cannot be written into your JSON (a value that is not JSON)");
        result.conflicts.clear();
        return result;
    }
    result.text = applied.text;
    result.rewritten = applied.rewritten;
    result.commentsLost = applied.commentsLost;
    result.ok = true;
    return result;
}

FieldRestore restoreField(const QByteArray &current, const QByteArray &old, const QString &path)
{
    FieldRestore result;
    Parsed c, o;
    if (!parse(current, &c, &result.error, QStringLiteral("The current value")) ||
        !parse(old, &o, &result.error, QStringLiteral("The old value")))
        return result;
    for (const tree::Change &change : tree::diff(o.root, c.root)) {
        if (tree::pathText(change.path) != path)
            continue;
        const Applied applied = apply(current, c.root, {Op{change.path, tree::find(o.root, change.path)}});
        if (!applied.ok) {
            result.error = QStringLiteral("The old value of %1 cannot be written into the current JSON").arg(path);
            return result;
        }
        result.text = applied.text;
        result.rewritten = applied.rewritten;
        result.commentsLost = applied.commentsLost;
        result.ok = true;
        return result;
    }
    result.error = QStringLiteral("The field %1 is the same in both versions.").arg(path);
    return result;
}

} // namespace etcd
