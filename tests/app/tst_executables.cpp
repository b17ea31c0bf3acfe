// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// etcd-console and etcd-demo-worker run as a user runs them: the headless screenshot with a sandbox,
// with ETCDCTL_ENDPOINTS, and its failures; two demo workers electing a master that etcdctl agrees
// on, handing over at once on SIGTERM.

#include "state/profiles/connectionprofile.h"
#include "support/testsupport.h"

#include <QDir>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace etcd;
using namespace etcd::test;

class TestExecutables : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void screenshotOfSandbox();
    void screenshotsOfKubernetes();
    void screenshotOfLocks();
    void firstRunStartsSeededSandboxAndLeavesNothing();
    void firstRunWithoutEtcdSaysHowToInstall();
    void savedProfileIsOpenedInsteadOfTheSandbox();
    void screenshotHonoursEtcdctlEnvironment();
    void screenshotFailuresExitNonZero();
    void demoWorkersElectOneMasterAndHandOverOnSigterm();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run run(const QString &program, const QStringList &args,
                   const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(), int timeoutMs = 60000);
};

TestExecutables::Run TestExecutables::run(const QString &program, const QStringList &args,
                                          const QProcessEnvironment &env, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void TestExecutables::screenshotOfSandbox()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("shot.png"));
    const Run r = run(QStringLiteral(ETCD_CONSOLE_BIN),
                      {QStringLiteral("--sandbox"), QStringLiteral("3"), QStringLiteral("--screenshot"), png});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800 && image.height() >= 500);
    // The sandbox is gone with the console: no sandbox dir of a dead console is left behind.
    const QStringList left = QDir(QDir::tempPath()).entryList({QStringLiteral("etcd-console-sandbox-*")}, QDir::Dirs);
    for (const QString &name : left) {
        const qint64 pid = name.section(QLatin1Char('-'), 3, 3).toLongLong();
        QVERIFY2(pid == QCoreApplication::applicationPid() || ::kill(static_cast<pid_t>(pid), 0) == 0,
                 qPrintable(QStringLiteral("left behind: ") + name));
    }
}

// The sandbox's demo /registry tree: the Kubernetes overview, and a pod decoded in the key view
// (the screenshot waits for the selected key's value).
void TestExecutables::screenshotsOfKubernetes()
{
    QTemporaryDir dir;
    const QString overview = dir.filePath(QStringLiteral("kubernetes.png"));
    const Run r = run(QStringLiteral(ETCD_CONSOLE_BIN), {QStringLiteral("--sandbox"), QStringLiteral("1"),
                                                         QStringLiteral("--view"), QStringLiteral("kubernetes"),
                                                         QStringLiteral("--screenshot"), overview});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!QImage(overview).isNull());
    const QString pod = dir.filePath(QStringLiteral("pod.png"));
    const Run p = run(QStringLiteral(ETCD_CONSOLE_BIN),
                      {QStringLiteral("--sandbox"), QStringLiteral("1"), QStringLiteral("--view"), QStringLiteral("keys"),
                       QStringLiteral("--select"), QStringLiteral("/registry/pods/shop/web-7d9f8c6b5d-4xk2p"),
                       QStringLiteral("--screenshot"), pod});
    QVERIFY2(p.exitCode == 0, p.err.constData());
    QVERIFY(!QImage(pod).isNull());
}

// The sandbox's demo lock and election (report workers contending): the Elections and locks view
// waits for its scan, the listings and the shown recipe's TTLs.
void TestExecutables::screenshotOfLocks()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("locks.png"));
    const Run r = run(QStringLiteral(ETCD_CONSOLE_BIN), {QStringLiteral("--sandbox"), QStringLiteral("1"),
                                                         QStringLiteral("--view"), QStringLiteral("locks"),
                                                         QStringLiteral("--screenshot"), png});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800 && image.height() >= 500);
}

