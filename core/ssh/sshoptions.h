// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>

#include <functional>
#include <memory>

namespace etcd {

// What the SSH layer asks a person, and their answer. The tunnel thread asks and waits; a GUI
// answers from its own thread (ui/connection/sshpromptdialogs), a test answers from a script, and
// without a prompter every question is answered "no".
struct SshPrompt
{
    enum class Kind {
        UnknownHost, // the bastion's host key is not in known_hosts: trust it? (fingerprint shown)
        Passphrase,  // the private key `keyFile` is encrypted
        Password,    // the bastion accepts a password for `user`
    };
    Kind kind = Kind::UnknownHost;
    QString host;        // the bastion as the user named it, with ":port" when not 22
    QString user;        // who signs in at the bastion
    QString keyType;     // UnknownHost: "ssh-ed25519", ...
    QString fingerprint; // UnknownHost: "SHA256:..." as ssh prints it
    QString keyFile;     // Passphrase: which key
    QString retryReason; // set when a previous answer was wrong ("wrong passphrase")
};

struct SshAnswer
{
    bool accepted = false; // UnknownHost: trust and remember the key; otherwise: the secret was given
    QString secret;        // passphrase or password; kept in memory only by the SSH layer
    bool remember = false; // the prompter may keep the secret in the system keychain
};

class SshPrompter
{
public:
    virtual ~SshPrompter() = default;
    // Called on the tunnel's thread; `reply` may be called from any thread, once. A prompter that
    // goes away without replying is taken as "no" when the tunnel shuts down.
    virtual void ask(const SshPrompt &prompt, std::function<void(const SshAnswer &)> reply) = 0;
    // The answer to `prompt` worked (the bastion took the password, the passphrase opened the key):
    // a prompter that was asked to remember it may store it now. Called on the tunnel's thread.
    virtual void succeeded(const SshPrompt &prompt, const SshAnswer &answer)
    {
        Q_UNUSED(prompt)
        Q_UNUSED(answer)
    }
};

// How to reach etcd through an SSH bastion (`--ssh user@host[:port]`). Every etcd endpoint is
// then reached through a direct-tcpip channel of one SSH session: the endpoint's host is resolved
// and connected to by the bastion, so "10.0.0.5:2379" means that address as the bastion sees it.
struct SshOptions
{
    // "[user@]host[:port]" or a Host alias of the SSH config; empty: no tunnel.
    QString destination;
    QString keyFile;        // private key (OpenSSH or PEM); empty: the agent, then the config's
                            // IdentityFile and ~/.ssh/id_* as ssh would try them
    QString configFile;     // empty: ~/.ssh/config; "none": read no config
    QString knownHostsFile; // empty: ~/.ssh/known_hosts
    QString agentSocket;    // ssh-agent's socket; empty: SSH_AUTH_SOCK (or the config's IdentityAgent)
    // Secrets known in advance (a profile's keychain entry, a test). Never written to a log.
    QString password;
    QString passphrase;
    std::shared_ptr<SshPrompter> prompter; // null: unknown hosts are refused, secrets not asked

    bool isEnabled() const { return !destination.trimmed().isEmpty(); }
    // "user@host:port" -> user, host, port (0 when not given). False when it cannot be one.
    static bool parseDestination(const QString &destination, QString *user, QString *host, int *port);
    // Empty when the destination is usable; otherwise what is wrong, in plain words.
    QString validate() const;
    // Empty when the key and config files given exist and can be read.
    QString checkFiles() const;
};

} // namespace etcd
