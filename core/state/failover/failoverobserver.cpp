// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/failover/failoverobserver.h"

#include "client/continuation.h"
#include "client/keyrange.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace etcd {

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

FailoverObserver::FailoverObserver(EtcdClient *client, const QByteArray &name, QObject *parent)
    : QObject(parent), m_client(client), m_name(name)
{}

QString FailoverObserver::currentMaster() const
{
    if (m_spans.isEmpty() || m_spans.constLast().endMs != 0)
        return {};
    return m_spans.constLast().id;
}

void FailoverObserver::start()
{
    if (!m_client)
        return;
    // One range covers NAME.work and the candidates under NAME/: '.' (0x2E) sorts just before
    // '/' (0x2F), so [NAME., NAME0) spans both.
    RangeOptions r;
    r.key = m_name + '.';
    r.rangeEnd = keyrange::prefixEnd(m_name + '/');
    whenFinished(m_client->kv().range(r), this, [this, r](const EtcdResult<RangeResult> &result) {
        if (!result.ok()) {
            Q_EMIT failed(result.error());
            return;
        }
        const qint64 at = nowMs();
        for (const KeyValue &kv : result->kvs) {
            if (kv.key.startsWith(m_name + '/'))
                keyPut(kv.key, kv.createRevision, at);
        }
        m_watcher = m_client->watch(WatchOptions::range(r.key, r.rangeEnd, result->header.revision + 1), this);
        connect(m_watcher, &Watcher::events, this, &FailoverObserver::onEvents);
        connect(m_watcher, &Watcher::failed, this, &FailoverObserver::failed);
        connect(m_watcher, &Watcher::created, this, [this] {
            m_started = true;
            Q_EMIT started();
        });
    });
}

void FailoverObserver::onEvents(const WatchEvents &events)
{
    const qint64 at = nowMs();
    const QByteArray workKey = m_name + ".work";
    for (const WatchEvent &e : events) {
        if (e.kv.key == workKey) {
            if (e.type == WatchEvent::Put)
                workRecord(e.kv.value, at);
        } else if (e.kv.key.startsWith(m_name + '/')) {
            if (e.type == WatchEvent::Put)
                keyPut(e.kv.key, e.kv.createRevision, at);
            else
                keyDeleted(e.kv.key, at);
        }
    }
    Q_EMIT changed();
}

void FailoverObserver::keyPut(const QByteArray &key, qint64 createRevision, qint64 atMs)
{
    if (m_candidates.count(createRevision))
        return; // a proclaim (new value, same key): leadership unchanged
    m_candidates.emplace(createRevision, key);
    updateLeader(atMs);
}

void FailoverObserver::keyDeleted(const QByteArray &key, qint64 atMs)
{
    for (auto it = m_candidates.begin(); it != m_candidates.end(); ++it) {
        if (it->second == key) {
            m_candidates.erase(it);
            break;
        }
    }
    updateLeader(atMs);
}

void FailoverObserver::updateLeader(qint64 atMs)
{
    const qint64 leader = m_candidates.empty() ? 0 : m_candidates.begin()->first;
    Span *current = m_spans.isEmpty() || m_spans.last().endMs != 0 ? nullptr : &m_spans.last();
    if (current && current->token == leader)
        return;
    if (current) {
        // The master's key is gone (resigned, lease expired or revoked): the failover starts now.
        current->endMs = atMs;
        m_lostMs = atMs;
        m_lostId = current->id;
    }
    if (leader != 0) {
        Span s;
        s.key = m_candidates.begin()->second;
        s.token = leader;
        s.startMs = atMs;
        s.id = m_idOfToken.value(leader);
        m_spans.append(s);
    }
}

