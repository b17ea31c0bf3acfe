// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Users, roles and permissions administered through etcd::Auth against real etcd, checked
// independently with etcdctl (`user get`, `role get -w json`) and by behaviour (what a user granted
// a permission can and cannot do). Enabling and disabling authentication keeps the administering
// connection working, also when etcdctl switches it behind the client's back. A read-only
// connection sends none of it (etcd's own RPC counters), and no password ever appears in an error
// text or in anything logged (every category switched on and captured).

#include "client/etcdclient.h"
#include "client/keyrange.h"
#include "format/keytext.h"
#include "state/security/authenable.h"
#include "state/security/permissiontext.h"
#include "support/logcapture.h"
#include "support/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

namespace {

const QString kRootPassword = QStringLiteral("Root-pw-51c9");
const QString kAlicePassword = QStringLiteral("Alice-pw-8e2d");
const QString kAliceNewPassword = QStringLiteral("Alice-new-pw-0b7f");
const QString kBobPassword = QStringLiteral("Bob-pw-3a64");
const QStringList kSecrets{kRootPassword, kAlicePassword, kAliceNewPassword, kBobPassword};

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// `etcdctl role get NAME -w json` as "TYPE KEY RANGE_END" lines (keys escaped), sorted.
QStringList ctlPermissions(const Etcdctl &ctl, const QString &role, QString *error)
{
    const EtcdctlResult r = ctl.run({QStringLiteral("role"), QStringLiteral("get"), role, QStringLiteral("-w"),
                                     QStringLiteral("json")});
    if (!r.ok()) {
        *error = QString::fromUtf8(r.describe());
        return {};
    }
    QStringList out;
    const QJsonArray perms = QJsonDocument::fromJson(r.out).object().value(QLatin1String("perm")).toArray();
    for (const QJsonValue &v : perms) {
        const QJsonObject p = v.toObject();
        const QByteArray key = QByteArray::fromBase64(p.value(QLatin1String("key")).toString().toLatin1());
        const QByteArray end = QByteArray::fromBase64(p.value(QLatin1String("range_end")).toString().toLatin1());
        const auto type = static_cast<Permission::Type>(p.value(QLatin1String("permType")).toInt());
        out << QStringLiteral("%1 %2 %3")
                   .arg(permissiontext::typeName(type), QString::fromLatin1(key.toHex()), QString::fromLatin1(end.toHex()));
    }
    out.sort();
    return out;
}

QString permLine(Permission::Type type, const QByteArray &key, const QByteArray &end)
{
    return QStringLiteral("%1 %2 %3")
        .arg(permissiontext::typeName(type), QString::fromLatin1(key.toHex()), QString::fromLatin1(end.toHex()));
}

// `etcdctl user get NAME -w json`: the user's roles, or empty with *error.
QStringList ctlUserRoles(const Etcdctl &ctl, const QString &user, QString *error)
{
    const EtcdctlResult r = ctl.run({QStringLiteral("user"), QStringLiteral("get"), user, QStringLiteral("-w"),
                                     QStringLiteral("json")});
    if (!r.ok()) {
        *error = QString::fromUtf8(r.err);
        return {};
    }
    QStringList roles;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).object().value(QLatin1String("roles")).toArray())
        roles << v.toString();
    return sorted(roles);
}

QStringList ctlList(const Etcdctl &ctl, const QString &what)
{
    const EtcdctlResult r = ctl.run({what, QStringLiteral("list")});
    QStringList out;
    for (const QByteArray &line : r.out.split('\n'))
        if (!line.trimmed().isEmpty())
            out << QString::fromUtf8(line.trimmed());
    return sorted(out);
}

} // namespace

class TestAuthAdmin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void permissionTextBothWays();
    void credentialsWorkWhileAuthIsOff();
    void usersAndRolesCrud();
    void permissionsOfEveryTypeAndRange();
    void enableWithoutRootIsRefusedInPlainWords();
    void guardedEnableChecksRootAndWhatItDoesToThisConnection();
    void enableAndDisableKeepTheConnectionWorking();
    void readOnlyConnectionChangesNothing();
    void passwordsNeverAppearInErrorsOrLogs();

private:
    void remember(const EtcdError &error);

    std::unique_ptr<LocalCluster> m_cluster; // authentication stays off here
    QStringList m_errorTexts;
};

void TestAuthAdmin::initTestCase()
{
    // Every debug message of every category is produced and captured, gRPC's included.
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    LogCapture::install();
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
}

void TestAuthAdmin::cleanupTestCase()
{
    m_cluster.reset();
    LogCapture::uninstall();
}

void TestAuthAdmin::remember(const EtcdError &error)
{
    if (error)
        m_errorTexts << error.toString() << error.message();
}

