// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Maintenance and membership against a real 3-member etcd: member list and endpoint status
// compared with etcdctl, a dead member in statusAll, alarms, defragment, snapshot (progress,
// etcdctl accepts the file, cancellation leaves nothing behind), hashes agreeing across members,
// leader transfer, adding and removing a learner, and the read-only refusals.

#include "client/etcdclient.h"
#include "client/keyrange.h"
#include "sandbox/freeport.h"
#include "support/testsupport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

namespace {

// etcdctl prints 64-bit ids as bare decimal numbers, beyond what a double holds exactly: quote
// every integer value before parsing so ids survive as strings.
QJsonDocument parseEtcdctlJson(const QByteArray &out)
{
    static const QRegularExpression number(QStringLiteral("(\":\\s*)(-?\\d+)"));
    QString text = QString::fromUtf8(out);
    text.replace(number, QStringLiteral("\\1\"\\2\""));
    return QJsonDocument::fromJson(text.toUtf8());
}

quint64 u64(const QJsonValue &v)
{
    return v.toString().toULongLong();
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        out << item.toString();
    return out;
}

QString describe(const QVector<EndpointStatus> &all)
{
    QStringList parts;
    for (const EndpointStatus &s : all) {
        parts << (s.ok() ? QStringLiteral("%1: member %2 leader %3")
                               .arg(s.endpoint)
                               .arg(s.memberId, 0, 16)
                               .arg(s.leaderId, 0, 16)
                         : QStringLiteral("%1: %2").arg(s.endpoint, s.error.toString()));
    }
    return parts.join(QStringLiteral("; "));
}

// Every status answered and all name the same leader, which is one of them.
quint64 agreedLeader(const QVector<EndpointStatus> &all)
{
    quint64 leader = 0;
    int leaders = 0;
    for (const EndpointStatus &s : all) {
        if (!s.ok() || s.leaderId == 0 || (leader != 0 && s.leaderId != leader))
            return 0;
        leader = s.leaderId;
        leaders += s.isLeader() ? 1 : 0;
    }
    return leaders == 1 ? leader : 0;
}

} // namespace

class TestMaintenance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void memberListMatchesEtcdctl();
    void statusAllReportsEveryMemberInOrder();
    void statusOfOneEndpoint();
    void statusAllReportsADeadMember();
    void statusAllDoesNotWaitForAStuckMember();
    void alarmsAreEmptyAndDisarmIsANoOp();
    void defragmentDoesNotGrowTheDatabase();
    void snapshotWritesAFileEtcdctlAccepts();
    void snapshotCanBeCancelled();
    void hashesAgreeAcrossMembers();
    void moveLeaderToAFollower();
    void learnerIsAddedAndRemoved();
    void readOnlyConnectionRefusesMaintenanceWrites();

private:
    QVector<EndpointStatus> statusAll();
    // Waits until every member answers status and all agree on one leader; returns the statuses.
    QVector<EndpointStatus> waitForAgreedLeader(int timeoutMs = 15000);
    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
    QTemporaryDir m_tmp;
};

void TestMaintenance::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    START_CLUSTER(cluster, 3, true);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
}

void TestMaintenance::cleanupTestCase()
{
    m_client.reset();
    m_cluster.reset();
}

QVector<EndpointStatus> TestMaintenance::statusAll()
{
    return resultOf(m_client->maintenance().statusAll(3000));
}

QVector<EndpointStatus> TestMaintenance::waitForAgreedLeader(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QVector<EndpointStatus> all = statusAll();
    while (agreedLeader(all) == 0 && !deadline.hasExpired()) {
        spin(100);
        all = statusAll();
    }
    return all;
}

