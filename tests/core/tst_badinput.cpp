// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

// Bad input through every parser the console has: the command line (endpoints, times), connection
// profiles, typed keys (NUL, invalid UTF-8, stray escapes), values of 1.5 MiB and over etcd's
// request limit, JSON and YAML bombs (deep nesting, alias explosions, huge flat documents),
// truncated, garbled and oversized import files. Each gets a clear message and never a crash or a
// hang. Run also under the asan preset (cmake --preset asan; ctest --preset asan -R tst_badinput).

#include "client/commandline.h"
#include "format/keytext.h"
#include "format/valueformat.h"
#include "state/operations/keyimport.h"
#include "state/operations/valuesave.h"
#include "state/profiles/connectionprofile.h"
#include "support/testsupport.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

class TestBadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void commandLineSaysWhatIsWrong_data();
    void commandLineSaysWhatIsWrong();
    void profilesRefuseBadEndpoints();
    void typedKeysNeverCrashAndRoundTrip();
    void keysWithNulAndInvalidUtf8ReachEtcdExactly();
    void largeValuesAndOverTheRequestLimit();
    void jsonAndYamlBombs_data();
    void jsonAndYamlBombs();
    void importFilesTruncatedGarbledOrHuge();

private:
    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
};

void TestBadInput::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
}

void TestBadInput::commandLineSaysWhatIsWrong_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("says"); // a word the message must contain
    const auto row = [](const char *name, QStringList args, const char *says) {
        QTest::newRow(name) << args << QString::fromUtf8(says);
    };
    row("empty endpoints", {QStringLiteral("--endpoints=")}, "endpoint");
    row("only commas", {QStringLiteral("--endpoints=,,")}, "endpoint");
    row("port too large", {QStringLiteral("--endpoints=127.0.0.1:99999")}, "99999");
    row("port negative", {QStringLiteral("--endpoints=127.0.0.1:-1")}, "-1");
    row("port not a number", {QStringLiteral("--endpoints=host:http")}, "http");
    row("scheme only", {QStringLiteral("--endpoints=http://")}, "http://");
    row("unknown scheme", {QStringLiteral("--endpoints=ftp://host:2379")}, "ftp");
    row("space in host", {QStringLiteral("--endpoints=my host:2379")}, "my host");
    row("dial timeout words", {QStringLiteral("--endpoints=a:1"), QStringLiteral("--dial-timeout=soon")}, "soon");
    row("dial timeout negative", {QStringLiteral("--endpoints=a:1"), QStringLiteral("--dial-timeout=-5s")}, "-5s");
    row("command timeout absurd", {QStringLiteral("--endpoints=a:1"), QStringLiteral("--command-timeout=99999999999h")},
        "99999999999h");
    row("huge endpoint list", {QStringLiteral("--endpoints=") + QString(QStringLiteral("x:")).repeated(20000)},
        "endpoint");
}

void TestBadInput::commandLineSaysWhatIsWrong()
{
    QFETCH(QStringList, args);
    QFETCH(QString, says);
    QCommandLineParser parser;
    ConnectionCommandLine::addOptions(parser);
    QVERIFY(parser.parse(QStringList{QStringLiteral("etcd-console")} + args));
    ConnectionOptions o;
    QString error;
    QVERIFY2(!ConnectionCommandLine::read(parser, {}, &o, &error), "accepted");
    QVERIFY2(error.contains(says, Qt::CaseInsensitive), qPrintable(error));
    QVERIFY2(error.size() < 400, "a message, not a dump");
}

void TestBadInput::profilesRefuseBadEndpoints()
{
    for (const QString &text : {QString(), QStringLiteral(" , "), QStringLiteral("host:0"), QStringLiteral("::::"),
                                QStringLiteral("https://"), QString(5000, u'x') + QStringLiteral(":1")}) {
        ConnectionProfile p;
        p.name = QStringLiteral("bad");
        p.endpoints = ConnectionProfile::parseEndpoints(text);
        const QString why = p.validate();
        QVERIFY2(!why.isEmpty(), qPrintable(text.left(40)));
    }
    ConnectionProfile nameless;
    nameless.endpoints = {QStringLiteral("127.0.0.1:2379")};
    QVERIFY(!nameless.validate().isEmpty());
}

