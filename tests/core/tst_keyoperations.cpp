// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The key browser's bulk operations against a real single-member etcd: prefix deletes with exact
// reports, compare-and-delete, copy and rename of keys and folders, create with leases,
// export/import round trips, cancellation, read-only refusal, and etcd's transaction limits.

#include "client/etcdclient.h"
#include "client/keyrange.h"
#include "state/keyspace/keypager.h"
#include "state/operations/keyexport.h"
#include "state/operations/operationrunner.h"
#include "state/operations/keyimport.h"
#include "state/operations/keyoperations.h"
#include "support/testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

#include <algorithm>

using namespace etcd;
using namespace etcd::test;

namespace {

using ReportFuture = QFuture<EtcdResult<OperationReport>>;

QByteArray binaryBytes(int n, quint32 seed = 1)
{
    QByteArray out;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1103515245u + 12345u;
        out.append(static_cast<char>((seed >> 16) & 0xff));
    }
    return out;
}

QVector<QByteArray> sorted(QVector<QByteArray> keys)
{
    std::sort(keys.begin(), keys.end());
    return keys;
}

// Progress as a QFutureWatcher on the caller's thread sees it.
struct ProgressLog
{
    QVector<int> values;
    int maximum = 0;
    QString lastText;
    QFutureWatcher<EtcdResult<OperationReport>> watcher;

    explicit ProgressLog(const ReportFuture &future)
    {
        QObject::connect(&watcher, &QFutureWatcherBase::progressValueChanged, [this](int v) { values << v; });
        QObject::connect(&watcher, &QFutureWatcherBase::progressRangeChanged, [this](int, int max) { maximum = max; });
        QObject::connect(&watcher, &QFutureWatcherBase::progressTextChanged,
                         [this](const QString &t) { lastText = t; });
        watcher.setFuture(future);
    }
};

} // namespace

class TestKeyOperations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pagerReadsAheadAndCrossesNumberGaps();
    void init();

    void deletePrefixOf3000KeysReportsEveryKey();
    void deletePrefixLeavesWhatChangedAfterTheUserLooked();
    void deletePrefixNeverLosesAConcurrentWrite();
    void compareAndDeleteRefusesAfterAConcurrentChange();
    void copyAndRenameOneKey();
    void copyAndRenameAFolderOf500Keys();
    void largeValuesAreBatchedByBytes();
    void createWithTtlOrExistingLease();
    void exportImportRoundTripIsByteExact();
    void importModesNeverClobberLaterChanges();
    void malformedImportFilesSayWhere();
    void cancelStopsBigDeleteAndExport();
    void readOnlyClientRefusesEveryWriteAtOnce();
    void lowerServerLimitsSplitTransactions();

private:
    void putAll(EtcdClient &client, const QVector<QPair<QByteArray, QByteArray>> &kvs, int perTxn = 100);
    QMap<QByteArray, KeyValue> readPrefix(const QByteArray &prefix);
    qint64 count(const QByteArray &prefix);
    qint64 revisionNow();
    QByteArray valueOf(const QByteArray &key);
    QString exportTo(const QByteArray &prefix, const QString &name);

    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
    QTemporaryDir m_dir;
    QByteArray m_prefix;
    int m_case = 0;
};

void TestKeyOperations::initTestCase()
{
    QVERIFY(m_dir.isValid());
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
}

void TestKeyOperations::cleanupTestCase()
{
    m_client.reset();
    m_cluster.reset();
}

void TestKeyOperations::init()
{
    m_prefix = QByteArray("/ops-test/") + QByteArray::number(++m_case) + '/';
}

void TestKeyOperations::putAll(EtcdClient &client, const QVector<QPair<QByteArray, QByteArray>> &kvs, int perTxn)
{
    for (int start = 0; start < kvs.size(); start += perTxn) {
        TxnSpec txn;
        for (int i = start; i < std::min<int>(kvs.size(), start + perTxn); ++i)
            txn.success << TxnOp::putKey(kvs[i].first, kvs[i].second);
        QVERIFY_OK(resultOf(client.kv().txn(txn)));
    }
}

QMap<QByteArray, KeyValue> TestKeyOperations::readPrefix(const QByteArray &prefix)
{
    QMap<QByteArray, KeyValue> out;
    auto all = resultOf(m_client->kv().range(RangeOptions::prefix(prefix)));
    for (const KeyValue &kv : all->kvs)
        out.insert(kv.key, kv);
    return out;
}

qint64 TestKeyOperations::count(const QByteArray &prefix)
{
    auto n = resultOf(KeyOperations(m_client.get()).countPrefix(prefix));
    return n.ok() ? n->count : -1;
}

qint64 TestKeyOperations::revisionNow()
{
    return resultOf(m_client->kv().get("/"))->header.revision;
}

QByteArray TestKeyOperations::valueOf(const QByteArray &key)
{
    auto got = resultOf(m_client->kv().get(key));
    return got.ok() && !got->kvs.isEmpty() ? got->kvs.first().value : QByteArray("<absent>");
}

QString TestKeyOperations::exportTo(const QByteArray &prefix, const QString &name)
{
    const QString path = m_dir.filePath(name);
    auto summary = resultOf(exportPrefix(m_client.get(), prefix, path));
    return summary.ok() ? path : QString();
}