void TestMaintenance::memberListMatchesEtcdctl()
{
    auto ours = resultOf(m_client->cluster().memberList());
    QVERIFY_OK(ours);
    QCOMPARE(ours->members.size(), 3);
    QVERIFY(ours->header.clusterId != 0);

    auto ctl =
        etcdctlFor(*m_cluster)
            .run({QStringLiteral("member"), QStringLiteral("list"), QStringLiteral("-w"), QStringLiteral("json")});
    QVERIFY2(ctl.ok(), ctl.describe().constData());
    const QJsonObject json = parseEtcdctlJson(ctl.out).object();
    QCOMPARE(u64(json[QLatin1String("header")][QLatin1String("cluster_id")]), ours->header.clusterId);
    const QJsonArray theirs = json[QLatin1String("members")].toArray();
    QCOMPARE(theirs.size(), ours->members.size());
    for (const QJsonValue &v : theirs) {
        const QJsonObject m = v.toObject();
        const quint64 id = u64(m[QLatin1String("ID")]);
        QVERIFY(id != 0);
        auto match = std::find_if(ours->members.cbegin(), ours->members.cend(),
                                  [id](const Member &member) { return member.id == id; });
        QVERIFY2(match != ours->members.cend(), qPrintable(QStringLiteral("member %1 missing").arg(id, 0, 16)));
        QCOMPARE(match->name, m[QLatin1String("name")].toString());
        QCOMPARE(match->peerUrls, strings(m[QLatin1String("peerURLs")]));
        QCOMPARE(match->clientUrls, strings(m[QLatin1String("clientURLs")]));
        QVERIFY(!match->isLearner);
    }
    // And both agree with what the sandbox started.
    for (int i = 0; i < 3; ++i) {
        auto byName = std::find_if(ours->members.cbegin(), ours->members.cend(),
                                   [&](const Member &member) { return member.name == m_cluster->memberName(i); });
        QVERIFY(byName != ours->members.cend());
        QCOMPARE(byName->peerUrls, QStringList{m_cluster->peerUrl(i)});
        QCOMPARE(byName->clientUrls, QStringList{QStringLiteral("http://") + m_cluster->clientEndpoint(i)});
    }
}

void TestMaintenance::statusAllReportsEveryMemberInOrder()
{
    QVERIFY_OK(resultOf(m_client->kv().put("/maint/status", "x"))); // revision and index move past the bootstrap
    const QVector<EndpointStatus> all = waitForAgreedLeader();
    QCOMPARE(all.size(), 3);
    const quint64 leader = agreedLeader(all);
    QVERIFY2(leader != 0, qPrintable(describe(all)));

    QSet<quint64> memberIds;
    for (int i = 0; i < all.size(); ++i) {
        const EndpointStatus &s = all[i];
        QVERIFY2(s.ok(), qPrintable(s.error.toString()));
        QCOMPARE(s.endpoint, m_cluster->clientEndpoint(i));
        QVERIFY(s.memberId != 0);
        QCOMPARE(s.header.memberId, s.memberId);
        memberIds.insert(s.memberId);
        QCOMPARE(s.leaderId, leader);
        QVERIFY(s.raftTerm > 0);
        QVERIFY(s.raftIndex > 0);
        QVERIFY(s.raftAppliedIndex > 0);
        QVERIFY(s.dbSizeInUse > 0);
        QVERIFY2(s.dbSize >= s.dbSizeInUse, qPrintable(QStringLiteral("%1 < %2").arg(s.dbSize).arg(s.dbSizeInUse)));
        QVERIFY2(s.version.startsWith(QLatin1String("3.4.")), qPrintable(s.version));
        QVERIFY(s.latencyUs > 0);
        QVERIFY(!s.isLearner);
        QVERIFY(s.errors.isEmpty());
    }
    QCOMPARE(memberIds.size(), 3);

    // etcdctl names the same leader, and the same member behind each endpoint.
    auto ctl =
        etcdctlFor(*m_cluster)
            .run({QStringLiteral("endpoint"), QStringLiteral("status"), QStringLiteral("-w"), QStringLiteral("json")});
    QVERIFY2(ctl.ok(), ctl.describe().constData());
    const QJsonArray theirs = parseEtcdctlJson(ctl.out).array();
    QCOMPARE(theirs.size(), 3);
    for (const QJsonValue &v : theirs) {
        const QJsonObject o = v.toObject();
        const QJsonObject status = o[QLatin1String("Status")].toObject();
        QCOMPARE(u64(status[QLatin1String("leader")]), leader);
        const int index = m_cluster->clientEndpoints().indexOf(o[QLatin1String("Endpoint")].toString());
        QVERIFY2(index >= 0, qPrintable(o[QLatin1String("Endpoint")].toString()));
        QCOMPARE(u64(status[QLatin1String("header")][QLatin1String("member_id")]), all[index].memberId);
        QCOMPARE(status[QLatin1String("version")].toString(), all[index].version);
    }
}

