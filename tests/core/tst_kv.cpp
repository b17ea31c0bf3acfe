// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// KV against a real single-member etcd: every Range option, put/delete variants, transactions with
// every compare target, compaction, the paged range over > 8 MiB, and byte-exact binary keys.

#include "client/etcdclient.h"
#include "client/keyrange.h"
#include "support/testsupport.h"

#include <QtTest>

using namespace etcd;
using namespace etcd::test;

class TestKv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void putAndGetSingle();
    void rangeVariants();
    void rangeSortAndFilters();
    void rangeAtRevision();
    void putWithLeaseAndPrevKv();
    void deleteVariants();
    void txnCompareTargets();
    void txnFailureTakesElseBranch();
    void compactMakesOldRevisionsUnreadable();
    void pagedRangeOverEightMiB();
    void pagedRangeReadsAheadWithinItsBudget();
    void pagedRangeCanBeCancelled();
    void pagedRangeMatchesOneRangeOnAnyKeyDistribution();
    void estimatedRangeEndsStayAboveTheirStart();
    void midpointsSplitRanges();
    void binaryKeysAndValuesAreByteExact();
    void interoperatesWithEtcdctl();

private:
    QByteArray key(const char *suffix) const { return m_prefix + suffix; }
    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
    QByteArray m_prefix;
    int m_case = 0;
};

void TestKv::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
}

void TestKv::cleanupTestCase()
{
    m_client.reset();
    m_cluster.reset();
}

void TestKv::init()
{
    m_prefix = QByteArray("/kv-test/") + QByteArray::number(++m_case) + '/';
}

void TestKv::putAndGetSingle()
{
    auto put = resultOf(m_client->kv().put(key("a"), "1"));
    QVERIFY_OK(put);
    QVERIFY(put->header.revision > 0);
    auto got = resultOf(m_client->kv().get(key("a")));
    QVERIFY_OK(got);
    QCOMPARE(got->kvs.size(), 1);
    QCOMPARE(got->kvs[0].key, key("a"));
    QCOMPARE(got->kvs[0].value, QByteArray("1"));
    QCOMPARE(got->kvs[0].version, 1);
    QCOMPARE(got->kvs[0].createRevision, put->header.revision);
    QCOMPARE(got->kvs[0].modRevision, put->header.revision);
    auto missing = resultOf(m_client->kv().get(key("nope")));
    QVERIFY_OK(missing);
    QVERIFY(missing->kvs.isEmpty());
}

void TestKv::rangeVariants()
{
    for (const char *k : {"a", "b", "c", "d", "e"})
        QVERIFY_OK(resultOf(m_client->kv().put(key(k), QByteArray("v-") + k)));
    QVERIFY_OK(resultOf(m_client->kv().put(m_prefix.left(m_prefix.size() - 1) + "-sibling", "x")));

    auto prefix = resultOf(m_client->kv().range(RangeOptions::prefix(m_prefix)));
    QVERIFY_OK(prefix);
    QCOMPARE(prefix->kvs.size(), 5);
    QCOMPARE(prefix->count, 5);
    QCOMPARE(prefix->kvs.first().key, key("a"));

    auto fromKey = resultOf(m_client->kv().range(RangeOptions::fromKey(key("c"))));
    QVERIFY_OK(fromKey);
    QVERIFY(fromKey->kvs.size() >= 3); // c, d, e and anything sorting after the prefix
    QCOMPARE(fromKey->kvs.first().key, key("c"));

    auto explicitEnd = resultOf(m_client->kv().range(RangeOptions::range(key("b"), key("d"))));
    QVERIFY_OK(explicitEnd);
    QCOMPARE(explicitEnd->kvs.size(), 2); // [b, d)
    QCOMPARE(explicitEnd->kvs.last().key, key("c"));

    RangeOptions limited = RangeOptions::prefix(m_prefix);
    limited.limit = 2;
    auto limit = resultOf(m_client->kv().range(limited));
    QVERIFY_OK(limit);
    QCOMPARE(limit->kvs.size(), 2);
    QVERIFY(limit->more);
    QCOMPARE(limit->count, 5);

    RangeOptions keysOnly = RangeOptions::prefix(m_prefix);
    keysOnly.keysOnly = true;
    auto keys = resultOf(m_client->kv().range(keysOnly));
    QVERIFY_OK(keys);
    QCOMPARE(keys->kvs.size(), 5);
    QVERIFY(keys->kvs.first().value.isEmpty());
    QVERIFY(keys->kvs.first().modRevision > 0);

    RangeOptions countOnly = RangeOptions::prefix(m_prefix);
    countOnly.countOnly = true;
    auto count = resultOf(m_client->kv().range(countOnly));
    QVERIFY_OK(count);
    QVERIFY(count->kvs.isEmpty());
    QCOMPARE(count->count, 5);

    RangeOptions serializable = RangeOptions::prefix(m_prefix);
    serializable.serializable = true;
    auto local = resultOf(m_client->kv().range(serializable));
    QVERIFY_OK(local);
    QCOMPARE(local->kvs.size(), 5);
}

