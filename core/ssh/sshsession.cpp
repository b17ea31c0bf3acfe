// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "ssh/sshsession.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>

namespace etcd::ssh {

namespace {

constexpr int kMaxSecretTries = 3;

QString sshError(ssh_session session)
{
    return QString::fromUtf8(ssh_get_error(session)).trimmed();
}

QString expandHome(const QString &path)
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

// Waits for the prompter's answer; nullopt without a prompter or when the tunnel stops first.
std::optional<SshAnswer> ask(const SshOptions &options, const SshPrompt &prompt, const std::atomic<bool> &stop)
{
    if (!options.prompter)
        return std::nullopt;
    struct Waiter
    {
        std::mutex mutex;
        std::condition_variable done;
        std::optional<SshAnswer> answer;
    };
    auto waiter = std::make_shared<Waiter>();
    options.prompter->ask(prompt, [waiter](const SshAnswer &answer) {
        std::lock_guard<std::mutex> lock(waiter->mutex);
        if (!waiter->answer)
            waiter->answer = answer;
        waiter->done.notify_all();
    });
    std::unique_lock<std::mutex> lock(waiter->mutex);
    while (!waiter->answer && !stop.load())
        waiter->done.wait_for(lock, std::chrono::milliseconds(100));
    return waiter->answer;
}

QString fingerprintOf(ssh_key key)
{
    unsigned char *hash = nullptr;
    size_t length = 0;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) != SSH_OK)
        return QStringLiteral("(unknown)");
    char *text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
    const QString result = QString::fromUtf8(text);
    ssh_string_free_char(text);
    ssh_clean_pubkey_hash(&hash);
    return result;
}

// The bastion as the messages name it: the alias and, when the config maps it elsewhere, where to.
QString bastionOf(ssh_session session, const QString &alias)
{
    char *host = nullptr;
    char *user = nullptr;
    unsigned int port = 22;
    ssh_options_get(session, SSH_OPTIONS_HOST, &host);
    ssh_options_get(session, SSH_OPTIONS_USER, &user);
    ssh_options_get_port(session, &port);
    QString real = QString::fromUtf8(host ? host : "");
    if (port != 22)
        real += QStringLiteral(":%1").arg(port);
    const QString who = user ? QString::fromUtf8(user) + QLatin1Char('@') : QString();
    ssh_string_free_char(host);
    ssh_string_free_char(user);
    if (real.isEmpty() || real == alias)
        return who + alias;
    return QStringLiteral("%1%2 (%3)").arg(who, alias, real);
}

bool looksLikePrivateKey(const QByteArray &text)
{
    return text.contains("-----BEGIN OPENSSH PRIVATE KEY-----") || text.contains("-----BEGIN RSA PRIVATE KEY-----") ||
           text.contains("-----BEGIN EC PRIVATE KEY-----") || text.contains("-----BEGIN DSA PRIVATE KEY-----") ||
           text.contains("-----BEGIN PRIVATE KEY-----") || text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
}

// Dead bastions are found by the kernel too, not only when a write fails after minutes.
void keepTcpAlive(ssh_session session)
{
    const int fd = ssh_get_fd(session);
    if (fd < 0)
        return;
    int on = 1, idle = 15, interval = 5, count = 3;
    ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
}

class Opener
{
public:
    Opener(const SshOptions &options, const std::atomic<bool> &stop, Secrets *secrets)
        : m_options(options), m_stop(stop), m_secrets(secrets)
    {}

    SessionPtr open(int timeoutMs, Failure *failure);

private:
    bool configure(ssh_session s, int timeoutMs, Failure *failure);
    bool checkHostKey(ssh_session s, Failure *failure);
    bool authenticate(ssh_session s, Failure *failure);
    // 1: signed in, 0: refused or no key, -1: failed for good (*failure set)
    int tryKeyFile(ssh_session s, Failure *failure);
    int tryPassword(ssh_session s, int methods, Failure *failure);

    Failure fail(Hop hop, const QString &message, bool permanent) const { return Failure{hop, message, permanent}; }

    const SshOptions &m_options;
    const std::atomic<bool> &m_stop;
    Secrets *m_secrets;
    QString m_bastion; // for messages
    QString m_user;
    QStringList m_refusals; // what the bastion refused, in order, for the final message
};