void TestAuthAdmin::permissionTextBothWays()
{
    using namespace permissiontext;
    const QByteArray zero(1, '\0');
    QCOMPARE(describeRange("/app/config", {}), QStringLiteral("/app/config"));
    QCOMPARE(describeRange("/app/", "/app0"), QStringLiteral("/app/*"));
    QCOMPARE(describeRange(zero, zero), QStringLiteral("all keys"));
    QCOMPARE(describeRange("/from", zero), QStringLiteral(">= /from"));
    QCOMPARE(describeRange("/a", "/c"), QStringLiteral("[/a, /c)"));
    QCOMPARE(describeRange(QByteArray("/bin\x01\xff", 6), {}), QStringLiteral("/bin\\x01\\xff"));
    QCOMPARE(kindOf("/a", "/b"), RangeKind::Prefix); // "/a" and everything under it: etcdctl says prefix too
    QCOMPARE(kindOf("/a", "/a\x01"), RangeKind::Range);
    QCOMPARE(kindName(RangeKind::FromKey), QStringLiteral("from key"));
    // Keys read as everywhere else in the console (format/keytext.h): UTF-8 as it is, a backslash
    // doubled, other bytes as \xNN.
    const QByteArray odd("/caf\xc3\xa9/a\\b\x00", 11);
    QCOMPARE(describeRange(odd, {}), displayKey(odd));
    QCOMPARE(describeRange(odd, {}), QStringLiteral("/café/a\\\\b\\x00"));
    QCOMPARE(describe(Permission{Permission::ReadWrite, "/app/", "/app0"}), QStringLiteral("readwrite /app/*"));
    QCOMPARE(describe(Permission{Permission::Write, "/k", {}}), QStringLiteral("write /k"));
    QCOMPARE(describe(Permission{Permission::Read, zero, zero}), QStringLiteral("read all keys"));

    QByteArray key, end;
    QString error;
    QVERIFY(rangeFor(RangeKind::Prefix, "/app/", &key, &end, &error));
    QCOMPARE(key, QByteArray("/app/"));
    QCOMPARE(end, keyrange::prefixEnd("/app/"));
    QCOMPARE(kindOf(key, end), RangeKind::Prefix);
    QVERIFY(rangeFor(RangeKind::ExactKey, "/app/x", &key, &end, &error));
    QCOMPARE(key, QByteArray("/app/x"));
    QVERIFY(end.isEmpty());
    QVERIFY(rangeFor(RangeKind::AllKeys, "ignored", &key, &end, &error));
    QCOMPARE(key, zero);
    QCOMPARE(end, zero);
    QVERIFY(rangeFor(RangeKind::FromKey, "/m", &key, &end, &error));
    QCOMPARE(describeRange(key, end), QStringLiteral(">= /m"));
    QVERIFY(!rangeFor(RangeKind::Prefix, {}, &key, &end, &error));
    QVERIFY(error.contains(QLatin1String("all keys")));
    error.clear();
    QVERIFY(!rangeFor(RangeKind::ExactKey, {}, &key, &end, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!rangeFor(RangeKind::Range, "/a", &key, &end, &error));
}

void TestAuthAdmin::credentialsWorkWhileAuthIsOff()
{
    // A connection with a user name on a cluster without authentication: etcd answers the sign-in
    // with "authentication is not enabled", and the calls go on without a token (as etcdctl does).
    EtcdClient client(optionsAs(*m_cluster, QStringLiteral("root"), kRootPassword));
    QVERIFY_OK(resultOf(client.kv().put("/off/k", "v")));
    auto got = resultOf(client.kv().get("/off/k"));
    QVERIFY_OK(got);
    QCOMPARE(got->kvs.size(), 1);
    QVERIFY(client.connection()->authOff(0));
    QVERIFY(client.connection()->token(0).empty());
    auto status = resultOf(client.auth().status());
    QVERIFY_OK(status);
    QVERIFY(!status->enabled);
    // Streams too: a watch sees the next put.
    Watcher *w = client.watch(WatchOptions::prefix("/off/"), this);
    QList<QByteArray> seen;
    connect(w, &Watcher::events, this, [&seen](const WatchEvents &batch) {
        for (const WatchEvent &e : batch)
            seen << e.kv.key;
    });
    QSignalSpy created(w, &Watcher::created);
    QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 10000);
    QVERIFY_OK(resultOf(client.kv().put("/off/k2", "v")));
    QTRY_COMPARE_WITH_TIMEOUT(seen, QList<QByteArray>{"/off/k2"}, 10000);
    delete w;
    // And lease keepalives, on their own stream.
    auto lease = resultOf(client.lease().grant(2));
    QVERIFY_OK(lease);
    KeepAlive *keepAlive = client.keepAlive(lease->id, lease->ttl, this);
    QSignalSpy lost(keepAlive, &KeepAlive::lost);
    QTRY_VERIFY_WITH_TIMEOUT(keepAlive->refreshCount() >= 3, 10000);
    QCOMPARE(lost.count(), 0);
    delete keepAlive;
    // Finding out that auth is off took a handful of sign-in attempts, not one per call.
    const double signIns = etcdMetric(m_cluster->clientEndpoint(0), "grpc_server_started_total",
                                      "grpc_method=\"Authenticate\"");
    QVERIFY2(signIns >= 1 && signIns <= 4, qPrintable(QString::number(signIns)));
}

