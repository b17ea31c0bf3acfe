// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "connection/profileform.h"

#include "connection/colourtagpicker.h"
#include "format/valueformat.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace etcd::ui {

namespace {
QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop); // a wrapped label may get more height than it fills
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    return label;
}

bool endpointsValid(const QStringList &endpoints)
{
    if (endpoints.isEmpty())
        return false;
    for (const QString &e : endpoints)
        if (ConnectionOptions::normalizeEndpoint(e).isEmpty())
            return false;
    return true;
}
} // namespace

ProfileForm::ProfileForm(QWidget *parent) : QWidget(parent)
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    // --- profile: name, colour tag, endpoints ---
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. production (eu-west)"));
    m_colour = new ColourTagPicker(this);
    connect(m_colour, &ColourTagPicker::picked, this, [this](const QString &colour) {
        if (colour == ColourTagPicker::red())
            m_readOnly->setChecked(true); // production: read-only unless the user says otherwise
        onEdited();
    });

    m_endpoints = new QPlainTextEdit(this);
    m_endpoints->setObjectName(QStringLiteral("endpointsEdit"));
    m_endpoints->setFont(fixed);
    m_endpoints->setTabChangesFocus(true);
    m_endpoints->setPlaceholderText(QStringLiteral("127.0.0.1:2379\nhttps://etcd-1.example.com:2379"));
    m_endpoints->setFixedHeight(m_endpoints->fontMetrics().lineSpacing() * 4 + 12);

    auto *profileBox = new QGroupBox(tr("Profile"), this);
    auto *profileForm = new QFormLayout(profileBox);
    profileForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    profileForm->addRow(tr("&Name:"), m_name);
    profileForm->addRow(tr("Colour tag:"), m_colour);
    profileForm->addRow(tr("&Endpoints:"), m_endpoints);
    profileForm->addRow(QString(), hint(tr("One per line or separated by commas: host:port, http://host:port or "
                                           "https://host:port. Calls fail over between them."),
                                        profileBox));

    // --- authentication ---
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("userEdit"));
    m_user->setPlaceholderText(tr("empty: no authentication"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("asked for when connecting"));
    m_remember = new QCheckBox(tr("Remember in the system keychain"), this);
    m_remember->setObjectName(QStringLiteral("rememberCheck"));
    m_passwordNote = hint(QString(), this);
    m_passwordNote->setObjectName(QStringLiteral("passwordNote"));
    m_passwordNote->hide();
    auto *authBox = new QGroupBox(tr("Authentication"), this);
    auto *authForm = new QFormLayout(authBox);
    authForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    authForm->addRow(tr("&User:"), m_user);
    authForm->addRow(tr("&Password:"), m_password);
    auto *remember = new QVBoxLayout; // one row: the note stays right under its checkbox
    remember->setSpacing(2);
    remember->addWidget(m_remember);
    remember->addWidget(m_passwordNote);
    authForm->addRow(QString(), remember);

    // --- TLS ---
    m_tls = new QGroupBox(tr("Use &TLS"), this);
    m_tls->setObjectName(QStringLiteral("tlsGroup"));
    m_tls->setCheckable(true);
    m_tls->setChecked(false);
    m_ca = new QLineEdit(this);
    m_ca->setObjectName(QStringLiteral("caFileEdit"));
    m_ca->setPlaceholderText(tr("system trust store"));
    m_cert = new QLineEdit(this);
    m_cert->setObjectName(QStringLiteral("certFileEdit"));
    m_cert->setPlaceholderText(tr("only for mutual TLS"));
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("keyFileEdit"));
    m_key->setPlaceholderText(tr("only for mutual TLS"));
    m_serverName = new QLineEdit(this);
    m_serverName->setObjectName(QStringLiteral("serverNameEdit"));
    m_serverName->setPlaceholderText(tr("the endpoint's host"));
    m_skipVerify = new QCheckBox(tr("Skip server certificate verification (insecure)"), this);
    m_skipVerify->setObjectName(QStringLiteral("skipVerifyCheck"));
    m_skipVerify->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_skipVerify->setStyleSheet(QStringLiteral("QCheckBox { color: #c62828; font-weight: bold; } "
                                               "QCheckBox:disabled { color: #bcaaa4; }"));
    m_skipWarning = new QLabel(tr("The cluster's identity is not checked: anyone on the network path can pose as "
                                  "it and read the password and every key. Use this only to diagnose."),
                               this);
    m_skipWarning->setObjectName(QStringLiteral("skipVerifyWarning"));
    m_skipWarning->setWordWrap(true);
    m_skipWarning->setMargin(6);
    m_skipWarning->setStyleSheet(QStringLiteral("QLabel { background: #ffebee; color: #b71c1c; border: 1px solid "
                                                "#e57373; border-radius: 3px; }"));
    auto *tlsForm = new QFormLayout(m_tls);
    tlsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    tlsForm->addRow(tr("&CA file:"), browseRow(m_ca, tr("Choose the CA certificate")));
    tlsForm->addRow(tr("Client certificate:"), browseRow(m_cert, tr("Choose the client certificate")));
    tlsForm->addRow(tr("Client key:"), browseRow(m_key, tr("Choose the client private key")));
    tlsForm->addRow(tr("Server name:"), m_serverName);
    tlsForm->addRow(QString(),
                    hint(tr("Verify the certificate against this name instead of the endpoint's host."), m_tls));
    tlsForm->addRow(m_skipVerify);
    tlsForm->addRow(m_skipWarning);

    // --- safety ---
    m_readOnly = new QCheckBox(tr("&Read-only: the console sends no writes at all"), this);
    m_readOnly->setObjectName(QStringLiteral("readOnlyCheck"));
    m_scope = new QLineEdit(this);
    m_scope->setObjectName(QStringLiteral("scopeEdit"));
    m_scope->setFont(fixed);
    m_scope->setPlaceholderText(tr("the whole keyspace"));
    auto *safetyBox = new QGroupBox(tr("Safety"), this);
    auto *safetyForm = new QFormLayout(safetyBox);
    safetyForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    safetyForm->addRow(m_readOnly);
    safetyForm->addRow(tr("&Scope prefix:"), m_scope);
    safetyForm->addRow(QString(),
                       hint(tr("The key browser starts here. Type \\xNN for a byte that is not text."), safetyBox));

    // --- SSH bastion ---
    m_sshDestination = new QLineEdit(this);
    m_sshDestination->setObjectName(QStringLiteral("sshDestinationEdit"));
    m_sshDestination->setPlaceholderText(tr("none: connect directly"));
    m_sshKey = new QLineEdit(this);
    m_sshKey->setObjectName(QStringLiteral("sshKeyEdit"));
    m_sshKey->setPlaceholderText(tr("ssh-agent, then ~/.ssh/config and ~/.ssh/id_*"));
    auto *sshBox = new QGroupBox(tr("SSH bastion"), this);
    sshBox->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto *sshForm = new QFormLayout(sshBox);
    sshForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    sshForm->addRow(tr("&Bastion:"), m_sshDestination);
    sshForm->addRow(tr("SSH &key:"), browseRow(m_sshKey, tr("Choose the private key for the bastion")));
    sshForm->addRow(QString(), hint(tr("user@host[:port] or a Host alias of ~/.ssh/config. The endpoints are then "
                                       "addresses as the bastion sees them; TLS still checks their names. "
                                       "Passphrases and passwords are asked when needed."),
                                    sshBox));

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(profileBox, 0, 0);
    grid->addWidget(authBox, 1, 0);
    grid->addWidget(m_tls, 0, 1);
    grid->addWidget(safetyBox, 1, 1);
    grid->addWidget(sshBox, 2, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(3, 1);

    for (QLineEdit *edit :
         {m_name, m_user, m_password, m_ca, m_cert, m_key, m_serverName, m_scope, m_sshDestination, m_sshKey})
        connect(edit, &QLineEdit::textEdited, this, &ProfileForm::onEdited);
    connect(m_endpoints, &QPlainTextEdit::textChanged, this, &ProfileForm::onEdited);
    for (QCheckBox *box : {m_remember, m_skipVerify, m_readOnly})
        connect(box, &QCheckBox::toggled, this, &ProfileForm::onEdited);
    connect(m_tls, &QGroupBox::toggled, this, &ProfileForm::onEdited);
    connect(m_tls, &QGroupBox::toggled, this, &ProfileForm::updateTlsState);
    connect(m_skipVerify, &QCheckBox::toggled, this, &ProfileForm::updateTlsState);
    updateTlsState();
}

