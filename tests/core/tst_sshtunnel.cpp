// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Reaching etcd through an SSH bastion (--ssh), against a real OpenSSH server started here on a
// loopback port with its own host key and authorized_keys: keys of every kind and format with and
// without passphrase, passwords, the agent, host keys unknown and changed, every hop failing in
// turn, the bastion killed under a live watch (no event lost or repeated), and a 3-member cluster
// behind the tunnel losing a member. The etcd members listen on loopback, which is where the
// bastion (the same machine) reaches them.

#include "client/commandline.h"
#include "client/etcdclient.h"
#include "state/profiles/connectiontester.h"
#include "support/logcapture.h"
#include "support/sshserver.h"
#include "support/testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <mutex>

using namespace etcd;
using namespace etcd::test;

namespace {

constexpr int kDialTimeoutMs = 2000;
constexpr int kCallTimeoutMs = 4000;

// Answers the tunnel's questions from a script and records them.
class ScriptedPrompter : public SshPrompter
{
public:
    bool trustHost = false;
    QStringList secrets; // answered in order; then "no"

    void ask(const SshPrompt &prompt, std::function<void(const SshAnswer &)> reply) override
    {
        std::lock_guard<std::mutex> lock(mutex);
        asked.push_back(prompt);
        SshAnswer answer;
        if (prompt.kind == SshPrompt::Kind::UnknownHost) {
            answer.accepted = trustHost;
        } else if (!secrets.isEmpty()) {
            answer.accepted = true;
            answer.secret = secrets.takeFirst();
        }
        reply(answer);
    }
    void succeeded(const SshPrompt &prompt, const SshAnswer &) override
    {
        std::lock_guard<std::mutex> lock(mutex);
        worked.push_back(prompt.kind);
    }
    QVector<SshPrompt> prompts()
    {
        std::lock_guard<std::mutex> lock(mutex);
        return asked;
    }

    std::mutex mutex;
    QVector<SshPrompt> asked;
    QVector<SshPrompt::Kind> worked;
};

ConnectionOptions throughTunnel(const LocalCluster &cluster, const SshServer &sshd, const QString &key)
{
    ConnectionOptions o = optionsFor(cluster);
    o.dialTimeoutMs = kDialTimeoutMs;
    o.callTimeoutMs = kCallTimeoutMs;
    o.ssh.destination = sshd.destination();
    o.ssh.keyFile = key;
    o.ssh.configFile = QStringLiteral("none");
    o.ssh.knownHostsFile = sshd.knownHostsFile();
    o.ssh.agentSocket = QStringLiteral("/nonexistent/agent.sock"); // the test user's agent stays out
    return o;
}

// A put and a get through `client`; the error in plain words otherwise.
QString roundTrip(EtcdClient &client, const QByteArray &key)
{
    const auto put = resultOf(client.kv().put(key, "via-ssh"), 30000);
    if (!put.ok())
        return put.error().toString();
    const auto got = resultOf(client.kv().get(key), 30000);
    if (!got.ok())
        return got.error().toString();
    if (got.value().kvs.size() != 1 || got.value().kvs.first().value != "via-ssh")
        return QStringLiteral("read back something else");
    return {};
}

bool waitForState(EtcdClient &client, ssh::TunnelStatus::State state, int timeoutMs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (client.tunnelStatus().state != state && timer.elapsed() < timeoutMs)
        spin(50);
    return client.tunnelStatus().state == state;
}

int closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort(); // closed again when `server` goes
}

} // namespace

class TestSshTunnel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void keysOfEveryKind_data();
    void keysOfEveryKind();
    void wrongPassphraseIsAskedAgain();
    void password();
    void agent();
    void configAliasIsHonoured();
    void extraHopThroughProxyCommand();
    void wrongKeyIsRefusedNamingTheHop();
    void notAKey();
    void unknownHostAsksWithTheFingerprintAndRemembers();
    void unknownHostWithoutPrompterIsRefused();
    void changedHostKeyIsRefused();
    void endpointUnreachableFromTheBastion();
    void bastionUnreachable_data();
    void bastionUnreachable();
    void watchResumesAfterTheBastionIsKilled();
    void threeMembersBehindTheTunnelLoseOne();
    void bigValuesCrossIntact();
    void tlsVerifiesTheRealHostName();
    void connectionTestNamesTheHop();
    void commandLine();

