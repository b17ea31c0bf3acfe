// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/kvtypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace etcd {

struct AuthStatus
{
    ResponseHeader header;
    bool enabled = false;
    quint64 authRevision = 0; // 0 when the server (etcd 3.4) does not report it
};

struct Permission
{
    enum Type { Read = 0, Write = 1, ReadWrite = 2 };
    Type type = Read;
    QByteArray key;
    QByteArray rangeEnd;
};

struct UserInfo
{
    QString name;
    QStringList roles;
};

struct RoleInfo
{
    QString name;
    QVector<Permission> permissions;
};

} // namespace etcd