QWidget *ProfileForm::browseRow(QLineEdit *edit, const QString &title)
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *button = new QToolButton(row);
    button->setText(QStringLiteral("…"));
    button->setToolTip(title);
    button->setObjectName(edit->objectName() + QStringLiteral("Browse"));
    layout->addWidget(edit, 1);
    layout->addWidget(button);
    connect(button, &QToolButton::clicked, this, [this, edit, title] {
        const QString start = edit->text().isEmpty() ? QString() : QFileInfo(edit->text()).absolutePath();
        const QString file =
            QFileDialog::getOpenFileName(this, title, start, tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
        if (file.isEmpty())
            return;
        edit->setText(file);
        onEdited();
    });
    return row;
}

void ProfileForm::setProfile(const ConnectionProfile &profile, const QString &password)
{
    m_loading = true;
    clearMarks();
    m_name->setText(profile.name);
    m_colour->setColour(profile.colour);
    m_endpoints->setPlainText(profile.endpoints.join(QLatin1Char('\n')));
    m_user->setText(profile.user);
    m_password->setText(password);
    m_remember->setChecked(profile.rememberPassword && m_keychainAvailable);
    m_tls->setChecked(profile.toOptions().tls.enabled);
    m_ca->setText(profile.tls.caFile);
    m_cert->setText(profile.tls.certFile);
    m_key->setText(profile.tls.keyFile);
    m_serverName->setText(profile.tls.serverNameOverride);
    m_skipVerify->setChecked(profile.tls.insecureSkipVerify);
    m_readOnly->setChecked(profile.readOnly);
    m_scope->setText(displayKey(profile.scope));
    m_sshDestination->setText(profile.sshDestination);
    m_sshKey->setText(profile.sshKeyFile);
    setPasswordNote({});
    m_loading = false;
    updateTlsState();
}