void TestKeyOperations::deletePrefixOf3000KeysReportsEveryKey()
{
    QVector<QPair<QByteArray, QByteArray>> kvs;
    QVector<QByteArray> keys;
    for (int i = 0; i < 3000; ++i) {
        keys << m_prefix + QByteArray::number(i).rightJustified(5, '0');
        kvs << qMakePair(keys.last(), QByteArray("v"));
    }
    putAll(*m_client, kvs);
    const QByteArray sibling = m_prefix.left(m_prefix.size() - 1) + "-sibling"; // shares the prefix minus '/'
    QVERIFY_OK(resultOf(m_client->kv().put(sibling, "stays")));

    KeyOperations ops(m_client.get());
    auto seen = resultOf(ops.countPrefix(m_prefix));
    QVERIFY_OK(seen);
    QCOMPARE(seen->count, 3000);
    QElapsedTimer timer;
    timer.start();
    ReportFuture future = ops.deletePrefix(m_prefix, seen->revision);
    ProgressLog progress(future);
    auto report = resultOf(future);
    QVERIFY_OK(report);
    qInfo("deleted 3 000 keys in %lld ms, %d progress updates", timer.elapsed(), int(progress.values.size()));
    QVERIFY2(report->complete(), qPrintable(report->summary()));
    QCOMPARE(report->done, 3000);
    QCOMPARE(report->total, 3000);
    QCOMPARE(sorted(report->doneKeys), keys);
    QVERIFY(report->problems.isEmpty());
    QVERIFY(report->revision > seen->revision);
    const QString n3000 = QLocale().toString(3000);
    QCOMPARE(report->summary(), QStringLiteral("Deleted %1 keys.").arg(n3000));

    QCOMPARE(progress.maximum, 3000);
    QVERIFY(progress.values.size() >= 2);
    QCOMPARE(progress.values.last(), 3000);
    QVERIFY(std::is_sorted(progress.values.begin(), progress.values.end()));
    QCOMPARE(progress.lastText, QStringLiteral("Deleted %1 of %1 keys").arg(n3000));
    QCOMPARE(count(m_prefix), 0);
    QCOMPARE(valueOf(sibling), QByteArray("stays"));
}

void TestKeyOperations::deletePrefixLeavesWhatChangedAfterTheUserLooked()
{
    QVector<QPair<QByteArray, QByteArray>> kvs;
    for (int i = 0; i < 200; ++i)
        kvs << qMakePair(m_prefix + QByteArray::number(i).rightJustified(3, '0'), QByteArray("v"));
    putAll(*m_client, kvs);
    KeyOperations ops(m_client.get());
    auto seen = resultOf(ops.countPrefix(m_prefix));
    QVERIFY_OK(seen);
    // After the user saw the count: someone edits one key and creates another.
    QVERIFY_OK(resultOf(m_client->kv().put(m_prefix + "150", "edited")));
    QVERIFY_OK(resultOf(m_client->kv().put(m_prefix + "150a", "created")));

    auto report = resultOf(ops.deletePrefix(m_prefix, seen->revision));
    QVERIFY_OK(report);
    QCOMPARE(report->done, 199);
    QCOMPARE(report->skipped, 2);
    QCOMPARE(report->problems.size(), 2);
    for (const KeyProblem &p : report->problems)
        QCOMPARE(p.kind, KeyProblem::Changed);
    QCOMPARE(report->problems[0].key, m_prefix + "150");
    QVERIFY(report->problems[0].detail.contains(QLatin1String("changed at revision")));
    QCOMPARE(report->problems[1].key, m_prefix + "150a");
    QVERIFY(report->problems[1].detail.contains(QLatin1String("created at revision")));
    QVERIFY(!report->complete());
    QVERIFY2(report->summary().contains(QLatin1String("2 changed meanwhile")), qPrintable(report->summary()));
    QCOMPARE(valueOf(m_prefix + "150"), QByteArray("edited"));
    QCOMPARE(valueOf(m_prefix + "150a"), QByteArray("created"));
    QCOMPARE(count(m_prefix), 2);
}

void TestKeyOperations::deletePrefixNeverLosesAConcurrentWrite()
{
    const int n = 3000;
    QVector<QPair<QByteArray, QByteArray>> kvs;
    for (int i = 0; i < n; ++i)
        kvs << qMakePair(m_prefix + QByteArray::number(i).rightJustified(5, '0'), QByteArray("v"));
    putAll(*m_client, kvs);

    // While the delete runs, write from the end of the range backwards (where it arrives last):
    // edits of existing keys and new keys between them. The delete is based on the revision
    // before the first of them, as if the user had looked then.
    KeyOperations ops(m_client.get());
    auto seen = resultOf(ops.countPrefix(m_prefix));
    QVERIFY_OK(seen);
    ReportFuture future = ops.deletePrefix(m_prefix, seen->revision);
    QMap<QByteArray, QByteArray> written;
    int writes = 0;
    for (int i = n - 1; !future.isFinished() || writes == 0; i = (i - 7 + n) % n) {
        const QByteArray key = kvs[i].first + (i % 2 ? "-new" : "");
        const QByteArray value = "written-" + QByteArray::number(++writes);
        QVERIFY_OK(resultOf(m_client->kv().put(key, value)));
        written[key] = value;
    }
    auto report = resultOf(future);
    QVERIFY_OK(report);
    qInfo("%d concurrent writes; the delete left %d keys alone: %s", writes, int(report->skipped),
          qPrintable(report->summary()));
    QVERIFY2(report->error.isOk() && !report->cancelled, qPrintable(report->summary()));
    for (auto it = written.cbegin(); it != written.cend(); ++it)
        QCOMPARE(valueOf(it.key()), it.value()); // every concurrent write survived
    for (const KeyProblem &p : report->problems) {
        QVERIFY(written.contains(p.key));
        QCOMPARE(p.kind, KeyProblem::Changed);
    }
    // Every key reported deleted is gone unless written again afterwards; every other original is gone.
    const QMap<QByteArray, KeyValue> left = readPrefix(m_prefix);
    for (const QByteArray &key : report->doneKeys)
        QVERIFY(!left.contains(key) || written.contains(key));
    for (const auto &kv : kvs)
        QVERIFY(written.contains(kv.first) || !left.contains(kv.first));
    QCOMPARE(left.size(), written.size());
}

