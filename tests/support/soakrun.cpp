// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "support/soakrun.h"

#include "client/continuation.h"
#include "client/etcdclient.h"
#include "client/watchhub.h"
#include "sandbox/localcluster.h"
#include "state/keyspace/keyspacemirror.h"
#include "state/leases/leasemonitor.h"
#include "state/services/serviceregistry.h"
#include "support/testsupport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTimer>

#include <map>
#include <set>

namespace etcd::test {

namespace {

const QString kRootPassword = QStringLiteral("soak-root-pw");
const QByteArray kScope = "/soak/";
const QByteArray kServices = "/soak/services/";

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The writers: a random mix of operations, a few in flight at once, each answer's revision noted
// so that the tree's lag can be measured.
class Writers : public QObject
{
public:
    Writers(EtcdClient *client, const SoakOptions &options, QRandomGenerator *random)
        : m_client(client), m_options(options), m_random(random)
    {
        m_timer.setInterval(15);
        connect(&m_timer, &QTimer::timeout, this, &Writers::tick);
    }

    void start() { m_timer.start(); }
    void stop() { m_timer.stop(); }
    int inFlight() const { return m_inFlight; }
    qint64 writes() const { return m_writes; }
    qint64 failures() const { return m_failures; }
    // Answers not yet seen applied by the tree: revision -> when the answer came.
    std::multimap<qint64, qint64> &pending() { return m_pending; }

    // Every registered service instance stops being kept alive (before the end, or a comparison
    // of leases that must not move).
    void dropServices()
    {
        for (auto &[lease, keepAlive] : m_services)
            delete keepAlive;
        m_services.clear();
    }

private:
    void tick()
    {
        if (m_inFlight >= 8)
            return;
        const int dice = int(m_random->bounded(100));
        const QByteArray key =
            "/soak/k/" + QByteArray::number(m_random->bounded(m_options.keys)).rightJustified(4, '0');
        ++m_counter;
        if (dice < 45) {
            track(m_client->kv().put(key, "v" + QByteArray::number(m_counter)),
                  [](const PutResult &r) { return r.header.revision; });
        } else if (dice < 65) {
            track(m_client->kv().deleteRange(DeleteOptions::single(key)),
                  [](const DeleteResult &r) { return r.header.revision; });
        } else if (dice < 80) {
            TxnSpec txn;
            const QByteArray other =
                "/soak/k/" + QByteArray::number(m_random->bounded(m_options.keys)).rightJustified(4, '0');
            const QByteArray gone =
                "/soak/k/" + QByteArray::number(m_random->bounded(m_options.keys)).rightJustified(4, '0');
            txn.compares << Compare::version(key, Compare::Greater, -1);
            txn.success << TxnOp::putKey(key, "t" + QByteArray::number(m_counter))
                        << TxnOp::putKey(other, "t" + QByteArray::number(m_counter));
            if (gone != key && gone != other)
                txn.success << TxnOp::deleteRange(DeleteOptions::single(gone));
            track(m_client->kv().txn(txn), [](const TxnResult &r) { return r.header.revision; });
        } else if (dice < 92) {
            // A key on a short lease, left to expire.
            const QByteArray leased = "/soak/leased/" + QByteArray::number(m_counter % 60);
            ++m_inFlight;
            whenFinished(m_client->lease().grant(2 + qint64(m_random->bounded(2))), this,
                         [this, leased](const EtcdResult<LeaseGrant> &g) {
                             --m_inFlight;
                             if (!g.ok()) {
                                 ++m_failures;
                                 return;
                             }
                             PutOptions on;
                             on.lease = g->id;
                             track(m_client->kv().put(leased, "leased", on),
                                   [](const PutResult &r) { return r.header.revision; });
                         });
        } else {
            serviceChange();
        }
    }