void TestAuthAdmin::usersAndRolesCrud()
{
    EtcdClient client(optionsFor(*m_cluster));
    Auth auth = client.auth();
    const Etcdctl ctl = etcdctlFor(*m_cluster);
    QString error;

    QVERIFY_OK(resultOf(auth.addRole(QStringLiteral("crud-reader"))));
    QVERIFY_OK(resultOf(auth.addRole(QStringLiteral("crud-writer"))));
    QVERIFY_OK(resultOf(auth.addUser(QStringLiteral("crud-alice"), kAlicePassword)));
    QVERIFY_OK(resultOf(auth.addUser(QStringLiteral("crud-bob"), kBobPassword)));
    QVERIFY_OK(resultOf(auth.grantRole(QStringLiteral("crud-alice"), QStringLiteral("crud-reader"))));
    QVERIFY_OK(resultOf(auth.grantRole(QStringLiteral("crud-alice"), QStringLiteral("crud-writer"))));

    QVERIFY(ctlList(ctl, QStringLiteral("user")).contains(QStringLiteral("crud-alice")));
    QVERIFY(ctlList(ctl, QStringLiteral("role")).contains(QStringLiteral("crud-writer")));
    QCOMPARE(ctlUserRoles(ctl, QStringLiteral("crud-alice"), &error),
             (QStringList{QStringLiteral("crud-reader"), QStringLiteral("crud-writer")}));
    QCOMPARE(ctlUserRoles(ctl, QStringLiteral("crud-bob"), &error), QStringList());
    // Our own listing agrees.
    auto alice = resultOf(auth.user(QStringLiteral("crud-alice")));
    QVERIFY_OK(alice);
    QCOMPARE(sorted(alice->roles), (QStringList{QStringLiteral("crud-reader"), QStringLiteral("crud-writer")}));

    // Mistakes come back as etcd's answer, nothing changed.
    auto twice = resultOf(auth.addUser(QStringLiteral("crud-alice"), kAlicePassword));
    QVERIFY(!twice.ok());
    QVERIFY2(twice.error().toString().contains(QLatin1String("already exists")), qPrintable(twice.error().toString()));
    remember(twice.error());
    auto noRole = resultOf(auth.grantRole(QStringLiteral("crud-bob"), QStringLiteral("no-such-role")));
    QVERIFY(!noRole.ok());
    QVERIFY2(noRole.error().toString().contains(QLatin1String("role name not found")),
             qPrintable(noRole.error().toString()));
    remember(noRole.error());
    auto noUser = resultOf(auth.changePassword(QStringLiteral("nobody"), kBobPassword));
    QVERIFY(!noUser.ok());
    remember(noUser.error());
    auto empty = resultOf(auth.addUser(QString(), kBobPassword)); // refused before sending
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().origin(), EtcdError::Origin::Client);
    remember(empty.error());

    QVERIFY_OK(resultOf(auth.revokeRole(QStringLiteral("crud-alice"), QStringLiteral("crud-writer"))));
    QCOMPARE(ctlUserRoles(ctl, QStringLiteral("crud-alice"), &error), QStringList{QStringLiteral("crud-reader")});
    auto notGranted = resultOf(auth.revokeRole(QStringLiteral("crud-bob"), QStringLiteral("crud-writer")));
    QVERIFY(!notGranted.ok());
    remember(notGranted.error());

    // Deleting a role takes it away from its users too.
    QVERIFY_OK(resultOf(auth.deleteRole(QStringLiteral("crud-reader"))));
    QVERIFY(!ctlList(ctl, QStringLiteral("role")).contains(QStringLiteral("crud-reader")));
    QCOMPARE(ctlUserRoles(ctl, QStringLiteral("crud-alice"), &error), QStringList());
    QVERIFY_OK(resultOf(auth.deleteUser(QStringLiteral("crud-alice"))));
    QVERIFY(ctlUserRoles(ctl, QStringLiteral("crud-alice"), &error).isEmpty());
    QVERIFY2(error.contains(QLatin1String("user name not found")), qPrintable(error));
    auto gone = resultOf(auth.user(QStringLiteral("crud-alice")));
    QVERIFY(!gone.ok());
    remember(gone.error());
    QVERIFY_OK(resultOf(auth.deleteUser(QStringLiteral("crud-bob"))));
    QVERIFY_OK(resultOf(auth.deleteRole(QStringLiteral("crud-writer"))));
    QVERIFY(!ctlList(ctl, QStringLiteral("user")).contains(QStringLiteral("crud-bob")));
}

