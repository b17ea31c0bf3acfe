// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// TLS between the client and real etcd members: server verification with our own CA, the failures
// a user meets (unknown CA, wrong CA, expired server certificate, missing, expired or untrusted
// client certificate, a key that is not the certificate's, host-name mismatch, TLS against plain
// text and the other way round) with the exact words gRPC gives for each and the distinct words the
// client turns them into, mutual TLS with RSA (PKCS#8 and PKCS#1) and EC keys, the server-name
// override, skipping verification (etcdctl --insecure-skip-tls-verify), and etcdctl interop.
//
// Certificates are made here with the openssl command line, so the test states exactly what each
// certificate contains; a missing openssl fails the test (it must never be skipped silently).

#include "client/commandline.h"
#include "client/etcdclient.h"
#include "support/testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
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
    CertFiles expiredServer;   // signed by ca, IP:127.0.0.1, but its validity ended yesterday
    CertFiles expiredClient;   // signed by ca for client auth, validity ended yesterday (RSA key of rsaClient)
    CertFiles strangerClient;  // a client certificate signed by otherCa (RSA key of rsaClient)
    QString encryptedKey;      // rsaClient's key protected by a pass phrase

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    bool openssl(const QStringList &args, QString *error);
    bool makeCa(const QString &name, const QString &subject, CertFiles *out, QString *error);
    bool makeKey(const QString &name, const QStringList &genpkeyOptions, QString *error);
    bool signCert(const QString &name, const QString &keyFile, const QString &subject, const QByteArray &extensions,
                  CertFiles *out, QString *error, const CertFiles *issuer = nullptr, int days = 2);

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

// `days` -1 makes a certificate that expired a day before it was made (openssl 3.0 has no
// -not_after; a negative -days puts notAfter before notBefore, which every verifier calls expired).
bool Pki::signCert(const QString &name, const QString &keyFile, const QString &subject, const QByteArray &extensions,
                   CertFiles *out, QString *error, const CertFiles *issuer, int days)
{
    if (!issuer)
        issuer = &ca;
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
                    issuer->cert, QStringLiteral("-CAkey"), issuer->key, QStringLiteral("-set_serial"),
                    QString::number(++m_serial), QStringLiteral("-days"), QString::number(days),
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
    encryptedKey = path(QStringLiteral("client-rsa-encrypted.key"));
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
                    &ecClient, error) &&
           signCert(QStringLiteral("server-expired"), path(QStringLiteral("server.key")),
                    QStringLiteral("/CN=etcd-console expired server"),
                    serverUsage + "subjectAltName=IP:127.0.0.1,DNS:localhost\n", &expiredServer, error, &ca, -1) &&
           signCert(QStringLiteral("client-expired"), path(QStringLiteral("client-rsa.key")),
                    QStringLiteral("/CN=etcd-console expired client"), clientUsage, &expiredClient, error, &ca, -1) &&
           signCert(QStringLiteral("client-stranger"), path(QStringLiteral("client-rsa.key")),
                    QStringLiteral("/CN=etcd-console stranger client"), clientUsage, &strangerClient, error,
                    &otherCa) &&
           openssl({QStringLiteral("pkey"), QStringLiteral("-in"), path(QStringLiteral("client-rsa.key")),
                    QStringLiteral("-aes256"), QStringLiteral("-passout"), QStringLiteral("pass:secret-phrase"),
                    QStringLiteral("-out"), encryptedKey},
                   error);
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

