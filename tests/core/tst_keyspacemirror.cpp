// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// KeySpaceMirror against real etcd: load, then follow etcdctl's changes; keep every event that
// happens while a large listing streams in; relist quietly after its watch revision was compacted,
// ending with exactly what etcd has.

#include "state/keyspace/keyspacemirror.h"
#include "support/testsupport.h"

#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

namespace {

QVector<QByteArray> mirrorKeys(const KeyTree &tree)
{
    QVector<QByteArray> keys;
    KeyTree::Path after;
    do {
        after = tree.visitKeys(after, 50000, [&](const KeyTree::Node *, const QByteArray &k) {
            keys << k;
            return true;
        });
    } while (!after.isEmpty());
    std::sort(keys.begin(), keys.end());
    return keys;
}

QVector<QByteArray> etcdKeys(EtcdClient &client, const QByteArray &prefix, QObject *context)
{
    QVector<QByteArray> keys;
    PagedRangeOptions o;
    o.range = RangeOptions::prefix(prefix);
    o.range.keysOnly = true;
    resultOf(client.kv().pagedRange(o, context, [&](const RangePage &p) {
        for (const KeyValue &kv : p.kvs)
            keys << kv.key;
    }));
    return keys;
}

void writeKeys(EtcdClient &client, const QByteArray &prefix, int count, int start = 0)
{
    for (int from = start; from < start + count; from += 100) {
        TxnSpec txn;
        for (int i = from; i < std::min(start + count, from + 100); ++i)
            txn.success << TxnOp::putKey(prefix + "g" + QByteArray::number(i % 17) + "/k" + QByteArray::number(i), "v");
        resultOf(client.kv().txn(txn));
    }
}

} // namespace

class TestKeySpaceMirror : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsThenFollowsEtcdctl();
    void loadsOneHundredThousandKeys();
    void keepsEventsThatHappenDuringTheLoad();
    void relistsQuietlyAfterCompaction();

private:
    std::unique_ptr<LocalCluster> m_cluster;
};

void TestKeySpaceMirror::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
}

void TestKeySpaceMirror::loadsThenFollowsEtcdctl()
{
    EtcdClient client(optionsFor(*m_cluster));
    writeKeys(client, "/m1/", 500);
    QVERIFY_OK(resultOf(client.kv().put("/outside", "not in scope")));
    KeySpaceMirror mirror(&client, {"/m1/", '/'});
    QSignalSpy loaded(&mirror, &KeySpaceMirror::loaded);
    mirror.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QCOMPARE(mirror.tree().keyCount(), 500u);
    QCOMPARE(mirror.tree().find("/m1/g3")->keys, 30u); // i % 17 == 3 for 30 of 0..499
    QVERIFY(!mirror.tree().find("/outside"));

    Etcdctl ctl = etcdctlFor(*m_cluster);
    QVERIFY(ctl.run({QStringLiteral("put"), QStringLiteral("/m1/new/key"), QStringLiteral("1")}).ok());
    QVERIFY(ctl.run({QStringLiteral("del"), QStringLiteral("/m1/g0/k0")}).ok());
    auto put = ctl.run({QStringLiteral("put"), QStringLiteral("/m1/g1/k1"), QStringLiteral("changed")});
    QVERIFY(put.ok());
    // Events may arrive one by one (a quiet watch delivers at once): wait for both.
    QTRY_VERIFY_WITH_TIMEOUT(mirror.tree().find("/m1/new/key") && !mirror.tree().find("/m1/g0/k0"), 5000);
    QCOMPARE(mirror.tree().keyCount(), 500u); // +1 -1
    const auto latest = resultOf(client.kv().get("/m1/g1/k1"));
    QTRY_COMPARE_WITH_TIMEOUT(mirror.tree().find("/m1/g1/k1")->modRevision, latest->kvs[0].modRevision, 5000);
    QVERIFY(mirror.tree().find("/m1/g1/k1")->changedAtMs > 0); // a live change: views flash it
    QCOMPARE(mirror.revision(), latest->header.revision);
}

