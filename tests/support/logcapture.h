// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QStringList>

namespace etcd::test {

// Every log line of the process from install() on (gRPC's too: the client routes them into the
// "etcd.grpc" category), for the checks that no password is ever logged. Debug lines are kept for
// the check only; the rest still reach the test's own output.
class LogCapture
{
public:
    static void install();
    static void uninstall();
    static QStringList lines();
    static QStringList categories(); // of each line, in the same order
};

} // namespace etcd::test
