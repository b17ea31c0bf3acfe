// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The dialogs that answer the SSH layer's questions, driven as a person would (offscreen), against
// a real sshd and etcd: an unknown host key is shown with its fingerprint and trusted only by the
// explicit button (Enter cancels), the passphrase is typed, a wrong one asked again with the
// reason; and the key view, whose first listing failed while the dialog waited, loads by itself.

#include "client/etcdclient.h"
#include "connection/sshprompter.h"
#include "keys/keybrowser.h"
#include "state/profiles/passwordvault.h"
#include "support/sshserver.h"
#include "support/testsupport.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using etcd::ui::SshPromptDialog;

namespace {

SshPromptDialog *openPrompt()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *d = qobject_cast<SshPromptDialog *>(w); d && d->isVisible())
            return d;
    return nullptr;
}

QString textOf(SshPromptDialog *dialog)
{
    return dialog->findChild<QLabel *>(QStringLiteral("sshPromptText"))->text();
}

} // namespace

class TestSshPrompter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unknownHostDialogDefaultsToCancel();
    void dialogsAnswerTheTunnelAndTheKeyViewLoadsAfterwards();

private:
    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<SshServer> m_sshd;
};

void TestSshPrompter::initTestCase()
{
    QString error;
    m_cluster = startCluster(&error, 1);
    QVERIFY2(m_cluster, qPrintable(error));
    m_sshd = std::make_unique<SshServer>();
    QVERIFY2(m_sshd->start(&error), qPrintable(error));
}

void TestSshPrompter::unknownHostDialogDefaultsToCancel()
{
    SshPrompt prompt;
    prompt.kind = SshPrompt::Kind::UnknownHost;
    prompt.host = QStringLiteral("ops@bastion.example:2222");
    prompt.keyType = QStringLiteral("ssh-ed25519");
    prompt.fingerprint = QStringLiteral("SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    SshPromptDialog dialog(prompt, true);
    dialog.show();
    QVERIFY(textOf(&dialog).contains(prompt.fingerprint));
    QVERIFY(textOf(&dialog).contains(QStringLiteral("bastion.example")));
    auto *trust = dialog.findChild<QPushButton *>(QStringLiteral("sshTrustButton"));
    QVERIFY(trust && !trust->isDefault());
    QTest::keyClick(&dialog, Qt::Key_Return); // a stray Enter does not trust anything
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!dialog.answer().accepted);

    SshPrompt secret;
    secret.kind = SshPrompt::Kind::Password;
    secret.host = QStringLiteral("bastion");
    secret.user = QStringLiteral("ops");
    secret.retryReason = QStringLiteral("wrong password");
    SshPromptDialog ask(secret, false);
    ask.show();
    QVERIFY(textOf(&ask).contains(QStringLiteral("wrong password")));
    auto *edit = ask.findChild<QLineEdit *>(QStringLiteral("sshSecretEdit"));
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QVERIFY(!ask.findChild<QCheckBox *>(QStringLiteral("sshRememberCheck"))->isEnabled()); // no keychain
    QTest::keyClicks(edit, QStringLiteral("hunter2"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(ask.result(), int(QDialog::Accepted));
    QCOMPARE(ask.answer().secret, QStringLiteral("hunter2"));
    QVERIFY(!ask.answer().remember);
}

void TestSshPrompter::dialogsAnswerTheTunnelAndTheKeyViewLoadsAfterwards()
{
    QString error;
    const QString key = m_sshd->makeKey(QStringLiteral("id_ui"), QStringLiteral("ed25519"), QStringLiteral("openssh"),
                                        QStringLiteral("open sesame"), &error);
    QVERIFY2(m_sshd->authorize(key, &error), qPrintable(error));
    {
        EtcdClient direct(optionsFor(*m_cluster));
        QVERIFY_OK(resultOf(direct.kv().put("/ui/ssh/one", "1")));
    }
    QWidget window;
    window.show();
    PasswordVault vault(QStringLiteral("etcd-console-test-ssh"));
    ConnectionOptions o = optionsFor(*m_cluster);
    o.callTimeoutMs = 2000;
    o.dialTimeoutMs = 1000;
    o.ssh.destination = m_sshd->destination();
    o.ssh.keyFile = key;
    o.ssh.configFile = QStringLiteral("none");
    o.ssh.knownHostsFile = m_sshd->dir() + QStringLiteral("/known_hosts_ui");
    o.ssh.agentSocket = QStringLiteral("/nonexistent/agent.sock");
    o.ssh.prompter = ui::makeSshPrompter(&window, &vault);
    EtcdClient client(o);
    auto *browser = new ui::KeyBrowser(&client, KeySpaceMirror::Options{});
    browser->setParent(&window);
    browser->start();

    // 1. The host key, with the fingerprint ssh-keygen prints.
    QTRY_VERIFY_WITH_TIMEOUT(openPrompt(), 15000);
    SshPromptDialog *dialog = openPrompt();
    QCOMPARE(dialog->prompt().kind, SshPrompt::Kind::UnknownHost);
    QVERIFY(textOf(dialog).contains(m_sshd->fingerprint()));
    QPointer<SshPromptDialog> answered = dialog; // closed dialogs delete themselves
    dialog->findChild<QPushButton *>(QStringLiteral("sshTrustButton"))->click();

    // 2. The passphrase: wrong first, then (after the first listing has given up) the right one.
    QTRY_VERIFY_WITH_TIMEOUT(!answered && openPrompt(), 15000);
    dialog = openPrompt();
    QCOMPARE(dialog->prompt().kind, SshPrompt::Kind::Passphrase);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("sshSecretEdit")), QStringLiteral("guess"));
    answered = dialog;
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!answered && openPrompt(), 15000);
    dialog = openPrompt();
    QVERIFY(textOf(dialog).contains(QStringLiteral("wrong passphrase")));
    QTRY_VERIFY_WITH_TIMEOUT(
        !browser->mirror()->isLoaded() && client.tunnelStatus().state == ssh::TunnelStatus::State::Connecting, 5000);
    spin(o.callTimeoutMs + 500); // the tree's first listing fails meanwhile
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("sshSecretEdit")), QStringLiteral("open sesame"));
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(client.tunnelStatus().isUp(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(browser->mirror()->isLoaded(), 40000);
    QVERIFY(browser->goToKey("/ui/ssh/one"));
    QFile knownHosts(o.ssh.knownHostsFile);
    QVERIFY(knownHosts.open(QIODevice::ReadOnly) && knownHosts.readAll().contains("ssh-ed25519"));
}

QTEST_MAIN(TestSshPrompter)
#include "tst_sshprompter.moc"
