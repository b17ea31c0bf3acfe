#include "keys/valueformat.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

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
#include <string>
#include <vector>

namespace etcd::ui {

namespace {

// Decodes one strictly valid UTF-8 sequence at i (RFC 3629: no overlong forms, no surrogates, nothing
// above U+10FFFF). Returns its length, or 0 when the bytes at i are not one. Strict so that what
// passes decodes to a QString that encodes back to the same bytes, and what fails is shown as bytes.
int utf8SequenceAt(const QByteArray &bytes, qsizetype i, char32_t *codePoint)
{
    const auto byteAt = [&bytes](qsizetype k) { return static_cast<unsigned char>(bytes[k]); };
    const unsigned char first = byteAt(i);
    if (first < 0x80) {
        *codePoint = first;
        return 1;
    }
    int length = 0;
    char32_t cp = 0;
    char32_t smallest = 0;
    if ((first & 0xe0) == 0xc0) {
        length = 2, cp = first & 0x1fu, smallest = 0x80;
    } else if ((first & 0xf0) == 0xe0) {
        length = 3, cp = first & 0x0fu, smallest = 0x800;
    } else if ((first & 0xf8) == 0xf0) {
        length = 4, cp = first & 0x07u, smallest = 0x10000;
    } else {
        return 0;
    }
    if (i + length > bytes.size())
        return 0;
    for (int k = 1; k < length; ++k) {
        const unsigned char next = byteAt(i + k);
        if ((next & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (next & 0x3fu);
    }
    if (cp < smallest || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    *codePoint = cp;
    return length;
}

bool isControl(char32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

bool isUtf8Text(const QByteArray &value)
{
    for (qsizetype i = 0; i < value.size();) {
        char32_t cp = 0;
        const int length = utf8SequenceAt(value, i, &cp);
        if (length == 0 || (isControl(cp) && cp != '\t' && cp != '\n' && cp != '\r'))
            return false;
        i += length;
    }
    return true;
}

// QString::fromUtf8 drops an initial byte order mark, which would break the round trip of a value.
QString decodeUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::ConvertInitialBom);
    return decoder(bytes);
}

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    return u <= u'9' ? u - u'0' : (u | 0x20) - u'a' + 10;
}

FormatCheck failure(const QString &message, int line = 0, int column = 0)
{
    return FormatCheck{false, message, line, column};
}

QString describe(const FormatCheck &check)
{
    if (check.line == 0)
        return check.message;
    return QStringLiteral("line %1, column %2: %3").arg(check.line).arg(check.column).arg(check.message);
}

// Reads a hex dump or plain hex. A line's first run of exactly 8 digits followed by two blanks is an
// offset (hexdump -C's layout), as is such a run alone on a line after other offsets (hexdump's last
// line); from a '|' on, a line is the dump's text column.
QByteArray parseHex(const QString &text, FormatCheck *check)
{
    QByteArray bytes;
    bytes.reserve(text.size() / 3);
    bool sawOffsets = false;
    const QStringList lines = text.split(u'\n');
    for (qsizetype l = 0; l < lines.size(); ++l) {
        const QString &line = lines[l];
        const qsizetype bar = line.indexOf(u'|');
        const qsizetype end = bar < 0 ? line.size() : bar;
        qsizetype i = 0;
        while (i < end && line[i].isSpace())
            ++i;
        qsizetype digits = 0;
        while (i + digits < end && isHexDigit(line[i + digits]))
            ++digits;
        const QStringView rest = QStringView(line).mid(i + digits, end - i - digits);
        if (digits == 8 &&
            (rest.startsWith(u"  ") || rest.startsWith(u'\t') || (sawOffsets && rest.trimmed().isEmpty()))) {
            i += digits;
            sawOffsets = true;
        }
        while (i < end) {
            if (line[i].isSpace()) {
                ++i;
                continue;
            }
            const qsizetype start = i;
            for (; i < end && !line[i].isSpace(); ++i) {
                if (!isHexDigit(line[i])) {
                    *check = failure(QStringLiteral("'%1' is not a hex digit").arg(line[i]), int(l) + 1, int(i) + 1);
                    return {};
                }
            }
            if ((i - start) % 2 != 0) {
                *check =
                    failure(QStringLiteral("odd number of hex digits (a byte is two)"), int(l) + 1, int(start) + 1);
                return {};
            }
            for (qsizetype k = start; k < i; k += 2)
                bytes += char(hexValue(line[k]) * 16 + hexValue(line[k + 1]));
        }
    }
    *check = {};
    return bytes;
}

// Shown as is in a key: printable characters that cannot be mistaken for others. Other spaces look
// like ' ', format characters (zero-width space...) are invisible.
bool isShownInKey(char32_t cp)
{
    if (cp == ' ')
        return true;
    switch (QChar::category(cp)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph: return false;
    default: return true;
    }
}

// Parsers report byte offsets into the UTF-8 they read; the editor counts UTF-16 units.
FormatCheck failureAtByte(const QString &message, const QString &text, const QByteArray &utf8, qsizetype byteOffset)
{
    const qsizetype index = decodeUtf8(utf8.left(qBound(qsizetype(0), byteOffset, utf8.size()))).size();
    const qsizetype lineStart = index > 0 ? text.lastIndexOf(u'\n', index - 1) + 1 : 0;
    return failure(message, int(QStringView(text).left(lineStart).count(u'\n')) + 1, int(index - lineStart) + 1);
}

// YAML goes through yaml-cpp's event interface rather than YAML::Node: a Node forgets whether a
// scalar was quoted, so re-emitting one turns "yes" and "123" into a boolean and a number.
namespace yaml {

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

std::string Event::meaningTag() const
{
    return kind == Scalar && tag == "?" && !plainMayBeTyped(value) ? "!" : tag;
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

struct Parse
{
    std::vector<Event> events;
    bool ok = true;
    std::string message;
    int pos = -1; // byte offset of the error
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

// yaml-cpp drops comments. A '#' at a line's start or after a blank starts a comment everywhere except
// inside quoted and block scalars, which lie between a non-plain scalar's mark and the next mark. A '#'
// there is tested exactly: without it and the rest of its line, a comment parses to the same events.
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

// Re-emits the events in block style with 2-space indentation, keeping what every scalar means: a
// plain scalar is left to yaml-cpp (it stays plain, so it resolves to the same type, unless it can
// only be a string), a quoted or block one stays a string. The caller checks the result by parsing it.
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

} // namespace yaml

FormatCheck validateJson(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError) {
        // Qt's offset is mostly just past the character it could not take; step back onto it.
        qsizetype offset = qBound(qsizetype(0), qsizetype(error.offset), utf8.size());
        if (offset > 0 && !std::isspace(uchar(utf8[offset - 1]))) {
            --offset;
            while (offset > 0 && (uchar(utf8[offset]) & 0xc0) == 0x80)
                --offset;
        }
        return failureAtByte(error.errorString(), text, utf8, offset);
    }
    if (!document.isObject() && !document.isArray())
        return failure(QStringLiteral("JSON here must be an object or an array"), 1, 1);
    return {};
}

FormatCheck yamlCheck(const yaml::Parse &parsed, const QString &text, const QByteArray &utf8)
{
    if (parsed.ok)
        return {};
    const QString message = QString::fromStdString(parsed.message);
    return parsed.pos < 0 ? failure(message) : failureAtByte(message, text, utf8, parsed.pos);
}

FormatCheck validateYaml(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return yamlCheck(yaml::parse(utf8.toStdString()), text, utf8);
}

// Re-lays out JSON that QJsonDocument accepted, token by token: strings, numbers and literals are
// copied as they are, so key order, escapes and big numbers survive (QJsonDocument would not keep them).
QString relayoutJson(const QString &text, bool pretty)
{
    QString out;
    out.reserve(text.size() + (pretty ? text.size() : 0));
    int depth = 0;
    const auto newline = [&] {
        out += u'\n';
        out += QString(qsizetype(depth) * 2, u' ');
    };
    const auto nextSignificant = [&text](qsizetype from) {
        while (from < text.size() && text[from].isSpace())
            ++from;
        return from;
    };
    for (qsizetype i = 0; i < text.size();) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == u'"') {
            qsizetype end = i + 1;
            while (end < text.size() && text[end] != u'"')
                end += text[end] == u'\\' ? 2 : 1;
            out += QStringView(text).mid(i, end + 1 - i);
            i = end + 1;
        } else if (c == u'{' || c == u'[') {
            out += c;
            const qsizetype next = nextSignificant(i + 1);
            if (next < text.size() && (text[next] == u'}' || text[next] == u']')) {
                out += text[next]; // an empty container stays on its line
                i = next + 1;
                continue;
            }
            ++depth;
            if (pretty)
                newline();
            ++i;
        } else if (c == u'}' || c == u']') {
            --depth;
            if (pretty)
                newline();
            out += c;
            ++i;
        } else if (c == u',') {
            out += c;
            if (pretty)
                newline();
            ++i;
        } else if (c == u':') {
            out += pretty ? QStringLiteral(": ") : QStringLiteral(":");
            ++i;
        } else {
            const qsizetype start = i;
            while (i < text.size() && !text[i].isSpace() && !QStringView(u",:]}").contains(text[i]))
                ++i;
            out += QStringView(text).mid(start, i - start);
        }
    }
    return out;
}

QString reformatJson(const QString &text, bool pretty, QString *error)
{
    const FormatCheck check = validateJson(text);
    if (!check.ok) {
        if (error)
            *error = describe(check);
        return {};
    }
    if (error)
        error->clear();
    QString out = relayoutJson(text, pretty);
    if (pretty && text.endsWith(u'\n'))
        out += u'\n';
    return out;
}

QString prettyYaml(const QString &text, QString *error)
{
    const QByteArray utf8 = text.toUtf8();
    const std::string source = utf8.toStdString();
    const yaml::Parse parsed = yaml::parse(source);
    if (!parsed.ok) {
        *error = describe(yamlCheck(parsed, text, utf8));
        return {};
    }
    if (parsed.events.empty())
        return text;
    if (yaml::hasComments(source, parsed.events)) {
        *error = QStringLiteral("the YAML has comments, which pretty-printing would drop");
        return {};
    }
    // Literal blocks read best, but yaml-cpp writes them correctly only for some strings; whatever it
    // writes is parsed again and must give the same events, or we fall back to quoted strings, or refuse.
    for (const bool literals : {true, false}) {
        std::string out;
        if (!yaml::emit(parsed.events, literals, &out))
            continue;
        out += '\n';
        const yaml::Parse again = yaml::parse(out);
        if (again.ok && again.events == parsed.events)
            return QString::fromStdString(out);
    }
    *error = QStringLiteral("yaml-cpp cannot re-emit this YAML without changing it");
    return {};
}

} // namespace

QString formatName(ValueFormat format)
{
    switch (format) {
    case ValueFormat::Text: return QStringLiteral("Text");
    case ValueFormat::Json: return QStringLiteral("JSON");
    case ValueFormat::Yaml: return QStringLiteral("YAML");
    case ValueFormat::Binary: return QStringLiteral("Binary");
    }
    return {};
}

ValueFormat detectFormat(const QByteArray &value)
{
    if (value.isEmpty())
        return ValueFormat::Text;
    if (!isUtf8Text(value))
        return ValueFormat::Binary;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(value, &error);
    if (error.error == QJsonParseError::NoError && (document.isObject() || document.isArray()))
        return ValueFormat::Json;
    const yaml::Parse parsed = yaml::parse(value.toStdString());
    if (parsed.ok && parsed.events.size() > 1) {
        const yaml::Event::Kind root = parsed.events[1].kind;
        if (root == yaml::Event::MapStart || root == yaml::Event::SeqStart)
            return ValueFormat::Yaml;
    }
    return ValueFormat::Text;
}

FormatCheck validate(ValueFormat format, const QString &text)
{
    switch (format) {
    case ValueFormat::Text: return {};
    case ValueFormat::Json: return validateJson(text);
    case ValueFormat::Yaml: return validateYaml(text);
    case ValueFormat::Binary: {
        FormatCheck check;
        parseHex(text, &check);
        return check;
    }
    }
    return {};
}

QString prettyPrint(ValueFormat format, const QString &text, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    message.clear();
    if (format == ValueFormat::Text || format == ValueFormat::Binary)
        return text;
    QString pretty = format == ValueFormat::Json ? reformatJson(text, true, &message) : prettyYaml(text, &message);
    // Windows line ends stay (YAML reads a CRLF inside a block scalar as "\n", like LF).
    if (text.contains(u"\r\n"))
        pretty.replace(u'\n', QStringLiteral("\r\n"));
    return pretty;
}

QString compactJson(const QString &text, QString *error)
{
    return reformatJson(text, false, error);
}

QString toEditorText(const QByteArray &value, ValueFormat format)
{
    return format == ValueFormat::Binary ? toHexDump(value) : decodeUtf8(value);
}

QByteArray fromEditorText(const QString &text, ValueFormat format, QString *error)
{
    FormatCheck check;
    QByteArray bytes;
    if (format == ValueFormat::Binary) {
        bytes = parseHex(text, &check);
    } else {
        for (qsizetype i = 0; i < text.size() && check.ok; ++i) {
            if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
                ++i;
            else if (text[i].isSurrogate())
                check = failure(QStringLiteral("a lone UTF-16 surrogate cannot be written as UTF-8"));
        }
        if (check.ok)
            bytes = text.toUtf8();
    }
    if (error)
        *error = check.ok ? QString() : describe(check);
    return bytes;
}

QString toHexDump(const QByteArray &value)
{
    static const char digits[] = "0123456789abcdef";
    QString out;
    out.reserve((value.size() / 16 + 1) * 79);
    for (qsizetype offset = 0; offset < value.size(); offset += 16) {
        if (offset > 0)
            out += u'\n';
        out += QString::number(offset, 16).rightJustified(8, u'0');
        out += u"  ";
        QString ascii;
        for (qsizetype k = offset; k < offset + 16; ++k) {
            if (k == offset + 8)
                out += u' ';
            if (k >= value.size()) {
                out += u"   ";
                continue;
            }
            const auto byte = static_cast<unsigned char>(value[k]);
            out += QLatin1Char(digits[byte >> 4]);
            out += QLatin1Char(digits[byte & 15]);
            out += u' ';
            ascii += byte >= 0x20 && byte < 0x7f ? QLatin1Char(char(byte)) : QLatin1Char('.');
        }
        out += u" |";
        out += ascii;
        out += u'|';
    }
    return out;
}

QByteArray fromHex(const QString &text, bool *ok, QString *error)
{
    FormatCheck check;
    QByteArray bytes = parseHex(text, &check);
    if (ok)
        *ok = check.ok;
    if (error)
        *error = check.ok ? QString() : describe(check);
    return bytes;
}

bool isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)decoder.decode(bytes);
    return !decoder.hasError();
}