void TestMaintenance::statusOfOneEndpoint()
{
    const QString endpoint = m_cluster->clientEndpoint(1);
    auto one = resultOf(m_client->maintenance().status(endpoint));
    QVERIFY_OK(one);
    QCOMPARE(one->endpoint, endpoint);
    QVERIFY(one->memberId != 0);
    QVERIFY(one->leaderId != 0);
    QVERIFY(one->latencyUs > 0);
    // The answer is about that member, not whichever one the connection prefers.
    const QVector<EndpointStatus> all = statusAll();
    QCOMPARE(one->memberId, all[1].memberId);

    // Also accepted in the URL form, normalised to host:port.
    auto asUrl = resultOf(m_client->maintenance().status(QStringLiteral("http://") + endpoint));
    QVERIFY_OK(asUrl);
    QCOMPARE(asUrl->memberId, one->memberId);

    auto unknown = resultOf(m_client->maintenance().status(QStringLiteral("127.0.0.1:1")));
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(unknown.error().origin(), EtcdError::Origin::Client);
}

void TestMaintenance::statusAllReportsADeadMember()
{
    const QVector<EndpointStatus> before = waitForAgreedLeader();
    const quint64 oldLeader = agreedLeader(before);
    QVERIFY2(oldLeader != 0, qPrintable(describe(before)));
    int dead = 0;
    while (before[dead].memberId != oldLeader)
        ++dead;
    // Kill the leader: the two survivors must elect a new one and say so.
    QVERIFY(m_cluster->kill(dead));

    QVector<EndpointStatus> all;
    quint64 newLeader = 0;
    QDeadlineTimer deadline(15000);
    do {
        all = statusAll();
        QCOMPARE(all.size(), 3);
        QVector<EndpointStatus> alive = all;
        alive.remove(dead);
        newLeader = agreedLeader(alive);
        if (newLeader == 0)
            spin(100);
    } while (newLeader == 0 && !deadline.hasExpired());
    QVERIFY2(newLeader != 0 && newLeader != oldLeader, qPrintable(describe(all)));
    const EndpointStatus &gone = all[dead];
    QCOMPARE(gone.endpoint, m_cluster->clientEndpoint(dead));
    QVERIFY(!gone.ok());
    QVERIFY2(gone.error.isUnavailable() || gone.error.isDeadlineExceeded(), qPrintable(gone.error.toString()));
    QVERIFY(!gone.isLeader());
    QCOMPARE(gone.memberId, quint64(0));

    QString why;
    QVERIFY2(m_cluster->restart(dead, &why), qPrintable(why));
    all = waitForAgreedLeader();
    QVERIFY2(agreedLeader(all) != 0, qPrintable(describe(all)));
    QCOMPARE(all[dead].memberId, oldLeader); // same member back, same data dir
}

void TestMaintenance::statusAllDoesNotWaitForAStuckMember()
{
    // A stopped (SIGSTOP) member accepts connections but never answers: its status ends at the
    // deadline while the others report as usual.
    const QVector<EndpointStatus> before = waitForAgreedLeader();
    QVERIFY2(agreedLeader(before) != 0, qPrintable(describe(before)));
    int stuck = 0;
    while (before[stuck].isLeader())
        ++stuck;
    QVERIFY(m_cluster->pause(stuck));
    QElapsedTimer timer;
    timer.start();
    const QVector<EndpointStatus> all = resultOf(m_client->maintenance().statusAll(1500));
    const qint64 elapsed = timer.elapsed();
    QVERIFY(m_cluster->resume(stuck));
    QVERIFY2(elapsed < 4000, qPrintable(QString::number(elapsed)));
    QCOMPARE(all.size(), 3);
    for (int i = 0; i < 3; ++i) {
        if (i == stuck) {
            QVERIFY(!all[i].ok());
            QVERIFY2(all[i].error.isDeadlineExceeded() || all[i].error.isUnavailable(),
                     qPrintable(all[i].error.toString()));
            QCOMPARE(all[i].endpoint, m_cluster->clientEndpoint(i));
        } else {
            QVERIFY2(all[i].ok(), qPrintable(all[i].error.toString()));
        }
    }
    const QVector<EndpointStatus> after = waitForAgreedLeader();
    QVERIFY2(agreedLeader(after) != 0, qPrintable(describe(after)));
}

