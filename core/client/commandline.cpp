// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/commandline.h"

namespace etcd {

namespace {

QString valueOf(const QCommandLineParser &parser, const QProcessEnvironment &env, const QString &flag,
                const char *envName)
{
    if (parser.isSet(flag))
        return parser.value(flag);
    return env.value(QLatin1String(envName));
}

bool readDuration(const QString &text, int *ms)
{
    // etcdctl style: "5s", "500ms", "2m"; a bare number is seconds.
    QString t = text.trimmed();
    int scale = 1000;
    if (t.endsWith(QLatin1String("ms"))) {
        scale = 1;
        t.chop(2);
    } else if (t.endsWith(QLatin1Char('s'))) {
        t.chop(1);
    } else if (t.endsWith(QLatin1Char('m'))) {
        scale = 60000;
        t.chop(1);
    }
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok || v <= 0)
        return false;
    *ms = static_cast<int>(v * scale);
    return true;
}

} // namespace

void ConnectionCommandLine::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("endpoints"),
         QStringLiteral("Comma-separated etcd endpoints (host:port, http:// or https://). "
                        "Env: ETCDCTL_ENDPOINTS."),
         QStringLiteral("list")},
        {QStringLiteral("user"), QStringLiteral("User name, or user:password. Env: ETCDCTL_USER."),
         QStringLiteral("user")},
        {QStringLiteral("password"), QStringLiteral("Password (when --user has none). Env: ETCDCTL_PASSWORD."),
         QStringLiteral("password")},
        {QStringLiteral("cacert"), QStringLiteral("CA bundle to verify the server (PEM). Env: ETCDCTL_CACERT."),
         QStringLiteral("file")},
        {QStringLiteral("cert"), QStringLiteral("Client certificate for mutual TLS (PEM). Env: ETCDCTL_CERT."),
         QStringLiteral("file")},
        {QStringLiteral("key"), QStringLiteral("Client private key (PEM). Env: ETCDCTL_KEY."), QStringLiteral("file")},
        {QStringLiteral("server-name"),
         QStringLiteral("Verify the server certificate for this name instead of the host."), QStringLiteral("name")},
        {QStringLiteral("insecure-skip-tls-verify"),
         QStringLiteral("INSECURE: use TLS but accept any server certificate (no CA or host name check), so "
                        "anyone between here and etcd can read and change everything, passwords included. "
                        "For tests only. Env: ETCDCTL_INSECURE_SKIP_TLS_VERIFY=true.")},
        {QStringLiteral("dial-timeout"),
         QStringLiteral("Connect timeout per endpoint, e.g. 3s. Env: ETCDCTL_DIAL_TIMEOUT."),
         QStringLiteral("duration")},
        {QStringLiteral("command-timeout"),
         QStringLiteral("Deadline of each call, e.g. 5s. Env: ETCDCTL_COMMAND_TIMEOUT."), QStringLiteral("duration")},
        {QStringLiteral("read-only"), QStringLiteral("Never send a write to etcd (refused inside the console).")},
        {QStringLiteral("ssh"),
         QStringLiteral("Reach the endpoints through this SSH bastion: [user@]host[:port] or a Host alias of "
                        "~/.ssh/config. Endpoints are then addresses as the bastion sees them."),
         QStringLiteral("destination")},
        {QStringLiteral("ssh-key"),
         QStringLiteral("Private key for the bastion (OpenSSH or PEM; asked for its passphrase when encrypted). "
                        "Default: ssh-agent, then the config's IdentityFile and ~/.ssh/id_*."),
         QStringLiteral("file")},
        {QStringLiteral("ssh-config"), QStringLiteral("SSH config file instead of ~/.ssh/config (\"none\": none)."),
         QStringLiteral("file")},
        {QStringLiteral("ssh-known-hosts"), QStringLiteral("known_hosts file instead of ~/.ssh/known_hosts."),
         QStringLiteral("file")},
    });
}

bool ConnectionCommandLine::hasEndpoints(const QCommandLineParser &parser, const QProcessEnvironment &env)
{
    return !valueOf(parser, env, QStringLiteral("endpoints"), "ETCDCTL_ENDPOINTS").trimmed().isEmpty();
}

bool ConnectionCommandLine::read(const QCommandLineParser &parser, const QProcessEnvironment &env,
                                 ConnectionOptions *out, QString *error)
{
    ConnectionOptions o;
    const QString endpoints = valueOf(parser, env, QStringLiteral("endpoints"), "ETCDCTL_ENDPOINTS");
    for (const QString &e : endpoints.split(QLatin1Char(','), Qt::SkipEmptyParts))
        o.endpoints << e.trimmed();

    QString user = valueOf(parser, env, QStringLiteral("user"), "ETCDCTL_USER");
    QString password = valueOf(parser, env, QStringLiteral("password"), "ETCDCTL_PASSWORD");
    const int colon = user.indexOf(QLatin1Char(':'));
    if (colon >= 0) {
        if (password.isEmpty())
            password = user.mid(colon + 1);
        user = user.left(colon);
    }
    o.user = user;
    o.password = password;

    o.tls.caFile = valueOf(parser, env, QStringLiteral("cacert"), "ETCDCTL_CACERT");
    o.tls.certFile = valueOf(parser, env, QStringLiteral("cert"), "ETCDCTL_CERT");
    o.tls.keyFile = valueOf(parser, env, QStringLiteral("key"), "ETCDCTL_KEY");
    o.tls.serverNameOverride = parser.value(QStringLiteral("server-name"));
    if (parser.isSet(QStringLiteral("insecure-skip-tls-verify"))) {
        o.tls.insecureSkipVerify = true;
    } else {
        const QString skip = env.value(QStringLiteral("ETCDCTL_INSECURE_SKIP_TLS_VERIFY")).trimmed().toLower();
        o.tls.insecureSkipVerify = skip == QLatin1String("true") || skip == QLatin1String("1");
    }
    o.readOnly = parser.isSet(QStringLiteral("read-only"));
    o.ssh.destination = parser.value(QStringLiteral("ssh")).trimmed();
    o.ssh.keyFile = parser.value(QStringLiteral("ssh-key"));
    o.ssh.configFile = parser.value(QStringLiteral("ssh-config"));
    o.ssh.knownHostsFile = parser.value(QStringLiteral("ssh-known-hosts"));
    if (!o.ssh.isEnabled() && (!o.ssh.keyFile.isEmpty() || !o.ssh.configFile.isEmpty() || !o.ssh.knownHostsFile.isEmpty())) {
        *error = QStringLiteral("--ssh-key, --ssh-config and --ssh-known-hosts need --ssh user@bastion");
        return false;
    }

    const QString dial = valueOf(parser, env, QStringLiteral("dial-timeout"), "ETCDCTL_DIAL_TIMEOUT");
    if (!dial.isEmpty() && !readDuration(dial, &o.dialTimeoutMs)) {
        *error = QStringLiteral("--dial-timeout \"%1\" is not a duration like 3s or 500ms").arg(dial);
        return false;
    }
    const QString command = valueOf(parser, env, QStringLiteral("command-timeout"), "ETCDCTL_COMMAND_TIMEOUT");
    if (!command.isEmpty() && !readDuration(command, &o.callTimeoutMs)) {
        *error = QStringLiteral("--command-timeout \"%1\" is not a duration like 5s").arg(command);
        return false;
    }
    QString invalid = o.validate();
    if (invalid.isEmpty())
        invalid = o.ssh.checkFiles();
    if (!invalid.isEmpty()) {
        *error = invalid;
        return false;
    }
    *out = o;
    return true;
}

} // namespace etcd