// No endpoint anywhere: the console starts a 3-member sandbox with demo data, and when it exits no
// etcd process and no directory of it is left. TMPDIR is private to this run, so "nothing left" is
// checked exactly: the directory must be empty and no process may still refer to it.
void TestExecutables::firstRunStartsSeededSandboxAndLeavesNothing()
{
    QTemporaryDir tmp;
    QTemporaryDir config;
    const QString png = config.filePath(QStringLiteral("first.png"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("ETCDCTL_ENDPOINTS"));
    env.insert(QStringLiteral("TMPDIR"), tmp.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path()); // no saved connection profile
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), config.path()); // else Qt makes TMPDIR/runtime-<user>
    QProcess console;
    console.setProcessEnvironment(env);
    console.start(QStringLiteral(ETCD_CONSOLE_BIN),
                  {QStringLiteral("--select"), QStringLiteral("/config/checkout/settings.json"),
                   QStringLiteral("--screenshot"), png});
    QVERIFY(console.waitForStarted());
    // While it runs: three etcd members whose data lives under the private TMPDIR.
    auto etcdProcessesUsing = [](const QString &dir) {
        int n = 0;
        for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
            QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
            if (pid.toLongLong() > 0 && cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(dir.toUtf8()))
                ++n;
        }
        return n;
    };
    QTRY_VERIFY_WITH_TIMEOUT(etcdProcessesUsing(tmp.path()) >= 3, 20000);
    QVERIFY(console.waitForFinished(60000));
    QVERIFY2(console.exitCode() == 0, console.readAllStandardError().constData());
    QImage image(png);
    QVERIFY(!image.isNull());

    // Gone: every process and the sandbox directory (the guard removes it right after the console).
    QTRY_COMPARE_WITH_TIMEOUT(etcdProcessesUsing(tmp.path()), 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                              QStringList(), 10000);
}

void TestExecutables::firstRunWithoutEtcdSaysHowToInstall()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("noetcd.png"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("ETCDCTL_ENDPOINTS"));
    env.insert(QStringLiteral("PATH"), dir.path()); // no etcd on this PATH
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.path());
    const Run r = run(QStringLiteral(ETCD_CONSOLE_BIN), {QStringLiteral("--screenshot"), png}, env);
    QVERIFY(r.exitCode != 0); // a screenshot of a failure screen
    QVERIFY2(r.err.contains("etcd is not installed") && r.err.contains("apt-get install etcd-server"),
             r.err.constData());
    QVERIFY(!QImage(png).isNull()); // the window explains it instead of vanishing
}