ConnectionProfile ProfileForm::profile() const
{
    ConnectionProfile p;
    p.name = m_name->text().trimmed();
    p.endpoints = ConnectionProfile::parseEndpoints(m_endpoints->toPlainText());
    p.user = m_user->text().trimmed();
    if (m_tls->isChecked()) { // switched off: no TLS setting may switch it back on behind the user
        p.tls.enabled = true;
        p.tls.caFile = m_ca->text().trimmed();
        p.tls.certFile = m_cert->text().trimmed();
        p.tls.keyFile = m_key->text().trimmed();
        p.tls.serverNameOverride = m_serverName->text().trimmed();
        p.tls.insecureSkipVerify = m_skipVerify->isChecked();
    }
    p.readOnly = m_readOnly->isChecked();
    bool ok = false;
    p.scope = keyFromDisplay(m_scope->text(), &ok);
    if (!ok)
        p.scope = m_scope->text().toUtf8(); // check() reports it; until then keep what was typed
    p.colour = m_colour->colour();
    p.rememberPassword = m_remember->isEnabled() && m_remember->isChecked();
    p.sshDestination = m_sshDestination->text().trimmed();
    p.sshKeyFile = m_sshKey->text().trimmed();
    return p;
}

QString ProfileForm::password() const
{
    return m_password->text();
}

void ProfileForm::setPassword(const QString &password)
{
    m_password->setText(password);
}

void ProfileForm::setPasswordNote(const QString &note)
{
    if (!m_keychainAvailable && note.isEmpty())
        return; // the keychain explanation stays
    m_passwordNote->setText(note);
    m_passwordNote->setVisible(!note.isEmpty());
}

void ProfileForm::setColour(const QString &colour)
{
    m_colour->setColour(colour);
}