SessionPtr Opener::open(int timeoutMs, Failure *failure)
{
    SessionPtr session(ssh_new());
    if (!session) {
        *failure = fail(Hop::Bastion, QStringLiteral("could not start an SSH session (out of memory)"), false);
        return {};
    }
    ssh_session s = session.get();
    if (!configure(s, timeoutMs, failure))
        return {};
    if (ssh_connect(s) != SSH_OK) {
        *failure = fail(Hop::Bastion,
                        QStringLiteral("cannot reach the SSH bastion %1: %2. Check the host name and port, and that "
                                       "this machine may connect to it (VPN, firewall)")
                            .arg(m_bastion, sshError(s)),
                        false);
        return {};
    }
    keepTcpAlive(s);
    if (!checkHostKey(s, failure) || !authenticate(s, failure))
        return {};
    return session;
}

bool Opener::configure(ssh_session s, int timeoutMs, Failure *failure)
{
    QString user, host;
    int port = 0;
    if (!SshOptions::parseDestination(m_options.destination, &user, &host, &port)) {
        *failure = fail(
            Hop::Bastion,
            QStringLiteral("\"%1\" is not an SSH destination like user@host[:port]").arg(m_options.destination), true);
        return false;
    }
    ssh_options_set(s, SSH_OPTIONS_HOST, host.toUtf8().constData());
    // The config first (it maps an alias to HostName, User, Port, IdentityFile, ProxyJump), then
    // what was given explicitly on top, as ssh does with its command line.
    const QString config = m_options.configFile.trimmed();
    if (config != QLatin1String("none")) {
        const QString path = config.isEmpty() ? QDir::homePath() + QStringLiteral("/.ssh/config") : expandHome(config);
        if (!config.isEmpty() && !QFileInfo(path).isReadable()) {
            *failure = fail(Hop::Bastion, QStringLiteral("the SSH config file %1 cannot be read").arg(path), true);
            return false;
        }
        if (QFileInfo::exists(path) && ssh_options_parse_config(s, path.toUtf8().constData()) != SSH_OK) {
            *failure = fail(Hop::Bastion,
                            QStringLiteral("the SSH config file %1 has an error: %2").arg(path, sshError(s)), true);
            return false;
        }
    }
    bool no = false;
    ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
    if (!user.isEmpty())
        ssh_options_set(s, SSH_OPTIONS_USER, user.toUtf8().constData());
    if (port > 0)
        ssh_options_set(s, SSH_OPTIONS_PORT, &port);
    if (!m_options.knownHostsFile.isEmpty())
        ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, expandHome(m_options.knownHostsFile).toUtf8().constData());
    if (!m_options.agentSocket.isEmpty())
        ssh_options_set(s, SSH_OPTIONS_IDENTITY_AGENT, expandHome(m_options.agentSocket).toUtf8().constData());
    long seconds = std::max(1, timeoutMs / 1000);
    long micros = (timeoutMs % 1000) * 1000L;
    ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &seconds);
    ssh_options_set(s, SSH_OPTIONS_TIMEOUT_USEC, &micros);
    int noDelay = 1;
    ssh_options_set(s, SSH_OPTIONS_NODELAY, &noDelay);
    m_bastion = bastionOf(s, host + (port > 0 ? QStringLiteral(":%1").arg(port) : QString()));
    char *who = nullptr;
    if (ssh_options_get(s, SSH_OPTIONS_USER, &who) == SSH_OK && who)
        m_user = QString::fromUtf8(who);
    ssh_string_free_char(who);
    return true;
}

