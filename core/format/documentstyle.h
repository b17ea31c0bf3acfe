// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

// How a JSON or YAML document is written (minified or indented, the indent unit, spaces after
// ':' and ','), and values written in that style: what a merge or a field restore adds to a
// person's document must look like the rest of it. Internal to core/format.

namespace etcd::tree {

struct DocumentStyle
{
    bool json = false;       // the document is JSON (a flow map or list at the top)
    bool pretty = true;      // more than one line
    std::string unit = "  "; // one level of indentation
    bool colonSpace = true;  // `"a": 1` rather than `"a":1` (minified JSON)
    bool commaSpace = false; // `1, 2` rather than `1,2` (single-line JSON)
};

DocumentStyle detectStyle(const std::string &text, const YAML::Node &root);

// A whole value: JSON (or flow YAML in a YAML document) from `indent`, pretty or not; or block
// YAML whose lines after the first start at column `indent`.
std::string renderJson(const YAML::Node &n, const DocumentStyle &style, const std::string &indent, bool pretty);
std::string renderYaml(const YAML::Node &n, const DocumentStyle &style, int indent);

bool isSpace(char c);
std::string jsonQuote(const std::string &s);
// Plain YAML text that every reader takes for this same string (YAML 1.1's yes/no/on/off included:
// Go and Python still read them as booleans); otherwise the caller quotes it.
bool plainIsSafe(const std::string &s);
std::string yamlScalar(const YAML::Node &n);     // block context: plain when safe, else "quoted"
std::string flowYamlScalar(const YAML::Node &n); // inside [ ] or { } of a YAML document
std::string jsonScalar(const YAML::Node &n);
bool isEmptyOrScalar(const YAML::Node &n);          // written on the line of its key
std::string emptyOrScalarYaml(const YAML::Node &n); // {} [] or the scalar

} // namespace etcd::tree
