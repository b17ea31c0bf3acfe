// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Connection profiles and their passwords: every field survives a save and a load from a fresh
// QSettings (TLS files, colour, read-only, a scope with bytes that are not UTF-8, awkward names),
// list order, remove, rename, validation; and the password never reaches the settings file.
//
// The keychain part runs with HOME and every XDG directory in a temporary directory and the D-Bus
// session bus pointing at nothing, as on a headless CI machine: PasswordVault must then say "no
// keychain", and no file may appear anywhere under that HOME (QtKeychain's plain-text fallback
// would write one). The same checks run again in child processes: inside `dbus-run-session` (a
// real session bus with no Secret Service or KWallet on it), once as a GNOME-like desktop and once
// as KDE (QtKeychain's KWallet path is the one with the plain-text fallback), and as KDE without a
// bus. Those buses have no service files, so a desktop's gnome-keyring is not started on demand.
// Finally a real keychain: gnome-keyring's Secret Service on a private bus, unlocked with a test
// password, where passwords are stored, read back by another vault, replaced and removed, and the
// keyring on disk never holds one in clear.

#include "state/profiles/connectionprofile.h"
#include "state/profiles/passwordvault.h"
#include "support/testsupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace etcd;
using namespace etcd::test;

namespace {
const char kChildVariable[] = "ETCD_PROFILES_TEST_CHILD";
const char kKdeVariable[] = "ETCD_PROFILES_TEST_KDE";
const char kKeyringVariable[] = "ETCD_PROFILES_TEST_KEYRING";
const char kUnlockVariable[] = "ETCD_PROFILES_TEST_UNLOCK";
const QString kPassword = QStringLiteral("S3cr3t-Pässwörd-do-not-store");

// Every file under `root` (relative paths), to see whether anything was written.
QStringList filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(root).relativeFilePath(it.next());
    files.sort();
    return files;
}

// The password in every form a careless store could write it.
QList<QByteArray> passwordForms()
{
    const QByteArray utf8 = kPassword.toUtf8();
    return {utf8,
            QByteArray(reinterpret_cast<const char *>(kPassword.utf16()), int(kPassword.size() * 2)),
            utf8.toBase64(),
            utf8.toPercentEncoding(),
            QByteArrayLiteral("S3cr3t"),
            QByteArrayLiteral("password=")};
}

// A session bus of our own, without service files: nothing is started on demand (dbus-run-session's
// default configuration would start the desktop's gnome-keyring at the first Secret Service call).
QString writeBusConfig(const QString &dir)
{
    const QString path = dir + QStringLiteral("/session-bus.conf");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
            " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
            "<busconfig>\n"
            "  <type>session</type>\n"
            "  <listen>unix:tmpdir=/tmp</listen>\n"
            "  <auth>EXTERNAL</auth>\n"
            "  <policy context=\"default\">\n"
            "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
            "    <allow eavesdrop=\"true\"/>\n"
            "    <allow own=\"*\"/>\n"
            "  </policy>\n"
            "</busconfig>\n");
    return path;
}

// Processes still running whose HOME is `home` (a keyring daemon left behind, say).
QStringList processesWithHome(const QString &home)
{
    QStringList found;
    const QByteArray wanted = "HOME=" + home.toLocal8Bit();
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        QFile environ(QStringLiteral("/proc/%1/environ").arg(pid));
        if (!environ.open(QIODevice::ReadOnly))
            continue;
        if (environ.readAll().split('\0').contains(wanted)) {
            QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
            (void)cmdline.open(QIODevice::ReadOnly);
            found << pid + QLatin1Char(' ') + QString::fromLocal8Bit(cmdline.readAll().replace('\0', ' '));
        }
    }
    return found;
}