bool Opener::checkHostKey(ssh_session s, Failure *failure)
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(s, &key) != SSH_OK) {
        *failure = fail(Hop::HostKey,
                        QStringLiteral("the SSH bastion %1 sent no host key: %2").arg(m_bastion, sshError(s)), false);
        return false;
    }
    const QString fingerprint = fingerprintOf(key);
    const QString type = QString::fromUtf8(ssh_key_type_to_char(ssh_key_type(key)));
    ssh_key_free(key);
    char *file = nullptr;
    ssh_options_get(s, SSH_OPTIONS_KNOWNHOSTS, &file);
    const QString knownHosts = file ? QString::fromUtf8(file) : QStringLiteral("~/.ssh/known_hosts");
    ssh_string_free_char(file);

    switch (ssh_session_is_known_server(s)) {
    case SSH_KNOWN_HOSTS_OK: return true;
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
        *failure = fail(Hop::HostKey,
                        QStringLiteral("WARNING: the host key of the SSH bastion %1 has CHANGED: it now shows %2 %3, "
                                       "which is not the key recorded in %4. Someone may be intercepting the "
                                       "connection, or the host was reinstalled. The console refuses to connect. "
                                       "Check the new key with the bastion's administrator, then remove the old "
                                       "one (ssh-keygen -R HOST -f %4).")
                            .arg(m_bastion, type, fingerprint, knownHosts),
                        true);
        return false;
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND: {
        SshPrompt prompt;
        prompt.kind = SshPrompt::Kind::UnknownHost;
        prompt.host = m_bastion;
        prompt.user = m_user;
        prompt.keyType = type;
        prompt.fingerprint = fingerprint;
        const std::optional<SshAnswer> answer = ask(m_options, prompt, m_stop);
        if (!answer || !answer->accepted) {
            *failure = fail(Hop::HostKey,
                            answer ? QStringLiteral("the host key of the SSH bastion %1 (%2 %3) was not trusted")
                                         .arg(m_bastion, type, fingerprint)
                                   : QStringLiteral("the host key of the SSH bastion %1 (%2 %3) is not in %4: accept "
                                                    "it in etcd console, or compare it with the administrator's and "
                                                    "add it with ssh-keyscan")
                                         .arg(m_bastion, type, fingerprint, knownHosts),
                            true);
            return false;
        }
        if (ssh_session_update_known_hosts(s) != SSH_OK) {
            *failure = fail(
                Hop::HostKey,
                QStringLiteral("could not record the host key of %1 in %2: %3").arg(m_bastion, knownHosts, sshError(s)),
                true);
            return false;
        }
        return true;
    }
    case SSH_KNOWN_HOSTS_ERROR: break;
    }
    *failure = fail(
        Hop::HostKey,
        QStringLiteral("could not check the host key of %1 against %2: %3").arg(m_bastion, knownHosts, sshError(s)),
        true);
    return false;
}

int Opener::tryKeyFile(ssh_session s, Failure *failure)
{
    const QString path = expandHome(m_options.keyFile);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *failure = fail(Hop::Authentication,
                        QStringLiteral("the SSH key file %1 cannot be read: %2").arg(path, file.errorString()), true);
        return -1;
    }
    if (!looksLikePrivateKey(file.read(1 << 20))) {
        *failure = fail(Hop::Authentication,
                        QStringLiteral("%1 is not a private key (expected an OpenSSH or PEM private key; a .pub file "
                                       "is the public half)")
                            .arg(path),
                        true);
        return -1;
    }
    ssh_key key = nullptr;
    const QByteArray encoded = path.toUtf8();
    // Without a callback OpenSSL would ask for a PEM passphrase on the terminal, blocking the tunnel.
    const ssh_auth_callback noPassphrase = [](const char *, char *, size_t, int, int, void *) { return -1; };
    QString passphrase = m_secrets->passphrase.isEmpty() ? m_options.passphrase : m_secrets->passphrase;
    // Unencrypted keys open without a passphrase; encrypted ones need one, asked up to three times.
    int rc = ssh_pki_import_privkey_file(encoded.constData(),
                                         passphrase.isEmpty() ? nullptr : passphrase.toUtf8().constData(), noPassphrase,
                                         nullptr, &key);
    SshPrompt prompt;
    prompt.kind = SshPrompt::Kind::Passphrase;
    prompt.host = m_bastion;
    prompt.user = m_user;
    prompt.keyFile = path;
    std::optional<SshAnswer> answer;
    for (int tries = 0; rc != SSH_OK && tries < kMaxSecretTries; ++tries) {
        if (!passphrase.isEmpty())
            prompt.retryReason = QStringLiteral("wrong passphrase");
        answer = ask(m_options, prompt, m_stop);
        if (!answer || !answer->accepted) {
            *failure = fail(Hop::Authentication,
                            passphrase.isEmpty()
                                ? QStringLiteral("the SSH key %1 is encrypted: its passphrase is needed").arg(path)
                                : QStringLiteral("wrong passphrase for the SSH key %1").arg(path),
                            true);
            return -1;
        }
        passphrase = answer->secret;
        rc = ssh_pki_import_privkey_file(encoded.constData(), passphrase.toUtf8().constData(), noPassphrase, nullptr,
                                         &key);
    }
    if (rc != SSH_OK) {
        *failure = fail(Hop::Authentication, QStringLiteral("wrong passphrase for the SSH key %1").arg(path), true);
        return -1;
    }
    m_secrets->passphrase = passphrase;
    if (answer && m_options.prompter)
        m_options.prompter->succeeded(prompt, *answer);
    rc = ssh_userauth_publickey(s, nullptr, key);
    ssh_key_free(key);
    if (rc == SSH_AUTH_SUCCESS)
        return 1;
    if (rc == SSH_AUTH_ERROR) {
        *failure =
            fail(Hop::Authentication, QStringLiteral("signing in at %1 failed: %2").arg(m_bastion, sshError(s)), false);
        return -1;
    }
    m_refusals << QStringLiteral("the key %1").arg(path);
    return 0;
}

