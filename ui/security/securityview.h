// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "state/security/authenable.h"

#include <QDialog>
#include <QPointer>
#include <QWidget>

#include <functional>

class QGroupBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;

namespace etcd::ui {

class PermissionsModel;
class RolesModel;
class UsersModel;

// Users, roles and authentication of the cluster (issue 7): whether authentication is on (with
// Enable / Disable), the users with their roles (add, delete, change password, grant and revoke
// roles), the roles with their permissions as readable prefixes (add, delete, grant and revoke a
// permission on a key, a prefix or all keys, for read, write or readwrite).
//
// Enabling is guarded: etcd needs a user "root" holding the role "root", so the view checks that
// first, offers to create it, and says whether this console keeps working afterwards (a connection
// without a user is locked out until it reconnects with one). On a read-only connection every
// change is disabled and the view says why. Errors, a denied listing included, are shown in plain
// words in the view. Passwords go from the dialog to etcd and nowhere else.
//
// Every action starts from a button that opens a dialog with open() (never a blocking exec), so
// tests fill currentDialog() and accept it; confirmations go through setConfirmation().
class SecurityView : public QWidget
{
    Q_OBJECT
public:
    enum class AuthState { Unknown, Enabled, Disabled };
    Q_ENUM(AuthState)

    explicit SecurityView(EtcdClient *client, QWidget *parent = nullptr);
    ~SecurityView() override; // remembers the splitter layout (QSettings "security/...")

    // Load for the first time; refresh() loads again (also done after every change).
    void start();
    void refresh();

    AuthState authState() const { return m_authState; }
    bool isLoading() const { return m_pending > 0; }
    QString statusText() const;   // the outcome of the last action, or what went wrong loading
    QString authText() const;     // the authentication line at the top
    QString usersErrorText() const; // why the users could not be listed (empty when they were)
    QString rolesErrorText() const;

    UsersModel *usersModel() const { return m_usersModel; }
    RolesModel *rolesModel() const { return m_rolesModel; }
    PermissionsModel *permissionsModel() const { return m_permissionsModel; }
    QTableView *usersTable() const { return m_usersTable; }
    QTableView *rolesTable() const { return m_rolesTable; }
    QTableView *permissionsTable() const { return m_permissionsTable; }

    void selectUser(const QString &name);
    void selectRole(const QString &name);
    QString selectedUser() const;
    QString selectedRole() const;

    // The dialog an action opened and that is still open (UserDialog, PermissionDialog, NameDialog).
    QDialog *currentDialog() const { return m_dialog; }
    // Replaces the yes/no message boxes (tests). Gets the question as plain text.
    void setConfirmation(std::function<bool(const QString &question)> confirm) { m_confirm = std::move(confirm); }

    // What the buttons do.
    void askAddUser();
    void askDeleteUser();
    void askChangePassword();
    void askGrantRole();
    void askRevokeRole();
    void askAddRole();
    void askDeleteRole();
    void askGrantPermission();
    void askRevokePermission();
    void askEnableAuth();
    void askDisableAuth();

Q_SIGNALS:
    // A load (start() or refresh()) has finished, whether or not everything could be listed.
    void loaded();
    // A change ended: `ok` false when refused or failed; `message` is what the view shows.
    void actionFinished(const QString &action, bool ok, const QString &message);

private:
    void buildUi();
    QPushButton *makeButton(const QString &text, const char *iconName, const char *objectName, const QString &tip,
                            void (SecurityView::*slot)());
    void loadStatus(int generation);
    void loadUsers(int generation);
    void loadRoles(int generation);
    void partLoaded(int generation);
    void showPermissions();
    void updateButtons();
    QString listingError(const QString &what, const EtcdError &error) const;
    bool confirm(const QString &title, const QString &question);
    void openDialog(QDialog *dialog);
    // Run a change, show its outcome, reload. `then` runs after a success (before the reload).
    void run(const QString &action, QFuture<EtcdResult<ResponseHeader>> future, const QString &success,
             std::function<void()> then = {});
    void finishAction(const QString &action, bool ok, const QString &message);
    bool writable() const;
    QString connectionUser() const;
    // Enabling, step by step: root present with the root role? then the lock-out warning.
    void checkRootThenEnable();
    void offerRoot(AuthEnableCheck::Root root);
    // The lock-out warning for the connection's user (`info`: null when it has none or it does not exist).
    void askEnable(const AuthEnableCheck &check);

    QPointer<EtcdClient> m_client;
    std::function<bool(const QString &)> m_confirm;
    QPointer<QDialog> m_dialog;
    int m_generation = 0;
    int m_pending = 0;
    AuthState m_authState = AuthState::Unknown;
    bool m_busy = false;
    QString m_selectUser; // select this user / role once the next load lists it (just added)
    QString m_selectRole;

    UsersModel *m_usersModel = nullptr;
    RolesModel *m_rolesModel = nullptr;
    PermissionsModel *m_permissionsModel = nullptr;
    QTableView *m_usersTable = nullptr;
    QTableView *m_rolesTable = nullptr;
    QTableView *m_permissionsTable = nullptr;
    QGroupBox *m_usersBox = nullptr;
    QGroupBox *m_rolesBox = nullptr;
    QList<QSplitter *> m_splitters;
    QLabel *m_authLabel = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_readOnlyLabel = nullptr;
    QLabel *m_usersError = nullptr;
    bool m_notAdmin = false; // the users listing was refused: this user may not administer
    QLabel *m_rolesError = nullptr;
    QLabel *m_permissionsTitle = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_enable = nullptr;
    QPushButton *m_disable = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_addUser = nullptr;
    QPushButton *m_deleteUser = nullptr;
    QPushButton *m_password = nullptr;
    QPushButton *m_grantRole = nullptr;
    QPushButton *m_revokeRole = nullptr;
    QPushButton *m_addRole = nullptr;
    QPushButton *m_deleteRole = nullptr;
    QPushButton *m_grantPermission = nullptr;
    QPushButton *m_revokePermission = nullptr;
};

} // namespace etcd::ui