ConnectionProfile fullProfile()
{
    ConnectionProfile p;
    p.name = QStringLiteral("prod / eu-west \\ 100% «main»");
    p.endpoints = {QStringLiteral("https://10.0.0.1:2379"), QStringLiteral("10.0.0.2:2379"),
                   QStringLiteral("etcd-3.example.com:2379")};
    p.user = QStringLiteral("opérateur");
    p.tls.enabled = true;
    p.tls.caFile = QStringLiteral("/etc/etcd/pki/ca cert.pem");
    p.tls.certFile = QStringLiteral("/etc/etcd/pki/client.pem");
    p.tls.keyFile = QStringLiteral("/etc/etcd/pki/client-key.pem");
    p.tls.serverNameOverride = QStringLiteral("etcd.internal");
    p.tls.insecureSkipVerify = true;
    p.readOnly = true;
    p.scope = QByteArray("/app/\xff\x00\x80%2F\\x41 \n/", 20);
    p.colour = QStringLiteral("#c62828");
    p.rememberPassword = true;
    p.sshDestination = QStringLiteral("ops@bastion.example.com:2222");
    p.sshKeyFile = QStringLiteral("/home/ops/.ssh/id_ed25519 work");
    return p;
}
} // namespace

class TestProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTripEveryField();
    void listOrderRemoveAndRename();
    void validationRefusesAndKeepsNothing();
    void optionsFromProfile();
    void passwordNeverInSettingsFile();
    void vaultWithoutKeychain();
    void vaultOnBusWithoutSecretService();
    void vaultInARealKeychain();

private:
    void keychainRoundTrip(); // the child side of vaultInARealKeychain
    QString storeFile(const char *name) const { return m_store.filePath(QString::fromLatin1(name) + ".ini"); }
    QTemporaryDir m_store;
};

void TestProfiles::initTestCase()
{
    QVERIFY(m_store.isValid());
    // main() pointed HOME at a private directory: the user's real settings are never touched.
    QVERIFY2(QDir::homePath().startsWith(QDir::tempPath()), qPrintable(QDir::homePath()));
}

void TestProfiles::roundTripEveryField()
{
    const QString file = storeFile("roundtrip");
    const ConnectionProfile saved = fullProfile();
    ConnectionProfile plain;
    plain.name = QStringLiteral("local");
    plain.endpoints = {QStringLiteral("127.0.0.1:2379")};
    {
        ProfileStore store(file);
        QString error;
        QVERIFY2(store.save(saved, &error), qPrintable(error));
        QVERIFY2(store.save(plain, &error), qPrintable(error));
        QVERIFY(store.sync());
    }
    ProfileStore again(file); // a new QSettings: everything comes from the file
    const auto loaded = again.load(saved.name);
    QVERIFY(loaded.has_value());
    QCOMPARE(loaded->name, saved.name);
    QCOMPARE(loaded->endpoints, saved.endpoints);
    QCOMPARE(loaded->user, saved.user);
    QCOMPARE(loaded->tls.enabled, true);
    QCOMPARE(loaded->tls.caFile, saved.tls.caFile);
    QCOMPARE(loaded->tls.certFile, saved.tls.certFile);
    QCOMPARE(loaded->tls.keyFile, saved.tls.keyFile);
    QCOMPARE(loaded->tls.serverNameOverride, saved.tls.serverNameOverride);
    QCOMPARE(loaded->tls.insecureSkipVerify, true);
    QCOMPARE(loaded->readOnly, true);
    QCOMPARE(loaded->scope, saved.scope);
    QCOMPARE(loaded->sshDestination, saved.sshDestination);
    QCOMPARE(loaded->sshKeyFile, saved.sshKeyFile);
    QCOMPARE(loaded->toOptions().ssh.destination, saved.sshDestination);
    QCOMPARE(loaded->scope.size(), 20);
    QCOMPARE(loaded->colour, saved.colour);
    QCOMPARE(loaded->rememberPassword, true);
    QVERIFY(*loaded == saved);

    const auto loadedPlain = again.load(QStringLiteral("local"));
    QVERIFY(loadedPlain.has_value());
    QVERIFY(*loadedPlain == plain);
    QVERIFY(!loadedPlain->readOnly && loadedPlain->scope.isEmpty() && loadedPlain->colour.isEmpty());
    QVERIFY(!again.load(QStringLiteral("LOCAL")).has_value()); // load is exact
    QVERIFY(!again.load(QStringLiteral("nope")).has_value());

    // A readable file: ordinary prefixes stay legible.
    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray bytes = raw.readAll();
    QVERIFY2(bytes.contains("/app/%FF%00%80%252F%5Cx41%20%0A/"), bytes.constData());
}

