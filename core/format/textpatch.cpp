// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "format/textpatch.h"

#include <algorithm>

namespace etcd::tree {

TextPatch::TextPatch(std::string text, const YAML::Node &root)
    : m_text(std::move(text)), m_root(root), m_style(detectStyle(m_text, root))
{}

int TextPatch::column(size_t pos) const
{
    const size_t nl = pos == 0 ? std::string::npos : m_text.rfind('\n', pos - 1);
    return int(nl == std::string::npos ? pos : pos - nl - 1);
}

size_t TextPatch::lineEnd(size_t pos) const
{
    const size_t nl = m_text.find('\n', pos);
    return nl == std::string::npos ? m_text.size() : nl;
}

std::string TextPatch::lineIndent(size_t pos) const
{
    const size_t start = pos - size_t(column(pos));
    size_t i = start;
    while (i < m_text.size() && (m_text[i] == ' ' || m_text[i] == '\t'))
        ++i;
    return m_text.substr(start, i - start);
}

TextPatch::Span TextPatch::scalarSpan(const YAML::Node &n, const Ctx &ctx) const
{
    Span s;
    const size_t b = size_t(std::max(0, n.Mark().pos));
    const size_t size = m_text.size();
    if (b > size)
        return s;
    const bool emptyNull = n.IsNull() && b < size && m_text.compare(b, 1, "~") != 0 &&
                           m_text.compare(b, 4, "null") != 0 && m_text.compare(b, 4, "Null") != 0 &&
                           m_text.compare(b, 4, "NULL") != 0;
    if (emptyNull || b == size) { // an empty value: `key:` with nothing after it
        if (!ctx.mapValue || ctx.flow)
            return s;
        return {true, ctx.afterColon, ctx.afterColon};
    }
    const char c = m_text[b];
    size_t e = b;
    if (c == '"') {
        for (e = b + 1; e < size && m_text[e] != '"'; ++e)
            if (m_text[e] == '\\')
                ++e;
        if (e >= size)
            return s;
        return {true, b, e + 1};
    }
    if (c == '\'') {
        for (e = b + 1; e < size; ++e) {
            if (m_text[e] == '\'' && e + 1 < size && m_text[e + 1] == '\'')
                ++e;
            else if (m_text[e] == '\'')
                break;
        }
        if (e >= size)
            return s;
        return {true, b, e + 1};
    }
    if (c == '|' || c == '>') {
        // A block scalar: the lines below that are indented deeper than its key or "-".
        size_t end = lineEnd(b);
        for (size_t line = end + 1; line < size; line = lineEnd(line) + 1) {
            size_t i = line;
            while (i < size && m_text[i] == ' ')
                ++i;
            if (i >= size || m_text[i] == '\n' || (m_text[i] == '\r' && i + 1 < size && m_text[i + 1] == '\n'))
                continue; // blank lines belong to it only when more text follows
            if (int(i - line) <= ctx.ownerIndent)
                break;
            end = lineEnd(line);
        }
        return {true, b, end};
    }
    // A plain scalar: to the end of the line, a comment, or (in flow style) the next separator.
    for (e = b; e < size; ++e) {
        const char ch = m_text[e];
        if (ch == '\n' || ch == '\r' || (ch == '#' && e > b && isSpace(m_text[e - 1])))
            break;
        if (ch == ':' && (e + 1 == size || isSpace(m_text[e + 1])))
            break;
        if (ctx.flow && (ch == ',' || ch == ']' || ch == '}' || ch == ':'))
            break;
    }
    while (e > b && isSpace(m_text[e - 1]))
        --e;
    // What was read must be the whole scalar: a plain scalar over several lines is not edited.
    if (!n.IsNull() && m_text.compare(b, e - b, n.Scalar()) != 0)
        return s;
    return {true, b, e};
}

TextPatch::Container TextPatch::describe(const YAML::Node &n, const Ctx &ctx, int depth) const
{
    Container c;
    c.depth = depth;
    c.isMap = n.IsMap();
    c.flow = ctx.flow || n.Style() == YAML::EmitterStyle::Flow;
    if (n.Mark().pos < 0 || size_t(n.Mark().pos) >= m_text.size() || (n.Tag() != "?" && !n.Tag().empty()))
        return c;
    c.begin = size_t(n.Mark().pos);
    if (c.flow && m_text[c.begin] != (c.isMap ? '{' : '['))
        return c;
    const int ownColumn = column(c.begin);
    for (auto it = n.begin(); it != n.end(); ++it) {
        Member m;
        Ctx child;
        child.flow = c.flow;
        if (c.isMap) {
            m.key.reset(it->first);
            m.value.reset(it->second);
            const Span key = scalarSpan(m.key, Ctx{c.flow, ownColumn, 0, false});
            if (!key.ok || !m.key.IsScalar())
                return c;
            m.begin = key.begin;
            size_t colon = key.end;
            while (colon < m_text.size() && (m_text[colon] == ' ' || m_text[colon] == '\t'))
                ++colon;
            if (colon >= m_text.size() || m_text[colon] != ':')
                return c;
            child.ownerIndent = column(key.begin);
            child.mapValue = true;
            child.afterColon = colon + 1;
        } else {
            m.value.reset(*it);
            if (!c.flow) {
                // The "-" before the item, on its line.
                size_t dash = size_t(std::max(0, m.value.Mark().pos));
                while (dash > 0 && m_text[dash - 1] == ' ')
                    --dash;
                if (dash == 0 || m_text[dash - 1] != '-')
                    return c;
                child.ownerIndent = column(dash - 1);
            }
        }
        const Span value = span(m.value, child, depth + 1);
        if (!value.ok)
            return c;
        if (!c.isMap)
            m.begin = value.begin;
        m.valueBegin = value.begin;
        m.valueEnd = value.end;
        m.end = value.end;
        if (!c.flow) {
            // A comment after the value on its line stays with it.
            size_t i = m.end;
            while (i < m_text.size() && (m_text[i] == ' ' || m_text[i] == '\t'))
                ++i;
            if (i < m_text.size() && m_text[i] == '#')
                m.end = lineEnd(i);
            if (m.end > 0 && m.end < m_text.size() && m_text[m.end - 1] == '\r')
                --m.end;
        }
        m.ctx = child;
        c.members.push_back(m);
    }
    if (c.flow) {
        // The closing bracket, past nested brackets and quoted strings.
        int level = 0;
        char quote = 0;
        for (size_t i = c.begin; i < m_text.size(); ++i) {
            const char ch = m_text[i];
            if (quote) {
                if (ch == '\\' && quote == '"')
                    ++i;
                else if (ch == quote)
                    quote = 0;
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '{' || ch == '[') {
                ++level;
            } else if ((ch == '}' || ch == ']') && --level == 0) {
                c.end = i + 1;
                c.ok = true;
                return c;
            }
        }
        return c;
    }
    if (c.members.empty())
        return c;
    c.end = c.members.back().end;
    c.ok = true;
    return c;
}

TextPatch::Span TextPatch::span(const YAML::Node &n, const Ctx &ctx, int depth) const
{
    if ((n.IsMap() || n.IsSequence()) && depth < 200) {
        const Container c = describe(n, ctx, depth);
        return {c.ok, c.begin, c.end};
    }
    if (n.IsScalar() || n.IsNull())
        return scalarSpan(n, ctx);
    return {};
}

std::string TextPatch::renderIn(const YAML::Node &value, const Container &c, const Member &m) const
{
    if (c.flow) {
        const std::string old = m_text.substr(c.begin, c.end - c.begin);
        return renderJson(value, m_style, lineIndent(m.valueBegin), old.find('\n') != std::string::npos);
    }
    const int unit = int(m_style.unit.size());
    if (isEmptyOrScalar(value))
        return (m.valueBegin == m.valueEnd ? " " : "") + emptyOrScalarYaml(value);
    const bool blockBefore = (m.value.IsMap() || m.value.IsSequence()) && m.value.Style() != YAML::EmitterStyle::Flow;
    if (blockBefore) // it starts at its own column already
        return renderYaml(value, m_style, column(m.valueBegin));
    if (!c.isMap) // after "- ": the item's lines line up under its first
        return renderYaml(value, m_style, m.ctx.ownerIndent + 2);
    const int indent = m.ctx.ownerIndent + unit;
    return "\n" + std::string(size_t(indent), ' ') + renderYaml(value, m_style, indent);
}

std::string TextPatch::renderMember(const std::string &key, const YAML::Node &value, const Container &c,
                                    const std::string &indent, bool pretty, int blockIndent) const
{
    if (c.flow) {
        const std::string v = renderJson(value, m_style, indent, pretty);
        if (!c.isMap)
            return v;
        return (m_style.json ? jsonQuote(key) : flowYamlScalar(YAML::Node(key))) +
               (m_style.colonSpace || pretty ? ": " : ":") + v;
    }
    if (!c.isMap)
        return "- " + renderYaml(value, m_style, blockIndent + 2);
    YAML::Node keyNode(key);
    std::string out = yamlScalar(keyNode) + ":";
    if (isEmptyOrScalar(value))
        return out + " " + emptyOrScalarYaml(value);
    const int inner = blockIndent + int(m_style.unit.size());
    return out + "\n" + std::string(size_t(inner), ' ') + renderYaml(value, m_style, inner);
}

bool TextPatch::set(const Path &path, const YAML::Node &value)
{
    if (path.empty()) {
        const Span all = span(m_root, Ctx(), 0);
        if (!all.ok || !value.IsDefined())
            return false;
        const bool pretty = m_style.pretty;
        m_edits.push_back({all.begin, all.end, 0,
                           m_style.json || (m_root.Style() == YAML::EmitterStyle::Flow && !isEmptyOrScalar(m_root))
                               ? renderJson(value, m_style, std::string(), pretty)
                               : renderYaml(value, m_style, column(all.begin))});
        return true;
    }
    YAML::Node node = m_root;
    Ctx ctx;
    for (size_t depth = 0;; ++depth) {
        if (!node.IsMap() && !node.IsSequence())
            return false;
        const Container c = describe(node, ctx, int(depth));
        if (!c.ok)
            return false;
        const Step &step = path[depth];
        int index = -1;
        if (c.isMap && step.kind == Step::Kind::Key) {
            for (size_t i = 0; i < c.members.size() && index < 0; ++i)
                if (c.members[i].key.Scalar() == step.key)
                    index = int(i);
        } else if (!c.isMap && step.kind != Step::Kind::Key) {
            index = elementIndex(node, step);
        } else {
            return false;
        }
        if (depth + 1 < path.size()) {
            if (index < 0)
                return false;
            node.reset(c.members[size_t(index)].value);
            ctx = c.members[size_t(index)].ctx;
            continue;
        }
        if (index >= 0 && value.IsDefined()) {
            const Member &m = c.members[size_t(index)];
            size_t begin = m.valueBegin;
            const std::string text = renderIn(value, c, m);
            if (!text.empty() && text.front() == '\n') // no trailing space after the key's ':'
                while (begin > 0 && m_text[begin - 1] == ' ')
                    --begin;
            m_edits.push_back({begin, m.valueEnd, c.depth + 1, text});
            return true;
        }
        if (index < 0 && !value.IsDefined())
            return true; // already absent
        auto it = m_pending.find(c.begin);
        if (it == m_pending.end())
            it = m_pending.emplace(c.begin, Pending{c, {}, {}}).first;
        if (index >= 0)
            it->second.removed.push_back(size_t(index));
        else
            it->second.added.emplace_back(step.kind == Step::Kind::Key ? step.key : std::string(), value);
        return true;
    }
}

std::string TextPatch::renderAdditions(const Pending &p) const
{
    const Container &c = p.container;
    const Member &last = c.members.back();
    std::string out;
    if (c.flow) {
        // Like the last member: the same separator before it and the same indentation.
        size_t ws = last.begin;
        while (ws > c.begin + 1 && isSpace(m_text[ws - 1]))
            --ws;
        const std::string sep = m_text.substr(ws, last.begin - ws);
        const bool pretty = sep.find('\n') != std::string::npos;
        for (const auto &[key, value] : p.added)
            out += "," + sep + renderMember(key, value, c, lineIndent(last.begin), pretty, 0);
        return out;
    }
    const int indent = c.isMap ? column(c.begin) : last.ctx.ownerIndent;
    for (const auto &[key, value] : p.added)
        out += "\n" + std::string(size_t(indent), ' ') + renderMember(key, value, c, std::string(), false, indent);
    return out;
}

std::optional<std::string> TextPatch::result() const
{
    std::vector<Edit> edits;
    for (const Edit &e : m_edits)
        edits.push_back(e);
    for (const auto &[pos, p] : m_pending) {
        const Container &c = p.container;
        std::vector<size_t> removed = p.removed;
        std::sort(removed.begin(), removed.end());
        removed.erase(std::unique(removed.begin(), removed.end()), removed.end());
        const size_t n = c.members.size();
        if (removed.size() == n) {
            // Nothing of the old container stays: write it anew (an empty one, or the additions).
            YAML::Node fresh(c.isMap ? YAML::NodeType::Map : YAML::NodeType::Sequence);
            for (const auto &[key, value] : p.added) {
                if (c.isMap)
                    fresh[key] = value;
                else
                    fresh.push_back(value);
            }
            const std::string text =
                c.flow || fresh.size() == 0
                    ? renderJson(fresh, m_style, lineIndent(c.begin),
                                 m_text.substr(c.begin, c.end - c.begin).find('\n') != std::string::npos)
                    : renderYaml(fresh, m_style, column(c.begin));
            edits.push_back({c.begin, c.end, c.depth, text});
            continue;
        }
        // Runs of removed members: up to the next kept one, or (at the end) from the kept one before.
        for (size_t i = 0; i < removed.size();) {
            size_t j = i;
            while (j + 1 < removed.size() && removed[j + 1] == removed[j] + 1)
                ++j;
            const size_t first = removed[i], lastRemoved = removed[j];
            if (lastRemoved + 1 < n)
                edits.push_back({c.members[first].begin, c.members[lastRemoved + 1].begin, c.depth, std::string()});
            else
                edits.push_back({c.members[first - 1].end, c.members[lastRemoved].end, c.depth, std::string()});
            i = j + 1;
        }
        if (!p.added.empty()) {
            const size_t at = c.members.back().end;
            edits.push_back({at, at, c.depth, renderAdditions(p)});
        }
    }
    // In text order; at one position, what belongs to the deeper container comes first.
    std::sort(edits.begin(), edits.end(), [](const Edit &a, const Edit &b) {
        if (a.begin != b.begin)
            return a.begin < b.begin;
        if ((a.begin == a.end) != (b.begin == b.end))
            return a.begin == a.end; // an insertion before a replacement starting there
        return a.depth > b.depth;
    });
    std::string out;
    size_t at = 0;
    for (const Edit &e : edits) {
        if (e.begin < at || e.end < e.begin || e.end > m_text.size())
            return std::nullopt;
        out.append(m_text, at, e.begin - at);
        out += e.text;
        at = e.end;
    }
    out.append(m_text, at, std::string::npos);
    return out;
}

} // namespace etcd::tree