int Opener::tryPassword(ssh_session s, int methods, Failure *failure)
{
    if (!(methods & (SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE)))
        return 0;
    QString password = m_secrets->password.isEmpty() ? m_options.password : m_secrets->password;
    SshPrompt prompt;
    prompt.kind = SshPrompt::Kind::Password;
    prompt.host = m_bastion;
    prompt.user = m_user;
    std::optional<SshAnswer> answer;
    for (int tries = 0; tries < kMaxSecretTries; ++tries) {
        if (password.isEmpty()) {
            answer = ask(m_options, prompt, m_stop);
            if (!answer || !answer->accepted)
                return 0;
            password = answer->secret;
        }
        int rc = SSH_AUTH_DENIED;
        const QByteArray secret = password.toUtf8();
        if (methods & SSH_AUTH_METHOD_PASSWORD) {
            rc = ssh_userauth_password(s, nullptr, secret.constData());
        } else {
            // keyboard-interactive (PAM): the password answers every question that hides its echo.
            rc = ssh_userauth_kbdint(s, nullptr, nullptr);
            while (rc == SSH_AUTH_INFO) {
                const int questions = ssh_userauth_kbdint_getnprompts(s);
                for (int i = 0; i < questions; ++i) {
                    char echo = 0;
                    ssh_userauth_kbdint_getprompt(s, static_cast<unsigned>(i), &echo);
                    ssh_userauth_kbdint_setanswer(s, static_cast<unsigned>(i), echo ? "" : secret.constData());
                }
                rc = ssh_userauth_kbdint(s, nullptr, nullptr);
            }
        }
        if (rc == SSH_AUTH_SUCCESS) {
            m_secrets->password = password;
            if (answer && m_options.prompter)
                m_options.prompter->succeeded(prompt, *answer);
            return 1;
        }
        if (rc == SSH_AUTH_ERROR) {
            *failure = fail(Hop::Authentication,
                            QStringLiteral("signing in at %1 failed: %2").arg(m_bastion, sshError(s)), false);
            return -1;
        }
        prompt.retryReason = QStringLiteral("wrong password");
        password.clear();
        m_secrets->password.clear();
    }
    m_refusals << QStringLiteral("the password");
    return 0;
}

int authCallback(const char *prompt, char *buffer, size_t length, int echo, int verify, void *userdata);

struct AuthContext
{
    const SshOptions *options = nullptr;
    const std::atomic<bool> *stop = nullptr;
    Secrets *secrets = nullptr;
    QString bastion;
    QString user;
    int asked = 0;
};

int authCallback(const char *prompt, char *buffer, size_t length, int echo, int verify, void *userdata)
{
    Q_UNUSED(echo)
    Q_UNUSED(verify)
    auto *context = static_cast<AuthContext *>(userdata);
    // A default identity (~/.ssh/id_*, the config's IdentityFile) is encrypted.
    QString passphrase = context->asked == 0 ? context->secrets->passphrase : QString();
    if (passphrase.isEmpty() && context->asked == 0)
        passphrase = context->options->passphrase;
    if (passphrase.isEmpty() && context->asked < kMaxSecretTries) {
        SshPrompt p;
        p.kind = SshPrompt::Kind::Passphrase;
        p.host = context->bastion;
        p.user = context->user;
        p.keyFile = QString::fromUtf8(prompt).remove(QStringLiteral("Passphrase for ")).trimmed();
        if (context->asked > 0)
            p.retryReason = QStringLiteral("wrong passphrase");
        const std::optional<SshAnswer> answer = ask(*context->options, p, *context->stop);
        if (answer && answer->accepted)
            passphrase = answer->secret;
    }
    ++context->asked;
    const QByteArray bytes = passphrase.toUtf8();
    if (bytes.isEmpty() || static_cast<size_t>(bytes.size()) >= length)
        return -1;
    std::memcpy(buffer, bytes.constData(), static_cast<size_t>(bytes.size()) + 1);
    return 0;
}

