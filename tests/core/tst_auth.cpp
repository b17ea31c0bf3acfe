// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Authentication against real etcd with auth enabled by etcdctl: status on both kinds of cluster,
// the user/role listing, wrong passwords, tokens that expire under the client (calls of every
// service, a new watch and a lease keepalive carry on without an error reaching the caller), RBAC
// limits of a read-only role on calls and watches (the words name the user and the key or prefix),
// maintenance reserved to the root role, credentials given to a cluster without authentication,
// every failure with words of its own, and passwords that never show up in an error text or in
// any log line (ours, gRPC's with its tracers on, etcd's).

#include "client/etcdclient.h"
#include "client/keyrange.h"
#include "client/unarycall.h"
#include "state/keyspace/keyspacemirror.h"
#include "support/logcapture.h"
#include "support/testsupport.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <grpc/grpc.h>

#include <chrono>
#include <future>
#include <thread>

using namespace etcd;
using namespace etcd::test;

namespace {

const QString kRootPassword = QStringLiteral("rootpw");
const QString kAlicePassword = QStringLiteral("alicepw");
const QString kWrongPassword = QStringLiteral("wrongpw-7f3a");

// Records everything a Watcher delivers.
struct Recorder : QObject
{
    explicit Recorder(Watcher *w)
    {
        connect(w, &Watcher::created, this, [this](qint64 rev) { createdAt = rev; });
        connect(w, &Watcher::events, this, [this](const WatchEvents &batch) {
            for (const WatchEvent &e : batch)
                keys << e.kv.key;
        });
        connect(w, &Watcher::failed, this, [this](const EtcdError &e) {
            error = e;
            ++failures;
        });
    }
    qint64 createdAt = 0;
    QList<QByteArray> keys;
    EtcdError error;
    int failures = 0;
};

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class TestAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void statusReportsEnabled();
    void statusReportsDisabledWithoutAuth();
    void rootWritesAndListsUsersAndRoles();
    void wrongPasswordIsAuthFailed();
    void expiredTokensAreRenewedWithoutErrors();
    void signInThatAnotherCallAlreadyDidCallsBackOutsideTheLock();
    void readOnlyRoleIsConfinedToItsPrefix();
    void maintenanceNeedsTheRootRole();
    void prefixReaderBrowsesItsScope();
    void credentialsForAClusterWithoutAuth();
    void everyAuthFailureHasItsOwnWords();
    void passwordsNeverAppearInErrors();
    void passwordsNeverAppearInLogs();

private:
    // root (role root) and alice (role app-reader: read /app/ prefix), then `auth enable`.
    static bool enableAuth(const LocalCluster &cluster, QString *why);
    // Keep the error's texts for the password check at the end.
    void remember(const EtcdError &error);

    // One failure mode's words (toString()), for the check that no two read alike.
    void rememberMode(const QString &mode, const EtcdError &error);

    std::unique_ptr<LocalCluster> m_cluster; // auth enabled, default token TTL
    std::unique_ptr<EtcdClient> m_root;
    QStringList m_errorTexts;
    QMap<QString, QString> m_modes;
    QStringList m_etcdLogs; // of clusters that are gone by the log check
};

void TestAuth::rememberMode(const QString &mode, const EtcdError &error)
{
    QVERIFY2(error, qPrintable(mode));
    remember(error);
    // The endpoint's port differs between clusters; the words must differ without it.
    m_modes.insert(mode, error.toString().section(QLatin1String(" ["), 0, 0));
}

bool TestAuth::enableAuth(const LocalCluster &cluster, QString *why)
{
    // etcd 3.4 lets the root user hold the root role without the role existing; adding it makes
    // it show up in the role list, as on a cluster set up by the book.
    const QList<QStringList> steps = {
        {QStringLiteral("role"), QStringLiteral("add"), QStringLiteral("root")},
        {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("root:") + kRootPassword},
        {QStringLiteral("user"), QStringLiteral("grant-role"), QStringLiteral("root"), QStringLiteral("root")},
        {QStringLiteral("role"), QStringLiteral("add"), QStringLiteral("app-reader")},
        {QStringLiteral("role"), QStringLiteral("grant-permission"), QStringLiteral("app-reader"),
         QStringLiteral("read"), QStringLiteral("/app/"), QStringLiteral("--prefix=true")},
        {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("alice:") + kAlicePassword},
        {QStringLiteral("user"), QStringLiteral("grant-role"), QStringLiteral("alice"), QStringLiteral("app-reader")},
        {QStringLiteral("auth"), QStringLiteral("enable")},
    };
    const Etcdctl ctl = etcdctlFor(cluster);
    for (const QStringList &args : steps) {
        const EtcdctlResult r = ctl.run(args);
        if (!r.ok()) {
            *why = args.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(r.describe());
            return false;
        }
    }
    return true;
}