// A saved profile (the one used last) is what a run without endpoints opens; --profile names one.
void TestExecutables::savedProfileIsOpenedInsteadOfTheSandbox()
{
    START_CLUSTER(cluster, 1);
    QVERIFY(etcdctlFor(*cluster)
                .run({QStringLiteral("put"), QStringLiteral("/only/in/staging"), QStringLiteral("x")})
                .ok());
    QTemporaryDir config;
    {
        ProfileStore store(config.filePath(QStringLiteral("etcd-console/etcd-console.conf")));
        ConnectionProfile profile;
        profile.name = QStringLiteral("staging");
        profile.endpoints = cluster->clientEndpoints();
        profile.colour = QStringLiteral("#2e7d32");
        QString error;
        QVERIFY2(store.save(profile, &error), qPrintable(error));
        store.setLastUsed(profile.name);
        QVERIFY(store.sync());
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("ETCDCTL_ENDPOINTS"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    env.insert(QStringLiteral("PATH"), config.path()); // no etcd: a sandbox could not even start
    // The selected key exists only in the profile's cluster: the screenshot waits for its value.
    const Run last = run(QStringLiteral(ETCD_CONSOLE_BIN),
                         {QStringLiteral("--select"), QStringLiteral("/only/in/staging"),
                          QStringLiteral("--screenshot"), config.filePath(QStringLiteral("last.png")),
                          QStringLiteral("--screenshot-timeout"), QStringLiteral("20000")},
                         env);
    QVERIFY2(last.exitCode == 0, last.err.constData());
    const Run named =
        run(QStringLiteral(ETCD_CONSOLE_BIN),
            {QStringLiteral("--profile"), QStringLiteral("staging"), QStringLiteral("--view"),
             QStringLiteral("security"), QStringLiteral("--screenshot"), config.filePath(QStringLiteral("named.png"))},
            env);
    QVERIFY2(named.exitCode == 0, named.err.constData());
    const Run missing = run(QStringLiteral(ETCD_CONSOLE_BIN),
                            {QStringLiteral("--profile"), QStringLiteral("nope"), QStringLiteral("--screenshot"),
                             config.filePath(QStringLiteral("missing.png"))},
                            env);
    QVERIFY(missing.exitCode != 0);
    QVERIFY2(missing.err.contains("No such connection profile") && missing.err.contains("staging"),
             missing.err.constData());
}

void TestExecutables::screenshotHonoursEtcdctlEnvironment()
{
    START_CLUSTER(cluster, 1);
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("env.png"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ETCDCTL_ENDPOINTS"), cluster->clientEndpoint(0));
    const Run r = run(QStringLiteral(ETCD_CONSOLE_BIN), {QStringLiteral("--screenshot"), png}, env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFile::exists(png));
}

void TestExecutables::screenshotFailuresExitNonZero()
{
    QTemporaryDir dir;
    const Run bad =
        run(QStringLiteral(ETCD_CONSOLE_BIN), {QStringLiteral("--endpoints=nonsense"), QStringLiteral("--screenshot"),
                                               dir.filePath(QStringLiteral("bad.png"))});
    QVERIFY(bad.exitCode != 0);
    QVERIFY2(bad.err.contains("not host:port"), bad.err.constData());

    const Run down = run(QStringLiteral(ETCD_CONSOLE_BIN),
                         {QStringLiteral("--endpoints=127.0.0.1:1"), QStringLiteral("--screenshot"),
                          dir.filePath(QStringLiteral("down.png"))});
    QVERIFY(down.exitCode != 0);
    QVERIFY2(down.err.contains("cannot reach etcd"), down.err.constData());
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("down.png")))); // the failure screen, for a person to see

    const Run view =
        run(QStringLiteral(ETCD_CONSOLE_BIN), {QStringLiteral("--endpoints=127.0.0.1:1"), QStringLiteral("--view=nope"),
                                               QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("v.png"))});
    QVERIFY(view.exitCode != 0);
    QVERIFY2(view.err.contains("unknown view"), view.err.constData());

    const Run delay = run(QStringLiteral(ETCD_CONSOLE_BIN),
                          {QStringLiteral("--endpoints=127.0.0.1:1"), QStringLiteral("--screenshot-delay=soon"),
                           QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("d.png"))});
    QVERIFY(delay.exitCode != 0);
    QVERIFY2(delay.err.contains("--screenshot-delay takes a number of milliseconds"), delay.err.constData());

    // An empty --endpoints is a mistake, not a wish for the sandbox.
    const Run empty = run(QStringLiteral(ETCD_CONSOLE_BIN), {QStringLiteral("--endpoints="), QStringLiteral("--screenshot"),
                                                             dir.filePath(QStringLiteral("e.png"))},
                          QProcessEnvironment::systemEnvironment(), 20000);
    QVERIFY(empty.exitCode != 0);
    QVERIFY2(empty.err.contains("--endpoints is empty"), empty.err.constData());

    // A CA file that is not there: said at once as a configuration error, not after the timeout.
    QElapsedTimer t;
    t.start();
    const Run noCa = run(QStringLiteral(ETCD_CONSOLE_BIN),
                         {QStringLiteral("--endpoints=https://127.0.0.1:1"), QStringLiteral("--cacert=/nonexistent/ca.pem"),
                          QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("ca.png"))});
    QVERIFY(noCa.exitCode != 0);
    QVERIFY2(noCa.err.contains("Configuration error") && noCa.err.contains("/nonexistent/ca.pem"), noCa.err.constData());
    QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
}