    // Up to six instances registered, kept alive; one comes or goes.
    void serviceChange()
    {
        if (m_services.size() >= 6 || (!m_services.empty() && m_random->bounded(2) == 0)) {
            auto it = m_services.begin();
            std::advance(it, m_random->bounded(int(m_services.size())));
            const qint64 lease = it->first;
            delete it->second;
            m_services.erase(it);
            track(m_client->lease().revoke(lease), [](const ResponseHeader &h) { return h.revision; });
            return;
        }
        const int n = ++m_serviceCounter;
        const QByteArray key = kServices + "svc" + QByteArray::number(n % 3) + "/instances/" + QByteArray::number(n);
        const QByteArray value = QStringLiteral(R"({"address":"10.0.0.%1","port":%2,"health":"passing"})")
                                     .arg(n % 250)
                                     .arg(8000 + n)
                                     .toUtf8();
        ++m_inFlight;
        whenFinished(m_client->lease().grant(4), this, [this, key, value](const EtcdResult<LeaseGrant> &g) {
            --m_inFlight;
            if (!g.ok()) {
                ++m_failures;
                return;
            }
            const qint64 lease = g->id;
            m_services[lease] = m_client->keepAlive(lease, 4, this);
            PutOptions on;
            on.lease = lease;
            track(m_client->kv().put(key, value, on), [](const PutResult &r) { return r.header.revision; });
        });
    }

    template<typename T, typename Rev> void track(const QFuture<EtcdResult<T>> &future, Rev revisionOf)
    {
        ++m_inFlight;
        whenFinished(future, this, [this, revisionOf](const EtcdResult<T> &r) {
            --m_inFlight;
            if (!r.ok()) {
                ++m_failures;
                return;
            }
            ++m_writes;
            m_pending.emplace(revisionOf(r.value()), nowMs());
        });
    }

    EtcdClient *m_client;
    SoakOptions m_options;
    QRandomGenerator *m_random;
    QTimer m_timer;
    int m_inFlight = 0;
    qint64 m_counter = 0;
    int m_serviceCounter = 0;
    qint64 m_writes = 0;
    qint64 m_failures = 0;
    std::multimap<qint64, qint64> m_pending;
    std::map<qint64, KeepAlive *> m_services;
};

class Soak
{
public:
    // Faults and writers draw from generators of their own: the faults' sequence is the seed's.
    explicit Soak(const SoakOptions &options)
        : m_options(options), m_random(options.seed), m_writerRandom(options.seed ^ 0x5eed)
    {}

    SoakReport run()
    {
        QElapsedTimer clock;
        clock.start();
        if (!setUp())
            return m_report;
        Writers writers(m_writer.get(), m_options, &m_writerRandom);
        m_writers = &writers;
        QObject::connect(m_mirror.get(), &KeySpaceMirror::batchApplied, m_mirror.get(), [this](qint64 revision) {
            auto &pending = m_writers->pending();
            const qint64 t = nowMs();
            for (auto it = pending.begin(); it != pending.end() && it->first <= revision;) {
                m_report.maxLagMs = std::max(m_report.maxLagMs, t - it->second);
                it = pending.erase(it);
            }
        });
        writers.start();
        QDeadlineTimer nextQuiet(m_options.quietEveryMs);
        while (clock.elapsed() < m_options.durationMs) {
            spin(m_options.faultMinMs +
                 int(m_random.bounded(std::max(1, m_options.faultMaxMs - m_options.faultMinMs))));
            injectFault();
            if (nextQuiet.hasExpired() && clock.elapsed() < m_options.durationMs) {
                quietCheck(writers, false);
                nextQuiet.setRemainingTime(m_options.quietEveryMs);
            }
        }
        quietCheck(writers, true);
        m_report.writes = writers.writes();
        m_report.writeFailures = writers.failures();
        m_report.eventsDelivered = m_console->watchStats().events;
        m_report.relists = m_mirror->relists();
        m_report.elapsedMs = clock.elapsed();
        writers.dropServices();
        m_writers = nullptr;
        return m_report;
    }

private:
    void say(const QString &text) const
    {
        if (m_options.log)
            qInfo("soak %6.1f s: %s", double(QDateTime::currentMSecsSinceEpoch() - m_started) / 1000, qPrintable(text));
    }

