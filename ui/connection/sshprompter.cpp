// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "connection/sshprompter.h"

#include "client/continuation.h"
#include "client/threadsink.h"
#include "state/profiles/passwordvault.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <atomic>

namespace etcd::ui {

namespace {

// The tunnel waits for exactly one answer, whatever happens to the dialog.
class Reply
{
public:
    explicit Reply(std::function<void(const SshAnswer &)> reply) : m_reply(std::move(reply)) {}
    ~Reply() { send({}); }
    void send(const SshAnswer &answer)
    {
        if (!m_sent.exchange(true))
            m_reply(answer);
    }

private:
    std::function<void(const SshAnswer &)> m_reply;
    std::atomic<bool> m_sent{false};
};

class GuiPrompter : public SshPrompter, public std::enable_shared_from_this<GuiPrompter>
{
public:
    GuiPrompter(QWidget *parent, PasswordVault *vault)
        : m_sink(parent ? static_cast<QObject *>(parent) : QCoreApplication::instance()), m_parent(parent),
          m_vault(vault)
    {}

    void ask(const SshPrompt &prompt, std::function<void(const SshAnswer &)> reply) override
    {
        auto shared = std::make_shared<Reply>(std::move(reply));
        // Posted to the GUI thread; if the window is gone the Reply's destructor says "no".
        m_sink.post([self = shared_from_this(), prompt, shared] { self->answer(prompt, shared); });
    }

    void succeeded(const SshPrompt &prompt, const SshAnswer &answer) override
    {
        if (!answer.remember)
            return;
        m_sink.post([self = shared_from_this(), prompt, answer] {
            if (self->m_vault)
                self->m_vault->write(sshVaultKey(prompt), answer.secret);
        });
    }

private:
    void answer(const SshPrompt &prompt, const std::shared_ptr<Reply> &reply)
    {
        const bool secret = prompt.kind != SshPrompt::Kind::UnknownHost;
        if (secret && prompt.retryReason.isEmpty() && m_vault) {
            // Kept in the keychain when the user asked: used without a dialog. Found wrong, it is asked.
            QObject *context = m_parent ? static_cast<QObject *>(m_parent.data()) : QCoreApplication::instance();
            whenFinished(m_vault->read(sshVaultKey(prompt)), context,
                         [self = shared_from_this(), prompt, reply](const VaultResult &stored) {
                             if (stored.ok() && !stored.password.isEmpty())
                                 reply->send(SshAnswer{true, stored.password, false});
                             else
                                 self->show(prompt, reply);
                         });
            return;
        }
        show(prompt, reply);
    }

    void show(const SshPrompt &prompt, const std::shared_ptr<Reply> &reply)
    {
        const bool keychain = m_vault && m_vault->availability() != PasswordVault::Availability::Unavailable;
        auto *dialog = new SshPromptDialog(prompt, keychain, m_parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &QDialog::finished, dialog, [dialog, reply] { reply->send(dialog->answer()); });
        // Closed with its window, unanswered: the Reply goes with the last copy and says "no".
        dialog->open();
    }