void TestAuth::remember(const EtcdError &error)
{
    if (error)
        m_errorTexts << error.toString() << error.message();
}

void TestAuth::initTestCase()
{
    // Every category of the client's at debug level (gRPC's own lines come as "etcd.grpc"), into
    // the capture (hidden from the test output).
    QLoggingCategory::setFilterRules(QStringLiteral("etcd.*.debug=true\netcd.grpc.debug=true"));
    LogCapture::install();
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
    QString why;
    QVERIFY2(enableAuth(*m_cluster, &why), qPrintable(why));
    m_root = std::make_unique<EtcdClient>(optionsAs(*m_cluster, QStringLiteral("root"), kRootPassword));
}

void TestAuth::cleanupTestCase()
{
    m_root.reset();
    m_cluster.reset();
    LogCapture::uninstall();
}

void TestAuth::statusReportsEnabled()
{
    // etcd 3.4 has no AuthStatus: the client falls back to its probe. Whoever asks, signed in or
    // not, root or not, the answer is the same.
    auto asRoot = resultOf(m_root->auth().status());
    QVERIFY_OK(asRoot);
    QVERIFY(asRoot->enabled);

    EtcdClient alice(optionsAs(*m_cluster, QStringLiteral("alice"), kAlicePassword));
    auto asAlice = resultOf(alice.auth().status());
    QVERIFY_OK(asAlice);
    QVERIFY(asAlice->enabled);

    EtcdClient anonymous(optionsFor(*m_cluster));
    auto asNobody = resultOf(anonymous.auth().status());
    QVERIFY_OK(asNobody);
    QVERIFY(asNobody->enabled);
    // ... while the anonymous client cannot actually read anything.
    auto denied = resultOf(anonymous.kv().get("/app/k"));
    QVERIFY(!denied.ok());
    remember(denied.error());
}

void TestAuth::statusReportsDisabledWithoutAuth()
{
    START_CLUSTER(plain, 1);
    EtcdClient client(optionsFor(*plain));
    auto status = resultOf(client.auth().status());
    QVERIFY_OK(status);
    QVERIFY(!status->enabled);
    QVERIFY(status->header.clusterId != 0);
    // And anyone may list users there (none yet).
    auto users = resultOf(client.auth().users());
    QVERIFY_OK(users);
    QVERIFY(users->isEmpty());
}

void TestAuth::rootWritesAndListsUsersAndRoles()
{
    QVERIFY_OK(resultOf(m_root->kv().put("/app/k", "app-value")));
    QVERIFY_OK(resultOf(m_root->kv().put("/other/k", "other-value")));
    auto got = resultOf(m_root->kv().get("/app/k"));
    QVERIFY_OK(got);
    QCOMPARE(got->kvs.size(), 1);
    QCOMPARE(got->kvs[0].value, QByteArray("app-value"));
    // etcdctl, signed in as root, sees the same.
    auto ctl = Etcdctl(m_cluster->clientEndpoints(), {QStringLiteral("--user=root:") + kRootPassword})
                   .run({QStringLiteral("get"), QStringLiteral("/other/k"), QStringLiteral("--print-value-only")});
    QVERIFY2(ctl.ok(), ctl.describe().constData());
    QCOMPARE(ctl.out.trimmed(), QByteArray("other-value"));

    auto users = resultOf(m_root->auth().users());
    QVERIFY_OK(users);
    QCOMPARE(sorted(users.value()), (QStringList{QStringLiteral("alice"), QStringLiteral("root")}));
    auto roles = resultOf(m_root->auth().roles());
    QVERIFY_OK(roles);
    QCOMPARE(sorted(roles.value()), (QStringList{QStringLiteral("app-reader"), QStringLiteral("root")}));

    auto alice = resultOf(m_root->auth().user(QStringLiteral("alice")));
    QVERIFY_OK(alice);
    QCOMPARE(alice->name, QStringLiteral("alice"));
    QCOMPARE(alice->roles, QStringList{QStringLiteral("app-reader")});
    auto root = resultOf(m_root->auth().user(QStringLiteral("root")));
    QVERIFY_OK(root);
    QCOMPARE(root->roles, QStringList{QStringLiteral("root")});

    auto reader = resultOf(m_root->auth().role(QStringLiteral("app-reader")));
    QVERIFY_OK(reader);
    QCOMPARE(reader->name, QStringLiteral("app-reader"));
    QCOMPARE(reader->permissions.size(), 1);
    const Permission &p = reader->permissions.first();
    QCOMPARE(p.type, Permission::Read);
    QCOMPARE(p.key, QByteArray("/app/"));
    QCOMPARE(p.rangeEnd, QByteArray("/app0")); // the prefix's range end
    QCOMPARE(p.rangeEnd, keyrange::prefixEnd(p.key));

    auto missing = resultOf(m_root->auth().user(QStringLiteral("nobody")));
    QVERIFY(!missing.ok());
    remember(missing.error());
}

