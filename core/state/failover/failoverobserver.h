// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QVector>

#include <map>

namespace etcd {

// Watches a master/standby election the way etcd sees it, independently of the workers' own
// reports: the candidates' keys under NAME/ (the oldest one leads, as in etcd's election and lock)
// and the work records the masters write to NAME.work. From that it derives who is master when,
// each failover gap (from the moment the master's key disappears to the next master's first work
// record) and any overlap of two writers (work records of a deposed master after the next master
// started writing: split brain, which fencing prevents).
class FailoverObserver : public QObject
{
    Q_OBJECT
public:
    struct Span // one master's reign, as seen in etcd
    {
        QString id;         // worker id (from its work records; empty until it wrote one)
        QByteArray key;     // its leadership key
        qint64 token = 0;   // the key's create revision
        qint64 startMs = 0; // its key became the oldest (ms since epoch, observed)
        qint64 firstWorkMs = 0;
        qint64 lastWorkMs = 0;
        qint64 endMs = 0; // its key was deleted (0: still master)
        int records = 0;
    };
    struct Gap
    {
        QString from;
        QString to;
        qint64 lostMs = 0;    // the master's key disappeared
        qint64 resumedMs = 0; // the next master's first work record
        qint64 length() const { return resumedMs - lostMs; }
    };
    struct Overlap
    {
        QString deposed; // wrote after...
        QString current; // ...this one had started writing
        qint64 startMs = 0;
        qint64 endMs = 0;
        int records = 0; // the deposed master's records in the overlap
    };

    struct Record // one work record, in the order etcd accepted them
    {
        QString id;
        qint64 token = 0; // the writer's term: its leadership key's create revision
        qint64 seq = 0;
        qint64 atMs = 0; // when the watch delivered it
    };
    // Mutual exclusion by fencing token over every work record: no record of an older term
    // accepted after one of a newer term.
    struct FencingCheck
    {
        int records = 0;
        int handovers = 0; // the term went up this many times
        QVector<Record> violations;
        QString summary() const; // "4 handovers, 0 violations"
    };

    FailoverObserver(EtcdClient *client, const QByteArray &name, QObject *parent = nullptr);

    void start(); // list NAME/ and NAME.work, then watch both from that revision
    bool isStarted() const { return m_started; }

    QString currentMaster() const; // id of the current master ("" when none or unknown yet)
    const QVector<Span> &spans() const { return m_spans; }
    const QVector<Gap> &gaps() const { return m_gaps; }
    const QVector<Overlap> &overlaps() const { return m_overlaps; }
    int workRecords() const { return m_records; }
    const QVector<Record> &records() const { return m_recordLog; } // the latest kMaxRecords
    FencingCheck checkFencing() const;
    // The unavailability window of a fault done at `faultMs` to the master `master`: until the
    // first work record of another writer after it (-1: none yet). Longer than the gap, which
    // starts only when the master's key is deleted.
    qint64 unavailableAfter(qint64 faultMs, const QString &master) const;
    // The longest stretch without any work record between `fromMs` and `toMs` (a silence still
    // going on at `toMs` included): what an etcd fault costs the service, whoever the master is.
    struct Silence
    {
        qint64 startMs = 0;
        qint64 endMs = 0;
        qint64 length() const { return endMs - startMs; }
    };
    Silence longestSilence(qint64 fromMs, qint64 toMs) const;
    static constexpr int kMaxRecords = 500000;

    // Input, public for tests that replay a sequence: a candidate key appeared or went, a work record.
    void keyPut(const QByteArray &key, qint64 createRevision, qint64 atMs);
    void keyDeleted(const QByteArray &key, qint64 atMs);
    void workRecord(const QByteArray &value, qint64 atMs);

Q_SIGNALS:
    void started();
    void changed();
    void failed(const etcd::EtcdError &error);

private:
    void onEvents(const WatchEvents &events);
    void updateLeader(qint64 atMs);

    QPointer<EtcdClient> m_client;
    QByteArray m_name;
    QPointer<Watcher> m_watcher;
    std::map<qint64, QByteArray> m_candidates; // create revision -> key (the first one leads)
    QHash<qint64, QString> m_idOfToken;        // learnt from work records
    QVector<Span> m_spans;
    QVector<Gap> m_gaps;
    QVector<Overlap> m_overlaps;
    qint64 m_lostMs = 0; // a master's key went and no new master has written yet
    QString m_lostId;
    int m_records = 0;
    QVector<Record> m_recordLog;
    bool m_started = false;
};

} // namespace etcd