// ... and the client's words for it (what toString() leads with) contain `words`. A diagnosed TLS
// mismatch cannot heal by retrying, so the call ends well before its deadline.
#define VERIFY_SAYS(outcome, words)                                                                                    \
    do {                                                                                                               \
        const QString said = (outcome).error.toString();                                                               \
        QVERIFY2(said.contains(QString(words)), qPrintable(said));                                                     \
        QVERIFY2((outcome).error.isTlsFailure(), qPrintable(said));                                                    \
        QVERIFY2((outcome).elapsedMs < kCallTimeoutMs, qPrintable(QString::number((outcome).elapsedMs)));              \
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
    void expiredServerCertificateFails();
    void clientCertificateRefused_data();
    void clientCertificateRefused();
    void unusableFilesFailBeforeConnecting_data();
    void unusableFilesFailBeforeConnecting();
    void skipVerifyAcceptsAnyServerCertificate();
    void skipVerifyFlagIsRead();
    void everyFailureHasItsOwnWords();
    void etcdctlReadsWhatWeWrote();
    void etcdctlWithClientCertReadsWhatWeWrote();

private:
    std::unique_ptr<LocalCluster> startTlsCluster(const CertFiles &server, bool clientCertAuth) const;
    ConnectionOptions options(const LocalCluster &cluster) const;
    // The words a failure reaches the user with, minus what differs between runs (ports, paths),
    // for the check that no two failure modes read alike.
    void remember(const QString &mode, const EtcdError &error);

    Pki m_pki;
    std::unique_ptr<LocalCluster> m_tls;     // server TLS only
    std::unique_ptr<LocalCluster> m_mtls;    // --client-cert-auth with our CA
    std::unique_ptr<LocalCluster> m_expired; // server TLS with an expired certificate
    QMap<QString, QString> m_headlines;      // failure mode -> its words
    QString m_pkiDir;
};

void TestTls::remember(const QString &mode, const EtcdError &error)
{
    QString words = error.explanation().isEmpty() ? error.message() : error.explanation();
    words.replace(QRegularExpression(QStringLiteral("127\\.0\\.0\\.1:\\d+")), QStringLiteral("<endpoint>"));
    words.replace(m_pkiDir, QStringLiteral("<pki>"));
    m_headlines.insert(mode, words);
}

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
    m_expired = startTlsCluster(m_pki.expiredServer, false);
    QVERIFY(m_expired);
    m_pkiDir = QFileInfo(m_pki.ca.cert).absolutePath();
    QVERIFY(m_tls->clientEndpoint(0).startsWith(QLatin1String("https://127.0.0.1:")));
}

void TestTls::cleanupTestCase()
{
    m_tls.reset();
    m_mtls.reset();
    m_expired.reset();
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
    VERIFY_SAYS(outcome, "its issuer \"etcd-console test CA\" is not a CA this system trusts");
    remember(QStringLiteral("unknown CA (system trust store)"), outcome.error);
}

void TestTls::wrongCaFails()
{
    ConnectionOptions o = options(*m_tls);
    o.tls.caFile = m_pki.otherCa.cert;
    const CallOutcome outcome = getOnce(o, "an unrelated CA file");
    VERIFY_FAILS(outcome, "certificate verify failed");
    QVERIFY(outcome.error.toString().startsWith(QLatin1String("etcd's TLS certificate is not trusted")));
    VERIFY_SAYS(outcome, "its issuer \"etcd-console test CA\" is not in the CA file " + m_pki.otherCa.cert);
    remember(QStringLiteral("unknown CA (CA file)"), outcome.error);
}

void TestTls::plaintextClientToTlsPortFails()
{
    ConnectionOptions o = options(*m_tls);
    o.endpoints = {QStringLiteral("http://") + ConnectionOptions::normalizeEndpoint(m_tls->clientEndpoint(0))};
    const CallOutcome outcome = getOnce(o, "plain text to a TLS port");
    VERIFY_FAILS(outcome, "failed to connect to all addresses");
    // gRPC says only "Socket closed"; the client asked the port and found it speaks TLS.
    VERIFY_SAYS(outcome, ConnectionOptions::normalizeEndpoint(o.endpoints.at(0)) +
                             " expects TLS, but this connection is plain text: connect with https://");
    remember(QStringLiteral("plain text to a TLS port"), outcome.error);
}

void TestTls::tlsClientToPlainClusterFails()
{
    START_CLUSTER(plain, 1);
    ConnectionOptions o = options(*plain);
    o.endpoints = {QStringLiteral("https://") + plain->clientEndpoint(0)};
    o.tls.caFile = m_pki.ca.cert;
    const CallOutcome outcome = getOnce(o, "TLS to a plain-text port");
    VERIFY_FAILS(outcome, "failed to connect to all addresses");
    VERIFY_SAYS(outcome, plain->clientEndpoint(0) + " speaks plain text, not TLS: connect with http://");
    remember(QStringLiteral("TLS to a plain-text port"), outcome.error);
}

