// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "format/documentstyle.h"

#include "format/treediff.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace etcd::tree {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string jsonQuote(const std::string &s)
{
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

// Plain YAML text that every reader takes for this same string: not a number, boolean (YAML 1.1's
// yes/no/on/off included: Go and Python still read them so) or null, and no indicator anywhere.
bool plainIsSafe(const std::string &s)
{
    if (s.empty() || isSpace(s.front()) || isSpace(s.back()))
        return false;
    if (std::string("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string::npos)
        return false;
    if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos || s.back() == ':' ||
        s.find_first_of("\n\t\r") != std::string::npos)
        return false;
    std::string lower = s;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (const char *word : {"true", "false", "null", "~", "yes", "no", "on", "off", "y", "n"})
        if (lower == word)
            return false;
    char *end = nullptr;
    std::strtod(s.c_str(), &end);
    return !(end && *end == '\0');
}

std::string yamlScalar(const YAML::Node &n)
{
    if (!n.IsDefined() || n.IsNull())
        return "null";
    if (!isStringScalar(n))
        return n.Scalar();
    return plainIsSafe(n.Scalar()) ? n.Scalar() : jsonQuote(n.Scalar());
}

// In a flow collection of a YAML document: plain when safe there too (no ",[]{}"), else quoted.
std::string flowYamlScalar(const YAML::Node &n)
{
    if (!n.IsDefined() || n.IsNull())
        return "null";
    if (!isStringScalar(n))
        return n.Scalar();
    const std::string &s = n.Scalar();
    return plainIsSafe(s) && s.find_first_of(",[]{}") == std::string::npos ? s : jsonQuote(s);
}

std::string jsonScalar(const YAML::Node &n)
{
    if (!n.IsDefined() || n.IsNull())
        return "null";
    if (isStringScalar(n))
        return jsonQuote(n.Scalar());
    const std::string &s = n.Scalar();
    return s == "~" ? std::string("null") : s;
}

bool isEmptyOrScalar(const YAML::Node &n)
{
    return !n.IsDefined() || n.IsNull() || n.IsScalar() || n.size() == 0;
}

std::string emptyOrScalarYaml(const YAML::Node &n)
{
    if (n.IsMap())
        return "{}";
    if (n.IsSequence())
        return "[]";
    return yamlScalar(n);
}

DocumentStyle detectStyle(const std::string &text, const YAML::Node &root)
{
    DocumentStyle s;
    s.json = (root.IsMap() || root.IsSequence()) && root.Style() == YAML::EmitterStyle::Flow;
    const size_t first = text.find_first_not_of(" \t\r\n");
    const size_t last = text.find_last_not_of(" \t\r\n");
    s.pretty = first != std::string::npos && text.find('\n', first) < last;
    // The indent unit: the first indented line's indentation (JSON), or the smallest step (YAML).
    size_t best = 0;
    std::string bestText;
    for (size_t pos = text.find('\n'); pos != std::string::npos; pos = text.find('\n', pos + 1)) {
        size_t i = pos + 1;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        const size_t width = i - pos - 1;
        if (width == 0 || i >= text.size() || text[i] == '\n' || text[i] == '#')
            continue;
        if (best == 0 || width < best) {
            best = width;
            bestText = text.substr(pos + 1, width);
        }
        if (s.json)
            break;
    }
    if (!bestText.empty())
        s.unit = bestText;
    const size_t colon = text.find("\":");
    s.colonSpace = !s.json || colon == std::string::npos || (colon + 2 < text.size() && text[colon + 2] == ' ');
    const size_t comma = text.find(',');
    s.commaSpace = comma != std::string::npos && comma + 1 < text.size() && text[comma + 1] == ' ';
    return s;
}

std::string renderJson(const YAML::Node &n, const DocumentStyle &style, const std::string &indent, bool pretty)
{
    if (!n.IsMap() && !n.IsSequence())
        return style.json ? jsonScalar(n) : flowYamlScalar(n);
    const bool map = n.IsMap();
    if (n.size() == 0)
        return map ? "{}" : "[]";
    const std::string inner = indent + style.unit;
    const std::string colon = style.colonSpace || pretty ? ": " : ":";
    std::string out(1, map ? '{' : '[');
    bool first = true;
    for (const auto &item : n) {
        if (!first)
            out += pretty || !style.commaSpace ? "," : ", ";
        first = false;
        if (pretty)
            out += "\n" + inner;
        if (map)
            out += (style.json ? jsonQuote(item.first.Scalar()) : flowYamlScalar(item.first)) + colon +
                   renderJson(item.second, style, inner, pretty);
        else
            out += renderJson(item, style, inner, pretty);
    }
    if (pretty)
        out += "\n" + indent;
    return out + (map ? '}' : ']');
}

std::string renderYaml(const YAML::Node &n, const DocumentStyle &style, int indent)
{
    if (isEmptyOrScalar(n))
        return emptyOrScalarYaml(n);
    const int unit = int(style.unit.size());
    const std::string pad(size_t(indent), ' ');
    std::string out;
    bool first = true;
    if (n.IsMap()) {
        for (const auto &kv : n) {
            if (!first)
                out += "\n" + pad;
            first = false;
            out += yamlScalar(kv.first) + ":";
            if (isEmptyOrScalar(kv.second))
                out += " " + emptyOrScalarYaml(kv.second);
            else
                out += "\n" + std::string(size_t(indent + unit), ' ') + renderYaml(kv.second, style, indent + unit);
        }
        return out;
    }
    for (const auto &item : n) {
        if (!first)
            out += "\n" + pad;
        first = false;
        out += "- " + renderYaml(item, style, indent + 2);
    }
    return out;
}

} // namespace etcd::tree
