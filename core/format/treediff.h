// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

// The field-by-field comparison of two parsed JSON or YAML documents, shared by the structural
// diff (what changed, as text) and the structural merge and field restore (which edit a document's
// text at these paths). Internal to core/format: yaml-cpp stays out of other headers.
// Careful: assigning one YAML::Node to another rewrites the node the left side refers to, so a
// Change is copied, never assigned (no sort or erase on a vector of them); move handles with reset().

namespace etcd::tree {

// One step from a container to a child: a map key, a list index, or the list element whose
// `field` (id, name or key) has `value`.
struct Step
{
    enum class Kind { Key, Index, Identity };
    Kind kind = Kind::Key;
    std::string key; // Key: the map key; Identity: the field's name
    std::string value;
    size_t index = 0;

    bool operator==(const Step &o) const
    {
        return kind == o.kind && key == o.key && value == o.value && index == o.index;
    }
};
using Path = std::vector<Step>;

struct Change
{
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    Path path;
    YAML::Node before; // the value at path in the first document (undefined when added)
    YAML::Node after;  // ... in the second (undefined when removed)
};

// Every difference between a and b, in document order; lists of maps that all carry a unique
// `id`, `name` or `key` (the same field on both sides) are matched by it, other lists by index.
std::vector<Change> diff(const YAML::Node &a, const YAML::Node &b);

// `upstreams.payments`, `servers[2]`, `servers[name=web].port`, `["a.b/c"]`; "" is the document.
QString pathText(const Path &path);
// True when one path is the other or lies under it (list steps matched differently, by index
// and by identity, may name the same element and count as overlapping).
bool overlaps(const Path &a, const Path &b);
// The node at path, or an undefined node (never creates anything: const access only).
YAML::Node find(const YAML::Node &root, const Path &path);
// The index of the list element that `step` names in `list`, or -1.
int elementIndex(const YAML::Node &list, const Step &step);

bool isStringScalar(const YAML::Node &n);
// The value as compact JSON-like text for a person (long values end in "…").
QString compact(const YAML::Node &n);
// Same meaning: maps by key, lists in order, numbers by value, strings by text.
bool sameValue(const YAML::Node &a, const YAML::Node &b);

} // namespace etcd::tree
