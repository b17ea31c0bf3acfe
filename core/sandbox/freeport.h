// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QList>
#include <QString>

namespace etcd {

// Reserves free loopback TCP ports by binding 127.0.0.1:0 and holding the sockets open, so the
// kernel cannot hand the same port out twice while we are still choosing. The caller releases
// the sockets right before spawning the processes that will bind the ports; the remaining race
// (someone else grabbing a port in between) is handled by the caller retrying with new ports.
class PortReservation
{
public:
    PortReservation() = default;
    ~PortReservation();
    PortReservation(const PortReservation &) = delete;
    PortReservation &operator=(const PortReservation &) = delete;

    bool reserve(int count, QString *error = nullptr);
    QList<quint16> ports() const { return m_ports; }
    void release();

private:
    QList<int> m_fds;
    QList<quint16> m_ports;
};

} // namespace etcd
