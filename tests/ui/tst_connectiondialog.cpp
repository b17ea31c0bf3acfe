// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The connection dialog as a person uses it (offscreen): fill the form, "Test connection" against a
// real etcd cluster (version, leader, members, auth, latency), against a dead port (the failure in
// plain words, quickly), against a plain-text cluster with TLS and skip-verify switched on ("answers
// in plain text"), cancel a test that hangs, bad input explained inline without losing anything
// typed, and a profile saved through the dialog loading back field by field (no password in the
// file). There is no keychain on a test machine: the dialog must say so and offer no "remember".
//
// CONNECTIONDIALOG_SHOT=FILE saves a picture of the dialog after a successful test.

#include "connection/colourtagpicker.h"
#include "connection/connectiondialog.h"
#include "connection/profileform.h"
#include "state/profiles/passwordvault.h"
#include "support/testsupport.h"

#include "sandbox/freeport.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

namespace {
template<typename T> T *child(QWidget *parent, const char *name)
{
    T *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qFatal("no widget %s", name);
    return w;
}

// Types into a field the way a person does (replacing what is there).
void type(QWidget *dialog, const char *name, const QString &text)
{
    QWidget *w = child<QWidget>(dialog, name);
    if (auto *line = qobject_cast<QLineEdit *>(w)) {
        line->selectAll();
        QTest::keyClick(line, Qt::Key_Delete);
        QTest::keyClicks(line, text);
    } else if (auto *plain = qobject_cast<QPlainTextEdit *>(w)) {
        plain->selectAll();
        QTest::keyClick(plain, Qt::Key_Delete);
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            if (i > 0)
                QTest::keyClick(plain, Qt::Key_Return);
            QTest::keyClicks(plain, lines.at(i));
        }
    }
}

QString textOf(QWidget *dialog, const char *name)
{
    QWidget *w = child<QWidget>(dialog, name);
    if (auto *line = qobject_cast<QLineEdit *>(w))
        return line->text();
    return qobject_cast<QPlainTextEdit *>(w)->toPlainText();
}
} // namespace

class TestConnectionDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void testReportsVersionLeaderAndLatency();
    void deadPortFailsInPlainWords();
    void tlsAgainstPlainTextCluster();
    void authOnAndWrongPassword();
    void cancelAHangingTest();
    void badInputIsExplainedInline();
    void savedProfileLoadsBack();

private:
    QString storeFile(const char *name) const { return m_dir.filePath(QString::fromLatin1(name) + ".ini"); }
    QTemporaryDir m_dir;
};

void TestConnectionDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // As on a headless CI machine: no session bus, so no keychain (QtDBus reads this at first use).
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + m_dir.filePath(QStringLiteral("no-bus")).toLocal8Bit());
}