void TestKv::rangeSortAndFilters()
{
    // Written in reverse key order, values in another order, one key written twice.
    QVERIFY_OK(resultOf(m_client->kv().put(key("c"), "1")));
    QVERIFY_OK(resultOf(m_client->kv().put(key("b"), "3")));
    QVERIFY_OK(resultOf(m_client->kv().put(key("a"), "2")));
    auto rewrite = resultOf(m_client->kv().put(key("c"), "0"));
    QVERIFY_OK(rewrite);

    auto keysOf = [](const RangeResult &r) {
        QByteArray out;
        for (const KeyValue &kv : r.kvs)
            out += kv.key.right(1);
        return out;
    };
    struct Case
    {
        SortTarget target;
        SortOrder order;
        const char *expected;
    };
    const Case cases[] = {
        {SortTarget::Key, SortOrder::Descend, "cba"},   {SortTarget::Create, SortOrder::Ascend, "cba"},
        {SortTarget::Mod, SortOrder::Ascend, "bac"},    {SortTarget::Value, SortOrder::Ascend, "cab"},
        {SortTarget::Version, SortOrder::Descend, "c"}, // c has version 2; the rest version 1
    };
    for (const Case &c : cases) {
        RangeOptions o = RangeOptions::prefix(m_prefix);
        o.sortTarget = c.target;
        o.sortOrder = c.order;
        auto r = resultOf(m_client->kv().range(o));
        QVERIFY_OK(r);
        QVERIFY2(keysOf(r.value()).startsWith(c.expected), keysOf(r.value()).constData());
    }

    RangeOptions modFilter = RangeOptions::prefix(m_prefix);
    modFilter.minModRevision = rewrite->header.revision;
    auto recent = resultOf(m_client->kv().range(modFilter));
    QVERIFY_OK(recent);
    QCOMPARE(keysOf(recent.value()), QByteArray("c"));

    RangeOptions createFilter = RangeOptions::prefix(m_prefix);
    createFilter.maxCreateRevision = rewrite->header.revision - 2; // c and b only
    auto old = resultOf(m_client->kv().range(createFilter));
    QVERIFY_OK(old);
    QCOMPARE(keysOf(old.value()), QByteArray("bc"));
}

void TestKv::rangeAtRevision()
{
    auto first = resultOf(m_client->kv().put(key("k"), "old"));
    QVERIFY_OK(first);
    QVERIFY_OK(resultOf(m_client->kv().put(key("k"), "new")));
    RangeOptions o = RangeOptions::single(key("k"));
    o.revision = first->header.revision;
    auto r = resultOf(m_client->kv().range(o));
    QVERIFY_OK(r);
    QCOMPARE(r->kvs.size(), 1);
    QCOMPARE(r->kvs[0].value, QByteArray("old"));

    o.revision = first->header.revision + 1000000;
    auto future = resultOf(m_client->kv().range(o));
    QVERIFY(!future.ok());
    QVERIFY2(future.error().isFutureRevision(), qPrintable(future.error().toString()));
}