void TestKeyOperations::compareAndDeleteRefusesAfterAConcurrentChange()
{
    const QByteArray key = m_prefix + "config";
    auto loaded = resultOf(m_client->kv().put(key, "v1"));
    QVERIFY_OK(loaded);
    auto theirs = resultOf(m_client->kv().put(key, "v2")); // someone else, after we loaded v1
    QVERIFY_OK(theirs);
    KeyOperations ops(m_client.get());

    auto refused = resultOf(ops.deleteKey(key, loaded->header.revision));
    QVERIFY_OK(refused);
    QCOMPARE(refused->done, 0);
    QCOMPARE(refused->problems.size(), 1);
    QCOMPARE(refused->problems[0].kind, KeyProblem::Changed);
    QVERIFY(refused->problems[0].detail.contains(QString::number(theirs->header.revision)));
    QCOMPARE(valueOf(key), QByteArray("v2"));

    auto deleted = resultOf(ops.deleteKey(key, theirs->header.revision));
    QVERIFY_OK(deleted);
    QCOMPARE(deleted->done, 1);
    QCOMPARE(valueOf(key), QByteArray("<absent>"));
    auto gone = resultOf(ops.deleteKey(key, theirs->header.revision));
    QVERIFY_OK(gone);
    QCOMPARE(gone->problems.value(0).kind, KeyProblem::Missing);
    auto blind = resultOf(ops.deleteKey(key, 0));
    QVERIFY(!blind.ok());
    QCOMPARE(blind.error().code(), ErrorCode::InvalidArgument);
}

void TestKeyOperations::copyAndRenameOneKey()
{
    QByteArray allBytes;
    for (int i = 0; i < 256; ++i)
        allBytes.append(static_cast<char>(i));
    const QByteArray source = m_prefix + QByteArray("\xff\x00src", 5);
    const QByteArray copy = m_prefix + "copy";
    const QByteArray renamed = m_prefix + QByteArray("\xfe\x00renamed", 9);
    auto lease = resultOf(m_client->lease().grant(120));
    QVERIFY_OK(lease);
    PutOptions leased;
    leased.lease = lease->id;
    QVERIFY_OK(resultOf(m_client->kv().put(source, allBytes, leased)));
    KeyOperations ops(m_client.get());

    auto copied = resultOf(ops.copy(source, copy, false, false));
    QVERIFY_OK(copied);
    QCOMPARE(copied->done, 1);
    QCOMPARE(copied->doneKeys.value(0), source);
    auto both = readPrefix(m_prefix);
    QCOMPARE(both.value(copy).value, allBytes);
    QCOMPARE(both.value(copy).lease, 0); // a copy does not expire with its source
    QCOMPARE(both.value(source).value, allBytes);

    // The destination exists now: never overwritten, reported.
    QVERIFY_OK(resultOf(m_client->kv().put(source, "changed source")));
    auto again = resultOf(ops.copy(source, copy, false, false));
    QVERIFY_OK(again);
    QCOMPARE(again->done, 0);
    QCOMPARE(again->problems.value(0).kind, KeyProblem::Exists);
    QCOMPARE(valueOf(copy), allBytes);

    QVERIFY_OK(resultOf(m_client->kv().put(source, allBytes, leased)));
    auto moved = resultOf(ops.copy(source, renamed, false, true));
    QVERIFY_OK(moved);
    QCOMPARE(moved->done, 1);
    auto after = readPrefix(m_prefix);
    QVERIFY(!after.contains(source));
    QCOMPARE(after.value(renamed).value, allBytes);
    QCOMPARE(after.value(renamed).lease, lease->id); // a renamed key lives as long as it did

    auto onto = resultOf(ops.copy(renamed, copy, false, true));
    QVERIFY_OK(onto);
    QCOMPARE(onto->problems.value(0).kind, KeyProblem::Exists);
    QCOMPARE(valueOf(renamed), allBytes); // a refused rename keeps its source
    auto missing = resultOf(ops.copy(source, m_prefix + "x", false, false));
    QVERIFY_OK(missing);
    QCOMPARE(missing->problems.value(0).kind, KeyProblem::Missing);
    QCOMPARE(resultOf(ops.copy(copy, copy, false, false)).error().code(), ErrorCode::InvalidArgument);
    QVERIFY_OK(resultOf(m_client->lease().revoke(lease->id)));
}

