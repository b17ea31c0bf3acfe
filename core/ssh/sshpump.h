// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "ssh/sshtunnel.h"

#include <QByteArray>

#include <memory>
#include <vector>

struct ssh_session_struct;
struct ssh_channel_struct;
struct ssh_event_struct;

namespace etcd::ssh {

// The forwarding loop of one signed-in session, on the tunnel's thread: accepts loopback
// connections, opens a direct-tcpip channel for each (non-blocking, bounded by the dial timeout)
// and moves bytes both ways, never more toward SSH than the channel's window takes, so a stalled
// endpoint does not fill memory. Ends when the session is lost or the tunnel stops.
class Tunnel::Pump
{
public:
    Pump(Tunnel &tunnel, ssh_session_struct *session);
    ~Pump();
    Pump(const Pump &) = delete;
    Pump &operator=(const Pump &) = delete;

    // Returns the failure that ended the session (empty when the tunnel stopped).
    Failure serve();

private:
    struct Forward;
    static int onListener(int fd, int revents, void *userdata);
    static int onLocal(int fd, int revents, void *userdata);
    static int onWake(int fd, int revents, void *userdata);
    static int onChannelData(ssh_session_struct *, ssh_channel_struct *, void *data, uint32_t len, int isStderr,
                             void *userdata);
    static void onChannelEof(ssh_session_struct *, ssh_channel_struct *, void *userdata);
    static void onChannelClose(ssh_session_struct *, ssh_channel_struct *, void *userdata);

    void accept(int listenFd);
    void tryOpen(Forward &f);
    void readLocal(Forward &f);
    void pump(Forward &f);
    void flushLocal(Forward &f);   // toward gRPC's socket; safe inside libssh's callbacks
    void flushChannel(Forward &f); // toward etcd; never from a channel callback
    bool finished(const Forward &f) const;
    void updateInterest(Forward &f);
    void release(Forward &f);

    Tunnel &m_tunnel;
    ssh_session_struct *m_session;
    ssh_event_struct *m_event = nullptr;
    std::vector<std::unique_ptr<Forward>> m_forwards;
    std::vector<int> m_acceptable; // listeners with connections waiting, noted by their callback
    qint64 m_lastHeardMs = 0;      // the bastion answered something (data, a channel opened or refused)
    Failure m_lost;
};

} // namespace etcd::ssh
