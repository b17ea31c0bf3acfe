// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QtGlobal>

#include <functional>

QT_BEGIN_NAMESPACE
class QObject;
QT_END_NAMESPACE

namespace etcd {

// Spins a local event loop until done() is true or timeoutMs has passed, and returns done().
// Timers, QProcess and queued signals keep running (so a GUI stays painted and a sandbox keeps
// noticing member exits), but user input is held back so a second click cannot re-enter the
// caller. If `guard` is destroyed meanwhile (a slot deleted it), returns false at once without
// calling done() again: the caller must then not touch `guard`.
bool spinEventLoopUntil(const QObject *guard, const std::function<bool()> &done, int timeoutMs);

} // namespace etcd
