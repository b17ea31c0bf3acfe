// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "ssh/sshoptions.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QLineEdit;
class QWidget;

namespace etcd {
class PasswordVault;
}

namespace etcd::ui {

// One question of the SSH layer as a dialog: trust an unknown host key (the fingerprint shown,
// "Cancel" the default, nothing accepted silently), or a passphrase or password, with
// "remember in the system keychain" when there is one.
class SshPromptDialog : public QDialog
{
    Q_OBJECT
public:
    SshPromptDialog(const SshPrompt &prompt, bool keychain, QWidget *parent = nullptr);
    SshAnswer answer() const; // after accept(); "no" otherwise
    const SshPrompt &prompt() const { return m_prompt; }

private:
    SshPrompt m_prompt;
    QLineEdit *m_secret = nullptr;
    QCheckBox *m_remember = nullptr;
};

// The prompter the console puts into SshOptions: the tunnel's thread asks, a dialog on the GUI
// thread answers (a secret the user let the keychain keep is used without asking, unless it was
// just found wrong). When the window is gone the answer is "no".
std::shared_ptr<SshPrompter> makeSshPrompter(QWidget *parent, PasswordVault *vault);

// Keychain entries for SSH secrets, beside the profiles' passwords.
QString sshVaultKey(const SshPrompt &prompt);

} // namespace etcd::ui
