// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Connection behaviour against real etcd: failover across endpoints, the dial timeout against an
// endpoint that accepts TCP but never speaks, per-call deadlines, the read-only gate (nothing is
// sent), configuration errors in plain words, and a bounded shutdown with calls in flight or with
// every member down.

#include "client/etcdclient.h"
#include "client/streamsupervisor.h"
#include "client/watchhub.h"
#include "support/testsupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace etcd;
using namespace etcd::test;

namespace {

// A TCP port that accepts connections (the kernel completes the handshake) but never answers:
// the worst kind of dead endpoint, which only a dial timeout gets past.
struct SilentPort
{
    SilentPort()
    {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
        ::listen(fd, 16);
        socklen_t len = sizeof addr;
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
        port = ntohs(addr.sin_port);
    }
    ~SilentPort() { ::close(fd); }
    QString endpoint() const { return QStringLiteral("127.0.0.1:%1").arg(port); }
    int fd = -1;
    quint16 port = 0;
};

// A port nobody listens on: connections are refused at once.
QString refusedEndpoint()
{
    SilentPort p; // bound then closed: free again, and nothing listens
    return p.endpoint();
}

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void failsOverFromRefusedEndpoint();
    void dialTimeoutGetsPastSilentEndpoint();
    void perCallDeadlineIsHonoured();
    void pinnedEndpointDoesNotFailOver();
    void writeAfterALongOutageConnectsAtOnce();
    void allEndpointsDownFailsWithinDeadline();
    void readOnlyConnectionSendsNoWrite();
    void configurationErrorsAreClear();
    void destroyWithCallsInFlightIsPromptAndSafe();
    void destroyWithEveryMemberDownIsPrompt();
    void clientChurnWithCallsInFlight();
    void streamsShareOneSupervisorAndBackoff();

private:
    std::unique_ptr<LocalCluster> m_cluster;
};

void TestConnection::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
}

void TestConnection::cleanupTestCase()
{
    m_cluster.reset();
}

void TestConnection::failsOverFromRefusedEndpoint()
{
    ConnectionOptions o;
    o.endpoints = QStringList{refusedEndpoint(), m_cluster->clientEndpoint(0)};
    EtcdClient client(o);
    QElapsedTimer t;
    t.start();
    QVERIFY_OK(resultOf(client.kv().put("/conn/failover", "1")));
    QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(client.currentEndpoint(), m_cluster->clientEndpoint(0));
    // The live endpoint stays current: the next call goes straight there.
    t.restart();
    QVERIFY_OK(resultOf(client.kv().get("/conn/failover")));
    QVERIFY(t.elapsed() < 500);
}

void TestConnection::dialTimeoutGetsPastSilentEndpoint()
{
    SilentPort silent;
    ConnectionOptions o;
    o.endpoints = QStringList{silent.endpoint(), m_cluster->clientEndpoint(0)};
    o.dialTimeoutMs = 500;
    o.callTimeoutMs = 5000;
    EtcdClient client(o);
    QElapsedTimer t;
    t.start();
    QVERIFY_OK(resultOf(client.kv().get("/conn/dial")));
    QVERIFY2(t.elapsed() >= 400 && t.elapsed() < 2500, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(client.currentEndpoint(), m_cluster->clientEndpoint(0));
}

void TestConnection::perCallDeadlineIsHonoured()
{
    START_CLUSTER(cluster, 1);
    EtcdClient client(optionsFor(*cluster));
    QVERIFY_OK(resultOf(client.kv().get("/warm-up")));
    QVERIFY(cluster->pause(0));
    QElapsedTimer t;
    t.start();
    CallOptions call;
    call.timeoutMs = 400;
    auto r = resultOf(client.kv().get("/conn/deadline", call));
    const qint64 elapsed = t.elapsed();
    QVERIFY(cluster->resume(0));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().isDeadlineExceeded(), qPrintable(r.error().toString()));
    QVERIFY2(elapsed >= 350 && elapsed < 1500, qPrintable(QString::number(elapsed)));
}