void TestKv::putWithLeaseAndPrevKv()
{
    auto lease = resultOf(m_client->lease().grant(60));
    QVERIFY_OK(lease);
    PutOptions withLease;
    withLease.lease = lease->id;
    QVERIFY_OK(resultOf(m_client->kv().put(key("leased"), "1", withLease)));
    auto got = resultOf(m_client->kv().get(key("leased")));
    QVERIFY_OK(got);
    QCOMPARE(got->kvs[0].lease, lease->id);

    PutOptions prev;
    prev.prevKv = true;
    auto put = resultOf(m_client->kv().put(key("leased"), "2", prev));
    QVERIFY_OK(put);
    QVERIFY(put->prevKv.has_value());
    QCOMPARE(put->prevKv->value, QByteArray("1"));
    QCOMPARE(put->prevKv->lease, lease->id);
    // A put without a lease detaches the key from it.
    auto after = resultOf(m_client->kv().get(key("leased")));
    QCOMPARE(after->kvs[0].lease, 0);

    PutOptions ignoreValue;
    ignoreValue.ignoreValue = true;
    ignoreValue.lease = lease->id;
    QVERIFY_OK(resultOf(m_client->kv().put(key("leased"), {}, ignoreValue)));
    auto kept = resultOf(m_client->kv().get(key("leased")));
    QCOMPARE(kept->kvs[0].value, QByteArray("2"));
    QCOMPARE(kept->kvs[0].lease, lease->id);
    QVERIFY_OK(resultOf(m_client->lease().revoke(lease->id)));
}

void TestKv::deleteVariants()
{
    for (const char *k : {"a", "b", "c", "d"})
        QVERIFY_OK(resultOf(m_client->kv().put(key(k), k)));
    auto one = resultOf(m_client->kv().deleteRange(DeleteOptions::single(key("a"), true)));
    QVERIFY_OK(one);
    QCOMPARE(one->deleted, 1);
    QCOMPARE(one->prevKvs.size(), 1);
    QCOMPARE(one->prevKvs[0].value, QByteArray("a"));

    auto range = resultOf(m_client->kv().deleteRange(DeleteOptions::range(key("b"), key("c"))));
    QVERIFY_OK(range);
    QCOMPARE(range->deleted, 1);
    QVERIFY(range->prevKvs.isEmpty());

    auto rest = resultOf(m_client->kv().deleteRange(DeleteOptions::prefix(m_prefix, true)));
    QVERIFY_OK(rest);
    QCOMPARE(rest->deleted, 2);
    QCOMPARE(rest->prevKvs.size(), 2);
    auto none = resultOf(m_client->kv().range(RangeOptions::prefix(m_prefix)));
    QCOMPARE(none->count, 0);
}

void TestKv::txnCompareTargets()
{
    auto lease = resultOf(m_client->lease().grant(60));
    QVERIFY_OK(lease);
    PutOptions withLease;
    withLease.lease = lease->id;
    auto put = resultOf(m_client->kv().put(key("t"), "hello", withLease));
    QVERIFY_OK(put);
    const qint64 rev = put->header.revision;

    TxnSpec txn;
    txn.compares << Compare::value(key("t"), Compare::Equal, "hello") << Compare::version(key("t"), Compare::Equal, 1)
                 << Compare::createRevision(key("t"), Compare::Equal, rev)
                 << Compare::modRevision(key("t"), Compare::Less, rev + 1)
                 << Compare::lease(key("t"), Compare::Equal, lease->id)
                 << Compare::createRevision(key("absent"), Compare::Equal, 0)
                 << Compare::value(key("t"), Compare::NotEqual, "other")
                 << Compare::version(key("t"), Compare::Greater, 0);
    PutOptions prev;
    prev.prevKv = true;
    txn.success << TxnOp::putKey(key("t"), "world", prev) << TxnOp::get(RangeOptions::single(key("t")))
                << TxnOp::putKey(key("u"), "1") << TxnOp::deleteRange(DeleteOptions::single(key("u2")));
    auto r = resultOf(m_client->kv().txn(txn));
    QVERIFY_OK(r);
    QVERIFY(r->succeeded);
    QCOMPARE(r->responses.size(), 4);
    QCOMPARE(r->responses[0].kind, TxnOp::Put);
    QCOMPARE(r->responses[0].put.prevKv->value, QByteArray("hello"));
    QCOMPARE(r->responses[1].kind, TxnOp::Range);
    QCOMPARE(r->responses[1].range.kvs[0].value, QByteArray("world")); // ops see earlier ops of the txn
    QCOMPARE(r->responses[3].kind, TxnOp::Delete);
    QCOMPARE(r->header.revision, rev + 1); // one revision for the whole transaction
    QVERIFY_OK(resultOf(m_client->lease().revoke(lease->id)));
}

