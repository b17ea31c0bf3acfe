// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The compare-and-swap save (state/operations/valuesave.h) against real etcd, with etcdctl as the
// other writer: a save lands only on the revision it was based on, a conflict brings "theirs"
// (changed or deleted), a new key is never written over an existing one, a key keeps its lease,
// and the etcdctl command given for a save compares the same revision (tst_etcdctlcommand checks
// its every form).

#include "state/operations/valuesave.h"
#include "support/testsupport.h"

#include <QProcess>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

class TestValueSave : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void savesOnTheLoadedRevision();
    void aChangeInBetweenIsAConflictWithTheirs();
    void aDeletionInBetweenIsAConflict();
    void aNewKeyIsNeverWrittenOverAnExistingOne();
    void aKeyStaysOnItsLease();
    void theEtcdctlCommandDoesTheSameCompareAndSwap();
    void aReadOnlyConnectionSendsNothing();

private:
    LoadedValue load(const QByteArray &key);
    QByteArray etcdValue(const QByteArray &key);

    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
};

void TestValueSave::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
}

LoadedValue TestValueSave::load(const QByteArray &key)
{
    const auto r = resultOf(m_client->kv().get(key));
    if (!r.ok())
        return {};
    return LoadedValue::fromKv(key, r->kvs.isEmpty() ? nullptr : &r->kvs.constFirst());
}

QByteArray TestValueSave::etcdValue(const QByteArray &key)
{
    const EtcdctlResult r = etcdctlFor(*m_cluster).run({QStringLiteral("get"), QString::fromUtf8(key),
                                                        QStringLiteral("--print-value-only")});
    return r.ok() ? r.out.chopped(r.out.endsWith('\n') ? 1 : 0) : QByteArray("<etcdctl failed>");
}

void TestValueSave::savesOnTheLoadedRevision()
{
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("put"), QStringLiteral("/s/a"), QStringLiteral("one")}).ok());
    const LoadedValue base = load("/s/a");
    QVERIFY(base.exists);
    const SaveOutcome saved = resultOf(compareAndSwap(m_client.get(), base, "two"));
    QCOMPARE(saved.kind, SaveOutcome::Kind::Saved);
    QCOMPARE(etcdValue("/s/a"), QByteArray("two"));
    QCOMPARE(saved.value.value, QByteArray("two"));
    QCOMPARE(saved.value.version, base.version + 1);
    QCOMPARE(saved.value.createRevision, base.createRevision);
    const LoadedValue now = load("/s/a");
    QCOMPARE(saved.value.modRevision, now.modRevision);
    // The outcome is the next base: saving on it works, saving on the old base does not.
    QCOMPARE(resultOf(compareAndSwap(m_client.get(), saved.value, "three")).kind, SaveOutcome::Kind::Saved);
    QCOMPARE(resultOf(compareAndSwap(m_client.get(), base, "stale")).kind, SaveOutcome::Kind::Conflict);
    QCOMPARE(etcdValue("/s/a"), QByteArray("three"));
}

void TestValueSave::aChangeInBetweenIsAConflictWithTheirs()
{
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("put"), QStringLiteral("/s/b"), QStringLiteral("base")}).ok());
    const LoadedValue base = load("/s/b");
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("put"), QStringLiteral("/s/b"), QStringLiteral("theirs")}).ok());
    const SaveOutcome r = resultOf(compareAndSwap(m_client.get(), base, "mine"));
    QCOMPARE(r.kind, SaveOutcome::Kind::Conflict);
    QVERIFY(r.value.exists);
    QCOMPARE(r.value.value, QByteArray("theirs"));
    QVERIFY(r.value.modRevision > base.modRevision);
    QVERIFY(r.etcdctl.isEmpty());
    QCOMPARE(etcdValue("/s/b"), QByteArray("theirs")); // nothing written
    // Overwriting theirs is a new compare-and-swap against theirs.
    QCOMPARE(resultOf(compareAndSwap(m_client.get(), r.value, "mine")).kind, SaveOutcome::Kind::Saved);
    QCOMPARE(etcdValue("/s/b"), QByteArray("mine"));
}

