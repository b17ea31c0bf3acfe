// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The users and roles view against real etcd: it lists what etcdctl set up (permissions as readable
// prefixes), every change made through its dialogs shows up in etcdctl, enabling authentication is
// refused without root (and offers to create it, warning when the console would lock itself out),
// enabling and disabling with a root connection keeps the view working, a user without the root
// role sees why the lists are empty, and a read-only connection can change nothing. All models run
// under QAbstractItemModelTester; no password reaches a log line or a settings file.
// SECURITY_SHOT=FILE saves a picture of the populated view.

#include "security/securitydialogs.h"
#include "security/securitymodels.h"
#include "security/securityview.h"
#include "state/security/permissiontext.h"
#include "support/etcdctl.h"
#include "support/logcapture.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDirIterator>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMutex>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

namespace {

const QString kRootPassword = QStringLiteral("View-root-pw-4d1a");
const QString kDavePassword = QStringLiteral("View-dave-pw-9c3e");
const QString kDaveNewPassword = QStringLiteral("View-dave-new-7b20");
const QString kAlicePassword = QStringLiteral("View-alice-pw-22f5");
const QStringList kSecrets{kRootPassword, kDavePassword, kDaveNewPassword, kAlicePassword};

QStringList userRoles(const Etcdctl &ctl, const QString &user)
{
    const EtcdctlResult r = ctl.run({QStringLiteral("user"), QStringLiteral("get"), user, QStringLiteral("-w=json")});
    if (!r.ok())
        return {QStringLiteral("<error: %1>").arg(QString::fromUtf8(r.err.trimmed()))};
    QStringList roles;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).object().value(QLatin1String("roles")).toArray())
        roles << v.toString();
    roles.sort();
    return roles;
}

// "readwrite 2f6f70732f 2f6f707330" per permission (type, key and range end in hex).
QStringList rolePermissions(const Etcdctl &ctl, const QString &role)
{
    const EtcdctlResult r = ctl.run({QStringLiteral("role"), QStringLiteral("get"), role, QStringLiteral("-w=json")});
    if (!r.ok())
        return {QStringLiteral("<error: %1>").arg(QString::fromUtf8(r.err.trimmed()))};
    QStringList out;
    const char *types[] = {"read", "write", "readwrite"};
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).object().value(QLatin1String("perm")).toArray()) {
        const QJsonObject p = v.toObject();
        out << QStringLiteral("%1 %2 %3")
                   .arg(QLatin1String(types[p.value(QLatin1String("permType")).toInt()]),
                        QString::fromLatin1(QByteArray::fromBase64(p.value(QLatin1String("key")).toString().toLatin1()).toHex()),
                        QString::fromLatin1(
                            QByteArray::fromBase64(p.value(QLatin1String("range_end")).toString().toLatin1()).toHex()));
    }
    out.sort();
    return out;
}

QStringList names(const Etcdctl &ctl, const QString &what)
{
    QStringList out;
    for (const QByteArray &line : ctl.run({what, QStringLiteral("list")}).out.split('\n'))
        if (!line.trimmed().isEmpty())
            out << QString::fromUtf8(line.trimmed());
    return out;
}

bool run(const Etcdctl &ctl, const QString &command)
{
    const EtcdctlResult r = ctl.run(command.split(QLatin1Char(' ')));
    if (!r.ok())
        qWarning("etcdctl %s: %s", qPrintable(command), r.describe().constData());
    return r.ok();
}

QPushButton *button(const SecurityView &view, const char *name)
{
    return view.findChild<QPushButton *>(QLatin1String(name));
}

// Models under the tester for as long as the view lives.
struct Testers
{
    explicit Testers(SecurityView &view)
        : users(view.usersModel(), QAbstractItemModelTester::FailureReportingMode::QtTest),
          roles(view.rolesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest),
          permissions(view.permissionsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest)
    {}
    QAbstractItemModelTester users, roles, permissions;
};

} // namespace

class TestSecurityView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listsWhatEtcdctlSetUp();
    void changesThroughDialogsReachEtcd();
    void enableIsRefusedWithoutRootAndWarnsOfLockOut();
    void enableAndDisableWithARootConnection();
    void readOnlyDisablesEveryChange();
    void passwordsStayOutOfLogsAndSettings();

private:
    std::unique_ptr<LocalCluster> m_cluster; // authentication stays off here
    QTemporaryDir m_settingsDir;
};