QString displayKey(const QByteArray &key)
{
    QString out;
    out.reserve(key.size());
    bool afterEscape = true; // nothing shown yet for a combining mark to join
    for (qsizetype i = 0; i < key.size();) {
        char32_t cp = 0;
        const int length = utf8SequenceAt(key, i, &cp);
        bool shown = length > 0 && isShownInKey(cp);
        if (shown && QChar::isMark(cp)) {
            // A mark that composes with what precedes it ("e" + U+0301) would look like the
            // precomposed character (U+00E9), a different key.
            const QString before = afterEscape ? QString() : out.right(out.back().isLowSurrogate() ? 2 : 1);
            const QString joined = before + QString::fromUcs4(&cp, 1);
            shown = !afterEscape && joined.normalized(QString::NormalizationForm_C) == joined;
        }
        if (shown) {
            if (cp == '\\')
                out += u"\\\\";
            else
                out += QString::fromUcs4(&cp, 1);
            afterEscape = false;
            i += length;
            continue;
        }
        for (const qsizetype end = i + std::max(length, 1); i < end; ++i)
            out += QStringLiteral("\\x%1").arg(static_cast<unsigned char>(key[i]), 2, 16, QLatin1Char('0'));
        afterEscape = true;
    }
    return out;
}

QByteArray keyFromDisplay(const QString &text, bool *ok)
{
    QByteArray key;
    key.reserve(text.size());
    const auto fail = [ok] {
        if (ok)
            *ok = false;
        return QByteArray();
    };
    qsizetype runStart = 0; // characters since the last escape, encoded together
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != u'\\') {
            if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
                ++i;
            else if (text[i].isSurrogate())
                return fail();
            continue;
        }
        key += QStringView(text).mid(runStart, i - runStart).toUtf8();
        if (i == text.size())
            break;
        if (++i == text.size())
            return fail();
        switch (text[i].unicode()) {
        case u'\\': key += '\\'; break;
        case u'n': key += '\n'; break;
        case u't': key += '\t'; break;
        case u'r': key += '\r'; break;
        case u'0': key += '\0'; break;
        case u'x':
            if (i + 2 >= text.size() || !isHexDigit(text[i + 1]) || !isHexDigit(text[i + 2]))
                return fail();
            key += char(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
            i += 2;
            break;
        default: return fail();
        }
        runStart = i + 1;
    }
    if (ok)
        *ok = true;
    return key;
}

} // namespace etcd::ui
