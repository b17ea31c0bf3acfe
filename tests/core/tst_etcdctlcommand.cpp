// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// "Copy as etcdctl command": the generated commands are RUN with bash against a real etcd, and
// their effect is checked byte for byte, for keys and values that break naive quoting.

#include "client/etcdclient.h"
#include "state/operations/etcdctlcommand.h"
#include "support/testsupport.h"

#include <QProcess>
#include <QTemporaryFile>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

namespace {

struct BashResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QByteArray describe() const { return "bash exit " + QByteArray::number(exitCode) + ": " + err; }
};

// Runs `script` as a file (a 200 KiB command could not be a single argument of `bash -c`), in an
// environment without ETCDCTL_* variables, as a person's shell would with the command pasted.
BashResult runBash(const QString &script, const QByteArray &input = {})
{
    QTemporaryFile file;
    BashResult result;
    if (!file.open())
        return result;
    file.write("set -o pipefail\n" + script.toUtf8() + '\n');
    file.close();
    QProcess bash;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(QLatin1String("ETCDCTL_")))
            env.remove(name);
    }
    bash.setProcessEnvironment(env);
    bash.start(QStringLiteral("bash"), {file.fileName()});
    bash.write(input);
    bash.closeWriteChannel();
    if (!bash.waitForFinished(30000))
        return result;
    result.exitCode = bash.exitStatus() == QProcess::NormalExit ? bash.exitCode() : -1;
    result.out = bash.readAllStandardOutput();
    result.err = bash.readAllStandardError();
    return result;
}

QByteArray bytesUpTo(int n)
{
    QByteArray out;
    quint32 seed = 7;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1103515245u + 12345u;
        out.append(static_cast<char>((seed >> 16) & 0xff));
    }
    return out;
}

} // namespace

class TestEtcdctlCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void shellQuotingIsByteExact();
    void connectionFlagsNeverCarryAPassword();
    void putGetDelOfTrickyKeysAndValues();
    void prefixCommands();
    void compareAndSwapAndDeleteAsTxn();
    void keysWithNulBytesGoThroughTxn();
    void authenticatedCommandsAskForThePassword(); // last: it switches authentication on

private:
    QByteArray value(const QByteArray &key);
    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
    std::unique_ptr<EtcdctlCommand> m_commands;
    QByteArray m_prefix;
    int m_case = 0;
};

void TestEtcdctlCommand::initTestCase()
{
    QString error;
    const QString etcdctl = Etcdctl::binary(&error);
    QVERIFY2(!etcdctl.isEmpty(), qPrintable(error));
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
    m_commands = std::make_unique<EtcdctlCommand>(optionsFor(*m_cluster), etcdctl);
}

void TestEtcdctlCommand::cleanupTestCase()
{
    m_client.reset();
    m_cluster.reset();
}

void TestEtcdctlCommand::init()
{
    m_prefix = QByteArray("/ctl-test/") + QByteArray::number(++m_case) + '/';
}

QByteArray TestEtcdctlCommand::value(const QByteArray &key)
{
    auto got = resultOf(m_client->kv().get(key));
    if (!got.ok() || got->kvs.isEmpty())
        return "<absent>";
    return got->kvs.first().value;
}

