// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// SecurityView's widgets: the authentication line, users | roles (with the selected role's
// permissions) in a splitter, and the outcome of the last action underneath.

#include "common/icons.h"
#include "security/securitymodels.h"
#include "security/securityview.h"
#include "common/theme.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace etcd::ui {

namespace {

QTableView *makeTable(QAbstractItemModel *model, const char *objectName, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(QLatin1String(objectName));
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setShowGrid(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return table;
}

QLabel *makeErrorLabel(const char *objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    label->setStyleSheet(Theme::warningBoxStyleSheet());
    label->hide();
    return label;
}

} // namespace

QPushButton *SecurityView::makeButton(const QString &text, const char *iconName, const char *objectName,
                                      const QString &tip, void (SecurityView::*slot)())
{
    auto *b = new QPushButton(icon(QLatin1String(iconName)), text, this);
    b->setObjectName(QLatin1String(objectName));
    b->setToolTip(tip);
    connect(b, &QPushButton::clicked, this, slot);
    return b;
}

void SecurityView::buildUi()
{
    // Top: authentication on or off, who this console is, refresh.
    m_authLabel = new QLabel(tr("Authentication: checking…"), this);
    m_authLabel->setObjectName(QStringLiteral("authStatus"));
    m_authLabel->setTextFormat(Qt::RichText);
    m_enable = makeButton(tr("Enable authentication…"), "lock", "enableAuthButton",
                          tr("Require every client to sign in (needs the user root with the role root)"),
                          &SecurityView::askEnableAuth);
    m_disable = makeButton(tr("Disable authentication…"), "unlock", "disableAuthButton",
                           tr("Let every client read and write every key without signing in"),
                           &SecurityView::askDisableAuth);
    m_refresh = makeButton(tr("Refresh"), "refresh", "refreshSecurityButton", tr("List users and roles again"),
                           &SecurityView::refresh);
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionUser"));
    m_connectionLabel->setText(connectionUser().isEmpty()
                                   ? tr("This connection signs in as: <i>no user</i>")
                                   : tr("This connection signs in as: <b>%1</b>").arg(connectionUser().toHtmlEscaped()));
    auto *top = new QHBoxLayout;
    top->addWidget(m_authLabel);
    top->addSpacing(12);
    top->addWidget(m_enable);
    top->addWidget(m_disable);
    top->addStretch(1);
    top->addWidget(m_connectionLabel);
    top->addSpacing(12);
    top->addWidget(m_refresh);

    m_readOnlyLabel = new QLabel(tr("Read-only connection: users, roles, permissions and authentication cannot be "
                                    "changed from here. Connect without read-only to administer them."),
                                 this);
    m_readOnlyLabel->setObjectName(QStringLiteral("readOnlyNotice"));
    m_readOnlyLabel->setWordWrap(true);
    m_readOnlyLabel->setStyleSheet(Theme::warningBoxStyleSheet());
    m_readOnlyLabel->setVisible(!writable());

    // Users.
    m_usersTable = makeTable(m_usersModel, "usersTable", this);
    m_usersTable->horizontalHeader()->resizeSection(UsersModel::Name, 220);
    connect(m_usersTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SecurityView::updateButtons);
    m_usersError = makeErrorLabel("usersError", this);
    m_addUser = makeButton(tr("Add user…"), "add", "addUserButton", tr("Create a user with a password"),
                           &SecurityView::askAddUser);
    m_deleteUser = makeButton(tr("Delete…"), "delete", "deleteUserButton", tr("Delete the selected user"),
                              &SecurityView::askDeleteUser);
    m_password = makeButton(tr("Password…"), "key", "changePasswordButton",
                            tr("Change the selected user's password"), &SecurityView::askChangePassword);
    m_grantRole = makeButton(tr("Grant role…"), "role", "grantRoleButton", tr("Give the selected user a role"),
                             &SecurityView::askGrantRole);
    m_revokeRole = makeButton(tr("Revoke role…"), "remove", "revokeRoleButton",
                              tr("Take a role away from the selected user"), &SecurityView::askRevokeRole);
    m_usersBox = new QGroupBox(tr("Users"), this);
    m_usersBox->setObjectName(QStringLiteral("usersBox"));
    auto *usersBox = m_usersBox;
    auto *userButtons = new QHBoxLayout;
    for (QPushButton *b : {m_addUser, m_deleteUser, m_password, m_grantRole, m_revokeRole})
        userButtons->addWidget(b);
    userButtons->addStretch(1);
    auto *usersLayout = new QVBoxLayout(usersBox);
    usersLayout->addWidget(m_usersError);
    usersLayout->addWidget(m_usersTable, 1);
    usersLayout->addLayout(userButtons);

    // Roles, and the permissions of the selected one.
    m_rolesTable = makeTable(m_rolesModel, "rolesTable", this);
    m_rolesTable->horizontalHeader()->resizeSection(RolesModel::Name, 160);
    m_rolesTable->horizontalHeader()->resizeSection(RolesModel::Count, 90);
    connect(m_rolesTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SecurityView::showPermissions);
    m_rolesError = makeErrorLabel("rolesError", this);
    m_addRole = makeButton(tr("Add role…"), "add", "addRoleButton", tr("Create an empty role"), &SecurityView::askAddRole);
    m_deleteRole = makeButton(tr("Delete…"), "delete", "deleteRoleButton",
                              tr("Delete the selected role (its users lose it)"), &SecurityView::askDeleteRole);
    m_permissionsTable = makeTable(m_permissionsModel, "permissionsTable", this);
    m_permissionsTable->horizontalHeader()->resizeSection(PermissionsModel::Access, 110);
    m_permissionsTable->horizontalHeader()->resizeSection(PermissionsModel::Keys, 280);
    connect(m_permissionsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SecurityView::updateButtons);
    m_permissionsTitle = new QLabel(tr("Permissions: select a role"), this);
    m_permissionsTitle->setObjectName(QStringLiteral("permissionsTitle"));
    m_grantPermission = makeButton(tr("Grant permission…"), "add", "grantPermissionButton",
                                   tr("Allow the selected role to read and/or write a key, a prefix or all keys"),
                                   &SecurityView::askGrantPermission);
    m_revokePermission = makeButton(tr("Revoke…"), "remove", "revokePermissionButton",
                                    tr("Take the selected permission away from the role"),
                                    &SecurityView::askRevokePermission);

    auto *rolesPane = new QWidget(this);
    auto *roleButtons = new QHBoxLayout;
    roleButtons->addWidget(m_addRole);
    roleButtons->addWidget(m_deleteRole);
    roleButtons->addStretch(1);
    auto *rolesPaneLayout = new QVBoxLayout(rolesPane);
    rolesPaneLayout->setContentsMargins(0, 0, 0, 0);
    rolesPaneLayout->addWidget(m_rolesError);
    rolesPaneLayout->addWidget(m_rolesTable, 1);
    rolesPaneLayout->addLayout(roleButtons);
    auto *permissionsPane = new QWidget(this);
    auto *permissionButtons = new QHBoxLayout;
    permissionButtons->addWidget(m_grantPermission);
    permissionButtons->addWidget(m_revokePermission);
    permissionButtons->addStretch(1);
    auto *permissionsLayout = new QVBoxLayout(permissionsPane);
    permissionsLayout->setContentsMargins(0, 0, 0, 0);
    permissionsLayout->addWidget(m_permissionsTitle);
    permissionsLayout->addWidget(m_permissionsTable, 1);
    permissionsLayout->addLayout(permissionButtons);
    auto *rolesSplitter = new QSplitter(Qt::Vertical, this);
    rolesSplitter->addWidget(rolesPane);
    rolesSplitter->addWidget(permissionsPane);
    rolesSplitter->setChildrenCollapsible(false);
    rolesSplitter->setObjectName(QStringLiteral("rolesSplitter"));
    rolesSplitter->setSizes({300, 260});
    m_rolesBox = new QGroupBox(tr("Roles"), this);
    m_rolesBox->setObjectName(QStringLiteral("rolesBox"));
    auto *rolesBox = m_rolesBox;
    auto *rolesLayout = new QVBoxLayout(rolesBox);
    rolesLayout->addWidget(rolesSplitter);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("securitySplitter"));
    splitter->addWidget(usersBox);
    splitter->addWidget(rolesBox);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({480, 620});
    // Only the layout is remembered (never a user name or a password).
    m_splitters = {splitter, rolesSplitter};
    QSettings settings;
    for (QSplitter *s : m_splitters)
        s->restoreState(settings.value(QStringLiteral("security/") + s->objectName()).toByteArray());

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("securityStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_readOnlyLabel);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
}

} // namespace etcd::ui
