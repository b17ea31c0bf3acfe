// TLS between the client and real etcd members: server verification with our own CA, the failures
// a user meets (unknown CA, wrong CA, missing client certificate, host-name mismatch, TLS against
// plain text and the other way round) with the exact words gRPC gives for each, mutual TLS with
// RSA (PKCS#8 and PKCS#1) and EC keys, the server-name override, and etcdctl interop.
//
// Certificates are made here with the openssl command line, so the test states exactly what each
// certificate contains; a missing openssl fails the test (it must never be skipped silently).

#include "client/etcdclient.h"
#include "support/testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

namespace {

constexpr int kCallTimeoutMs = 2500;
constexpr int kDialTimeoutMs = 1000;
// A failing call may use its whole deadline (unreachable endpoints are retried until then), plus
// the time the client needs to report it.
constexpr int kFailureBudgetMs = kCallTimeoutMs + 1500;

// One certificate and its key, as files.
struct CertFiles
{
    QString cert;
    QString key;
};

// Makes the test PKI with the openssl command line in a private directory.
class Pki
{
public:
    bool create(QString *error);

    CertFiles ca;              // trusted by the members (client certificates) and by our clients
    CertFiles otherCa;         // an unrelated CA: trusts nothing the members present
    CertFiles server;          // signed by ca; IP:127.0.0.1 and DNS:localhost
    CertFiles renamed;         // signed by ca; only DNS:etcd.test (for the server-name override)
    CertFiles rsaClient;       // signed by ca; RSA 2048 key in PKCS#8 ("BEGIN PRIVATE KEY")
    QString rsaClientPkcs1Key; // the same key in PKCS#1 ("BEGIN RSA PRIVATE KEY")
    CertFiles ecClient;        // signed by ca; prime256v1 key in PKCS#8
    QString ecClientSec1Key;   // the same key in SEC 1 ("BEGIN EC PRIVATE KEY"), openssl's traditional form

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    bool openssl(const QStringList &args, QString *error);
    bool makeCa(const QString &name, const QString &subject, CertFiles *out, QString *error);
    bool makeKey(const QString &name, const QStringList &genpkeyOptions, QString *error);
    bool signCert(const QString &name, const QString &keyFile, const QString &subject, const QByteArray &extensions,
                  CertFiles *out, QString *error);

    QTemporaryDir m_dir;
    QString m_openssl;
    int m_serial = 1000;
};

bool Pki::openssl(const QStringList &args, QString *error)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(m_openssl, args);
    if (!p.waitForStarted(10000) || !p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit ||
        p.exitCode() != 0) {
        *error =
            QStringLiteral("openssl %1 failed: %2 %3")
                .arg(args.join(QLatin1Char(' ')), p.errorString(), QString::fromLocal8Bit(p.readAllStandardError()));
        p.kill();
        p.waitForFinished(3000);
        return false;
    }
    return true;
}

bool Pki::makeKey(const QString &name, const QStringList &genpkeyOptions, QString *error)
{
    return openssl(QStringList{QStringLiteral("genpkey")} + genpkeyOptions +
                       QStringList{QStringLiteral("-out"), path(name)},
                   error);
}

bool Pki::makeCa(const QString &name, const QString &subject, CertFiles *out, QString *error)
{
    out->key = path(name + QStringLiteral(".key"));
    out->cert = path(name + QStringLiteral(".crt"));
    // req -x509 takes openssl.cnf's v3_ca extensions: basicConstraints CA:TRUE, key identifiers.
    return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), out->key,
                    QStringLiteral("-out"), out->cert, QStringLiteral("-days"), QStringLiteral("2"),
                    QStringLiteral("-subj"), subject},
                   error);
}

bool Pki::signCert(const QString &name, const QString &keyFile, const QString &subject, const QByteArray &extensions,
                   CertFiles *out, QString *error)
{
    const QString csr = path(name + QStringLiteral(".csr"));
    const QString ext = path(name + QStringLiteral(".ext"));
    QFile extFile(ext);
    if (!extFile.open(QIODevice::WriteOnly) || extFile.write(extensions) != extensions.size()) {
        *error = QStringLiteral("cannot write %1: %2").arg(ext, extFile.errorString());
        return false;
    }
    extFile.close();
    out->key = keyFile;
    out->cert = path(name + QStringLiteral(".crt"));
    return openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), keyFile,
                    QStringLiteral("-subj"), subject, QStringLiteral("-out"), csr},
                   error) &&
           openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr, QStringLiteral("-CA"),
                    ca.cert, QStringLiteral("-CAkey"), ca.key, QStringLiteral("-set_serial"),
                    QString::number(++m_serial), QStringLiteral("-days"), QStringLiteral("2"),
                    QStringLiteral("-extfile"), ext, QStringLiteral("-out"), out->cert},
                   error);
}

