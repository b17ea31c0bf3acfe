// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "support/testsupport.h"

#include <QEventLoop>
#include <QTcpSocket>
#include <QTimer>

namespace etcd::test {

std::unique_ptr<LocalCluster> startCluster(QString *error, int members, bool fastTimings, const QStringList &extraArgs)
{
    LocalClusterOptions options;
    options.members = members;
    options.fastTimings = fastTimings;
    options.extraArgs = extraArgs;
    auto cluster = std::make_unique<LocalCluster>(options);
    QString why;
    if (!cluster->startAndWait(&why)) {
        if (error)
            *error = QStringLiteral("could not start a %1-member etcd cluster: %2").arg(members).arg(why);
        return nullptr;
    }
    return cluster;
}

ConnectionOptions optionsAs(const LocalCluster &cluster, const QString &user, const QString &password)
{
    ConnectionOptions o = optionsFor(cluster);
    o.user = user;
    o.password = password;
    return o;
}

ConnectionOptions optionsFor(const LocalCluster &cluster)
{
    ConnectionOptions o;
    o.endpoints = cluster.clientEndpoints();
    return o;
}

Etcdctl etcdctlFor(const LocalCluster &cluster)
{
    return Etcdctl(cluster.clientEndpoints());
}

QByteArray httpGet(const QString &endpoint, const QString &path, int timeoutMs)
{
    if (endpoint.startsWith(QLatin1String("https://"), Qt::CaseInsensitive))
        return {}; // this is a plain-text GET; a TLS port would not answer it
    const QString hostPort =
        endpoint.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ? endpoint.mid(7) : endpoint;
    const int colon = hostPort.lastIndexOf(QLatin1Char(':'));
    QTcpSocket socket;
    socket.connectToHost(hostPort.left(colon), hostPort.mid(colon + 1).toUShort());
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write("GET " + path.toLatin1() + " HTTP/1.0\r\nHost: " + hostPort.toLatin1() + "\r\n\r\n");
    QByteArray response;
    QDeadlineTimer deadline(timeoutMs);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        if (socket.waitForReadyRead(static_cast<int>(std::max<qint64>(1, deadline.remainingTime()))))
            response += socket.readAll();
    }
    response += socket.readAll();
    const int body = response.indexOf("\r\n\r\n");
    return body < 0 ? QByteArray() : response.mid(body + 4);
}

double etcdMetric(const QString &endpoint, const QByteArray &name, const QByteArray &labelFilter)
{
    const QByteArray text = httpGet(endpoint, QStringLiteral("/metrics"));
    double sum = 0;
    bool found = false;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.startsWith(name) || line.size() <= name.size())
            continue;
        const char next = line.at(name.size());
        if (next != ' ' && next != '{')
            continue;
        if (!labelFilter.isEmpty() && !line.contains(labelFilter))
            continue;
        sum += line.mid(line.lastIndexOf(' ') + 1).toDouble();
        found = true;
    }
    return found ? sum : -1;
}

double etcdMetric(const LocalCluster &cluster, int member, const QByteArray &name, const QByteArray &labelFilter)
{
    return etcdMetric(cluster.metricsEndpoint(member), name, labelFilter);
}

bool waitForLeader(EtcdClient &client, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const QVector<EndpointStatus> all = resultOf(client.maintenance().statusAll(1000), 5000);
        for (const EndpointStatus &s : all)
            if (s.isLeader())
                return true; // a member that answers and says it leads
        spin(100);
    }
    return false;
}

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace etcd::test
