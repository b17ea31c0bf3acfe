// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace etcd::test {

// A real OpenSSH server (Debian's openssh-server) on a free loopback port, with its own host key,
// authorized_keys and config in a temporary directory, for tests of the SSH tunnel. A missing
// sshd or ssh-keygen is an error with the package to install, never a skipped test.
class SshServer
{
public:
    struct Settings
    {
        bool passwords = false; // PasswordAuthentication (for the password user, see passwordUser())
    };
    SshServer();
    explicit SshServer(const Settings &settings);
    ~SshServer();

    bool start(QString *error);
    // SIGKILL the server and every session process it forked (as a crash or a reboot would).
    void kill();

    int port() const { return m_port; }
    QString user() const;                                // who runs the test (and signs in with keys)
    QString destination(const QString &user = {}) const; // "user@127.0.0.1:port"
    QString dir() const { return m_dir.path(); }
    // "[127.0.0.1]:port ssh-ed25519 AAAA..." for a known_hosts file; the SHA256 fingerprint.
    QString knownHostsLine() const { return m_knownHostsLine; }
    QString fingerprint() const { return m_fingerprint; }
    // A known_hosts file holding exactly knownHostsLine().
    QString knownHostsFile() const;

    // A new key pair: type "ed25519" or "rsa", format "openssh" or "pem", optional passphrase.
    // Returns the private key's path (the public half next to it, ".pub").
    QString makeKey(const QString &name, const QString &type, const QString &format, const QString &passphrase,
                    QString *error);
    // Let `privateKey`'s public half sign in as user().
    bool authorize(const QString &privateKey, QString *error);

    // A system user with a password, for PasswordAuthentication (created once; needs root).
    static QString passwordUser() { return QStringLiteral("etcdconsole-sshtest"); }
    static bool ensurePasswordUser(const QString &password, QString *error);

    // An ssh-agent on a socket in dir() holding `privateKey`; returns the socket path.
    QString startAgent(const QString &privateKey, QString *error);

private:
    bool makeHostKey(QString *error);
    bool writeConfig(QString *error);

    Settings m_settings;
    QTemporaryDir m_dir;
    int m_port = 0;
    QString m_knownHostsLine;
    QString m_fingerprint;
    std::unique_ptr<QProcess> m_sshd;
    std::unique_ptr<QProcess> m_agent;
};

// Runs a command line tool; false (with its output) when it cannot start or fails.
bool runTool(const QString &program, const QStringList &arguments, QString *output, QString *error,
             const QByteArray &input = {});

} // namespace etcd::test