bool Pki::create(QString *error)
{
    m_openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (m_openssl.isEmpty()) {
        *error = QStringLiteral("openssl not found on PATH; the TLS tests make their certificates with it. "
                                "Install it with: sudo apt-get install openssl");
        return false;
    }
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary directory: %1").arg(m_dir.errorString());
        return false;
    }
    rsaClientPkcs1Key = path(QStringLiteral("client-rsa-pkcs1.key"));
    ecClientSec1Key = path(QStringLiteral("client-ec-sec1.key"));
    const QStringList rsa{QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
                          QStringLiteral("rsa_keygen_bits:2048")};
    const QStringList ec{QStringLiteral("-algorithm"), QStringLiteral("EC"), QStringLiteral("-pkeyopt"),
                         QStringLiteral("ec_paramgen_curve:prime256v1")};
    // Server certificates also allow clientAuth: etcd's gRPC gateway dials its own port with the
    // server certificate, which a member with --client-cert-auth checks like any client's.
    const QByteArray serverUsage = "basicConstraints=critical,CA:FALSE\n"
                                   "keyUsage=critical,digitalSignature,keyEncipherment\n"
                                   "extendedKeyUsage=serverAuth,clientAuth\n";
    const QByteArray clientUsage = "basicConstraints=critical,CA:FALSE\n"
                                   "keyUsage=critical,digitalSignature,keyEncipherment\n"
                                   "extendedKeyUsage=clientAuth\n";
    return makeCa(QStringLiteral("ca"), QStringLiteral("/CN=etcd-console test CA"), &ca, error) &&
           makeCa(QStringLiteral("other-ca"), QStringLiteral("/CN=unrelated test CA"), &otherCa, error) &&
           makeKey(QStringLiteral("server.key"), rsa, error) &&
           signCert(QStringLiteral("server"), path(QStringLiteral("server.key")),
                    QStringLiteral("/CN=etcd-console test server"),
                    serverUsage + "subjectAltName=IP:127.0.0.1,DNS:localhost\n", &server, error) &&
           makeKey(QStringLiteral("renamed.key"), rsa, error) &&
           signCert(QStringLiteral("renamed"), path(QStringLiteral("renamed.key")), QStringLiteral("/CN=etcd.test"),
                    serverUsage + "subjectAltName=DNS:etcd.test\n", &renamed, error) &&
           makeKey(QStringLiteral("client-rsa.key"), rsa, error) &&
           openssl({QStringLiteral("pkey"), QStringLiteral("-in"), path(QStringLiteral("client-rsa.key")),
                    QStringLiteral("-traditional"), QStringLiteral("-out"), rsaClientPkcs1Key},
                   error) &&
           signCert(QStringLiteral("client-rsa"), path(QStringLiteral("client-rsa.key")),
                    QStringLiteral("/CN=etcd-console rsa client"), clientUsage, &rsaClient, error) &&
           makeKey(QStringLiteral("client-ec.key"), ec, error) &&
           openssl({QStringLiteral("pkey"), QStringLiteral("-in"), path(QStringLiteral("client-ec.key")),
                    QStringLiteral("-traditional"), QStringLiteral("-out"), ecClientSec1Key},
                   error) &&
           signCert(QStringLiteral("client-ec"), path(QStringLiteral("client-ec.key")),
                    QStringLiteral("/CN=etcd-console ec client"),
                    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                    "extendedKeyUsage=clientAuth\n",
                    &ecClient, error);
}

QByteArray firstLine(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readLine().trimmed() : QByteArray();
}

struct CallOutcome
{
    bool ok = false;
    bool finished = false;
    EtcdError error;
    qint64 elapsedMs = 0;
};

