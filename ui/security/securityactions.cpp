// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// SecurityView's actions: each opens a dialog (open(), never exec()) or asks a yes/no question,
// then runs one etcd change and reloads. Passwords are read from the dialog straight into the call.

#include "security/securitydialogs.h"
#include "security/securitymodels.h"
#include "security/securityview.h"

#include "client/continuation.h"
#include "state/security/authenable.h"
#include "state/security/permissiontext.h"
#include "format/valueformat.h"

#include <QLabel>
#include <QPushButton>
#include <QTableView>

namespace etcd::ui {

namespace {

const QString kRoot = QStringLiteral("root");

} // namespace

void SecurityView::askAddUser()
{
    if (!writable() || m_busy)
        return;
    auto *dialog = new UserDialog(UserDialog::Mode::AddUser, {}, {}, this);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString name = dialog->name();
        m_selectUser = name;
        run(tr("Add user %1").arg(name), m_client->auth().addUser(name, dialog->password()),
            tr("User %1 added. Grant it a role to let it read or write keys.").arg(name));
    });
    openDialog(dialog);
}

void SecurityView::askDeleteUser()
{
    const QString name = selectedUser();
    if (!writable() || m_busy || name.isEmpty())
        return;
    QString question = tr("Delete the user %1? It can no longer sign in.").arg(name);
    if (name == connectionUser())
        question += QLatin1Char(' ') + tr("This console signs in as %1: once authentication is on, every call of "
                                          "this connection fails until you reconnect as another user.")
                                           .arg(name);
    if (!confirm(tr("Delete user"), question))
        return;
    run(tr("Delete user %1").arg(name), m_client->auth().deleteUser(name), tr("User %1 deleted.").arg(name));
}

void SecurityView::askChangePassword()
{
    const QString name = selectedUser();
    if (!writable() || m_busy || name.isEmpty())
        return;
    const QString note = name == connectionUser()
                             ? tr("This console signs in as %1. After the change it can no longer sign in with the "
                                  "password it has: reconnect with the new one.")
                                   .arg(name)
                             : QString();
    auto *dialog = new UserDialog(UserDialog::Mode::ChangePassword, name, note, this);
    connect(dialog, &QDialog::accepted, this, [this, dialog, name] {
        run(tr("Change the password of %1").arg(name), m_client->auth().changePassword(name, dialog->password()),
            tr("Password of %1 changed.").arg(name));
    });
    openDialog(dialog);
}

void SecurityView::askGrantRole()
{
    const UserInfo *user = m_usersModel->user(selectedUser());
    if (!writable() || m_busy || !user)
        return;
    QStringList choices;
    for (const QString &role : m_rolesModel->names())
        if (!user->roles.contains(role))
            choices << role;
    if (!user->roles.contains(kRoot) && !choices.contains(kRoot))
        choices << kRoot; // etcd's built-in role, granted even when it is not listed
    const QString name = user->name;
    auto *dialog = new NameDialog(tr("Grant role to %1").arg(name), tr("Role"), choices, true, tr("Grant"), this);
    connect(dialog, &QDialog::accepted, this, [this, dialog, name] {
        const QString role = dialog->value();
        run(tr("Grant role %1 to %2").arg(role, name), m_client->auth().grantRole(name, role),
            tr("%1 now has the role %2.").arg(name, role));
    });
    openDialog(dialog);
}

void SecurityView::askRevokeRole()
{
    const UserInfo *user = m_usersModel->user(selectedUser());
    if (!writable() || m_busy || !user || user->roles.isEmpty())
        return;
    const QString name = user->name;
    auto *dialog = new NameDialog(tr("Revoke role from %1").arg(name), tr("Role"), user->roles, false, tr("Revoke"), this);
    connect(dialog, &QDialog::accepted, this, [this, dialog, name] {
        const QString role = dialog->value();
        run(tr("Revoke role %1 from %2").arg(role, name), m_client->auth().revokeRole(name, role),
            tr("%1 no longer has the role %2.").arg(name, role));
    });
    openDialog(dialog);
}

void SecurityView::askAddRole()
{
    if (!writable() || m_busy)
        return;
    auto *dialog = new NameDialog(tr("Add role"), tr("Role name"), {}, true, tr("Add role"), this);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString role = dialog->value();
        m_selectRole = role;
        run(tr("Add role %1").arg(role), m_client->auth().addRole(role),
            tr("Role %1 added. Grant it permissions, then grant it to users.").arg(role));
    });
    openDialog(dialog);
}

void SecurityView::askDeleteRole()
{
    const QString role = selectedRole();
    if (!writable() || m_busy || role.isEmpty())
        return;
    QStringList holders;
    for (const UserInfo &u : m_usersModel->rows())
        if (u.roles.contains(role))
            holders << u.name;
    QString question = tr("Delete the role %1?").arg(role);
    question += QLatin1Char(' ') + (holders.isEmpty() ? tr("No user has it.")
                                                      : tr("%n user(s) lose it: %1.", nullptr, int(holders.size()))
                                                            .arg(holders.join(QStringLiteral(", "))));
    if (!confirm(tr("Delete role"), question))
        return;
    run(tr("Delete role %1").arg(role), m_client->auth().deleteRole(role), tr("Role %1 deleted.").arg(role));
}

void SecurityView::askGrantPermission()
{
    const QString role = selectedRole();
    if (!writable() || m_busy || role.isEmpty())
        return;
    auto *dialog = new PermissionDialog(role, this);
    connect(dialog, &QDialog::accepted, this, [this, dialog, role] {
        const Permission p = dialog->permission();
        run(tr("Grant %1 to %2").arg(permissiontext::describe(p), role),
            m_client->auth().grantPermission(role, p),
            tr("%1 may now %2.").arg(role, permissiontext::describe(p)));
    });
    openDialog(dialog);
}