void TestKeyOperations::copyAndRenameAFolderOf500Keys()
{
    const QByteArray from = m_prefix + "from/";
    const QByteArray to = m_prefix + "to/";
    QVector<QPair<QByteArray, QByteArray>> kvs;
    for (int i = 0; i < 500; ++i) {
        QByteArray rel = i % 50 == 0 ? QByteArray("\xff\x00", 2) + QByteArray::number(i) : "k/" + QByteArray::number(i);
        QByteArray value = i % 3 == 0 ? binaryBytes(i, i) : "value " + QByteArray::number(i);
        if (i == 5)
            value = "\xd0\xb7\xd0\xbd\xd0\xb0\xd1\x87\xd0\xb5\xd0\xbd\xd0\xb8\xd0\xb5\n";
        kvs << qMakePair(from + rel, value);
    }
    putAll(*m_client, kvs);
    auto lease = resultOf(m_client->lease().grant(120));
    QVERIFY_OK(lease);
    PutOptions leased;
    leased.lease = lease->id;
    QVERIFY_OK(resultOf(m_client->kv().put(kvs[4].first, kvs[4].second, leased)));
    const QByteArray taken = to + kvs[7].first.mid(from.size());
    QVERIFY_OK(resultOf(m_client->kv().put(taken, "mine")));
    KeyOperations ops(m_client.get());

    const qint64 before = revisionNow();
    QElapsedTimer timer;
    timer.start();
    auto copied = resultOf(ops.copy(from, to, true, false));
    QVERIFY_OK(copied);
    qInfo("copied 499 keys in %lld ms, %lld transactions", timer.elapsed(), copied->revision - before);
    QCOMPARE(copied->total, 500);
    QCOMPARE(copied->done, 499);
    QCOMPARE(copied->problems.size(), 1);
    QCOMPARE(copied->problems[0].key, kvs[7].first);
    QCOMPARE(copied->problems[0].kind, KeyProblem::Exists);
    // One revision per transaction of at most 64 keys: 8 at least (page ends may cut a few short).
    QVERIFY(copied->revision - before >= 8 && copied->revision - before <= 16);
    auto copies = readPrefix(to);
    QCOMPARE(copies.size(), 500);
    for (const auto &kv : kvs) {
        const QByteArray dest = to + kv.first.mid(from.size());
        QCOMPARE(copies.value(dest).value, dest == taken ? QByteArray("mine") : kv.second);
        QCOMPARE(copies.value(dest).lease, 0);
    }
    QCOMPARE(count(from), 500);

    const QByteArray moved = m_prefix + "moved/";
    auto renamed = resultOf(ops.copy(from, moved, true, true));
    QVERIFY_OK(renamed);
    QCOMPARE(renamed->done, 500);
    QVERIFY(renamed->complete());
    QCOMPARE(count(from), 0);
    auto after = readPrefix(moved);
    for (const auto &kv : kvs)
        QCOMPARE(after.value(moved + kv.first.mid(from.size())).value, kv.second);
    QCOMPARE(after.value(moved + kvs[4].first.mid(from.size())).lease, lease->id);
    QCOMPARE(resultOf(ops.copy(moved, moved + "inner/", true, false)).error().code(), ErrorCode::InvalidArgument);
    QVERIFY_OK(resultOf(m_client->lease().revoke(lease->id)));
}

void TestKeyOperations::largeValuesAreBatchedByBytes()
{
    // 12 values of 400 KiB: 4.8 MiB, far over etcd's 1.5 MiB request limit for one transaction.
    const QByteArray from = m_prefix + "big/";
    for (int i = 0; i < 12; ++i)
        QVERIFY_OK(resultOf(m_client->kv().put(from + QByteArray::number(i), binaryBytes(400 << 10, i))));
    const qint64 before = revisionNow();
    auto copied = resultOf(KeyOperations(m_client.get()).copy(from, m_prefix + "copy/", true, false));
    QVERIFY_OK(copied);
    QCOMPARE(copied->done, 12);
    QVERIFY2(copied->revision - before >= 5, qPrintable(QString::number(copied->revision - before)));
    for (int i = 0; i < 12; ++i)
        QCOMPARE(valueOf(m_prefix + "copy/" + QByteArray::number(i)), binaryBytes(400 << 10, i));
}

void TestKeyOperations::createWithTtlOrExistingLease()
{
    KeyOperations ops(m_client.get());
    const QByteArray key = m_prefix + "ephemeral";
    auto created = resultOf(ops.create(key, "v", 30));
    QVERIFY_OK(created);
    QCOMPARE(created->done, 1);
    QVERIFY(created->lease != 0);
    auto ttl = resultOf(m_client->lease().timeToLive(created->lease, true));
    QVERIFY_OK(ttl);
    QCOMPARE(ttl->grantedTtl, 30);
    QVERIFY2(ttl->ttl > 25 && ttl->ttl <= 30, qPrintable(QString::number(ttl->ttl)));
    QCOMPARE(ttl->keys, QVector<QByteArray>{key});

    auto lease = resultOf(m_client->lease().grant(60));
    QVERIFY_OK(lease);
    auto attached = resultOf(ops.create(m_prefix + "attached", "w", 0, lease->id));
    QVERIFY_OK(attached);
    QCOMPARE(attached->lease, lease->id);
    QCOMPARE(readPrefix(m_prefix).value(m_prefix + "attached").lease, lease->id);

    // An existing key is never overwritten, and the lease granted for the attempt is revoked.
    const int leasesBefore = resultOf(m_client->lease().list())->ids.size();
    auto exists = resultOf(ops.create(key, "other", 30));
    QVERIFY_OK(exists);
    QCOMPARE(exists->done, 0);
    QCOMPARE(exists->lease, 0);
    QCOMPARE(exists->problems.value(0).kind, KeyProblem::Exists);
    QCOMPARE(valueOf(key), QByteArray("v"));
    QCOMPARE(resultOf(m_client->lease().list())->ids.size(), leasesBefore);

    QCOMPARE(resultOf(ops.create(key, "v", 5, lease->id)).error().code(), ErrorCode::InvalidArgument);
    auto noLease = resultOf(ops.create(m_prefix + "no-lease", "v", 0, 0x7eadbeef));
    QVERIFY(!noLease.ok());
    QVERIFY2(noLease.error().isLeaseNotFound(), qPrintable(noLease.error().toString()));
    QVERIFY_OK(resultOf(m_client->lease().revoke(lease->id)));
    QVERIFY_OK(resultOf(m_client->lease().revoke(created->lease)));
}