void TestMaintenance::alarmsAreEmptyAndDisarmIsANoOp()
{
    auto alarms = resultOf(m_client->maintenance().alarms());
    QVERIFY_OK(alarms);
    QVERIFY(alarms->alarms.isEmpty()); // (etcd 3.4 leaves the header of an alarm response empty)

    const quint64 member = statusAll().at(0).memberId;
    QVERIFY(member != 0);
    auto disarmed = resultOf(m_client->maintenance().disarm(member, AlarmType::NoSpace));
    QVERIFY_OK(disarmed);
    QVERIFY(disarmed->alarms.isEmpty());

    auto after = resultOf(m_client->maintenance().alarms());
    QVERIFY_OK(after);
    QVERIFY(after->alarms.isEmpty());
    auto ctl = etcdctlFor(*m_cluster).run({QStringLiteral("alarm"), QStringLiteral("list")});
    QVERIFY2(ctl.ok(), ctl.describe().constData());
    QVERIFY2(ctl.out.trimmed().isEmpty(), ctl.out.constData());
}

void TestMaintenance::defragmentDoesNotGrowTheDatabase()
{
    // Fill ~4 MiB, delete it and compact it away on the member we will defragment: the pages are
    // then free inside the file, and only a defragmentation gives them back.
    const QString endpoint = m_cluster->clientEndpoint(2);
    const CallOptions there{0, endpoint};
    const QByteArray value(128 * 1024, 'd');
    for (int i = 0; i < 32; ++i)
        QVERIFY_OK(resultOf(m_client->kv().put("/maint/defrag/" + QByteArray::number(i), value)));
    auto deleted = resultOf(m_client->kv().deleteRange(DeleteOptions::prefix("/maint/defrag/")));
    QVERIFY_OK(deleted);
    QCOMPARE(deleted->deleted, 32);
    // The member must have applied the delete before it can compact at that revision.
    QVERIFY_OK(resultOf(m_client->kv().get("/maint/defrag/0", there)));
    QVERIFY_OK(resultOf(m_client->kv().compact(deleted->header.revision, true, there)));

    auto before = resultOf(m_client->maintenance().status(endpoint));
    QVERIFY_OK(before);
    QVERIFY2(before->dbSize > 4 * (1 << 20), qPrintable(QString::number(before->dbSize)));
    QVERIFY(before->dbSizeInUse < before->dbSize);

    auto defrag = resultOf(m_client->maintenance().defragment(endpoint), 60000);
    QVERIFY_OK(defrag); // (etcd 3.4 answers with an empty header)

    auto after = resultOf(m_client->maintenance().status(endpoint));
    QVERIFY_OK(after);
    QVERIFY2(after->dbSize <= before->dbSize,
             qPrintable(QStringLiteral("%1 > %2").arg(after->dbSize).arg(before->dbSize)));
    // With the freed pages handed back, the file shrinks by most of the 4 MiB.
    QVERIFY2(after->dbSize < before->dbSize - 2 * (1 << 20),
             qPrintable(QStringLiteral("%1 -> %2").arg(before->dbSize).arg(after->dbSize)));
    QVERIFY(after->dbSize >= after->dbSizeInUse);
}