void TestKv::txnFailureTakesElseBranch()
{
    auto put = resultOf(m_client->kv().put(key("cas"), "v1"));
    QVERIFY_OK(put);
    QVERIFY_OK(resultOf(m_client->kv().put(key("cas"), "v2"))); // someone else changed it

    TxnSpec txn; // a compare-and-swap on the revision we loaded: must not apply
    txn.compares << Compare::modRevision(key("cas"), Compare::Equal, put->header.revision);
    txn.success << TxnOp::putKey(key("cas"), "mine");
    txn.failure << TxnOp::get(RangeOptions::single(key("cas")));
    auto r = resultOf(m_client->kv().txn(txn));
    QVERIFY_OK(r);
    QVERIFY(!r->succeeded);
    QCOMPARE(r->responses.size(), 1);
    QCOMPARE(r->responses[0].range.kvs[0].value, QByteArray("v2"));
    auto now = resultOf(m_client->kv().get(key("cas")));
    QCOMPARE(now->kvs[0].value, QByteArray("v2"));
    QCOMPARE(now->header.revision, r->header.revision); // a failed compare writes nothing

    TxnSpec readOnlyTxn;
    readOnlyTxn.success << TxnOp::get(RangeOptions::single(key("cas")));
    QVERIFY(!readOnlyTxn.writes());
    QVERIFY(txn.writes());
}

void TestKv::compactMakesOldRevisionsUnreadable()
{
    auto first = resultOf(m_client->kv().put(key("c"), "1"));
    QVERIFY_OK(first);
    auto second = resultOf(m_client->kv().put(key("c"), "2"));
    QVERIFY_OK(second);
    QVERIFY_OK(resultOf(m_client->kv().compact(second->header.revision, true)));
    RangeOptions old = RangeOptions::single(key("c"));
    old.revision = first->header.revision;
    auto r = resultOf(m_client->kv().range(old));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().isCompacted(), qPrintable(r.error().toString()));
    auto again = resultOf(m_client->kv().compact(first->header.revision));
    QVERIFY(!again.ok());
    QVERIFY(again.error().isCompacted());
}

void TestKv::pagedRangeOverEightMiB()
{
    // 2 400 keys with 4 KiB values: ~10 MiB in all, far past gRPC's 4 MiB default message limit.
    const int keys = 2400;
    const QByteArray value(4096, 'x');
    for (int batch = 0; batch < keys / 100; ++batch) {
        TxnSpec txn;
        for (int i = 0; i < 100; ++i)
            txn.success << TxnOp::putKey(m_prefix + QByteArray::number(batch * 100 + i).rightJustified(5, '0'),
                                         value + QByteArray::number(batch * 100 + i));
        QVERIFY_OK(resultOf(m_client->kv().txn(txn)));
    }
    QVector<RangePage> pages;
    QByteArray lateKey = m_prefix + "zzz-written-during-the-walk";
    PagedRangeOptions o;
    o.range = RangeOptions::prefix(m_prefix);
    auto summary = resultOf(m_client->kv().pagedRange(o, this, [&](const RangePage &page) {
        if (pages.isEmpty()) // written after the walk's revision: must not appear in it
            m_client->kv().put(lateKey, "late");
        pages.push_back(page);
    }));
    QVERIFY_OK(summary);
    QCOMPARE(summary->keys, keys);
    QVERIFY2(summary->bytes > 8 * 1024 * 1024, qPrintable(QString::number(summary->bytes)));
    QVERIFY2(summary->largestPageBytes < 2 * 1024 * 1024, qPrintable(QString::number(summary->largestPageBytes)));
    QVERIFY(summary->pages >= 5);
    QCOMPARE(pages.size(), summary->pages);
    qint64 seen = 0;
    QByteArray previous;
    for (const RangePage &page : pages) {
        QCOMPARE(page.revision, summary->header.revision);
        QCOMPARE(page.totalKeys, keys);
        for (const KeyValue &kv : page.kvs) {
            QVERIFY(kv.key > previous);
            QCOMPARE(kv.value, value + QByteArray::number(seen));
            previous = kv.key;
            ++seen;
        }
    }
    QCOMPARE(seen, keys);
    QVERIFY(previous != lateKey);
}