void TestAuthAdmin::permissionsOfEveryTypeAndRange()
{
    EtcdClient client(optionsFor(*m_cluster));
    Auth auth = client.auth();
    const Etcdctl ctl = etcdctlFor(*m_cluster);
    const QString role = QStringLiteral("perm-role");
    QVERIFY_OK(resultOf(auth.addRole(role)));

    struct Case
    {
        permissiontext::RangeKind kind;
        QByteArray typed;
        Permission::Type type;
        QString shown;
    };
    const Case cases[] = {
        {permissiontext::RangeKind::Prefix, "/app/", Permission::Read, QStringLiteral("read /app/*")},
        {permissiontext::RangeKind::ExactKey, "/cfg/flag", Permission::Write, QStringLiteral("write /cfg/flag")},
        {permissiontext::RangeKind::AllKeys, {}, Permission::ReadWrite, QStringLiteral("readwrite all keys")},
        {permissiontext::RangeKind::FromKey, "/zzz", Permission::Read, QStringLiteral("read >= /zzz")},
    };
    QStringList expected;
    for (const Case &c : cases) {
        Permission p;
        p.type = c.type;
        QString why;
        QVERIFY2(permissiontext::rangeFor(c.kind, c.typed, &p.key, &p.rangeEnd, &why), qPrintable(why));
        QVERIFY_OK(resultOf(auth.grantPermission(role, p)));
        expected << permLine(p.type, p.key, p.rangeEnd);
    }
    expected.sort();
    QString error;
    QCOMPARE(ctlPermissions(ctl, role, &error), expected);
    // etcdctl's own grant of the same prefix is the same permission.
    auto info = resultOf(auth.role(role));
    QVERIFY_OK(info);
    QStringList shown;
    for (const Permission &p : info->permissions)
        shown << permissiontext::describe(p);
    QCOMPARE(sorted(shown), sorted(QStringList{cases[0].shown, cases[1].shown, cases[2].shown, cases[3].shown}));

    // Granting the same range again replaces its type.
    QVERIFY_OK(resultOf(auth.grantPermission(role, Permission{Permission::ReadWrite, "/app/", keyrange::prefixEnd("/app/")})));
    QVERIFY(ctlPermissions(ctl, role, &error).contains(permLine(Permission::ReadWrite, "/app/", "/app0")));
    QVERIFY(!ctlPermissions(ctl, role, &error).contains(permLine(Permission::Read, "/app/", "/app0")));

    // Revoke them one by one; a range that was never granted is etcd's error.
    auto never = resultOf(auth.revokePermission(role, "/never/", keyrange::prefixEnd("/never/")));
    QVERIFY(!never.ok());
    remember(never.error());
    int left = 4;
    for (const Case &c : cases) {
        QByteArray key, end;
        QString why;
        QVERIFY(permissiontext::rangeFor(c.kind, c.typed, &key, &end, &why));
        QVERIFY_OK(resultOf(auth.revokePermission(role, key, end)));
        QCOMPARE(ctlPermissions(ctl, role, &error).size(), --left);
    }
    QVERIFY_OK(resultOf(auth.deleteRole(role)));
}

void TestAuthAdmin::enableWithoutRootIsRefusedInPlainWords()
{
    EtcdClient client(optionsFor(*m_cluster));
    auto refused = resultOf(client.auth().enable());
    QVERIFY(!refused.ok());
    const QString text = refused.error().toString();
    QVERIFY2(text.contains(QLatin1String("no user named root")), qPrintable(text));
    remember(refused.error());
    auto status = resultOf(client.auth().status());
    QVERIFY_OK(status);
    QVERIFY(!status->enabled);
    // etcdctl without a user still reads: nothing was switched on.
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("get"), QStringLiteral("/off/k")}).ok());

    // A root user without the root role is not enough either.
    QVERIFY_OK(resultOf(client.auth().addUser(QStringLiteral("root"), kRootPassword)));
    auto noRole = resultOf(client.auth().enable());
    QVERIFY(!noRole.ok());
    QVERIFY2(noRole.error().toString().contains(QLatin1String("does not have the root role")),
             qPrintable(noRole.error().toString()));
    remember(noRole.error());
    QVERIFY_OK(resultOf(client.auth().deleteUser(QStringLiteral("root"))));
}