// One get through a fresh client, timed; the error is printed for whoever maps them to words.
CallOutcome getOnce(const ConnectionOptions &options, const char *label)
{
    EtcdClient client(options);
    QElapsedTimer timer;
    timer.start();
    const auto future = client.kv().get("/tls/probe");
    CallOutcome outcome;
    outcome.finished = waitFor(future, options.callTimeoutMs + 15000);
    outcome.elapsedMs = timer.elapsed();
    if (!outcome.finished)
        return outcome;
    const auto result = future.result();
    outcome.ok = result.ok();
    outcome.error = result.error();
    if (!outcome.ok)
        qInfo("%s: after %lld ms\n    code: %s\n    gRPC message: %s\n    toString(): %s", label, outcome.elapsedMs,
              qPrintable(EtcdError::codeName(outcome.error.code())), qPrintable(outcome.error.message()),
              qPrintable(outcome.error.toString()));
    return outcome;
}

} // namespace

// A call that must fail: in time, as UNAVAILABLE from the transport, with gRPC's words containing
// `expected` (so a change of wording in a new gRPC shows up here before it reaches users).
#define VERIFY_FAILS(outcome, expected)                                                                                \
    do {                                                                                                               \
        QVERIFY2((outcome).finished, "the call did not finish");                                                       \
        QVERIFY2(!(outcome).ok, "the call succeeded although it must not");                                            \
        QVERIFY2((outcome).elapsedMs < kFailureBudgetMs, qPrintable(QString::number((outcome).elapsedMs)));            \
        QCOMPARE((outcome).error.code(), ErrorCode::Unavailable);                                                      \
        QCOMPARE((outcome).error.origin(), EtcdError::Origin::Transport);                                              \
        QVERIFY2((outcome).error.message().contains(QLatin1String(expected)), qPrintable((outcome).error.message()));  \
    } while (false)

class TestTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void caFileVerifiesServerPutGetAndWatch();
    void httpsWithoutCaFailsAsUnknownCa();
    void wrongCaFails();
    void plaintextClientToTlsPortFails();
    void tlsClientToPlainClusterFails();
    void mutualTlsWithoutClientCertFails();
    void mutualTlsWithClientCert_data();
    void mutualTlsWithClientCert();
    void serverNameOverride();
    void etcdctlReadsWhatWeWrote();
    void etcdctlWithClientCertReadsWhatWeWrote();

private:
    std::unique_ptr<LocalCluster> startTlsCluster(const CertFiles &server, bool clientCertAuth) const;
    ConnectionOptions options(const LocalCluster &cluster) const;

    Pki m_pki;
    std::unique_ptr<LocalCluster> m_tls;  // server TLS only
    std::unique_ptr<LocalCluster> m_mtls; // --client-cert-auth with our CA
};

std::unique_ptr<LocalCluster> TestTls::startTlsCluster(const CertFiles &server, bool clientCertAuth) const
{
    LocalClusterOptions o;
    LocalClusterTls tls;
    tls.certFile = server.cert;
    tls.keyFile = server.key;
    if (clientCertAuth) {
        tls.trustedCaFile = m_pki.ca.cert;
        tls.clientCertAuth = true;
    }
    o.clientTls = tls;
    auto cluster = std::make_unique<LocalCluster>(o);
    QString error;
    if (!cluster->startAndWait(&error)) {
        QTest::qFail(qPrintable(QStringLiteral("TLS sandbox did not start: ") + error), __FILE__, __LINE__);
        return nullptr;
    }
    return cluster;
}

ConnectionOptions TestTls::options(const LocalCluster &cluster) const
{
    ConnectionOptions o = optionsFor(cluster);
    o.callTimeoutMs = kCallTimeoutMs;
    o.dialTimeoutMs = kDialTimeoutMs;
    return o;
}

void TestTls::initTestCase()
{
    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY2(m_pki.create(&error), qPrintable(error));
    // The key forms under test really are what the names say.
    QCOMPARE(firstLine(m_pki.rsaClient.key), QByteArray("-----BEGIN PRIVATE KEY-----"));
    QCOMPARE(firstLine(m_pki.rsaClientPkcs1Key), QByteArray("-----BEGIN RSA PRIVATE KEY-----"));
    QCOMPARE(firstLine(m_pki.ecClient.key), QByteArray("-----BEGIN PRIVATE KEY-----"));
    QCOMPARE(firstLine(m_pki.ecClientSec1Key), QByteArray("-----BEGIN EC PRIVATE KEY-----"));
    qInfo("certificates made in %lld ms", timer.elapsed());
    if (Etcdctl::binary(&error).isEmpty())
        QFAIL(qPrintable(error));

    m_tls = startTlsCluster(m_pki.server, false);
    QVERIFY(m_tls);
    m_mtls = startTlsCluster(m_pki.server, true);
    QVERIFY(m_mtls);
    QVERIFY(m_tls->clientEndpoint(0).startsWith(QLatin1String("https://127.0.0.1:")));
}

