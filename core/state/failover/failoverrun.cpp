// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/failover/failoverrun.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace etcd {

namespace {

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(Qt::ISODateWithMs);
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

bool save(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

bool writeFailoverRun(const QString &basePath, const FailoverObserver &observer,
                      const QVector<FailoverRunEvent> &events, const QVector<FailoverRunWindow> &windows,
                      QString *error)
{
    QByteArray eventsCsv = "time,time_ms,text\n";
    QJsonArray eventsJson;
    for (const FailoverRunEvent &e : events) {
        eventsCsv +=
            (iso(e.atMs) + QLatin1Char(',') + QString::number(e.atMs) + QLatin1Char(',') + csvField(e.text)).toUtf8() +
            '\n';
        eventsJson.append(QJsonObject{{QStringLiteral("time"), iso(e.atMs)},
                                      {QStringLiteral("timeMs"), e.atMs},
                                      {QStringLiteral("text"), e.text}});
    }
    QByteArray recordsCsv = "time,time_ms,worker,token,seq\n";
    QJsonArray recordsJson;
    for (const FailoverObserver::Record &r : observer.records()) {
        recordsCsv += QStringLiteral("%1,%2,%3,%4,%5\n")
                          .arg(iso(r.atMs))
                          .arg(r.atMs)
                          .arg(csvField(r.id))
                          .arg(r.token)
                          .arg(r.seq)
                          .toUtf8();
        recordsJson.append(QJsonObject{{QStringLiteral("timeMs"), r.atMs},
                                       {QStringLiteral("worker"), r.id},
                                       {QStringLiteral("token"), r.token},
                                       {QStringLiteral("seq"), r.seq}});
    }
    QJsonArray gaps, overlaps, windowsJson, violations;
    for (const FailoverObserver::Gap &g : observer.gaps())
        gaps.append(QJsonObject{{QStringLiteral("from"), g.from},
                                {QStringLiteral("to"), g.to},
                                {QStringLiteral("keyDeletedMs"), g.lostMs},
                                {QStringLiteral("resumedMs"), g.resumedMs},
                                {QStringLiteral("lengthMs"), g.length()}});
    for (const FailoverObserver::Overlap &o : observer.overlaps())
        overlaps.append(QJsonObject{{QStringLiteral("deposed"), o.deposed},
                                    {QStringLiteral("current"), o.current},
                                    {QStringLiteral("startMs"), o.startMs},
                                    {QStringLiteral("endMs"), o.endMs},
                                    {QStringLiteral("records"), o.records}});
    for (const FailoverRunWindow &w : windows)
        windowsJson.append(QJsonObject{{QStringLiteral("faultMs"), w.faultMs},
                                       {QStringLiteral("master"), w.master},
                                       {QStringLiteral("fault"), w.fault},
                                       {QStringLiteral("fromMs"), w.fromMs ? w.fromMs : w.faultMs},
                                       {QStringLiteral("lengthMs"), w.lengthMs}});
    const FailoverObserver::FencingCheck check = observer.checkFencing();
    for (const FailoverObserver::Record &r : check.violations)
        violations.append(QJsonObject{{QStringLiteral("timeMs"), r.atMs},
                                      {QStringLiteral("worker"), r.id},
                                      {QStringLiteral("token"), r.token},
                                      {QStringLiteral("seq"), r.seq}});
    const QJsonObject run{
        {QStringLiteral("events"), eventsJson},
        {QStringLiteral("records"), recordsJson},
        {QStringLiteral("gaps"), gaps},
        {QStringLiteral("overlaps"), overlaps},
        {QStringLiteral("unavailability"), windowsJson},
        {QStringLiteral("fencingCheck"), QJsonObject{{QStringLiteral("records"), check.records},
                                                     {QStringLiteral("handovers"), check.handovers},
                                                     {QStringLiteral("violations"), violations},
                                                     {QStringLiteral("summary"), check.summary()}}},
    };
    return save(basePath + QStringLiteral("-events.csv"), eventsCsv, error) &&
           save(basePath + QStringLiteral("-records.csv"), recordsCsv, error) &&
           save(basePath + QStringLiteral(".json"), QJsonDocument(run).toJson(QJsonDocument::Indented), error);
}

} // namespace etcd