// The guarded workflow (state/security/authenable.h): what the check says for each kind of
// connection, root prepared from nothing and from a root without its role, then enabled.
void TestAuthAdmin::guardedEnableChecksRootAndWhatItDoesToThisConnection()
{
    START_CLUSTER(cluster, 1);
    const Etcdctl ctl = etcdctlFor(*cluster);
    EtcdClient anonymous(optionsFor(*cluster));
    using Check = AuthEnableCheck;

    auto first = resultOf(authenable::check(&anonymous));
    QVERIFY_OK(first);
    QCOMPARE(first->root, Check::Root::UserMissing);
    QCOMPARE(first->connection, Check::Connection::NoUser);
    QVERIFY(first->locksOut());

    EtcdClient asAlice(optionsAs(*cluster, QStringLiteral("alice"), kAlicePassword));
    auto missing = resultOf(authenable::check(&asAlice));
    QVERIFY_OK(missing);
    QCOMPARE(missing->connection, Check::Connection::UserMissing);
    QCOMPARE(missing->user, QStringLiteral("alice"));
    QVERIFY(missing->locksOut());

    QVERIFY(ctl.run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("alice:") + kAlicePassword}).ok());
    QVERIFY(ctl.run({QStringLiteral("role"), QStringLiteral("add"), QStringLiteral("reader")}).ok());
    QVERIFY(ctl.run({QStringLiteral("user"), QStringLiteral("grant-role"), QStringLiteral("alice"), QStringLiteral("reader")}).ok());
    auto limited = resultOf(authenable::check(&asAlice));
    QVERIFY_OK(limited);
    QCOMPARE(limited->connection, Check::Connection::OtherRoles);
    QCOMPARE(limited->roles, QStringList{QStringLiteral("reader")});
    QVERIFY(!limited->locksOut());

    // Root from nothing: the user with the password given, the role listed and granted.
    QVERIFY_OK(resultOf(authenable::prepareRoot(&anonymous, Check::Root::UserMissing, kRootPassword)));
    QString error;
    QCOMPARE(ctlUserRoles(ctl, QStringLiteral("root"), &error), QStringList{QStringLiteral("root")});
    QVERIFY(ctlList(ctl, QStringLiteral("role")).contains(QStringLiteral("root")));
    // A root that lost its role gets it back; the listed role is no obstacle.
    QVERIFY(ctl.run({QStringLiteral("user"), QStringLiteral("revoke-role"), QStringLiteral("root"), QStringLiteral("root")}).ok());
    auto noRole = resultOf(authenable::check(&anonymous));
    QVERIFY_OK(noRole);
    QCOMPARE(noRole->root, Check::Root::RoleMissing);
    QVERIFY_OK(resultOf(authenable::prepareRoot(&anonymous, Check::Root::RoleMissing, {})));
    QCOMPARE(ctlUserRoles(ctl, QStringLiteral("root"), &error), QStringList{QStringLiteral("root")});

    EtcdClient asRoot(optionsAs(*cluster, QStringLiteral("root"), kRootPassword));
    auto ready = resultOf(authenable::check(&asRoot));
    QVERIFY_OK(ready);
    QCOMPARE(ready->root, Check::Root::Ready);
    QCOMPARE(ready->connection, Check::Connection::RootRole);
    QVERIFY_OK(resultOf(authenable::enable(&asRoot)));
    // On: etcdctl without a user is refused, root's console keeps working.
    QVERIFY(!ctl.run({QStringLiteral("get"), QStringLiteral("/k")}).ok());
    QVERIFY_OK(resultOf(asRoot.kv().put("/k", "v")));
    // A check that cannot ask etcd fails, rather than guess.
    auto refused = resultOf(authenable::check(&anonymous));
    QVERIFY(!refused.ok());
    remember(refused.error());
}