void TestKeyOperations::exportImportRoundTripIsByteExact()
{
    const QByteArray source = m_prefix + "src/";
    QVector<QPair<QByteArray, QByteArray>> kvs = {
        {source + "\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87/\xc3\xbc",
         "\xd0\xb7\xd0\xbd\xd0\xb0\xd1\x87\xd0\xb5\xd0\xbd\xd0\xb8\xd0\xb5\n"},
        {source + QByteArray("\xff\xfe\x00k", 4), binaryBytes(1000)},
        {source + "quote\"and\\backslash", QByteArray("nul\0inside", 10)},
        {source + "empty", QByteArray()},
        {source + "bom", "\xef\xbb\xbftext after a BOM"},
        {source + "invalid-utf8", "caf\xe9"},
        {source + "big", binaryBytes(300 << 10, 9)},
        {source + "json", "{\"a\": [1, 2], \"b\": \"\\u00e9\"}\t\r\n"},
    };
    for (int i = 0; i < 200; ++i)
        kvs << qMakePair(source + "plain/" + QByteArray::number(i), "value " + QByteArray::number(i));
    putAll(*m_client, kvs, 20);
    auto lease = resultOf(m_client->lease().grant(120));
    QVERIFY_OK(lease);
    PutOptions leased;
    leased.lease = lease->id;
    QVERIFY_OK(resultOf(m_client->kv().put(kvs[3].first, kvs[3].second, leased)));

    const QString path = m_dir.filePath(QStringLiteral("round-trip.json"));
    QElapsedTimer timer;
    timer.start();
    auto exported = resultOf(exportPrefix(m_client.get(), source, path));
    QVERIFY_OK(exported);
    qInfo("exported %lld keys (%lld bytes) in %lld ms", exported->keys, exported->fileBytes, timer.elapsed());
    QCOMPARE(exported->keys, kvs.size());
    QCOMPARE(exported->base64Keys, 1);
    QCOMPARE(exported->base64Values, 4); // the two binary ones, the BOM and the Latin-1 ones (NUL is UTF-8)
    QVERIFY(!exported->cancelled);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QCOMPARE(text.count('\n'), kvs.size() + 2); // header line, one line per key, footer
    const QJsonObject root = QJsonDocument::fromJson(text).object();
    QCOMPARE(root.value(QLatin1String("format")).toString(), QStringLiteral("etcd-console-export"));
    QCOMPARE(root.value(QLatin1String("version")).toInt(), 1);
    QCOMPARE(root.value(QLatin1String("prefix")).toString().toUtf8(), source);
    QCOMPARE(root.value(QLatin1String("revision")).toInteger(), exported->revision);
    QCOMPARE(root.value(QLatin1String("count")).toInteger(), kvs.size());
    QVERIFY(QDateTime::fromString(root.value(QLatin1String("exportedAt")).toString(), Qt::ISODateWithMs).isValid());
    const QJsonArray keys = root.value(QLatin1String("keys")).toArray();
    QCOMPARE(keys.size(), kvs.size());
    bool sawLease = false;
    for (const QJsonValue &entry : keys)
        sawLease = sawLease || entry[QLatin1String("lease")].toString() == QString::number(lease->id, 16);
    QVERIFY(sawLease);

    const QByteArray target = m_prefix + "restored/";
    auto preview = resultOf(previewImport(m_client.get(), path, target));
    QVERIFY_OK(preview);
    QCOMPARE(preview->newKeys, kvs.size());
    QCOMPARE(preview->identicalKeys + preview->differentKeys, 0);
    QCOMPARE(preview->leasedInFile, 1);
    QCOMPARE(preview->filePrefix, source);
    QCOMPARE(preview->fileRevision, exported->revision);
    auto imported = resultOf(applyImport(m_client.get(), preview.value(), ImportMode::CreateOnly));
    QVERIFY_OK(imported);
    QCOMPARE(imported->done, kvs.size());
    QVERIFY(imported->complete());

    const auto original = readPrefix(source);
    const auto restored = readPrefix(target);
    QCOMPARE(restored.size(), original.size());
    for (auto it = original.cbegin(); it != original.cend(); ++it) {
        const KeyValue copy = restored.value(target + it.key().mid(source.size()));
        QCOMPARE(copy.value, it->value);
        QCOMPARE(copy.lease, 0); // leases are not restored
    }
    // Into the original place: everything is already there.
    auto same = resultOf(previewImport(m_client.get(), path));
    QVERIFY_OK(same);
    QCOMPARE(same->identicalKeys, kvs.size());
    QVERIFY_OK(resultOf(m_client->lease().revoke(lease->id)));
}