void TestAuth::wrongPasswordIsAuthFailed()
{
    for (const QString &user : {QStringLiteral("root"), QStringLiteral("alice"), QStringLiteral("mallory")}) {
        EtcdClient wrong(optionsAs(*m_cluster, user, kWrongPassword));
        auto got = resultOf(wrong.kv().get("/app/k"));
        QVERIFY(!got.ok());
        QVERIFY2(got.error().isAuthFailed(), qPrintable(got.error().toString()));
        QVERIFY2(got.error().toString().startsWith(QLatin1String("wrong user name or password")),
                 qPrintable(got.error().toString()));
        QVERIFY2(got.error().toString().contains(QStringLiteral("refused to sign in user \"%1\"").arg(user)),
                 qPrintable(got.error().toString()));
        rememberMode(QStringLiteral("wrong password"), got.error());
        // Every kind of call fails the same way, and nothing is retried forever.
        auto users = resultOf(wrong.auth().users());
        QVERIFY(!users.ok());
        QVERIFY2(users.error().isAuthFailed(), qPrintable(users.error().toString()));
        remember(users.error());
        auto put = resultOf(wrong.kv().put("/app/x", "1"));
        QVERIFY(!put.ok());
        QVERIFY2(put.error().isAuthFailed(), qPrintable(put.error().toString()));
        remember(put.error());
    }
}

