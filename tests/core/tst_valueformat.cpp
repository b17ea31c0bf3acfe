// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The value formats (core/format): detection, validation positions, pretty-printing that keeps
// meaning and order, the editor text round trips for every byte string, and key display.

#include "format/valueformat.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

using namespace etcd;

Q_DECLARE_METATYPE(etcd::ValueFormat)

class TestValueFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detectsFormats_data();
    void detectsFormats();
    void validationErrorsHavePositions_data();
    void validationErrorsHavePositions();
    void prettyJsonKeepsOrderAndLiterals();
    void prettyYamlKeepsMeaningAndOrder();
    void prettyYamlRefusesComments();
    void prettyPrintReportsProgressAndStops();
    void hexDumpLayoutAndParsing();
    void keysDisplayAndTypeBack();
    void everyByteStringRoundTrips();
    void textValuesRoundTripByteForByte();
};

namespace {

// Byte strings that break naive UTF-8 handling.
QList<QByteArray> awkwardBytes()
{
    QList<QByteArray> list = {
        QByteArray(),
        QByteArray("\xc0\x80", 2),              // overlong NUL
        QByteArray("\xc0\xaf"),                 // overlong '/'
        QByteArray("\xe0\x80\xaf"),             // overlong, 3 bytes
        QByteArray("\xf0\x80\x80\xaf"),         // overlong, 4 bytes
        QByteArray("\xed\xa0\x80"),             // lone high surrogate U+D800
        QByteArray("\xed\xbf\xbf"),             // lone low surrogate U+DFFF
        QByteArray("\xed\xa0\xbd\xed\xb8\x80"), // a surrogate pair encoded as two (CESU-8)
        QByteArray("\xf4\x90\x80\x80"),         // above U+10FFFF
        QByteArray("\xf8\x88\x80\x80\x80"),     // 5-byte form
        QByteArray("\xe2\x82"),                 // truncated
        QByteArray("\x80"),                     // lone continuation byte
        QByteArray("caf\xc3\xa9/\xff/x"),       // valid, then invalid
        QByteArray("\xef\xbb\xbf"
                   "bom"),                  // byte order mark
        QByteArray("\xef\xbf\xbf"),         // noncharacter U+FFFF
        QByteArray("e\xcc\x81"),            // e + combining acute
        QByteArray("\xc2\xa0\xe2\x80\x8b"), // no-break space, zero-width space
        QByteArray("a\\x41\\\\b\\n"),       // backslashes that look like escapes
        QByteArray("\xf0\x9f\x98\x80 emoji"),
        QByteArray("line\r\nline\n"),
    };
    for (int b = 0; b < 256; ++b)
        list.append(QByteArray(1, char(b)));
    QRandomGenerator random(20240531);
    for (int n = 0; n < 2000; ++n) {
        QByteArray bytes(random.bounded(65), Qt::Uninitialized);
        for (char &c : bytes)
            c = char(random.bounded(256));
        list.append(bytes);
    }
    return list;
}

} // namespace