void TestKeyOperations::importModesNeverClobberLaterChanges()
{
    const QByteArray source = m_prefix + "src/";
    const QByteArray target = m_prefix + "dst/";
    QVector<QPair<QByteArray, QByteArray>> kvs;
    for (int i = 0; i < 10; ++i)
        kvs << qMakePair(source + "k" + QByteArray::number(i), "v" + QByteArray::number(i));
    putAll(*m_client, kvs);
    const QString path = exportTo(source, QStringLiteral("modes.json"));
    QVERIFY(!path.isEmpty());
    auto apply = [&](ImportMode mode) {
        auto preview = resultOf(previewImport(m_client.get(), path, target));
        return preview.ok() ? resultOf(applyImport(m_client.get(), preview.value(), mode))
                            : EtcdResult<OperationReport>(preview.error());
    };
    QCOMPARE(apply(ImportMode::CreateOnly)->done, 10);

    // A local edit and a deletion: create-only brings back the deleted key, leaves the edit.
    QVERIFY_OK(resultOf(m_client->kv().put(target + "k1", "local edit")));
    QVERIFY_OK(resultOf(m_client->kv().deleteRange(DeleteOptions::single(target + "k2"))));
    auto preview = resultOf(previewImport(m_client.get(), path, target));
    QVERIFY_OK(preview);
    QCOMPARE(preview->identicalKeys, 8);
    QCOMPARE(preview->differentKeys, 1);
    QCOMPARE(preview->newKeys, 1);
    auto createOnly = resultOf(applyImport(m_client.get(), preview.value(), ImportMode::CreateOnly));
    QVERIFY_OK(createOnly);
    QCOMPARE(createOnly->done, 1);
    QCOMPARE(createOnly->unchanged, 8);
    QCOMPARE(createOnly->problems.size(), 1);
    QCOMPARE(createOnly->problems[0].key, target + "k1");
    QCOMPARE(createOnly->problems[0].kind, KeyProblem::Exists);
    QCOMPARE(valueOf(target + "k1"), QByteArray("local edit"));
    QCOMPARE(valueOf(target + "k2"), QByteArray("v2"));
    auto overwrite = apply(ImportMode::Overwrite);
    QVERIFY_OK(overwrite);
    QCOMPARE(overwrite->done, 1);
    QCOMPARE(valueOf(target + "k1"), QByteArray("v1"));

    // Changes after the preview: never clobbered, reported as conflicts.
    QVERIFY_OK(resultOf(m_client->kv().put(target + "k3", "edited before the preview")));
    QVERIFY_OK(resultOf(m_client->kv().deleteRange(DeleteOptions::single(target + "k6"))));
    QVERIFY_OK(resultOf(m_client->kv().deleteRange(DeleteOptions::single(target + "k7"))));
    preview = resultOf(previewImport(m_client.get(), path, target));
    QVERIFY_OK(preview);
    QVERIFY_OK(resultOf(m_client->kv().put(target + "k3", "edited after the preview")));
    QVERIFY_OK(resultOf(m_client->kv().put(target + "k6", "created after the preview")));
    auto conflicts = resultOf(applyImport(m_client.get(), preview.value(), ImportMode::Overwrite));
    QVERIFY_OK(conflicts);
    QCOMPARE(conflicts->done, 1); // k7
    QCOMPARE(conflicts->unchanged, 7);
    QCOMPARE(conflicts->problems.size(), 2);
    QCOMPARE(conflicts->problems[0].key, target + "k3");
    QCOMPARE(conflicts->problems[0].kind, KeyProblem::Changed);
    QCOMPARE(conflicts->problems[1].key, target + "k6");
    QCOMPARE(conflicts->problems[1].kind, KeyProblem::Exists);
    QCOMPARE(valueOf(target + "k3"), QByteArray("edited after the preview"));
    QCOMPARE(valueOf(target + "k6"), QByteArray("created after the preview"));
    QCOMPARE(valueOf(target + "k7"), QByteArray("v7"));

    QVERIFY_OK(resultOf(m_client->kv().deleteRange(DeleteOptions::single(target + "k8"))));
    preview = resultOf(previewImport(m_client.get(), path, target));
    QVERIFY_OK(resultOf(m_client->kv().put(target + "k8", "theirs")));
    auto late = resultOf(applyImport(m_client.get(), preview.value(), ImportMode::CreateOnly));
    QVERIFY_OK(late);
    QCOMPARE(late->done, 0);
    QCOMPARE(late->problems.size(), 3); // k3 and k6 differ (skipped by create-only), k8 came meanwhile
    QCOMPARE(late->problems[2].key, target + "k8");
    QCOMPARE(late->problems[2].kind, KeyProblem::Exists);
    QVERIFY(late->problems[2].detail.contains(QLatin1String("after the preview")));
    QCOMPARE(valueOf(target + "k8"), QByteArray("theirs"));
}

