// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/failover/workerpool.h"

#include "sandbox/faultnetwork.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>

#include <csignal>

namespace etcd {

WorkerPool::WorkerPool(const Settings &settings, QObject *parent) : QObject(parent), m_settings(settings)
{
    if (m_settings.program.isEmpty())
        m_settings.program = defaultProgram();
}

WorkerPool::~WorkerPool()
{
    for (Worker &w : m_workers) {
        if (m_settings.network && w.route >= 0)
            m_settings.network->removeRoute(w.route);
        if (w.process && w.process->state() != QProcess::NotRunning) {
            if (w.paused)
                ::kill(pid_t(w.pid), SIGCONT);
            w.process->kill();
            w.process->waitForFinished(2000);
        }
    }
}

QString WorkerPool::defaultProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("ETCD_DEMO_WORKER");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString &candidate :
         {dir + QStringLiteral("/etcd-demo-worker"), dir + QStringLiteral("/../app/etcd-demo-worker"),
          dir + QStringLiteral("/../../app/etcd-demo-worker")})
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("etcd-demo-worker"));
    return onPath.isEmpty() ? QStringLiteral("etcd-demo-worker") : onPath;
}

int WorkerPool::indexOf(const QString &id) const
{
    for (int i = 0; i < m_workers.size(); ++i)
        if (m_workers[i].id == id)
            return i;
    return -1;
}

int WorkerPool::masterIndex() const
{
    for (int i = 0; i < m_workers.size(); ++i)
        if (m_workers[i].state == QLatin1String("master"))
            return i;
    return -1;
}

int WorkerPool::rejectedWrites() const
{
    int n = 0;
    for (const Worker &w : m_workers)
        n += w.rejected;
    return n;
}

void WorkerPool::start(int count)
{
    for (int i = 0; i < count; ++i)
        add();
}

int WorkerPool::add()
{
    Worker w;
    w.id = QStringLiteral("w%1").arg(m_next++);
    m_workers.append(w);
    const int index = int(m_workers.size()) - 1;
    launch(index);
    return index;
}

void WorkerPool::launch(int index)
{
    Worker &w = m_workers[index];
    auto *p = new QProcess(this);
    w.process = p;
    w.state = QStringLiteral("starting");
    w.paused = false;
    w.lease = 0;
    w.token = 0;
    w.masterSinceMs = 0;
    if (m_settings.network && w.route < 0) {
        // Its own way to etcd, kept across restarts: a cut stays a cut until it is healed.
        QVector<quint16> ports;
        QString error;
        w.route = m_settings.network->addRoute(w.id, m_settings.clientPorts, &ports, &error);
        w.endpoints.clear();
        for (quint16 port : ports)
            w.endpoints << QStringLiteral("127.0.0.1:%1").arg(port);
        if (w.route < 0)
            Q_EMIT failedToStart(index, error);
    }
    if (w.route < 0)
        w.endpoints = m_settings.connection.endpoints;
    QStringList args{QStringLiteral("--endpoints"), w.endpoints.join(QLatin1Char(',')),
                     QStringLiteral("--election"),  QString::fromUtf8(m_settings.election),
                     QStringLiteral("--strategy"),  m_settings.strategy,
                     QStringLiteral("--ttl"),       QString::number(m_settings.ttlSeconds),
                     QStringLiteral("--id"),        w.id};
    if (!m_settings.fencing)
        args << QStringLiteral("--no-fencing");
    if (!m_settings.connection.user.isEmpty())
        args << QStringLiteral("--user") << m_settings.connection.user; // the password goes through the environment
    const auto &tls = m_settings.connection.tls;
    if (!tls.caFile.isEmpty())
        args << QStringLiteral("--cacert") << tls.caFile;
    if (!tls.certFile.isEmpty())
        args << QStringLiteral("--cert") << tls.certFile;
    if (!tls.keyFile.isEmpty())
        args << QStringLiteral("--key") << tls.keyFile;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!m_settings.connection.password.isEmpty())
        env.insert(QStringLiteral("ETCDCTL_PASSWORD"), m_settings.connection.password);
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::SeparateChannels);
    connect(p, &QProcess::readyReadStandardOutput, this, [this, p] {
        const int i = [&] {
            for (int k = 0; k < m_workers.size(); ++k)
                if (m_workers[k].process == p)
                    return k;
            return -1;
        }();
        while (p->canReadLine()) {
            const QByteArray line = p->readLine().trimmed();
            if (i >= 0 && !line.isEmpty())
                onLine(i, line);
        }
    });
    connect(p, &QProcess::readyReadStandardError, p, [p] { p->readAllStandardError(); }); // logs for people
    connect(p, &QProcess::finished, this, [this, p](int, QProcess::ExitStatus status) {
        for (int k = 0; k < m_workers.size(); ++k) {
            Worker &wk = m_workers[k];
            if (wk.process != p)
                continue;
            if (wk.masterSinceMs)
                wk.masterTotalMs += QDateTime::currentMSecsSinceEpoch() - wk.masterSinceMs;
            wk.masterSinceMs = 0;
            if (wk.state != QLatin1String("killed"))
                wk.state = status == QProcess::CrashExit ? QStringLiteral("killed") : QStringLiteral("exited");
            Q_EMIT workerChanged(k);
        }
        p->deleteLater();
    });
    connect(p, &QProcess::errorOccurred, this, [this, index](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            Q_EMIT failedToStart(
                index, tr("cannot start %1: %2").arg(m_settings.program, m_workers[index].process->errorString()));
    });
    p->start(m_settings.program, args);
    w.pid = p->processId();
    Q_EMIT workerChanged(index);
}