void TestProfiles::listOrderRemoveAndRename()
{
    ProfileStore store(storeFile("list"));
    QSignalSpy changed(&store, &ProfileStore::changed);
    for (const char *name : {"staging", "Beta", "alpha", "Zulu", "beta 2"}) {
        ConnectionProfile p;
        p.name = QString::fromLatin1(name);
        p.endpoints = {QStringLiteral("127.0.0.1:2379")};
        QVERIFY(store.save(p));
    }
    QCOMPARE(changed.count(), 5);
    QCOMPARE(store.list(), QStringList({"alpha", "Beta", "beta 2", "staging", "Zulu"}));

    // Saving again replaces; a different case of an existing name is refused, not merged.
    ConnectionProfile beta = *store.load(QStringLiteral("Beta"));
    beta.readOnly = true;
    QVERIFY(store.save(beta));
    QCOMPARE(store.list().size(), 5);
    QVERIFY(store.load(QStringLiteral("Beta"))->readOnly);
    beta.name = QStringLiteral("BETA");
    QString error;
    QVERIFY(!store.save(beta, &error));
    QVERIFY2(error.contains(QStringLiteral("already exists")), qPrintable(error));

    store.setLastUsed(QStringLiteral("staging"));
    QCOMPARE(store.lastUsed(), QStringLiteral("staging"));
    QVERIFY(store.rename(QStringLiteral("staging"), QStringLiteral("Production"), &error));
    QCOMPARE(store.lastUsed(), QStringLiteral("Production")); // follows the rename
    QVERIFY(!store.contains(QStringLiteral("staging")));
    QVERIFY(!store.rename(QStringLiteral("alpha"), QStringLiteral("zulu"), &error)); // taken (without case)
    QVERIFY(!store.rename(QStringLiteral("alpha"), QStringLiteral(" "), &error));
    QVERIFY(!store.rename(QStringLiteral("missing"), QStringLiteral("x"), &error));
    QVERIFY(store.rename(QStringLiteral("alpha"), QStringLiteral("Alpha"), &error)); // only the case changes
    QCOMPARE(store.list(), QStringList({"Alpha", "Beta", "beta 2", "Production", "Zulu"}));

    QVERIFY(store.remove(QStringLiteral("Production")));
    QVERIFY(!store.remove(QStringLiteral("Production")));
    QCOMPARE(store.lastUsed(), QString());
    QVERIFY(store.remove(QStringLiteral("Zulu")));
    QVERIFY(store.sync());
    ProfileStore again(storeFile("list"));
    QCOMPARE(again.list(), QStringList({"Alpha", "Beta", "beta 2"})); // no leftover array entries
}

void TestProfiles::validationRefusesAndKeepsNothing()
{
    ProfileStore store(storeFile("invalid"));
    ConnectionProfile p;
    p.endpoints = {QStringLiteral("127.0.0.1:2379")};
    QString error;
    QVERIFY(!store.save(p, &error));
    QCOMPARE(error, QStringLiteral("Give the profile a name."));
    p.name = QStringLiteral("x");
    p.endpoints = {QStringLiteral("localhost")};
    QVERIFY(!store.save(p, &error));
    QVERIFY2(error.startsWith(QStringLiteral("“localhost” is not an endpoint")), qPrintable(error));
    p.endpoints = {};
    QVERIFY(!store.save(p, &error));
    QVERIFY2(error.contains(QStringLiteral("at least one endpoint")), qPrintable(error));
    p.endpoints = {QStringLiteral("127.0.0.1:2379")};
    p.tls.certFile = QStringLiteral("/tmp/c.pem");
    QVERIFY(!store.save(p, &error));
    QVERIFY2(error.contains(QStringLiteral("needs its private key")), qPrintable(error));
    p.tls.certFile.clear();
    p.colour = QStringLiteral("red");
    QVERIFY(!store.save(p, &error));
    QVERIFY2(error.contains(QStringLiteral("#rrggbb")), qPrintable(error));
    QVERIFY(store.list().isEmpty());

    // Missing files are not a reason to refuse a save (a mount may be absent now), but are reported.
    p.colour.clear();
    p.tls.caFile = m_store.filePath(QStringLiteral("missing-ca.pem"));
    QVERIFY(store.save(p));
    QVERIFY2(p.checkFiles().contains(QStringLiteral("does not exist")), qPrintable(p.checkFiles()));
    p.tls.caFile = m_store.path();
    QVERIFY2(p.checkFiles().contains(QStringLiteral("is not a file")), qPrintable(p.checkFiles()));

    QCOMPARE(ConnectionProfile::parseEndpoints(QStringLiteral(" a:1, b:2\nc:3 ;d:4\n\n")),
             QStringList({"a:1", "b:2", "c:3", "d:4"}));
}

