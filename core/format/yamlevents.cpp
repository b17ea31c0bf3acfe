// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "format/yamlevents.h"

#include <yaml-cpp/emitter.h>
#include <yaml-cpp/emittermanip.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

namespace etcd::yaml {

namespace {

using uchar = unsigned char;

// Whether a plain scalar could resolve to something other than a string in YAML 1.1 or 1.2: null,
// a boolean, a number, a timestamp, a merge key. Any other plain scalar means its quoted string.
bool plainMayBeTyped(const std::string &value)
{
    static const std::set<std::string> words = {
        "",    "~",   "null", "Null", "NULL", "y",    "Y",     "yes",   "Yes",   "YES",  "n",   "N",
        "no",  "No",  "NO",   "true", "True", "TRUE", "false", "False", "FALSE", "on",   "On",  "ON",
        "off", "Off", "OFF",  "<<",   "=",    ".inf", ".Inf",  ".INF",  ".nan",  ".NaN", ".NAN"};
    if (words.count(value) || std::isdigit(uchar(value[0])))
        return true;
    const bool signOrDot = value[0] == '-' || value[0] == '+' || value[0] == '.';
    return signOrDot && value.size() > 1 && (std::isdigit(uchar(value[1])) || value[1] == '.');
}

class Recorder : public YAML::EventHandler
{
public:
    explicit Recorder(int bomLength) : m_bomLength(bomLength) {}
    std::vector<Event> takeEvents() { return std::move(m_events); }
    int lastDocumentStart() const { return m_lastDocumentStart; }

    void OnDocumentStart(const YAML::Mark &mark) override { m_lastDocumentStart = add(Event::DocStart, &mark).pos; }
    void OnDocumentEnd() override { add(Event::DocEnd, nullptr); }
    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override { add(Event::Null, &mark, {}, anchor); }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        add(Event::Alias, &mark).anchor = m_anchorNames[anchor];
    }
    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &value) override
    {
        add(Event::Scalar, &mark, tag, anchor).value = value;
    }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value /*style*/) override
    {
        add(Event::SeqStart, &mark, tag == "!" ? "?" : tag, anchor);
    }
    void OnSequenceEnd() override { add(Event::SeqEnd, nullptr); }
    void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value /*style*/) override
    {
        add(Event::MapStart, &mark, tag == "!" ? "?" : tag, anchor);
    }
    void OnMapEnd() override { add(Event::MapEnd, nullptr); }
    // yaml-cpp numbers anchors; the names arrive here, just before the anchored node.
    void OnAnchor(const YAML::Mark & /*mark*/, const std::string &name) override { m_pendingAnchor = name; }

private:
    Event &add(Event::Kind kind, const YAML::Mark *mark, const std::string &tag = {}, YAML::anchor_t anchor = 0)
    {
        Event &event = m_events.emplace_back();
        event.kind = kind;
        event.tag = tag;
        event.pos = mark ? mark->pos + m_bomLength : -1;
        if (anchor != 0) {
            event.anchor = m_pendingAnchor.empty() ? "a" + std::to_string(anchor) : m_pendingAnchor;
            m_anchorNames[anchor] = event.anchor;
        }
        m_pendingAnchor.clear();
        return event;
    }

    int m_bomLength;
    int m_lastDocumentStart = -1;
    std::vector<Event> m_events;
    std::map<YAML::anchor_t, std::string> m_anchorNames;
    std::string m_pendingAnchor;
};

// yaml-cpp 0.7 ends an unclosed quoted scalar silently at the end of the input. Returns the offset
// of the opening quote of such a scalar, or -1.
int unclosedQuote(const std::string &source, const Event &scalar)
{
    auto i = std::size_t(scalar.pos);
    // The mark is at the node's properties (&anchor !tag), which come before the quote.
    while (i < source.size() && (source[i] == '&' || source[i] == '!' || std::isspace(uchar(source[i])))) {
        if (source[i] == '&' || source[i] == '!')
            while (i < source.size() && !std::isspace(uchar(source[i])))
                ++i;
        else
            ++i;
    }
    if (i >= source.size() || (source[i] != '"' && source[i] != '\''))
        return -1;
    const char quote = source[i];
    for (std::size_t k = i + 1; k < source.size(); ++k) {
        if (quote == '"' && source[k] == '\\') {
            ++k;
        } else if (source[k] == quote) {
            if (quote == '\'' && k + 1 < source.size() && source[k + 1] == '\'')
                ++k; // '' is a quote inside a single-quoted scalar
            else
                return -1;
        }
    }
    return int(i);
}

