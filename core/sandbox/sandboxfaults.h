// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "sandbox/linkfault.h"
#include "sandbox/localcluster.h"

#include <QObject>
#include <QPointer>

namespace etcd {

class FaultNetwork;

// The sandbox's network faults as a person asks for them (Sandbox menu, failover panel,
// scenarios): cut a member off from its peers and reconnect it, slow its links, cut one pair, cut
// the raft leader off, lose quorum and restore it. Each says in a sentence what happens, with who
// can still form a majority, for the event log and the narration. Needs a cluster started with
// LocalClusterOptions::faultNetwork.
class SandboxFaults : public QObject
{
    Q_OBJECT
public:
    explicit SandboxFaults(LocalCluster *cluster, QObject *parent = nullptr);

    bool isAvailable() const; // the cluster routes its peers through a FaultNetwork
    FaultNetwork *network() const;
    int memberCount() const;
    QString memberName(int i) const;

    bool isIsolated(int i) const;
    LinkFault links(int i) const; // what the member's links suffer
    // The largest set of running members that can all reach each other (a raft majority needs
    // quorum() of them), by their indexes.
    // `alsoCut`: as if that member were cut off too (to ask before doing it).
    QVector<int> largestConnectedGroup(int alsoCut = -1) const;
    bool hasQuorum(int alsoCut = -1) const;

    QString isolate(int i);
    QString reconnect(int i);
    QString slowLinks(int i, const LinkFault &fault);
    QString cutPair(int a, int b);
    QString healPair(int a, int b);
    // Cuts off the given member, named as the leader in the sentence.
    QString isolateLeader(int leader);
    // Cuts off members until no majority can talk: one more than may be lost (two of three).
    QString loseQuorum(int keepConnectedHint = -1);
    QString healAll();

    // Presets for the menus.
    static LinkFault slowPreset(int which); // 0: 200 ms ± 50, 1: 1 s ± 200, 2: stalls 12/min of 1.5 s
    static QString slowPresetName(int which);

Q_SIGNALS:
    // A fault was set or healed: its sentence, and the member's endpoint ("" for several).
    void performed(const QString &sentence, const QString &endpoint);
    void changed();

private:
    QString who(int i) const;
    QString isolateAs(int i, const QString &role);
    QString majorityText() const;
    QString done(const QString &sentence, const QString &endpoint);

    QPointer<LocalCluster> m_cluster;
};

} // namespace etcd