void SecurityView::askRevokePermission()
{
    const QString role = selectedRole();
    const Permission *p = m_permissionsModel->rowAt(m_permissionsTable->currentIndex().row());
    if (!writable() || m_busy || role.isEmpty() || !p)
        return;
    const Permission permission = *p;
    const QString what = permissiontext::describe(permission);
    if (!confirm(tr("Revoke permission"), tr("Revoke \"%1\" from the role %2?").arg(what, role)))
        return;
    run(tr("Revoke %1 from %2").arg(what, role),
        m_client->auth().revokePermission(role, permission.key, permission.rangeEnd),
        tr("%1 no longer grants %2.").arg(role, what));
}

void SecurityView::askDisableAuth()
{
    if (!writable() || m_busy)
        return;
    if (!confirm(tr("Disable authentication"),
                 tr("Disable authentication? Every client can then read and write every key without signing in. "
                    "Users, roles and permissions are kept and apply again once authentication is enabled.")))
        return;
    run(tr("Disable authentication"), m_client->auth().disable(),
        tr("Authentication disabled: clients no longer sign in."));
}

void SecurityView::askEnableAuth()
{
    if (!writable() || m_busy)
        return;
    checkRootThenEnable();
}

// The guarded workflow is core's (state/security/authenable.h): check, fix root, enable. This view
// asks the questions between the steps and shows what happened.
void SecurityView::checkRootThenEnable()
{
    m_enable->setEnabled(false); // until the check ends in a question, an action or a refusal
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Checking the user root…"));
    whenFinished(authenable::check(m_client), this, [this](const EtcdResult<AuthEnableCheck> &r) {
        if (!r.ok())
            return finishAction(tr("Enable authentication"), false,
                                tr("Cannot check the users root and %1: %2")
                                    .arg(connectionUser().isEmpty() ? tr("(none)") : connectionUser(),
                                         r.error().toString()));
        if (r->root != AuthEnableCheck::Root::Ready)
            return offerRoot(r->root);
        askEnable(r.value());
    });
}

void SecurityView::offerRoot(AuthEnableCheck::Root root)
{
    const bool userMissing = root == AuthEnableCheck::Root::UserMissing;
    const QString action = tr("Enable authentication");
    const QString refusal = userMissing
                                ? tr("Authentication not enabled: etcd needs a user named root with the role root "
                                     "first (so that someone can still administer the cluster), and there is no user "
                                     "root.")
                                : tr("Authentication not enabled: the user root exists but does not have the role "
                                     "root, which etcd requires first.");
    const QString offer = userMissing ? tr("Create the user root now? You choose its password next.")
                                      : tr("Grant the role root to the user root now?");
    if (!confirm(action, refusal + QStringLiteral("\n\n") + offer))
        return finishAction(action, false, refusal);
    if (!userMissing)
        return run(tr("Grant the role root to root"), authenable::prepareRoot(m_client, root, {}),
                   tr("The user root has the role root."), [this] { checkRootThenEnable(); });
    auto *dialog = new UserDialog(UserDialog::Mode::AddRoot, kRoot,
                                  tr("root may do everything. Keep its password safe: with authentication on, it is "
                                     "how users, roles and authentication itself are administered."),
                                  this);
    connect(dialog, &QDialog::accepted, this, [this, dialog, root] {
        run(tr("Create the user root"), authenable::prepareRoot(m_client, root, dialog->password()),
            tr("User root created, with the role root."), [this] { checkRootThenEnable(); });
    });
    openDialog(dialog);
}

void SecurityView::askEnable(const AuthEnableCheck &check)
{
    using Connection = AuthEnableCheck::Connection;
    QString uses;
    QString consequence;
    switch (check.connection) {
    case Connection::NoUser:
        uses = tr("The current connection uses no user.");
        consequence = tr("This console would lock itself out: once authentication is on, etcd refuses every request "
                         "of a connection without a user, so nothing works here (not even disabling authentication "
                         "again) until you reconnect with a user name and password, e.g. as root.");
        break;
    case Connection::UserMissing:
        uses = tr("The current connection uses the user %1, which does not exist.").arg(check.user);
        consequence = tr("This console would lock itself out: every request fails until you reconnect as root.");
        break;
    case Connection::RootRole:
        uses = tr("The current connection uses the user %1, which has the root role.").arg(check.user);
        consequence = tr("It keeps working, provided the password in the connection settings is right (etcd cannot "
                         "check it while authentication is off).");
        break;
    case Connection::OtherRoles:
        uses = tr("The current connection uses the user %1 (roles: %2).")
                   .arg(check.user, check.roles.isEmpty() ? tr("none") : check.roles.join(QStringLiteral(", ")));
        consequence = tr("It will only do what those roles allow: it can no longer list or change users and roles, "
                         "nor disable authentication, until you reconnect as root.");
        break;
    }
    const QString question =
        tr("Enable authentication? From then on every client must sign in.") + QStringLiteral("\n\n") +
        tr("After enabling, this console must log in as root or a user with the root role to administer users, "
           "roles and authentication.") +
        QLatin1Char(' ') + uses + QLatin1Char(' ') + consequence + QStringLiteral("\n\n") + tr("Enable now?");
    const QString action = tr("Enable authentication");
    if (!confirm(action, question))
        return finishAction(action, false, tr("Authentication left disabled."));
    run(action, authenable::enable(m_client),
        check.locksOut() ? tr("Authentication enabled. This connection cannot sign in: reconnect with a user name and "
                              "password.")
                         : tr("Authentication enabled: clients must sign in now."));
}

} // namespace etcd::ui