void TestEtcdctlCommand::shellQuotingIsByteExact()
{
    QCOMPARE(EtcdctlCommand::shellQuote("/app/config-1.yaml"), QStringLiteral("/app/config-1.yaml"));
    QCOMPARE(EtcdctlCommand::shellQuote("it's"), QStringLiteral("'it'\\''s'"));
    QCOMPARE(EtcdctlCommand::shellQuote(""), QStringLiteral("''"));
    QCOMPARE(EtcdctlCommand::shellQuote("a\nb"), QStringLiteral("$'a\\nb'"));
    // Right-to-left override: printable-looking text that would lie about the command.
    QVERIFY(EtcdctlCommand::shellQuote("a\xe2\x80\xae"
                                       "b")
                .startsWith(QLatin1String("$'")));

    // bash prints every word back exactly: random bytes (no NUL: no argument can hold one).
    QStringList words;
    QVector<QByteArray> originals;
    QByteArray random = bytesUpTo(6000);
    random.replace('\0', "\x01");
    for (int i = 0; i < 300; ++i)
        originals << random.mid(i * 20, 1 + i % 20);
    originals << "$HOME `id` $(id) \"q\" 'q' \\ !! * ? [a] ~ # ;&|<>"
              << "\xff\xfe"
              << "\xc3\xa9t\xc3\xa9"
              << "-n"
              << "0\\x30" << QByteArray(1, '\'') << "%s%%\\";
    for (const QByteArray &word : originals)
        words << QStringLiteral("printf '%s\\0' ") + EtcdctlCommand::shellQuote(word);
    BashResult printed = runBash(words.join(QLatin1Char('\n')));
    QVERIFY2(printed.exitCode == 0, printed.describe().constData());
    const QList<QByteArray> back = printed.out.split('\0');
    QCOMPARE(back.size(), originals.size() + 1);
    for (int i = 0; i < originals.size(); ++i)
        QCOMPARE(back[i], originals[i]);

    // printf formats carry every byte, NUL included.
    const QByteArray all = bytesUpTo(4096) + QByteArray("\0\n%\\'7", 6);
    BashResult formatted = runBash(QStringLiteral("printf ") + EtcdctlCommand::printfFormat(all));
    QVERIFY2(formatted.exitCode == 0, formatted.describe().constData());
    QCOMPARE(formatted.out, all);
}

void TestEtcdctlCommand::connectionFlagsNeverCarryAPassword()
{
    ConnectionOptions o;
    o.endpoints = {QStringLiteral("https://etcd-1.example:2379"), QStringLiteral("10.0.0.2:2379")};
    o.user = QStringLiteral("alice");
    o.password = QStringLiteral("s3cret-pass");
    o.tls.caFile = QStringLiteral("/etc/etcd/ca.pem");
    o.tls.certFile = QStringLiteral("/etc/etcd/my cert.pem");
    o.tls.keyFile = QStringLiteral("/etc/etcd/key.pem");
    const QString cmd = EtcdctlCommand(o).get("/app/x");
    QCOMPARE(cmd, QStringLiteral("etcdctl --endpoints=https://etcd-1.example:2379,https://10.0.0.2:2379 --user=alice "
                                 "--cacert=/etc/etcd/ca.pem '--cert=/etc/etcd/my cert.pem' --key=/etc/etcd/key.pem "
                                 "get /app/x"));
    QVERIFY(!cmd.contains(QLatin1String("s3cret")));
    for (const QString &c : {EtcdctlCommand(o).put("k", "v"), EtcdctlCommand(o).compareAndSwap("k", "v", 3)})
        QVERIFY(!c.contains(QLatin1String("s3cret")) && !c.contains(QLatin1String("--password")));

    ConnectionOptions systemTrust;
    systemTrust.endpoints = {QStringLiteral("https://etcd.example:2379")};
    QVERIFY(EtcdctlCommand(systemTrust).get("k").contains(QLatin1String("--insecure-transport=false")));
}