void TestTls::cleanupTestCase()
{
    m_tls.reset();
    m_mtls.reset();
}

void TestTls::caFileVerifiesServerPutGetAndWatch()
{
    ConnectionOptions o = options(*m_tls);
    o.tls.caFile = m_pki.ca.cert;
    EtcdClient client(o);
    QVERIFY_OK(resultOf(client.kv().put("/tls/hello", "over tls")));
    const auto got = resultOf(client.kv().get("/tls/hello"));
    QVERIFY_OK(got);
    QCOMPARE(got->kvs.size(), 1);
    QCOMPARE(got->kvs.at(0).value, QByteArray("over tls"));

    // The watch stream is a long-lived bidirectional stream on the same TLS channel.
    std::unique_ptr<Watcher> watcher(client.watch(WatchOptions::single("/tls/watched")));
    QSignalSpy created(watcher.get(), &Watcher::created);
    WatchEvents seen;
    connect(watcher.get(), &Watcher::events, this, [&seen](const WatchEvents &batch) { seen += batch; });
    QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 10000);
    QVERIFY_OK(resultOf(client.kv().put("/tls/watched", "seen")));
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, 10000);
    QCOMPARE(seen.at(0).type, WatchEvent::Put);
    QCOMPARE(seen.at(0).kv.value, QByteArray("seen"));
    // The member's plain-http metrics listener sees the watch, although its client port is TLS only.
    QVERIFY(etcdMetric(*m_tls, 0, "etcd_debugging_mvcc_watcher_total") >= 1.0);
}

void TestTls::httpsWithoutCaFailsAsUnknownCa()
{
    // https:// alone switches TLS on; the system trust store does not know our CA.
    const ConnectionOptions o = options(*m_tls);
    QVERIFY(o.endpoints.at(0).startsWith(QLatin1String("https://")));
    QVERIFY(o.tls.caFile.isEmpty() && !o.tls.enabled);
    const CallOutcome outcome = getOnce(o, "https:// without a CA file (unknown CA)");
    VERIFY_FAILS(outcome, "certificate verify failed");
    QVERIFY(outcome.error.toString().startsWith(QLatin1String("etcd's TLS certificate is not trusted")));
}

void TestTls::wrongCaFails()
{
    ConnectionOptions o = options(*m_tls);
    o.tls.caFile = m_pki.otherCa.cert;
    const CallOutcome outcome = getOnce(o, "an unrelated CA file");
    VERIFY_FAILS(outcome, "certificate verify failed");
    QVERIFY(outcome.error.toString().startsWith(QLatin1String("etcd's TLS certificate is not trusted")));
}

void TestTls::plaintextClientToTlsPortFails()
{
    ConnectionOptions o = options(*m_tls);
    o.endpoints = {QStringLiteral("http://") + ConnectionOptions::normalizeEndpoint(m_tls->clientEndpoint(0))};
    const CallOutcome outcome = getOnce(o, "plain text to a TLS port");
    VERIFY_FAILS(outcome, "failed to connect to all addresses");
}

void TestTls::tlsClientToPlainClusterFails()
{
    START_CLUSTER(plain, 1);
    ConnectionOptions o = options(*plain);
    o.endpoints = {QStringLiteral("https://") + plain->clientEndpoint(0)};
    o.tls.caFile = m_pki.ca.cert;
    const CallOutcome outcome = getOnce(o, "TLS to a plain-text port");
    VERIFY_FAILS(outcome, "failed to connect to all addresses");
}

void TestTls::mutualTlsWithoutClientCertFails()
{
    ConnectionOptions o = options(*m_mtls);
    o.tls.caFile = m_pki.ca.cert;
    const CallOutcome outcome = getOnce(o, "mutual TLS without a client certificate");
    VERIFY_FAILS(outcome, "failed to connect to all addresses");
}