bool Opener::authenticate(ssh_session s, Failure *failure)
{
    int rc = ssh_userauth_none(s, nullptr);
    if (rc == SSH_AUTH_SUCCESS)
        return true;
    if (rc == SSH_AUTH_ERROR) {
        *failure =
            fail(Hop::Authentication, QStringLiteral("signing in at %1 failed: %2").arg(m_bastion, sshError(s)), false);
        return false;
    }
    const int methods = ssh_userauth_list(s, nullptr);
    if (methods & SSH_AUTH_METHOD_PUBLICKEY) {
        if (!m_options.keyFile.isEmpty()) {
            const int result = tryKeyFile(s, failure);
            if (result != 0)
                return result > 0;
        }
        // The agent, then the config's IdentityFile and ~/.ssh/id_*, as ssh tries them.
        AuthContext context{&m_options, &m_stop, m_secrets, m_bastion, m_user, 0};
        struct ssh_callbacks_struct callbacks;
        std::memset(&callbacks, 0, sizeof callbacks);
        callbacks.userdata = &context;
        callbacks.auth_function = authCallback;
        ssh_callbacks_init(&callbacks);
        ssh_set_callbacks(s, &callbacks);
        rc = ssh_userauth_publickey_auto(s, nullptr, nullptr);
        ssh_set_callbacks(s, nullptr);
        if (rc == SSH_AUTH_SUCCESS)
            return true;
        if (rc == SSH_AUTH_ERROR) {
            *failure = fail(Hop::Authentication,
                            QStringLiteral("signing in at %1 failed: %2").arg(m_bastion, sshError(s)), false);
            return false;
        }
        if (m_options.keyFile.isEmpty())
            m_refusals << QStringLiteral("the agent's keys and the default keys (~/.ssh/id_*)");
    }
    const int result = tryPassword(s, methods, failure);
    if (result != 0)
        return result > 0;
    QStringList offered;
    if (methods & SSH_AUTH_METHOD_PUBLICKEY)
        offered << QStringLiteral("keys");
    if (methods & SSH_AUTH_METHOD_PASSWORD)
        offered << QStringLiteral("passwords");
    if (methods & SSH_AUTH_METHOD_INTERACTIVE)
        offered << QStringLiteral("keyboard-interactive");
    if (methods & SSH_AUTH_METHOD_GSSAPI_MIC)
        offered << QStringLiteral("Kerberos (not supported here)");
    *failure = fail(
        Hop::Authentication,
        QStringLiteral("the SSH bastion %1 refused to sign in %2 (tried %3; it accepts %4). Give the right "
                       "key with --ssh-key, load it into ssh-agent, or check the user name")
            .arg(m_bastion, m_user.isEmpty() ? QStringLiteral("you") : m_user,
                 m_refusals.isEmpty() ? QStringLiteral("nothing it accepts") : m_refusals.join(QStringLiteral(", ")),
                 offered.isEmpty() ? QStringLiteral("no method this console knows")
                                   : offered.join(QStringLiteral(", "))),
        true);
    return false;
}

} // namespace

QString hopName(Hop hop)
{
    switch (hop) {
    case Hop::None: return {};
    case Hop::Bastion: return QStringLiteral("SSH bastion");
    case Hop::HostKey: return QStringLiteral("SSH host key");
    case Hop::Authentication: return QStringLiteral("SSH sign-in");
    case Hop::Endpoint: return QStringLiteral("etcd endpoint seen from the bastion");
    }
    return {};
}

void SessionDeleter::operator()(ssh_session_struct *session) const
{
    if (!session)
        return;
    if (ssh_is_connected(session))
        ssh_disconnect(session);
    ssh_free(session);
}

SessionPtr openSession(const SshOptions &options, int timeoutMs, const std::atomic<bool> &stop, Secrets *secrets,
                       Failure *failure)
{
    *failure = {};
    Opener opener(options, stop, secrets);
    return opener.open(timeoutMs, failure);
}

} // namespace etcd::ssh