    detail::ThreadSink m_sink;
    QPointer<QWidget> m_parent;
    QPointer<PasswordVault> m_vault;
};

} // namespace

QString sshVaultKey(const SshPrompt &prompt)
{
    if (prompt.kind == SshPrompt::Kind::Passphrase)
        return QStringLiteral("ssh-key:%1").arg(prompt.keyFile);
    return QStringLiteral("ssh-password:%1@%2").arg(prompt.user, prompt.host);
}

SshPromptDialog::SshPromptDialog(const SshPrompt &prompt, bool keychain, QWidget *parent)
    : QDialog(parent), m_prompt(prompt)
{
    setObjectName(QStringLiteral("sshPromptDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *text = new QLabel(this);
    text->setObjectName(QStringLiteral("sshPromptText"));
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setMinimumWidth(460);
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *ok = nullptr;
    switch (prompt.kind) {
    case SshPrompt::Kind::UnknownHost:
        setWindowTitle(tr("Unknown SSH host"));
        text->setText(
            tr("<p>The console has never connected to the SSH bastion <b>%1</b>, so it cannot tell whether "
               "it really is that host.</p><p>Its %2 key fingerprint is:<br><tt><b>%3</b></tt></p>"
               "<p>Compare it with the fingerprint the bastion's administrator gives you "
               "(<tt>ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub</tt> on the bastion). Trust it only if "
               "they match: it is then remembered in known_hosts, and a different key later is "
               "refused.</p>")
                .arg(prompt.host.toHtmlEscaped(), prompt.keyType.toHtmlEscaped(), prompt.fingerprint.toHtmlEscaped()));
        ok = buttons->addButton(tr("&Trust and connect"), QDialogButtonBox::AcceptRole);
        ok->setObjectName(QStringLiteral("sshTrustButton"));
        ok->setAutoDefault(false);
        buttons->addButton(QDialogButtonBox::Cancel)->setDefault(true); // never accepted by a stray Enter
        break;
    case SshPrompt::Kind::Passphrase:
    case SshPrompt::Kind::Password: {
        const bool passphrase = prompt.kind == SshPrompt::Kind::Passphrase;
        setWindowTitle(passphrase ? tr("SSH key passphrase") : tr("SSH password"));
        QString html = passphrase ? tr("The SSH key <b>%1</b> is encrypted. Its passphrase opens it to sign in at the "
                                       "bastion %2.")
                                        .arg(prompt.keyFile.toHtmlEscaped(), prompt.host.toHtmlEscaped())
                                  : tr("Password of <b>%1</b> at the SSH bastion <b>%2</b>:")
                                        .arg(prompt.user.toHtmlEscaped(), prompt.host.toHtmlEscaped());
        if (!prompt.retryReason.isEmpty())
            html = tr("<p style='color:#c62828'><b>That was the %1.</b> Try again.</p>")
                       .arg(prompt.retryReason.toHtmlEscaped()) +
                   html;
        text->setText(html);
        m_secret = new QLineEdit(this);
        m_secret->setObjectName(QStringLiteral("sshSecretEdit"));
        m_secret->setEchoMode(QLineEdit::Password);
        m_remember = new QCheckBox(tr("&Remember in the system keychain"), this);
        m_remember->setObjectName(QStringLiteral("sshRememberCheck"));
        m_remember->setEnabled(keychain);
        m_remember->setToolTip(keychain ? tr("Otherwise it is kept in memory only, for reconnecting, until the window "
                                             "closes")
                                        : tr("No system keychain here: it is kept in memory only"));
        ok = buttons->addButton(QDialogButtonBox::Ok);
        ok->setText(tr("&Sign in"));
        buttons->addButton(QDialogButtonBox::Cancel);
        break;
    }
    }
    auto *icon = new QLabel(this);
    icon->setPixmap(style()
                        ->standardIcon(prompt.kind == SshPrompt::Kind::UnknownHost ? QStyle::SP_MessageBoxWarning
                                                                                   : QStyle::SP_MessageBoxQuestion)
                        .pixmap(32, 32));
    auto *row = new QHBoxLayout;
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addWidget(text, 1);
    layout->addLayout(row);
    if (m_secret) {
        layout->addWidget(m_secret);
        layout->addWidget(m_remember);
        m_secret->setFocus();
    }
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

SshAnswer SshPromptDialog::answer() const
{
    SshAnswer a;
    if (result() != QDialog::Accepted)
        return a;
    a.accepted = true;
    if (m_secret) {
        a.secret = m_secret->text();
        a.remember = m_remember->isEnabled() && m_remember->isChecked();
    }
    return a;
}

std::shared_ptr<SshPrompter> makeSshPrompter(QWidget *parent, PasswordVault *vault)
{
    return std::make_shared<GuiPrompter>(parent, vault);
}

} // namespace etcd::ui
