// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The watch hub against real etcd: one multiplexed stream, batching, prev_kv, start revisions,
// fragmented responses, compaction errors, and resumption across a killed or paused member with
// every delivered event compared against etcd's own history: none lost, none repeated.

#include "client/continuation.h"
#include "client/etcdclient.h"
#include "client/watchhub.h"
#include "support/testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

namespace {

// Records everything a Watcher delivers.
struct Recorder : QObject
{
    explicit Recorder(Watcher *w)
    {
        connect(w, &Watcher::created, this, [this](qint64 rev) { createdAt = rev; });
        connect(w, &Watcher::events, this, [this](const WatchEvents &batch) {
            events += batch;
            ++batches;
        });
        connect(w, &Watcher::compacted, this, [this](qint64 rev) { compactedAt = rev; });
        connect(w, &Watcher::failed, this, [this](const EtcdError &e) { error = e; });
    }
    qint64 createdAt = 0;
    qint64 compactedAt = 0;
    WatchEvents events;
    int batches = 0;
    EtcdError error;
    qint64 lastRevision() const { return events.isEmpty() ? 0 : events.constLast().revision(); }
};

// Writes unique keys as fast as etcd takes them, one at a time, until stopped; failed writes are
// retried by the client (failover) and otherwise just skipped.
struct Writer : QObject
{
    Writer(EtcdClient *c, QByteArray p) : client(c), prefix(std::move(p)) {}
    void start()
    {
        running = true;
        next();
    }
    void next()
    {
        if (!running)
            return;
        const QByteArray key = prefix + QByteArray::number(++n).rightJustified(6, '0');
        whenFinished(client->kv().put(key, QByteArray::number(n)), this, [this](EtcdResult<PutResult> r) {
            if (r.ok())
                ++acknowledged;
            else
                ++failures;
            next();
        });
    }
    EtcdClient *client;
    QByteArray prefix;
    bool running = false;
    int n = 0;
    int acknowledged = 0;
    int failures = 0;
};

} // namespace

class TestWatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void deliversEventsInBatchesOnOneStream();
    void startRevisionPrevKvAndFilters();
    void cancelledWatcherStopsReceiving();
    void fragmentedResponsesAreReassembled();
    void compactedStartRevisionIsReported();
    void resumesAcrossMemberKillWithoutLossOrRepeats();
    void pausedMemberIsDetectedAndFailedOver();
    void resumesWhenTheOnlyMemberComesBack();

private:
    // Every key under `prefix` as etcd has it now, in revision order.
    QVector<KeyValue> history(EtcdClient &client, const QByteArray &prefix);
    // Every event under `prefix` from `fromRevision` up to `toRevision`, as etcd's own client
    // (etcdctl watch --rev -w json) replays it from etcd's history.
    QVector<KeyValue> etcdctlHistory(const LocalCluster &cluster, const QByteArray &prefix, qint64 fromRevision,
                                     qint64 toRevision);
    std::unique_ptr<LocalCluster> m_single;
    std::unique_ptr<EtcdClient> m_client;
};

void TestWatch::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_single = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_single));
}

void TestWatch::cleanupTestCase()
{
    m_client.reset();
    m_single.reset();
}

QVector<KeyValue> TestWatch::history(EtcdClient &client, const QByteArray &prefix)
{
    QVector<KeyValue> all;
    PagedRangeOptions o;
    o.range = RangeOptions::prefix(prefix);
    auto summary = resultOf(client.kv().pagedRange(o, this, [&](const RangePage &p) { all += p.kvs; }));
    if (!summary.ok()) {
        qWarning("history of %s: %s", prefix.constData(), qPrintable(summary.error().toString()));
        return {};
    }
    std::sort(all.begin(), all.end(),
              [](const KeyValue &a, const KeyValue &b) { return a.modRevision < b.modRevision; });
    return all;
}

QVector<KeyValue> TestWatch::etcdctlHistory(const LocalCluster &cluster, const QByteArray &prefix, qint64 fromRevision,
                                            qint64 toRevision)
{
    QProcess *p = etcdctlFor(cluster).startBackground(
        {QStringLiteral("watch"), QString::fromLatin1(prefix), QStringLiteral("--prefix"),
         QStringLiteral("--rev=%1").arg(fromRevision), QStringLiteral("-w"), QStringLiteral("json")},
        this);
    QVector<KeyValue> events;
    QByteArray buffer;
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && (events.isEmpty() || events.constLast().modRevision < toRevision)) {
        p->waitForReadyRead(100);
        buffer += p->readAllStandardOutput();
        int nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            const QJsonObject response = QJsonDocument::fromJson(buffer.left(nl)).object();
            buffer.remove(0, nl + 1);
            for (const QJsonValue &ev : response.value(QStringLiteral("Events")).toArray()) {
                const QJsonObject kv = ev.toObject().value(QStringLiteral("kv")).toObject();
                KeyValue out;
                out.key = QByteArray::fromBase64(kv.value(QStringLiteral("key")).toString().toLatin1());
                out.value = QByteArray::fromBase64(kv.value(QStringLiteral("value")).toString().toLatin1());
                out.modRevision = kv.value(QStringLiteral("mod_revision")).toInteger();
                events.push_back(out);
            }
        }
    }
    p->kill();
    p->waitForFinished();
    return events;
}