void TestMaintenance::snapshotWritesAFileEtcdctlAccepts()
{
    qint64 written = 0;
    for (int i = 0; i < 20; ++i) {
        auto put = resultOf(m_client->kv().put("/maint/snap/" + QByteArray::number(i), QByteArray(16 * 1024, 's')));
        QVERIFY_OK(put);
        written = put->header.revision;
    }
    const QString file = m_tmp.filePath(QStringLiteral("full.db"));

    auto future = m_client->maintenance().snapshot(file);
    QFutureWatcher<EtcdResult<SnapshotInfo>> watcher;
    QVector<int> progress;
    int maximum = 0;
    QString text;
    connect(&watcher, &QFutureWatcherBase::progressValueChanged, this, [&](int value) {
        progress << value;
        maximum = watcher.progressMaximum();
        text = watcher.progressText();
    });
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    QSignalSpy ranges(&watcher, &QFutureWatcherBase::progressRangeChanged);
    watcher.setFuture(future);
    // Polled as a progress bar would be: it never goes backwards.
    QVector<int> polled;
    while (!future.isFinished()) {
        polled << future.progressValue();
        QTest::qWait(2); // poll like a progress bar, without spinning a core
    }
    QVERIFY2(std::is_sorted(polled.cbegin(), polled.cend()), "polled progress went backwards");
    auto snap = resultOf(future, 60000);
    QVERIFY_OK(snap);
    // isFinished() follows the future itself; the signal comes after the queued progress events.
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);

    QCOMPARE(snap->filePath, file);
    QVERIFY(snap->bytes > 0); // (etcd 3.4 sends no header with the snapshot stream)
    QVERIFY(m_cluster->clientEndpoints().contains(snap->endpoint));
    QCOMPARE(QFileInfo(file).size(), snap->bytes);
    QVERIFY(!QFileInfo::exists(file + QStringLiteral(".part")));

    // Progress is in KiB and ends at the total.
    QVERIFY2(progress.size() >= 2 && progress.first() < progress.last(), "no progress reported along the way");
    QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));
    QCOMPARE(maximum, int(snap->bytes / 1024));
    QCOMPARE(progress.last(), maximum);
    // The total is known from the first chunk on: the range is set once, not per chunk.
    QVERIFY2(ranges.count() <= 2, qPrintable(QString::number(ranges.count())));
    QVERIFY2(text.endsWith(QLatin1String(" MiB")) && text.contains(QLatin1String(" of ")), qPrintable(text));

    auto ctl = etcdctlFor(*m_cluster)
                   .run({QStringLiteral("snapshot"), QStringLiteral("status"), file, QStringLiteral("-w"),
                         QStringLiteral("json")});
    QVERIFY2(ctl.ok(), ctl.describe().constData());
    const QJsonObject status = parseEtcdctlJson(ctl.out).object();
    QVERIFY2(u64(status[QLatin1String("totalKey")]) >= 20, ctl.out.constData());
    QVERIFY(u64(status[QLatin1String("revision")]) >= quint64(written));
    QVERIFY(u64(status[QLatin1String("totalSize")]) > 0);
}

void TestMaintenance::snapshotCanBeCancelled()
{
    // ~24 MiB of values, so the stream cannot be over before the cancel lands.
    const QByteArray value(256 * 1024, 'c');
    for (int i = 0; i < 96; ++i)
        QVERIFY_OK(resultOf(m_client->kv().put("/maint/big/" + QByteArray::number(i), value)));
    const QString file = m_tmp.filePath(QStringLiteral("cancelled.db"));

    auto future = m_client->maintenance().snapshot(file);
    future.cancel();
    QVERIFY(waitFor(future, 30000));
    QVERIFY(future.isCanceled() || (future.resultCount() == 1 && future.result().error().isCancelled()));
    QVERIFY(!QFileInfo::exists(file));
    QVERIFY(!QFileInfo::exists(file + QStringLiteral(".part")));

    // Cancelling one does not spoil the next.
    auto again = resultOf(m_client->maintenance().snapshot(m_tmp.filePath(QStringLiteral("again.db"))), 60000);
    QVERIFY_OK(again);
    QVERIFY2(again->bytes > 20 * (1 << 20), qPrintable(QString::number(again->bytes)));
    QVERIFY(QFile::remove(again->filePath));
    QVERIFY_OK(resultOf(m_client->kv().deleteRange(DeleteOptions::prefix("/maint/big/"))));
}