// yaml-cpp 0.7 starts a new document wherever the previous one's root node ends, so "- a\nb: 1"
// parses as two documents. YAML allows a document without "---" only after an explicit end "...".
bool startsDocumentProperly(const std::string &source, int pos)
{
    if (pos < 0 || std::size_t(pos) >= source.size() || source.compare(std::size_t(pos), 3, "---") == 0)
        return true;
    auto end = std::size_t(pos);
    while (end > 0) {
        const std::size_t lineStart = source.rfind('\n', end - 1);
        const std::size_t from = lineStart == std::string::npos ? 0 : lineStart + 1;
        std::string line = source.substr(from, end - from);
        line.erase(0, line.find_first_not_of(" \t\r"));
        if (!line.empty() && line[0] != '#')
            return line.compare(0, 3, "...") == 0;
        end = from == 0 ? 0 : from - 1;
    }
    return false;
}

// What yaml-cpp 0.7 accepts but YAML does not: unclosed quotes, implicit documents, duplicate keys.
void checkStrictly(const std::string &source, Parse &result)
{
    struct Frame
    {
        bool isMap;
        bool awaitingKey;
        std::set<std::string> keys;
    };
    std::vector<Frame> frames;
    int documents = 0;
    for (const Event &event : result.events) {
        const auto fail = [&](const std::string &message) {
            result.ok = false;
            result.message = message;
            result.pos = event.pos;
        };
        if (event.kind == Event::DocStart && documents++ > 0 && !startsDocumentProperly(source, event.pos))
            return fail("content after the end of the document (a new document starts with ---)");
        if (event.kind == Event::Scalar && event.tag != "?") {
            if (const int quote = unclosedQuote(source, event); quote >= 0) {
                fail("the quoted string is not closed");
                result.pos = quote;
                return;
            }
        }
        if ((event.kind == Event::SeqEnd || event.kind == Event::MapEnd) && !frames.empty())
            frames.pop_back();
        if (event.kind == Event::Null || event.kind == Event::Alias || event.kind == Event::Scalar ||
            event.kind == Event::SeqStart || event.kind == Event::MapStart) {
            if (!frames.empty() && frames.back().isMap) {
                Frame &map = frames.back();
                const bool isKey = map.awaitingKey;
                map.awaitingKey = !isKey;
                if (isKey && event.kind == Event::Scalar && !map.keys.insert(event.tag + '\0' + event.value).second)
                    return fail("duplicate key \"" + event.value.substr(0, 60) + "\"");
            }
            if (event.kind == Event::SeqStart || event.kind == Event::MapStart)
                frames.push_back({event.kind == Event::MapStart, true, {}});
        }
    }
}

// Whether yaml-cpp writes this string as a literal block that reads back as the same string: it
// always uses clip chomping ("|", one final line break) and no indentation indicator.
bool literalIsSafe(const std::string &value)
{
    if (value.size() < 2 || value.back() != '\n' || value[value.size() - 2] == '\n')
        return false;
    if (value.front() == ' ' || value.front() == '\t' || value.front() == '\n')
        return false;
    const auto unwritable = [](char c) { return (uchar(c) < 0x20 && c != '\n' && c != '\t') || c == '\x7f'; };
    if (std::any_of(value.begin(), value.end(), unwritable))
        return false;
    // Line breaks in YAML 1.1 (NEL, LS, PS) and a byte order mark would not survive either.
    const std::initializer_list<const char *> specials = {"\xc2\x85", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xef\xbb\xbf"};
    return std::none_of(specials.begin(), specials.end(),
                        [&value](const char *special) { return value.find(special) != std::string::npos; });
}

void writeTag(YAML::Emitter &emitter, const std::string &tag)
{
    static const std::string core = "tag:yaml.org,2002:";
    if (tag.empty() || tag == "?" || tag == "!")
        return;
    if (tag.compare(0, core.size(), core) == 0)
        emitter << YAML::SecondaryTag(tag.substr(core.size()));
    else if (tag[0] == '!')
        emitter << YAML::LocalTag(tag.substr(1));
    else
        emitter << YAML::VerbatimTag(tag);
}

} // namespace

std::string Event::meaningTag() const
{
    return kind == Scalar && tag == "?" && !plainMayBeTyped(value) ? "!" : tag;
}