void TestValueFormat::detectsFormats_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<ValueFormat>("format");
    QTest::newRow("json object") << QByteArray(R"({"a": 1, "b": [true, null]})") << ValueFormat::Json;
    QTest::newRow("json array") << QByteArray("[1, 2, 3]\n") << ValueFormat::Json;
    QTest::newRow("json number") << QByteArray("42") << ValueFormat::Text;
    QTest::newRow("json string") << QByteArray(R"("hello")") << ValueFormat::Text;
    QTest::newRow("yaml mapping") << QByteArray("name: etcd\nports:\n  - 2379\n") << ValueFormat::Yaml;
    QTest::newRow("yaml sequence") << QByteArray("- a\n- b: 1\n") << ValueFormat::Yaml;
    QTest::newRow("yaml flow mapping") << QByteArray("{a: 1}") << ValueFormat::Yaml;
    QTest::newRow("yaml plain scalar") << QByteArray("hello world") << ValueFormat::Text;
    QTest::newRow("yaml number") << QByteArray("12.5\n") << ValueFormat::Text;
    QTest::newRow("prose") << QByteArray("Dear all,\nit works: mostly: yes.\n") << ValueFormat::Text;
    QTest::newRow("yaml-cpp's implicit document") << QByteArray("- a\nb: 1\n") << ValueFormat::Text;
    QTest::newRow("unclosed quote") << QByteArray("a: \"open\nb: 1\n") << ValueFormat::Text;
    QTest::newRow("duplicate key") << QByteArray("a: 1\na: 2\n") << ValueFormat::Text;
    QTest::newRow("nul") << QByteArray("a\0b", 3) << ValueFormat::Binary;
    QTest::newRow("escape") << QByteArray("\x1b[31mred") << ValueFormat::Binary;
    QTest::newRow("delete") << QByteArray("a\x7f") << ValueFormat::Binary;
    QTest::newRow("invalid utf-8") << QByteArray("\xff\xfe") << ValueFormat::Binary;
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << ValueFormat::Binary;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << ValueFormat::Binary;
    QTest::newRow("truncated") << QByteArray("ab\xe2\x82") << ValueFormat::Binary;
    QTest::newRow("emoji") << QByteArray("h\xc3\xa9llo \xf0\x9f\x98\x80") << ValueFormat::Text;
    QTest::newRow("tabs and crlf") << QByteArray("a\tb\r\nc\n") << ValueFormat::Text;
    QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbftext") << ValueFormat::Text;
    QTest::newRow("empty") << QByteArray() << ValueFormat::Text;
}

void TestValueFormat::detectsFormats()
{
    QFETCH(QByteArray, value);
    QFETCH(ValueFormat, format);
    QCOMPARE(formatName(detectFormat(value)), formatName(format));
}

void TestValueFormat::validationErrorsHavePositions_data()
{
    QTest::addColumn<ValueFormat>("format");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    // JSON: positions derived from QJsonParseError's byte offset.
    QTest::newRow("json missing colon") << ValueFormat::Json << QStringLiteral(R"({"a" 1})") << 1 << 6;
    QTest::newRow("json trailing comma") << ValueFormat::Json << QStringLiteral(R"({"a":1,})") << 1 << 8;
    QTest::newRow("json missing comma") << ValueFormat::Json << QStringLiteral("[1, 2,\n 3 4]") << 2 << 4;
    QTest::newRow("json after non-ascii") << ValueFormat::Json << QStringLiteral("{\n  \"\u00e9\": x\n}") << 2 << 8;
    QTest::newRow("json scalar") << ValueFormat::Json << QStringLiteral("42") << 1 << 1;
    QTest::newRow("json empty") << ValueFormat::Json << QString() << 1 << 1;
    // YAML: yaml-cpp's 0-based marks, made 1-based.
    QTest::newRow("yaml bad indent") << ValueFormat::Yaml << QStringLiteral("a: 1\n b: 2\n") << 2 << 3;
    QTest::newRow("yaml missing colon") << ValueFormat::Yaml << QStringLiteral("key: v\nkey2 v2\nkey3: x\n") << 3 << 5;
    QTest::newRow("yaml unknown alias") << ValueFormat::Yaml << QStringLiteral("a: 1\nb: *nope\n") << 2 << 4;
    QTest::newRow("yaml unclosed flow") << ValueFormat::Yaml << QStringLiteral("a: [1, 2\nb: 3\n") << 2 << 2;
    QTest::newRow("yaml unclosed quote") << ValueFormat::Yaml << QStringLiteral("a: 1\nb: \"open\nc: 3\n") << 2 << 4;
    QTest::newRow("yaml implicit document") << ValueFormat::Yaml << QStringLiteral("- a\nb: 1\n") << 2 << 1;
    QTest::newRow("yaml duplicate key") << ValueFormat::Yaml << QStringLiteral("a: 1\nb: 2\na: 3\n") << 3 << 1;
    QTest::newRow("yaml after emoji") << ValueFormat::Yaml << QStringLiteral("\U0001F600: b: c\n") << 1 << 6;
    // yaml-cpp 0.7 loops forever on these unless stopped.
    QTest::newRow("yaml stray comma") << ValueFormat::Yaml << QStringLiteral(",") << 1 << 1;
    QTest::newRow("yaml comma after list") << ValueFormat::Yaml << QStringLiteral("- a\n, b\n") << 2 << 1;
    QTest::newRow("yaml crlf") << ValueFormat::Yaml << QStringLiteral("a: 1\r\nb: 2\r\n c: 3\r\n") << 3 << 3;
    // Binary: the hex reader's own positions.
    QTest::newRow("hex bad digit") << ValueFormat::Binary << QStringLiteral("48 65\n6c 6g") << 2 << 5;
    QTest::newRow("hex odd digits") << ValueFormat::Binary << QStringLiteral("48 656 6c") << 1 << 4;
}

