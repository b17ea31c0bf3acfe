// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "demoworker/demoworker.h"
#include "client/continuation.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>

#include <cstdio>
#include <unistd.h>

using namespace etcd;

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

DemoWorker::DemoWorker(Settings settings, QObject *parent) : QObject(parent), m_settings(std::move(settings))
{
    m_workTimer.setInterval(m_settings.workIntervalMs);
    connect(&m_workTimer, &QTimer::timeout, this, &DemoWorker::doWork);
}

DemoWorker::~DemoWorker() = default;

qint64 DemoWorker::leaseId() const
{
    return m_session ? m_session->leaseId() : 0;
}

void DemoWorker::start()
{
    m_client = std::make_unique<EtcdClient>(m_settings.connection);
    if (m_client->configError()) {
        log(QStringLiteral("cannot connect: %1").arg(m_client->configError().toString()));
        emitState(QStringLiteral("stopped"), {{QStringLiteral("error"), m_client->configError().toString()}});
        Q_EMIT finished(2);
        return;
    }
    campaign();
}

void DemoWorker::campaign()
{
    if (m_stopping)
        return;
    if (m_session) {
        m_session->deleteLater();
        m_session = nullptr;
    }
    m_election = nullptr;
    m_mutex = nullptr;
    m_session = new Session(m_client.get(), m_settings.ttlSeconds, this);
    Session *session = m_session;
    whenFinished(session->open(), this, [this, session](EtcdStatus opened) {
        if (session != m_session || m_stopping)
            return;
        if (!opened.ok()) {
            log(QStringLiteral("cannot open a session: %1; retrying").arg(opened.error().toString()));
            QTimer::singleShot(1000, this, &DemoWorker::campaign);
            return;
        }
        emitState(QStringLiteral("campaigning"));
        connect(session, &Session::lost, this, [this, session](const EtcdError &reason) {
            if (session != m_session || m_stopping)
                return;
            loseMastership(QStringLiteral("lease lost: %1").arg(reason.toString()));
            QTimer::singleShot(200, this, &DemoWorker::campaign); // start over as a standby
        });
        QFuture<EtcdStatus> won;
        if (m_settings.strategy == Strategy::Election) {
            m_election = new Election(session, m_settings.name, session);
            connect(m_election, &Election::registered, this, [this](const QByteArray &key, qint64 rev) {
                emitState(QStringLiteral("standby"), {{QStringLiteral("key"), QString::fromUtf8(key)},
                                                      {QStringLiteral("candidateRevision"), rev}});
            });
            won = m_election->campaign(m_settings.id.toUtf8());
        } else {
            m_mutex = new Mutex(session, m_settings.name, session);
            connect(m_mutex, &Mutex::registered, this, [this](const QByteArray &key, qint64 rev) {
                emitState(QStringLiteral("standby"), {{QStringLiteral("key"), QString::fromUtf8(key)},
                                                      {QStringLiteral("candidateRevision"), rev}});
            });
            won = m_mutex->lock();
        }
        whenFinished(won, this, [this, session](EtcdStatus result) {
            if (session != m_session || m_stopping)
                return;
            if (!result.ok()) {
                log(QStringLiteral("campaign failed: %1; retrying").arg(result.error().toString()));
                QTimer::singleShot(500, this, &DemoWorker::campaign);
                return;
            }
            if (m_election)
                becomeMaster(m_election->key(), m_election->revision());
            else
                becomeMaster(m_mutex->key(), m_mutex->revision());
        });
    });
}

void DemoWorker::becomeMaster(const QByteArray &key, qint64 token)
{
    m_master = true;
    m_leaderKey = key;
    m_token = token;
    m_masterSince = nowMs();
    emitState(QStringLiteral("master"),
              {{QStringLiteral("key"), QString::fromUtf8(key)}, {QStringLiteral("token"), token}});
    if (m_settings.fencing)
        m_workTimer.start(); // a fenced write every interval
    doWork();
}

void DemoWorker::loseMastership(const QString &why)
{
    const bool wasMaster = m_master;
    m_master = false;
    m_workTimer.stop();
    log(why);
    emitState(QStringLiteral("lost"), {{QStringLiteral("reason"), why}, {QStringLiteral("wasMaster"), wasMaster}});
}

