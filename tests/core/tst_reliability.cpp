// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

// Reliability under faults, the short variants of tests/bench/bench_soak (numbers in
// docs/benchmarks.md):
// - the soak (tests/support/soakrun.h): a 3-member cluster with auth and 2 s tokens, writers of
//   every kind, a fault every few seconds; at quiet points the key mirror, the service registry and
//   the lease monitor equal etcd exactly;
// - concurrent editors: several editors save through the console's save path (compareAndSwap) on
//   the same keys; no update is lost (every accepted save replaced the revision it was based on, and
//   the counters equal the number of accepted saves) and every refused save surfaced as a conflict.

#include "client/continuation.h"
#include "state/operations/valuesave.h"
#include "support/soakrun.h"
#include "support/testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <map>

using namespace etcd;
using namespace etcd::test;

namespace {

// One person at an editor, as fast as etcd answers: load, change, save; on a conflict the dialog's
// "keep mine on top of theirs": the change is made again on their value and saved against it.
class Editor : public QObject
{
public:
    struct Save
    {
        QByteArray key;
        qint64 base = 0;
        qint64 revision = 0;
    };

    Editor(EtcdClient *client, QString name, QList<QByteArray> keys)
        : m_client(client), m_name(std::move(name)), m_keys(std::move(keys))
    {}

    void run(int durationMs)
    {
        m_deadline = QDeadlineTimer(durationMs);
        next();
    }
    bool isDone() const { return m_done; }
    QVector<Save> saves;
    int conflicts = 0;
    int failures = 0;
    int silentRefusals = 0; // a save that was neither Saved nor Conflict nor Failed: must stay 0

private:
    void next()
    {
        if (m_deadline.hasExpired()) {
            m_done = true;
            return;
        }
        const QByteArray key = m_keys.at(m_turn++ % m_keys.size());
        whenFinished(m_client->kv().get(key), this, [this, key](const EtcdResult<RangeResult> &r) {
            if (!r.ok()) {
                ++failures;
                return next();
            }
            edit(LoadedValue::fromKv(key, r->kvs.isEmpty() ? nullptr : &r->kvs.constFirst()));
        });
    }

    void edit(const LoadedValue &base)
    {
        QJsonObject o = QJsonDocument::fromJson(base.value).object();
        o.insert(QStringLiteral("count"), o.value(QStringLiteral("count")).toInt() + 1);
        o.insert(QStringLiteral("by"), m_name);
        const QByteArray mine = QJsonDocument(o).toJson(QJsonDocument::Compact);
        whenFinished(compareAndSwap(m_client, base, mine), this, [this, base](const SaveOutcome &r) {
            switch (r.kind) {
            case SaveOutcome::Kind::Saved:
                saves.push_back({base.key, base.exists ? base.modRevision : 0, r.value.modRevision});
                return next();
            case SaveOutcome::Kind::Conflict: ++conflicts; return edit(r.value); // theirs is the new base
            case SaveOutcome::Kind::Failed: ++failures; return next();
            }
            ++silentRefusals;
            next();
        });
    }

    EtcdClient *m_client;
    QString m_name;
    QList<QByteArray> m_keys;
    QDeadlineTimer m_deadline;
    int m_turn = 0;
    bool m_done = false;
};

} // namespace

class TestReliability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void soakUnderFaultsKeepsTheViewsEqualToEtcd();
    void concurrentEditorsLoseNoUpdate();
};

void TestReliability::soakUnderFaultsKeepsTheViewsEqualToEtcd()
{
    SoakOptions options;
    options.durationMs = qEnvironmentVariableIntValue("SOAK_MS") > 0 ? qEnvironmentVariableIntValue("SOAK_MS") : 70000;
    options.quietEveryMs = 25000;
    options.log = qEnvironmentVariableIsSet("SOAK_LOG");
    const SoakReport report = runSoak(options);
    qInfo("%s", qPrintable(report.toText()));
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QVERIFY2(report.mismatches == 0, qPrintable(report.toText()));
    QVERIFY(report.faults >= 5);
    QVERIFY(report.quietChecks >= 3);
    QVERIFY(report.keysCompared > 50);
    QVERIFY(report.writes > 1000);
    QVERIFY(report.eventsDelivered > 0);
}

void TestReliability::concurrentEditorsLoseNoUpdate()
{
    START_CLUSTER(cluster, 3, true);
    EtcdClient setup(optionsFor(*cluster));
    const QList<QByteArray> keys{"/edit/a.json", "/edit/b.json", "/edit/c.json"};
    std::map<QByteArray, qint64> initial;
    for (const QByteArray &k : keys) {
        const auto put = resultOf(setup.kv().put(k, R"({"count":0,"by":"setup"})"));
        QVERIFY_OK(put);
        initial[k] = put->header.revision;
    }
    // Each editor has a client of its own, as several consoles would.
    constexpr int kEditors = 4;
    const int durationMs =
        qEnvironmentVariableIntValue("EDITORS_MS") > 0 ? qEnvironmentVariableIntValue("EDITORS_MS") : 20000;
    std::vector<std::unique_ptr<EtcdClient>> clients;
    std::vector<std::unique_ptr<Editor>> editors;
    for (int i = 0; i < kEditors; ++i) {
        clients.push_back(std::make_unique<EtcdClient>(optionsFor(*cluster)));
        editors.push_back(std::make_unique<Editor>(clients.back().get(), QStringLiteral("editor%1").arg(i), keys));
    }
    for (auto &e : editors)
        e->run(durationMs);
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(editors.begin(), editors.end(), [](const auto &e) { return e->isDone(); }),
                             durationMs + 30000);

    int saves = 0;
    int conflicts = 0;
    std::map<QByteArray, std::map<qint64, qint64>> chain; // key -> new revision -> base it replaced
    for (const auto &e : editors) {
        QCOMPARE(e->silentRefusals, 0);
        QCOMPARE(e->failures, 0); // a healthy cluster: nothing fails, it saves or conflicts
        saves += e->saves.size();
        conflicts += e->conflicts;
        for (const Editor::Save &s : e->saves)
            chain[s.key][s.revision] = s.base;
    }
    qInfo("%d editors, %d s: %d saves accepted, %d refused as conflicts", kEditors, durationMs / 1000, saves,
          conflicts);
    QVERIFY(saves > 100);
    QVERIFY(conflicts > 0); // they really raced
    for (const QByteArray &k : keys) {
        // Every accepted save replaced exactly the revision before it: the chain of saves is unbroken.
        qint64 expectedBase = initial[k];
        for (const auto &[revision, base] : chain[k]) {
            QVERIFY2(base == expectedBase, qPrintable(QStringLiteral("%1: save at %2 was based on %3, not on %4")
                                                          .arg(QString::fromUtf8(k))
                                                          .arg(revision)
                                                          .arg(base)
                                                          .arg(expectedBase)));
            expectedBase = revision;
        }
        // And the counter counted every one of them.
        const auto now = resultOf(setup.kv().get(k));
        QVERIFY_OK(now);
        QCOMPARE(now->kvs.constFirst().modRevision, expectedBase);
        const int count =
            QJsonDocument::fromJson(now->kvs.constFirst().value).object().value(QStringLiteral("count")).toInt();
        QCOMPARE(count, int(chain[k].size()));
    }
}

QTEST_GUILESS_MAIN(TestReliability)
#include "tst_reliability.moc"