void TestValueFormat::validationErrorsHavePositions()
{
    QFETCH(ValueFormat, format);
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(int, column);
    const FormatCheck check = validate(format, text);
    QVERIFY(!check.ok);
    QVERIFY(!check.message.isEmpty());
    QCOMPARE(check.line, line);
    QCOMPARE(check.column, column);
}

void TestValueFormat::prettyJsonKeepsOrderAndLiterals()
{
    const QString input = QStringLiteral(
        R"({"b":1,"a":12345678901234567890,"c":1.50e10,"d":"\u00e9","e":[],"f":{ },"g":[true,false,null,"x\"y"]})");
    QString error;
    const QString pretty = prettyPrint(ValueFormat::Json, input, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(pretty, QStringLiteral(R"({
  "b": 1,
  "a": 12345678901234567890,
  "c": 1.50e10,
  "d": "\u00e9",
  "e": [],
  "f": {},
  "g": [
    true,
    false,
    null,
    "x\"y"
  ]
})"));
    QCOMPARE(prettyPrint(ValueFormat::Json, pretty, &error), pretty);
    const QString compact = compactJson(input, &error);
    QCOMPARE(
        compact,
        QStringLiteral(
            R"({"b":1,"a":12345678901234567890,"c":1.50e10,"d":"\u00e9","e":[],"f":{},"g":[true,false,null,"x\"y"]})"));
    QCOMPARE(compactJson(pretty, &error), compact);
    QCOMPARE(compactJson(compact, &error), compact);

    // A trailing newline stays; strings with spaces and structure characters are left alone.
    const QString spaced = QStringLiteral("[ \"a, b: [c]\" ,{\"k\" : -0.0e-0}]\n");
    QCOMPARE(prettyPrint(ValueFormat::Json, spaced, &error),
             QStringLiteral("[\n  \"a, b: [c]\",\n  {\n    \"k\": -0.0e-0\n  }\n]\n"));

    QCOMPARE(prettyPrint(ValueFormat::Json, QStringLiteral("{\"a\":[1]}\r\n"), &error),
             QStringLiteral("{\r\n  \"a\": [\r\n    1\r\n  ]\r\n}\r\n"));

    // Idempotent and meaning-preserving on a few shapes.
    for (const char *json :
         {"[]", "{}", "[[],{},[[{}]]]", "{\"a\":{\"b\":{\"c\":[1,-2.5e-3,\"\\\\\\\"\"]}}}",
          " [ \"\xf0\x9f\x98\x80\", \"\\ud83d\\ude00\" , {\"\":\"\"} ] ", "{\"x\":[true],\"x\":[false]}"}) {
        const QString shape = QString::fromUtf8(json);
        const QString once = prettyPrint(ValueFormat::Json, shape, &error);
        QVERIFY2(error.isEmpty(), json);
        QCOMPARE(prettyPrint(ValueFormat::Json, once, &error), once);
        QCOMPARE(compactJson(once, &error), compactJson(shape, &error));
        QCOMPARE(QJsonDocument::fromJson(once.toUtf8()), QJsonDocument::fromJson(shape.toUtf8()));
    }

    // Invalid JSON is refused with the validation error.
    QVERIFY(prettyPrint(ValueFormat::Json, QStringLiteral("{\"a\":}"), &error).isEmpty());
    QVERIFY2(error.startsWith(QStringLiteral("line 1, column ")), qPrintable(error));
    QVERIFY(compactJson(QStringLiteral("[1,"), &error).isEmpty());
    QVERIFY(!error.isEmpty());

    // Text and Binary are never touched.
    const QString text = QStringLiteral("  {not json  \n");
    QCOMPARE(prettyPrint(ValueFormat::Text, text, &error), text);
    QVERIFY(error.isEmpty());
}