private:
    // Writes `config` to `configFile` and makes a round trip through the bastion called `alias` there.
    QString viaAlias(const QString &configFile, const QString &config, const QString &alias);

    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<SshServer> m_sshd;
    QString m_key; // an authorised ed25519 key without passphrase
};

void TestSshTunnel::initTestCase()
{
    QString error;
    m_cluster = startCluster(&error, 1);
    QVERIFY2(m_cluster, qPrintable(error));
    m_sshd = std::make_unique<SshServer>();
    QVERIFY2(m_sshd->start(&error), qPrintable(error));
    m_key =
        m_sshd->makeKey(QStringLiteral("id_plain"), QStringLiteral("ed25519"), QStringLiteral("openssh"), {}, &error);
    QVERIFY2(!m_key.isEmpty(), qPrintable(error));
    QVERIFY2(m_sshd->authorize(m_key, &error), qPrintable(error));
}

void TestSshTunnel::cleanupTestCase()
{
    m_sshd.reset();
    m_cluster.reset();
}

void TestSshTunnel::keysOfEveryKind_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("passphrase");
    QTest::newRow("ed25519 openssh") << "ed25519"
                                     << "openssh" << QString();
    QTest::newRow("ed25519 openssh passphrase") << "ed25519"
                                                << "openssh"
                                                << "correct horse";
    QTest::newRow("rsa openssh") << "rsa"
                                 << "openssh" << QString();
    QTest::newRow("rsa openssh passphrase") << "rsa"
                                            << "openssh"
                                            << "battery staple";
    QTest::newRow("rsa pem") << "rsa"
                             << "pem" << QString();
    QTest::newRow("rsa pem passphrase") << "rsa"
                                        << "pem"
                                        << "s3cret pem";
    QTest::newRow("ecdsa pem") << "ecdsa"
                               << "pem" << QString();
}

void TestSshTunnel::keysOfEveryKind()
{
    QFETCH(QString, type);
    QFETCH(QString, format);
    QFETCH(QString, passphrase);
    QString error;
    const QString key = m_sshd->makeKey(QStringLiteral("id_%1_%2_%3").arg(type, format).arg(passphrase.isEmpty()), type,
                                        format, passphrase, &error);
    QVERIFY2(!key.isEmpty(), qPrintable(error));
    QVERIFY2(m_sshd->authorize(key, &error), qPrintable(error));
    if (format == QLatin1String("pem")) {
        QFile file(key);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readLine().startsWith("-----BEGIN ") && !file.readAll().contains("OPENSSH"));
    }

    auto prompter = std::make_shared<ScriptedPrompter>();
    prompter->secrets = {passphrase};
    ConnectionOptions o = throughTunnel(*m_cluster, *m_sshd, key);
    o.ssh.prompter = prompter;
    LogCapture::install();
    {
        EtcdClient client(o);
        const QString problem = roundTrip(client, "/ssh/" + type.toUtf8() + format.toUtf8());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(client.tunnelStatus().isUp());
        QCOMPARE(client.endpoints(), m_cluster->clientEndpoints()); // the real addresses, not the tunnel's
    }
    const QStringList lines = LogCapture::lines();
    LogCapture::uninstall();
    const QVector<SshPrompt> asked = prompter->prompts();
    if (passphrase.isEmpty()) {
        QVERIFY(asked.isEmpty());
    } else {
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().kind, SshPrompt::Kind::Passphrase);
        QCOMPARE(asked.first().keyFile, key);
        QCOMPARE(prompter->worked.size(), 1);
        for (const QString &line : lines)
            QVERIFY2(!line.contains(passphrase), qPrintable(line));
    }
}