void TestKeySpaceMirror::loadsOneHundredThousandKeys()
{
    EtcdClient client(optionsFor(*m_cluster));
    writeKeys(client, "/m2/", 100000);
    KeySpaceMirror mirror(&client, {"/m2/", '/'});
    QSignalSpy loaded(&mirror, &KeySpaceMirror::loaded);
    QSignalSpy progress(&mirror, &KeySpaceMirror::loadProgress);
    mirror.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
    QCOMPARE(mirror.tree().keyCount(), 100000u);
    QCOMPARE(mirror.tree().root()->children.size(), size_t(17));
    QVERIFY(progress.count() >= 2); // streamed in pages
    QCOMPARE(progress.last().at(1).toLongLong(), 100000);
    qInfo("100 000 keys loaded in %lld ms", loaded.first().at(2).toLongLong());
}

void TestKeySpaceMirror::keepsEventsThatHappenDuringTheLoad()
{
    EtcdClient client(optionsFor(*m_cluster));
    writeKeys(client, "/m3/", 20000);
    KeySpaceMirror mirror(&client, {"/m3/", '/'});
    QSignalSpy loaded(&mirror, &KeySpaceMirror::loaded);
    mirror.start();
    // Writes (new keys and deletions) race the listing.
    EtcdClient writer(optionsFor(*m_cluster));
    for (int i = 0; i < 200; ++i) {
        writer.kv().put("/m3/late/" + QByteArray::number(i), "x");
        writer.kv().deleteRange(DeleteOptions::single("/m3/g" + QByteArray::number(i % 17) + "/k" + QByteArray::number(i)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    const auto last = resultOf(writer.kv().put("/m3/zz-last", "x"));
    QVERIFY_OK(last);
    QTRY_COMPARE_WITH_TIMEOUT(mirror.revision(), last->header.revision, 10000);
    QCOMPARE(mirrorKeys(mirror.tree()), etcdKeys(client, "/m3/", this));
}

void TestKeySpaceMirror::relistsQuietlyAfterCompaction()
{
    START_CLUSTER(cluster, 3, true);
    ConnectionOptions only0 = optionsFor(*cluster);
    only0.endpoints = QStringList{cluster->clientEndpoint(0)};
    EtcdClient client(only0);
    EtcdClient other(optionsFor(*cluster));
    writeKeys(other, "/m4/", 300);
    KeySpaceMirror mirror(&client, {"/m4/", '/'});
    QSignalSpy loaded(&mirror, &KeySpaceMirror::loaded);
    QSignalSpy relisting(&mirror, &KeySpaceMirror::relisting);
    mirror.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);

    // While the mirror's only member is down, the keyspace changes and its history is compacted.
    QVERIFY(cluster->kill(0));
    ConnectionOptions survivors = optionsFor(*cluster);
    survivors.endpoints.removeFirst();
    survivors.callTimeoutMs = 15000; // a write may wait out an election when member 0 led
    EtcdClient writer(survivors);
    QVERIFY(waitForLeader(writer));
    writeKeys(writer, "/m4/", 50, 1000); // new keys
    QVERIFY_OK(resultOf(writer.kv().deleteRange(DeleteOptions::prefix("/m4/g5/"))));
    QVERIFY_OK(resultOf(writer.kv().put("/m4/g6/k6", "changed")));
    auto head = resultOf(writer.kv().put("/m4/head", "x"));
    QVERIFY_OK(head);
    QVERIFY_OK(resultOf(writer.kv().compact(head->header.revision, true)));
    QString error;
    QVERIFY2(cluster->restart(0, &error), qPrintable(error));

    // The watch resumes below the compaction: the mirror relists and ends up exactly like etcd.
    QTRY_COMPARE_WITH_TIMEOUT(relisting.count(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 20000);
    QCOMPARE(mirror.relists(), 1);
    QCOMPARE(mirrorKeys(mirror.tree()), etcdKeys(other, "/m4/", this));
    QCOMPARE(mirror.tree().find("/m4/g6/k6")->modRevision, resultOf(other.kv().get("/m4/g6/k6"))->kvs[0].modRevision);
    // And it is live again.
    QVERIFY_OK(resultOf(other.kv().put("/m4/after", "x")));
    QTRY_VERIFY_WITH_TIMEOUT(mirror.tree().find("/m4/after"), 10000);
}

QTEST_GUILESS_MAIN(TestKeySpaceMirror)
#include "tst_keyspacemirror.moc"