void TestSecurityView::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    LogCapture::install();
    QVERIFY(m_settingsDir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("etcd-console-test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_securityview"));
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
}

void TestSecurityView::cleanupTestCase()
{
    m_cluster.reset();
    LogCapture::uninstall();
}

void TestSecurityView::listsWhatEtcdctlSetUp()
{
    const Etcdctl ctl = etcdctlFor(*m_cluster);
    for (const char *command :
         {"role add app-reader", "role grant-permission app-reader read /app/ --prefix=true",
          "role grant-permission app-reader readwrite /cfg/flag", "role add ops",
          "role grant-permission ops readwrite /ops/ --prefix=true", "role grant-permission ops read /logs/ --prefix=true",
          "role add auditor", "user add alice:x1", "user grant-role alice app-reader", "user add bob:x2",
          "user add olga:x3", "user grant-role olga ops", "user grant-role olga auditor"})
        QVERIFY(run(ctl, QLatin1String(command)));
    // etcdctl's empty key with --prefix (all keys) cannot be written on a space-split line.
    QVERIFY(ctl.run({QStringLiteral("role"), QStringLiteral("grant-permission"), QStringLiteral("auditor"),
                     QStringLiteral("read"), QString(), QStringLiteral("--prefix=true")})
                .ok());

    EtcdClient client(optionsFor(*m_cluster));
    SecurityView view(&client);
    Testers testers(view);
    QSignalSpy loaded(&view, &SecurityView::loaded);
    view.resize(1180, 640);
    view.show();
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
    QCOMPARE(view.authState(), SecurityView::AuthState::Disabled);
    QVERIFY2(view.authText().contains(QLatin1String("disabled")), qPrintable(view.authText()));
    QCOMPARE(view.findChild<QGroupBox *>(QStringLiteral("usersBox"))->title(), QStringLiteral("Users (3)"));
    QCOMPARE(view.findChild<QGroupBox *>(QStringLiteral("rolesBox"))->title(), QStringLiteral("Roles (3)"));

    UsersModel *users = view.usersModel();
    QCOMPARE(users->rowCount(), 3);
    QCOMPARE(users->index(users->rowOf(QStringLiteral("alice")), UsersModel::Roles).data().toString(),
             QStringLiteral("app-reader"));
    QCOMPARE(users->index(users->rowOf(QStringLiteral("bob")), UsersModel::Roles).data().toString(), QStringLiteral("no role"));
    QCOMPARE(users->index(users->rowOf(QStringLiteral("olga")), UsersModel::Roles).data().toString(),
             QStringLiteral("auditor, ops"));
    RolesModel *roles = view.rolesModel();
    QCOMPARE(roles->names(), (QStringList{QStringLiteral("app-reader"), QStringLiteral("auditor"), QStringLiteral("ops")}));
    QCOMPARE(roles->index(roles->rowOf(QStringLiteral("auditor")), RolesModel::Summary).data().toString(),
             QStringLiteral("read all keys"));

    view.selectRole(QStringLiteral("app-reader"));
    PermissionsModel *perms = view.permissionsModel();
    QCOMPARE(perms->rowCount(), 2);
    QStringList shown;
    for (int row = 0; row < perms->rowCount(); ++row)
        shown << QStringLiteral("%1 %2 (%3)")
                     .arg(perms->index(row, PermissionsModel::Access).data().toString(),
                          perms->index(row, PermissionsModel::Keys).data().toString(),
                          perms->index(row, PermissionsModel::Kind).data().toString());
    QCOMPARE(shown, (QStringList{QStringLiteral("read /app/* (prefix)"), QStringLiteral("readwrite /cfg/flag (exact key)")}));

    // Changes made elsewhere appear on refresh, row by row (the testers check the signals).
    QVERIFY(run(ctl, QStringLiteral("user add carol:x4")));
    QVERIFY(run(ctl, QStringLiteral("user grant-role bob ops")));
    QVERIFY(run(ctl, QStringLiteral("role revoke-permission app-reader /cfg/flag")));
    view.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 15000);
    QCOMPARE(users->rowCount(), 4);
    QCOMPARE(users->index(users->rowOf(QStringLiteral("bob")), UsersModel::Roles).data().toString(), QStringLiteral("ops"));
    QCOMPARE(view.selectedRole(), QStringLiteral("app-reader")); // the selection survived
    QCOMPARE(perms->rowCount(), 1);

    if (!qEnvironmentVariableIsEmpty("SECURITY_SHOT")) {
        view.selectUser(QStringLiteral("olga"));
        view.selectRole(QStringLiteral("ops"));
        view.permissionsTable()->setCurrentIndex(perms->index(0, 0));
        QTest::qWait(200);
        QVERIFY(view.grab().save(qEnvironmentVariable("SECURITY_SHOT")));
    }
    for (const char *command : {"user delete alice", "user delete bob", "user delete carol", "user delete olga",
                                "role delete app-reader", "role delete ops", "role delete auditor"})
        QVERIFY(run(ctl, QLatin1String(command)));
}