void TestTls::mutualTlsWithoutClientCertFails()
{
    ConnectionOptions o = options(*m_mtls);
    o.tls.caFile = m_pki.ca.cert;
    const CallOutcome outcome = getOnce(o, "mutual TLS without a client certificate");
    VERIFY_FAILS(outcome, "failed to connect to all addresses");
    VERIFY_SAYS(outcome, "etcd requires a client certificate (mutual TLS): give one with its key (--cert and --key)");
    remember(QStringLiteral("no client certificate for mutual TLS"), outcome.error);
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
    VERIFY_SAYS(mismatch, "is not valid for the host name 127.0.0.1 (it names etcd.test)");
    remember(QStringLiteral("host name mismatch"), mismatch.error);

    o.tls.serverNameOverride = QStringLiteral("etcd.test");
    {
        EtcdClient client(o);
        QVERIFY_OK(resultOf(client.kv().put("/tls/renamed", "1")));
        QVERIFY_OK(resultOf(client.kv().get("/tls/renamed")));
    }
    // An override that does not match either fails with the name it tried.
    o.tls.serverNameOverride = QStringLiteral("other.test");
    const CallOutcome wrongOverride = getOnce(o, "a server-name override the certificate does not name");
    VERIFY_FAILS(wrongOverride, "is not in peer certificate");
    VERIFY_SAYS(wrongOverride, "is not valid for the host name other.test (it names etcd.test)");

    // Skipping verification skips the name check too.
    o.tls.serverNameOverride.clear();
    o.tls.insecureSkipVerify = true;
    EtcdClient unverified(o);
    QVERIFY_OK(resultOf(unverified.kv().get("/tls/renamed")));
}

void TestTls::expiredServerCertificateFails()
{
    // gRPC (OpenSSL) says "certificate verify failed", as for an unknown CA: the client tells them apart.
    ConnectionOptions o = options(*m_expired);
    o.tls.caFile = m_pki.ca.cert;
    const CallOutcome outcome = getOnce(o, "an expired server certificate");
    VERIFY_FAILS(outcome, "certificate verify failed");
    QVERIFY2(outcome.error.toString().startsWith(QLatin1String("etcd's TLS certificate expired on ")),
             qPrintable(outcome.error.toString()));
    VERIFY_SAYS(outcome, "the cluster needs a renewed certificate");
    remember(QStringLiteral("expired server certificate"), outcome.error);
}

void TestTls::clientCertificateRefused_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("words");
    QTest::newRow("expired")
        << m_pki.expiredClient.cert
        << QStringLiteral("etcd refused the client certificate %1: it expired on ").arg(m_pki.expiredClient.cert);
    QTest::newRow("from an unrelated CA")
        << m_pki.strangerClient.cert
        << QStringLiteral("etcd refused the client certificate %1 (TLS alert \"bad certificate\"): etcd does not "
                          "trust its issuer \"unrelated test CA\"")
               .arg(m_pki.strangerClient.cert);
}

void TestTls::clientCertificateRefused()
{
    QFETCH(QString, cert);
    QFETCH(QString, words);
    ConnectionOptions o = options(*m_mtls);
    o.tls.caFile = m_pki.ca.cert;
    o.tls.certFile = cert;
    o.tls.keyFile = m_pki.rsaClient.key; // both certificates were made for this key
    const CallOutcome outcome = getOnce(o, QTest::currentDataTag());
    QVERIFY(outcome.finished && !outcome.ok);
    QCOMPARE(outcome.error.code(), ErrorCode::Unavailable);
    VERIFY_SAYS(outcome, words);
    remember(QStringLiteral("client certificate refused: ") + QLatin1String(QTest::currentDataTag()), outcome.error);
}