void WorkerPool::onLine(int index, const QByteArray &text)
{
    const QJsonObject o = QJsonDocument::fromJson(text).object();
    if (o.isEmpty())
        return;
    Worker &w = m_workers[index];
    w.lastLine = QString::fromUtf8(text);
    const QString state = o.value(QStringLiteral("state")).toString();
    const QString event = o.value(QStringLiteral("event")).toString();
    if (o.contains(QStringLiteral("lease"))) // a hex string: lease ids exceed a double's exact range
        w.lease = o.value(QStringLiteral("lease")).toString().toLongLong(nullptr, 16);
    if (!state.isEmpty() && !w.paused) {
        if (w.masterSinceMs && state != QLatin1String("master")) {
            w.masterTotalMs += QDateTime::currentMSecsSinceEpoch() - w.masterSinceMs;
            w.masterSinceMs = 0;
        }
        if (state == QLatin1String("master") && !w.masterSinceMs) {
            w.masterSinceMs = QDateTime::currentMSecsSinceEpoch();
            w.token = qint64(o.value(QStringLiteral("token")).toDouble());
        }
        if (o.contains(QStringLiteral("key")))
            w.key = o.value(QStringLiteral("key")).toString().toUtf8();
        w.state = state;
    }
    if (event == QLatin1String("work"))
        ++w.workRecords;
    else if (event == QLatin1String("work-rejected")) {
        w.rejected = o.value(QStringLiteral("rejected")).toInt(w.rejected + 1);
        w.rejectedAtMs << QDateTime::currentMSecsSinceEpoch();
    }
    Q_EMIT line(index, o);
    Q_EMIT workerChanged(index);
}

bool WorkerPool::signal(int index, int sig)
{
    if (index < 0 || index >= m_workers.size())
        return false;
    Worker &w = m_workers[index];
    if (!w.process || w.process->state() == QProcess::NotRunning || w.pid <= 0)
        return false;
    return ::kill(pid_t(w.pid), sig) == 0;
}

bool WorkerPool::kill(int index)
{
    if (index < 0 || index >= m_workers.size())
        return false;
    if (!signal(index, SIGKILL)) // also ends a paused (stopped) process
        return false;
    m_workers[index].state = QStringLiteral("killed");
    Worker &w = m_workers[index];
    w.paused = false;
    if (w.state == QLatin1String("master") && !w.masterSinceMs)
        w.masterSinceMs = QDateTime::currentMSecsSinceEpoch(); // until it reports what it found on waking
    Q_EMIT workerChanged(index);
    return true;
}

bool WorkerPool::stop(int index)
{
    if (index >= 0 && index < m_workers.size() && m_workers[index].paused)
        resume(index);
    return signal(index, SIGTERM);
}

bool WorkerPool::pause(int index)
{
    if (!signal(index, SIGSTOP))
        return false;
    Worker &w = m_workers[index];
    w.paused = true;
    // A frozen process does no work: its time as master stops counting.
    if (w.masterSinceMs) {
        w.masterTotalMs += QDateTime::currentMSecsSinceEpoch() - w.masterSinceMs;
        w.masterSinceMs = 0;
    }
    Q_EMIT workerChanged(index);
    return true;
}

bool WorkerPool::resume(int index)
{
    if (!signal(index, SIGCONT))
        return false;
    Worker &w = m_workers[index];
    w.paused = false;
    if (w.state == QLatin1String("master") && !w.masterSinceMs)
        w.masterSinceMs = QDateTime::currentMSecsSinceEpoch(); // until it reports what it found on waking
    Q_EMIT workerChanged(index);
    return true;
}

bool WorkerPool::canCutOff() const
{
    return !m_settings.network.isNull();
}

bool WorkerPool::setCutOff(int index, bool cut, bool dropped)
{
    if (index < 0 || index >= m_workers.size() || !m_settings.network || m_workers[index].route < 0)
        return false;
    Worker &w = m_workers[index];
    LinkFault fault;
    fault.cut = cut && dropped;
    fault.frozen = cut && !dropped;
    m_settings.network->setRouteFault(w.route, fault);
    w.cutOff = cut;
    Q_EMIT workerChanged(index);
    return true;
}

bool WorkerPool::restart(int index)
{
    if (index < 0 || index >= m_workers.size())
        return false;
    Worker &w = m_workers[index];
    if (w.process && w.process->state() != QProcess::NotRunning) {
        kill(index);
        w.process->waitForFinished(2000);
    }
    launch(index);
    return true;
}

} // namespace etcd