void ProfileForm::setKeychainAvailable(bool available, const QString &explanation)
{
    m_keychainAvailable = available;
    m_remember->setEnabled(available);
    if (!available) {
        const QSignalBlocker blocker(m_remember); // not an edit of the profile
        m_remember->setChecked(false);
        m_remember->setToolTip(explanation);
    } else {
        m_remember->setToolTip(tr("Stored under the service “etcd-console” with the profile's name"));
    }
    m_passwordNote->setText(available ? QString() : explanation);
    m_passwordNote->setVisible(!available && !explanation.isEmpty());
}

QString ProfileForm::check(bool files)
{
    clearMarks();
    const ConnectionProfile p = profile();
    auto fail = [this](QWidget *field, const QString &problem) {
        mark(field);
        return problem;
    };
    if (const QString problem = p.validate(); !problem.isEmpty()) {
        // validate() checks in this order: name, endpoints, certificate and key, the rest.
        QWidget *field = p.name.isEmpty()                                         ? m_name
                         : !endpointsValid(p.endpoints)                           ? static_cast<QWidget *>(m_endpoints)
                         : (!p.tls.certFile.isEmpty() && p.tls.keyFile.isEmpty()) ? m_key
                         : (p.tls.certFile.isEmpty() && !p.tls.keyFile.isEmpty()) ? m_cert
                         : !p.toOptions().ssh.validate().isEmpty()                ? m_sshDestination
                                                                                  : nullptr;
        return fail(field, problem);
    }
    if (!m_tls->isChecked()) {
        for (const QString &e : p.endpoints) {
            if (e.startsWith(QLatin1String("https://"), Qt::CaseInsensitive))
                return fail(m_endpoints, tr("“%1” asks for TLS, but TLS is switched off: tick “Use TLS” or write "
                                            "the endpoint without https://.")
                                             .arg(e));
        }
    }
    bool scopeOk = false;
    keyFromDisplay(m_scope->text(), &scopeOk);
    if (!scopeOk)
        return fail(m_scope, tr("The scope prefix is not valid: type \\xNN (two hex digits) for a byte that is not "
                                "text and \\\\ for a backslash."));
    if (p.user.isEmpty() && !password().isEmpty())
        return fail(m_user, tr("A password was given without a user name: fill in the user, or clear the password."));
    if (files) {
        const struct
        {
            QLineEdit *edit;
            QString TlsOptions::*file;
        } fileFields[] = {{m_ca, &TlsOptions::caFile}, {m_cert, &TlsOptions::certFile}, {m_key, &TlsOptions::keyFile}};
        for (const auto &f : fileFields) {
            ConnectionProfile one;
            one.tls.*f.file = p.tls.*f.file;
            if (const QString problem = one.checkFiles(); !problem.isEmpty())
                return fail(f.edit, problem);
        }
        ConnectionProfile ssh;
        ssh.sshKeyFile = p.sshKeyFile;
        if (const QString problem = ssh.checkFiles(); !problem.isEmpty())
            return fail(m_sshKey, problem);
    }
    if (p.sshDestination.isEmpty() && !p.sshKeyFile.isEmpty())
        return fail(m_sshDestination, tr("An SSH key was given without a bastion: fill in the bastion, or clear the key."));
    return {};
}

void ProfileForm::mark(QWidget *field)
{
    if (!field)
        return;
    m_marked = field;
    field->setStyleSheet(
        QStringLiteral("QLineEdit, QPlainTextEdit { border: 2px solid #c62828; border-radius: 3px; }"));
    field->setFocus(Qt::OtherFocusReason);
}

void ProfileForm::clearMarks()
{
    if (m_marked)
        m_marked->setStyleSheet({});
    m_marked = nullptr;
}

void ProfileForm::onEdited()
{
    if (m_loading)
        return;
    clearMarks();
    Q_EMIT edited();
}

void ProfileForm::updateTlsState()
{
    m_skipWarning->setVisible(m_tls->isChecked() && m_skipVerify->isChecked());
}

} // namespace etcd::ui
