// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/freeport.h"

#include "sandbox/processtools.h"

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace etcd {

PortReservation::~PortReservation()
{
    release();
}

bool PortReservation::reserve(int count, QString *error)
{
    release();
    m_ports.clear();
    for (int i = 0; i < count; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            if (error)
                *error = QStringLiteral("socket() failed: %1").arg(processtools::errorText(errno));
            release();
            m_ports.clear();
            return false;
        }
        m_fds.append(fd);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        socklen_t len = sizeof(addr);
        // sockaddr_in -> sockaddr is the documented POSIX idiom; there is no cast-free way.
        auto *sa = reinterpret_cast<sockaddr *>(&addr);
        if (::bind(fd, sa, sizeof(addr)) != 0 || ::getsockname(fd, sa, &len) != 0) {
            if (error)
                *error = QStringLiteral("could not bind a free loopback port: %1").arg(processtools::errorText(errno));
            release();
            m_ports.clear();
            return false;
        }
        m_ports.append(ntohs(addr.sin_port));
    }
    return true;
}

void PortReservation::release()
{
    for (int fd : std::as_const(m_fds))
        ::close(fd);
    m_fds.clear();
}

} // namespace etcd
