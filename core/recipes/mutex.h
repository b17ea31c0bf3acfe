// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "recipes/contender.h"

namespace etcd {

// A distributed lock with the key layout of Go's concurrency.Mutex, so it contends with
// `etcdctl lock NAME` and with every Go program using that package: each contender writes
// NAME/<lease hex> and the oldest key holds the lock.
class Mutex : public recipe::Contender
{
    Q_OBJECT
public:
    Mutex(Session *session, const QByteArray &name, QObject *parent = nullptr);

    // Completes when the lock is held. Cancelling the future gives up and removes our key.
    QFuture<EtcdStatus> lock();
    QFuture<EtcdStatus> unlock();

    bool isLocked() const { return holds(); }
    Compare ownerCompare() const { return holderCompare(); }

private:
    void withdraw() override { unlock(); }
};

} // namespace etcd