void FailoverObserver::workRecord(const QByteArray &value, qint64 atMs)
{
    const QJsonObject o = QJsonDocument::fromJson(value).object();
    const QString id = o.value(QStringLiteral("id")).toString();
    const auto token = qint64(o.value(QStringLiteral("token")).toDouble());
    ++m_records;
    m_idOfToken.insert(token, id);
    if (m_recordLog.size() >= kMaxRecords)
        m_recordLog.remove(0, kMaxRecords / 10); // a day of demo; the oldest tenth goes at once
    m_recordLog.append({id, token, qint64(o.value(QStringLiteral("seq")).toDouble()), atMs});
    // Whose reign is it? The record's token names the key its writer was elected with.
    Span *writer = nullptr;
    for (int i = int(m_spans.size()) - 1; i >= 0; --i) {
        if (m_spans[i].token == token) {
            writer = &m_spans[i];
            break;
        }
    }
    if (writer) {
        if (writer->id.isEmpty())
            writer->id = id;
        if (writer->firstWorkMs == 0)
            writer->firstWorkMs = atMs;
        writer->lastWorkMs = atMs;
        ++writer->records;
    }
    Span *current = m_spans.isEmpty() || m_spans.last().endMs != 0 ? nullptr : &m_spans.last();
    // The next master's first record ends the failover gap.
    if (m_lostMs != 0 && current && current->token == token) {
        Gap g;
        g.from = m_lostId;
        g.to = id;
        g.lostMs = m_lostMs;
        g.resumedMs = atMs;
        m_gaps.append(g);
        m_lostMs = 0;
    }
    // A record from anyone but the current master, after the current master started writing:
    // two writers at once.
    if (current && current->token != token && current->firstWorkMs != 0) {
        if (!m_overlaps.isEmpty() && m_overlaps.last().deposed == id && m_overlaps.last().current == current->id &&
            m_overlaps.last().endMs >= current->firstWorkMs) {
            m_overlaps.last().endMs = atMs;
            ++m_overlaps.last().records;
        } else {
            Overlap o2;
            o2.deposed = id;
            o2.current = current->id;
            o2.startMs = current->firstWorkMs;
            o2.endMs = atMs;
            o2.records = 1;
            m_overlaps.append(o2);
        }
    }
}

FailoverObserver::FencingCheck FailoverObserver::checkFencing() const
{
    FencingCheck check;
    qint64 newest = 0;
    for (const Record &r : m_recordLog) {
        ++check.records;
        if (r.token < newest) {
            check.violations.append(r); // an older term's write accepted after a newer term's
        } else if (r.token > newest) {
            if (newest != 0)
                ++check.handovers;
            newest = r.token;
        }
    }
    return check;
}

QString FailoverObserver::FencingCheck::summary() const
{
    QString s = QStringLiteral("%1 handover%2, %3 violation%4")
                    .arg(handovers)
                    .arg(handovers == 1 ? QString() : QStringLiteral("s"))
                    .arg(violations.size())
                    .arg(violations.size() == 1 ? QString() : QStringLiteral("s"));
    if (!violations.isEmpty())
        s += QStringLiteral(": %1 wrote with term %2 after a newer term")
                 .arg(violations.constFirst().id)
                 .arg(violations.constFirst().token);
    return s;
}

qint64 FailoverObserver::unavailableAfter(qint64 faultMs, const QString &master) const
{
    for (const Record &r : m_recordLog)
        if (r.atMs >= faultMs && r.id != master)
            return r.atMs - faultMs;
    return -1;
}

FailoverObserver::Silence FailoverObserver::longestSilence(qint64 fromMs, qint64 toMs) const
{
    Silence longest;
    qint64 previous = fromMs;
    for (const Record &r : m_recordLog) {
        if (r.atMs < fromMs)
            continue;
        if (r.atMs > toMs)
            break;
        if (r.atMs - previous > longest.length())
            longest = {previous, r.atMs};
        previous = r.atMs;
    }
    // A silence still going on at `toMs` counts too (the outage has not ended yet).
    if (toMs - previous > longest.length())
        longest = {previous, toMs};
    return longest;
}

} // namespace etcd
