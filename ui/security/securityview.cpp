// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "security/securityview.h"

#include "security/securitymodels.h"
#include "common/theme.h"

#include "client/continuation.h"

#include <QGroupBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTextDocument>

#include <memory>
#include <utility>

namespace etcd::ui {

SecurityView::SecurityView(EtcdClient *client, QWidget *parent) : QWidget(parent), m_client(client)
{
    m_usersModel = new UsersModel(connectionUser(), this);
    m_rolesModel = new RolesModel(this);
    m_permissionsModel = new PermissionsModel(this);
    buildUi();
    updateButtons();
}

SecurityView::~SecurityView()
{
    QSettings settings;
    for (QSplitter *s : m_splitters)
        settings.setValue(QStringLiteral("security/") + s->objectName(), s->saveState());
}

void SecurityView::start()
{
    refresh();
}

void SecurityView::refresh()
{
    if (!m_client)
        return;
    const int generation = ++m_generation;
    m_pending = 3;
    m_refresh->setEnabled(false);
    loadStatus(generation);
    loadUsers(generation);
    loadRoles(generation);
}

void SecurityView::partLoaded(int generation)
{
    if (generation != m_generation || --m_pending > 0)
        return;
    m_refresh->setEnabled(true);
    if (!m_selectUser.isEmpty() && m_usersModel->rowOf(m_selectUser) >= 0)
        selectUser(std::exchange(m_selectUser, QString()));
    if (!m_selectRole.isEmpty() && m_rolesModel->rowOf(m_selectRole) >= 0)
        selectRole(std::exchange(m_selectRole, QString()));
    showPermissions();
    updateButtons();
    Q_EMIT loaded();
}

void SecurityView::loadStatus(int generation)
{
    whenFinished(m_client->auth().status(), this, [this, generation](const EtcdResult<AuthStatus> &r) {
        if (generation != m_generation)
            return;
        if (!r.ok()) {
            m_authState = AuthState::Unknown;
            m_authLabel->setText(tr("Authentication: <b>unknown</b>"));
            m_authLabel->setToolTip(r.error().toString());
        } else if (r->enabled) {
            m_authState = AuthState::Enabled;
            m_authLabel->setText(tr("Authentication: <b style=\"color:%1\">● enabled</b> — clients must sign in")
                                     .arg(Theme::successColor().name()));
            m_authLabel->setToolTip({});
        } else {
            m_authState = AuthState::Disabled;
            m_authLabel->setText(tr("Authentication: <b style=\"color:%1\">● disabled</b> — anyone can read and write "
                                    "every key")
                                     .arg(Theme::warningColor().name()));
            m_authLabel->setToolTip({});
        }
        partLoaded(generation);
    });
}

// A listing and then one call per name (etcd has no "list with details"), all in flight together.
void SecurityView::loadUsers(int generation)
{
    whenFinished(m_client->auth().users(), this, [this, generation](const EtcdResult<QStringList> &names) {
        if (generation != m_generation)
            return;
        if (!names.ok()) {
            m_usersModel->setUsers({});
            m_usersBox->setTitle(tr("Users"));
            m_usersError->setText(listingError(tr("users"), names.error()));
            m_usersError->show();
            m_notAdmin = names.error().isPermissionDenied();
            return partLoaded(generation);
        }
        m_usersError->hide();
        m_notAdmin = false;
        auto users = std::make_shared<QVector<UserInfo>>();
        auto left = std::make_shared<int>(int(names->size()));
        if (*left == 0) {
            m_usersModel->setUsers({});
            m_usersBox->setTitle(tr("Users (0)"));
            return partLoaded(generation);
        }
        for (const QString &name : names.value()) {
            whenFinished(m_client->auth().user(name), this,
                         [this, generation, users, left, name](const EtcdResult<UserInfo> &r) {
                             if (generation != m_generation)
                                 return;
                             // A user deleted between the list and this call simply drops out.
                             if (r.ok())
                                 users->append(r.value());
                             if (--*left == 0) {
                                 m_usersModel->setUsers(*users);
                                 m_usersBox->setTitle(tr("Users (%1)").arg(users->size()));
                                 partLoaded(generation);
                             }
                         });
        }
    });
}

void SecurityView::loadRoles(int generation)
{
    whenFinished(m_client->auth().roles(), this, [this, generation](const EtcdResult<QStringList> &names) {
        if (generation != m_generation)
            return;
        if (!names.ok()) {
            m_rolesModel->setRoles({});
            m_rolesBox->setTitle(tr("Roles"));
            m_rolesError->setText(listingError(tr("roles"), names.error()));
            m_rolesError->show();
            return partLoaded(generation);
        }
        m_rolesError->hide();
        auto roles = std::make_shared<QVector<RoleInfo>>();
        auto left = std::make_shared<int>(int(names->size()));
        if (*left == 0) {
            m_rolesModel->setRoles({});
            m_rolesBox->setTitle(tr("Roles (0)"));
            return partLoaded(generation);
        }
        for (const QString &name : names.value()) {
            whenFinished(m_client->auth().role(name), this,
                         [this, generation, roles, left](const EtcdResult<RoleInfo> &r) {
                             if (generation != m_generation)
                                 return;
                             if (r.ok())
                                 roles->append(r.value());
                             if (--*left == 0) {
                                 m_rolesModel->setRoles(*roles);
                                 m_rolesBox->setTitle(tr("Roles (%1)").arg(roles->size()));
                                 partLoaded(generation);
                             }
                         });
        }
    });
}

QString SecurityView::listingError(const QString &what, const EtcdError &error) const
{
    QString text = tr("Cannot list %1: %2").arg(what, error.toString());
    if (error.isPermissionDenied())
        text += QLatin1Char(' ') + tr("Listing and changing users and roles needs the root role; this connection "
                                      "signs in as %1.")
                                       .arg(connectionUser());
    return text;
}

void SecurityView::showPermissions()
{
    const RoleInfo *role = m_rolesModel->role(selectedRole());
    m_permissionsModel->setRole(role ? *role : RoleInfo());
    if (!role)
        m_permissionsTitle->setText(tr("Permissions: select a role"));
    else if (role->name == QLatin1String("root"))
        m_permissionsTitle->setText(tr("Permissions of <b>root</b> — etcd's built-in role, which allows everything"));
    else
        m_permissionsTitle->setText(tr("Permissions of <b>%1</b>").arg(role->name.toHtmlEscaped()));
    updateButtons();
}

void SecurityView::updateButtons()
{
    // Without the root role etcd refuses every change: the buttons say so instead of inviting errors.
    const bool canWrite = writable() && !m_busy && !m_notAdmin;
    const bool user = !selectedUser().isEmpty();
    const bool role = !selectedRole().isEmpty();
    const bool permission = m_permissionsTable->currentIndex().isValid();
    m_enable->setEnabled(canWrite && m_authState != AuthState::Enabled);
    m_disable->setEnabled(canWrite && m_authState != AuthState::Disabled);
    m_addUser->setEnabled(canWrite);
    m_deleteUser->setEnabled(canWrite && user);
    m_password->setEnabled(canWrite && user);
    m_grantRole->setEnabled(canWrite && user);
    const UserInfo *info = m_usersModel->user(selectedUser());
    m_revokeRole->setEnabled(canWrite && info && !info->roles.isEmpty());
    m_addRole->setEnabled(canWrite);
    m_deleteRole->setEnabled(canWrite && role);
    m_grantPermission->setEnabled(canWrite && role);
    m_revokePermission->setEnabled(canWrite && role && permission);
    const bool restricted = !writable() || m_notAdmin;
    const QString why = !writable() ? tr("Read-only connection: nothing can be changed from here")
                                    : tr("This connection's user does not have the root role: etcd refuses "
                                         "changes to users, roles and authentication");
    for (QPushButton *b : {m_enable, m_disable, m_addUser, m_deleteUser, m_password, m_grantRole, m_revokeRole,
                           m_addRole, m_deleteRole, m_grantPermission, m_revokePermission}) {
        if (!b->property("baseToolTip").isValid())
            b->setProperty("baseToolTip", b->toolTip());
        b->setToolTip(restricted ? why : b->property("baseToolTip").toString());
    }
}

QString SecurityView::statusText() const
{
    return m_status->text();
}

QString SecurityView::authText() const
{
    QTextDocument doc;
    doc.setHtml(m_authLabel->text());
    return doc.toPlainText();
}

QString SecurityView::usersErrorText() const
{
    return m_usersError->isHidden() ? QString() : m_usersError->text();
}

QString SecurityView::rolesErrorText() const
{
    return m_rolesError->isHidden() ? QString() : m_rolesError->text();
}

void SecurityView::selectUser(const QString &name)
{
    const int row = m_usersModel->rowOf(name);
    if (row >= 0)
        m_usersTable->setCurrentIndex(m_usersModel->index(row, 0));
}

void SecurityView::selectRole(const QString &name)
{
    const int row = m_rolesModel->rowOf(name);
    if (row >= 0)
        m_rolesTable->setCurrentIndex(m_rolesModel->index(row, 0));
}

QString SecurityView::selectedUser() const
{
    const QModelIndex current = m_usersTable->currentIndex();
    return current.isValid() ? current.data(UsersModel::NameRole).toString() : QString();
}

QString SecurityView::selectedRole() const
{
    const QModelIndex current = m_rolesTable->currentIndex();
    return current.isValid() ? current.data(RolesModel::NameRole).toString() : QString();
}

bool SecurityView::writable() const
{
    return m_client && !m_client->isReadOnly();
}

QString SecurityView::connectionUser() const
{
    return m_client ? m_client->options().user : QString();
}

bool SecurityView::confirm(const QString &title, const QString &question)
{
    if (m_confirm)
        return m_confirm(question);
    return QMessageBox::question(this, title, question) == QMessageBox::Yes;
}

void SecurityView::openDialog(QDialog *dialog)
{
    if (m_dialog)
        m_dialog->close();
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->open();
}

void SecurityView::run(const QString &action, QFuture<EtcdResult<ResponseHeader>> future, const QString &success,
                       std::function<void()> then)
{
    m_busy = true;
    updateButtons();
    m_status->setStyleSheet(QString());
    m_status->setText(tr("%1…").arg(action));
    whenFinished(future, this, [this, action, success, then](const EtcdResult<ResponseHeader> &r) {
        m_busy = false;
        if (!r.ok()) {
            finishAction(action, false, tr("%1 failed: %2").arg(action, r.error().toString()));
            return;
        }
        finishAction(action, true, success);
        if (then)
            then();
    });
}

void SecurityView::finishAction(const QString &action, bool ok, const QString &message)
{
    m_busy = false;
    m_status->setText(message);
    m_status->setStyleSheet(ok ? QString() : Theme::errorStyleSheet());
    updateButtons();
    refresh();
    Q_EMIT actionFinished(action, ok, message);
}

} // namespace etcd::ui