// After a long outage gRPC waits up to its 2 s reconnect backoff before it dials again and fails
// every call meanwhile with the old "connection refused". A save pressed just after the cluster
// came back must dial now, not fail for another two seconds (CI caught the value editor so).
void TestConnection::writeAfterALongOutageConnectsAtOnce()
{
    START_CLUSTER(cluster, 1, true);
    EtcdClient client(optionsFor(*cluster));
    QVERIFY_OK(resultOf(client.kv().put("/conn/outage", "before")));
    QVERIFY(cluster->kill(0));
    CallOptions quick;
    quick.timeoutMs = 500;
    // The outage lasts long enough for the channel's backoff to reach its cap.
    QElapsedTimer outage;
    outage.start();
    while (outage.elapsed() < 6000)
        QVERIFY(!resultOf(client.kv().get("/conn/outage", quick)).ok());
    QString error;
    QVERIFY2(cluster->restart(0, &error), qPrintable(error));
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        auto r = resultOf(client.kv().put("/conn/outage", QByteArray::number(i), {}, quick));
        QVERIFY2(r.ok(), qPrintable(QStringLiteral("put %1 after the restart: %2").arg(i).arg(r.error().toString())));
        QVERIFY2(t.elapsed() < 500, qPrintable(QString::number(t.elapsed())));
    }
}

void TestConnection::pinnedEndpointDoesNotFailOver()
{
    ConnectionOptions o;
    const QString dead = refusedEndpoint();
    o.endpoints = QStringList{m_cluster->clientEndpoint(0), dead};
    EtcdClient client(o);
    CallOptions pinned;
    pinned.endpoint = dead;
    pinned.timeoutMs = 1000;
    auto r = resultOf(client.kv().get("/conn/pinned", pinned));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().isUnavailable() || r.error().isDeadlineExceeded(), qPrintable(r.error().toString()));
    QCOMPARE(r.error().endpoint(), dead);
    CallOptions unknown;
    unknown.endpoint = QStringLiteral("10.1.2.3:2379");
    auto bad = resultOf(client.kv().get("/conn/pinned", unknown));
    QCOMPARE(bad.error().code(), ErrorCode::InvalidArgument);
}