void TestKeyOperations::malformedImportFilesSayWhere()
{
    const QByteArray good = "{\"format\":\"etcd-console-export\",\"version\":1,\"prefix\":\"/p/\",\"revision\":5,"
                            "\"exportedAt\":\"2024-01-01T00:00:00.000Z\",\"count\":3,\"keys\":[\n"
                            "{\"key\":\"/p/a\",\"value\":\"1\",\"lease\":\"0\"},\n"
                            "{\"key\":\"/p/b\",\"value\":\"2\",\"lease\":\"0\"},\n"
                            "{\"key\":\"/p/c\",\"valueBase64\":\"Mw==\",\"lease\":\"0\"}\n]}\n";
    const struct
    {
        const char *name;
        QByteArray contents;
        const char *expected;
    } cases[] = {
        {"truncated", good.left(good.indexOf("/p/b") + 2), "line 3, column"},
        {"bad-base64", QByteArray(good).replace("Mw==", "M!w="), "line 4 (keys[2]): the entry \"valueBase64\" is not"},
        {"both-values", QByteArray(good).replace("\"value\":\"2\"", "\"value\":\"2\",\"valueBase64\":\"Mg==\""),
         "line 3 (keys[1]): the entry has both"},
        {"outside", QByteArray(good).replace("\"/p/b\"", "\"/q/b\""), "line 3 (keys[1]): the key \"/q/b\" is not"},
        {"twice", QByteArray(good).replace("\"/p/c\"", "\"/p/a\""), "appears twice (also at line 2 (keys[0]))"},
        {"count", QByteArray(good).replace("\"count\":3", "\"count\":4"), "says 4 keys but the file holds 3"},
        {"format", QByteArray(good).replace("etcd-console-export", "something-else"), "not an etcd console export"},
        {"version", QByteArray(good).replace("\"version\":1", "\"version\":2"), "newer etcd console"},
        {"lease", QByteArray(good).replace("\"lease\":\"0\"}\n]", "\"lease\":\"xyz\"}\n]"), "line 4 (keys[2])"},
    };
    // The good file itself parses.
    QFile goodFile(m_dir.filePath(QStringLiteral("good.json")));
    QVERIFY(goodFile.open(QIODevice::WriteOnly));
    goodFile.write(good);
    goodFile.close();
    QVERIFY_OK(resultOf(previewImport(m_client.get(), goodFile.fileName())));
    for (const auto &c : cases) {
        QFile file(m_dir.filePath(QString::fromLatin1(c.name) + QStringLiteral(".json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(c.contents);
        file.close();
        auto preview = resultOf(previewImport(m_client.get(), file.fileName()));
        QVERIFY2(!preview.ok(), c.name);
        QCOMPARE(preview.error().code(), ErrorCode::InvalidArgument);
        QVERIFY2(preview.error().message().contains(QLatin1String(c.expected)),
                 qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(c.name), preview.error().message())));
        QVERIFY(preview.error().message().startsWith(QString::fromLatin1(c.name) + QStringLiteral(".json: ")));
    }
    auto missing = resultOf(previewImport(m_client.get(), m_dir.filePath(QStringLiteral("nope.json"))));
    QCOMPARE(missing.error().code(), ErrorCode::NotFound);
}

void TestKeyOperations::cancelStopsBigDeleteAndExport()
{
    const int n = 20000;
    QVector<QPair<QByteArray, QByteArray>> kvs;
    for (int i = 0; i < n; ++i)
        kvs << qMakePair(m_prefix + QByteArray::number(i).rightJustified(6, '0'), QByteArray("value"));
    putAll(*m_client, kvs, 128);

    StopToken stop;
    ReportFuture future = KeyOperations(m_client.get()).deletePrefix(m_prefix, 0, stop);
    QFutureWatcher<EtcdResult<OperationReport>> watcher;
    // The watcher reports the current progress (0) when it is connected: stop after real progress.
    connect(&watcher, &QFutureWatcherBase::progressValueChanged, this, [&](int v) {
        if (v > 0)
            stop.requestStop();
    });
    watcher.setFuture(future);
    auto report = resultOf(future);
    QVERIFY_OK(report);
    qInfo("delete stopped after %d of %d keys", report->done, n);
    QVERIFY(report->cancelled);
    QVERIFY(report->done > 0 && report->done < n / 2);
    QCOMPARE(count(m_prefix), n - report->done); // the report is exact
    QVERIFY2(report->summary().contains(QLatin1String("Stopped on request")), qPrintable(report->summary()));

    // QFuture::cancel() stops it too (without a report).
    ReportFuture cancelled = KeyOperations(m_client.get()).deletePrefix(m_prefix);
    QFutureWatcher<EtcdResult<OperationReport>> cancelWatcher;
    connect(&cancelWatcher, &QFutureWatcherBase::progressValueChanged, this, [&](int v) {
        if (v > 0)
            cancelled.cancel();
    });
    cancelWatcher.setFuture(cancelled);
    QVERIFY(waitFor(cancelled));
    QTRY_VERIFY(cancelled.isFinished());
    QVERIFY(cancelled.isCanceled());
    const qint64 left = count(m_prefix);
    QVERIFY2(left > 0, "the cancelled delete ran to the end");

    const QString path = m_dir.filePath(QStringLiteral("cancelled.json"));
    StopToken stopExport;
    auto exporting = exportPrefix(m_client.get(), m_prefix, path, stopExport);
    QFutureWatcher<EtcdResult<ExportSummary>> exportWatcher;
    connect(&exportWatcher, &QFutureWatcherBase::progressValueChanged, this, [&](int v) {
        if (v > 0)
            stopExport.requestStop();
    });
    exportWatcher.setFuture(exporting);
    auto summary = resultOf(exporting);
    QVERIFY_OK(summary);
    QVERIFY(summary->cancelled);
    QVERIFY(summary->keys > 0 && summary->keys < left);
    QVERIFY(!QFile::exists(path)); // no half file
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("cancelled*")}, QDir::Files | QDir::Hidden).size(), 0);
}