void TestEtcdctlCommand::putGetDelOfTrickyKeysAndValues()
{
    const QVector<QByteArray> keys = {
        "with spaces", "it's \"quoted\"", "$HOME `id` $(id) !!", "back\\slash\\",
        "new\nline",   "\xff\xfe\x80",    "-starts-with-dash",   "\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87/\xc3\xbc",
        "tab\tand %s",
    };
    QByteArray big = bytesUpTo(200 * 1024);
    big[1000] = '\0';
    const QVector<QByteArray> values = {
        "plain", "it's \"quoted\" $HOME `id`", "back\\slash\\n", "two\nlines\n", "\xff\x00\xfe", "-dash", QByteArray(),
        big,     QByteArray(9000, 'x'),        "%d %s %%",
    };
    int n = 0;
    for (const QByteArray &k : keys) {
        const QByteArray key = m_prefix + k;
        const QByteArray v = values[n++ % values.size()];
        BashResult put = runBash(m_commands->put(key, v));
        QVERIFY2(put.exitCode == 0, put.describe().constData());
        QCOMPARE(value(key), v);

        BashResult get = runBash(m_commands->get(key));
        QVERIFY2(get.exitCode == 0, get.describe().constData());
        QCOMPARE(get.out, key + '\n' + v + '\n'); // etcdctl prints key and value, each with a newline

        BashResult del = runBash(m_commands->del(key));
        QVERIFY2(del.exitCode == 0, del.describe().constData());
        QCOMPARE(del.out, QByteArray("1\n"));
        QCOMPARE(value(key), QByteArray("<absent>"));
    }
    // Every value with every kind of key, once more: the 200 KiB and binary ones through printf.
    for (const QByteArray &v : values) {
        const QByteArray key = m_prefix + "v/" + QByteArray::number(n++);
        const QString cmd = m_commands->put(key, v);
        QCOMPARE(cmd.startsWith(QLatin1String("printf ")), v.size() > 4096 || v.contains('\0') || v.contains('\xff'));
        BashResult put = runBash(cmd);
        QVERIFY2(put.exitCode == 0, put.describe().constData());
        QCOMPARE(value(key), v);
    }
}

void TestEtcdctlCommand::prefixCommands()
{
    const QByteArray folder = m_prefix + "dir 'x'/";
    for (const char *k : {"a", "b c", "\xff"})
        QVERIFY_OK(resultOf(m_client->kv().put(folder + k, k)));
    QVERIFY_OK(resultOf(m_client->kv().put(m_prefix + "dir 'x'-sibling", "stays")));
    BashResult get = runBash(m_commands->getPrefix(folder));
    QVERIFY2(get.exitCode == 0, get.describe().constData());
    QCOMPARE(get.out, folder + "a\na\n" + folder + "b c\nb c\n" + folder + "\xff\n\xff\n");
    BashResult del = runBash(m_commands->delPrefix(folder));
    QVERIFY2(del.exitCode == 0, del.describe().constData());
    QCOMPARE(del.out, QByteArray("3\n"));
    QCOMPARE(value(m_prefix + "dir 'x'-sibling"), QByteArray("stays"));
}

void TestEtcdctlCommand::compareAndSwapAndDeleteAsTxn()
{
    const QByteArray key = m_prefix + "cas \"key\" $x %1 %2\n\xff";
    // Created only if absent (compare create == 0).
    BashResult create = runBash(m_commands->compareAndSwap(key, "first", 0));
    QVERIFY2(create.exitCode == 0, create.describe().constData());
    QVERIFY(create.out.startsWith("SUCCESS"));
    auto loaded = resultOf(m_client->kv().get(key));
    QVERIFY_OK(loaded);
    QCOMPARE(loaded->kvs.value(0).value, QByteArray("first"));
    const qint64 rev = loaded->kvs.value(0).modRevision;

    BashResult again = runBash(m_commands->compareAndSwap(key, "clobber", 0));
    QVERIFY2(again.exitCode == 0, again.describe().constData());
    QVERIFY(again.out.startsWith("FAILURE"));
    QCOMPARE(value(key), QByteArray("first"));

    // A swap on the revision loaded, with a value no command line could carry.
    QByteArray binary = bytesUpTo(200 * 1024);
    binary.prepend("-");
    BashResult swap = runBash(m_commands->compareAndSwap(key, binary, rev));
    QVERIFY2(swap.exitCode == 0, swap.describe().constData());
    QVERIFY(swap.out.startsWith("SUCCESS"));
    QCOMPARE(value(key), binary);

    // The stale revision no longer matches: the failure branch prints the key as it is now.
    BashResult stale = runBash(m_commands->compareAndSwap(key, "stale", rev));
    QVERIFY2(stale.exitCode == 0, stale.describe().constData());
    QVERIFY(stale.out.startsWith("FAILURE"));
    QVERIFY(stale.out.endsWith(binary + '\n'));
    QCOMPARE(value(key), binary);

    BashResult staleDelete = runBash(m_commands->compareAndDelete(key, rev));
    QVERIFY(staleDelete.out.startsWith("FAILURE"));
    QCOMPARE(value(key), binary);
    const qint64 now = resultOf(m_client->kv().get(key))->kvs.value(0).modRevision;
    BashResult del = runBash(m_commands->compareAndDelete(key, now));
    QVERIFY2(del.exitCode == 0, del.describe().constData());
    QVERIFY(del.out.startsWith("SUCCESS"));
    QCOMPARE(value(key), QByteArray("<absent>"));
}

