// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "support/logcapture.h"

#include <QMutex>
#include <QMutexLocker>
#include <QtGlobal>

namespace etcd::test {

namespace {
struct State
{
    QMutex mutex;
    QStringList lines;
    QStringList categories;
    QtMessageHandler previous = nullptr;
};

State &state()
{
    static State s;
    return s;
}

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    State &s = state();
    {
        QMutexLocker lock(&s.mutex);
        s.lines << message;
        s.categories << QString::fromLatin1(context.category ? context.category : "");
    }
    if (type != QtDebugMsg && s.previous) // keep the test's output readable
        s.previous(type, context, message);
}
} // namespace

void LogCapture::install()
{
    state().previous = qInstallMessageHandler(capture);
}

void LogCapture::uninstall()
{
    qInstallMessageHandler(state().previous);
}

QStringList LogCapture::lines()
{
    QMutexLocker lock(&state().mutex);
    return state().lines;
}

QStringList LogCapture::categories()
{
    QMutexLocker lock(&state().mutex);
    return state().categories;
}

} // namespace etcd::test