void TestValueFormat::prettyYamlKeepsMeaningAndOrder()
{
    struct Case
    {
        const char *input;
        const char *expected;
    };
    const Case cases[] = {
        // Order kept, indentation normalised.
        {"zeta: 1\nalpha:   2\nlist:\n    - x\n    -   y\n", "zeta: 1\nalpha: 2\nlist:\n  - x\n  - y\n"},
        // Quoted scalars stay strings, plain ones keep their type.
        {"a: \"yes\"\nb: '123'\nc: yes\nd: 123\ne: ~\nf: \"null\"\ng:\n",
         "a: \"yes\"\nb: \"123\"\nc: yes\nd: 123\ne: null\nf: \"null\"\ng: null\n"},
        // Anchors keep their names; tags are kept.
        {"base: &base\n  x: 1\nother: *base\nn: !!str 5\nt: !custom v\n",
         "base: &base\n  x: 1\nother: *base\nn: !!str 5\nt: !custom v\n"},
        // Flow collections become block ones, empty ones stay flow.
        {"a: {b: 1, c: [1, 2]}\nd: []\ne: {}\n", "a:\n  b: 1\n  c:\n    - 1\n    - 2\nd: []\ne: {}\n"},
        // Block scalars stay literal when yaml-cpp can write them, '#' inside them is content.
        {"script: |\n  echo hi\n  # not a comment\n", "script: |\n  echo hi\n  # not a comment\n"},
        // ... and are quoted when it cannot (keep chomping, leading blanks).
        {"k: |+\n  x\n\nj: |1\n   indented\n", "k: \"x\\n\\n\"\nj: \"  indented\\n\"\n"},
        {"q: \"a # b\"\n", "q: \"a # b\"\n"},
        // A plain scalar yaml-cpp will not write plain is quoted: still the same string.
        {"t: a\tb\nu: x]\n", "t: \"a\\tb\"\nu: x]\n"},
        // Windows line ends stay.
        {"a:   1\r\nb: [x]\r\n", "a: 1\r\nb:\r\n  - x\r\n"},
        // Several documents stay several documents.
        {"---\na: 1\n---\n- b\n", "---\na: 1\n---\n- b\n"},
        {"- - 1\n  - 2\n- k: v\n", "-\n  - 1\n  - 2\n- k: v\n"}, // yaml-cpp's layout
        {"", ""},
    };
    for (const Case &c : cases) {
        QString error;
        const QString input = QString::fromUtf8(c.input);
        const QString pretty = prettyPrint(ValueFormat::Yaml, input, &error);
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(input, error)));
        QCOMPARE(pretty, QString::fromUtf8(c.expected));
        QCOMPARE(prettyPrint(ValueFormat::Yaml, pretty, &error), pretty); // idempotent
        QVERIFY(validate(ValueFormat::Yaml, pretty).ok);
    }
    QString error;
    // A plain scalar yaml-cpp would quote although it may be typed: refused rather than changed.
    QVERIFY(prettyPrint(ValueFormat::Yaml, QStringLiteral("a: 1\tb\n"), &error).isEmpty());
    QCOMPARE(error, QStringLiteral("yaml-cpp cannot re-emit this YAML without changing it"));
    QVERIFY(prettyPrint(ValueFormat::Yaml, QStringLiteral("a: 1\n b: 2\n"), &error).isEmpty());
    QVERIFY2(error.startsWith(QStringLiteral("line 2, column 3: ")), qPrintable(error));
}