void TestValueSave::aDeletionInBetweenIsAConflict()
{
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("put"), QStringLiteral("/s/c"), QStringLiteral("base")}).ok());
    const LoadedValue base = load("/s/c");
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("del"), QStringLiteral("/s/c")}).ok());
    const SaveOutcome r = resultOf(compareAndSwap(m_client.get(), base, "mine"));
    QCOMPARE(r.kind, SaveOutcome::Kind::Conflict);
    QVERIFY(!r.value.exists);
    QCOMPARE(r.value.key, QByteArray("/s/c"));
    QVERIFY(!load("/s/c").exists); // not re-created behind the deleter's back
}

void TestValueSave::aNewKeyIsNeverWrittenOverAnExistingOne()
{
    const LoadedValue absent = load("/s/new");
    QVERIFY(!absent.exists);
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("put"), QStringLiteral("/s/new"), QStringLiteral("first")}).ok());
    const SaveOutcome r = resultOf(compareAndSwap(m_client.get(), absent, "second"));
    QCOMPARE(r.kind, SaveOutcome::Kind::Conflict);
    QCOMPARE(r.value.value, QByteArray("first"));
    QCOMPARE(etcdValue("/s/new"), QByteArray("first"));
    const SaveOutcome created = resultOf(compareAndSwap(m_client.get(), load("/s/other-new"), "made"));
    QCOMPARE(created.kind, SaveOutcome::Kind::Saved);
    QCOMPARE(created.value.version, 1);
    QCOMPARE(created.value.createRevision, created.value.modRevision);
    QCOMPARE(etcdValue("/s/other-new"), QByteArray("made"));
}

void TestValueSave::aKeyStaysOnItsLease()
{
    const auto lease = resultOf(m_client->lease().grant(120));
    QVERIFY_OK(lease);
    PutOptions on;
    on.lease = lease->id;
    QVERIFY_OK(resultOf(m_client->kv().put("/s/leased", "v1", on)));
    const LoadedValue base = load("/s/leased");
    QCOMPARE(base.lease, lease->id);
    QCOMPARE(resultOf(compareAndSwap(m_client.get(), base, "v2")).kind, SaveOutcome::Kind::Saved);
    const LoadedValue now = load("/s/leased");
    QCOMPARE(now.value, QByteArray("v2"));
    QCOMPARE(now.lease, lease->id);
    QVERIFY_OK(resultOf(m_client->lease().revoke(lease->id)));
    QVERIFY(!load("/s/leased").exists);
}

void TestValueSave::theEtcdctlCommandDoesTheSameCompareAndSwap()
{
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("put"), QStringLiteral("/s/cmd"), QStringLiteral("a")}).ok());
    const LoadedValue base = load("/s/cmd");
    const SaveOutcome r = resultOf(compareAndSwap(m_client.get(), base, "b"));
    QCOMPARE(r.kind, SaveOutcome::Kind::Saved);
    QVERIFY(r.etcdctl.contains(QLatin1String("txn")));
    // Run again as given: the key has moved on, so the compare fails and nothing is written.
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("put"), QStringLiteral("/s/cmd"), QStringLiteral("c")}).ok());
    QString etcdctlError;
    const QString etcdctl = Etcdctl::binary(&etcdctlError);
    QVERIFY2(!etcdctl.isEmpty(), qPrintable(etcdctlError));
    QProcess bash;
    bash.start(QStringLiteral("bash"), {QStringLiteral("-c"), r.etcdctl});
    QVERIFY(bash.waitForFinished(15000));
    QVERIFY2(bash.readAllStandardOutput().contains("FAILURE"), "the compare should have failed");
    QCOMPARE(bash.exitCode(), 0);
    QCOMPARE(etcdValue("/s/cmd"), QByteArray("c"));
}

void TestValueSave::aReadOnlyConnectionSendsNothing()
{
    ConnectionOptions o = optionsFor(*m_cluster);
    o.readOnly = true;
    EtcdClient readOnly(o);
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("put"), QStringLiteral("/s/ro"), QStringLiteral("a")}).ok());
    const auto r = resultOf(readOnly.kv().get("/s/ro"));
    QVERIFY_OK(r);
    const SaveOutcome outcome =
        resultOf(compareAndSwap(&readOnly, LoadedValue::fromKv("/s/ro", &r->kvs.constFirst()), "b"));
    QCOMPARE(outcome.kind, SaveOutcome::Kind::Failed);
    QVERIFY(outcome.error.isReadOnlyRefusal());
    QVERIFY(!outcome.error.mayHaveBeenApplied());
    QCOMPARE(etcdValue("/s/ro"), QByteArray("a"));
}

QTEST_MAIN(TestValueSave)
#include "tst_valuesave.moc"