void TestKeyOperations::readOnlyClientRefusesEveryWriteAtOnce()
{
    const QByteArray key = m_prefix + "k";
    auto put = resultOf(m_client->kv().put(key, "v"));
    QVERIFY_OK(put);
    ConnectionOptions options = optionsFor(*m_cluster);
    options.readOnly = true;
    EtcdClient readOnly(options);
    KeyOperations ops(&readOnly);

    // Reads are fine, and give a file and a preview to try the import with.
    QCOMPARE(resultOf(ops.countPrefix(m_prefix))->count, 1);
    const QString path = m_dir.filePath(QStringLiteral("read-only.json"));
    QVERIFY_OK(resultOf(exportPrefix(&readOnly, m_prefix, path)));
    auto preview = resultOf(previewImport(&readOnly, path, m_prefix + "import/"));
    QVERIFY_OK(preview);

    const qint64 before = revisionNow();
    const auto leasesBefore = resultOf(m_client->lease().list())->ids.size();
    const QVector<ReportFuture> refused = {
        ops.deletePrefix(m_prefix),
        ops.deleteKey(key, put->header.revision),
        ops.copy(key, m_prefix + "copy", false, false),
        ops.copy(m_prefix, m_prefix.left(m_prefix.size() - 1) + "-renamed/", true, true),
        ops.create(m_prefix + "new", "v", 30),
        applyImport(&readOnly, preview.value(), ImportMode::Overwrite),
    };
    for (const ReportFuture &f : refused) {
        QVERIFY(f.isFinished()); // at once, without an event loop turn
        QVERIFY(!f.result().ok());
        QVERIFY2(f.result().error().isReadOnlyRefusal(), qPrintable(f.result().error().toString()));
    }
    QCOMPARE(revisionNow(), before);
    QCOMPARE(resultOf(m_client->lease().list())->ids.size(), leasesBefore); // create(ttl) granted no lease either
}

void TestKeyOperations::lowerServerLimitsSplitTransactions()
{
    // etcd configured below its defaults: 10 operations per transaction, 256 KiB per request.
    START_CLUSTER(limited, 1, false,
                  {QStringLiteral("--max-txn-ops=10"), QStringLiteral("--max-request-bytes=262144")});
    EtcdClient client(optionsFor(*limited));
    KeyOperations ops(&client);
    QVector<QPair<QByteArray, QByteArray>> small;
    for (int i = 0; i < 100; ++i)
        small << qMakePair(QByteArray("/small/") + QByteArray::number(i).rightJustified(3, '0'), QByteArray("v"));
    putAll(client, small, 10);
    auto copied = resultOf(ops.copy("/small/", "/small-copy/", true, false));
    QVERIFY_OK(copied);
    QCOMPARE(copied->done, 100);

    for (int i = 0; i < 6; ++i)
        QVERIFY_OK(resultOf(client.kv().put("/large/" + QByteArray::number(i), binaryBytes(100 << 10, i))));
    auto large = resultOf(ops.copy("/large/", "/large-copy/", true, true));
    QVERIFY_OK(large);
    QCOMPARE(large->done, 6);
    for (int i = 0; i < 6; ++i) {
        auto got = resultOf(client.kv().get("/large-copy/" + QByteArray::number(i)));
        QCOMPARE(got->kvs.value(0).value, binaryBytes(100 << 10, i));
    }

    // A prefix delete around many changed keys: many intervals, more than 10 operations at first.
    auto seen = resultOf(ops.countPrefix("/small/"));
    QVERIFY_OK(seen);
    for (int i = 0; i < 100; i += 3)
        QVERIFY_OK(resultOf(client.kv().put(small[i].first, "changed")));
    auto deleted = resultOf(ops.deletePrefix("/small/", seen->revision));
    QVERIFY_OK(deleted);
    QCOMPARE(deleted->done, 66);
    QCOMPARE(deleted->skipped, 34);
    auto left = resultOf(ops.countPrefix("/small/"));
    QCOMPARE(left->count, 34);
}

void TestKeyOperations::pagerReadsAheadAndCrossesNumberGaps()
{
    // 6 000 keys numbered in decimal: read as numbers, every thousand leaves a gap ("0019" to
    // "002") where the density estimate finds nothing. The pager reads every key once, in order,
    // with few empty probes, and drops its read-ahead page on a rewind.
    const QByteArray prefix = "/pager/";
    TxnSpec txn;
    for (int i = 0; i < 6000; ++i) {
        txn.success << TxnOp::putKey(prefix + QByteArray::number(i).rightJustified(6, '0'), "v");
        if (txn.success.size() == 100) {
            QVERIFY_OK(resultOf(m_client->kv().txn(txn)));
            txn = TxnSpec();
        }
    }
    detail::KeyPager::Options o;
    o.key = prefix;
    o.rangeEnd = etcd::keyrange::prefixEnd(prefix);
    o.keysOnly = true;
    o.maxPageKeys = 500;
    o.firstPageKeys = 500;
    const quint64 before = m_client->requests().total();
    auto walked = QtConcurrent::run(detail::operationPool(), [kv = m_client->kv(), o] {
        detail::KeyPager pager(kv, o);
        QVector<QByteArray> keys;
        bool rewound = false;
        for (;;) {
            auto page = pager.next();
            if (!page.ok() || page->isEmpty())
                break;
            if (!rewound && keys.size() >= 2000) { // as a delete whose page changed: read it again
                rewound = true;
                pager.rewind(pager.pageStart());
                continue;
            }
            for (const KeyValue &entry : page.value())
                keys << entry.key;
        }
        return keys;
    });
    QVERIFY(waitFor(walked, 30000));
    const QVector<QByteArray> keys = walked.result();
    QCOMPARE(keys.size(), 6000);
    for (int i = 0; i < keys.size(); ++i)
        QCOMPARE(keys[i], prefix + QByteArray::number(i).rightJustified(6, '0'));
    const quint64 requests = m_client->requests().total() - before;
    // 12 pages and the one read again; each gap costs a short page and a probe or two. (Growing the
    // estimate 4x per empty probe, as before, took 56 requests here; reaching to the end of the
    // subtree above the last key takes 28.)
    QVERIFY2(requests <= 32, qPrintable(QString::number(requests)));
}

QTEST_GUILESS_MAIN(TestKeyOperations)
#include "tst_keyoperations.moc"