void TestKv::pagedRangeReadsAheadWithinItsBudget()
{
    // ~10 MiB of values read with 8 requests in flight: pages of later segments wait for the ones
    // before them, but never more than the budget (plus what was in flight when it filled up).
    const QByteArray prefix = m_prefix + "budget/";
    const QByteArray value(4096, 'b');
    for (int batch = 0; batch < 24; ++batch) {
        TxnSpec txn;
        for (int i = 0; i < 100; ++i)
            txn.success << TxnOp::putKey(prefix + QByteArray::number(batch * 100 + i).rightJustified(5, '0'), value);
        QVERIFY_OK(resultOf(m_client->kv().txn(txn)));
    }
    PagedRangeOptions o;
    o.range = RangeOptions::prefix(prefix);
    o.fixedInFlight = 8;
    o.targetPageBytes = 128 << 10;
    o.maxBufferedBytes = 512 << 10;
    qint64 keys = 0;
    QByteArray previous;
    bool ordered = true;
    auto summary = resultOf(m_client->kv().pagedRange(o, this, [&](const RangePage &page) {
        for (const KeyValue &kv : page.kvs) {
            ordered = ordered && kv.key > previous;
            previous = kv.key;
            ++keys;
        }
    }));
    QVERIFY_OK(summary);
    QCOMPARE(keys, 2400);
    QVERIFY(ordered);
    QVERIFY2(summary->maxInFlight > 1, "read in parallel");
    QVERIFY2(summary->peakBufferedBytes <= o.maxBufferedBytes + 8 * summary->largestPageBytes,
             qPrintable(QStringLiteral("%1 bytes waited").arg(summary->peakBufferedBytes)));
}

void TestKv::pagedRangeCanBeCancelled()
{
    TxnSpec txn;
    for (int i = 0; i < 100; ++i)
        txn.success << TxnOp::putKey(m_prefix + QByteArray::number(i).rightJustified(3, '0'), "v");
    QVERIFY_OK(resultOf(m_client->kv().txn(txn)));
    PagedRangeOptions o;
    o.range = RangeOptions::prefix(m_prefix);
    o.firstPageLimit = 10;
    o.targetPageBytes = 200; // ~3 keys a page
    int pagesSeen = 0;
    QFuture<EtcdResult<PagedRangeSummary>> future;
    future = m_client->kv().pagedRange(o, this, [&](const RangePage &) {
        if (++pagesSeen == 2)
            future.cancel();
    });
    QVERIFY(waitFor(future));
    QTRY_VERIFY(pagesSeen >= 2);
    spin(200);
    QVERIFY2(pagesSeen < 10, qPrintable(QString::number(pagesSeen)));
    QVERIFY(future.isCanceled());
}