void TestEtcdctlCommand::keysWithNulBytesGoThroughTxn()
{
    const QByteArray key = m_prefix + QByteArray("nul\0key", 7);
    const QByteArray v("nul\0value\xff", 10);
    const QString put = m_commands->put(key, v);
    QVERIFY(put.contains(QLatin1String(" txn")));
    BashResult r = runBash(put);
    QVERIFY2(r.exitCode == 0, r.describe().constData());
    QCOMPARE(value(key), v);
    BashResult get = runBash(m_commands->get(key));
    QVERIFY(get.out.contains(key + '\n' + v + '\n'));
    BashResult prefix = runBash(m_commands->getPrefix(m_prefix + QByteArray("nul\0", 4)));
    QVERIFY(prefix.out.contains(key + '\n' + v + '\n'));
    BashResult del = runBash(m_commands->del(key));
    QVERIFY2(del.exitCode == 0, del.describe().constData());
    QCOMPARE(value(key), QByteArray("<absent>"));
    QVERIFY_OK(resultOf(m_client->kv().put(key, v)));
    BashResult delPrefix = runBash(m_commands->delPrefix(m_prefix + QByteArray("nul\0", 4)));
    QVERIFY2(delPrefix.exitCode == 0, delPrefix.describe().constData());
    QCOMPARE(value(key), QByteArray("<absent>"));
}

void TestEtcdctlCommand::authenticatedCommandsAskForThePassword()
{
    Etcdctl ctl = etcdctlFor(*m_cluster);
    for (const QStringList &args :
         {QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("root:rootpw")},
          QStringList{QStringLiteral("auth"), QStringLiteral("enable")}}) {
        auto r = ctl.run(args);
        QVERIFY2(r.ok(), r.describe().constData());
    }
    ConnectionOptions o = optionsFor(*m_cluster);
    o.user = QStringLiteral("root");
    o.password = QStringLiteral("rootpw");
    m_client = std::make_unique<EtcdClient>(o);
    EtcdctlCommand commands(o, Etcdctl::binary(nullptr));

    // Without a pipe etcdctl asks for the password itself; with one, bash's read asks first.
    // Either way the answer comes from the terminal (here: bash's stdin), never from the command.
    const QByteArray key = m_prefix + "secured";
    const QString plain = commands.put(key, "text");
    QVERIFY(!plain.contains(QLatin1String("rootpw")));
    BashResult put = runBash(plain, "rootpw\n");
    QVERIFY2(put.exitCode == 0, put.describe().constData());
    QCOMPARE(value(key), QByteArray("text"));

    const QByteArray binary("\x00\x01\xff binary", 10);
    const QString viaPipe = commands.put(key, binary);
    QVERIFY(viaPipe.contains(QLatin1String("read -rsp")) && !viaPipe.contains(QLatin1String("rootpw")));
    BashResult piped = runBash(viaPipe, "rootpw\n");
    QVERIFY2(piped.exitCode == 0, piped.describe().constData());
    QCOMPARE(value(key), binary);

    const qint64 rev = resultOf(m_client->kv().get(key))->kvs.value(0).modRevision;
    BashResult cas = runBash(commands.compareAndSwap(key, "swapped", rev), "rootpw\n");
    QVERIFY2(cas.exitCode == 0, cas.describe().constData());
    QVERIFY(cas.out.startsWith("SUCCESS"));
    QCOMPARE(value(key), QByteArray("swapped"));

    BashResult wrong = runBash(commands.put(key, binary), "not-the-password\n");
    QVERIFY(wrong.exitCode != 0);
    QCOMPARE(value(key), QByteArray("swapped"));
}

QTEST_GUILESS_MAIN(TestEtcdctlCommand)
#include "tst_etcdctlcommand.moc"