void TestConnectionDialog::testReportsVersionLeaderAndLatency()
{
    START_CLUSTER(cluster, 3, true);
    ProfileStore store(storeFile("real"));
    PasswordVault vault(QStringLiteral("etcd-console-test"));
    ConnectionDialog dialog(&store, &vault);
    QCOMPARE(dialog.profileNames(), QStringList({"local"})); // an empty store offers one to fill in
    type(&dialog, "nameEdit", QStringLiteral("production (sandbox)"));
    type(&dialog, "endpointsEdit", cluster->clientEndpoints().join(QStringLiteral(",\n")));
    QTest::mouseClick(child<QToolButton>(&dialog, "colourRed"), Qt::LeftButton);
    QVERIFY(child<QCheckBox>(&dialog, "readOnlyCheck")->isChecked()); // production: read-only by default
    type(&dialog, "scopeEdit", QStringLiteral("/registry/"));

    QPushButton *test = child<QPushButton>(&dialog, "testButton");
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    QElapsedTimer clickTime;
    clickTime.start();
    QTest::mouseClick(test, Qt::LeftButton);
    QVERIFY2(clickTime.elapsed() < 500, "starting a test must not wait on the network");
    QVERIFY(dialog.isTesting());
    QCOMPARE(test->text(), QStringLiteral("Cancel test"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(test->text(), QStringLiteral("Test connection"));

    const auto report = finished.at(0).at(0).value<ConnectionTestReport>();
    QVERIFY2(report.ok(), qPrintable(report.summary()));
    const QString text = dialog.testResultText();
    qInfo("%s", qPrintable(text));
    QVERIFY2(text.startsWith(QStringLiteral("Connected: etcd 3.")), qPrintable(text));
    QVERIFY(!report.leaderName.isEmpty() && report.leaderId != 0);
    QVERIFY2(text.contains(QStringLiteral("Leader: %1 (id %2) at 127.0.0.1:")
                               .arg(report.leaderName, QString::number(report.leaderId, 16))),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Members: 3")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Authentication: off")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Round trip (status call): ")), qPrintable(text));
    QVERIFY(report.latencyMs > 0 && report.latencyMs < 2000);
    QCOMPARE(report.version, report.endpoints.at(0).version);
    QVERIFY(child<QLabel>(&dialog, "testResult")->text().contains(QStringLiteral("✔ Connected (")));

    const QString shot = qEnvironmentVariable("CONNECTIONDIALOG_SHOT");
    if (!shot.isEmpty()) {
        type(&dialog, "userEdit", QStringLiteral("operator"));
        type(&dialog, "passwordEdit", QStringLiteral("hunter2"));
        QVERIFY(dialog.saveProfile());
        dialog.newProfile();
        type(&dialog, "nameEdit", QStringLiteral("staging"));
        type(&dialog, "endpointsEdit", QStringLiteral("etcd-staging-1:2379, etcd-staging-2:2379"));
        QTest::mouseClick(child<QToolButton>(&dialog, "colourAmber"), Qt::LeftButton);
        child<QGroupBox>(&dialog, "tlsGroup")->setChecked(true);
        QVERIFY(dialog.saveProfile());
        dialog.newProfile();
        type(&dialog, "nameEdit", QStringLiteral("local sandbox"));
        QTest::mouseClick(child<QToolButton>(&dialog, "colourGreen"), Qt::LeftButton);
        dialog.selectProfile(QStringLiteral("production (sandbox)"));
        QCOMPARE(dialog.currentName(), QStringLiteral("production (sandbox)"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(shot));
        qInfo("screenshot saved to %s", qPrintable(shot));
    }
}

void TestConnectionDialog::deadPortFailsInPlainWords()
{
    PortReservation dead; // bound, never listening: connections are refused
    QVERIFY(dead.reserve(1));
    const QString endpoint = QStringLiteral("127.0.0.1:%1").arg(dead.ports().at(0));
    ProfileStore store(storeFile("dead"));
    PasswordVault vault(QStringLiteral("etcd-console-test"));
    ConnectionDialog dialog(&store, &vault);
    type(&dialog, "endpointsEdit", endpoint);
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    QElapsedTimer timer;
    timer.start();
    dialog.testConnection();
    const int dialTimeoutMs = ConnectionOptions().dialTimeoutMs;
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, dialTimeoutMs + 2000);
    qInfo("dead port reported after %lld ms (dial timeout %d ms)", timer.elapsed(), dialTimeoutMs);
    const QString text = dialog.testResultText();
    qInfo("%s", qPrintable(text));
    QVERIFY2(text.startsWith(QStringLiteral("Connection failed: cannot reach etcd")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("at %1]").arg(endpoint)), qPrintable(text)); // which endpoint
    QVERIFY2(text.contains(QStringLiteral("Nothing answers at %1 (tried with and without TLS)").arg(endpoint)),
             qPrintable(text));
    QVERIFY(child<QLabel>(&dialog, "testResult")->text().contains(QStringLiteral("Connection failed")));
}

void TestConnectionDialog::tlsAgainstPlainTextCluster()
{
    START_CLUSTER(plain, 1);
    ProfileStore store(storeFile("tls"));
    PasswordVault vault(QStringLiteral("etcd-console-test"));
    ConnectionDialog dialog(&store, &vault);
    const QString endpoint = ConnectionOptions::normalizeEndpoint(plain->clientEndpoint(0));
    type(&dialog, "endpointsEdit", endpoint);
    child<QGroupBox>(&dialog, "tlsGroup")->setChecked(true);
    QTest::mouseClick(child<QCheckBox>(&dialog, "skipVerifyCheck"), Qt::LeftButton);
    QVERIFY(dialog.form()->profile().tls.insecureSkipVerify);
    QVERIFY(child<QLabel>(&dialog, "skipVerifyWarning")->isVisibleTo(&dialog)); // said loudly
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    dialog.testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
    const QString text = dialog.testResultText();
    qInfo("%s", qPrintable(text));
    QVERIFY2(text.startsWith(QStringLiteral("Connection failed: ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("%1 answers in plain text, without TLS: switch TLS off").arg(endpoint)),
             qPrintable(text));
}

void TestConnectionDialog::authOnAndWrongPassword()
{
    START_CLUSTER(cluster, 1);
    const Etcdctl ctl = etcdctlFor(*cluster);
    for (const QStringList &args : QList<QStringList>{
             {"user", "add", "root:s3cret"}, {"user", "grant-role", "root", "root"}, {"auth", "enable"}}) {
        const EtcdctlResult r = ctl.run(args);
        QVERIFY2(r.ok(), r.describe().constData());
    }
    ProfileStore store(storeFile("auth"));
    PasswordVault vault(QStringLiteral("etcd-console-test"));
    ConnectionDialog dialog(&store, &vault);
    type(&dialog, "endpointsEdit", cluster->clientEndpoint(0));
    type(&dialog, "userEdit", QStringLiteral("root"));
    type(&dialog, "passwordEdit", QStringLiteral("s3cret"));
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    dialog.testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
    QVERIFY2(dialog.testResultText().contains(QStringLiteral("Authentication: on")),
             qPrintable(dialog.testResultText()));
    QVERIFY2(dialog.testResultText().contains(QStringLiteral("Members: 1")), qPrintable(dialog.testResultText()));

    type(&dialog, "passwordEdit", QStringLiteral("wrong"));
    dialog.testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 15000);
    qInfo("%s", qPrintable(dialog.testResultText()));
    QVERIFY2(dialog.testResultText().startsWith(QStringLiteral("Connection failed: wrong user name or password")),
             qPrintable(dialog.testResultText()));
}

void TestConnectionDialog::cancelAHangingTest()
{
    // Accepts TCP connections (the kernel does) but never speaks HTTP/2: a test waits for the dial timeout.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ProfileStore store(storeFile("cancel"));
    PasswordVault vault(QStringLiteral("etcd-console-test"));
    ConnectionDialog dialog(&store, &vault);
    type(&dialog, "endpointsEdit", QStringLiteral("127.0.0.1:%1").arg(silent.serverPort()));
    QPushButton *test = child<QPushButton>(&dialog, "testButton");
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    QTest::mouseClick(test, Qt::LeftButton);
    QVERIFY(dialog.isTesting());
    QTest::qWait(300);
    QVERIFY(dialog.isTesting());
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(test, Qt::LeftButton); // "Cancel test"
    QVERIFY2(timer.elapsed() < 200, "cancelling must not wait on the network");
    QVERIFY(!dialog.isTesting());
    QCOMPARE(test->text(), QStringLiteral("Test connection"));
    QCOMPARE(dialog.testResultText(), QStringLiteral("Test cancelled."));
    // The tester goes away by itself once its calls end (the dial timeout), and never reports.
    QTRY_VERIFY_WITH_TIMEOUT(dialog.findChildren<ConnectionTester *>().isEmpty(), 15000);
    QCOMPARE(finished.count(), 0);

    // A second test after the cancelled one works normally (and fails after the dial timeout).
    QElapsedTimer second;
    second.start();
    dialog.testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
    qInfo("silent port reported after %lld ms: %s", second.elapsed(), qPrintable(dialog.testResultText()));
    QVERIFY2(dialog.testResultText().startsWith(QStringLiteral("Connection failed: ")),
             qPrintable(dialog.testResultText()));
    QVERIFY2(dialog.testResultText().contains(QStringLiteral("Nothing answered at")),
             qPrintable(dialog.testResultText()));
}

void TestConnectionDialog::badInputIsExplainedInline()
{
    ProfileStore store(storeFile("bad"));
    PasswordVault vault(QStringLiteral("etcd-console-test"));
    ConnectionDialog dialog(&store, &vault);
    QSignalSpy accepted(&dialog, &QDialog::accepted);

    type(&dialog, "endpointsEdit", QStringLiteral("127.0.0.1:2379, localhost"));
    QTest::mouseClick(child<QPushButton>(&dialog, "connectButton"), Qt::LeftButton);
    QCOMPARE(accepted.count(), 0);
    QVERIFY2(dialog.messageText().startsWith(QStringLiteral("“localhost” is not an endpoint")),
             qPrintable(dialog.messageText()));
    QVERIFY(child<QLabel>(&dialog, "inlineMessage")->isVisibleTo(&dialog));
    QCOMPARE(textOf(&dialog, "endpointsEdit"), QStringLiteral("127.0.0.1:2379, localhost")); // kept as typed
    QVERIFY(child<QPlainTextEdit>(&dialog, "endpointsEdit")->styleSheet().contains(QStringLiteral("#c62828")));
    dialog.testConnection(); // the test refuses the same input without starting
    QVERIFY(!dialog.isTesting());
    QVERIFY(dialog.messageText().contains(QStringLiteral("is not an endpoint")));

    type(&dialog, "endpointsEdit", QStringLiteral("127.0.0.1:2379"));
    QVERIFY(dialog.messageText().isEmpty()); // fixing it clears the message and the mark
    QVERIFY(child<QPlainTextEdit>(&dialog, "endpointsEdit")->styleSheet().isEmpty());
    type(&dialog, "nameEdit", QString());
    QVERIFY(!dialog.saveProfile());
    QCOMPARE(dialog.messageText(), QStringLiteral("Give the profile a name."));
    type(&dialog, "nameEdit", QStringLiteral("files"));

    child<QGroupBox>(&dialog, "tlsGroup")->setChecked(true);
    const QString missing = m_dir.filePath(QStringLiteral("missing-ca.pem"));
    type(&dialog, "caFileEdit", missing);
    QVERIFY(!dialog.saveProfile());
    QCOMPARE(dialog.messageText(), QStringLiteral("The CA file “%1” does not exist.").arg(missing));
    QCOMPARE(textOf(&dialog, "caFileEdit"), missing);
    type(&dialog, "caFileEdit", QString());
    type(&dialog, "certFileEdit", m_dir.filePath(QStringLiteral("c.pem")));
    QVERIFY(!dialog.saveProfile());
    QVERIFY2(dialog.messageText().contains(QStringLiteral("needs its private key")), qPrintable(dialog.messageText()));
    type(&dialog, "certFileEdit", QString());
    child<QGroupBox>(&dialog, "tlsGroup")->setChecked(false);

    type(&dialog, "scopeEdit", QStringLiteral("/app/\\xZZ"));
    QVERIFY(!dialog.saveProfile());
    QVERIFY2(dialog.messageText().startsWith(QStringLiteral("The scope prefix is not valid")),
             qPrintable(dialog.messageText()));
    QCOMPARE(textOf(&dialog, "scopeEdit"), QStringLiteral("/app/\\xZZ"));
    type(&dialog, "scopeEdit", QString());
    type(&dialog, "passwordEdit", QStringLiteral("pw"));
    QVERIFY(!dialog.saveProfile());
    QVERIFY2(dialog.messageText().contains(QStringLiteral("without a user name")), qPrintable(dialog.messageText()));

    type(&dialog, "endpointsEdit", QStringLiteral("https://127.0.0.1:2379"));
    type(&dialog, "userEdit", QStringLiteral("root"));
    QVERIFY(!dialog.saveProfile());
    QVERIFY2(dialog.messageText().contains(QStringLiteral("TLS is switched off")), qPrintable(dialog.messageText()));
    QVERIFY(store.list().isEmpty()); // nothing invalid was ever saved
    QCOMPARE(accepted.count(), 0);
}

void TestConnectionDialog::savedProfileLoadsBack()
{
    const QString file = storeFile("saved");
    const QString ca = m_dir.filePath(QStringLiteral("ca.pem"));
    const QString cert = m_dir.filePath(QStringLiteral("client.pem"));
    const QString key = m_dir.filePath(QStringLiteral("client-key.pem"));
    for (const QString &f : {ca, cert, key}) {
        QFile out(f);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("-----BEGIN CERTIFICATE-----\n");
    }
    const QString password = QStringLiteral("Tr0ub4dor&3-never-on-disk");
    ProfileStore store(file);
    PasswordVault vault(QStringLiteral("etcd-console-test"));
    {
        ConnectionDialog dialog(&store, &vault);
        // No keychain here: "remember" is offered only where it works, and the dialog says why.
        QTRY_VERIFY(!child<QCheckBox>(&dialog, "rememberCheck")->isEnabled());
        QVERIFY2(child<QLabel>(&dialog, "passwordNote")->text().startsWith(QStringLiteral("No system keychain")),
                 qPrintable(child<QLabel>(&dialog, "passwordNote")->text()));

        type(&dialog, "nameEdit", QStringLiteral("prod/eu"));
        type(&dialog, "endpointsEdit", QStringLiteral("https://10.0.0.1:2379\n10.0.0.2:2379, 10.0.0.3:2379"));
        type(&dialog, "userEdit", QStringLiteral("operator"));
        type(&dialog, "passwordEdit", password);
        QTest::mouseClick(child<QToolButton>(&dialog, "colourRed"), Qt::LeftButton);
        child<QGroupBox>(&dialog, "tlsGroup")->setChecked(true);
        type(&dialog, "caFileEdit", ca);
        type(&dialog, "certFileEdit", cert);
        type(&dialog, "keyFileEdit", key);
        type(&dialog, "serverNameEdit", QStringLiteral("etcd.internal"));
        QTest::mouseClick(child<QCheckBox>(&dialog, "skipVerifyCheck"), Qt::LeftButton);
        type(&dialog, "scopeEdit", QStringLiteral("/app/\\xff\\x00/"));
        QVERIFY(dialog.profileNames().contains(QStringLiteral("prod/eu")));

        // A second profile as a draft; switching back and forth keeps what was typed in each.
        dialog.newProfile();
        type(&dialog, "nameEdit", QStringLiteral("scratch"));
        type(&dialog, "endpointsEdit", QStringLiteral("127.0.0.1:1"));
        dialog.selectProfile(QString()); // not saved: no-op
        child<QListWidget>(&dialog, "profileList")->setCurrentRow(0);
        QCOMPARE(textOf(&dialog, "nameEdit"), QStringLiteral("prod/eu"));
        QCOMPARE(textOf(&dialog, "passwordEdit"), password);
        QCOMPARE(textOf(&dialog, "scopeEdit"), QStringLiteral("/app/\\xff\\x00/"));

        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QTest::mouseClick(child<QPushButton>(&dialog, "connectButton"), Qt::LeftButton);
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(dialog.password(), password); // in memory for the caller, never stored
        QCOMPARE(dialog.profile().name, QStringLiteral("prod/eu"));
        QVERIFY(!dialog.profile().rememberPassword);
    }
    QVERIFY(store.sync());
    ProfileStore again(file);
    QCOMPARE(again.list(), QStringList({"prod/eu"})); // the unsaved draft was not saved
    QCOMPARE(again.lastUsed(), QStringLiteral("prod/eu"));
    const auto p = again.load(QStringLiteral("prod/eu"));
    QVERIFY(p.has_value());
    QCOMPARE(p->endpoints, QStringList({"https://10.0.0.1:2379", "10.0.0.2:2379", "10.0.0.3:2379"}));
    QCOMPARE(p->user, QStringLiteral("operator"));
    QCOMPARE(p->colour, ColourTagPicker::red());
    QVERIFY(p->readOnly);
    QVERIFY(p->tls.enabled);
    QCOMPARE(p->tls.caFile, ca);
    QCOMPARE(p->tls.certFile, cert);
    QCOMPARE(p->tls.keyFile, key);
    QCOMPARE(p->tls.serverNameOverride, QStringLiteral("etcd.internal"));
    QVERIFY(p->tls.insecureSkipVerify);
    QCOMPARE(p->scope, QByteArray("/app/\xff\x00/", 8));
    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QVERIFY(!raw.readAll().contains(password.left(8).toUtf8()));

    // A new dialog opens on the last used profile, with every field as saved.
    ConnectionDialog reopened(&again, &vault);
    QCOMPARE(reopened.currentName(), QStringLiteral("prod/eu"));
    QVERIFY(reopened.form()->profile() == *p);
    QCOMPARE(textOf(&reopened, "passwordEdit"), QString()); // asked for again: there is no keychain

    // Duplicate, then delete the copy (after a confirmation) and the original.
    reopened.duplicateProfile();
    QCOMPARE(reopened.currentName(), QStringLiteral("prod/eu (copy)"));
    QVERIFY(reopened.saveProfile());
    QCOMPARE(again.list(), QStringList({"prod/eu", "prod/eu (copy)"}));
    QStringList questions;
    reopened.setConfirmation([&questions](const QString &q) {
        questions << q;
        return questions.size() > 1; // no the first time, yes the second
    });
    reopened.deleteProfile();
    QCOMPARE(again.list().size(), 2);
    reopened.deleteProfile();
    QCOMPARE(again.list(), QStringList({"prod/eu"}));
    QCOMPARE(reopened.currentName(), QStringLiteral("prod/eu"));
}

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
