// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "ssh/sshoptions.h"

#include <QString>

#include <atomic>
#include <memory>

struct ssh_session_struct;

namespace etcd::ssh {

// Which hop of the way to etcd failed: the operator fixes each in a different place.
enum class Hop {
    None,
    Bastion,        // reaching the SSH server (DNS, TCP, key exchange)
    HostKey,        // the bastion's identity (unknown and not trusted, or changed)
    Authentication, // signing in at the bastion (key, passphrase, agent, password)
    Endpoint,       // the etcd endpoint as the bastion sees it
};
QString hopName(Hop hop); // "SSH bastion", "its host key", ...

struct Failure
{
    Hop hop = Hop::None;
    QString message;        // plain words: what failed, where, and what to do; never a secret
    bool permanent = false; // retrying cannot help until the user changes something

    explicit operator bool() const { return hop != Hop::None; }
};

// Secrets that worked, kept in memory for reconnections (never logged, never on disk).
struct Secrets
{
    QString password;
    QString passphrase;
};

struct SessionDeleter
{
    void operator()(ssh_session_struct *session) const;
};
using SessionPtr = std::unique_ptr<ssh_session_struct, SessionDeleter>;

// Opens an SSH session to the bastion of `options` and signs in, blocking the calling thread (the
// tunnel's) for at most about `timeoutMs` per network step, plus however long a person takes to
// answer a prompt. The config file is read first and the explicit options override it, as with
// ssh. Host keys are checked against known_hosts: an unknown key is accepted only by the
// prompter, a changed one never. `stop` ends a wait for a prompt early.
SessionPtr openSession(const SshOptions &options, int timeoutMs, const std::atomic<bool> &stop, Secrets *secrets,
                       Failure *failure);

} // namespace etcd::ssh