void TestSecurityView::changesThroughDialogsReachEtcd()
{
    const Etcdctl ctl = etcdctlFor(*m_cluster);
    EtcdClient client(optionsFor(*m_cluster));
    SecurityView view(&client);
    Testers testers(view);
    QStringList asked;
    view.setConfirmation([&asked](const QString &q) {
        asked << q;
        return true;
    });
    QSignalSpy loaded(&view, &SecurityView::loaded);
    QSignalSpy finished(&view, &SecurityView::actionFinished);
    view.show();
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);

    // Add a user: the passwords are masked and must match.
    button(view, "addUserButton")->click();
    auto *userDialog = qobject_cast<UserDialog *>(view.currentDialog());
    QVERIFY(userDialog);
    QVERIFY(userDialog->isVisible());
    QCOMPARE(userDialog->passwordEdit()->echoMode(), QLineEdit::Password);
    QCOMPARE(userDialog->confirmEdit()->echoMode(), QLineEdit::Password);
    userDialog->nameEdit()->setText(QStringLiteral("dave"));
    userDialog->passwordEdit()->setText(kDavePassword);
    userDialog->confirmEdit()->setText(kDavePassword + QLatin1Char('x'));
    QVERIFY(!userDialog->okButton()->isEnabled());
    QVERIFY(userDialog->hintText().contains(QLatin1String("differ")));
    userDialog->confirmEdit()->setText(kDavePassword);
    QVERIFY(userDialog->okButton()->isEnabled());
    userDialog->okButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY2(finished.last().at(1).toBool(), qPrintable(finished.last().at(2).toString()));
    QVERIFY(names(ctl, QStringLiteral("user")).contains(QStringLiteral("dave")));
    QTRY_COMPARE_WITH_TIMEOUT(view.selectedUser(), QStringLiteral("dave"), 10000); // the new user is selected

    // Add a role and grant it readwrite on a prefix.
    button(view, "addRoleButton")->click();
    auto *roleDialog = qobject_cast<NameDialog *>(view.currentDialog());
    QVERIFY(roleDialog);
    QVERIFY(!roleDialog->okButton()->isEnabled());
    roleDialog->combo()->setEditText(QStringLiteral("ops"));
    roleDialog->okButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
    QVERIFY(names(ctl, QStringLiteral("role")).contains(QStringLiteral("ops")));
    QTRY_COMPARE_WITH_TIMEOUT(view.selectedRole(), QStringLiteral("ops"), 10000);

    button(view, "grantPermissionButton")->click();
    auto *permDialog = qobject_cast<PermissionDialog *>(view.currentDialog());
    QVERIFY(permDialog);
    permDialog->kindCombo()->setCurrentIndex(permDialog->kindCombo()->findData(int(permissiontext::RangeKind::Prefix)));
    QVERIFY(!permDialog->okButton()->isEnabled()); // no prefix typed yet
    permDialog->keyEdit()->setText(QStringLiteral("/ops/"));
    permDialog->typeCombo()->setCurrentIndex(permDialog->typeCombo()->findData(int(Permission::ReadWrite)));
    QCOMPARE(permDialog->previewText(), QStringLiteral("ops grants readwrite /ops/*."));
    permDialog->okButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 10000);
    QCOMPARE(rolePermissions(ctl, QStringLiteral("ops")), QStringList{QStringLiteral("readwrite 2f6f70732f 2f6f707330")});
    // An exact key for read, then all keys for write.
    button(view, "grantPermissionButton")->click();
    permDialog = qobject_cast<PermissionDialog *>(view.currentDialog());
    QVERIFY(permDialog);
    permDialog->kindCombo()->setCurrentIndex(permDialog->kindCombo()->findData(int(permissiontext::RangeKind::ExactKey)));
    permDialog->keyEdit()->setText(QStringLiteral("/cfg/flag"));
    permDialog->okButton()->click(); // read is the default
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 4, 10000);
    button(view, "grantPermissionButton")->click();
    permDialog = qobject_cast<PermissionDialog *>(view.currentDialog());
    QVERIFY(permDialog);
    permDialog->kindCombo()->setCurrentIndex(permDialog->kindCombo()->findData(int(permissiontext::RangeKind::AllKeys)));
    QVERIFY(!permDialog->keyEdit()->isEnabled());
    permDialog->typeCombo()->setCurrentIndex(permDialog->typeCombo()->findData(int(Permission::Write)));
    permDialog->okButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 5, 10000);
    QCOMPARE(rolePermissions(ctl, QStringLiteral("ops")),
             (QStringList{QStringLiteral("read 2f6366672f666c6167 "), QStringLiteral("readwrite 2f6f70732f 2f6f707330"),
                          QStringLiteral("write 00 00")}));
    QTRY_COMPARE_WITH_TIMEOUT(view.permissionsModel()->rowCount(), 3, 10000);

    // Grant the role to dave, through the role picker.
    view.selectUser(QStringLiteral("dave"));
    button(view, "grantRoleButton")->click();
    auto *grant = qobject_cast<NameDialog *>(view.currentDialog());
    QVERIFY(grant);
    QVERIFY(grant->combo()->findText(QStringLiteral("ops")) >= 0);
    grant->combo()->setCurrentIndex(grant->combo()->findText(QStringLiteral("ops")));
    grant->okButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 6, 10000);
    QCOMPARE(userRoles(ctl, QStringLiteral("dave")), QStringList{QStringLiteral("ops")});
    QTRY_COMPARE_WITH_TIMEOUT(
        view.usersModel()->index(view.usersModel()->rowOf(QStringLiteral("dave")), UsersModel::Roles).data().toString(),
        QStringLiteral("ops"), 10000);

    // Change dave's password (the fields are emptied once the dialog closes).
    button(view, "changePasswordButton")->click();
    auto *password = qobject_cast<UserDialog *>(view.currentDialog());
    QVERIFY(password);
    QVERIFY(password->nameEdit()->isReadOnly());
    QCOMPARE(password->name(), QStringLiteral("dave"));
    password->passwordEdit()->setText(kDaveNewPassword);
    password->confirmEdit()->setText(kDaveNewPassword);
    QLineEdit *passwordField = password->passwordEdit();
    QPointer<UserDialog> guard(password);
    password->okButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 7, 10000);
    QVERIFY2(finished.last().at(1).toBool(), qPrintable(finished.last().at(2).toString()));
    QVERIFY(!guard || passwordField->text().isEmpty());

    // Revoke the exact-key permission (asked first), the role, then delete both.
    view.selectRole(QStringLiteral("ops"));
    PermissionsModel *perms = view.permissionsModel();
    int exactRow = -1;
    for (int row = 0; row < perms->rowCount(); ++row)
        if (perms->index(row, PermissionsModel::Keys).data().toString() == QLatin1String("/cfg/flag"))
            exactRow = row;
    QVERIFY(exactRow >= 0);
    view.permissionsTable()->setCurrentIndex(perms->index(exactRow, 0));
    button(view, "revokePermissionButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 8, 10000);
    QVERIFY(asked.last().contains(QLatin1String("read /cfg/flag")));
    QCOMPARE(rolePermissions(ctl, QStringLiteral("ops")).size(), 2);

    QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 10000);
    view.selectUser(QStringLiteral("dave"));
    button(view, "revokeRoleButton")->click();
    auto *revoke = qobject_cast<NameDialog *>(view.currentDialog());
    QVERIFY(revoke);
    QCOMPARE(revoke->value(), QStringLiteral("ops"));
    revoke->okButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 9, 10000);
    QCOMPARE(userRoles(ctl, QStringLiteral("dave")), QStringList());

    QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 10000);
    view.selectRole(QStringLiteral("ops"));
    button(view, "deleteRoleButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 10, 10000);
    QVERIFY(asked.last().contains(QLatin1String("No user has it")));
    view.selectUser(QStringLiteral("dave"));
    button(view, "deleteUserButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 11, 10000);
    QVERIFY(!names(ctl, QStringLiteral("user")).contains(QStringLiteral("dave")));
    QVERIFY(!names(ctl, QStringLiteral("role")).contains(QStringLiteral("ops")));
    QTRY_COMPARE_WITH_TIMEOUT(view.usersModel()->rowCount(), 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(view.rolesModel()->rowCount(), 0, 10000);

    // A refusal by etcd is shown in words, and nothing else changes.
    view.setConfirmation([](const QString &) { return true; });
    button(view, "addRoleButton")->click();
    roleDialog = qobject_cast<NameDialog *>(view.currentDialog());
    QVERIFY(roleDialog);
    roleDialog->combo()->setEditText(QStringLiteral("twice"));
    roleDialog->okButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 12, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 10000);
    button(view, "addRoleButton")->click();
    roleDialog = qobject_cast<NameDialog *>(view.currentDialog());
    roleDialog->combo()->setEditText(QStringLiteral("twice"));
    roleDialog->okButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 13, 10000);
    QVERIFY(!finished.last().at(1).toBool());
    QVERIFY2(view.statusText().contains(QLatin1String("role name already exists")), qPrintable(view.statusText()));
    QVERIFY(run(ctl, QStringLiteral("role delete twice")));
}