void TestAuthAdmin::enableAndDisableKeepTheConnectionWorking()
{
    START_CLUSTER(cluster, 1);
    EtcdClient admin(optionsAs(*cluster, QStringLiteral("root"), kRootPassword));
    EtcdClient anonymous(optionsFor(*cluster));
    Auth auth = admin.auth();
    const Etcdctl ctl = etcdctlFor(*cluster);
    const Etcdctl ctlRoot(cluster->clientEndpoints(), {QStringLiteral("--user=root:") + kRootPassword});

    QVERIFY_OK(resultOf(auth.addUser(QStringLiteral("root"), kRootPassword)));
    QVERIFY_OK(resultOf(auth.grantRole(QStringLiteral("root"), QStringLiteral("root"))));
    QVERIFY_OK(resultOf(auth.addRole(QStringLiteral("app-reader"))));
    QVERIFY_OK(resultOf(auth.grantPermission(QStringLiteral("app-reader"),
                                             Permission{Permission::Read, "/app/", keyrange::prefixEnd("/app/")})));
    QVERIFY_OK(resultOf(auth.addUser(QStringLiteral("alice"), kAlicePassword)));
    QVERIFY_OK(resultOf(auth.grantRole(QStringLiteral("alice"), QStringLiteral("app-reader"))));
    QVERIFY_OK(resultOf(admin.kv().put("/app/x", "1")));
    QVERIFY_OK(resultOf(admin.kv().put("/other/y", "2")));
    QVERIFY(admin.connection()->authOff(0));
    // A watch stream opened without a token, before authentication is switched on.
    Watcher *early = admin.watch(WatchOptions::prefix("/app/"), this);
    QList<QByteArray> earlyKeys;
    connect(early, &Watcher::events, this, [&earlyKeys](const WatchEvents &batch) {
        for (const WatchEvent &e : batch)
            earlyKeys << e.kv.key;
    });
    QSignalSpy earlyCreated(early, &Watcher::created);
    QTRY_COMPARE_WITH_TIMEOUT(earlyCreated.count(), 1, 10000);

    QVERIFY_OK(resultOf(auth.enable()));
    // A watch created after enabling, on the same client: it must be signed in too.
    Watcher *late = admin.watch(WatchOptions::prefix("/app/"), this);
    QList<QByteArray> lateKeys;
    EtcdError lateError;
    connect(late, &Watcher::events, this, [&lateKeys](const WatchEvents &batch) {
        for (const WatchEvent &e : batch)
            lateKeys << e.kv.key;
    });
    connect(late, &Watcher::failed, this, [&lateError](const EtcdError &e) { lateError = e; });
    QSignalSpy lateCreated(late, &Watcher::created);
    QTRY_VERIFY_WITH_TIMEOUT(lateCreated.count() == 1 || lateError, 10000);
    QVERIFY2(!lateError, qPrintable(lateError.toString()));
    // The very next call signs in as root: no error reaches the caller.
    QVERIFY_OK(resultOf(admin.kv().put("/app/z", "3")));
    QTRY_VERIFY_WITH_TIMEOUT(lateKeys.contains("/app/z"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(earlyKeys.contains("/app/z"), 10000);
    delete late;
    delete early;
    QVERIFY(!admin.connection()->token(0).empty());
    auto status = resultOf(auth.status());
    QVERIFY_OK(status);
    QVERIFY(status->enabled);
    auto users = resultOf(auth.users());
    QVERIFY_OK(users);
    QCOMPARE(sorted(users.value()), (QStringList{QStringLiteral("alice"), QStringLiteral("root")}));
    QVERIFY(!ctl.run({QStringLiteral("get"), QStringLiteral("/app/x")}).ok());
    QVERIFY(ctlRoot.run({QStringLiteral("get"), QStringLiteral("/app/x")}).ok());
    // Without a user, everything fails now, in words that say what to do.
    auto locked = resultOf(anonymous.kv().get("/app/x"));
    QVERIFY(!locked.ok());
    QVERIFY2(locked.error().isUserNameEmpty(), qPrintable(locked.error().toString()));
    QVERIFY2(locked.error().toString().contains(QLatin1String("connect with a user name and password")),
             qPrintable(locked.error().toString()));
    remember(locked.error());

    // Read on /app/: alice reads /app/x, not /other/y, and writes nothing.
    {
        EtcdClient alice(optionsAs(*cluster, QStringLiteral("alice"), kAlicePassword));
        auto mine = resultOf(alice.kv().get("/app/x"));
        QVERIFY_OK(mine);
        QCOMPARE(mine->kvs.size(), 1);
        auto other = resultOf(alice.kv().get("/other/y"));
        QVERIFY(!other.ok());
        QVERIFY2(other.error().isPermissionDenied(), qPrintable(other.error().toString()));
        remember(other.error());
        auto write = resultOf(alice.kv().put("/app/x", "no"));
        QVERIFY(!write.ok());
        QVERIFY(write.error().isPermissionDenied());
        // Revoking takes it away, for the client that is already signed in too.
        QVERIFY_OK(resultOf(auth.revokePermission(QStringLiteral("app-reader"), "/app/", keyrange::prefixEnd("/app/"))));
        auto revoked = resultOf(alice.kv().get("/app/x"));
        QVERIFY(!revoked.ok());
        QVERIFY2(revoked.error().isPermissionDenied(), qPrintable(revoked.error().toString()));
        remember(revoked.error());
        // Write access on one exact key.
        QVERIFY_OK(resultOf(auth.grantPermission(QStringLiteral("app-reader"), Permission{Permission::Write, "/app/w", {}})));
        QVERIFY_OK(resultOf(alice.kv().put("/app/w", "ok")));
        auto notThatOne = resultOf(alice.kv().put("/app/w2", "no"));
        QVERIFY(!notThatOne.ok());
        remember(notThatOne.error());
    }

    // Change the password: the old one fails, the new one works.
    QVERIFY_OK(resultOf(auth.changePassword(QStringLiteral("alice"), kAliceNewPassword)));
    {
        EtcdClient oldPassword(optionsAs(*cluster, QStringLiteral("alice"), kAlicePassword));
        auto refused = resultOf(oldPassword.kv().put("/app/w", "x"));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().isAuthFailed(), qPrintable(refused.error().toString()));
        remember(refused.error());
        EtcdClient newPassword(optionsAs(*cluster, QStringLiteral("alice"), kAliceNewPassword));
        QVERIFY_OK(resultOf(newPassword.kv().put("/app/w", "y")));
        QVERIFY(Etcdctl(cluster->clientEndpoints(), {QStringLiteral("--user=alice:") + kAliceNewPassword})
                    .run({QStringLiteral("put"), QStringLiteral("/app/w"), QStringLiteral("z")})
                    .ok());
    }

    // While authentication is on, root keeps the root role.
    auto lockout = resultOf(auth.revokeRole(QStringLiteral("root"), QStringLiteral("root")));
    QVERIFY(!lockout.ok());
    QVERIFY2(lockout.error().toString().contains(QLatin1String("must keep the root role")),
             qPrintable(lockout.error().toString()));
    remember(lockout.error());

    // Disable: the admin's token is stale now, and its calls carry on regardless.
    QVERIFY_OK(resultOf(auth.disable()));
    {
        // A watch created on the stream that was signed in before disabling.
        Watcher *afterOff = admin.watch(WatchOptions::prefix("/app/after-"), this);
        EtcdError watchError;
        connect(afterOff, &Watcher::failed, this, [&watchError](const EtcdError &e) { watchError = e; });
        QSignalSpy created(afterOff, &Watcher::created);
        QSignalSpy events(afterOff, &Watcher::events);
        QTRY_VERIFY_WITH_TIMEOUT(created.count() == 1 || watchError, 10000);
        QVERIFY2(!watchError, qPrintable(watchError.toString()));
        QVERIFY_OK(resultOf(admin.kv().put("/app/after-disable", "1")));
        QTRY_COMPARE_WITH_TIMEOUT(events.count(), 1, 10000);
        delete afterOff;
    }
    QVERIFY_OK(resultOf(admin.kv().get("/other/y")));
    status = resultOf(auth.status());
    QVERIFY_OK(status);
    QVERIFY(!status->enabled);
    QVERIFY_OK(resultOf(anonymous.kv().get("/other/y")));
    QVERIFY(ctl.run({QStringLiteral("get"), QStringLiteral("/other/y")}).ok());

    // Switched behind the client's back by etcdctl: on while the admin goes without a token...
    QVERIFY(admin.connection()->authOff(0));
    QVERIFY(ctl.run({QStringLiteral("auth"), QStringLiteral("enable")}).ok());
    QVERIFY_OK(resultOf(admin.kv().put("/app/external-on", "1")));
    QVERIFY(!admin.connection()->token(0).empty());
    // ... and off while it holds a token.
    QVERIFY(ctlRoot.run({QStringLiteral("auth"), QStringLiteral("disable")}).ok());
    QVERIFY_OK(resultOf(admin.kv().put("/app/external-off", "1")));
    QVERIFY_OK(resultOf(admin.kv().get("/app/external-off")));
    QVERIFY(ctl.run({QStringLiteral("get"), QStringLiteral("/app/external-off")}).ok());
}

void TestAuthAdmin::readOnlyConnectionChangesNothing()
{
    const Etcdctl ctl = etcdctlFor(*m_cluster);
    QVERIFY(ctl.run({QStringLiteral("role"), QStringLiteral("add"), QStringLiteral("ro-role")}).ok());
    QVERIFY(ctl.run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ro-user:") + kBobPassword}).ok());
    const QStringList usersBefore = ctlList(ctl, QStringLiteral("user"));
    const QStringList rolesBefore = ctlList(ctl, QStringLiteral("role"));
    const QString endpoint = m_cluster->clientEndpoint(0);
    const QByteArrayList methods{"AuthEnable",    "AuthDisable",    "UserAdd",       "UserDelete",
                                 "UserChangePassword", "UserGrantRole", "UserRevokeRole", "RoleAdd",
                                 "RoleDelete",    "RoleGrantPermission", "RoleRevokePermission"};
    auto changesSeenByEtcd = [&] {
        double sum = 0;
        for (const QByteArray &m : methods)
            sum += std::max(0.0, etcdMetric(endpoint, "grpc_server_started_total", "grpc_method=\"" + m + "\""));
        return sum;
    };
    const double before = changesSeenByEtcd();
    QVERIFY(before > 0); // the counters are there (earlier tests made changes)

    ConnectionOptions o = optionsFor(*m_cluster);
    o.readOnly = true;
    EtcdClient ro(o);
    Auth auth = ro.auth();
    const Permission perm{Permission::Read, "/ro/", keyrange::prefixEnd("/ro/")};
    const QList<QFuture<EtcdResult<ResponseHeader>>> calls{
        auth.enable(),
        auth.disable(),
        auth.addUser(QStringLiteral("ro-new"), kBobPassword),
        auth.deleteUser(QStringLiteral("ro-user")),
        auth.changePassword(QStringLiteral("ro-user"), kAlicePassword),
        auth.grantRole(QStringLiteral("ro-user"), QStringLiteral("ro-role")),
        auth.revokeRole(QStringLiteral("ro-user"), QStringLiteral("ro-role")),
        auth.addRole(QStringLiteral("ro-new-role")),
        auth.deleteRole(QStringLiteral("ro-role")),
        auth.grantPermission(QStringLiteral("ro-role"), perm),
        auth.revokePermission(QStringLiteral("ro-role"), perm.key, perm.rangeEnd),
    };
    QCOMPARE(calls.size(), methods.size());
    for (const auto &f : calls) {
        const auto r = resultOf(f);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().isReadOnlyRefusal(), qPrintable(r.error().toString()));
        QCOMPARE(r.error().origin(), EtcdError::Origin::Client);
        remember(r.error());
    }
    // Reads still work on a read-only connection.
    QVERIFY_OK(resultOf(auth.users()));
    QCOMPARE(changesSeenByEtcd(), before);
    QCOMPARE(ctlList(ctl, QStringLiteral("user")), usersBefore);
    QCOMPARE(ctlList(ctl, QStringLiteral("role")), rolesBefore);
    QString error;
    QCOMPARE(ctlUserRoles(ctl, QStringLiteral("ro-user"), &error), QStringList());
    QCOMPARE(ctlPermissions(ctl, QStringLiteral("ro-role"), &error), QStringList());
    QVERIFY(ctl.run({QStringLiteral("user"), QStringLiteral("delete"), QStringLiteral("ro-user")}).ok());
    QVERIFY(ctl.run({QStringLiteral("role"), QStringLiteral("delete"), QStringLiteral("ro-role")}).ok());
}

void TestAuthAdmin::passwordsNeverAppearInErrorsOrLogs()
{
    // One more round of failures that involve passwords, then everything seen in this test.
    EtcdClient client(optionsFor(*m_cluster));
    remember(resultOf(client.auth().changePassword(QStringLiteral("nobody"), kRootPassword)).error());
    remember(resultOf(client.auth().addUser(QStringLiteral("pw-user"), kAlicePassword)).error());
    remember(resultOf(client.auth().addUser(QStringLiteral("pw-user"), kAlicePassword)).error()); // exists
    QVERIFY_OK(resultOf(client.auth().deleteUser(QStringLiteral("pw-user"))));
    EtcdClient unreachable([] {
        ConnectionOptions o;
        o.endpoints = QStringList{QStringLiteral("127.0.0.1:1")};
        o.user = QStringLiteral("root");
        o.password = kRootPassword;
        o.callTimeoutMs = 1000;
        return o;
    }());
    remember(resultOf(unreachable.auth().addUser(QStringLiteral("x"), kBobPassword)).error());
    remember(resultOf(unreachable.kv().get("/x")).error());

    QVERIFY2(m_errorTexts.size() >= 20, qPrintable(QString::number(m_errorTexts.size())));
    for (const QString &text : qAsConst(m_errorTexts)) {
        QVERIFY(!text.isEmpty());
        for (const QString &secret : kSecrets)
            QVERIFY2(!text.contains(secret), qPrintable(text));
    }
    QStringList log;
    {
        log = LogCapture::lines();
    }
    QVERIFY2(!log.isEmpty(), "nothing was logged: the capture is not working");
    qInfo("checked %d error texts and %d log lines", int(m_errorTexts.size()), int(log.size()));
    for (const QString &line : qAsConst(log))
        for (const QString &secret : kSecrets)
            QVERIFY2(!line.contains(secret), qPrintable(line));
}

QTEST_GUILESS_MAIN(TestAuthAdmin)
#include "tst_authadmin.moc"