// Whatever a person types into a key field: either a clear "not a key" or exactly the bytes meant,
// and every byte string written back the same way.
void TestBadInput::typedKeysNeverCrashAndRoundTrip()
{
    QRandomGenerator random(11);
    const QString alphabet = QStringLiteral("ab/\\xX0fFnrt09 \t\u00e9\u200b\U0001F600");
    for (int n = 0; n < 20000; ++n) {
        QString typed;
        const int length = int(random.bounded(24));
        for (int i = 0; i < length; ++i)
            typed += alphabet.mid(int(random.bounded(alphabet.size())), 1);
        bool ok = false;
        const QByteArray key = keyFromDisplay(typed, &ok);
        if (ok) {
            bool again = false;
            QCOMPARE(keyFromDisplay(displayKey(key), &again), key);
            QVERIFY(again);
        }
    }
    for (int n = 0; n < 20000; ++n) {
        QByteArray bytes(int(random.bounded(40)), Qt::Uninitialized);
        for (char &c : bytes)
            c = char(random.bounded(256));
        bool ok = false;
        QCOMPARE(keyFromDisplay(displayKey(bytes), &ok), bytes);
        QVERIFY(ok);
        QVERIFY(quotedKey(bytes).startsWith(u'"'));
    }
    for (const QString &bad : {QStringLiteral("\\"), QStringLiteral("a\\x"), QStringLiteral("\\x4g"),
                               QStringLiteral("\\q"), QString(QChar(0xdc00))}) {
        bool ok = true;
        keyFromDisplay(bad, &ok);
        QVERIFY2(!ok, qPrintable(bad));
    }
}

void TestBadInput::keysWithNulAndInvalidUtf8ReachEtcdExactly()
{
    const QList<QByteArray> keys{QByteArray("/bad/nul\0inside", 15), QByteArray("/bad/\xff\xfe\xc0\x80"),
                                 QByteArray("/bad/\xed\xa0\x80surrogate"), QByteArray("/bad/\x01\x1f\x7f")};
    for (const QByteArray &key : keys) {
        bool ok = false;
        const QByteArray typed = keyFromDisplay(displayKey(key), &ok); // as a person would type it back
        QVERIFY(ok);
        const SaveOutcome saved = resultOf(compareAndSwap(m_client.get(), LoadedValue::fromKv(typed, nullptr), "v"));
        QVERIFY2(saved.kind == SaveOutcome::Kind::Saved, qPrintable(saved.error.toString()));
        const auto back = resultOf(m_client->kv().get(key));
        QVERIFY_OK(back);
        QCOMPARE(back->kvs.size(), 1);
        QCOMPARE(back->kvs.constFirst().key, key);
    }
}

void TestBadInput::largeValuesAndOverTheRequestLimit()
{
    // 1.4 MiB of minified JSON: under etcd's default 1.5 MiB request limit, and the formats cope.
    QByteArray json = "{\"items\":[";
    while (json.size() < 1400 * 1024)
        json += "{\"id\":12345,\"name\":\"abcdefghij\"},";
    json.chop(1);
    json += "]}";
    QElapsedTimer t;
    t.start();
    QCOMPARE(detectFormat(json), ValueFormat::Json);
    QString error;
    const QString pretty = prettyPrint(ValueFormat::Json, QString::fromUtf8(json), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(pretty.size() > json.size());
    QVERIFY2(t.elapsed() < 20000, qPrintable(QString::number(t.elapsed())));
    const SaveOutcome fits = resultOf(compareAndSwap(m_client.get(), LoadedValue::fromKv("/big/fits", nullptr), json));
    QVERIFY2(fits.kind == SaveOutcome::Kind::Saved, qPrintable(fits.error.toString()));

    // 2 MiB: etcd refuses the request; the words say so and what the limit is, nothing was written.
    const QByteArray tooBig(2 * 1024 * 1024, 'x');
    const SaveOutcome refused =
        resultOf(compareAndSwap(m_client.get(), LoadedValue::fromKv("/big/over", nullptr), tooBig));
    QCOMPARE(refused.kind, SaveOutcome::Kind::Failed);
    QVERIFY(refused.error.isRequestTooLarge());
    QVERIFY(!refused.error.mayHaveBeenApplied());
    const QString words = refused.error.toString();
    QVERIFY2(words.contains(QLatin1String("too large")) && words.contains(QLatin1String("max-request-bytes")),
             qPrintable(words));
    const auto absent = resultOf(m_client->kv().get("/big/over"));
    QVERIFY_OK(absent);
    QVERIFY(absent->kvs.isEmpty());
}

void TestBadInput::jsonAndYamlBombs_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("format"); // ValueFormat to validate as
    const int json = int(ValueFormat::Json);
    const int yaml = int(ValueFormat::Yaml);
    QTest::newRow("json nested 200k") << QByteArray(200000, '[') + QByteArray(200000, ']') << json;
    QTest::newRow("json unclosed 200k") << QByteArray(200000, '{') << json;
    QTest::newRow("json objects nested 50k")
        << QByteArray("{\"a\":").repeated(50000) + "1" + QByteArray(50000, '}') << json;
    QTest::newRow("yaml flow nested 200k") << QByteArray(200000, '[') + QByteArray(200000, ']') << yaml;
    QTest::newRow("yaml block nested 20k") << [] {
        QByteArray y;
        for (int i = 0; i < 20000; ++i)
            y += QByteArray(i % 200, ' ') + "- \n";
        return y;
    }() << yaml;
    QTest::newRow("yaml mappings nested 50k") << [] {
        QByteArray y;
        for (int i = 0; i < 50000; ++i)
            y += "{a: ";
        return y + "1" + QByteArray(50000, '}');
    }() << yaml;
    QTest::newRow("yaml billion laughs")
        << QByteArray("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
                      "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
                      "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
                      "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n")
        << yaml;
    QTest::newRow("yaml 1 MiB flat") << QByteArray("k: v\n").repeated(200000) << yaml;
    QTest::newRow("yaml undefined alias") << QByteArray("a: *nowhere\n") << yaml;
}