void TestSecurityView::enableIsRefusedWithoutRootAndWarnsOfLockOut()
{
    const Etcdctl ctl = etcdctlFor(*m_cluster);
    EtcdClient client(optionsFor(*m_cluster)); // no user: enabling would lock this console out
    SecurityView view(&client);
    Testers testers(view);
    QStringList asked;
    bool answer = false;
    view.setConfirmation([&asked, &answer](const QString &q) {
        asked << q;
        return answer;
    });
    QSignalSpy loaded(&view, &SecurityView::loaded);
    QSignalSpy finished(&view, &SecurityView::actionFinished);
    view.show();
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
    QVERIFY(button(view, "enableAuthButton")->isEnabled());
    QVERIFY(!button(view, "disableAuthButton")->isEnabled());

    // No root: refused with the reason, and the offer declined changes nothing.
    button(view, "enableAuthButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked[0].contains(QLatin1String("there is no user root")) && asked[0].contains(QLatin1String("Create")),
             qPrintable(asked[0]));
    QVERIFY(!finished.last().at(1).toBool());
    QVERIFY2(view.statusText().contains(QLatin1String("Authentication not enabled")), qPrintable(view.statusText()));
    QVERIFY(!names(ctl, QStringLiteral("user")).contains(QStringLiteral("root")));
    QVERIFY(run(ctl, QStringLiteral("get /anything"))); // still no sign-in needed

    // Accept the offer: root is created with the password typed in the dialog, gets the root role,
    // then the lock-out warning comes: this connection has no user. Declined.
    answer = true;
    button(view, "enableAuthButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<UserDialog *>(view.currentDialog()), 10000);
    auto *rootDialog = qobject_cast<UserDialog *>(view.currentDialog());
    QCOMPARE(rootDialog->mode(), UserDialog::Mode::AddRoot);
    QCOMPARE(rootDialog->name(), QStringLiteral("root"));
    QVERIFY(rootDialog->nameEdit()->isReadOnly());
    rootDialog->passwordEdit()->setText(kRootPassword);
    rootDialog->confirmEdit()->setText(kRootPassword);
    view.setConfirmation([&asked](const QString &q) {
        asked << q;
        return !q.contains(QLatin1String("Enable now?")); // decline only the final step
    });
    rootDialog->okButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!asked.isEmpty() && asked.last().contains(QLatin1String("Enable now?")), 15000);
    const QString warning = asked.last();
    QVERIFY2(warning.contains(QLatin1String("uses no user")), qPrintable(warning));
    QVERIFY2(warning.contains(QLatin1String("lock itself out")), qPrintable(warning));
    QVERIFY2(warning.contains(QLatin1String("must log in as root or a user with the root role")), qPrintable(warning));
    QTRY_VERIFY_WITH_TIMEOUT(view.statusText().contains(QLatin1String("left disabled")), 10000);
    QCOMPARE(userRoles(ctl, QStringLiteral("root")), QStringList{QStringLiteral("root")});
    QVERIFY(names(ctl, QStringLiteral("role")).contains(QStringLiteral("root")));
    QVERIFY(run(ctl, QStringLiteral("get /anything"))); // authentication is still off
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 10000);
    QCOMPARE(view.authState(), SecurityView::AuthState::Disabled);
    // etcdctl can sign in as root with the password typed into the dialog.
    QVERIFY(Etcdctl(m_cluster->clientEndpoints(), {QStringLiteral("--user=root:") + kRootPassword})
                .run({QStringLiteral("user"), QStringLiteral("list")})
                .ok());
    QVERIFY(run(ctl, QStringLiteral("user delete root")));
    QVERIFY(run(ctl, QStringLiteral("role delete root")));
}

