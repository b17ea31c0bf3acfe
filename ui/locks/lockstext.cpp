// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "locks/locksmodels.h"

#include "format/keytext.h"

#include <QCoreApplication>
#include <QDateTime>

namespace etcd::ui::lockstext {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("etcd::ui::LocksView", text);
}
} // namespace

QString duration(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(std::max<qint64>(0, ms));
    if (ms < 60000)
        return tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 86400)
        return tr("%1 h %2 min").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 d %2 h").arg(s / 86400).arg(s / 3600 % 24);
}

QString value(const QByteArray &value, int maxChars)
{
    if (value.isEmpty())
        return {};
    if (!isUtf8(value))
        return tr("binary, %1 bytes: %2").arg(value.size()).arg(QString::fromLatin1(value.left(16).toHex(' ')));
    QString text = QString::fromUtf8(value.left(maxChars * 4)).simplified();
    if (text.size() > maxChars)
        text = text.left(maxChars - 1) + QChar(0x2026);
    return text;
}

QString ttl(const LockContender &c, qint64 nowMs)
{
    if (c.lease == 0)
        return tr("no lease");
    if (c.ttl < 0)
        return QStringLiteral("…");
    const qint64 left = c.ttlLeft(nowMs);
    if (left <= 0)
        return tr("expired");
    return c.grantedTtl > 0 ? tr("%1 s of %2 s").arg(left).arg(c.grantedTtl) : tr("%1 s").arg(left);
}

QString since(qint64 ms, bool before, bool foundAtOpen)
{
    if (before && foundAtOpen)
        return tr("before the view opened");
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
    const QString time = t.date() == QDate::currentDate() ? t.toString(QStringLiteral("HH:mm:ss"))
                                                          : t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    return before ? tr("before %1").arg(time) : time;
}

} // namespace etcd::ui::lockstext