void TestBadInput::jsonAndYamlBombs()
{
    QFETCH(QByteArray, value);
    QFETCH(int, format);
    QElapsedTimer t;
    t.start();
    const ValueFormat detected = detectFormat(value);
    const QString text = QString::fromUtf8(value);
    const FormatCheck check = validate(ValueFormat(format), text);
    QString error;
    const QString pretty = prettyPrint(ValueFormat(format), text, &error);
    // Either fine, or refused with a message; never a crash, and never minutes.
    if (!check.ok)
        QVERIFY2(!check.message.isEmpty(), "refused without a reason");
    if (!error.isEmpty())
        QVERIFY(pretty.isEmpty());
    QVERIFY2(t.elapsed() < 20000, qPrintable(QStringLiteral("%1 ms").arg(t.elapsed())));
    Q_UNUSED(detected)
}

void TestBadInput::importFilesTruncatedGarbledOrHuge()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto previewOf = [this](const QString &path) { return resultOf(previewImport(m_client.get(), path), 30000); };
    const auto write = [&dir](const char *name, const QByteArray &data) {
        QFile f(dir.filePath(QLatin1String(name)));
        f.open(QIODevice::WriteOnly);
        f.write(data);
        return f.fileName();
    };
    const QByteArray header = R"({"format":"etcd-console-export","version":1,"prefix":"/x/","revision":5})";
    const QList<std::pair<QString, QString>> cases{
        {write("empty.json", {}), QStringLiteral("empty")},
        {write("truncated.json", header + "\n[{\"key\":\"/x/a\",\"val"), QStringLiteral("line")},
        {write("garbage.json", QByteArray(4096, '\xff')), QStringLiteral("line")},
        {write("wrong.json", "{\"format\":\"something-else\"}\n"), QStringLiteral("format")},
        {dir.filePath(QStringLiteral("missing.json")), QStringLiteral("missing.json")},
    };
    for (const auto &[path, says] : cases) {
        const auto r = previewOf(path);
        QVERIFY2(!r.ok(), qPrintable(path));
        QVERIFY2(r.error().toString().contains(says, Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("%1: %2").arg(path, r.error().toString())));
    }
    // Over the limit: refused by its size, before reading it (a sparse file of 2 GiB).
    QFile huge(dir.filePath(QStringLiteral("huge.json")));
    QVERIFY(huge.open(QIODevice::WriteOnly));
    QVERIFY(huge.resize(qint64(2) << 30));
    huge.close();
    QElapsedTimer t;
    t.start();
    const auto r = previewOf(huge.fileName());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().toString().contains(QLatin1String("GiB")) ||
                 r.error().toString().contains(QLatin1String("large")),
             qPrintable(r.error().toString()));
    QVERIFY(t.elapsed() < 5000);
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