void TestAuth::expiredTokensAreRenewedWithoutErrors()
{
    // A simple token dies after --auth-token-ttl seconds without use; etcd then answers "invalid
    // auth token", also to a watch created on a stream that was opened with it (older releases
    // said "permission denied" there, etcd issue #12385).
    START_CLUSTER(shortTtl, 1, false, {QStringLiteral("--auth-token-ttl=2")});
    const int tokenLifetimeMs = 4000; // > 2 s TTL + 1 s sweep, with a second to spare
    QString why;
    QVERIFY2(enableAuth(*shortTtl, &why), qPrintable(why));
    EtcdClient client(optionsAs(*shortTtl, QStringLiteral("root"), kRootPassword));
    auto token = [&client] { return client.connection()->token(0); };

    // A watch whose stream was opened with the first token.
    Watcher *early = client.watch(WatchOptions::prefix("/t/"), this);
    Recorder earlyRec(early);
    QTRY_VERIFY_WITH_TIMEOUT(earlyRec.createdAt > 0, 10000);
    QVERIFY_OK(resultOf(client.kv().put("/t/0", "0")));
    const std::string first = token();
    QVERIFY(!first.empty());
    auto self = resultOf(client.maintenance().status(shortTtl->clientEndpoint(0)));
    QVERIFY_OK(self);
    const quint64 shortTtlMember = self->memberId;
    QTRY_COMPARE_WITH_TIMEOUT(earlyRec.keys.size(), 1, 10000);

    // Nothing uses the token: etcd drops it between 2 and 3 s (TTL plus its 1 s sweep) from now.
    spin(tokenLifetimeMs);

    // A new watch on that stream, a put, a range and a lease, all with the expired token.
    Watcher *late = client.watch(WatchOptions::prefix("/t/"), this);
    Recorder lateRec(late);
    QTRY_VERIFY_WITH_TIMEOUT(lateRec.createdAt > 0 || lateRec.failures > 0, 10000);
    QVERIFY2(lateRec.failures == 0, qPrintable(lateRec.error.toString()));
    // The watch alone made the client sign in again: proof that etcd really dropped the token.
    const std::string second = token();
    QVERIFY2(second != first, "the client did not sign in again: the token never expired");
    auto put = resultOf(client.kv().put("/t/1", "1"));
    QVERIFY_OK(put);
    auto range = resultOf(client.kv().range(RangeOptions::prefix("/t/")));
    QVERIFY_OK(range);
    QCOMPARE(range->count, 2);
    QCOMPARE(token(), second); // signed in once, used since
    QTRY_COMPARE_WITH_TIMEOUT(lateRec.keys, QList<QByteArray>{"/t/1"}, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(earlyRec.keys.size(), 2, 10000);

    auto lease = resultOf(client.lease().grant(2));
    QVERIFY_OK(lease);
    PutOptions withLease;
    withLease.lease = lease->id;
    QVERIFY_OK(resultOf(client.kv().put("/t/leased", "alive", withLease)));
    KeepAlive *keepAlive = client.keepAlive(lease->id, lease->ttl, this);
    QSignalSpy lost(keepAlive, &KeepAlive::lost);

    // Two more expiries while the keepalive runs (8 s in all), each followed by a call.
    spin(tokenLifetimeMs);
    // etcd 3.4's maintenance service checks the token itself and rejects it in other words than
    // the rest of etcd: every kind of call, all at once on the expired token.
    {
        const QString endpoint = shortTtl->clientEndpoint(0);
        Maintenance maintenance = client.maintenance();
        auto hashKv = maintenance.hashKv(endpoint);
        auto hash = maintenance.hash(endpoint);
        auto defragment = maintenance.defragment(endpoint);
        auto status = maintenance.status(endpoint);
        auto alarms = maintenance.alarms();
        auto disarm = maintenance.disarm(shortTtlMember, AlarmType::NoSpace);
        auto moveLeader = maintenance.moveLeader(shortTtlMember); // to itself: a no-op
        auto members = client.cluster().memberList();
        auto users = client.auth().users();
        auto roles = client.auth().roles();
        QVERIFY_OK(resultOf(hashKv));
        QVERIFY_OK(resultOf(hash));
        QVERIFY_OK(resultOf(defragment));
        QVERIFY_OK(resultOf(status));
        QVERIFY_OK(resultOf(alarms));
        QVERIFY_OK(resultOf(disarm));
        QVERIFY_OK(resultOf(moveLeader));
        QVERIFY_OK(resultOf(members));
        QVERIFY_OK(resultOf(users));
        QVERIFY_OK(resultOf(roles));
    }
    QVERIFY_OK(resultOf(client.kv().put("/t/2", "2")));
    const std::string third = token();
    QVERIFY(third != second);
    spin(tokenLifetimeMs);
    QVERIFY_OK(resultOf(client.kv().put("/t/3", "3")));
    QVERIFY(token() != third);

    QCOMPARE(lost.count(), 0);
    QVERIFY(keepAlive->isAlive());
    QVERIFY2(keepAlive->refreshCount() >= 6, qPrintable(QString::number(keepAlive->refreshCount())));
    auto ttl = resultOf(client.lease().timeToLive(lease->id));
    QVERIFY_OK(ttl);
    QVERIFY(ttl->ttl > 0);
    auto leased = resultOf(client.kv().get("/t/leased"));
    QVERIFY_OK(leased);
    QCOMPARE(leased->kvs.size(), 1);

    const QList<QByteArray> all{"/t/0", "/t/1", "/t/leased", "/t/2", "/t/3"};
    QTRY_COMPARE_WITH_TIMEOUT(earlyRec.keys, all, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(lateRec.keys, all.mid(1), 10000);
    QCOMPARE(earlyRec.failures + lateRec.failures, 0);
    // etcdctl signs in on its own and sees the same data.
    auto ctl = Etcdctl(shortTtl->clientEndpoints(), {QStringLiteral("--user=root:") + kRootPassword})
                   .run({QStringLiteral("get"), QStringLiteral("/t/3"), QStringLiteral("--print-value-only")});
    QVERIFY2(ctl.ok(), ctl.describe().constData());
    QCOMPARE(ctl.out.trimmed(), QByteArray("3"));
    m_etcdLogs << shortTtl->logTail(0, 5000);
    delete keepAlive;
    delete late;
    delete early;
}

// A call that failed with an expired token asks for a new one; when another call has signed in
// again meanwhile, refreshToken answers at once, and the call retries, reading token(): the answer
// must come outside the token lock, or the caller deadlocks on a mutex it already holds. This forces
// that order: sign in, then ask with a token that is no longer the current one.
void TestAuth::signInThatAnotherCallAlreadyDidCallsBackOutsideTheLock()
{
    const auto conn = detail::Connection::create(optionsAs(*m_cluster, QStringLiteral("root"), kRootPassword));
    std::promise<EtcdError> signedIn;
    conn->refreshToken(0, {}, [&signedIn](EtcdError e) { signedIn.set_value(e); });
    auto first = signedIn.get_future();
    QVERIFY(first.wait_for(std::chrono::seconds(15)) == std::future_status::ready);
    const EtcdError firstError = first.get();
    QVERIFY2(!firstError, qPrintable(firstError.toString()));
    const std::string current = conn->token(0);
    QVERIFY(!current.empty());

    // What UnaryCall::afterSignIn does: retry, which reads the token. On a thread of its own, so a
    // deadlock shows as a timeout here instead of hanging the test run.
    auto retried = std::make_shared<std::promise<std::string>>();
    auto tokenSeen = retried->get_future();
    std::thread caller([conn, retried] {
        conn->refreshToken(0, "an-expired-token", [conn, retried](EtcdError e) {
            retried->set_value(e ? std::string() : conn->token(0));
        });
    });
    if (tokenSeen.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
        // The thread hangs on the token mutex for good: nothing can clean up after it.
        qCritical("refreshToken called back while holding its token lock: the retry deadlocked");
        std::_Exit(1);
    }
    caller.join();
    QCOMPARE(tokenSeen.get(), current); // no second sign-in: the current token was good
}

void TestAuth::readOnlyRoleIsConfinedToItsPrefix()
{
    QVERIFY_OK(resultOf(m_root->kv().put("/app/a", "1")));
    QVERIFY_OK(resultOf(m_root->kv().put("/other/b", "2")));
    EtcdClient alice(optionsAs(*m_cluster, QStringLiteral("alice"), kAlicePassword));

    auto mine = resultOf(alice.kv().range(RangeOptions::prefix("/app/")));
    QVERIFY_OK(mine);
    QVERIFY(mine->count >= 1);
    QVERIFY(std::any_of(mine->kvs.cbegin(), mine->kvs.cend(), [](const KeyValue &kv) { return kv.key == "/app/a"; }));

    // etcd says only "permission denied"; the words name the user and what was refused.
    auto put = resultOf(alice.kv().put("/app/x", "1"));
    QVERIFY(!put.ok());
    QVERIFY2(put.error().isPermissionDenied(), qPrintable(put.error().toString()));
    QVERIFY2(put.error().toString().startsWith(
                 QLatin1String("permission denied by etcd: user \"alice\" may not write the key \"/app/x\"")),
             qPrintable(put.error().toString()));
    rememberMode(QStringLiteral("permission denied on a key"), put.error());
    auto other = resultOf(alice.kv().range(RangeOptions::prefix("/other/")));
    QVERIFY(!other.ok());
    QVERIFY2(other.error().isPermissionDenied(), qPrintable(other.error().toString()));
    QVERIFY2(other.error().toString().startsWith(
                 QLatin1String("permission denied by etcd: user \"alice\" may not read the prefix \"/other/\"")),
             qPrintable(other.error().toString()));
    rememberMode(QStringLiteral("permission denied on a prefix"), other.error());
    auto key = resultOf(alice.kv().get("/other/b"));
    QVERIFY(!key.ok());
    QVERIFY2(key.error().toString().contains(QLatin1String("user \"alice\" may not read the key \"/other/b\"")),
             qPrintable(key.error().toString()));
    auto removal = resultOf(alice.kv().deleteRange(DeleteOptions::prefix("/app/")));
    QVERIFY(!removal.ok());
    QVERIFY2(removal.error().toString().contains(QLatin1String("user \"alice\" may not delete the prefix \"/app/\"")),
             qPrintable(removal.error().toString()));
    remember(removal.error());
    auto users = resultOf(alice.auth().users()); // administration needs the root role
    QVERIFY(!users.ok());
    QVERIFY2(users.error().isPermissionDenied(), qPrintable(users.error().toString()));
    QVERIFY2(users.error().toString().contains(QLatin1String("user \"alice\" may not list users")),
             qPrintable(users.error().toString()));
    rememberMode(QStringLiteral("permission denied on administration"), users.error());
    // The refused put left nothing behind.
    auto none = resultOf(m_root->kv().get("/app/x"));
    QVERIFY_OK(none);
    QVERIFY(none->kvs.isEmpty());

    Watcher *forbidden = alice.watch(WatchOptions::prefix("/other/"), this);
    Recorder forbiddenRec(forbidden);
    Watcher *allowed = alice.watch(WatchOptions::prefix("/app/"), this);
    Recorder allowedRec(allowed);
    QTRY_COMPARE_WITH_TIMEOUT(forbiddenRec.failures, 1, 10000);
    QVERIFY2(forbiddenRec.error.isPermissionDenied(), qPrintable(forbiddenRec.error.toString()));
    QVERIFY2(forbiddenRec.error.toString().startsWith(
                 QLatin1String("permission denied by etcd: user \"alice\" may not watch the prefix \"/other/\"")),
             qPrintable(forbiddenRec.error.toString()));
    QVERIFY(!forbidden->isActive());
    rememberMode(QStringLiteral("permission denied on a watched prefix"), forbiddenRec.error);
    QTRY_VERIFY_WITH_TIMEOUT(allowedRec.createdAt > 0, 10000);

    QVERIFY_OK(resultOf(m_root->kv().put("/other/c", "3")));
    QVERIFY_OK(resultOf(m_root->kv().put("/app/w", "4")));
    QTRY_COMPARE_WITH_TIMEOUT(allowedRec.keys, QList<QByteArray>{"/app/w"}, 10000);
    QCOMPARE(allowedRec.failures, 0);
    QVERIFY(forbiddenRec.keys.isEmpty());
    delete allowed;
    delete forbidden;
}

void TestAuth::maintenanceNeedsTheRootRole()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString endpoint = m_cluster->clientEndpoint(0);

    // root: a snapshot stream (signed in afresh, a stream keeps its token) and the hashes.
    auto snap = resultOf(m_root->maintenance().snapshot(dir.filePath(QStringLiteral("root.db"))), 60000);
    QVERIFY_OK(snap);
    QVERIFY(snap->bytes > 0);
    QCOMPARE(QFileInfo(snap->filePath).size(), snap->bytes);
    QVERIFY_OK(resultOf(m_root->maintenance().hashKv(endpoint)));
    QVERIFY_OK(resultOf(m_root->maintenance().defragment(endpoint), 60000));

    // alice may look at the cluster but not take it apart.
    EtcdClient alice(optionsAs(*m_cluster, QStringLiteral("alice"), kAlicePassword));
    auto status = resultOf(alice.maintenance().status(endpoint));
    QVERIFY_OK(status);
    QVERIFY(status->memberId != 0);
    QVERIFY_OK(resultOf(alice.cluster().memberList()));

    const QString denied = dir.filePath(QStringLiteral("alice.db"));
    auto refusedSnapshot = resultOf(alice.maintenance().snapshot(denied), 60000);
    QVERIFY(!refusedSnapshot.ok());
    QVERIFY2(refusedSnapshot.error().isPermissionDenied(), qPrintable(refusedSnapshot.error().toString()));
    remember(refusedSnapshot.error());
    QVERIFY(!QFileInfo::exists(denied));
    QVERIFY(!QFileInfo::exists(denied + QStringLiteral(".part")));
    // Without signing in at all, etcd says who is missing rather than what is forbidden.
    EtcdClient anonymous(optionsFor(*m_cluster));
    const QString nobody = dir.filePath(QStringLiteral("nobody.db"));
    auto anonymousSnapshot = resultOf(anonymous.maintenance().snapshot(nobody), 60000);
    QVERIFY(!anonymousSnapshot.ok());
    QCOMPARE(anonymousSnapshot.error().code(), ErrorCode::InvalidArgument);
    QVERIFY2(anonymousSnapshot.error().message().contains(QLatin1String("user name is empty")),
             qPrintable(anonymousSnapshot.error().toString()));
    QVERIFY(!QFileInfo::exists(nobody) && !QFileInfo::exists(nobody + QStringLiteral(".part")));
    rememberMode(QStringLiteral("not signed in"), anonymousSnapshot.error());

    auto refusedHash = resultOf(alice.maintenance().hashKv(endpoint));
    QVERIFY(!refusedHash.ok());
    QVERIFY2(refusedHash.error().isPermissionDenied(), qPrintable(refusedHash.error().toString()));
    remember(refusedHash.error());
    auto refusedDefrag = resultOf(alice.maintenance().defragment(endpoint));
    QVERIFY(!refusedDefrag.ok());
    QVERIFY2(refusedDefrag.error().isPermissionDenied(), qPrintable(refusedDefrag.error().toString()));
    remember(refusedDefrag.error());
}

void TestAuth::passwordsNeverAppearInErrors()
{
    // A few more failures of every kind, then every error text seen in this test.
    EtcdClient wrong(optionsAs(*m_cluster, QStringLiteral("root"), kWrongPassword));
    remember(resultOf(wrong.auth().status()).error());
    remember(resultOf(wrong.maintenance().alarms()).error());
    Watcher *w = wrong.watch(WatchOptions::prefix("/app/"), this);
    Recorder rec(w);
    QSignalSpy lostStream(&wrong, &EtcdClient::watchStreamLost);
    QTRY_VERIFY_WITH_TIMEOUT(rec.failures > 0 || !lostStream.isEmpty(), 10000);
    remember(rec.error);
    for (const QList<QVariant> &args : lostStream)
        remember(args.first().value<EtcdError>());
    delete w;

    EtcdClient alice(optionsAs(*m_cluster, QStringLiteral("alice"), kAlicePassword));
    remember(resultOf(alice.maintenance().alarms()).error());
    remember(resultOf(alice.auth().role(QStringLiteral("root"))).error());

    QVERIFY2(m_errorTexts.size() >= 20, qPrintable(QString::number(m_errorTexts.size())));
    for (const QString &text : qAsConst(m_errorTexts)) {
        QVERIFY(!text.isEmpty());
        for (const QString &secret : {kRootPassword, kAlicePassword, kWrongPassword})
            QVERIFY2(!text.contains(secret), qPrintable(text));
    }
}

// A user name and password for a cluster without authentication: etcd answers the sign-in with
// "authentication is not enabled". Like etcd's Go client, the client then goes on without a token,
// and the connection says so (authOff) for whoever shows the connection; the answer itself has
// words of its own.
void TestAuth::credentialsForAClusterWithoutAuth()
{
    START_CLUSTER(plain, 1);
    EtcdClient client(optionsAs(*plain, QStringLiteral("root"), kRootPassword));
    QVERIFY_OK(resultOf(client.kv().put("/noauth/k", "v")));
    auto got = resultOf(client.kv().get("/noauth/k"));
    QVERIFY_OK(got);
    QCOMPARE(got->kvs.size(), 1);
    QVERIFY(client.connection()->authOff(0));
    QVERIFY(client.connection()->token(0).empty());
    auto status = resultOf(client.auth().status());
    QVERIFY_OK(status);
    QVERIFY(!status->enabled);

    detail::CallSpec spec;
    spec.name = "authenticate";
    spec.authenticate = false;
    auto request = std::make_shared<etcdserverpb::AuthenticateRequest>();
    request->set_name("root");
    request->set_password(kRootPassword.toStdString());
    auto signIn = resultOf(detail::unaryFuture<etcdserverpb::AuthenticateResponse, QByteArray>(
        client.connection(), spec,
        [request](detail::Endpoint &ep, grpc::ClientContext *ctx, etcdserverpb::AuthenticateResponse *resp, auto done) {
            ep.auth->async()->Authenticate(ctx, request.get(), resp, std::move(done));
        },
        [](const etcdserverpb::AuthenticateResponse &r, const detail::CallInfo &) {
            return QByteArray::fromStdString(r.token());
        }));
    QVERIFY(!signIn.ok());
    QVERIFY2(signIn.error().isAuthNotEnabled(), qPrintable(signIn.error().toString()));
    QVERIFY2(signIn.error().toString().startsWith(
                 QLatin1String("authentication is not enabled on this cluster: no user name or password is needed")),
             qPrintable(signIn.error().toString()));
    rememberMode(QStringLiteral("authentication not enabled"), signIn.error());
    m_etcdLogs << plain->logTail(0, 5000);
}

void TestAuth::everyAuthFailureHasItsOwnWords()
{
    const QStringList expected{
        QStringLiteral("wrong password"),
        QStringLiteral("authentication not enabled"),
        QStringLiteral("not signed in"),
        QStringLiteral("permission denied on a key"),
        QStringLiteral("permission denied on a prefix"),
        QStringLiteral("permission denied on a watched prefix"),
        QStringLiteral("permission denied on administration"),
    };
    for (const QString &mode : expected)
        QVERIFY2(m_modes.contains(mode), qPrintable(mode + QStringLiteral(" was not recorded")));
    const QStringList modes = m_modes.keys();
    for (int i = 0; i < modes.size(); ++i) {
        qInfo("%s: %s", qPrintable(modes.at(i)), qPrintable(m_modes.value(modes.at(i))));
        for (int j = i + 1; j < modes.size(); ++j)
            QVERIFY2(m_modes.value(modes.at(i)) != m_modes.value(modes.at(j)),
                     qPrintable(modes.at(i) + QStringLiteral(" and ") + modes.at(j) + QStringLiteral(" read alike")));
    }
}

// A user whose role reads only /app/ browses it through a scope: the listing and the live watch
// stay inside what the role allows. The whole keyspace is refused with a clear permission error.
void TestAuth::prefixReaderBrowsesItsScope()
{
    QVERIFY_OK(resultOf(m_root->kv().put("/app/cfg/one", "1")));
    QVERIFY_OK(resultOf(m_root->kv().put("/secret/key", "x")));
    EtcdClient alice(optionsAs(*m_cluster, QStringLiteral("alice"), kAlicePassword));

    KeySpaceMirror scoped(&alice, {"/app/", '/'});
    QSignalSpy loaded(&scoped, &KeySpaceMirror::loaded);
    QSignalSpy failed(&scoped, &KeySpaceMirror::failed);
    scoped.start();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1 || failed.count() == 1, 10000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).value<EtcdError>().toString()));
    QVERIFY(scoped.tree().find("/app/cfg/one"));
    QVERIFY(!scoped.tree().find("/secret/key"));
    // Live: a key root writes under /app/ appears for alice through her watch.
    QVERIFY_OK(resultOf(m_root->kv().put("/app/cfg/two", "2")));
    QTRY_VERIFY_WITH_TIMEOUT(scoped.tree().find("/app/cfg/two") != nullptr, 5000);
    QVERIFY(failed.isEmpty());

    // The whole keyspace is refused by etcd...
    KeySpaceMirror::Options unscoped{QByteArray(), '/'};
    unscoped.followPermissions = false;
    KeySpaceMirror everything(&alice, unscoped);
    QSignalSpy refused(&everything, &KeySpaceMirror::failed);
    everything.start();
    QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 10000);
    const EtcdError e = refused.at(0).at(0).value<EtcdError>();
    QVERIFY2(e.isPermissionDenied(), qPrintable(e.toString()));
    QVERIFY2(e.toString().startsWith(QLatin1String("permission denied by etcd: user \"alice\" may not ")),
             qPrintable(e.toString()));
    qInfo("%s", qPrintable(e.toString()));
    remember(e);

    // ...so by default the mirror narrows itself to what alice may read (tst_permissionbrowse).
    KeySpaceMirror narrowed(&alice, {QByteArray(), '/'});
    QSignalSpy narrowedLoaded(&narrowed, &KeySpaceMirror::loaded);
    QSignalSpy narrowedFailed(&narrowed, &KeySpaceMirror::failed);
    narrowed.start();
    QTRY_VERIFY_WITH_TIMEOUT(narrowedLoaded.count() == 1 || narrowedFailed.count() == 1, 10000);
    QVERIFY(narrowedFailed.isEmpty());
    QCOMPARE(narrowed.access(), KeySpaceMirror::Access::Partial);
    QVERIFY(narrowed.tree().find("/app/cfg/two"));
    QVERIFY(!narrowed.tree().find("/secret/key"));
}