void TestProfiles::optionsFromProfile()
{
    ConnectionProfile p;
    p.name = QStringLiteral("o");
    p.endpoints = {QStringLiteral(" 127.0.0.1:2379 ")};
    ConnectionOptions o = p.toOptions(QStringLiteral("pw"));
    QCOMPARE(o.endpoints, QStringList({"127.0.0.1:2379"}));
    QVERIFY(!o.tls.enabled);
    QVERIFY(o.password.isEmpty()); // no user: a password alone would be refused by validate()
    QVERIFY(o.validate().isEmpty());
    p.user = QStringLiteral("root");
    p.readOnly = true;
    o = p.toOptions(QStringLiteral("pw"));
    QCOMPARE(o.password, QStringLiteral("pw"));
    QVERIFY(o.readOnly);
    p.endpoints = {QStringLiteral("https://127.0.0.1:2379")};
    QVERIFY(p.toOptions().tls.enabled);
    p.endpoints = {QStringLiteral("127.0.0.1:2379")};
    p.tls.insecureSkipVerify = true;
    QVERIFY(p.toOptions().tls.enabled);
    QVERIFY(p.toOptions().tls.insecureSkipVerify);
}

void TestProfiles::passwordNeverInSettingsFile()
{
    const QString file = storeFile("secret");
    const QStringList homeBefore = filesUnder(QDir::homePath());
    PasswordVault vault(QStringLiteral("etcd-console-test"));
    ProfileStore store(file);
    ConnectionProfile p = fullProfile();
    p.name = QStringLiteral("remembered");

    // What the dialog does on save: the profile to the store, the password to the keychain.
    const VaultResult written = resultOf(vault.write(p.name, kPassword));
    QCOMPARE(int(written.status), int(VaultResult::Status::NoKeychain)); // this machine has none
    QVERIFY(store.save(p));
    QVERIFY(store.sync());
    store.setLastUsed(p.name);
    QVERIFY(store.sync());

    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray bytes = raw.readAll();
    QVERIFY(bytes.contains("rememberPassword=true"));
    for (const QByteArray &form : passwordForms())
        QVERIFY2(!bytes.contains(form), form.constData());
    // ... nor anywhere under HOME (the keychain fallback file, a cache).
    QCOMPARE(filesUnder(QDir::homePath()), homeBefore);
    for (const QString &f : filesUnder(m_store.path())) {
        QFile any(m_store.filePath(f));
        QVERIFY(any.open(QIODevice::ReadOnly));
        QVERIFY2(!any.readAll().contains(kPassword.toUtf8()), qPrintable(f));
    }
}

