// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "format/documentstyle.h"
#include "format/treediff.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

// Edits a JSON or YAML document's text at tree paths and leaves every other byte as it was: the
// user's indentation, key order, quoting, number spelling and YAML comments survive a merge. New
// values are written in the document's own style (minified or indented JSON, block YAML with the
// same indent unit). Positions come from yaml-cpp's marks; where a node's extent cannot be told
// for sure (multi-line plain scalars, empty values in lists, anchors), set() says no and the caller
// writes the whole document instead. Internal to core/format.

namespace etcd::tree {

class TextPatch
{
public:
    TextPatch(std::string text, const YAML::Node &root);

    // Make the value at `path` equal `value`; an undefined `value` removes it. The parent must
    // exist. False when this text cannot be edited there.
    bool set(const Path &path, const YAML::Node &value);
    // The text with every edit made; nullopt when two edits overlap.
    std::optional<std::string> result() const;

private:
    struct Ctx
    {
        bool flow = false;
        int ownerIndent = -1;  // column of the key or "-" that owns the node; -1 at the top
        size_t afterColon = 0; // a map value: just after its key's ':' (for an empty value)
        bool mapValue = false;
    };
    struct Span
    {
        bool ok = false;
        size_t begin = 0, end = 0;
    };
    struct Member
    {
        YAML::Node key; // maps only
        YAML::Node value;
        size_t begin = 0;      // the key, or the list item
        size_t valueBegin = 0; // == valueEnd for an empty value
        size_t valueEnd = 0;
        size_t end = 0; // block style: to the end of the line when only a comment follows
        Ctx ctx;        // the value's
    };
    struct Container
    {
        bool ok = false;
        bool flow = false;
        bool isMap = false;
        size_t begin = 0, end = 0;
        int depth = 0;
        std::vector<Member> members;
    };
    struct Pending
    {
        Container container;
        std::vector<size_t> removed;
        std::vector<std::pair<std::string, YAML::Node>> added; // key ("" in lists), value
    };
    struct Edit
    {
        size_t begin = 0, end = 0;
        int depth = 0;
        std::string text;
    };

    Span span(const YAML::Node &n, const Ctx &ctx, int depth) const;
    Span scalarSpan(const YAML::Node &n, const Ctx &ctx) const;
    Container describe(const YAML::Node &n, const Ctx &ctx, int depth) const;
    int column(size_t pos) const;
    size_t lineEnd(size_t pos) const;
    std::string lineIndent(size_t pos) const;
    std::string renderIn(const YAML::Node &value, const Container &c, const Member &m) const;
    std::string renderAdditions(const Pending &p) const;
    std::string renderMember(const std::string &key, const YAML::Node &value, const Container &c,
                             const std::string &indent, bool pretty, int blockIndent) const;

    std::string m_text;
    YAML::Node m_root;
    DocumentStyle m_style;
    std::vector<Edit> m_edits;
    std::map<size_t, Pending> m_pending; // by container position
};

} // namespace etcd::tree