void TestMaintenance::hashesAgreeAcrossMembers()
{
    for (int i = 0; i < 10; ++i)
        QVERIFY_OK(resultOf(m_client->kv().put("/maint/hash/" + QByteArray::number(i), QByteArray::number(i))));
    auto last = resultOf(m_client->kv().put("/maint/hash/last", "x"));
    QVERIFY_OK(last);
    const qint64 revision = last->header.revision;

    QVector<HashResult> kvHashes;
    for (const QString &endpoint : m_cluster->clientEndpoints()) {
        // A linearizable read on the member makes sure it has applied `revision`.
        QVERIFY_OK(resultOf(m_client->kv().get("/maint/hash/last", CallOptions{0, endpoint})));
        auto h = resultOf(m_client->maintenance().hashKv(endpoint, revision));
        QVERIFY_OK(h);
        QCOMPARE(h->endpoint, endpoint);
        QVERIFY(h->hash != 0);
        kvHashes << h.value();
    }
    const QVector<EndpointStatus> all = statusAll();
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(kvHashes[i].header.memberId, all[i].memberId);
        QCOMPARE(kvHashes[i].hash, kvHashes[0].hash);
        QCOMPARE(kvHashes[i].compactRevision, kvHashes[0].compactRevision);
    }

    // A different revision hashes differently: the hash is of the keyspace at that revision.
    auto earlier = resultOf(m_client->maintenance().hashKv(m_cluster->clientEndpoint(0), revision - 1));
    QVERIFY_OK(earlier);
    QVERIFY(earlier->hash != kvHashes[0].hash);

    // The whole-backend hash agrees too once every member has applied the same writes (nothing
    // writes now, but a follower may still be applying the last entry: poll).
    auto backendHashesAgree = [&] {
        QSet<quint32> hashes;
        QSet<qint64> revisions;
        for (const QString &endpoint : m_cluster->clientEndpoints()) {
            auto h = resultOf(m_client->maintenance().hash(endpoint));
            if (!h.ok())
                return false;
            hashes.insert(h->hash);
            revisions.insert(h->header.revision);
        }
        return hashes.size() == 1 && revisions.size() == 1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(backendHashesAgree(), 10000);
}

void TestMaintenance::moveLeaderToAFollower()
{
    const QVector<EndpointStatus> before = waitForAgreedLeader();
    const quint64 leader = agreedLeader(before);
    QVERIFY2(leader != 0, qPrintable(describe(before)));
    quint64 target = 0;
    for (const EndpointStatus &s : before)
        if (s.memberId != leader)
            target = s.memberId;
    QVERIFY(target != 0);

    auto moved = resultOf(m_client->maintenance().moveLeader(target, 10000));
    QVERIFY_OK(moved);
    QTRY_COMPARE_WITH_TIMEOUT(agreedLeader(statusAll()), target, 10000);

    // Moving leadership to the member that already has it is not an error.
    QVERIFY_OK(resultOf(m_client->maintenance().moveLeader(target, 10000)));
    QCOMPARE(agreedLeader(statusAll()), target);
}

