// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/cluster/requestrate.h"

#include <QDateTime>
#include <QStringList>

#include <algorithm>
#include <utility>
#include <vector>

namespace etcd {

RequestRate::RequestRate(EtcdClient *client, int windowSeconds, QObject *parent)
    : QObject(parent), m_client(client), m_window(std::max(1, windowSeconds))
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &RequestRate::sample);
}

void RequestRate::start()
{
    sample();
    m_timer.start();
}

void RequestRate::sample()
{
    if (!m_client)
        return;
    Sample s;
    s.ms = QDateTime::currentMSecsSinceEpoch();
    s.byMethod = m_client->requests().byMethod();
    s.total = m_client->requests().total();
    m_samples.push_back(std::move(s));
    while (int(m_samples.size()) > m_window + 1)
        m_samples.pop_front();
    Q_EMIT updated();
}

double RequestRate::perSecond() const
{
    if (m_samples.size() < 2)
        return 0;
    const Sample &a = m_samples.front();
    const Sample &b = m_samples.back();
    const double seconds = std::max<qint64>(1, b.ms - a.ms) / 1000.0;
    return double(b.total - a.total) / seconds;
}

QMap<QString, double> RequestRate::perSecondByMethod() const
{
    QMap<QString, double> out;
    if (m_samples.size() < 2)
        return out;
    const Sample &a = m_samples.front();
    const Sample &b = m_samples.back();
    const double seconds = std::max<qint64>(1, b.ms - a.ms) / 1000.0;
    for (auto it = b.byMethod.cbegin(); it != b.byMethod.cend(); ++it) {
        const quint64 sent = it.value() - a.byMethod.value(it.key(), 0);
        if (sent > 0)
            out.insert(it.key(), double(sent) / seconds);
    }
    return out;
}

quint64 RequestRate::total() const
{
    return m_samples.empty() ? 0 : m_samples.back().total;
}

QString RequestRate::summary() const
{
    return tr("%1 requests/s").arg(perSecond(), 0, 'f', 1);
}

QString RequestRate::breakdown() const
{
    const QMap<QString, double> byMethod = perSecondByMethod();
    std::vector<std::pair<double, QString>> rows;
    for (auto it = byMethod.cbegin(); it != byMethod.cend(); ++it)
        rows.emplace_back(it.value(), it.key());
    std::sort(rows.begin(), rows.end(), [](const auto &x, const auto &y) { return x.first > y.first; });
    QStringList lines;
    lines << tr("Requests this console sent to etcd, per second over the last %n second(s):", nullptr, m_window);
    for (const auto &[rate, name] : rows)
        lines << tr("  %1: %2/s").arg(name).arg(rate, 0, 'f', 2);
    if (rows.empty())
        lines << tr("  none");
    lines << tr("Every unary call and retry, every sign-in, every message on a watch or keepalive stream counts. "
                "%1 since the console started.")
                 .arg(total());
    return lines.join(QLatin1Char('\n'));
}

} // namespace etcd
