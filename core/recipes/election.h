// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "recipes/contender.h"

namespace etcd {

// Leader election with the key layout of Go's concurrency.Election, so it takes part in the same
// election as `etcdctl elect NAME`, and `etcdctl elect -l NAME` shows our leader: every candidate
// writes NAME/<lease hex> = its value, and the oldest key is the leader.
class Election : public recipe::Contender
{
    Q_OBJECT
public:
    Election(Session *session, const QByteArray &name, QObject *parent = nullptr);

    // Completes when we are the leader. Cancelling the future withdraws the candidacy.
    QFuture<EtcdStatus> campaign(const QByteArray &value);
    // Change the value announced by the leader (fails if we are not the leader any more).
    QFuture<EtcdStatus> proclaim(const QByteArray &value);
    QFuture<EtcdStatus> resign();
    // The current leader's key and value; NotFound "election: no leader" when there is none.
    QFuture<EtcdResult<KeyValue>> leader() const;

    bool isLeader() const { return holds(); }
    Compare leaderCompare() const { return holderCompare(); }

private:
    void withdraw() override { resign(); }
};

// Follows an election like Go's Election.Observe: reports the leader whenever it changes (a new
// leader or a proclaimed value) and when there is none.
class ElectionObserver : public QObject
{
    Q_OBJECT
public:
    ElectionObserver(EtcdClient *client, const QByteArray &name, QObject *parent = nullptr);
    void start();
    KeyValue currentLeader() const { return m_leader; }

Q_SIGNALS:
    void leaderChanged(const etcd::KeyValue &leader);
    void noLeader();
    void failed(const etcd::EtcdError &error);

private:
    void look();
    void follow(const KeyValue &leader);

    QPointer<EtcdClient> m_client;
    QByteArray m_prefix;
    KeyValue m_leader;
    Watcher *m_watcher = nullptr;
};

} // namespace etcd