void TestProfiles::vaultWithoutKeychain()
{
    const QString home = QDir::homePath();
    const QStringList before = filesUnder(home);
    PasswordVault vault(QStringLiteral("etcd-console-test"));
    QSignalSpy availability(&vault, &PasswordVault::availabilityChanged);
    QCOMPARE(vault.availability(), PasswordVault::Availability::Unknown);

    const VaultResult probe = resultOf(vault.probe(), 10000);
    QCOMPARE(int(probe.status), int(VaultResult::Status::NoKeychain));
    QVERIFY2(probe.message.startsWith(QStringLiteral("No system keychain is available")), qPrintable(probe.message));
    QVERIFY2(probe.message.contains(QStringLiteral("never written to disk")), qPrintable(probe.message));
    QCOMPARE(vault.availability(), PasswordVault::Availability::Unavailable);
    QCOMPARE(vault.unavailableReason(), probe.message);
    QCOMPARE(availability.count(), 1);
    qInfo("no keychain: %s", qPrintable(probe.message));

    const VaultResult written = resultOf(vault.write(QStringLiteral("p1"), kPassword), 10000);
    QCOMPARE(int(written.status), int(VaultResult::Status::NoKeychain));
    const VaultResult read = resultOf(vault.read(QStringLiteral("p1")), 10000);
    QCOMPARE(int(read.status), int(VaultResult::Status::NoKeychain));
    QVERIFY(read.password.isEmpty());
    const VaultResult removed = resultOf(vault.remove(QStringLiteral("p1")), 10000);
    QCOMPARE(int(removed.status), int(VaultResult::Status::NoKeychain));

    // Nothing was written anywhere in HOME or the XDG directories (all under the private HOME).
    QCOMPARE(filesUnder(home), before);
    for (const auto location : {QStandardPaths::GenericConfigLocation, QStandardPaths::GenericDataLocation,
                                QStandardPaths::GenericCacheLocation, QStandardPaths::RuntimeLocation})
        QVERIFY2(QStandardPaths::writableLocation(location).startsWith(home),
                 qPrintable(QStandardPaths::writableLocation(location)));

    // A vault destroyed right after starting a job never leaves its future hanging.
    QFuture<VaultResult> orphan;
    {
        PasswordVault shortLived(QStringLiteral("etcd-console-test"));
        orphan = shortLived.read(QStringLiteral("p1"));
    }
    QVERIFY(orphan.isFinished());
}

void TestProfiles::vaultOnBusWithoutSecretService()
{
    if (qEnvironmentVariableIsSet(kChildVariable))
        QSKIP("this is the child run");
    const QString runner = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    // The same checks in child processes: on a real session bus with no keychain service on it,
    // as a GNOME-like desktop (Secret Service, gnome-keyring) and as KDE (KWallet, where
    // QtKeychain's plain-text fallback lives); and KDE without any bus.
    struct Run
    {
        bool bus;
        bool kde;
    };
    const QString busConfig = writeBusConfig(m_store.path());
    QVERIFY(!busConfig.isEmpty());
    for (const Run run : {Run{true, false}, Run{true, true}, Run{false, true}}) {
        if (run.bus && runner.isEmpty())
            QFAIL(
                "dbus-run-session is not installed (sudo apt-get install dbus-daemon; packaging/install-deps.sh does): "
                "the runs on a real session bus are not possible");
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kChildVariable), QStringLiteral("1"));
        if (run.kde)
            env.insert(QString::fromLatin1(kKdeVariable), QStringLiteral("1"));
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // dbus-run-session sets its own
        if (!run.bus)
            env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/bus"));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        const QStringList args = {QCoreApplication::applicationFilePath(), QStringLiteral("vaultWithoutKeychain")};
        if (run.bus)
            child.start(runner, QStringList{QStringLiteral("--config-file=") + busConfig, QStringLiteral("--")} + args);
        else
            child.start(args.first(), args.mid(1));
        QVERIFY(child.waitForFinished(60000));
        const QByteArray output = child.readAll();
        qInfo("bus %d, KDE %d:\n%s", run.bus, run.kde, output.constData());
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, output.constData());
        QVERIFY2(output.contains("session bus: unix:") &&
                     output.contains("session bus: unix:path=/nonexistent") == !run.bus,
                 output.constData());
        QVERIFY2(output.contains("PASS   : TestProfiles::vaultWithoutKeychain()"), output.constData());
        QVERIFY2(output.contains(" 0 failed"), output.constData());
    }
}