    bool setUp()
    {
        m_started = nowMs();
        QString error;
        m_cluster = startCluster(&error, 3, true, {QStringLiteral("--auth-token-ttl=2")});
        if (!m_cluster) {
            m_report.error = error;
            return false;
        }
        const Etcdctl ctl = etcdctlFor(*m_cluster);
        for (const QStringList &args :
             {QStringList{QStringLiteral("role"), QStringLiteral("add"), QStringLiteral("root")},
              QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("root:") + kRootPassword},
              QStringList{QStringLiteral("user"), QStringLiteral("grant-role"), QStringLiteral("root"),
                          QStringLiteral("root")},
              QStringList{QStringLiteral("auth"), QStringLiteral("enable")}}) {
            const EtcdctlResult r = ctl.run(args);
            if (!r.ok()) {
                m_report.error = args.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(r.describe());
                return false;
            }
        }
        ConnectionOptions o = optionsAs(*m_cluster, QStringLiteral("root"), kRootPassword);
        o.callTimeoutMs = 4000;
        m_writer = std::make_unique<EtcdClient>(o);
        m_admin = std::make_unique<EtcdClient>(o);
        ConnectionOptions console = o;
        console.keepAliveTimeMs = 1000; // a silent member is left within ~2 s
        console.keepAliveTimeoutMs = 1000;
        m_console = std::make_unique<EtcdClient>(console);
        m_mirror = std::make_unique<KeySpaceMirror>(m_console.get(), KeySpaceMirror::Options{kScope, '/', true});
        m_registry = std::make_unique<ServiceRegistry>(m_console.get(), kServices);
        m_leases = std::make_unique<LeaseMonitor>(m_console.get(), 1000);
        m_mirror->start();
        m_registry->start();
        m_leases->start();
        QDeadlineTimer loaded(20000);
        while (!(m_mirror->isLoaded() && m_registry->isLoaded() && m_leases->isLoaded()) && !loaded.hasExpired())
            spin(50);
        if (!m_mirror->isLoaded() || !m_registry->isLoaded() || !m_leases->isLoaded()) {
            m_report.error = QStringLiteral("the console's views did not load");
            return false;
        }
        say(QStringLiteral("cluster of 3 up, auth on with 2 s tokens, views loaded"));
        return true;
    }

    // The member that leads now (its index), or -1.
    int leaderIndex()
    {
        const QVector<EndpointStatus> all = resultOf(m_admin->maintenance().statusAll(1000), 5000);
        for (const EndpointStatus &s : all)
            if (s.isLeader())
                for (int i = 0; i < m_cluster->memberCount(); ++i)
                    if (m_cluster->clientEndpoint(i).endsWith(s.endpoint.section(QLatin1Char('/'), -1)))
                        return i;
        return -1;
    }

    void fault(const QString &kind, const QString &what)
    {
        ++m_report.faults;
        ++m_report.faultsByKind[kind];
        say(what);
    }

    void injectFault()
    {
        const int member = int(m_random.bounded(m_cluster->memberCount()));
        switch (m_random.bounded(6)) {
        case 5: {
            // The member the console's watch stream is on stops; meanwhile the writers go on and
            // the history is compacted to the head, so the watch cannot resume where it was and the
            // views must relist.
            const QString watching = m_console->currentEndpoint();
            int cut = -1;
            for (int i = 0; i < m_cluster->memberCount(); ++i)
                if (m_cluster->clientEndpoint(i).endsWith(watching))
                    cut = i;
            if (cut < 0)
                return;
            fault(QStringLiteral("compact while the console's watch is cut off"),
                  QStringLiteral("pause m%1 (the console's watch), compact to the head").arg(cut));
            m_cluster->pause(cut);
            spin(300);
            const auto head = resultOf(m_admin->kv().get("/soak/"), 6000);
            if (head.ok())
                resultOf(m_admin->kv().compact(head->header.revision), 6000);
            // The hub finds the member silent (its liveness probe) and moves on, asking for events
            // from before the compaction.
            QDeadlineTimer moved(8000);
            while (m_console->currentEndpoint() == watching && !moved.hasExpired())
                spin(50);
            spin(500);
            m_cluster->resume(cut);
            break;
        }
        case 0: {
            fault(QStringLiteral("kill and restart a member"), QStringLiteral("kill m%1").arg(member));
            m_cluster->kill(member);
            spin(1000 + int(m_random.bounded(1500)));
            restart(member);
            break;
        }
        case 1: {
            fault(QStringLiteral("pause and resume a member"), QStringLiteral("pause m%1").arg(member));
            m_cluster->pause(member);
            spin(800 + int(m_random.bounded(1200)));
            m_cluster->resume(member);
            break;
        }
        case 2: {
            const int leader = leaderIndex();
            if (leader < 0)
                return;
            fault(QStringLiteral("kill the leader"), QStringLiteral("kill the leader m%1").arg(leader));
            m_cluster->kill(leader);
            spin(1500);
            restart(leader);
            break;
        }
        case 3: {
            const auto head = resultOf(m_admin->kv().get("/soak/"), 6000);
            if (!head.ok())
                return;
            const qint64 to = std::max<qint64>(1, head->header.revision - 3);
            fault(QStringLiteral("compact close to the head"), QStringLiteral("compact to %1").arg(to));
            const auto r = resultOf(m_admin->kv().compact(to), 6000);
            if (!r.ok() && !r.error().isCompacted())
                say(QStringLiteral("compact failed: %1").arg(r.error().toString()));
            break;
        }
        default: {
            fault(QStringLiteral("defragment a member"), QStringLiteral("defragment m%1").arg(member));
            const auto r = resultOf(m_admin->maintenance().defragment(m_cluster->clientEndpoint(member), 10000), 12000);
            if (!r.ok())
                say(QStringLiteral("defragment failed: %1").arg(r.error().toString()));
            break;
        }
        }
    }