Parse parse(const std::string &source)
{
    Parse result;
    // yaml-cpp skips a byte order mark and counts its marks after it.
    Recorder recorder(source.compare(0, 3, "\xef\xbb\xbf") == 0 ? 3 : 0);
    try {
        std::istringstream in(source);
        YAML::Parser parser(in);
        // yaml-cpp 0.7 never gets past a ',' outside a flow collection: it returns empty documents at
        // the same place forever. A document must start after the one before it.
        int lastStart = -1;
        while (parser.HandleNextDocument(recorder)) {
            const int start = recorder.lastDocumentStart();
            if (start <= lastStart) {
                result.ok = false;
                result.message = "unexpected '" + source.substr(std::size_t(start), 1) + "'";
                result.pos = start;
                break;
            }
            lastStart = start;
        }
    } catch (const YAML::Exception &e) {
        result.ok = false;
        result.message = e.msg;
        result.pos = e.mark.is_null() ? -1 : e.mark.pos + (source.compare(0, 3, "\xef\xbb\xbf") == 0 ? 3 : 0);
    }
    result.events = recorder.takeEvents();
    if (result.ok)
        checkStrictly(source, result);
    return result;
}

bool hasComments(const std::string &source, const std::vector<Event> &events)
{
    std::vector<std::pair<std::size_t, std::size_t>> scalars;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events[i].kind != Event::Scalar || events[i].tag == "?")
            continue;
        std::size_t end = source.size();
        for (std::size_t k = i + 1; k < events.size(); ++k)
            if (events[k].pos >= 0) {
                end = std::size_t(events[k].pos);
                break;
            }
        scalars.emplace_back(std::size_t(events[i].pos), end);
    }
    constexpr int maxReparses = 100; // beyond that, assume a comment rather than stall the GUI
    int reparses = 0;
    for (std::size_t p = 0; p < source.size(); ++p) {
        if (source[p] != '#' || (p > 0 && !std::isspace(uchar(source[p - 1]))))
            continue;
        const bool inScalar = std::any_of(scalars.begin(), scalars.end(),
                                          [p](const auto &range) { return p > range.first && p < range.second; });
        if (!inScalar || ++reparses > maxReparses)
            return true;
        std::string cut = source;
        cut.erase(p, cut.find_first_of("\r\n", p) - p);
        const Parse reparsed = parse(cut);
        if (reparsed.ok && reparsed.events == events)
            return true;
    }
    return false;
}

bool emit(const std::vector<Event> &events, bool literals, std::string *out)
{
    YAML::Emitter emitter;
    emitter.SetIndent(2);
    emitter.SetNullFormat(YAML::LowerNull);
    const auto documents =
        std::count_if(events.begin(), events.end(), [](const Event &e) { return e.kind == Event::DocStart; });
    std::vector<std::pair<bool, bool>> frames; // (is a map, awaiting a key)
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event &event = events[i];
        bool isKey = false;
        if (event.kind != Event::DocStart && event.kind != Event::DocEnd && event.kind != Event::SeqEnd &&
            event.kind != Event::MapEnd && !frames.empty() && frames.back().first) {
            isKey = frames.back().second;
            frames.back().second = !isKey;
            emitter << (isKey ? YAML::Key : YAML::Value);
        }
        if (event.kind != Event::Alias && !event.anchor.empty())
            emitter << YAML::Anchor(event.anchor);
        writeTag(emitter, event.tag);
        switch (event.kind) {
        case Event::DocStart:
            if (documents > 1)
                emitter << YAML::BeginDoc;
            break;
        case Event::DocEnd: break;
        case Event::Null: emitter << YAML::Null; break;
        case Event::Alias: emitter << YAML::Alias(event.anchor); break;
        case Event::Scalar:
            if (event.tag == "!" && !isKey && literals && literalIsSafe(event.value))
                emitter << YAML::Literal << event.value.substr(0, event.value.size() - 1);
            else if (event.tag == "!")
                emitter << YAML::DoubleQuoted << event.value;
            else
                emitter << event.value;
            break;
        case Event::SeqStart:
        case Event::MapStart: {
            // An empty collection can only be written in flow style: [] or {}.
            const bool empty =
                i + 1 < events.size() && (events[i + 1].kind == Event::SeqEnd || events[i + 1].kind == Event::MapEnd);
            emitter << (empty ? YAML::Flow : YAML::Block);
            emitter << (event.kind == Event::SeqStart ? YAML::BeginSeq : YAML::BeginMap);
            frames.emplace_back(event.kind == Event::MapStart, true);
            break;
        }
        case Event::SeqEnd:
        case Event::MapEnd:
            emitter << (event.kind == Event::SeqEnd ? YAML::EndSeq : YAML::EndMap);
            if (!frames.empty())
                frames.pop_back();
            break;
        }
    }
    if (!emitter.good())
        return false;
    *out = emitter.c_str();
    return true;
}

} // namespace etcd::yaml