void TestWatch::deliversEventsInBatchesOnOneStream()
{
    const QByteArray prefix = "/watch/batch/";
    QVector<Recorder *> recorders;
    QVector<Watcher *> watchers;
    for (int i = 0; i < 20; ++i) {
        watchers << m_client->watch(WatchOptions::prefix(prefix), this);
        recorders << new Recorder(watchers.last());
    }
    QTRY_VERIFY_WITH_TIMEOUT(recorders.last()->createdAt > 0, 10000);

    // etcd's own counters prove the multiplexing: one stream, twenty watchers.
    const QString endpoint = m_single->clientEndpoint(0);
    QCOMPARE(etcdMetric(endpoint, "etcd_debugging_mvcc_watch_stream_total"), 1.0);
    QCOMPARE(etcdMetric(endpoint, "etcd_debugging_mvcc_watcher_total"), 20.0);

    const int total = 5000;
    for (int batch = 0; batch < total / 100; ++batch) {
        TxnSpec txn;
        for (int i = 0; i < 100; ++i)
            txn.success << TxnOp::putKey(prefix + QByteArray::number(batch * 100 + i), "v");
        QVERIFY_OK(resultOf(m_client->kv().txn(txn)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(recorders.first()->events.size(), total, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(recorders.last()->events.size(), total, 20000);
    for (int i = 0; i < total; ++i)
        QCOMPARE(recorders.first()->events[i].kv.key, prefix + QByteArray::number(i));
    // 5 000 events in 50 transactions reach each watcher in a few batches, not one signal each.
    QVERIFY2(recorders.first()->batches <= 50, qPrintable(QString::number(recorders.first()->batches)));
    qDeleteAll(watchers);
    qDeleteAll(recorders);
    QTRY_COMPARE_WITH_TIMEOUT(etcdMetric(endpoint, "etcd_debugging_mvcc_watcher_total"), 0.0, 5000);
}

void TestWatch::startRevisionPrevKvAndFilters()
{
    const QByteArray key = "/watch/history/key";
    auto first = resultOf(m_client->kv().put(key, "one"));
    QVERIFY_OK(first);
    QVERIFY_OK(resultOf(m_client->kv().put(key, "two")));
    QVERIFY_OK(resultOf(m_client->kv().deleteRange(DeleteOptions::single(key))));

    WatchOptions all = WatchOptions::single(key, first->header.revision);
    all.prevKv = true;
    Watcher *w = m_client->watch(all, this);
    Recorder rec(w);
    QTRY_COMPARE_WITH_TIMEOUT(rec.events.size(), 3, 10000);
    QCOMPARE(rec.events[0].type, WatchEvent::Put);
    QCOMPARE(rec.events[0].kv.value, QByteArray("one"));
    QVERIFY(!rec.events[0].prevKv.has_value()); // a creation has no previous value
    QCOMPARE(rec.events[1].prevKv->value, QByteArray("one"));
    QCOMPARE(rec.events[2].type, WatchEvent::Delete);
    QCOMPARE(rec.events[2].prevKv->value, QByteArray("two"));
    QCOMPARE(rec.events[2].revision(), first->header.revision + 2);
    QCOMPARE(w->lastRevision(), first->header.revision + 2);

    WatchOptions noDelete = WatchOptions::single(key, first->header.revision);
    noDelete.noDelete = true;
    Watcher *puts = m_client->watch(noDelete, this);
    Recorder putsOnly(puts);
    QTRY_COMPARE_WITH_TIMEOUT(putsOnly.events.size(), 2, 10000);
    spin(200);
    QCOMPARE(putsOnly.events.size(), 2);
    delete w;
    delete puts;
}

void TestWatch::cancelledWatcherStopsReceiving()
{
    const QByteArray key = "/watch/cancel/key";
    Watcher *w = m_client->watch(WatchOptions::single(key), this);
    Recorder rec(w);
    QTRY_VERIFY_WITH_TIMEOUT(rec.createdAt > 0, 10000);
    QVERIFY_OK(resultOf(m_client->kv().put(key, "1")));
    QTRY_COMPARE_WITH_TIMEOUT(rec.events.size(), 1, 5000);
    w->cancel();
    QVERIFY(!w->isActive());
    QVERIFY_OK(resultOf(m_client->kv().put(key, "2")));
    spin(300);
    QCOMPARE(rec.events.size(), 1);
    delete w;
}

void TestWatch::fragmentedResponsesAreReassembled()
{
    // etcd fragments a watch response larger than --max-request-bytes + 512 KiB of gRPC overhead.
    // A watch catching up on ~1.8 MB of history (with previous values) gets such responses.
    START_CLUSTER(small, 1, false, {QStringLiteral("--max-request-bytes=65536")});
    EtcdClient client(optionsFor(*small));
    const QByteArray prefix = "/watch/fragments/";
    qint64 firstRevision = 0;
    for (int round = 0; round < 15; ++round) {
        TxnSpec txn;
        for (int i = 0; i < 3; ++i)
            txn.success << TxnOp::putKey(prefix + QByteArray::number(i), QByteArray(20000, char('a' + round)));
        auto r = resultOf(client.kv().txn(txn));
        QVERIFY_OK(r);
        if (firstRevision == 0)
            firstRevision = r->header.revision;
    }
    WatchOptions o = WatchOptions::prefix(prefix, firstRevision);
    o.prevKv = true;
    Watcher *w = client.watch(o, this);
    Recorder rec(w);
    QTRY_COMPARE_WITH_TIMEOUT(rec.events.size(), 45, 10000);
    QVERIFY2(client.watchStats().fragments >= 1, "etcd did not fragment the response");
    for (int i = 0; i < rec.events.size(); ++i) {
        const WatchEvent &e = rec.events[i];
        QCOMPARE(e.revision(), firstRevision + i / 3);
        QCOMPARE(e.kv.value, QByteArray(20000, char('a' + i / 3)));
        if (i >= 3)
            QCOMPARE(e.prevKv->value, QByteArray(20000, char('a' + i / 3 - 1)));
    }
    qInfo("%lld fragments reassembled into %d batches", qint64(client.watchStats().fragments), rec.batches);
    delete w;
}

void TestWatch::compactedStartRevisionIsReported()
{
    const QByteArray key = "/watch/compacted/key";
    auto first = resultOf(m_client->kv().put(key, "1"));
    QVERIFY_OK(first);
    auto second = resultOf(m_client->kv().put(key, "2"));
    QVERIFY_OK(second);
    QVERIFY_OK(resultOf(m_client->kv().compact(second->header.revision)));

    Watcher *w = m_client->watch(WatchOptions::single(key, first->header.revision), this);
    Recorder rec(w);
    QTRY_VERIFY_WITH_TIMEOUT(rec.compactedAt > 0, 10000);
    QCOMPARE(rec.compactedAt, second->header.revision);
    QVERIFY(!w->isActive());
    QVERIFY(rec.events.isEmpty());
    // The owner relists and watches again from the current revision: that works.
    Watcher *again = m_client->watch(WatchOptions::single(key, second->header.revision), this);
    Recorder rec2(again);
    QTRY_COMPARE_WITH_TIMEOUT(rec2.events.size(), 1, 10000);
    QCOMPARE(rec2.events[0].kv.value, QByteArray("2"));
    delete w;
    delete again;
}

void TestWatch::resumesAcrossMemberKillWithoutLossOrRepeats()
{
    START_CLUSTER(cluster, 3, true);
    EtcdClient watching(optionsFor(*cluster));
    EtcdClient writing(optionsFor(*cluster));
    const QByteArray prefix = "/watch/resume/";
    auto start = resultOf(writing.kv().put("/watch/resume-start", "x"));
    QVERIFY_OK(start);

    QString streamEndpoint;
    connect(&watching, &EtcdClient::watchStreamConnected, this, [&](const QString &e) { streamEndpoint = e; });
    QSignalSpy lost(&watching, &EtcdClient::watchStreamLost);
    Watcher *w = watching.watch(WatchOptions::prefix(prefix, start->header.revision + 1), this);
    Recorder rec(w);
    QTRY_VERIFY_WITH_TIMEOUT(!streamEndpoint.isEmpty(), 10000);

    Writer writer(&writing, prefix);
    writer.start();
    QTRY_VERIFY_WITH_TIMEOUT(rec.events.size() > 200, 20000);

    // Kill the member that serves the watch stream while writes keep going, twice.
    for (int round = 0; round < 2; ++round) {
        const int victim = cluster->clientEndpoints().indexOf(streamEndpoint);
        QVERIFY(victim >= 0);
        const QString before = streamEndpoint;
        const int delivered = rec.events.size();
        QVERIFY(cluster->kill(victim));
        QTRY_VERIFY_WITH_TIMEOUT(streamEndpoint != before, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.events.size() > delivered + 200, 20000);
        QString error;
        QVERIFY2(cluster->restart(victim, &error), qPrintable(error));
    }
    writer.running = false;
    QTRY_VERIFY_WITH_TIMEOUT(writer.acknowledged + writer.failures == writer.n, 20000);

    // The reference is etcd's own history, replayed by etcd's own client.
    const QVector<KeyValue> now = history(writing, prefix);
    QVERIFY(now.size() >= writer.acknowledged);
    const qint64 lastRevision = now.constLast().modRevision;
    const QVector<KeyValue> truth = etcdctlHistory(*cluster, prefix, start->header.revision + 1, lastRevision);
    QVERIFY(!truth.isEmpty());
    QCOMPARE(truth.constLast().modRevision, lastRevision);
    QTRY_COMPARE_WITH_TIMEOUT(rec.lastRevision(), lastRevision, 20000);
    QCOMPARE(rec.events.size(), truth.size());
    for (int i = 0; i < truth.size(); ++i) {
        QCOMPARE(rec.events[i].kv.key, truth[i].key);
        QCOMPARE(rec.events[i].kv.modRevision, truth[i].modRevision);
        QCOMPARE(rec.events[i].kv.value, truth[i].value);
    }
    QVERIFY(lost.count() >= 2);
    qInfo("%d events, %d writes acknowledged, %d streams opened, %lld duplicates dropped", int(rec.events.size()),
          writer.acknowledged, int(watching.watchStats().streamsOpened),
          qint64(watching.watchStats().duplicatesDropped));
    delete w;
}

void TestWatch::pausedMemberIsDetectedAndFailedOver()
{
    START_CLUSTER(cluster, 3, true);
    ConnectionOptions o = optionsFor(*cluster);
    o.keepAliveTimeMs = 500;     // probe the watch stream after 0.5 s of silence...
    o.keepAliveTimeoutMs = 1000; // ...and give up on it 1 s later
    EtcdClient watching(o);
    const QByteArray prefix = "/watch/paused/";
    QString streamEndpoint;
    connect(&watching, &EtcdClient::watchStreamConnected, this, [&](const QString &e) { streamEndpoint = e; });
    Watcher *w = watching.watch(WatchOptions::prefix(prefix), this);
    Recorder rec(w);
    QTRY_VERIFY_WITH_TIMEOUT(rec.createdAt > 0, 10000);
    const int victim = cluster->clientEndpoints().indexOf(streamEndpoint);
    QVERIFY(cluster->pause(victim));

    // Write through the other members only. If the paused member led the cluster, the first write
    // may time out while the others elect a new leader; that is not what this test is about.
    ConnectionOptions others = optionsFor(*cluster);
    others.endpoints.removeAt(victim);
    others.callTimeoutMs = 10000;
    EtcdClient writing(others);
    QElapsedTimer timer;
    timer.start();
    EtcdResult<PutResult> put;
    for (int attempt = 0; attempt < 3 && !put.ok(); ++attempt)
        put = resultOf(writing.kv().put(prefix + "while-paused", "1"), 30000);
    QVERIFY_OK(put);
    QTRY_COMPARE_WITH_TIMEOUT(rec.events.size(), 1, 15000);
    qInfo("event delivered %lld ms after the member was paused", timer.elapsed());
    QVERIFY(streamEndpoint != cluster->clientEndpoint(victim));
    QVERIFY(cluster->resume(victim));
    delete w;
}

void TestWatch::resumesWhenTheOnlyMemberComesBack()
{
    START_CLUSTER(cluster, 1);
    EtcdClient client(optionsFor(*cluster));
    const QByteArray prefix = "/watch/outage/";
    Watcher *w = client.watch(WatchOptions::prefix(prefix), this);
    Recorder rec(w);
    QTRY_VERIFY_WITH_TIMEOUT(rec.createdAt > 0, 10000);
    QVERIFY_OK(resultOf(client.kv().put(prefix + "a", "1")));
    QTRY_COMPARE_WITH_TIMEOUT(rec.events.size(), 1, 5000);
    QVERIFY(cluster->kill(0));
    spin(1500); // the hub keeps retrying meanwhile
    QString error;
    QVERIFY2(cluster->restart(0, &error), qPrintable(error));
    QVERIFY_OK(resultOf(client.kv().put(prefix + "b", "2")));
    QTRY_COMPARE_WITH_TIMEOUT(rec.events.size(), 2, 15000);
    QCOMPARE(rec.events[1].kv.key, prefix + "b");
    QVERIFY(w->isActive());
    delete w;
}

QTEST_GUILESS_MAIN(TestWatch)
#include "tst_watch.moc"