void TestValueFormat::prettyYamlRefusesComments()
{
    const QString refusal = QStringLiteral("the YAML has comments, which pretty-printing would drop");
    for (const char *input : {"a: 1 # why\n", "# header\na: 1\n", "a:\n  - x\n  # trailing\n",
                              "s: |\n  body\n# after the block\nb: 1\n", "q: \"x\" #c\n", "#\n- a\n"}) {
        QString error;
        QVERIFY(prettyPrint(ValueFormat::Yaml, QString::fromUtf8(input), &error).isEmpty());
        QCOMPARE(error, refusal);
    }
    // '#' that is content is not a comment.
    for (const char *input : {"a: b#c\n", "a: \"x # y\"\n", "a: 'x # y'\n", "s: |\n  # shell comment\n  ls\n",
                              "f: >\n  folded # text\n", "u: http://x/#frag\n"}) {
        QString error;
        QVERIFY2(!prettyPrint(ValueFormat::Yaml, QString::fromUtf8(input), &error).isEmpty(), input);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
}

void TestValueFormat::hexDumpLayoutAndParsing()
{
    const QByteArray value = QByteArray("0123456789abcdef") + QByteArray("Hello world\n\0\xff\x10 ", 16) + "xy";
    const QString dump = toHexDump(value);
    QCOMPARE(dump, QStringLiteral("00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|\n"
                                  "00000010  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a 00 ff 10 20  |Hello world.... |\n"
                                  "00000020  78 79                                             |xy|"));
    QCOMPARE(toHexDump({}), QString());
    bool ok = false;
    QString error;
    QCOMPARE(fromHex(dump, &ok, &error), value);
    QVERIFY(ok);
    QVERIFY(error.isEmpty());

    const QList<QPair<QString, QByteArray>> accepted = {
        {QStringLiteral("48656c6c6f"), "Hello"},
        {QStringLiteral("48 65 6C 6c\n\t6F  \r\n"), "Hello"},
        {QStringLiteral("  \n"), ""},
        // hexdump -C output with its closing offset line, and a text column holding '|' and digits.
        {QStringLiteral("00000000  7c 41 42 0a                                       |||AB.|\n00000004\n"), "|AB\n"},
        // Eight digits followed by a single space are data, not an offset.
        {QStringLiteral("00112233 44"), QByteArray("\x00\x11\x22\x33\x44", 5)},
    };
    for (const auto &[text, bytes] : accepted) {
        QCOMPARE(fromHex(text, &ok, &error), bytes);
        QVERIFY2(ok, qPrintable(error));
    }
    QVERIFY(fromHex(QStringLiteral("48 6"), &ok, &error).isEmpty());
    QVERIFY(!ok);
    QCOMPARE(error, QStringLiteral("line 1, column 4: odd number of hex digits (a byte is two)"));
    fromHex(QStringLiteral("00000000  48 65\n00000002  zz"), &ok, &error);
    QVERIFY(!ok);
    QCOMPARE(error, QStringLiteral("line 2, column 11: 'z' is not a hex digit"));

    // fromEditorText reports bad hex and returns nothing.
    QVERIFY(fromEditorText(QStringLiteral("4"), ValueFormat::Binary, &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

void TestValueFormat::keysDisplayAndTypeBack()
{
    const QList<QPair<QByteArray, QString>> shown = {
        {"/registry/pods/default/web-0", QStringLiteral("/registry/pods/default/web-0")},
        {"a\\b", QStringLiteral("a\\\\b")},
        {QByteArray("\x00\xff", 2), QStringLiteral("\\x00\\xff")},
        {"line\nfeed", QStringLiteral("line\\x0afeed")},
        {"caf\xc3\xa9 \xf0\x9f\x98\x80", QStringLiteral("caf\u00e9 \U0001F600")},
        {"e\xcc\x81", QStringLiteral("e\\xcc\\x81")},          // would look like U+00E9
        {"\xc2\xa0", QStringLiteral("\\xc2\\xa0")},            // would look like a space
        {"\xe2\x80\x8bx", QStringLiteral("\\xe2\\x80\\x8bx")}, // invisible
        {"\xed\xa0\x80", QStringLiteral("\\xed\\xa0\\x80")},
        {"\xe0\xa4\x95\xe0\xa4\xbf", QStringLiteral("\u0915\u093f")}, // a combining sign that stays
    };
    for (const auto &[key, display] : shown) {
        QCOMPARE(displayKey(key), display);
        bool ok = false;
        QCOMPARE(keyFromDisplay(display, &ok), key);
        QVERIFY(ok);
    }
    // What a person types.
    bool ok = false;
    QCOMPARE(keyFromDisplay(QStringLiteral("a\\nb\\t\\r\\0\\xFF\\x41"), &ok), QByteArray("a\nb\t\r\0\xff\x41", 8));
    QVERIFY(ok);
    for (const QString &bad : {QStringLiteral("\\q"), QStringLiteral("\\x4"), QStringLiteral("x\\"),
                               QStringLiteral("\\xZZ"), QString(QChar(0xd800))}) {
        keyFromDisplay(bad, &ok);
        QVERIFY2(!ok, qPrintable(bad));
    }
}

void TestValueFormat::everyByteStringRoundTrips()
{
    QList<QByteArray> corpus = awkwardBytes();
    for (int a = 0; a < 256; ++a)
        for (int b = 0; b < 256; ++b)
            corpus.append(QByteArray(1, char(a)) + char(b));
    QByteArray big(100000, Qt::Uninitialized);
    QRandomGenerator random(7);
    for (char &c : big)
        c = char(random.bounded(256));
    corpus.append(big);

    for (const QByteArray &bytes : std::as_const(corpus)) {
        bool ok = false;
        const QString display = displayKey(bytes);
        QCOMPARE(keyFromDisplay(display, &ok), bytes);
        QVERIFY(ok);
        QString error;
        QCOMPARE(fromEditorText(toEditorText(bytes, ValueFormat::Binary), ValueFormat::Binary, &error), bytes);
        QVERIFY(error.isEmpty());
        const ValueFormat format = detectFormat(bytes);
        if (format != ValueFormat::Binary)
            QCOMPARE(fromEditorText(toEditorText(bytes, format), format, &error), bytes);
    }
}

void TestValueFormat::textValuesRoundTripByteForByte()
{
    QList<QByteArray> texts = {
        "plain\r\nwindows\r\nlines\r\n",
        "trailing newline\n",
        "no trailing newline",
        "\n\n\n",
        "{\"a\": \"\xc3\xa9\"}\r\n",
        "a: 1\r\nb: [x]\r\n",
        "- \xf0\x9f\x98\x80\n",
        "\xef\xbb\xbf"
        "a: 1\n",
        "\xef\xbf\xbf\xef\xbf\xbe",
        "tab\tseparated\n",
    };
    // Random valid UTF-8: any code point but surrogates and control characters.
    QRandomGenerator random(99);
    for (int n = 0; n < 500; ++n) {
        QString text;
        for (int k = random.bounded(40); k > 0; --k) {
            auto cp = char32_t(random.bounded(0x20, 0x110000));
            if ((cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff))
                cp = u'x';
            text += QString::fromUcs4(&cp, 1);
        }
        texts.append(text.toUtf8());
    }
    for (const QByteArray &value : std::as_const(texts)) {
        const ValueFormat format = detectFormat(value);
        QVERIFY2(format != ValueFormat::Binary, value.toHex().constData());
        QString error;
        QCOMPARE(fromEditorText(toEditorText(value, format), format, &error), value);
        QVERIFY(error.isEmpty());
    }
    QString error;
    QVERIFY(fromEditorText(QString(QChar(0xdc00)), ValueFormat::Text, &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

void TestValueFormat::prettyPrintReportsProgressAndStops()
{
    QString json = QStringLiteral("[");
    for (int i = 0; i < 40000; ++i)
        json += QStringLiteral("{\"id\":%1,\"name\":\"item-%1\"},").arg(i);
    json += QStringLiteral("{}]");
    for (const auto &[format, text] :
         {std::pair{ValueFormat::Json, json}, std::pair{ValueFormat::Yaml, QStringLiteral("a: 1\nb: [1, 2]\n")}}) {
        QVector<int> seen;
        QString error;
        const QString pretty = prettyPrint(format, text, &error, [&seen](int percent) {
            seen << percent;
            return true;
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(pretty, prettyPrint(format, text, &error)); // the same as without progress
        QVERIFY(seen.size() >= 2);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QCOMPARE(seen.last(), 100);
    }
    // Stopped: nothing, and says so.
    int calls = 0;
    QString error;
    const QString stopped = prettyPrint(ValueFormat::Json, json, &error, [&calls](int) { return ++calls < 2; });
    QVERIFY(stopped.isEmpty());
    QCOMPARE(error, QStringLiteral("stopped"));
    QCOMPARE(calls, 2);
}

QTEST_APPLESS_MAIN(TestValueFormat)
#include "tst_valueformat.moc"