void TestTls::unusableFilesFailBeforeConnecting_data()
{
    QTest::addColumn<QString>("ca");
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("words");
    const Pki &p = m_pki;
    QTest::newRow("key of another certificate")
        << p.ca.cert << p.rsaClient.cert << p.ecClient.key
        << QStringLiteral("the client key %1 does not belong to the client certificate %2 (their public keys differ)")
               .arg(p.ecClient.key, p.rsaClient.cert);
    QTest::newRow("RSA PKCS#1 key of another certificate")
        << p.ca.cert << p.ecClient.cert << p.rsaClientPkcs1Key
        << QStringLiteral("the client key %1 does not belong to the client certificate %2")
               .arg(p.rsaClientPkcs1Key, p.ecClient.cert);
    QTest::newRow("certificate and key swapped")
        << p.ca.cert << p.rsaClient.key << p.rsaClient.cert
        << QStringLiteral("the client certificate file %1 holds a private key, not a certificate (were --cert and "
                          "--key swapped?)")
               .arg(p.rsaClient.key);
    QTest::newRow("certificate given as key")
        << p.ca.cert << p.rsaClient.cert << p.rsaClient.cert
        << QStringLiteral("the client key file %1 holds a certificate, not a private key").arg(p.rsaClient.cert);
    QTest::newRow("key with a pass phrase")
        << p.ca.cert << p.rsaClient.cert << p.encryptedKey
        << QStringLiteral("the client key %1 is protected by a pass phrase").arg(p.encryptedKey);
    QTest::newRow("CA file without a certificate")
        << p.rsaClient.key << QString() << QString()
        << QStringLiteral("the CA file %1 holds no PEM certificate").arg(p.rsaClient.key);
    QTest::newRow("missing key file") << p.ca.cert << p.rsaClient.cert << p.rsaClient.key + QStringLiteral(".gone")
                                      << QStringLiteral("cannot read the client key file %1.gone").arg(p.rsaClient.key);
}

void TestTls::unusableFilesFailBeforeConnecting()
{
    QFETCH(QString, ca);
    QFETCH(QString, cert);
    QFETCH(QString, key);
    QFETCH(QString, words);
    ConnectionOptions o = options(*m_mtls);
    o.tls.caFile = ca;
    o.tls.certFile = cert;
    o.tls.keyFile = key;
    const CallOutcome outcome = getOnce(o, QTest::currentDataTag());
    QVERIFY(outcome.finished && !outcome.ok);
    // Decided by the client from the files alone: nothing was sent, no time spent.
    QCOMPARE(outcome.error.code(), ErrorCode::InvalidArgument);
    QCOMPARE(outcome.error.origin(), EtcdError::Origin::Client);
    QVERIFY2(outcome.error.toString().startsWith(words), qPrintable(outcome.error.toString()));
    QVERIFY2(outcome.elapsedMs < 1000, qPrintable(QString::number(outcome.elapsedMs)));
    QVERIFY(!outcome.error.toString().contains(QLatin1String("secret-phrase")));
    remember(QStringLiteral("unusable files: ") + QLatin1String(QTest::currentDataTag()), outcome.error);
}

void TestTls::skipVerifyAcceptsAnyServerCertificate()
{
    // Unknown CA (none given, or the wrong one), an expired certificate: all accepted, still over TLS.
    for (LocalCluster *cluster : {m_tls.get(), m_expired.get()}) {
        for (const QString &ca : {QString(), m_pki.otherCa.cert}) {
            ConnectionOptions o = options(*cluster);
            o.tls.caFile = ca;
            o.tls.insecureSkipVerify = true;
            EtcdClient client(o);
            QVERIFY_OK(resultOf(client.kv().put("/tls/unverified", "accepted")));
            const auto got = resultOf(client.kv().get("/tls/unverified"));
            QVERIFY_OK(got);
            QCOMPARE(got->kvs.at(0).value, QByteArray("accepted"));
        }
    }
    // An endpoint without https:// is TLS too once verification is skipped (as with etcdctl).
    ConnectionOptions bare = options(*m_tls);
    bare.endpoints = {ConnectionOptions::normalizeEndpoint(m_tls->clientEndpoint(0))};
    bare.tls.insecureSkipVerify = true;
    {
        EtcdClient client(bare);
        QVERIFY_OK(resultOf(client.kv().get("/tls/unverified")));
    }

    // Mutual TLS: the client certificate still goes along, and is still required.
    ConnectionOptions mutual = options(*m_mtls);
    mutual.tls.insecureSkipVerify = true;
    mutual.tls.certFile = m_pki.ecClient.cert;
    mutual.tls.keyFile = m_pki.ecClientSec1Key;
    {
        EtcdClient client(mutual);
        QVERIFY_OK(resultOf(client.kv().put("/tls/unverified-mutual", "1")));
    }
    mutual.tls.certFile.clear();
    mutual.tls.keyFile.clear();
    const CallOutcome noCert = getOnce(mutual, "skip verification, mutual TLS without a client certificate");
    VERIFY_FAILS(noCert, "failed to connect to all addresses");
    VERIFY_SAYS(noCert, "etcd requires a client certificate (mutual TLS)");

    // Skipping verification never means plain text: a plain-text port still refuses.
    START_CLUSTER(plain, 1);
    ConnectionOptions toPlain = options(*plain);
    toPlain.tls.insecureSkipVerify = true;
    const CallOutcome plainOutcome = getOnce(toPlain, "skip verification against a plain-text port");
    VERIFY_FAILS(plainOutcome, "failed to connect to all addresses");
    VERIFY_SAYS(plainOutcome, "speaks plain text, not TLS");
}