void TestSshTunnel::wrongPassphraseIsAskedAgain()
{
    QString error;
    const QString key = m_sshd->makeKey(QStringLiteral("id_again"), QStringLiteral("ed25519"),
                                        QStringLiteral("openssh"), QStringLiteral("right one"), &error);
    QVERIFY2(m_sshd->authorize(key, &error), qPrintable(error));
    auto prompter = std::make_shared<ScriptedPrompter>();
    prompter->secrets = {QStringLiteral("wrong one"), QStringLiteral("right one")};
    ConnectionOptions o = throughTunnel(*m_cluster, *m_sshd, key);
    o.ssh.prompter = prompter;
    {
        EtcdClient client(o);
        const QString problem = roundTrip(client, "/ssh/again");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    const QVector<SshPrompt> asked = prompter->prompts();
    QCOMPARE(asked.size(), 2);
    QVERIFY(asked.at(0).retryReason.isEmpty());
    QCOMPARE(asked.at(1).retryReason, QStringLiteral("wrong passphrase"));

    // Three wrong answers: refused for good, naming the key, and no call hangs.
    auto wrong = std::make_shared<ScriptedPrompter>();
    wrong->secrets = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
    o.ssh.prompter = wrong;
    EtcdClient client(o);
    QVERIFY(waitForState(client, ssh::TunnelStatus::State::Failed));
    QCOMPARE(client.tunnelStatus().failure.hop, ssh::Hop::Authentication);
    QVERIFY2(client.tunnelStatus().failure.message.contains(QStringLiteral("wrong passphrase")),
             qPrintable(client.tunnelStatus().failure.message));
    QVERIFY(client.tunnelStatus().failure.message.contains(key));
    QElapsedTimer timer;
    timer.start();
    const auto got = resultOf(client.kv().get("/x"));
    QVERIFY(!got.ok());
    QVERIFY2(got.error().toString().contains(QStringLiteral("wrong passphrase")), qPrintable(got.error().toString()));
    QVERIFY(timer.elapsed() < kCallTimeoutMs + 2000);
}

void TestSshTunnel::password()
{
    const QString password = QStringLiteral("pw-%1").arg(QRandomGenerator::global()->generate64(), 0, 16);
    QString error;
    QVERIFY2(SshServer::ensurePasswordUser(password, &error), qPrintable(error));
    SshServer::Settings settings;
    settings.passwords = true;
    SshServer sshd(settings);
    QVERIFY2(sshd.start(&error), qPrintable(error));
    auto prompter = std::make_shared<ScriptedPrompter>();
    prompter->secrets = {QStringLiteral("not the password"), password};
    ConnectionOptions o = throughTunnel(*m_cluster, sshd, {});
    o.ssh.destination = sshd.destination(SshServer::passwordUser());
    o.ssh.prompter = prompter;
    LogCapture::install();
    {
        EtcdClient client(o);
        const QString problem = roundTrip(client, "/ssh/password");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    const QStringList lines = LogCapture::lines();
    LogCapture::uninstall();
    for (const QString &line : lines)
        QVERIFY2(!line.contains(password) && !line.contains(QLatin1String("not the password")), qPrintable(line));
    const QVector<SshPrompt> asked = prompter->prompts();
    QCOMPARE(asked.size(), 2);
    QCOMPARE(asked.at(0).kind, SshPrompt::Kind::Password);
    QCOMPARE(asked.at(0).user, SshServer::passwordUser());
    QCOMPARE(asked.at(1).retryReason, QStringLiteral("wrong password"));
    QCOMPARE(prompter->worked, QVector<SshPrompt::Kind>{SshPrompt::Kind::Password});

    // Refused three times: a clear refusal, not a loop.
    auto wrong = std::make_shared<ScriptedPrompter>();
    wrong->secrets = {QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("z")};
    o.ssh.prompter = wrong;
    EtcdClient client(o);
    QVERIFY(waitForState(client, ssh::TunnelStatus::State::Failed));
    QVERIFY2(client.tunnelStatus().failure.message.contains(QStringLiteral("refused to sign in")),
             qPrintable(client.tunnelStatus().failure.message));
}

void TestSshTunnel::agent()
{
    QString error;
    const QString key =
        m_sshd->makeKey(QStringLiteral("id_agent"), QStringLiteral("ed25519"), QStringLiteral("openssh"), {}, &error);
    QVERIFY2(m_sshd->authorize(key, &error), qPrintable(error));
    const QString socket = m_sshd->startAgent(key, &error);
    QVERIFY2(!socket.isEmpty(), qPrintable(error));
    QFile::remove(key); // only the agent has it now
    ConnectionOptions o = throughTunnel(*m_cluster, *m_sshd, {});
    o.ssh.agentSocket = socket;
    EtcdClient client(o);
    const QString problem = roundTrip(client, "/ssh/agent");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestSshTunnel::configAliasIsHonoured()
{
    // Host alias -> HostName, Port, User, IdentityFile, as ssh reads them.
    const QString config = m_sshd->dir() + QStringLiteral("/ssh_config");
    const QString problem = viaAlias(config,
                                     QStringLiteral("Host prod-bastion\n  HostName 127.0.0.1\n  Port %1\n  User %2\n"
                                                    "  IdentityFile %3\n")
                                         .arg(m_sshd->port())
                                         .arg(m_sshd->user(), m_key),
                                     QStringLiteral("prod-bastion"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QString TestSshTunnel::viaAlias(const QString &configFile, const QString &config, const QString &alias)
{
    QFile file(configFile);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return file.errorString();
    file.write(config.toUtf8());
    file.close();
    ConnectionOptions o = throughTunnel(*m_cluster, *m_sshd, {});
    o.ssh.destination = alias;
    o.ssh.configFile = configFile;
    EtcdClient client(o);
    return roundTrip(client, "/ssh/" + alias.toUtf8());
}

void TestSshTunnel::extraHopThroughProxyCommand()
{
    // One more hop, as ProxyJump makes it in libssh 0.10 (which turns it into `ssh -W`): OpenSSH's
    // client reaches the inner bastion through the outer one, a second sshd.
    QString error;
    SshServer outer;
    QVERIFY2(outer.start(&error), qPrintable(error));
    QVERIFY2(outer.authorize(m_key, &error), qPrintable(error));
    const QString config = m_sshd->dir() + QStringLiteral("/ssh_config_jump");
    const QString hop = QStringLiteral("Host outer\n  HostName 127.0.0.1\n  Port %1\n  User %2\n  IdentityFile %3\n"
                                       "  IdentitiesOnly yes\n  UserKnownHostsFile %4\n  StrictHostKeyChecking yes\n"
                                       "  BatchMode yes\n")
                            .arg(outer.port())
                            .arg(outer.user(), m_key, outer.knownHostsFile());
    const QString target = QStringLiteral("Host inner\n  HostName 127.0.0.1\n  Port %1\n  User %2\n  IdentityFile %3\n"
                                          "  ProxyCommand ssh -F %4 -W %h:%p outer\n")
                               .arg(m_sshd->port())
                               .arg(m_sshd->user(), m_key, config);
    const QString problem = viaAlias(config, hop + target, QStringLiteral("inner"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QFile log(outer.dir() + QStringLiteral("/sshd.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY2(log.readAll().contains("Accepted publickey"), "the outer hop was not used");
}

void TestSshTunnel::wrongKeyIsRefusedNamingTheHop()
{
    QString error;
    const QString stranger = m_sshd->makeKey(QStringLiteral("id_stranger"), QStringLiteral("ed25519"),
                                             QStringLiteral("openssh"), {}, &error);
    QVERIFY(!stranger.isEmpty());
    EtcdClient client(throughTunnel(*m_cluster, *m_sshd, stranger));
    QElapsedTimer timer;
    timer.start();
    const auto got = resultOf(client.kv().get("/x"));
    QVERIFY(!got.ok());
    const QString text = got.error().toString();
    QVERIFY2(text.contains(QStringLiteral("refused to sign in")) && text.contains(stranger), qPrintable(text));
    QVERIFY2(timer.elapsed() < kCallTimeoutMs + 2000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(client.tunnelStatus().state, ssh::TunnelStatus::State::Failed);
    QCOMPARE(client.tunnelStatus().failure.hop, ssh::Hop::Authentication);
}

void TestSshTunnel::notAKey()
{
    const QString path = m_sshd->dir() + QStringLiteral("/not-a-key.txt");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is a shopping list, not a key\n");
    file.close();
    EtcdClient client(throughTunnel(*m_cluster, *m_sshd, path));
    QVERIFY(waitForState(client, ssh::TunnelStatus::State::Failed));
    QVERIFY2(client.tunnelStatus().failure.message.contains(QStringLiteral("is not a private key")),
             qPrintable(client.tunnelStatus().failure.message));
    // The public half by mistake: the same words, and the hint.
    EtcdClient pub(throughTunnel(*m_cluster, *m_sshd, m_key + QStringLiteral(".pub")));
    QVERIFY(waitForState(pub, ssh::TunnelStatus::State::Failed));
    QVERIFY(pub.tunnelStatus().failure.message.contains(QStringLiteral("public half")));
}

void TestSshTunnel::unknownHostAsksWithTheFingerprintAndRemembers()
{
    const QString knownHosts = m_sshd->dir() + QStringLiteral("/known_hosts_new");
    QFile::remove(knownHosts);
    auto prompter = std::make_shared<ScriptedPrompter>();
    prompter->trustHost = true;
    ConnectionOptions o = throughTunnel(*m_cluster, *m_sshd, m_key);
    o.ssh.knownHostsFile = knownHosts;
    o.ssh.prompter = prompter;
    {
        EtcdClient client(o);
        const QString problem = roundTrip(client, "/ssh/trusted");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QVector<SshPrompt> asked = prompter->prompts();
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().kind, SshPrompt::Kind::UnknownHost);
    QCOMPARE(asked.first().fingerprint, m_sshd->fingerprint()); // as ssh-keygen -l prints it
    QCOMPARE(asked.first().keyType, QStringLiteral("ssh-ed25519"));
    QFile file(knownHosts);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains(m_sshd->knownHostsLine().section(QLatin1Char(' '), 2).toUtf8()));
    // Remembered: the next connection does not ask.
    {
        EtcdClient client(o);
        QVERIFY(roundTrip(client, "/ssh/trusted").isEmpty());
    }
    QCOMPARE(prompter->prompts().size(), 1);

    // Declined: refused, not remembered.
    QFile::remove(knownHosts);
    auto declines = std::make_shared<ScriptedPrompter>();
    o.ssh.prompter = declines;
    EtcdClient client(o);
    QVERIFY(waitForState(client, ssh::TunnelStatus::State::Failed));
    QCOMPARE(client.tunnelStatus().failure.hop, ssh::Hop::HostKey);
    QVERIFY(client.tunnelStatus().failure.message.contains(QStringLiteral("not trusted")));
    QVERIFY(!QFile::exists(knownHosts) || QFile(knownHosts).size() == 0);
}

void TestSshTunnel::unknownHostWithoutPrompterIsRefused()
{
    ConnectionOptions o = throughTunnel(*m_cluster, *m_sshd, m_key);
    o.ssh.knownHostsFile = m_sshd->dir() + QStringLiteral("/known_hosts_empty");
    EtcdClient client(o);
    QVERIFY(waitForState(client, ssh::TunnelStatus::State::Failed));
    const QString message = client.tunnelStatus().failure.message;
    QVERIFY2(message.contains(m_sshd->fingerprint()) && message.contains(QStringLiteral("ssh-keyscan")),
             qPrintable(message));
}

void TestSshTunnel::changedHostKeyIsRefused()
{
    // known_hosts holds another key for [127.0.0.1]:port, as after a man in the middle.
    QString error;
    const QString other =
        m_sshd->makeKey(QStringLiteral("impostor"), QStringLiteral("ed25519"), QStringLiteral("openssh"), {}, &error);
    QFile pub(other + QStringLiteral(".pub"));
    QVERIFY(pub.open(QIODevice::ReadOnly));
    const QStringList parts = QString::fromUtf8(pub.readAll()).split(QLatin1Char(' '));
    const QString knownHosts = m_sshd->dir() + QStringLiteral("/known_hosts_changed");
    QFile file(knownHosts);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(
        QStringLiteral("[127.0.0.1]:%1 %2 %3\n").arg(m_sshd->port()).arg(parts.value(0), parts.value(1)).toUtf8());
    file.close();
    auto prompter = std::make_shared<ScriptedPrompter>();
    prompter->trustHost = true; // would accept anything: it must not even be asked
    ConnectionOptions o = throughTunnel(*m_cluster, *m_sshd, m_key);
    o.ssh.knownHostsFile = knownHosts;
    o.ssh.prompter = prompter;
    EtcdClient client(o);
    QVERIFY(waitForState(client, ssh::TunnelStatus::State::Failed));
    const QString message = client.tunnelStatus().failure.message;
    QVERIFY2(message.contains(QStringLiteral("CHANGED")) && message.contains(m_sshd->fingerprint()),
             qPrintable(message));
    QVERIFY(prompter->prompts().isEmpty());
    const auto got = resultOf(client.kv().get("/x"));
    QVERIFY(!got.ok());
    QVERIFY(got.error().toString().contains(QStringLiteral("CHANGED")));
}

void TestSshTunnel::endpointUnreachableFromTheBastion()
{
    ConnectionOptions o = throughTunnel(*m_cluster, *m_sshd, m_key);
    o.endpoints = {QStringLiteral("127.0.0.1:%1").arg(closedPort())};
    EtcdClient client(o);
    QElapsedTimer timer;
    timer.start();
    const auto got = resultOf(client.kv().get("/x"));
    QVERIFY(!got.ok());
    const QString text = got.error().toString();
    QVERIFY2(text.contains(QStringLiteral("unreachable from the SSH bastion")), qPrintable(text));
    QVERIFY(timer.elapsed() < kCallTimeoutMs + 2000);
    QVERIFY(client.tunnelStatus().isUp()); // the bastion itself is fine
}

void TestSshTunnel::bastionUnreachable_data()
{
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QString>("expected");
    QTest::newRow("closed port") << QStringLiteral("%1@127.0.0.1:%2").arg(SshServer().user()).arg(closedPort())
                                 << "cannot reach the SSH bastion";
    QTest::newRow("no such host") << QStringLiteral("root@no-such-host.invalid") << "cannot reach the SSH bastion";
}

void TestSshTunnel::bastionUnreachable()
{
    QFETCH(QString, destination);
    QFETCH(QString, expected);
    ConnectionOptions o = throughTunnel(*m_cluster, *m_sshd, m_key);
    o.ssh.destination = destination;
    EtcdClient client(o);
    QSignalSpy changes(&client, &EtcdClient::tunnelStatusChanged);
    QElapsedTimer timer;
    timer.start();
    const auto got = resultOf(client.kv().get("/x"));
    QVERIFY(!got.ok());
    const QString text = got.error().toString();
    QVERIFY2(text.contains(expected), qPrintable(text));
    QVERIFY(timer.elapsed() < kCallTimeoutMs + 2000);
    QCOMPARE(client.tunnelStatus().state, ssh::TunnelStatus::State::Reconnecting); // keeps trying
    QCOMPARE(client.tunnelStatus().failure.hop, ssh::Hop::Bastion);
    QTRY_VERIFY(!changes.isEmpty());
}

void TestSshTunnel::watchResumesAfterTheBastionIsKilled()
{
    QString error;
    SshServer sshd;
    QVERIFY2(sshd.start(&error), qPrintable(error));
    QVERIFY2(sshd.authorize(m_key, &error), qPrintable(error));
    EtcdClient tunnelled(throughTunnel(*m_cluster, sshd, m_key));
    EtcdClient direct(optionsFor(*m_cluster));
    QVERIFY(roundTrip(tunnelled, "/ssh/kill/first").isEmpty());
    const qint64 start = resultOf(direct.kv().get("/ssh/kill/first")).value().header.revision;

    Watcher *watch = tunnelled.watch(WatchOptions::prefix("/ssh/watch/", start + 1), this);
    QVector<qint64> seen;
    connect(watch, &Watcher::events, this, [&seen](const WatchEvents &events) {
        for (const WatchEvent &e : events)
            seen << e.revision();
    });
    QSignalSpy created(watch, &Watcher::created);
    QVERIFY(created.wait(10000));

    // Writes go on directly while the bastion dies (sessions included) and comes back.
    int written = 0;
    auto writeSome = [&](int n) {
        for (int i = 0; i < n; ++i)
            QVERIFY_OK(resultOf(direct.kv().put(QByteArray("/ssh/watch/") + QByteArray::number(written++), "v")));
    };
    writeSome(20);
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 20, 10000);
    QSignalSpy changes(&tunnelled, &EtcdClient::tunnelStatusChanged);
    sshd.kill();
    writeSome(30);
    QTRY_VERIFY_WITH_TIMEOUT(tunnelled.tunnelStatus().state == ssh::TunnelStatus::State::Reconnecting, 15000);
    QVERIFY2(tunnelled.tunnelStatus().failure.message.contains(QStringLiteral("SSH")),
             qPrintable(tunnelled.tunnelStatus().failure.message));
    writeSome(30);
    QVERIFY2(sshd.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(tunnelled.tunnelStatus().isUp(), 20000);
    writeSome(20);
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), written, 30000);

    // Compared one by one with etcd's own history: every put once, in order.
    const auto all = resultOf(direct.kv().range(RangeOptions::prefix("/ssh/watch/")));
    QVERIFY_OK(all);
    QVector<qint64> history;
    for (const KeyValue &kv : all.value().kvs)
        history << kv.modRevision;
    std::sort(history.begin(), history.end());
    QCOMPARE(seen, history);
    QVERIFY(!changes.isEmpty());
}

void TestSshTunnel::threeMembersBehindTheTunnelLoseOne()
{
    START_CLUSTER(cluster, 3, true);
    EtcdClient client(throughTunnel(*cluster, *m_sshd, m_key));
    QVERIFY(roundTrip(client, "/ssh/three/a").isEmpty());
    const QString first = client.currentEndpoint();
    const int index = cluster->clientEndpoints().indexOf(first);
    QVERIFY(index >= 0);
    QVERIFY(cluster->kill(index));
    QVERIFY(waitForLeader(client, 20000));
    const QString problem = roundTrip(client, "/ssh/three/b");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(client.currentEndpoint() != first);
    QVERIFY(client.tunnelStatus().isUp());
}

void TestSshTunnel::bigValuesCrossIntact()
{
    // Larger than any channel window and SSH packet: flow control both ways, from several clients.
    QByteArray big(1400 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = static_cast<char>(QRandomGenerator::global()->generate() & 0xff);
    EtcdClient a(throughTunnel(*m_cluster, *m_sshd, m_key));
    EtcdClient b(throughTunnel(*m_cluster, *m_sshd, m_key));
    QList<QFuture<EtcdResult<PutResult>>> puts;
    for (int i = 0; i < 4; ++i)
        puts << (i % 2 ? a : b).kv().put("/ssh/big/" + QByteArray::number(i), big);
    for (const auto &put : puts) {
        const auto r = resultOf(put, 60000);
        if (!r.ok()) {
            qWarning().noquote() << m_cluster->logTail(0, 10);
            QFile log(m_sshd->dir() + QStringLiteral("/sshd.log"));
            log.open(QIODevice::ReadOnly);
            qWarning().noquote() << log.readAll().right(3000);
        }
        QVERIFY_OK(r);
    }
    const auto all = resultOf(a.kv().range(RangeOptions::prefix("/ssh/big/")), 60000);
    QVERIFY_OK(all);
    QCOMPARE(all.value().kvs.size(), 4);
    for (const KeyValue &kv : all.value().kvs)
        QVERIFY(kv.value == big);
}

void TestSshTunnel::tlsVerifiesTheRealHostName()
{
    // A certificate for DNS:localhost only (no IP address). Through the tunnel gRPC connects to
    // 127.0.0.1:<local port>; it must still verify the endpoint's own name, "localhost".
    QTemporaryDir dir;
    const QString cert = dir.filePath(QStringLiteral("server.pem"));
    const QString key = dir.filePath(QStringLiteral("server.key"));
    QString output, error;
    QVERIFY2(
        runTool(QStringLiteral("openssl"),
                {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                 QStringLiteral("-nodes"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
                 QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                 QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:localhost")},
                &output, &error),
        qPrintable(error));
    LocalClusterOptions options;
    options.clientTls = LocalClusterTls{cert, key, {}, false};
    LocalCluster cluster(options);
    QVERIFY2(cluster.startAndWait(&error), qPrintable(error));
    ConnectionOptions o = throughTunnel(cluster, *m_sshd, m_key);
    o.tls.caFile = cert;
    o.endpoints = {cluster.clientEndpoint(0).replace(QStringLiteral("127.0.0.1"), QStringLiteral("localhost"))};
    {
        EtcdClient client(o);
        const QString problem = roundTrip(client, "/ssh/tls");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    // By address the certificate does not match: the tunnel changes nothing about trust.
    o.endpoints = {cluster.clientEndpoint(0)};
    EtcdClient client(o);
    const auto got = resultOf(client.kv().get("/ssh/tls"));
    QVERIFY(!got.ok());
}

void TestSshTunnel::connectionTestNamesTheHop()
{
    auto test = [](const ConnectionOptions &options) {
        ConnectionTester tester(options);
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start();
        if (!finished.wait(20000))
            return ConnectionTestReport{};
        return finished.first().first().value<ConnectionTestReport>();
    };
    ConnectionTestReport report = test(throughTunnel(*m_cluster, *m_sshd, m_key));
    QVERIFY2(report.ok(), qPrintable(report.summary()));
    QVERIFY2(report.summary().contains(QStringLiteral("SSH: through the bastion")), qPrintable(report.summary()));

    QString error;
    const QString stranger =
        m_sshd->makeKey(QStringLiteral("id_tester"), QStringLiteral("ed25519"), QStringLiteral("openssh"), {}, &error);
    report = test(throughTunnel(*m_cluster, *m_sshd, stranger));
    QVERIFY(!report.ok());
    QCOMPARE(report.failedHop, ssh::hopName(ssh::Hop::Authentication));
    QVERIFY2(report.summary().startsWith(QStringLiteral("Connection failed at the SSH sign-in")),
             qPrintable(report.summary()));

    ConnectionOptions o = throughTunnel(*m_cluster, *m_sshd, m_key);
    o.endpoints = {QStringLiteral("127.0.0.1:%1").arg(closedPort())};
    report = test(o);
    QVERIFY(!report.ok());
    QCOMPARE(report.failedHop, ssh::hopName(ssh::Hop::Endpoint));
    QVERIFY2(report.summary().contains(QStringLiteral("unreachable from the SSH bastion")),
             qPrintable(report.summary()));

    o = throughTunnel(*m_cluster, *m_sshd, m_key);
    o.ssh.destination = QStringLiteral("root@127.0.0.1:%1").arg(closedPort());
    report = test(o);
    QCOMPARE(report.failedHop, ssh::hopName(ssh::Hop::Bastion));
}

void TestSshTunnel::commandLine()
{
    auto parse = [](const QStringList &args, QString *error) {
        QCommandLineParser parser;
        ConnectionCommandLine::addOptions(parser);
        parser.parse(QStringList{QStringLiteral("etcd-console")} + args);
        ConnectionOptions o;
        const bool ok = ConnectionCommandLine::read(parser, QProcessEnvironment(), &o, error);
        return ok ? o : ConnectionOptions{};
    };
    QString error;
    ConnectionOptions o = parse({QStringLiteral("--endpoints=10.0.0.1:2379"), QStringLiteral("--ssh=ops@bastion:2222"),
                                 QStringLiteral("--ssh-key=") + m_key},
                                &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(o.ssh.destination, QStringLiteral("ops@bastion:2222"));
    QCOMPARE(o.ssh.keyFile, m_key);

    for (const QString &bad : {QStringLiteral("@host"), QStringLiteral("user@host:0"), QStringLiteral("user@host:"),
                               QStringLiteral("user@ho st")}) {
        error.clear();
        parse({QStringLiteral("--endpoints=10.0.0.1:2379"), QStringLiteral("--ssh=") + bad}, &error);
        QVERIFY2(error.contains(QStringLiteral("is not an SSH destination")),
                 qPrintable(bad + QStringLiteral(": ") + error));
    }
    error.clear();
    parse({QStringLiteral("--endpoints=10.0.0.1:2379"), QStringLiteral("--ssh=ops@b"),
           QStringLiteral("--ssh-key=/no/such/key")},
          &error);
    QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
    error.clear();
    parse({QStringLiteral("--endpoints=10.0.0.1:2379"), QStringLiteral("--ssh-key=") + m_key}, &error);
    QVERIFY2(error.contains(QStringLiteral("need --ssh")), qPrintable(error));
    error.clear();
    parse({QStringLiteral("--endpoints=unix:/run/etcd.sock"), QStringLiteral("--ssh=ops@b")}, &error);
    QVERIFY2(error.contains(QStringLiteral("unix socket")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSshTunnel)
#include "tst_sshtunnel.moc"
