// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "security/securitydialogs.h"

#include "common/theme.h"
#include "format/valueformat.h"

#include "state/security/permissiontext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace etcd::ui {

// --- user and password ---------------------------------------------------------------------------

UserDialog::UserDialog(Mode mode, const QString &name, const QString &note, QWidget *parent)
    : QDialog(parent), m_mode(mode)
{
    setWindowTitle(mode == Mode::ChangePassword ? tr("Change password") : mode == Mode::AddRoot ? tr("Create root")
                                                                                                : tr("Add user"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("userNameEdit"));
    m_name->setPlaceholderText(tr("user name"));
    if (mode != Mode::AddUser) {
        m_name->setText(mode == Mode::AddRoot ? QStringLiteral("root") : name);
        m_name->setReadOnly(true);
    }
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(QStringLiteral("confirmPasswordEdit"));
    for (QLineEdit *e : {m_password, m_confirm}) {
        e->setEchoMode(QLineEdit::Password);
        e->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
        connect(e, &QLineEdit::textChanged, this, &UserDialog::validate);
    }
    connect(m_name, &QLineEdit::textChanged, this, &UserDialog::validate);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("passwordHint"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(mode == Mode::ChangePassword ? tr("Change password") : tr("Add user"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("User"), m_name);
    form->addRow(mode == Mode::ChangePassword ? tr("New password") : tr("Password"), m_password);
    form->addRow(tr("Repeat password"), m_confirm);
    auto *layout = new QVBoxLayout(this);
    if (!note.isEmpty()) {
        auto *noteLabel = new QLabel(note, this);
        noteLabel->setObjectName(QStringLiteral("userDialogNote"));
        noteLabel->setWordWrap(true);
        noteLabel->setStyleSheet(Theme::warningBoxStyleSheet());
        layout->addWidget(noteLabel);
    }
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);
    setMinimumWidth(420);
    validate();
    (mode == Mode::AddUser ? m_name : m_password)->setFocus();
}

QString UserDialog::name() const
{
    return m_name->text().trimmed();
}

QString UserDialog::password() const
{
    return m_password->text();
}

QString UserDialog::hintText() const
{
    return m_hint->text();
}

void UserDialog::validate()
{
    QString hint;
    if (name().isEmpty())
        hint = tr("Type a user name.");
    else if (m_password->text().isEmpty())
        hint = tr("Type the password twice.");
    else if (m_password->text() != m_confirm->text())
        hint = m_confirm->text().isEmpty() ? tr("Repeat the password.") : tr("The two passwords differ.");
    const bool mismatch = !m_confirm->text().isEmpty() && m_password->text() != m_confirm->text();
    m_hint->setText(hint);
    m_hint->setStyleSheet(mismatch ? Theme::errorStyleSheet() : QString());
    m_ok->setEnabled(hint.isEmpty());
}

void UserDialog::done(int result)
{
    QDialog::done(result); // accepted() listeners read the password here
    m_password->clear();
    m_confirm->clear();
}

// --- permission ----------------------------------------------------------------------------------

PermissionDialog::PermissionDialog(const QString &role, QWidget *parent) : QDialog(parent), m_role(role)
{
    using permissiontext::RangeKind;
    setWindowTitle(tr("Grant permission to %1").arg(role));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("rangeKindCombo"));
    m_kind->addItem(tr("Prefix: every key starting with it"), int(RangeKind::Prefix));
    m_kind->addItem(tr("Exact key: this key only"), int(RangeKind::ExactKey));
    m_kind->addItem(tr("All keys"), int(RangeKind::AllKeys));
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("permissionKeyEdit"));
    m_key->setPlaceholderText(tr("/app/"));
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("permissionTypeCombo"));
    m_type->addItem(tr("read"), int(Permission::Read));
    m_type->addItem(tr("write"), int(Permission::Write));
    m_type->addItem(tr("readwrite"), int(Permission::ReadWrite));
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("permissionPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Grant"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_key, &QLineEdit::textChanged, this, &PermissionDialog::update);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &PermissionDialog::update);
    connect(m_type, &QComboBox::currentIndexChanged, this, &PermissionDialog::update);

    auto *form = new QFormLayout;
    form->addRow(tr("Keys"), m_kind);
    form->addRow(tr("Key or prefix"), m_key);
    form->addRow(tr("Access"), m_type);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview);
    layout->addWidget(buttons);
    setMinimumWidth(460);
    update();
}

Permission PermissionDialog::permission() const
{
    return m_permission;
}

QString PermissionDialog::previewText() const
{
    return m_preview->text();
}

void PermissionDialog::update()
{
    const auto kind = static_cast<permissiontext::RangeKind>(m_kind->currentData().toInt());
    const bool needsKey = kind != permissiontext::RangeKind::AllKeys;
    m_key->setEnabled(needsKey);
    bool ok = true;
    const QByteArray typed = keyFromDisplay(m_key->text(), &ok);
    QString error;
    Permission p;
    p.type = static_cast<Permission::Type>(m_type->currentData().toInt());
    if (!ok)
        error = tr("The key has a broken \\x escape.");
    else if (!permissiontext::rangeFor(kind, typed, &p.key, &p.rangeEnd, &error))
        error[0] = error[0].toUpper();
    if (error.isEmpty()) {
        m_permission = p;
        m_preview->setText(tr("%1 grants %2.").arg(m_role, permissiontext::describe(p)));
        m_preview->setStyleSheet(QString());
    } else {
        m_permission = Permission();
        m_preview->setText(error);
        m_preview->setStyleSheet(Theme::errorStyleSheet());
    }
    m_ok->setEnabled(error.isEmpty());
}

// --- a name --------------------------------------------------------------------------------------

NameDialog::NameDialog(const QString &title, const QString &label, const QStringList &choices, bool editable,
                       const QString &okText, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("nameCombo"));
    m_combo->setEditable(editable);
    m_combo->addItems(choices);
    m_combo->setMinimumContentsLength(24);
    if (editable && choices.isEmpty())
        m_combo->setEditText(QString());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(okText);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto validate = [this] { m_ok->setEnabled(!value().isEmpty()); };
    connect(m_combo, &QComboBox::currentTextChanged, this, validate);
    auto *form = new QFormLayout;
    form->addRow(label, m_combo);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    validate();
}

QString NameDialog::value() const
{
    return m_combo->currentText().trimmed();
}

} // namespace etcd::ui