void TestSecurityView::enableAndDisableWithARootConnection()
{
    START_CLUSTER(cluster, 1);
    const Etcdctl ctl = etcdctlFor(*cluster);
    for (const char *command : {"role add root", "user grant-role root root", "role add app-reader",
                                "role grant-permission app-reader read /app/ --prefix=true"})
        if (QByteArray(command) == "user grant-role root root") {
            QVERIFY(ctl.run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("root:") + kRootPassword}).ok());
            QVERIFY(run(ctl, QLatin1String(command)));
        } else {
            QVERIFY(run(ctl, QLatin1String(command)));
        }
    QVERIFY(ctl.run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("alice:") + kAlicePassword}).ok());
    QVERIFY(run(ctl, QStringLiteral("user grant-role alice app-reader")));

    ConnectionOptions o = optionsFor(*cluster);
    o.user = QStringLiteral("root");
    o.password = kRootPassword;
    EtcdClient client(o);
    SecurityView view(&client);
    Testers testers(view);
    QStringList asked;
    view.setConfirmation([&asked](const QString &q) {
        asked << q;
        return true;
    });
    QSignalSpy loaded(&view, &SecurityView::loaded);
    QSignalSpy finished(&view, &SecurityView::actionFinished);
    view.show();
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
    QVERIFY(view.usersModel()->index(view.usersModel()->rowOf(QStringLiteral("root")), UsersModel::Name)
                .data()
                .toString()
                .contains(QLatin1String("this connection")));

    button(view, "enableAuthButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
    QVERIFY2(finished.last().at(1).toBool(), qPrintable(finished.last().at(2).toString()));
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked[0].contains(QLatin1String("uses the user root, which has the root role")), qPrintable(asked[0]));
    QVERIFY2(asked[0].contains(QLatin1String("keeps working")), qPrintable(asked[0]));
    QVERIFY(!ctl.run({QStringLiteral("get"), QStringLiteral("/x")}).ok()); // etcdctl without a user is refused now
    // The view reloads through the same connection, now signed in.
    QTRY_COMPARE_WITH_TIMEOUT(view.authState(), SecurityView::AuthState::Enabled, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 10000);
    QVERIFY2(view.usersErrorText().isEmpty(), qPrintable(view.usersErrorText()));
    QCOMPARE(view.usersModel()->rowCount(), 2);
    QVERIFY(!button(view, "enableAuthButton")->isEnabled());
    QVERIFY(button(view, "disableAuthButton")->isEnabled());

    // alice has no root role: the view says why it cannot list, and does not crash.
    {
        ConnectionOptions a = optionsFor(*cluster);
        a.user = QStringLiteral("alice");
        a.password = kAlicePassword;
        EtcdClient alice(a);
        SecurityView aliceView(&alice);
        Testers aliceTesters(aliceView);
        QSignalSpy aliceLoaded(&aliceView, &SecurityView::loaded);
        aliceView.start();
        QTRY_COMPARE_WITH_TIMEOUT(aliceLoaded.count(), 1, 15000);
        QVERIFY2(aliceView.usersErrorText().contains(QLatin1String("permission denied")), qPrintable(aliceView.usersErrorText()));
        QVERIFY(aliceView.usersErrorText().contains(QLatin1String("needs the root role")));
        QVERIFY(aliceView.usersErrorText().contains(QLatin1String("alice")));
        QVERIFY(aliceView.rolesErrorText().contains(QLatin1String("permission denied")));
        QCOMPARE(aliceView.usersModel()->rowCount(), 0);
        QCOMPARE(aliceView.authState(), SecurityView::AuthState::Enabled);
        // etcd would refuse every change from alice: the buttons are off and say why.
        for (const char *name : {"disableAuthButton", "addUserButton", "addRoleButton"}) {
            QVERIFY2(!button(aliceView, name)->isEnabled(), name);
            QVERIFY(button(aliceView, name)->toolTip().contains(QLatin1String("root role")));
        }
        QVERIFY(button(view, "addUserButton")->isEnabled()); // root's own view is not affected
    }

    button(view, "disableAuthButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 15000);
    QVERIFY2(finished.last().at(1).toBool(), qPrintable(finished.last().at(2).toString()));
    QVERIFY(asked.last().contains(QLatin1String("Disable authentication?")));
    QTRY_COMPARE_WITH_TIMEOUT(view.authState(), SecurityView::AuthState::Disabled, 15000);
    QVERIFY(run(ctl, QStringLiteral("get /x")));
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 10000);
    QCOMPARE(view.usersModel()->rowCount(), 2);
}

