// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "format/structuraldiff.h"

#include "format/treediff.h"

namespace etcd {

namespace {

bool load(const QByteArray &text, YAML::Node *node, QString *error, const char *side)
{
    try {
        node->reset(YAML::Load(text.toStdString()));
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
    for (const tree::Change &c : tree::diff(a, b)) {
        FieldChange f;
        f.kind = c.kind == tree::Change::Kind::Added     ? FieldChange::Kind::Added
                 : c.kind == tree::Change::Kind::Removed ? FieldChange::Kind::Removed
                                                         : FieldChange::Kind::Changed;
        f.path = tree::pathText(c.path);
        if (c.kind != tree::Change::Kind::Added)
            f.before = tree::compact(c.before);
        if (c.kind != tree::Change::Kind::Removed)
            f.after = tree::compact(c.after);
        d.changes.append(f);
    }
    d.structured = (a.IsMap() || a.IsSequence()) && (b.IsMap() || b.IsSequence());
    d.ok = true;
    return d;
}

} // namespace etcd