void TestConnection::allEndpointsDownFailsWithinDeadline()
{
    ConnectionOptions o;
    o.endpoints = QStringList{refusedEndpoint(), refusedEndpoint()};
    o.callTimeoutMs = 1500;
    EtcdClient client(o);
    QElapsedTimer t;
    t.start();
    auto r = resultOf(client.kv().get("/conn/nowhere"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().isUnavailable(), qPrintable(r.error().toString()));
    QVERIFY2(t.elapsed() < 2500, qPrintable(QString::number(t.elapsed())));
    QVERIFY(r.error().toString().contains(QLatin1String("cannot reach etcd")));
}

void TestConnection::readOnlyConnectionSendsNoWrite()
{
    EtcdClient writer(optionsFor(*m_cluster));
    QVERIFY_OK(resultOf(writer.kv().put("/conn/ro/existing", "v")));
    auto lease = resultOf(writer.lease().grant(60));
    QVERIFY_OK(lease);

    ConnectionOptions o = optionsFor(*m_cluster);
    o.readOnly = true;
    EtcdClient ro(o);
    QVERIFY(ro.isReadOnly());
    const QString endpoint = m_cluster->clientEndpoint(0);
    auto writesSeenByEtcd = [&] {
        double sum = 0;
        for (const char *m : {"Put", "DeleteRange", "Txn", "Compact", "LeaseGrant", "LeaseRevoke", "LeaseKeepAlive"}) {
            const double v = std::max(
                0.0, etcdMetric(endpoint, "grpc_server_started_total", QByteArray("grpc_method=\"") + m + "\""));
            sum += v;
        }
        return sum;
    };
    const double before = writesSeenByEtcd();
    const qint64 revision = resultOf(ro.kv().get("/conn/ro/existing"))->header.revision;

    TxnSpec writeTxn;
    writeTxn.success << TxnOp::putKey("/conn/ro/x", "1");
    const EtcdError errors[] = {
        resultOf(ro.kv().put("/conn/ro/x", "1")).error(),
        resultOf(ro.kv().deleteRange(DeleteOptions::single("/conn/ro/existing"))).error(),
        resultOf(ro.kv().txn(writeTxn)).error(),
        resultOf(ro.kv().compact(1)).error(),
        resultOf(ro.lease().grant(10)).error(),
        resultOf(ro.lease().revoke(lease->id)).error(),
    };
    for (const EtcdError &e : errors) {
        QVERIFY2(e.isReadOnlyRefusal(), qPrintable(e.toString()));
        QVERIFY(e.toString().contains(QLatin1String("read-only")));
    }
    KeepAlive *ka = ro.keepAlive(lease->id, 60, this);
    QSignalSpy lost(ka, &KeepAlive::lost);
    QTRY_COMPARE(lost.count(), 1);
    QVERIFY(lost.first().first().value<EtcdError>().isReadOnlyRefusal());
    delete ka;
    QCOMPARE(writesSeenByEtcd(), before); // not one write RPC reached etcd

    // Reads, read-only transactions and watches still work.
    TxnSpec readTxn;
    readTxn.success << TxnOp::get(RangeOptions::single("/conn/ro/existing"));
    QVERIFY_OK(resultOf(ro.kv().txn(readTxn)));
    QVERIFY_OK(resultOf(ro.lease().timeToLive(lease->id)));
    Watcher *w = ro.watch(WatchOptions::single("/conn/ro/existing"), this);
    QSignalSpy created(w, &Watcher::created);
    QTRY_COMPARE(created.count(), 1);
    delete w;
    QCOMPARE(resultOf(ro.kv().get("/conn/ro/existing"))->header.revision, revision);
}

void TestConnection::configurationErrorsAreClear()
{
    ConnectionOptions none;
    QVERIFY(none.validate().contains(QLatin1String("no endpoint")));

    ConnectionOptions bad;
    bad.endpoints = QStringList{QStringLiteral("not an endpoint")};
    EtcdClient badClient(bad);
    QVERIFY(badClient.configError());
    auto r = resultOf(badClient.kv().get("/x"));
    QCOMPARE(r.error().code(), ErrorCode::InvalidArgument);
    QVERIFY(r.error().toString().contains(QLatin1String("not host:port")));

    ConnectionOptions tls = optionsFor(*m_cluster);
    tls.tls.caFile = QStringLiteral("/nonexistent/ca.pem");
    EtcdClient tlsClient(tls);
    auto t = resultOf(tlsClient.kv().get("/x"));
    QVERIFY(!t.ok());
    QVERIFY2(t.error().toString().contains(QLatin1String("/nonexistent/ca.pem")), qPrintable(t.error().toString()));

    ConnectionOptions certOnly = optionsFor(*m_cluster);
    certOnly.tls.certFile = QStringLiteral("/tmp/c.pem");
    QVERIFY(certOnly.validate().contains(QLatin1String("without its key")));

    QCOMPARE(ConnectionOptions::normalizeEndpoint(QStringLiteral("http://127.0.0.1:2379/")),
             QStringLiteral("127.0.0.1:2379"));
    bool https = false;
    QCOMPARE(ConnectionOptions::normalizeEndpoint(QStringLiteral("https://etcd.example:2379"), &https),
             QStringLiteral("etcd.example:2379"));
    QVERIFY(https);
    QVERIFY(ConnectionOptions::normalizeEndpoint(QStringLiteral("127.0.0.1")).isEmpty());
}

void TestConnection::destroyWithCallsInFlightIsPromptAndSafe()
{
    QVector<QFuture<EtcdResult<PutResult>>> futures;
    auto client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
    Watcher *w = client->watch(WatchOptions::prefix("/conn/inflight/"), this);
    auto lease = resultOf(client->lease().grant(5));
    QVERIFY_OK(lease);
    KeepAlive *ka = client->keepAlive(lease->id, 5, this);
    for (int i = 0; i < 300; ++i)
        futures << client->kv().put("/conn/inflight/" + QByteArray::number(i), QByteArray(1000, 'x'));
    QElapsedTimer t;
    t.start();
    client.reset();
    QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
    // Every future completes: with its result, or with the shutdown error.
    for (auto &f : futures) {
        QVERIFY(waitFor(f, 3000));
        const auto r = f.result();
        QVERIFY2(r.ok() || r.error().isShutdown() || r.error().isCancelled(), qPrintable(r.error().toString()));
    }
    // Handles that outlive their client are inert.
    w->cancel();
    delete w;
    delete ka;
}

// Clients created and destroyed one after another, each with calls and a watch still in flight:
// the last reference to a connection then often drops inside a gRPC callback. Destroying the
// channel there used to make gRPC free the callback completion queue under its own polling thread
// (a crash in grpc_cq_internal_ref, seen in CI); connections are now destroyed on a reaper thread.
void TestConnection::clientChurnWithCallsInFlight()
{
    for (int round = 0; round < 300; ++round) {
        auto client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
        QVector<QFuture<EtcdResult<RangeResult>>> gets;
        for (int i = 0; i < 20; ++i)
            gets << client->kv().get("/conn/churn/" + QByteArray::number(i));
        Watcher *w = client->watch(WatchOptions::prefix("/conn/churn/"), this);
        // Let some calls complete (their callbacks then hold the last references), not all.
        QTest::qWait(round % 5);
        client.reset();
        for (auto &f : gets)
            QVERIFY(waitFor(f, 3000));
        delete w;
    }
    // Still able to talk to etcd afterwards, through a fresh client.
    EtcdClient client(optionsFor(*m_cluster));
    QVERIFY_OK(resultOf(client.kv().put("/conn/churn/after", "ok")));
}

void TestConnection::destroyWithEveryMemberDownIsPrompt()
{
    START_CLUSTER(cluster, 3, true);
    auto client = std::make_unique<EtcdClient>(optionsFor(*cluster));
    QVERIFY_OK(resultOf(client->kv().put("/conn/down", "1")));
    Watcher *w = client->watch(WatchOptions::prefix("/conn/down"), this);
    QSignalSpy created(w, &Watcher::created);
    QTRY_COMPARE(created.count(), 1);
    auto lease = resultOf(client->lease().grant(5));
    QVERIFY_OK(lease);
    KeepAlive *ka = client->keepAlive(lease->id, 5, this);
    for (int i = 0; i < 3; ++i)
        QVERIFY(cluster->kill(i));
    QVector<QFuture<EtcdResult<RangeResult>>> pending;
    for (int i = 0; i < 20; ++i)
        pending << client->kv().get("/conn/down");
    spin(300); // let the watch and keepalive streams notice and start retrying
    QElapsedTimer t;
    t.start();
    client.reset();
    QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
    for (auto &f : pending)
        QVERIFY(waitFor(f, 3000));
    delete w;
    delete ka;
}

// One backoff policy: a first retry at once, then a pause doubling to the cap. The supervisor
// applies it to a stream that keeps failing, fails over round the endpoints, starts over once the
// stream answers, and a new stream of each generation carries "hasleader"; the watch hub uses it
// (its reconnects against a cluster that is down stay spaced out).
void TestConnection::streamsShareOneSupervisorAndBackoff()
{
    using detail::Backoff;
    QCOMPARE(detail::kStreamBackoff.delayMs(0), 0);
    QCOMPARE(detail::kStreamBackoff.delayMs(1), 100);
    QCOMPARE(detail::kStreamBackoff.delayMs(2), 200);
    QCOMPARE(detail::kStreamBackoff.delayMs(5), 1600);
    QCOMPARE(detail::kStreamBackoff.delayMs(6), 2000);
    QCOMPARE(detail::kStreamBackoff.delayMs(1000), 2000);
    QCOMPARE(detail::kCallBackoff.delayMs(4), 800);
    QCOMPARE(detail::kCallBackoff.delayMs(5), 1000);

    ConnectionOptions o;
    o.endpoints = {QStringLiteral("127.0.0.1:1"), QStringLiteral("127.0.0.1:2"), QStringLiteral("127.0.0.1:3")};
    const auto conn = detail::Connection::create(o);
    QObject owner;
    detail::ThreadSink sink(&owner);
    auto *supervisor = new detail::StreamSupervisor(conn, sink, &owner, Backoff{20, 160});
    QVector<int> endpoints;
    QVector<int> generations;
    QVector<qint64> delays;
    bool hasLeader = true;
    bool signedIn = false;
    supervisor->setCallbacks(
        [&](int generation, int endpoint, const detail::StreamSupervisor::Metadata &metadata) {
            endpoints << endpoint;
            generations << generation;
            hasLeader = hasLeader && metadata.size() == 1 && metadata[0].first == "hasleader";
            // The stream fails at once.
            supervisor->ended(EtcdError(ErrorCode::Unavailable, QStringLiteral("down")), true);
            delays << supervisor->lastDelayMs();
        },
        [&signedIn](int, const EtcdError &) { signedIn = true; }, [&] { supervisor->open(); });
    supervisor->open();
    QTRY_VERIFY_WITH_TIMEOUT(delays.size() >= 8, 5000);
    supervisor->stop();
    QVERIFY(!signedIn); // no user: no sign-in
    QCOMPARE(delays.mid(0, 8), (QVector<qint64>{0, 20, 40, 80, 160, 160, 160, 160}));
    QCOMPARE(endpoints.mid(0, 4), (QVector<int>{0, 1, 2, 0})); // round the endpoints
    for (int i = 1; i < generations.size(); ++i)
        QVERIFY(generations[i] > generations[i - 1]);
    QVERIFY(hasLeader);
    QVERIFY(!supervisor->isCurrent(generations.first()));
    // An answer starts the backoff over.
    supervisor->streamAnswered();
    QCOMPARE(supervisor->failures(), 0);

    // The watch hub reconnects through it: a watch on a cluster that is down opens few streams.
    EtcdClient client(o);
    Watcher *w = client.watch(WatchOptions::prefix("/x/"));
    spin(3000);
    const qint64 opened = client.watchStats().streamsOpened;
    // 0, 100, 200, 400, 800, 1600 ms: at most ~7 in 3 s (plus dial time); without a backoff, hundreds.
    QVERIFY2(opened >= 2 && opened <= 8, qPrintable(QString::number(opened)));
    delete w;
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