void TestSecurityView::readOnlyDisablesEveryChange()
{
    const Etcdctl ctl = etcdctlFor(*m_cluster);
    QVERIFY(run(ctl, QStringLiteral("role add ro-role")));
    QVERIFY(run(ctl, QStringLiteral("role grant-permission ro-role read /ro/ --prefix=true")));
    QVERIFY(run(ctl, QStringLiteral("user add ro-user:x")));
    QVERIFY(run(ctl, QStringLiteral("user grant-role ro-user ro-role")));
    ConnectionOptions o = optionsFor(*m_cluster);
    o.readOnly = true;
    EtcdClient client(o);
    SecurityView view(&client);
    Testers testers(view);
    view.setConfirmation([](const QString &) { return true; });
    QSignalSpy loaded(&view, &SecurityView::loaded);
    view.show();
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
    QCOMPARE(view.usersModel()->rowCount(), 1); // reading works
    view.selectUser(QStringLiteral("ro-user"));
    view.selectRole(QStringLiteral("ro-role"));
    view.permissionsTable()->setCurrentIndex(view.permissionsModel()->index(0, 0));
    auto *notice = view.findChild<QLabel *>(QStringLiteral("readOnlyNotice"));
    QVERIFY(notice && notice->isVisible());
    QVERIFY(notice->text().contains(QLatin1String("Read-only")));
    for (const char *name : {"enableAuthButton", "disableAuthButton", "addUserButton", "deleteUserButton",
                             "changePasswordButton", "grantRoleButton", "revokeRoleButton", "addRoleButton",
                             "deleteRoleButton", "grantPermissionButton", "revokePermissionButton"}) {
        QPushButton *b = button(view, name);
        QVERIFY2(b, name);
        QVERIFY2(!b->isEnabled(), name);
        QVERIFY2(b->toolTip().contains(QLatin1String("Read-only")), name);
    }
    QVERIFY(button(view, "refreshSecurityButton")->isEnabled());
    // Even called directly, the actions open nothing and send nothing.
    QSignalSpy finished(&view, &SecurityView::actionFinished);
    view.askAddUser();
    view.askDeleteUser();
    view.askRevokePermission();
    view.askDeleteRole();
    view.askEnableAuth();
    QVERIFY(!view.currentDialog());
    QTest::qWait(300);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(names(ctl, QStringLiteral("user")), QStringList{QStringLiteral("ro-user")});
    QCOMPARE(rolePermissions(ctl, QStringLiteral("ro-role")).size(), 1);
    QVERIFY(run(ctl, QStringLiteral("user delete ro-user")));
    QVERIFY(run(ctl, QStringLiteral("role delete ro-role")));
}

void TestSecurityView::passwordsStayOutOfLogsAndSettings()
{
    // The views above kept their layout in the settings: the file exists, and holds no password.
    QSettings().sync();
    QVERIFY(QSettings().contains(QStringLiteral("security/securitySplitter")));
    int files = 0;
    QDirIterator it(m_settingsDir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        ++files;
        for (const QString &secret : kSecrets)
            QVERIFY2(!content.contains(secret.toUtf8()), qPrintable(f.fileName()));
    }
    QVERIFY(files >= 1);
    QStringList log;
    {
        log = LogCapture::lines();
    }
    QVERIFY(!log.isEmpty());
    qInfo("checked %d settings file(s) and %d log lines", files, int(log.size()));
    for (const QString &line : qAsConst(log))
        for (const QString &secret : kSecrets)
            QVERIFY2(!line.contains(secret), qPrintable(line));
}

QTEST_MAIN(TestSecurityView)
#include "tst_securityview.moc"
