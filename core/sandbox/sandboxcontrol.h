// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "sandbox/localcluster.h"

#include <QObject>
#include <QPointer>

namespace etcd {

// What a person may do to the members of the sandbox from the console (Sandbox menu, Cluster
// view, failover panel): stop, kill, pause, resume and restart one member, restart them all; each
// with a sentence that says what really happens, the loss of quorum included, for the event log and
// the narration. Restarts do not wait: the member reports Running when /health answers.
class SandboxControl : public QObject
{
    Q_OBJECT
public:
    enum class Action { Stop, Kill, Pause, Resume, Restart };
    Q_ENUM(Action)

    explicit SandboxControl(LocalCluster *cluster, QObject *parent = nullptr);

    LocalCluster *cluster() const { return m_cluster; }
    int memberCount() const;
    QString memberName(int i) const;
    QString endpoint(int i) const;
    LocalCluster::MemberState state(int i) const;
    QString stateText(int i) const; // "running", "paused", "killed", ...
    int runningCount() const;       // members up and not paused
    int quorum() const;             // members / 2 + 1
    // Could this action be done to member i now (a paused member can resume, a running one can be
    // stopped, ...)?
    bool canDo(int i, Action action) const;
    // Would the cluster be left without a majority of running members?
    bool losesQuorum(int i, Action action) const;

    // Does it, and returns what happened in a sentence (also emitted as performed()).
    QString perform(int i, Action action);
    QString restartAll();

    static QString actionName(Action action); // "Stop", "Kill", ...

Q_SIGNALS:
    void performed(const QString &sentence, const QString &endpoint);
    void membersChanged();

private:
    QString consequence(int runningAfter) const;

    QPointer<LocalCluster> m_cluster;
};

} // namespace etcd