void TestKv::pagedRangeMatchesOneRangeOnAnyKeyDistribution()
{
    // Keys that stress the density estimate of the walk's page ends: a dense cluster, a few keys
    // far away, another dense cluster, random binary keys (0x00 and 0xff included), keys that are
    // prefixes of one another, and runs that share long common prefixes.
    QVector<QByteArray> keys;
    for (int i = 0; i < 1500; ++i)
        keys << m_prefix + "a/" + QByteArray::number(i).rightJustified(5, '0');
    for (const char *k : {"m", "m\x01", "n", "y"})
        keys << m_prefix + k;
    for (int i = 0; i < 1500; ++i)
        keys << m_prefix + "z/very/long/common/prefix/of/these/keys/" + QByteArray::number(i * 7919 % 100000);
    quint32 seed = 12345;
    for (int i = 0; i < 800; ++i) {
        QByteArray random;
        for (int j = 0; j < 1 + i % 12; ++j) {
            seed = seed * 1103515245u + 12345u;
            random.append(static_cast<char>((seed >> 16) & 0xff));
        }
        keys << m_prefix + "\xff" + random;
    }
    for (const char *k : {"x", "x/", "x/y", "x/y/z", "x0"})
        keys << m_prefix + "p/" + k;
    keys << m_prefix + QByteArray("p/x\0", 4) << m_prefix + QByteArray("p/x\0\0", 5);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end()); // a txn may not name a key twice
    for (int start = 0; start < keys.size(); start += 100) {
        TxnSpec txn;
        for (int i = start; i < std::min<int>(int(keys.size()), start + 100); ++i)
            txn.success << TxnOp::putKey(keys[i], "v");
        QVERIFY_OK(resultOf(m_client->kv().txn(txn)));
    }
    auto whole = resultOf(m_client->kv().range(RangeOptions::prefix(m_prefix)));
    QVERIFY_OK(whole);

    // One request at a time, and several in flight over segments split at their midpoints: the
    // same keys, in key order, each once, pages numbered in order with growing counts.
    for (const int inFlight : {1, 3, 8}) {
        for (const qint64 pageBytes : {qint64(300), qint64(4000), qint64(60000)}) {
            QVector<QByteArray> walked;
            PagedRangeOptions o;
            o.range = RangeOptions::prefix(m_prefix);
            o.range.keysOnly = true;
            o.firstPageLimit = 7;
            o.targetPageBytes = pageBytes;
            o.fixedInFlight = inFlight;
            int expectedIndex = 0;
            qint64 soFar = 0;
            bool ordered = true;
            auto summary = resultOf(m_client->kv().pagedRange(o, this, [&](const RangePage &p) {
                ordered = ordered && p.index == expectedIndex++ && p.keysSoFar == soFar + p.kvs.size() &&
                          p.totalKeys == whole->kvs.size() && p.revision == whole->header.revision;
                soFar = p.keysSoFar;
                for (const KeyValue &kv : p.kvs)
                    walked << kv.key;
            }));
            QVERIFY_OK(summary);
            QVERIFY(ordered);
            QCOMPARE(walked.size(), whole->kvs.size());
            for (int i = 0; i < walked.size(); ++i)
                QCOMPARE(walked[i], whole->kvs[i].key);
            QCOMPARE(summary->keys, qint64(whole->kvs.size()));
            QVERIFY(summary->maxInFlight <= inFlight);
            if (inFlight > 1 && pageBytes < 60000)
                QVERIFY2(summary->maxInFlight >= 2, qPrintable(QString::number(summary->maxInFlight)));
            qInfo("%d in flight (at most %d seen), %lld-byte pages: %d pages in %d requests", inFlight,
                  summary->maxInFlight, pageBytes, summary->pages, summary->requests);
        }
    }
}

void TestKv::estimatedRangeEndsStayAboveTheirStart()
{
    using keyrange::estimateEnd;
    // A page of 100 dense keys; the walk continues right after its last key.
    const QByteArray start = keyrange::successor("/k/01099");
    const QByteArray end = estimateEnd(start, "/k/01000", "/k/01099", 100, 1000);
    QVERIFY(end > start);
    QVERIFY(end <= QByteArray("/k/011")); // within the part of the keyspace the page measured
    // Sparse keys: the same number of keys over a wider stretch gives a proportionally later end.
    const QByteArray sparse = estimateEnd(keyrange::successor("/k/9"), "/k/1", "/k/9", 2, 4);
    QVERIFY(sparse > QByteArray("/k/9"));
    // An empty interval grows the next probe instead of repeating it.
    const QByteArray grown = estimateEnd("/k/b", "/k/a", "/k/b", 0, 1000);
    QVERIFY(grown > QByteArray("/k/b"));
    // Starting outside the interval's common prefix: no estimate.
    QVERIFY(estimateEnd("/q/", "/k/a", "/k/b", 10, 1000).isEmpty());
    // Near the top of the byte range the estimate stops at the end of that part of the keyspace.
    const QByteArray top = estimateEnd("/k/\xff\xff", "/k/\xfe", "/k/\xff", 1, 1000000);
    QVERIFY(top > QByteArray("/k/\xff\xff"));
    QVERIFY(!keyrange::isBefore("/k", QByteArray("/k")));
    QVERIFY(keyrange::isBefore("\xff\xff", QByteArray(1, '\0')));
}

