// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/authtypes.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace etcd::ui {

// A user name and a password typed twice (masked), for adding a user, adding root, or changing a
// password. OK is enabled only when the name is given and both passwords match. The password
// fields are cleared as soon as the dialog closes, after whoever listens to accepted() took them.
class UserDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { AddUser, AddRoot, ChangePassword };

    // `name`: the user whose password changes (ChangePassword); ignored otherwise. `note`: shown
    // above the fields (a consequence the user should know of), plain text.
    UserDialog(Mode mode, const QString &name, const QString &note, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    QString name() const;
    QString password() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *confirmEdit() const { return m_confirm; }
    QPushButton *okButton() const { return m_ok; }
    QString hintText() const;

    void done(int result) override;

private:
    void validate();

    Mode m_mode;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_ok = nullptr;
};

// A permission for a role: keys typed as shown everywhere in the console (\xNN escapes), whether
// they are a prefix, one exact key or all keys, and read / write / readwrite. A preview says what
// will be granted, in the words the roles list uses.
class PermissionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PermissionDialog(const QString &role, QWidget *parent = nullptr);

    QString role() const { return m_role; }
    // Valid while okButton() is enabled.
    Permission permission() const;
    QString previewText() const;

    QLineEdit *keyEdit() const { return m_key; }
    QComboBox *kindCombo() const { return m_kind; }  // item data: permissiontext::RangeKind as int
    QComboBox *typeCombo() const { return m_type; }  // item data: Permission::Type as int
    QPushButton *okButton() const { return m_ok; }

private:
    void update();

    QString m_role;
    QLineEdit *m_key = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_type = nullptr;
    QLabel *m_preview = nullptr;
    QPushButton *m_ok = nullptr;
    Permission m_permission;
};

// One name: typed (a new role) or picked from a list (a role to grant or revoke).
class NameDialog : public QDialog
{
    Q_OBJECT
public:
    NameDialog(const QString &title, const QString &label, const QStringList &choices, bool editable,
               const QString &okText, QWidget *parent = nullptr);

    QString value() const;
    QComboBox *combo() const { return m_combo; }
    QPushButton *okButton() const { return m_ok; }

private:
    QComboBox *m_combo = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace etcd::ui