void TestProfiles::vaultInARealKeychain()
{
    if (qEnvironmentVariableIsSet(kKeyringVariable))
        return keychainRoundTrip();
    const QString runner = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
    if (runner.isEmpty() || daemon.isEmpty())
        QFAIL("dbus-run-session or gnome-keyring-daemon is not installed (sudo apt-get install dbus-daemon "
              "gnome-keyring libsecret-1-0; packaging/install-deps.sh does): the real keychain cannot be tested");
    const QString busConfig = writeBusConfig(m_store.path());
    QVERIFY(!busConfig.isEmpty());
    // The daemon keeps its keyrings under this process's (private) HOME; the child test gets its own.
    const QString home = QDir::homePath();
    const QByteArray unlock = "unlock-" + QByteArray::number(QCoreApplication::applicationPid());
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChildVariable), QStringLiteral("1"));
    env.insert(QString::fromLatin1(kKeyringVariable), QStringLiteral("1"));
    env.insert(QString::fromLatin1(kUnlockVariable), QString::fromLatin1(unlock));
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    // --unlock creates the login keyring with that password (or opens it) and serves the Secret
    // Service on the private bus until the bus goes away with dbus-run-session.
    const QString script =
        QStringLiteral("printf %s \"$%1\" | \"$1\" --unlock --components=secrets >/dev/null || exit 3; "
                       "exec \"$0\" vaultInARealKeychain")
            .arg(QString::fromLatin1(kUnlockVariable));
    child.start(runner, {QStringLiteral("--config-file=") + busConfig, QStringLiteral("--"), QStringLiteral("sh"),
                         QStringLiteral("-c"), script, QCoreApplication::applicationFilePath(), daemon});
    if (!child.waitForFinished(60000)) {
        // dbus-run-session alone would die: the bus, the daemon and the child test would stay.
        child.kill();
        for (const QString &p : processesWithHome(home))
            ::kill(p.section(QLatin1Char(' '), 0, 0).toInt(), SIGKILL);
        QFAIL(qPrintable(QStringLiteral("the Secret Service run hung:\n") + QString::fromLocal8Bit(child.readAll())));
    }
    const QByteArray output = child.readAll();
    qInfo("Secret Service run:\n%s", output.constData());
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, output.constData());
    QVERIFY2(output.contains("PASS   : TestProfiles::vaultInARealKeychain()"), output.constData());
    QVERIFY2(output.contains(" 0 failed"), output.constData());

    // The keyring was really written (the passwords went somewhere), and never in clear.
    const QStringList files = filesUnder(home);
    QVERIFY2(files.filter(QStringLiteral("keyrings/")).size() > 0, qPrintable(files.join(QLatin1Char(' '))));
    for (const QString &f : files) {
        QFile any(QDir(home).filePath(f));
        if (!QFileInfo(any).isFile())
            continue; // the daemon's control socket
        QVERIFY2(any.open(QIODevice::ReadOnly), qPrintable(f));
        const QByteArray content = any.readAll();
        for (const QByteArray &form : passwordForms())
            QVERIFY2(!content.contains(form), qPrintable(f + QStringLiteral(" holds ") + QString::fromLatin1(form)));
    }
    // The daemon went with its bus.
    QTRY_VERIFY2_WITH_TIMEOUT(processesWithHome(home).isEmpty(),
                              qPrintable(processesWithHome(home).join(QLatin1Char('\n'))), 10000);
}

