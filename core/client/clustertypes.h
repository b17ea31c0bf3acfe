// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcderror.h"
#include "client/kvtypes.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace etcd {

struct Member
{
    quint64 id = 0;
    QString name; // empty for a member that was added but has not started yet
    QStringList peerUrls;
    QStringList clientUrls;
    bool isLearner = false;
};

struct MemberList
{
    ResponseHeader header;
    QVector<Member> members;
};

struct MemberAdded
{
    ResponseHeader header;
    Member member;
    QVector<Member> members;
};

// Maintenance.Status of one endpoint. `error` is set when the endpoint did not answer.
struct EndpointStatus
{
    QString endpoint;
    EtcdError error;
    ResponseHeader header;
    quint64 memberId = 0;
    quint64 leaderId = 0;
    quint64 raftTerm = 0;
    quint64 raftIndex = 0;
    quint64 raftAppliedIndex = 0;
    qint64 dbSize = 0;
    qint64 dbSizeInUse = 0;
    QString version;
    QStringList errors; // what the member reports about itself (e.g. an alarm)
    bool isLearner = false;
    qint64 latencyUs = 0; // round trip of the status call

    bool ok() const { return !error; }
    bool isLeader() const { return ok() && memberId != 0 && memberId == leaderId; }
};

enum class AlarmType { None = 0, NoSpace = 1, Corrupt = 2 };

struct Alarm
{
    quint64 memberId = 0;
    AlarmType type = AlarmType::None;
};

struct AlarmList
{
    ResponseHeader header;
    QVector<Alarm> alarms;
};

struct HashResult
{
    QString endpoint;
    ResponseHeader header;
    quint32 hash = 0;
    qint64 compactRevision = 0; // HashKV only
};

struct SnapshotInfo
{
    QString filePath;
    qint64 bytes = 0;
    ResponseHeader header; // of the member that streamed it
    QString endpoint;
};

} // namespace etcd