void TestTls::skipVerifyFlagIsRead()
{
    // etcdctl's flag and environment variable.
    const auto read = [](const QStringList &args, const QProcessEnvironment &env, ConnectionOptions *out) {
        QCommandLineParser parser;
        ConnectionCommandLine::addOptions(parser);
        QString error;
        return parser.parse(QStringList{QStringLiteral("etcd-console")} + args) &&
               ConnectionCommandLine::read(parser, env, out, &error);
    };
    const QProcessEnvironment empty;
    ConnectionOptions o;
    QVERIFY(read({QStringLiteral("--endpoints=127.0.0.1:2379")}, empty, &o));
    QVERIFY(!o.tls.insecureSkipVerify);
    QVERIFY(
        read({QStringLiteral("--endpoints=127.0.0.1:2379"), QStringLiteral("--insecure-skip-tls-verify")}, empty, &o));
    QVERIFY(o.tls.insecureSkipVerify);
    QProcessEnvironment env;
    env.insert(QStringLiteral("ETCDCTL_INSECURE_SKIP_TLS_VERIFY"), QStringLiteral("true"));
    QVERIFY(read({QStringLiteral("--endpoints=127.0.0.1:2379")}, env, &o));
    QVERIFY(o.tls.insecureSkipVerify);
    env.insert(QStringLiteral("ETCDCTL_INSECURE_SKIP_TLS_VERIFY"), QStringLiteral("false"));
    QVERIFY(read({QStringLiteral("--endpoints=127.0.0.1:2379")}, env, &o));
    QVERIFY(!o.tls.insecureSkipVerify);
}

void TestTls::everyFailureHasItsOwnWords()
{
    // Every failure mode above left its words here; no two may read alike, or the user cannot tell
    // which one happened.
    const QStringList expected{
        QStringLiteral("unknown CA (system trust store)"),
        QStringLiteral("unknown CA (CA file)"),
        QStringLiteral("plain text to a TLS port"),
        QStringLiteral("TLS to a plain-text port"),
        QStringLiteral("no client certificate for mutual TLS"),
        QStringLiteral("host name mismatch"),
        QStringLiteral("expired server certificate"),
        QStringLiteral("client certificate refused: expired"),
        QStringLiteral("client certificate refused: from an unrelated CA"),
        QStringLiteral("unusable files: key of another certificate"),
        QStringLiteral("unusable files: certificate and key swapped"),
        QStringLiteral("unusable files: key with a pass phrase"),
    };
    for (const QString &mode : expected)
        QVERIFY2(m_headlines.contains(mode), qPrintable(mode + QStringLiteral(" was not recorded")));
    const QStringList modes = m_headlines.keys();
    for (int i = 0; i < modes.size(); ++i) {
        qInfo("%s: %s", qPrintable(modes.at(i)), qPrintable(m_headlines.value(modes.at(i))));
        for (int j = i + 1; j < modes.size(); ++j)
            QVERIFY2(m_headlines.value(modes.at(i)) != m_headlines.value(modes.at(j)),
                     qPrintable(modes.at(i) + QStringLiteral(" and ") + modes.at(j) + QStringLiteral(" read alike")));
    }
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
