// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/operations/operationreport.h"

#include <QLocale>
#include <QStringList>

namespace etcd {

QString keyForDisplay(const QByteArray &key)
{
    QString text = QString::fromUtf8(key);
    if (text.toUtf8() == key)
        return text;
    return QStringLiteral("0x") + QString::fromLatin1(key.toHex());
}

QString KeyProblem::kindName(Kind kind)
{
    switch (kind) {
    case Exists: return QStringLiteral("exists");
    case Changed: return QStringLiteral("changed");
    case Missing: return QStringLiteral("missing");
    case Failed: return QStringLiteral("failed");
    }
    return {};
}

void OperationReport::addDone(const QByteArray &key)
{
    ++done;
    doneKeys.push_back(key);
}

void OperationReport::addProblem(const QByteArray &key, KeyProblem::Kind kind, const QString &detail)
{
    if (kind == KeyProblem::Failed)
        ++failed;
    else
        ++skipped;
    problems.push_back(KeyProblem{key, kind, detail});
}

QString OperationReport::summary() const
{
    const QLocale locale;
    auto keys = [&](qint64 n) {
        return n == 1 ? QStringLiteral("1 key") : QStringLiteral("%1 keys").arg(locale.toString(n));
    };
    QString text = QStringLiteral("%1 %2").arg(action.isEmpty() ? QStringLiteral("handled") : action, keys(done));
    if (total > 0 && total != done)
        text += QStringLiteral(" of %1").arg(locale.toString(total));
    text += QLatin1Char('.');

    int counts[4] = {0, 0, 0, 0};
    for (const KeyProblem &p : problems)
        ++counts[p.kind];
    QStringList notDone;
    if (counts[KeyProblem::Exists] > 0)
        notDone << QStringLiteral("%1 already existed").arg(locale.toString(counts[KeyProblem::Exists]));
    if (counts[KeyProblem::Changed] > 0)
        notDone << QStringLiteral("%1 changed meanwhile").arg(locale.toString(counts[KeyProblem::Changed]));
    if (counts[KeyProblem::Missing] > 0)
        notDone << QStringLiteral("%1 were already gone").arg(locale.toString(counts[KeyProblem::Missing]));
    if (counts[KeyProblem::Failed] > 0)
        notDone << QStringLiteral("%1 failed").arg(locale.toString(counts[KeyProblem::Failed]));
    if (!notDone.isEmpty())
        text += QStringLiteral(" Left alone: %1.").arg(notDone.join(QStringLiteral(", ")));
    if (unchanged > 0)
        text += QStringLiteral(" %1 already as wanted.").arg(keys(unchanged));
    const qint64 notReached = total - handled();
    if (cancelled)
        text += QStringLiteral(" Stopped on request");
    else if (error)
        text += QStringLiteral(" Stopped: %1").arg(error.toString());
    if ((cancelled || error) && notReached > 0)
        text += QStringLiteral("; %1 not attempted").arg(keys(notReached));
    if (cancelled || error)
        text += QLatin1Char('.');
    return text;
}

} // namespace etcd