    void restart(int member)
    {
        QString error;
        for (int attempt = 0; attempt < 3; ++attempt) {
            if (m_cluster->restart(member, &error))
                return;
            spin(500);
        }
        m_report.error = QStringLiteral("m%1 did not come back: %2").arg(member).arg(error);
    }

    void mismatch(const QString &detail)
    {
        ++m_report.mismatches;
        if (m_report.mismatchDetails.size() < 20)
            m_report.mismatchDetails << detail;
        say(QStringLiteral("MISMATCH ") + detail);
    }

    QStringList compareViews(const RangeResult &etcd)
    {
        QStringList differences;
        std::map<QByteArray, qint64> inEtcd;
        std::map<QByteArray, QByteArray> serviceValues;
        for (const KeyValue &kv : etcd.kvs) {
            inEtcd[kv.key] = kv.modRevision;
            if (kv.key.startsWith(kServices))
                serviceValues[kv.key] = QCryptographicHash::hash(kv.value, QCryptographicHash::Sha256);
        }
        std::map<QByteArray, qint64> inTree;
        m_mirror->tree().visitKeys({}, std::numeric_limits<int>::max(),
                                   [&](const KeyTree::Node *n, const QByteArray &key) {
                                       inTree[key] = n->modRevision;
                                       return true;
                                   });
        m_report.keysCompared = int(inEtcd.size());
        for (const auto &[key, rev] : inEtcd) {
            auto it = inTree.find(key);
            if (it == inTree.end())
                differences << (QStringLiteral("tree lacks %1 (revision %2)").arg(QString::fromUtf8(key)).arg(rev));
            else if (it->second != rev)
                differences << (QStringLiteral("tree has %1 at revision %2, etcd at %3")
                                    .arg(QString::fromUtf8(key))
                                    .arg(it->second)
                                    .arg(rev));
        }
        for (const auto &[key, rev] : inTree)
            if (!inEtcd.count(key))
                differences << (QStringLiteral("tree still has %1 (revision %2), gone from etcd")
                                    .arg(QString::fromUtf8(key))
                                    .arg(rev));

        // Service instances: keys, value hashes, mod revisions.
        const auto &instances = m_registry->instances();
        for (const auto &[key, hash] : serviceValues) {
            auto it = instances.find(key);
            if (it == instances.end())
                differences << (QStringLiteral("registry lacks %1").arg(QString::fromUtf8(key)));
            else if (QCryptographicHash::hash(it->second.value, QCryptographicHash::Sha256) != hash ||
                     it->second.modRevision != inEtcd[key])
                differences << (QStringLiteral("registry's %1 differs from etcd's").arg(QString::fromUtf8(key)));
        }
        for (const auto &[key, instance] : instances)
            if (!serviceValues.count(key))
                differences << (QStringLiteral("registry still has %1").arg(QString::fromUtf8(key)));

        return differences;
    }