void TestKv::midpointsSplitRanges()
{
    using keyrange::midpoint;
    const QByteArray m = midpoint("/k/a", "/k/c");
    QVERIFY(m > QByteArray("/k/a") && m < QByteArray("/k/c"));
    QCOMPARE(m, QByteArray("/k/b"));
    // To the end of the keyspace, from a key, and between binary neighbours.
    const QByteArray open = midpoint("/k/", keyrange::fromKeyEnd());
    QVERIFY(open > QByteArray("/k/"));
    QVERIFY(keyrange::isBefore(open, keyrange::fromKeyEnd()));
    const QByteArray bin = midpoint(QByteArray("\x00\xff", 2), QByteArray("\x01", 1));
    QVERIFY(bin > QByteArray("\x00\xff", 2) && bin < QByteArray("\x01", 1));
    // Too narrow to split: a key and its successor; an empty or reversed range.
    QVERIFY(midpoint("/k/a", keyrange::successor("/k/a")).isEmpty());
    QVERIFY(midpoint("/k/b", "/k/a").isEmpty());
    QVERIFY(midpoint("/k/a", "/k/a").isEmpty());
    // Widths compare ranges under one base.
    QVERIFY(keyrange::width("/k/a", "/k/z", "/k/") > keyrange::width("/k/a", "/k/c", "/k/"));
    QCOMPARE(keyrange::width("/k/c", "/k/a", "/k/"), 0.0);
}

void TestKv::binaryKeysAndValuesAreByteExact()
{
    QByteArray binaryKey = m_prefix + QByteArray::fromHex("00ff fe80 c328 0a7f 01");
    QByteArray allBytes;
    for (int i = 0; i < 256; ++i)
        allBytes.append(static_cast<char>(i));
    QVERIFY_OK(resultOf(m_client->kv().put(binaryKey, allBytes)));
    auto got = resultOf(m_client->kv().get(binaryKey));
    QVERIFY_OK(got);
    QCOMPARE(got->kvs.size(), 1);
    QCOMPARE(got->kvs[0].key, binaryKey);
    QCOMPARE(got->kvs[0].value, allBytes);
    // A prefix ending in 0xff bytes still has a correct range end.
    QByteArray ffPrefix = m_prefix + "\xff\xff";
    QVERIFY_OK(resultOf(m_client->kv().put(ffPrefix + "x", "in")));
    auto ff = resultOf(m_client->kv().range(RangeOptions::prefix(ffPrefix)));
    QCOMPARE(ff->kvs.size(), 1);
    QCOMPARE(keyrange::prefixEnd("a\xff"), QByteArray("b"));
    QCOMPARE(keyrange::prefixEnd("\xff\xff"), QByteArray(1, '\0'));
}

void TestKv::interoperatesWithEtcdctl()
{
    Etcdctl ctl = etcdctlFor(*m_cluster);
    QVERIFY_OK(resultOf(m_client->kv().put(key("from-us"), "value with spaces\tand tab")));
    auto get =
        ctl.run({QStringLiteral("get"), QString::fromLatin1(key("from-us")), QStringLiteral("--print-value-only")});
    QVERIFY2(get.ok(), get.describe().constData());
    QCOMPARE(get.out, QByteArray("value with spaces\tand tab\n"));
    auto put = ctl.run({QStringLiteral("put"), QString::fromLatin1(key("from-etcdctl")), QStringLiteral("42")});
    QVERIFY2(put.ok(), put.describe().constData());
    auto got = resultOf(m_client->kv().get(key("from-etcdctl")));
    QCOMPARE(got->kvs[0].value, QByteArray("42"));
}

QTEST_GUILESS_MAIN(TestKv)
#include "tst_kv.moc"
