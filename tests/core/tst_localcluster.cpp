// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// LocalCluster against the real etcd: start, etcdctl interop, member faults, and teardown even
// when the owning process crashes.

#include "sandbox/localcluster.h"
#include "sandbox/processtools.h"
#include "sandbox/sandboxguard.h"

#include "support/etcdctl.h"
#include "support/testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>

using etcd::LocalCluster;
using etcd::LocalClusterOptions;
using etcd::LocalClusterTls;
using etcd::test::Etcdctl;
using MemberState = etcd::LocalCluster::MemberState;
namespace processtools = etcd::processtools;

namespace {

constexpr char kCrashChildEnv[] = "ETCDCONSOLE_CRASH_CHILD";
constexpr int kStartTimeoutMs = 30000;
constexpr int kCleanupTimeoutMs = 10000;

// "put /k v" -> {"put", "/k", "v"}: etcdctl argument lists without a wall of QStringLiteral.
QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// Pids of live processes whose command line mentions `needle` (members and the guard both carry
// the sandbox dir): proves nothing of a sandbox is left running.
QList<qint64> processesMentioning(const QString &needle)
{
    QList<qint64> found;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok || !processtools::isAlive(pid))
            continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(needle.toLocal8Bit()))
            found << pid;
    }
    return found;
}

QByteArray cmdlineOf(qint64 pid)
{
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    return cmdline.open(QIODevice::ReadOnly) ? cmdline.readAll().replace('\0', ' ') : QByteArray();
}

// Index of the member that `etcdctl endpoint status` reports as leader, or -1.
int leaderIndex(const LocalCluster &cluster)
{
    for (int i = 0; i < cluster.memberCount(); ++i) {
        const auto status = Etcdctl({cluster.clientEndpoint(i)}).run(words("endpoint status -w fields"));
        if (!status.ok())
            continue;
        const QString text = QString::fromUtf8(status.out);
        const auto member = QRegularExpression(QStringLiteral("\"MemberID\" : (\\d+)")).match(text);
        const auto leader = QRegularExpression(QStringLiteral("\"Leader\" : (\\d+)")).match(text);
        if (member.hasMatch() && leader.hasMatch() && member.captured(1) == leader.captured(1))
            return i;
    }
    return -1;
}

bool endpointsHealthy(const QStringList &endpoints)
{
    return Etcdctl(endpoints).run(words("endpoint health")).ok();
}

// Child mode of the crash test: start a sandbox, tell the parent where it is, then die without
// running any destructor. Never returns.
[[noreturn]] void runCrashChild(const QByteArray &mode)
{
    const rlimit noCore{0, 0};
    ::setrlimit(RLIMIT_CORE, &noCore);                       // an intentional abort() should not write a core file
    auto *cluster = new LocalCluster(LocalClusterOptions{}); // leaked on purpose
    QString error;
    if (!cluster->startAndWait(&error)) {
        std::fprintf(stdout, "CHILD_ERROR %s\n", qPrintable(error.simplified()));
        std::fflush(stdout);
        std::_Exit(3);
    }
    std::fprintf(stdout, "SANDBOX_DIR %s\nSANDBOX_PID %lld\nCHILD_READY\n", qPrintable(cluster->dataDir()),
                 static_cast<long long>(cluster->pid(0)));
    std::fflush(stdout);
    // Wait for the parent's go (or, for "sigkill", its SIGKILL); if the parent dies, stdin closes.
    char byte = 0;
    [[maybe_unused]] const auto n = ::read(STDIN_FILENO, &byte, 1);
    if (mode == "abort")
        std::abort();
    std::_Exit(4);
}

} // namespace

class TestLocalCluster : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void missingBinaryIsAClearError();
    void badFlagFailsWithLogTail();
    void startTimeoutFails();
    void retriesWithNewPortsWhenAddressInUse();
    void givesUpAfterThreeAddressInUseAttempts();
    void pauseDuringStartDelaysReady();
    void singleMemberAsyncStartPutGetShutdown();
    void destructorCleansUp();
    void staleSandboxDirsAreRemoved();
    void guardKillsOnlyProcessesOfItsSandbox();
    void threeMembersSurviveLeaderKillAndRestart();
    void pauseAndResume();
    void stopAndRestart();
    void tlsClusterIsHealthyAndServesMetricsInPlainHttp();
    void incompleteTlsOptionsAreAClearError();
    void crashedParentCleansUp_data();
    void crashedParentCleansUp();

