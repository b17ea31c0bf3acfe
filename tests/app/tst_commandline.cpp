// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The etcdctl-style flags and ETCDCTL_* variables shared by etcd-console and etcd-demo-worker.

#include "client/commandline.h"

#include <QtTest>

using namespace etcd;

class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void flagsAreRead();
    void environmentIsHonouredAndFlagsWin();
    void badInputGetsClearMessages();

private:
    static bool parse(const QStringList &args, const QProcessEnvironment &env, ConnectionOptions *out, QString *error)
    {
        QCommandLineParser parser;
        ConnectionCommandLine::addOptions(parser);
        if (!parser.parse(QStringList{QStringLiteral("etcd-console")} + args)) {
            *error = parser.errorText();
            return false;
        }
        return ConnectionCommandLine::read(parser, env, out, error);
    }
};

void TestCommandLine::flagsAreRead()
{
    ConnectionOptions o;
    QString error;
    QVERIFY2(parse({QStringLiteral("--endpoints=https://a:2379,b:2379"), QStringLiteral("--user=root:secret"),
                    QStringLiteral("--cacert=/ca.pem"), QStringLiteral("--cert=/c.pem"), QStringLiteral("--key=/k.pem"),
                    QStringLiteral("--read-only"), QStringLiteral("--dial-timeout=500ms"),
                    QStringLiteral("--command-timeout=7s")},
                   {}, &o, &error),
             qPrintable(error));
    QCOMPARE(o.endpoints, (QStringList{QStringLiteral("https://a:2379"), QStringLiteral("b:2379")}));
    QCOMPARE(o.user, QStringLiteral("root"));
    QCOMPARE(o.password, QStringLiteral("secret"));
    QCOMPARE(o.tls.caFile, QStringLiteral("/ca.pem"));
    QCOMPARE(o.tls.certFile, QStringLiteral("/c.pem"));
    QCOMPARE(o.tls.keyFile, QStringLiteral("/k.pem"));
    QVERIFY(o.readOnly);
    QCOMPARE(o.dialTimeoutMs, 500);
    QCOMPARE(o.callTimeoutMs, 7000);

    QVERIFY(parse({QStringLiteral("--endpoints=a:1"), QStringLiteral("--user=bob"), QStringLiteral("--password=pw")},
                  {}, &o, &error));
    QCOMPARE(o.user, QStringLiteral("bob"));
    QCOMPARE(o.password, QStringLiteral("pw"));
}

void TestCommandLine::environmentIsHonouredAndFlagsWin()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("ETCDCTL_ENDPOINTS"), QStringLiteral("x:1,y:2"));
    env.insert(QStringLiteral("ETCDCTL_USER"), QStringLiteral("envuser:envpw"));
    env.insert(QStringLiteral("ETCDCTL_CACERT"), QStringLiteral("/env/ca.pem"));
    env.insert(QStringLiteral("ETCDCTL_CERT"), QStringLiteral("/env/c.pem"));
    env.insert(QStringLiteral("ETCDCTL_KEY"), QStringLiteral("/env/k.pem"));
    ConnectionOptions o;
    QString error;
    QVERIFY2(parse({}, env, &o, &error), qPrintable(error));
    QCOMPARE(o.endpoints, (QStringList{QStringLiteral("x:1"), QStringLiteral("y:2")}));
    QCOMPARE(o.user, QStringLiteral("envuser"));
    QCOMPARE(o.password, QStringLiteral("envpw"));
    QCOMPARE(o.tls.caFile, QStringLiteral("/env/ca.pem"));
    QCOMPARE(o.tls.certFile, QStringLiteral("/env/c.pem"));
    QCOMPARE(o.tls.keyFile, QStringLiteral("/env/k.pem"));
    QVERIFY(parse({QStringLiteral("--endpoints=z:3"), QStringLiteral("--user=flaguser:flagpw")}, env, &o, &error));
    QCOMPARE(o.endpoints, QStringList{QStringLiteral("z:3")});
    QCOMPARE(o.user, QStringLiteral("flaguser"));
    QCOMPARE(o.password, QStringLiteral("flagpw"));
}

void TestCommandLine::badInputGetsClearMessages()
{
    ConnectionOptions o;
    QString error;
    QVERIFY(!parse({QStringLiteral("--endpoints=nohostport")}, {}, &o, &error));
    QVERIFY2(error.contains(QLatin1String("not host:port")), qPrintable(error));
    QVERIFY(!parse({QStringLiteral("--endpoints=a:1"), QStringLiteral("--cert=/c.pem")}, {}, &o, &error));
    QVERIFY2(error.contains(QLatin1String("without its key")), qPrintable(error));
    QVERIFY(!parse({QStringLiteral("--endpoints=a:1"), QStringLiteral("--dial-timeout=soon")}, {}, &o, &error));
    QVERIFY2(error.contains(QLatin1String("--dial-timeout")), qPrintable(error));
    QVERIFY(!parse({}, {}, &o, &error));
    QVERIFY2(error.contains(QLatin1String("no endpoint")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