void TestMaintenance::learnerIsAddedAndRemoved()
{
    // A learner that never starts: it does not count for quorum, so the cluster carries on.
    PortReservation port;
    QVERIFY(port.reserve(1));
    const QString peerUrl = QStringLiteral("http://127.0.0.1:%1").arg(port.ports().first());

    // etcd (--strict-reconfig-check) refuses to add a member, even a learner, as an "unhealthy
    // cluster" until every voting member has been connected for 5 s: the member killed and the
    // one paused earlier may have come back only moments ago.
    EtcdResult<MemberAdded> added;
    QDeadlineTimer deadline(20000);
    for (;;) {
        added = resultOf(m_client->cluster().memberAdd({peerUrl}, true));
        if (added.ok() || !added.error().message().contains(QLatin1String("unhealthy cluster")) ||
            deadline.hasExpired())
            break;
        spin(250);
    }
    QVERIFY_OK(added);
    const quint64 learnerId = added->member.id;
    QVERIFY(learnerId != 0);
    QVERIFY(added->member.isLearner);
    QCOMPARE(added->member.peerUrls, QStringList{peerUrl});
    QCOMPARE(added->members.size(), 4);

    auto list = resultOf(m_client->cluster().memberList());
    QVERIFY_OK(list);
    QCOMPARE(list->members.size(), 4);
    auto learner =
        std::find_if(list->members.cbegin(), list->members.cend(), [&](const Member &m) { return m.id == learnerId; });
    QVERIFY(learner != list->members.cend());
    QVERIFY(learner->isLearner);
    QVERIFY(learner->name.isEmpty()); // not started
    QVERIFY(learner->clientUrls.isEmpty());
    QCOMPARE(learner->peerUrls, QStringList{peerUrl});
    QCOMPARE(std::count_if(list->members.cbegin(), list->members.cend(), [](const Member &m) { return m.isLearner; }),
             1);

    // Writes still work with a dead learner in the cluster.
    QVERIFY_OK(resultOf(m_client->kv().put("/maint/learner", "x")));

    auto removed = resultOf(m_client->cluster().memberRemove(learnerId));
    QVERIFY_OK(removed);
    QCOMPARE(removed->members.size(), 3);
    auto after = resultOf(m_client->cluster().memberList());
    QVERIFY_OK(after);
    QCOMPARE(after->members.size(), 3);
    for (const Member &m : after->members)
        QVERIFY(m.id != learnerId && !m.isLearner);

    auto again = resultOf(m_client->cluster().memberRemove(learnerId));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code(), ErrorCode::NotFound);
}

void TestMaintenance::readOnlyConnectionRefusesMaintenanceWrites()
{
    ConnectionOptions options = optionsFor(*m_cluster);
    options.readOnly = true;
    EtcdClient readOnly(options);
    QVERIFY(readOnly.isReadOnly());

    const QVector<EndpointStatus> all = resultOf(readOnly.maintenance().statusAll(3000));
    QCOMPARE(all.size(), 3);
    for (const EndpointStatus &s : all)
        QVERIFY2(s.ok(), qPrintable(s.error.toString()));
    auto members = resultOf(readOnly.cluster().memberList());
    QVERIFY_OK(members);
    QCOMPARE(members->members.size(), 3);
    QVERIFY_OK(resultOf(readOnly.maintenance().alarms()));

    const quint64 follower = [&] {
        for (const EndpointStatus &s : all)
            if (!s.isLeader())
                return s.memberId;
        return quint64(0);
    }();
    auto refused = [](const auto &result) {
        return !result.ok() && result.error().isReadOnlyRefusal() &&
               result.error().origin() == EtcdError::Origin::Client;
    };
    auto defrag = resultOf(readOnly.maintenance().defragment(m_cluster->clientEndpoint(0)));
    QVERIFY2(refused(defrag), qPrintable(defrag.error().toString()));
    auto move = resultOf(readOnly.maintenance().moveLeader(follower));
    QVERIFY2(refused(move), qPrintable(move.error().toString()));
    auto disarm = resultOf(readOnly.maintenance().disarm(all[0].memberId, AlarmType::NoSpace));
    QVERIFY2(refused(disarm), qPrintable(disarm.error().toString()));
    PortReservation port;
    QVERIFY(port.reserve(1));
    auto add =
        resultOf(readOnly.cluster().memberAdd({QStringLiteral("http://127.0.0.1:%1").arg(port.ports().first())}, true));
    QVERIFY2(refused(add), qPrintable(add.error().toString()));
    auto remove = resultOf(readOnly.cluster().memberRemove(all[0].memberId));
    QVERIFY2(refused(remove), qPrintable(remove.error().toString()));

    // Nothing changed: same members, same leader.
    auto after = resultOf(m_client->cluster().memberList());
    QVERIFY_OK(after);
    QCOMPARE(after->members.size(), 3);
    QCOMPARE(agreedLeader(statusAll()), agreedLeader(all));
}

QTEST_GUILESS_MAIN(TestMaintenance)
#include "tst_maintenance.moc"
