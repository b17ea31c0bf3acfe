// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "sandbox/healthpoller.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace etcd {

class FaultNetwork;
class MemberProcess;
class SandboxGuard;

// TLS on the members' client ports. Peer traffic stays plain http: it never leaves the loopback
// interface, and the point of this is testing (and demonstrating) TLS between clients and etcd.
struct LocalClusterTls
{
    QString certFile;            // server certificate (PEM), --cert-file
    QString keyFile;             // its private key, --key-file
    QString trustedCaFile;       // CA that client certificates must chain to, --trusted-ca-file
    bool clientCertAuth = false; // --client-cert-auth: refuse clients without a certificate from trustedCaFile
};

struct LocalClusterOptions
{
    int members = 1;          // any N >= 1; 1 and 3 are the tested shapes
    bool fastTimings = false; // --heartbeat-interval 50 --election-timeout 500 (a 1 s lease TTL is granted as 1 s)
    QStringList extraArgs;    // appended to every member's command line (e.g. --auth-token-ttl 2)
    QString etcdBinary;       // empty: find "etcd" on PATH
    QString baseDir;          // parent of the sandbox dir; empty: QDir::tempPath()
    int startTimeoutMs = 30000;
    std::optional<LocalClusterTls> clientTls; // set: client ports speak https only
    // Route the members' peer traffic through a FaultNetwork (faultNetwork()): members listen on
    // their own peer port and advertise a proxy's, so links can be cut, slowed or made to stall.
    bool faultNetwork = false;
};

// Real etcd members as child processes on free loopback ports, in a private temp dir. It is both
// the test fixture and the app's sandbox (`etcd-console --sandbox 3`).
//
// Teardown is guaranteed even if the owning process crashes: every member is SIGKILLed by the
// kernel when the spawning thread dies (PR_SET_PDEATHSIG), a guard process removes the dir, and
// stale dirs of dead processes are swept on the next start. Because PDEATHSIG is tied to the
// *thread* that spawned the members, a LocalCluster must live on a thread that outlives it (the
// main thread, in practice); otherwise members die when that thread exits.
//
// Every member also has a plain-http metrics listener (/health and /metrics) on a port of its own:
// health is probed there, so probing works the same whether the client port speaks TLS or not.
//
// start() never blocks the caller's event loop; the blocking calls (startAndWait, kill, stop,
// restart, waitHealthy) have bounded waits, and the ones that wait for health spin a local event
// loop. The destructor never hangs.
class LocalCluster : public QObject
{
    Q_OBJECT
public:
    enum class MemberState { NotStarted, Starting, Running, Paused, Stopped, Killed, Exited };
    Q_ENUM(MemberState)

    explicit LocalCluster(LocalClusterOptions options = {}, QObject *parent = nullptr);
    ~LocalCluster() override;

    static QString findEtcdBinary(const QString &explicitPath, QString *error);

    void start();
    bool startAndWait(QString *error = nullptr);
    bool isReady() const;
    QString errorString() const; // why start failed, empty otherwise

    int memberCount() const;
    // "127.0.0.1:PORT" per member, in member order; "https://127.0.0.1:PORT" with clientTls, so a
    // client given these endpoints switches TLS on from the scheme.
    QStringList clientEndpoints() const;
    QString clientEndpoint(int i) const;
    QString metricsEndpoint(int i) const; // "127.0.0.1:PORT": plain http, serves /health and /metrics
    bool usesTls() const;
    QString memberName(int i) const;    // "m0", "m1", ...
    QString peerUrl(int i) const;       // advertised to the other members (the proxy's, with faultNetwork)
    QString peerListenUrl(int i) const; // where the member itself listens
    quint16 clientPort(int i) const;
    FaultNetwork *faultNetwork() const { return m_network.get(); } // null unless the option is set
    qint64 pid(int i) const;                                       // 0 if not running
    MemberState memberState(int i) const;
    QString dataDir() const; // the sandbox dir
    QString logTail(int i, int lines = 40) const;

    bool kill(int i);                              // SIGKILL, waits until the process is gone
    bool stop(int i);                              // SIGTERM, waits (falls back to SIGKILL after 5 s)
    bool pause(int i);                             // SIGSTOP, waits until the kernel reports it stopped
    bool resume(int i);                            // SIGCONT
    bool restart(int i, QString *error = nullptr); // same name, ports and data dir; waits for /health
    // The same without waiting: the member is started again and memberStateChanged() says when it
    // is Running (or Exited). A running (or paused) process is stopped first.
    bool restartLater(int i, QString *error = nullptr);
    bool waitHealthy(int i, int timeoutMs, QString *error = nullptr);
    void shutdown();

Q_SIGNALS:
    void ready();
    void failed(const QString &message);
    void memberStateChanged(int index, etcd::LocalCluster::MemberState state);

private:
    enum class Phase { Idle, Starting, Ready, Failed, ShutDown };
    struct Member
    {
        QString name;
        quint16 clientPort = 0;
        quint16 peerPort = 0;
        quint16 peerProxyPort = 0; // with faultNetwork: what the others are told
        quint16 metricsPort = 0;
        MemberProcess *process = nullptr;
        MemberState state = MemberState::NotStarted;
        MemberState stateBeforePause = MemberState::NotStarted;
        MemberState expectedExit = MemberState::NotStarted; // set when we signal it; else Exited
    };

    bool validIndex(int i) const;
    bool isProcessRunning(int i) const;
    bool checkTlsOptions(QString *error) const;
    bool prepareSandbox(QString *error);
    bool beginAttempt(QString *error);
    QString clientUrl(int i) const;
    QStringList memberArguments(int i) const;
    bool spawnMember(int i, QString *error);
    void onMemberExited(int i, qint64 pid);
    void setState(int i, MemberState state);
    void onMemberHealthy(int i);
    void checkReady();
    void failStart(const QString &message);
    bool terminateMember(int i, int signal, MemberState newState, int timeoutMs);
    void killAllMembers();
    QString stateName(int i) const;
    QString allLogTails() const;

    LocalClusterOptions m_options;
    Phase m_phase = Phase::Idle;
    QString m_etcdBinary;
    QString m_dir;
    QString m_token;
    QString m_error;
    int m_attempt = 0;
    std::vector<Member> m_members;
    std::unique_ptr<SandboxGuard> m_guard;
    std::unique_ptr<FaultNetwork> m_network;
    QTimer m_startDeadline;
    HealthPoller m_health; // last: destroyed first, while the members it reports on still exist
};

} // namespace etcd