    // Writers stop; leased keys expire; the views must then equal etcd exactly.
    void quietCheck(Writers &writers, bool last)
    {
        ++m_report.quietChecks;
        writers.stop();
        if (last)
            writers.dropServices(); // their leases expire too: the last lease check sees no traffic at all
        QDeadlineTimer drained(20000);
        while (writers.inFlight() > 0 && !drained.hasExpired())
            spin(20);
        waitForLeader(*m_admin, 20000);
        spin(last ? 6000 : 4500); // keys on 2-3 s leases (and, at the end, the services' 4 s) expire
        RangeOptions all = RangeOptions::prefix(kScope);
        all.keysOnly = false;
        EtcdResult<RangeResult> etcd;
        for (int attempt = 0; attempt < 5 && !etcd.ok(); ++attempt)
            etcd = resultOf(m_admin->kv().range(all), 8000);
        if (!etcd.ok()) {
            m_report.error = QStringLiteral("quiet point: cannot read etcd: %1").arg(etcd.error().toString());
            writers.start();
            return;
        }
        const qint64 head = etcd->header.revision;
        QElapsedTimer catchUp;
        catchUp.start();
        // The registry's revision is that of the last event under its own prefix; the tree's, of any.
        while (m_mirror->revision() < head && catchUp.elapsed() < 30000)
            spin(20);
        m_report.maxCatchUpMs = std::max(m_report.maxCatchUpMs, catchUp.elapsed());
        say(QStringLiteral("quiet point at revision %1: tree at %2 after %3 ms")
                .arg(head)
                .arg(m_mirror->revision())
                .arg(catchUp.elapsed()));

        // The two views follow separate watches on one stream: one may be a batch behind the other.
        // Differences that last a second after the tree caught up are mismatches.
        QStringList differences;
        for (int attempt = 0; attempt < 5; ++attempt) {
            differences = compareViews(etcd.value());
            if (differences.isEmpty())
                break;
            spin(250);
        }
        for (const QString &d : differences)
            mismatch(d);

        // Leases: nothing is granted now, so etcd's list can only shrink; the monitor's view, taken
        // by a poll between the two reads, lies between them.
        const auto before = resultOf(m_admin->lease().list(), 8000);
        spin(2500); // at least one whole poll round of the monitor
        std::set<qint64> seen;
        for (const auto &[id, info] : m_leases->leases())
            seen.insert(id);
        const auto after = resultOf(m_admin->lease().list(), 8000);
        if (before.ok() && after.ok()) {
            const std::set<qint64> first(before->ids.cbegin(), before->ids.cend());
            for (qint64 id : after->ids)
                if (!seen.count(id))
                    mismatch(QStringLiteral("lease monitor lacks lease %1").arg(id, 0, 16));
            for (qint64 id : seen)
                if (!first.count(id))
                    mismatch(QStringLiteral("lease monitor still shows lease %1").arg(id, 0, 16));
        }
        if (!last)
            writers.start();
    }

    SoakOptions m_options;
    QRandomGenerator m_random;
    QRandomGenerator m_writerRandom;
    SoakReport m_report;
    qint64 m_started = 0;
    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_writer;
    std::unique_ptr<EtcdClient> m_admin;
    std::unique_ptr<EtcdClient> m_console;
    std::unique_ptr<KeySpaceMirror> m_mirror;
    std::unique_ptr<ServiceRegistry> m_registry;
    std::unique_ptr<LeaseMonitor> m_leases;
    Writers *m_writers = nullptr;
};

} // namespace

QString SoakReport::toText() const
{
    QStringList lines;
    if (!error.isEmpty())
        lines << QStringLiteral("ERROR: %1").arg(error);
    lines << QStringLiteral("run: %1 s").arg(double(elapsedMs) / 1000, 0, 'f', 1);
    lines << QStringLiteral("faults injected: %1").arg(faults);
    for (auto it = faultsByKind.cbegin(); it != faultsByKind.cend(); ++it)
        lines << QStringLiteral("  %1: %2").arg(it.key()).arg(it.value());
    lines
        << QStringLiteral("writes acknowledged: %1 (refused or lost under faults: %2)").arg(writes).arg(writeFailures);
    lines << QStringLiteral("watch events delivered to the console: %1").arg(eventsDelivered);
    lines << QStringLiteral("quiet-point comparisons: %1 (%2 keys at the last)").arg(quietChecks).arg(keysCompared);
    lines << QStringLiteral("mismatches: %1").arg(mismatches);
    for (const QString &d : mismatchDetails)
        lines << QStringLiteral("  %1").arg(d);
    lines << QStringLiteral("relists after compaction: %1").arg(relists);
    lines << QStringLiteral("longest lag, write answered -> tree applied: %1 ms").arg(maxLagMs);
    lines << QStringLiteral("longest catch-up at a quiet point: %1 ms").arg(maxCatchUpMs);
    return lines.join(QLatin1Char('\n'));
}

SoakReport runSoak(const SoakOptions &options)
{
    Soak soak(options);
    return soak.run();
}

} // namespace etcd::test