// Every line logged while this test ran (gRPC's, with its api and http tracers switched on for the
// last round of sign-ins, wrong and right) and etcd's own logs: no password anywhere.
void TestAuth::passwordsNeverAppearInLogs()
{
    QVERIFY(grpc_tracer_set_enabled("api", 1));
    QVERIFY(grpc_tracer_set_enabled("http", 1));
    {
        EtcdClient wrong(optionsAs(*m_cluster, QStringLiteral("alice"), kWrongPassword));
        QVERIFY(resultOf(wrong.kv().get("/app/k")).error().isAuthFailed());
        EtcdClient alice(optionsAs(*m_cluster, QStringLiteral("alice"), kAlicePassword));
        QVERIFY_OK(resultOf(alice.kv().get("/app/k")));
        Watcher *w = alice.watch(WatchOptions::prefix("/app/"), this);
        Recorder rec(w);
        QTRY_VERIFY_WITH_TIMEOUT(rec.createdAt > 0, 10000);
        delete w;
        QVERIFY_OK(resultOf(m_root->kv().put("/app/logged", "1")));
    }
    grpc_tracer_set_enabled("api", 0);
    grpc_tracer_set_enabled("http", 0);
    m_etcdLogs << m_cluster->logTail(0, 5000);

    QStringList lines;
    QStringList categories;
    {
        lines = LogCapture::lines();
        categories = LogCapture::categories();
    }
    // The capture works: gRPC's traced lines arrived, and one of them carries the Authenticate call.
    QVERIFY2(categories.count(QStringLiteral("etcd.grpc")) >= 20, qPrintable(QString::number(categories.size())));
    const bool sawSignIn = std::any_of(lines.cbegin(), lines.cend(), [](const QString &line) {
        return line.contains(QLatin1String("/etcdserverpb.Auth/Authenticate"));
    });
    QVERIFY2(sawSignIn, "the gRPC trace never showed the sign-in: the capture cannot prove anything");
    QVERIFY(!m_etcdLogs.isEmpty());
    qInfo("%lld log lines captured, %lld of etcd's logs", qlonglong(lines.size()), qlonglong(m_etcdLogs.size()));
    for (const QString &secret : {kRootPassword, kAlicePassword, kWrongPassword}) {
        for (const QString &line : qAsConst(lines))
            QVERIFY2(!line.contains(secret), qPrintable(line.left(300)));
        for (const QString &log : qAsConst(m_etcdLogs))
            QVERIFY2(!log.contains(secret), qPrintable(secret + QStringLiteral(" in etcd's log")));
    }
}

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