void TestTls::mutualTlsWithClientCert_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::newRow("RSA, PKCS#8 key") << m_pki.rsaClient.cert << m_pki.rsaClient.key;
    QTest::newRow("RSA, PKCS#1 key") << m_pki.rsaClient.cert << m_pki.rsaClientPkcs1Key;
    QTest::newRow("EC P-256, PKCS#8 key") << m_pki.ecClient.cert << m_pki.ecClient.key;
    QTest::newRow("EC P-256, SEC 1 key") << m_pki.ecClient.cert << m_pki.ecClientSec1Key;
}

void TestTls::mutualTlsWithClientCert()
{
    QFETCH(QString, cert);
    QFETCH(QString, key);
    ConnectionOptions o = options(*m_mtls);
    o.tls.caFile = m_pki.ca.cert;
    o.tls.certFile = cert;
    o.tls.keyFile = key;
    EtcdClient client(o);
    const QByteArray value = QTest::currentDataTag();
    QVERIFY_OK(resultOf(client.kv().put("/tls/mutual", value)));
    const auto got = resultOf(client.kv().get("/tls/mutual"));
    QVERIFY_OK(got);
    QCOMPARE(got->kvs.at(0).value, value);
}

void TestTls::serverNameOverride()
{
    // The certificate names only etcd.test; the endpoint is an IP address.
    auto renamed = startTlsCluster(m_pki.renamed, false);
    QVERIFY(renamed);
    ConnectionOptions o = options(*renamed);
    o.tls.caFile = m_pki.ca.cert;
    const CallOutcome mismatch = getOnce(o, "server certificate for another name (no override)");
    VERIFY_FAILS(mismatch, "Peer name 127.0.0.1 is not in peer certificate");
    QVERIFY(
        mismatch.error.toString().startsWith(QLatin1String("etcd's TLS certificate is not valid for the host name")));

    o.tls.serverNameOverride = QStringLiteral("etcd.test");
    EtcdClient client(o);
    QVERIFY_OK(resultOf(client.kv().put("/tls/renamed", "1")));
    QVERIFY_OK(resultOf(client.kv().get("/tls/renamed")));
}

void TestTls::etcdctlReadsWhatWeWrote()
{
    ConnectionOptions o = options(*m_tls);
    o.tls.caFile = m_pki.ca.cert;
    EtcdClient client(o);
    QVERIFY_OK(resultOf(client.kv().put("/tls/interop", "from etcd console")));

    const Etcdctl ctl(m_tls->clientEndpoints(), {QStringLiteral("--cacert=") + m_pki.ca.cert});
    const auto get =
        ctl.run({QStringLiteral("get"), QStringLiteral("/tls/interop"), QStringLiteral("--print-value-only")});
    QVERIFY2(get.ok(), get.describe());
    QCOMPARE(get.out.trimmed(), QByteArray("from etcd console"));

    // And the other way round.
    const auto put = ctl.run({QStringLiteral("put"), QStringLiteral("/tls/from-etcdctl"), QStringLiteral("hi")});
    QVERIFY2(put.ok(), put.describe());
    const auto got = resultOf(client.kv().get("/tls/from-etcdctl"));
    QVERIFY_OK(got);
    QCOMPARE(got->kvs.at(0).value, QByteArray("hi"));
}

void TestTls::etcdctlWithClientCertReadsWhatWeWrote()
{
    ConnectionOptions o = options(*m_mtls);
    o.tls.caFile = m_pki.ca.cert;
    o.tls.certFile = m_pki.ecClient.cert;
    o.tls.keyFile = m_pki.ecClient.key;
    EtcdClient client(o);
    QVERIFY_OK(resultOf(client.kv().put("/tls/interop-mutual", "mutual")));

    const Etcdctl ctl(m_mtls->clientEndpoints(),
                      {QStringLiteral("--cacert=") + m_pki.ca.cert, QStringLiteral("--cert=") + m_pki.rsaClient.cert,
                       QStringLiteral("--key=") + m_pki.rsaClient.key});
    const auto get =
        ctl.run({QStringLiteral("get"), QStringLiteral("/tls/interop-mutual"), QStringLiteral("--print-value-only")});
    QVERIFY2(get.ok(), get.describe());
    QCOMPARE(get.out.trimmed(), QByteArray("mutual"));
}

QTEST_GUILESS_MAIN(TestTls)

#include "tst_tls.moc"
