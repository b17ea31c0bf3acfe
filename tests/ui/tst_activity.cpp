// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Activity meters and plots: ring buffers keep memory flat; under a known write rate against real
// etcd the plotted data (not pixels) shows that rate for PUTs, DELETEs and the revision; leases
// granted, expired (with their keys' deletes) and this console's keepalives are counted; replots
// are throttled, pause holds the picture, PNG and CSV exports are written.

#include "cluster/activityview.h"
#include "client/continuation.h"
#include "state/cluster/activitymeter.h"
#include "support/testsupport.h"

#include "common/qcustomplotinclude.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

class TestActivity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ringsStayTheirSize();
    void ratesMatchAKnownWriteRate();
    void leaseActivityIsCounted();
    void plotsAreThrottledPausedAndExported();

private:
    static double median(const SampleRing &ring, int lastN);
    std::unique_ptr<LocalCluster> m_cluster;
};

void TestActivity::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
}

double TestActivity::median(const SampleRing &ring, int lastN)
{
    QVector<double> v;
    for (int i = std::max(0, ring.size() - lastN); i < ring.size(); ++i)
        v << ring.valueAt(i);
    if (v.isEmpty())
        return -1;
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

void TestActivity::ringsStayTheirSize()
{
    SampleRing ring(100);
    for (int i = 0; i < 36000; ++i) // ten hours at one sample a second
        ring.append(i, i * 2);
    QCOMPARE(ring.size(), 100);
    QCOMPARE(ring.capacity(), 100);
    QCOMPARE(ring.timeAt(0), 35900.0);
    QCOMPARE(ring.valueAt(99), 71998.0);
    QVector<double> t, v;
    ring.copySince(35990, &t, &v);
    QCOMPARE(t.size(), 10);
    QCOMPARE(t.first(), 35990.0);
    QVERIFY(std::is_sorted(t.begin(), t.end()));

    // A meter fed an hour and more of samples keeps every series at its capacity.
    ActivityMeter meter(nullptr, nullptr, nullptr, "/", 3600);
    ClusterMonitor::Snapshot s;
    s.state = ClusterMonitor::State::Connected;
    s.endpoints.resize(3);
    for (int e = 0; e < 3; ++e) {
        s.endpoints[e].endpoint = QStringLiteral("127.0.0.1:%1").arg(2379 + e);
        s.endpoints[e].memberId = quint64(e + 1);
    }
    for (int i = 0; i < 5000; ++i) {
        s.revision = i * 10;
        meter.closeBin(1000.0 + i);
        meter.addClusterSample(s, 1000.0 + i);
    }
    for (int series = 0; series < ActivityMeter::SeriesCount; ++series)
        QVERIFY(meter.series(ActivityMeter::Series(series)).size() <= 3600);
    QCOMPARE(meter.latencyEndpoints().size(), 3);
    QCOMPARE(meter.latency(QStringLiteral("127.0.0.1:2379"))->size(), 3600);
    QCOMPARE(meter.series(ActivityMeter::Writes).lastValue(), 10.0);
}

void TestActivity::ratesMatchAKnownWriteRate()
{
    EtcdClient client(optionsFor(*m_cluster));
    ClusterMonitor monitor(&client, 500);
    ActivityMeter meter(&client, &monitor, nullptr, "/rate/");
    monitor.start();
    meter.start();
    QTest::qWait(300); // the watch is in place

    // 40 PUTs and 10 DELETEs a second for 6 s, from a timer (one write each tick).
    int tick = 0;
    QTimer writer;
    writer.setInterval(20); // 50 ticks a second
    QObject context;
    connect(&writer, &QTimer::timeout, &context, [&] {
        // Every fifth tick deletes the key the tick before put, so each delete removes a key.
        if (tick % 5 == 4)
            client.kv().deleteRange(DeleteOptions::single("/rate/k" + QByteArray::number((tick - 1) % 10)));
        else
            client.kv().put("/rate/k" + QByteArray::number(tick % 10), QByteArray::number(tick));
        ++tick;
    });
    QElapsedTimer t;
    t.start();
    writer.start();
    QTRY_VERIFY_WITH_TIMEOUT(t.elapsed() > 6000, 8000);
    writer.stop();
    const double seconds = double(t.elapsed()) / 1000.0;
    const double putRate = 0.8 * tick / seconds; // what the timer managed (it can run late)
    const double deleteRate = 0.2 * tick / seconds;
    QTest::qWait(1200);
    // The middle of the run: the last 4 closed bins before the writer stopped.
    const SampleRing &puts = meter.series(ActivityMeter::Puts);
    QVERIFY(puts.size() >= 5);
    QVector<double> during;
    for (int i = 0; i < puts.size(); ++i)
        during << puts.valueAt(i);
    std::sort(during.begin(), during.end());
    const double measuredPuts = during.at(during.size() - 3); // among the busy bins
    QVERIFY2(qAbs(measuredPuts - putRate) < 0.25 * putRate,
             qPrintable(QStringLiteral("puts/s %1, expected %2").arg(measuredPuts).arg(putRate)));
    QVector<double> dels;
    const SampleRing &deletes = meter.series(ActivityMeter::Deletes);
    for (int i = 0; i < deletes.size(); ++i)
        dels << deletes.valueAt(i);
    std::sort(dels.begin(), dels.end());
    const double measuredDeletes = dels.at(dels.size() - 3);
    QVERIFY2(qAbs(measuredDeletes - deleteRate) < 0.35 * deleteRate + 1,
             qPrintable(QStringLiteral("deletes/s %1, expected %2").arg(measuredDeletes).arg(deleteRate)));
    // The revision rate from status polling: every put and every delete is a revision.
    const SampleRing &writes = meter.series(ActivityMeter::Writes);
    QVERIFY(writes.size() >= 4);
    QVector<double> w;
    for (int i = 0; i < writes.size(); ++i)
        w << writes.valueAt(i);
    std::sort(w.begin(), w.end());
    const double measuredWrites = w.at(w.size() - 2);
    QVERIFY2(measuredWrites > 0.7 * (putRate + deleteRate) && measuredWrites < 1.3 * (putRate + deleteRate),
             qPrintable(QStringLiteral("writes/s %1, puts/s %2").arg(measuredWrites).arg(putRate)));
    QVERIFY(meter.series(ActivityMeter::DbSize).lastValue() > 0);
    QVERIFY(meter.latencyEndpoints().size() == 1);
}

void TestActivity::leaseActivityIsCounted()
{
    EtcdClient client(optionsFor(*m_cluster));
    LeaseMonitor leases(&client, 500);
    ActivityMeter meter(&client, nullptr, &leases, "/leaseact/");
    QSignalSpy loaded(&leases, &LeaseMonitor::loaded);
    leases.start();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    meter.start();
    QTest::qWait(300);

    // One lease kept alive by this console, one left to expire with 5 keys on it.
    auto kept = resultOf(client.lease().grant(3));
    QVERIFY_OK(kept);
    KeepAlive *ka = client.keepAlive(kept->id, 3, this);
    auto expiring = resultOf(client.lease().grant(2));
    QVERIFY_OK(expiring);
    for (int i = 0; i < 5; ++i)
        QVERIFY_OK(resultOf(client.kv().put("/leaseact/k" + QByteArray::number(i), "v", PutOptions{expiring->id})));

    auto total = [&meter](ActivityMeter::Series s) {
        double sum = 0;
        const SampleRing &r = meter.series(s);
        for (int i = 0; i < r.size(); ++i)
            sum += r.valueAt(i); // one-second bins: rate x ~1 s
        return sum;
    };
    QTRY_VERIFY_WITH_TIMEOUT(total(ActivityMeter::LeaseKeyDeletes) >= 4.5, 10000); // the 5 keys went with their lease
    QTRY_VERIFY_WITH_TIMEOUT(total(ActivityMeter::LeasesGone) >= 0.9, 5000);
    QVERIFY2(total(ActivityMeter::LeasesGranted) >= 1.8, qPrintable(QString::number(total(ActivityMeter::LeasesGranted))));
    QTRY_VERIFY_WITH_TIMEOUT(total(ActivityMeter::KeepAlives) >= 2, 6000); // TTL 3 s: one every second
    QTRY_VERIFY(meter.series(ActivityMeter::ActiveLeases).lastValue(-1) >= 1);
    delete ka;
}

void TestActivity::plotsAreThrottledPausedAndExported()
{
    ActivityMeter meter(nullptr, nullptr, nullptr, "/", 3600);
    ActivityView view(&meter);
    view.resize(900, 700);
    view.show();
    const double now = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    for (int i = 0; i < 50; ++i) {
        WatchEvents events(10);
        meter.countEvents(events);
        meter.closeBin(now - 50 + i);
    }
    // 50 samples in a burst: a handful of replots, not 50.
    const int before = view.replotCount();
    QTest::qWait(3 * ActivityView::kReplotMs);
    QVERIFY2(view.replotCount() - before <= 2, qPrintable(QString::number(view.replotCount() - before)));
    QCustomPlot *watch = view.plot(ActivityView::WatchPlot);
    QVERIFY(watch->graph(0)->data()->size() >= 40); // the PUT line holds the samples in the window
    QVERIFY(view.valuesAt(ActivityView::WatchPlot, now - 10).contains(ActivityMeter::seriesName(ActivityMeter::Puts)));

    view.setPaused(true);
    const int paused = view.replotCount();
    meter.closeBin(now + 1);
    QTest::qWait(3 * ActivityView::kReplotMs);
    QCOMPARE(view.replotCount(), paused);
    view.setPaused(false);
    QVERIFY(view.replotCount() > paused);

    view.setWindowSeconds(600);
    QCOMPARE(view.windowSeconds(), 600);
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("a.png"));
    const QString csv = dir.filePath(QStringLiteral("a.csv"));
    QVERIFY(view.exportPng(png));
    QVERIFY(QImage(png).height() >= 4 * 200);
    QVERIFY(view.exportCsv(csv));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.first(), QByteArray("time,series,value"));
    QVERIFY(lines.size() > 50);
}

QTEST_MAIN(TestActivity)
#include "tst_activity.moc"
