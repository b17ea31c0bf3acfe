// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <string>
#include <vector>

// YAML read through yaml-cpp's event interface rather than YAML::Node: a Node forgets whether a
// scalar was quoted, so re-emitting one turns "yes" and "123" into a boolean and a number. The
// value formats (validation, detection, pretty-printing) are built on these events.

namespace etcd::yaml {

struct Event
{
    enum Kind { DocStart, DocEnd, Null, Alias, Scalar, SeqStart, SeqEnd, MapStart, MapEnd };
    Kind kind = Null;
    std::string tag;    // "?": plain scalar or untagged collection, "!": quoted or block scalar
    std::string value;  // scalars
    std::string anchor; // the anchor's name; for an alias, the name it refers to
    int pos = -1;       // byte offset in the source; -1 for the ends, which have no mark

    // Positions and collection styles are layout, not meaning; so is quoting a plain scalar that
    // could only be a string anyway.
    bool operator==(const Event &o) const
    {
        return kind == o.kind && meaningTag() == o.meaningTag() && value == o.value && anchor == o.anchor;
    }
    std::string meaningTag() const;
};

struct Parse
{
    std::vector<Event> events;
    bool ok = true;
    std::string message;
    int pos = -1; // byte offset of the error
};

// Parses `source` strictly: what yaml-cpp 0.7 accepts but YAML does not (unclosed quotes,
// implicit documents, duplicate keys) is an error too.
Parse parse(const std::string &source);
// yaml-cpp drops comments. A '#' at a line's start or after a blank starts a comment everywhere except
// inside quoted and block scalars, which lie between a non-plain scalar's mark and the next mark. A '#'
// there is tested exactly: without it and the rest of its line, a comment parses to the same events.
bool hasComments(const std::string &source, const std::vector<Event> &events);
// Re-emits the events in block style with 2-space indentation, keeping what every scalar means: a
// plain scalar is left to yaml-cpp (it stays plain, so it resolves to the same type, unless it can
// only be a string), a quoted or block one stays a string. The caller checks the result by parsing it.
bool emit(const std::vector<Event> &events, bool literals, std::string *out);

} // namespace etcd::yaml
