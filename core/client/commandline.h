// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/connectionoptions.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>

namespace etcd {

// The connection flags shared by etcd-console and etcd-demo-worker, spelled like etcdctl's and
// read from the same ETCDCTL_* environment variables. A flag on the command line wins over the
// environment.
class ConnectionCommandLine
{
public:
    static void addOptions(QCommandLineParser &parser);
    // False (with a message in plain words) when the flags cannot make a connection.
    static bool read(const QCommandLineParser &parser, const QProcessEnvironment &env, ConnectionOptions *out,
                     QString *error);
    // Were endpoints given at all (flag or ETCDCTL_ENDPOINTS)?
    static bool hasEndpoints(const QCommandLineParser &parser, const QProcessEnvironment &env);
};

} // namespace etcd