void TestExecutables::demoWorkersElectOneMasterAndHandOverOnSigterm()
{
    START_CLUSTER(cluster, 1, true);
    const QString name = QStringLiteral("/demo/leader");
    struct Worker
    {
        QProcess *process;
        QString id;
        QByteArray buffer;
        QVector<QJsonObject> lines;
    };
    QVector<Worker> workers;
    for (const char *id : {"w1", "w2"}) {
        auto *p = new QProcess(this);
        p->start(QStringLiteral(ETCD_DEMO_WORKER_BIN),
                 {QStringLiteral("--endpoints=") + cluster->clientEndpoint(0), QStringLiteral("--election"), name,
                  QStringLiteral("--ttl"), QStringLiteral("1"), QStringLiteral("--id"), QLatin1String(id)});
        QVERIFY(p->waitForStarted());
        workers.push_back({p, QLatin1String(id), {}, {}});
        spin(300); // w1 campaigns first
    }
    auto pump = [&] {
        for (Worker &w : workers) {
            w.buffer += w.process->readAllStandardOutput();
            int nl;
            while ((nl = w.buffer.indexOf('\n')) >= 0) {
                w.lines << QJsonDocument::fromJson(w.buffer.left(nl)).object();
                w.buffer.remove(0, nl + 1);
            }
        }
    };
    auto state = [&](const Worker &w) {
        QString last;
        for (const QJsonObject &o : w.lines)
            if (o.contains(QStringLiteral("state")))
                last = o.value(QStringLiteral("state")).toString();
        return last;
    };
    auto works = [&](const Worker &w) {
        int n = 0;
        for (const QJsonObject &o : w.lines)
            n += o.value(QStringLiteral("event")).toString() == QLatin1String("work") ? 1 : 0;
        return n;
    };
    QTRY_VERIFY_WITH_TIMEOUT(
        (pump(), state(workers[0]) == QLatin1String("master") && state(workers[1]) == QLatin1String("standby")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT((pump(), works(workers[0]) >= 5), 5000);
    QCOMPARE(works(workers[1]), 0);

    // etcdctl agrees on the master: the election value is the worker id.
    auto leader = etcdctlFor(*cluster).run({QStringLiteral("get"), name + QLatin1Char('/'), QStringLiteral("--prefix"),
                                            QStringLiteral("--sort-by=CREATE"), QStringLiteral("--limit=1"),
                                            QStringLiteral("--print-value-only")});
    QCOMPARE(leader.out.trimmed(), QByteArray("w1"));
    auto work = etcdctlFor(*cluster).run(
        {QStringLiteral("get"), name + QStringLiteral(".work"), QStringLiteral("--print-value-only")});
    QVERIFY2(work.out.contains("\"id\":\"w1\""), work.out.constData());

    // SIGTERM: w1 resigns and revokes its lease, w2 takes over at once (well within the 1 s TTL).
    QElapsedTimer handover;
    handover.start();
    ::kill(static_cast<pid_t>(workers[0].process->processId()), SIGTERM);
    QTRY_VERIFY_WITH_TIMEOUT((pump(), state(workers[1]) == QLatin1String("master")), 5000);
    const qint64 ms = handover.elapsed();
    QVERIFY2(ms < 1000, qPrintable(QString::number(ms)));
    // (waitForFinished() is false for a process that has already finished.)
    QTRY_COMPARE_WITH_TIMEOUT(workers[0].process->state(), QProcess::NotRunning, 5000);
    QCOMPARE(workers[0].process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(workers[0].process->exitCode(), 0);
    pump();
    QCOMPARE(state(workers[0]), QStringLiteral("stopped"));
    QTRY_VERIFY_WITH_TIMEOUT((pump(), works(workers[1]) >= 3), 5000);
    ::kill(static_cast<pid_t>(workers[1].process->processId()), SIGTERM);
    QTRY_COMPARE_WITH_TIMEOUT(workers[1].process->state(), QProcess::NotRunning, 5000);
    QCOMPARE(workers[1].process->exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestExecutables)
#include "tst_executables.moc"