void TestProfiles::keychainRoundTrip()
{
    const QString home = QDir::homePath();
    PasswordVault vault(QStringLiteral("etcd-console-test"));
    // The daemon registers on the bus a moment after --unlock returned.
    VaultResult probe;
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        probe = resultOf(vault.probe(), 10000);
        if (probe.ok() || waited.elapsed() > 10000)
            break;
        QTest::qWait(200);
    }
    QVERIFY2(probe.ok(), qPrintable(probe.message));
    QCOMPARE(vault.availability(), PasswordVault::Availability::Available);
    QVERIFY(vault.unavailableReason().isEmpty());

    QCOMPARE(int(resultOf(vault.read(QStringLiteral("prod")), 10000).status), int(VaultResult::Status::NotFound));
    QVERIFY(resultOf(vault.write(QStringLiteral("prod"), kPassword), 10000).ok());
    QVERIFY(resultOf(vault.write(QStringLiteral("staging"), QStringLiteral("another one")), 10000).ok());

    // Another vault (as after a restart) reads each profile's own password.
    PasswordVault later(QStringLiteral("etcd-console-test"));
    VaultResult read = resultOf(later.read(QStringLiteral("prod")), 10000);
    QVERIFY2(read.ok(), qPrintable(read.message));
    QCOMPARE(read.password, kPassword);
    QCOMPARE(resultOf(later.read(QStringLiteral("staging")), 10000).password, QStringLiteral("another one"));
    // Another service name (another application) does not see them.
    PasswordVault stranger(QStringLiteral("etcd-console-other"));
    QCOMPARE(int(resultOf(stranger.read(QStringLiteral("prod")), 10000).status), int(VaultResult::Status::NotFound));

    // Replaced, then removed (twice: removing what is not there is fine).
    QVERIFY(resultOf(vault.write(QStringLiteral("prod"), QStringLiteral("rotated")), 10000).ok());
    QCOMPARE(resultOf(later.read(QStringLiteral("prod")), 10000).password, QStringLiteral("rotated"));
    QVERIFY(resultOf(vault.remove(QStringLiteral("prod")), 10000).ok());
    QCOMPARE(int(resultOf(later.read(QStringLiteral("prod")), 10000).status), int(VaultResult::Status::NotFound));
    QVERIFY(resultOf(vault.remove(QStringLiteral("prod")), 10000).ok());
    // An empty password removes the entry too.
    QVERIFY(resultOf(vault.write(QStringLiteral("staging"), QString()), 10000).ok());
    QCOMPARE(int(resultOf(later.read(QStringLiteral("staging")), 10000).status), int(VaultResult::Status::NotFound));

    // One entry stays, so the parent's look at the keyring files has a password to not find.
    QVERIFY(resultOf(vault.write(QStringLiteral("kept"), kPassword), 10000).ok());
    QCOMPARE(resultOf(later.read(QStringLiteral("kept")), 10000).password, kPassword);

    // Nothing of this reached this process's own HOME (QtKeychain's plain-text fallback is off).
    for (const QString &f : filesUnder(home)) {
        QFile any(QDir(home).filePath(f));
        QVERIFY(any.open(QIODevice::ReadOnly));
        QVERIFY2(!any.readAll().contains(kPassword.toUtf8()), qPrintable(f));
    }
}

// HOME, the XDG directories and the session bus must be set before anything reads them (QtDBus
// connects once per process), so this test has its own main().
int main(int argc, char **argv)
{
    QTemporaryDir home;
    if (!home.isValid())
        return 2;
    const QByteArray h = home.path().toLocal8Bit();
    qputenv("HOME", h);
    qputenv("XDG_CONFIG_HOME", h + "/.config");
    qputenv("XDG_DATA_HOME", h + "/.local/share");
    qputenv("XDG_CACHE_HOME", h + "/.cache");
    qputenv("XDG_STATE_HOME", h + "/.local/state");
    QDir().mkpath(home.filePath(QStringLiteral("run")));
    QFile::setPermissions(home.filePath(QStringLiteral("run")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", h + "/run");
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION",
                             "KDE_SESSION_VERSION", "GNOME_DESKTOP_SESSION_ID"})
        qunsetenv(name);
    if (qEnvironmentVariableIsSet(kKdeVariable)) { // QtKeychain then goes the KWallet way
        qputenv("XDG_CURRENT_DESKTOP", "KDE");
        qputenv("KDE_SESSION_VERSION", "5");
    }
    if (!qEnvironmentVariableIsSet(kChildVariable)) // a child keeps the bus it was given
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + h + "/no-such-bus");
    else
        qInfo("session bus: %s", qgetenv("DBUS_SESSION_BUS_ADDRESS").constData());
    QCoreApplication app(argc, argv);
    TestProfiles test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_profiles.moc"