void DemoWorker::doWork()
{
    if (!m_master || m_workInFlight)
        return;
    m_workInFlight = true;
    const qint64 seq = ++m_seq;
    const QByteArray workKey = m_settings.name + ".work";
    const QByteArray record = QJsonDocument(QJsonObject{{QStringLiteral("id"), m_settings.id},
                                                        {QStringLiteral("seq"), seq},
                                                        {QStringLiteral("ts"), nowMs()},
                                                        {QStringLiteral("token"), m_token}})
                                  .toJson(QJsonDocument::Compact);
    TxnSpec txn;
    if (m_settings.fencing)
        txn.compares << Compare::createRevision(m_leaderKey, Compare::Equal, m_token);
    txn.success << TxnOp::putKey(workKey, record);
    const qint64 token = m_token;
    auto send = [this, txn, seq, token] {
        whenFinished(m_client->kv().txn(txn), this, [this, seq, token](EtcdResult<TxnResult> r) {
            m_workInFlight = false;
            if (!r.ok()) {
                emitLine({{QStringLiteral("event"), QStringLiteral("work-error")},
                          {QStringLiteral("seq"), seq},
                          {QStringLiteral("error"), r.error().toString()}});
                return;
            }
            if (!r->succeeded) {
                ++m_rejected;
                emitLine({{QStringLiteral("event"), QStringLiteral("work-rejected")},
                          {QStringLiteral("seq"), seq},
                          {QStringLiteral("token"), token},
                          {QStringLiteral("revision"), r->header.revision},
                          {QStringLiteral("rejected"), m_rejected}});
                if (m_master && token == m_token)
                    loseMastership(QStringLiteral("fenced: our leadership key is gone, a new master took over"));
                return;
            }
            emitLine({{QStringLiteral("event"), QStringLiteral("work")},
                      {QStringLiteral("seq"), seq},
                      {QStringLiteral("token"), token},
                      {QStringLiteral("revision"), r->header.revision},
                      {QStringLiteral("fenced"), m_settings.fencing}});
            if (!m_settings.fencing && m_master)
                doWork(); // the naive master goes straight on with its next piece of work
        });
    };
    if (m_settings.fencing) {
        send();
        return;
    }
    // Without fencing the worker is the naive master of the demo: each piece of work takes the work
    // interval and ends with a blind write, and a loss of mastership noticed meanwhile does not stop
    // the piece under way. So a master frozen (SIGSTOP) past its TTL finishes its piece when it
    // wakes up and writes next to the new master: the split brain that fencing prevents.
    QTimer::singleShot(m_settings.workIntervalMs, this, send);
}

void DemoWorker::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_workTimer.stop();
    log(QStringLiteral("stopping: resigning and revoking the lease"));
    // Bounded: with etcd unreachable we still exit, and the lease expires on its own.
    QTimer::singleShot(3000, this, [this] {
        emitState(QStringLiteral("stopped"), {{QStringLiteral("clean"), false}});
        Q_EMIT finished(0);
    });
    auto closeSession = [this] {
        if (!m_session) {
            emitState(QStringLiteral("stopped"), {{QStringLiteral("clean"), true}});
            Q_EMIT finished(0);
            return;
        }
        whenFinished(m_session->close(), this, [this](EtcdStatus) {
            emitState(QStringLiteral("stopped"), {{QStringLiteral("clean"), true}});
            Q_EMIT finished(0);
        });
    };
    if (m_election && m_master)
        whenFinished(m_election->resign(), this, [closeSession](EtcdStatus) { closeSession(); });
    else if (m_mutex && m_master)
        whenFinished(m_mutex->unlock(), this, [closeSession](EtcdStatus) { closeSession(); });
    else
        closeSession(); // revoking the lease also removes a standby's candidate key
}

void DemoWorker::emitState(const QString &state, QJsonObject extra)
{
    extra.insert(QStringLiteral("state"), state);
    if (m_master)
        extra.insert(QStringLiteral("masterForMs"), nowMs() - m_masterSince);
    emitLine(extra);
}

void DemoWorker::emitLine(QJsonObject object)
{
    object.insert(QStringLiteral("ts"), nowMs());
    object.insert(QStringLiteral("pid"), static_cast<qint64>(::getpid()));
    object.insert(QStringLiteral("id"), m_settings.id);
    // Lease ids exceed 2^53, which JSON readers turn into doubles: write them as hex strings.
    object.insert(QStringLiteral("lease"), QString::number(leaseId(), 16));
    if (!object.contains(QStringLiteral("revision")) && m_token)
        object.insert(QStringLiteral("token"), m_token);
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
    std::fflush(stdout);
}

void DemoWorker::log(const QString &message) const
{
    std::fprintf(stderr, "[%s %s] %s\n",
                 qPrintable(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz"))),
                 qPrintable(m_settings.id), qPrintable(message));
}