private:
    std::unique_ptr<LocalCluster> startCluster(LocalClusterOptions options);
    QString writeFlakyEtcd(const QTemporaryDir &dir, bool failAlways);
};

void TestLocalCluster::initTestCase()
{
    const QByteArray crashMode = qgetenv(kCrashChildEnv);
    if (!crashMode.isEmpty())
        runCrashChild(crashMode);

    QString error;
    if (LocalCluster::findEtcdBinary({}, &error).isEmpty())
        QFAIL(qPrintable(error));
    if (Etcdctl::binary(&error).isEmpty())
        QFAIL(qPrintable(error));
}

std::unique_ptr<LocalCluster> TestLocalCluster::startCluster(LocalClusterOptions options)
{
    auto cluster = std::make_unique<LocalCluster>(std::move(options));
    QString error;
    if (!cluster->startAndWait(&error)) {
        QTest::qFail(qPrintable(QStringLiteral("sandbox did not start: ") + error), __FILE__, __LINE__);
        return nullptr;
    }
    return cluster;
}

void TestLocalCluster::missingBinaryIsAClearError()
{
    QString error;
    QVERIFY(LocalCluster::findEtcdBinary(QStringLiteral("/nonexistent/etcd"), &error).isEmpty());
    QVERIFY2(error.contains(QLatin1String("/nonexistent/etcd")), qPrintable(error));

    LocalClusterOptions options;
    options.etcdBinary = QStringLiteral("/nonexistent/etcd");
    LocalCluster cluster(options);
    QSignalSpy failedSpy(&cluster, &LocalCluster::failed);
    QVERIFY(!cluster.startAndWait(&error));
    QVERIFY2(error.contains(QLatin1String("not found")), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(failedSpy.count(), 1, 5000);
    QVERIFY(!cluster.isReady());

    // Nothing on PATH: the message says how to install the tools.
    const QByteArray path = qgetenv("PATH");
    QTemporaryDir emptyDir;
    qputenv("PATH", emptyDir.path().toLocal8Bit());
    QString etcdError;
    QString etcdctlError;
    const bool etcdFound = !LocalCluster::findEtcdBinary({}, &etcdError).isEmpty();
    const bool etcdctlFound = !Etcdctl::binary(&etcdctlError).isEmpty();
    qputenv("PATH", path);
    QVERIFY(!etcdFound && !etcdctlFound);
    QCOMPARE(etcdError, QStringLiteral("etcd binary not found on PATH; install it with: "
                                       "sudo apt-get install etcd-server etcd-client"));
    QCOMPARE(etcdctlError, QStringLiteral("etcdctl binary not found on PATH; install it with: "
                                          "sudo apt-get install etcd-client"));
}

void TestLocalCluster::badFlagFailsWithLogTail()
{
    LocalClusterOptions options;
    options.extraArgs = {QStringLiteral("--no-such-flag")};
    LocalCluster cluster(options);
    QSignalSpy failedSpy(&cluster, &LocalCluster::failed);
    QString error;
    QVERIFY(!cluster.startAndWait(&error));
    // The member's own words reach the message, so a user sees why etcd refused to start.
    QVERIFY2(error.contains(QLatin1String("flag provided but not defined")), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(failedSpy.count(), 1, 5000);
    QCOMPARE(failedSpy.at(0).at(0).toString(), error);
    const QString dir = cluster.dataDir();
    QVERIFY(QFileInfo::exists(dir)); // logs stay readable until shutdown
    cluster.shutdown();
    QVERIFY(!QFileInfo::exists(dir));
}

void TestLocalCluster::startTimeoutFails()
{
    LocalClusterOptions options;
    options.members = 3;
    options.startTimeoutMs = 1; // no cluster elects a leader in 1 ms
    LocalCluster cluster(options);
    QString error;
    QVERIFY(!cluster.startAndWait(&error));
    QVERIFY2(error.contains(QLatin1String("did not become healthy")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("---- m2")), qPrintable(error)); // every member's log tail
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(cluster.pid(i), qint64(0));
        QCOMPARE(cluster.memberState(i), MemberState::Killed);
    }
}

// An etcd wrapper that fails like a port collision would (once, or always), so the retry path
// runs without having to win a race for a port.
QString TestLocalCluster::writeFlakyEtcd(const QTemporaryDir &dir, bool failAlways)
{
    QString path = dir.filePath(QStringLiteral("flaky-etcd"));
    QFile script(path);
    if (!script.open(QIODevice::WriteOnly))
        return {};
    script.write("#!/bin/sh\n"
                 "marker=\"" +
                 dir.filePath(QStringLiteral("failed-once")).toLocal8Bit() +
                 "\"\n"
                 "if " +
                 (failAlways ? QByteArray("true") : QByteArray("[ ! -e \"$marker\" ]")) +
                 "; then\n"
                 "  : > \"$marker\"\n"
                 "  echo 'listen tcp 127.0.0.1:1: bind: address already in use' >&2\n"
                 "  exit 1\n"
                 "fi\n"
                 "exec \"" +
                 LocalCluster::findEtcdBinary({}, nullptr).toLocal8Bit() + "\" \"$@\"\n");
    script.close();
    script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

void TestLocalCluster::retriesWithNewPortsWhenAddressInUse()
{
    QTemporaryDir tools;
    QVERIFY(tools.isValid());
    LocalClusterOptions options;
    options.members = 3;
    options.fastTimings = true;
    options.etcdBinary = writeFlakyEtcd(tools, false);
    auto cluster = startCluster(options);
    QVERIFY(cluster);
    QVERIFY(endpointsHealthy(cluster->clientEndpoints()));
    // The failed attempt's log is kept apart, with the reason in it.
    const QStringList oldLogs = QDir(cluster->dataDir()).entryList({QStringLiteral("*.log.attempt1")});
    QCOMPARE(oldLogs.size(), 3);
    bool sawReason = false;
    for (const QString &log : oldLogs) {
        QFile f(QDir(cluster->dataDir()).filePath(log));
        QVERIFY(f.open(QIODevice::ReadOnly));
        sawReason = sawReason || f.readAll().contains("address already in use");
    }
    QVERIFY(sawReason);
}

void TestLocalCluster::givesUpAfterThreeAddressInUseAttempts()
{
    QTemporaryDir tools;
    QVERIFY(tools.isValid());
    LocalClusterOptions options;
    options.etcdBinary = writeFlakyEtcd(tools, true);
    LocalCluster cluster(options);
    QString error;
    QVERIFY(!cluster.startAndWait(&error));
    QVERIFY2(error.contains(QLatin1String("address already in use")), qPrintable(error));
    QVERIFY(QFileInfo::exists(QDir(cluster.dataDir()).filePath(QStringLiteral("m0.log.attempt2"))));
    QVERIFY(!QFileInfo::exists(QDir(cluster.dataDir()).filePath(QStringLiteral("m0.log.attempt3"))));
}

void TestLocalCluster::pauseDuringStartDelaysReady()
{
    LocalCluster cluster;
    QSignalSpy readySpy(&cluster, &LocalCluster::ready);
    cluster.start();
    QVERIFY(cluster.pause(0));
    QCOMPARE(cluster.memberState(0), MemberState::Paused);
    QVERIFY(!cluster.isReady());
    QVERIFY(cluster.resume(0));
    QCOMPARE(cluster.memberState(0), MemberState::Starting);
    QTRY_COMPARE_WITH_TIMEOUT(readySpy.count(), 1, kStartTimeoutMs);
    QCOMPARE(cluster.memberState(0), MemberState::Running);
}

void TestLocalCluster::singleMemberAsyncStartPutGetShutdown()
{
    LocalCluster cluster;
    QSignalSpy readySpy(&cluster, &LocalCluster::ready);
    QSignalSpy failedSpy(&cluster, &LocalCluster::failed);
    QSignalSpy stateSpy(&cluster, &LocalCluster::memberStateChanged);
    cluster.start();
    QVERIFY(!cluster.isReady()); // start() returns before etcd can possibly be healthy
    QTRY_VERIFY_WITH_TIMEOUT(readySpy.count() == 1 || failedSpy.count() == 1, kStartTimeoutMs);
    QVERIFY2(failedSpy.isEmpty(), failedSpy.isEmpty() ? "" : qPrintable(failedSpy.at(0).at(0).toString()));
    QVERIFY(cluster.isReady());
    QCOMPARE(cluster.memberCount(), 1);
    QCOMPARE(cluster.memberName(0), QStringLiteral("m0"));
    QCOMPARE(cluster.memberState(0), MemberState::Running);
    QCOMPARE(stateSpy.last().at(1).value<MemberState>(), MemberState::Running);
    QVERIFY(cluster.clientEndpoint(0).startsWith(QLatin1String("127.0.0.1:")));
    QCOMPARE(cluster.clientEndpoints(), QStringList{cluster.clientEndpoint(0)});
    const QString expectedPrefix = QStringLiteral("etcd-console-sandbox-%1-").arg(QCoreApplication::applicationPid());
    QVERIFY(QFileInfo(cluster.dataDir()).fileName().startsWith(expectedPrefix));
    QVERIFY(!cluster.logTail(0).isEmpty());
    // Health is probed on the metrics listener, a port of its own that also serves /metrics.
    QVERIFY(cluster.metricsEndpoint(0).startsWith(QLatin1String("127.0.0.1:")));
    QVERIFY(cluster.metricsEndpoint(0) != cluster.clientEndpoint(0));
    QVERIFY(etcd::test::httpGet(cluster.metricsEndpoint(0), QStringLiteral("/metrics"))
                .contains("etcd_server_has_leader 1"));

    const Etcdctl ctl(cluster.clientEndpoints());
    const auto put = ctl.run(words("put /sandbox/hello world"));
    QVERIFY2(put.ok(), put.describe());
    const auto get = ctl.run(words("get /sandbox/hello --print-value-only"));
    QVERIFY2(get.ok(), get.describe());
    QCOMPARE(get.out.trimmed(), QByteArray("world"));

    const qint64 pid = cluster.pid(0);
    const QString dir = cluster.dataDir();
    QVERIFY(processtools::isAlive(pid));
    cluster.shutdown();
    QVERIFY(!processtools::isAlive(pid));
    QVERIFY(!QFileInfo::exists(dir));
    QCOMPARE(cluster.pid(0), qint64(0));
    QCOMPARE(cluster.memberState(0), MemberState::Stopped);
    QTRY_VERIFY_WITH_TIMEOUT(processesMentioning(dir).isEmpty(), kCleanupTimeoutMs); // guard gone too
}

void TestLocalCluster::destructorCleansUp()
{
    auto cluster = startCluster({});
    QVERIFY(cluster);
    const qint64 pid = cluster->pid(0);
    const QString dir = cluster->dataDir();
    QVERIFY(cluster->pause(0));
    cluster.reset(); // a paused member must not make the destructor hang
    QVERIFY(!processtools::isAlive(pid));
    QVERIFY(!QFileInfo::exists(dir));
    QTRY_VERIFY_WITH_TIMEOUT(processesMentioning(dir).isEmpty(), kCleanupTimeoutMs);
}

void TestLocalCluster::staleSandboxDirsAreRemoved()
{
    QTemporaryDir base;
    QVERIFY(base.isValid());
    // A pid that certainly existed and is now gone: a finished child of ours.
    QProcess done;
    done.start(QStringLiteral("/bin/true"));
    QVERIFY(done.waitForStarted());
    const qint64 deadPid = done.processId();
    QVERIFY(done.waitForFinished());
    const QString stale = base.filePath(QStringLiteral("etcd-console-sandbox-%1-AbC123").arg(deadPid));
    const QString alive = base.filePath(QStringLiteral("etcd-console-sandbox-1-XyZ789")); // pid 1 always exists
    const QString unrelated = base.filePath(QStringLiteral("something-else"));
    for (const QString &d : {stale, alive, unrelated})
        QVERIFY(QDir().mkpath(d + QStringLiteral("/m0.etcd")));

    LocalClusterOptions options;
    options.baseDir = base.path();
    auto cluster = startCluster(options);
    QVERIFY(cluster);
    QVERIFY(!QFileInfo::exists(stale));
    QVERIFY(QFileInfo::exists(alive));
    QVERIFY(QFileInfo::exists(unrelated));
    QCOMPARE(QFileInfo(cluster->dataDir()).absolutePath(), QFileInfo(base.path()).absoluteFilePath());
}

void TestLocalCluster::guardKillsOnlyProcessesOfItsSandbox()
{
    QTemporaryDir base;
    QVERIFY(base.isValid());
    const QString dir = base.filePath(QStringLiteral("etcd-console-sandbox-guardtest"));
    QVERIFY(QDir().mkpath(dir));
    etcd::SandboxGuard guard;
    QString error;
    QVERIFY2(guard.start(dir, &error), qPrintable(error));
    // `cat -` blocks on its stdin; the second argument only puts a path into its command line.
    QProcess ours;
    QProcess recycled; // stands for an unrelated process that got a member's old pid
    ours.start(QStringLiteral("cat"), {QStringLiteral("-"), dir + QStringLiteral("/m0.etcd")});
    recycled.start(QStringLiteral("cat"), {QStringLiteral("-"), base.filePath(QStringLiteral("elsewhere"))});
    QVERIFY(ours.waitForStarted() && recycled.waitForStarted());
    guard.watchPid(ours.processId());
    guard.watchPid(recycled.processId());
    guard.finish(); // closes the guard's stdin, exactly as our death would
    QTRY_COMPARE_WITH_TIMEOUT(ours.state(), QProcess::NotRunning, kCleanupTimeoutMs);
    QCOMPARE(ours.exitStatus(), QProcess::CrashExit);
    QCOMPARE(recycled.state(), QProcess::Running);
    QVERIFY(!QFileInfo::exists(dir));
    recycled.kill();
    QVERIFY(recycled.waitForFinished());
}

void TestLocalCluster::threeMembersSurviveLeaderKillAndRestart()
{
    LocalClusterOptions options;
    options.members = 3;
    options.fastTimings = true;
    options.extraArgs = words("--auth-token-ttl 2");
    auto cluster = startCluster(options);
    QVERIFY(cluster);
    QCOMPARE(cluster->clientEndpoints().size(), 3);
    QCOMPARE(cluster->clientEndpoints().removeDuplicates(), 0);
    const QByteArray cmdline = cmdlineOf(cluster->pid(2));
    QVERIFY2(cmdline.contains("--election-timeout 500") && cmdline.contains("--auth-token-ttl 2"), cmdline);
    QVERIFY(endpointsHealthy(cluster->clientEndpoints()));

    int leader = -1;
    QTRY_VERIFY_WITH_TIMEOUT((leader = leaderIndex(*cluster)) >= 0, 10000);
    QSignalSpy stateSpy(cluster.get(), &LocalCluster::memberStateChanged);
    const qint64 leaderPid = cluster->pid(leader);
    QVERIFY(cluster->kill(leader));
    QVERIFY(!processtools::isAlive(leaderPid));
    QCOMPARE(cluster->pid(leader), qint64(0));
    QCOMPARE(cluster->memberState(leader), MemberState::Killed);
    QCOMPARE(stateSpy.count(), 1);
    QCOMPARE(stateSpy.at(0).at(0).toInt(), leader);
    QCOMPARE(stateSpy.at(0).at(1).value<MemberState>(), MemberState::Killed);
    QVERIFY(!cluster->kill(leader)); // nothing left to kill

    QStringList survivors = cluster->clientEndpoints();
    survivors.removeAt(leader);
    // The survivors elect a new leader and keep serving quorum reads and writes.
    QTRY_VERIFY_WITH_TIMEOUT(endpointsHealthy(survivors), 15000);
    const auto put = Etcdctl(survivors).run(words("put /while-down 1"));
    QVERIFY2(put.ok(), put.describe());

    QString error;
    QVERIFY2(cluster->restart(leader, &error), qPrintable(error));
    QCOMPARE(cluster->memberState(leader), MemberState::Running);
    QVERIFY(cluster->pid(leader) > 0);
    QVERIFY2(cluster->waitHealthy(leader, 10000, &error), qPrintable(error));
    QVERIFY(endpointsHealthy(cluster->clientEndpoints()));
    // A serializable read answers from the member's own store: it has caught up with the write.
    const Etcdctl rejoined({cluster->clientEndpoint(leader)});
    QTRY_COMPARE_WITH_TIMEOUT(rejoined.run(words("get /while-down --print-value-only --consistency=s")).out.trimmed(),
                              QByteArray("1"), 10000);
}

void TestLocalCluster::pauseAndResume()
{
    LocalClusterOptions options;
    options.members = 3;
    options.fastTimings = true;
    auto cluster = startCluster(options);
    QVERIFY(cluster);
    QVERIFY(cluster->pause(1));
    QCOMPARE(cluster->memberState(1), MemberState::Paused);
    QCOMPARE(processtools::runState(cluster->pid(1)), 'T');
    QVERIFY(!cluster->pause(1));
    QString error;
    QVERIFY(!cluster->waitHealthy(1, 1500, &error)); // a stopped process answers nothing
    QVERIFY2(error.contains(QLatin1String("not healthy")), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(endpointsHealthy({cluster->clientEndpoint(0), cluster->clientEndpoint(2)}), 15000);

    QVERIFY(cluster->resume(1));
    QCOMPARE(cluster->memberState(1), MemberState::Running);
    QVERIFY(processtools::runState(cluster->pid(1)) != 'T');
    QVERIFY2(cluster->waitHealthy(1, 15000, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(endpointsHealthy(cluster->clientEndpoints()), 15000);
}

void TestLocalCluster::stopAndRestart()
{
    LocalClusterOptions options;
    options.members = 3;
    options.fastTimings = true;
    auto cluster = startCluster(options);
    QVERIFY(cluster);
    const qint64 pid = cluster->pid(0);
    QVERIFY(cluster->stop(0));
    QCOMPARE(cluster->memberState(0), MemberState::Stopped);
    QVERIFY(!processtools::isAlive(pid));
    QString error;
    QVERIFY2(cluster->restart(0, &error), qPrintable(error));
    QVERIFY(cluster->pid(0) != pid);
    // restart() of a running member stops it first.
    QVERIFY2(cluster->restart(2, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(endpointsHealthy(cluster->clientEndpoints()), 15000);
}

void TestLocalCluster::tlsClusterIsHealthyAndServesMetricsInPlainHttp()
{
    // A self-signed certificate is all a TLS sandbox needs; tst_tls covers a real PKI.
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    QVERIFY2(!openssl.isEmpty(), "openssl not found on PATH; install it with: sudo apt-get install openssl");
    QTemporaryDir certs;
    QVERIFY(certs.isValid());
    LocalClusterTls tls;
    tls.certFile = certs.filePath(QStringLiteral("server.crt"));
    tls.keyFile = certs.filePath(QStringLiteral("server.key"));
    QProcess req;
    req.start(openssl,
              {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
               QStringLiteral("-nodes"), QStringLiteral("-keyout"), tls.keyFile, QStringLiteral("-out"), tls.certFile,
               QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
               QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost")});
    QVERIFY(req.waitForFinished(30000));
    QVERIFY2(req.exitCode() == 0, req.readAllStandardError());

    LocalClusterOptions options;
    options.members = 3;
    options.fastTimings = true;
    options.clientTls = tls;
    auto cluster = startCluster(options);
    QVERIFY(cluster);
    QVERIFY(cluster->usesTls());
    for (int i = 0; i < 3; ++i) {
        QVERIFY2(cluster->clientEndpoint(i).startsWith(QLatin1String("https://127.0.0.1:")),
                 qPrintable(cluster->clientEndpoint(i)));
        QVERIFY(cluster->peerUrl(i).startsWith(QLatin1String("http://"))); // peers stay plain
        const QByteArray cmdline = cmdlineOf(cluster->pid(i));
        QVERIFY2(cmdline.contains("--cert-file") && !cmdline.contains("--client-cert-auth"), cmdline);
        const QByteArray metrics = etcd::test::httpGet(cluster->metricsEndpoint(i), QStringLiteral("/metrics"));
        QVERIFY2(metrics.contains("etcd_server_has_leader 1"), metrics.left(200));
        QVERIFY(etcd::test::httpGet(cluster->metricsEndpoint(i), QStringLiteral("/health")).contains("true"));
    }
    QCOMPARE(cluster->clientEndpoints().size(), 3);
    // The client port speaks TLS only: a plain-text GET gets no health answer there.
    const QString clientPort = cluster->clientEndpoint(0).section(QLatin1Char(':'), -1);
    QVERIFY(!etcd::test::httpGet(QStringLiteral("127.0.0.1:") + clientPort, QStringLiteral("/health"), 2000)
                 .contains("health"));
    const Etcdctl ctl(cluster->clientEndpoints(), {QStringLiteral("--cacert=") + tls.certFile});
    const auto health = ctl.run(words("endpoint health"));
    QVERIFY2(health.ok(), health.describe());
    const auto put = ctl.run(words("put /tls/k v"));
    QVERIFY2(put.ok(), put.describe());

    QString error;
    QVERIFY2(cluster->restart(1, &error), qPrintable(error)); // restart waits on the metrics port too
    QVERIFY2(cluster->waitHealthy(1, 10000, &error), qPrintable(error));
}

void TestLocalCluster::incompleteTlsOptionsAreAClearError()
{
    LocalClusterOptions options;
    options.clientTls = LocalClusterTls{};
    options.clientTls->certFile = QStringLiteral("/nonexistent/server.crt");
    LocalCluster noKey(options);
    QString error;
    QVERIFY(!noKey.startAndWait(&error));
    QCOMPARE(error, QStringLiteral("etcd sandbox: TLS needs both a server certificate and its key"));

    options.clientTls->keyFile = QStringLiteral("/nonexistent/server.key");
    LocalCluster missingFile(options);
    QVERIFY(!missingFile.startAndWait(&error));
    QCOMPARE(error, QStringLiteral("etcd sandbox: TLS file /nonexistent/server.crt is not readable"));

    options.clientTls->clientCertAuth = true;
    LocalCluster noCa(options);
    QVERIFY(!noCa.startAndWait(&error));
    QCOMPARE(error, QStringLiteral("etcd sandbox: client certificate authentication needs a trusted CA file"));
}

void TestLocalCluster::crashedParentCleansUp_data()
{
    QTest::addColumn<QByteArray>("mode");
    QTest::newRow("abort") << QByteArray("abort");
    QTest::newRow("sigkill") << QByteArray("sigkill");
}

void TestLocalCluster::crashedParentCleansUp()
{
    QFETCH(QByteArray, mode);
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kCrashChildEnv), QString::fromLatin1(mode));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("-nocrashhandler")});
    QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));

    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += child.readAllStandardOutput()).contains("CHILD_READY") ||
                                 out.contains("CHILD_ERROR") || child.state() == QProcess::NotRunning,
                             kStartTimeoutMs + 5000);
    QVERIFY2(out.contains("CHILD_READY"), out + child.readAllStandardError());
    const QString text = QString::fromLocal8Bit(out);
    const QString dir = QRegularExpression(QStringLiteral("SANDBOX_DIR (\\S+)")).match(text).captured(1);
    const qint64 etcdPid =
        QRegularExpression(QStringLiteral("SANDBOX_PID (\\d+)")).match(text).captured(1).toLongLong();
    QVERIFY2(!dir.isEmpty() && etcdPid > 0, out);
    QVERIFY(QFileInfo::exists(dir));
    QVERIFY(processtools::isAlive(etcdPid));

    if (mode == "sigkill")
        child.kill();
    else
        child.write("go"); // the child aborts
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    QTRY_VERIFY_WITH_TIMEOUT(!processtools::isAlive(etcdPid), kCleanupTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(dir), kCleanupTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(processesMentioning(dir).isEmpty(), kCleanupTimeoutMs); // the guard exited
}

QTEST_GUILESS_MAIN(TestLocalCluster)

#include "tst_localcluster.moc"
