// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "support/sshserver.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <pwd.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

namespace etcd::test {

namespace {

QString findSshd()
{
    for (const QString &path : {QStringLiteral("/usr/sbin/sshd"), QStringLiteral("/sbin/sshd")})
        if (QFileInfo(path).isExecutable())
            return path;
    return QStandardPaths::findExecutable(QStringLiteral("sshd"));
}

int freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

bool portAnswers(int port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(port));
    return socket.waitForConnected(200);
}

// The child leads a process group of its own, so kill() reaches the session processes too.
void ownProcessGroup(QProcess *process)
{
    process->setChildProcessModifier([] { ::setpgid(0, 0); });
}

} // namespace

bool runTool(const QString &program, const QStringList &arguments, QString *output, QString *error,
             const QByteArray &input)
{
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        *error =
            QStringLiteral("%1 is not installed (sudo apt-get install openssh-client openssh-server)").arg(program);
        return false;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(path, arguments);
    if (!process.waitForStarted(5000)) {
        *error = QStringLiteral("%1 did not start: %2").arg(program, process.errorString());
        return false;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        *error = QStringLiteral("%1 did not finish").arg(program);
        return false;
    }
    const QString out = QString::fromLocal8Bit(process.readAll());
    if (output)
        *output = out;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QStringLiteral("%1 %2 failed: %3").arg(program, arguments.join(QLatin1Char(' ')), out.trimmed());
        return false;
    }
    return true;
}

SshServer::SshServer() = default;

SshServer::SshServer(const Settings &settings) : m_settings(settings) {}

SshServer::~SshServer()
{
    kill();
    if (m_agent) {
        m_agent->kill();
        m_agent->waitForFinished(2000);
    }
}

QString SshServer::user() const
{
    const passwd *pw = ::getpwuid(::geteuid());
    return pw ? QString::fromLocal8Bit(pw->pw_name) : QString::fromLocal8Bit(qgetenv("USER"));
}

QString SshServer::destination(const QString &user) const
{
    return QStringLiteral("%1@127.0.0.1:%2").arg(user.isEmpty() ? this->user() : user).arg(m_port);
}

QString SshServer::knownHostsFile() const
{
    const QString path = m_dir.filePath(QStringLiteral("known_hosts"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(m_knownHostsLine.toUtf8() + '\n');
    return path;
}

bool SshServer::makeHostKey(QString *error)
{
    const QString key = m_dir.filePath(QStringLiteral("host_ed25519"));
    QString output;
    if (!runTool(QStringLiteral("ssh-keygen"),
                 {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                  QString(), QStringLiteral("-f"), key},
                 &output, error))
        return false;
    QFile pub(key + QStringLiteral(".pub"));
    if (!pub.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("no host public key written");
        return false;
    }
    const QStringList parts = QString::fromUtf8(pub.readAll()).trimmed().split(QLatin1Char(' '));
    m_knownHostsLine = QStringLiteral("[127.0.0.1]:%1 %2 %3").arg(m_port).arg(parts.value(0), parts.value(1));
    if (!runTool(QStringLiteral("ssh-keygen"),
                 {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"), QStringLiteral("-f"),
                  key + QStringLiteral(".pub")},
                 &output, error))
        return false;
    m_fingerprint = output.split(QLatin1Char(' ')).value(1);
    return true;
}

bool SshServer::writeConfig(QString *error)
{
    QFile file(m_dir.filePath(QStringLiteral("sshd_config")));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = file.errorString();
        return false;
    }
    const QString d = m_dir.path();
    QString config = QStringLiteral("Port %1\nListenAddress 127.0.0.1\nHostKey %2/host_ed25519\nPidFile %2/sshd.pid\n"
                                    "AuthorizedKeysFile %2/authorized_keys\nStrictModes no\nUsePAM no\n"
                                    "PubkeyAuthentication yes\nKbdInteractiveAuthentication no\n"
                                    "PasswordAuthentication %3\nPermitRootLogin yes\nAllowTcpForwarding yes\n"
                                    "PermitOpen any\nMaxStartups 100\nLogLevel VERBOSE\n")
                         .arg(m_port)
                         .arg(d, m_settings.passwords ? QStringLiteral("yes") : QStringLiteral("no"));
    file.write(config.toUtf8());
    return true;
}

bool SshServer::start(QString *error)
{
    const QString sshd = findSshd();
    if (sshd.isEmpty()) {
        *error = QStringLiteral("sshd is not installed: the SSH tests need a real OpenSSH server "
                                "(sudo apt-get install openssh-server)");
        return false;
    }
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    if (m_port == 0) {
        m_port = freePort();
        if (!makeHostKey(error) || !writeConfig(error))
            return false;
    }
    // sshd started by root wants its privilege-separation directory.
    if (::geteuid() == 0)
        QDir().mkpath(QStringLiteral("/run/sshd"));
    m_sshd = std::make_unique<QProcess>();
    m_sshd->setProcessChannelMode(QProcess::MergedChannels);
    m_sshd->setStandardOutputFile(m_dir.filePath(QStringLiteral("sshd.log")), QIODevice::Append);
    ownProcessGroup(m_sshd.get());
    m_sshd->start(sshd, {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"),
                         m_dir.filePath(QStringLiteral("sshd_config"))});
    if (!m_sshd->waitForStarted(5000)) {
        *error = QStringLiteral("sshd did not start: %1").arg(m_sshd->errorString());
        return false;
    }
    const QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        if (portAnswers(m_port))
            return true;
        if (m_sshd->state() == QProcess::NotRunning)
            break;
        QThread::msleep(50);
    }
    QFile log(m_dir.filePath(QStringLiteral("sshd.log")));
    log.open(QIODevice::ReadOnly);
    *error = QStringLiteral("sshd did not listen on port %1: %2")
                 .arg(m_port)
                 .arg(QString::fromLocal8Bit(log.readAll()).trimmed());
    return false;
}

void SshServer::kill()
{
    if (!m_sshd)
        return;
    const qint64 pid = m_sshd->processId();
    if (pid > 0) {
        // sshd's session processes leave its process group (setsid), so they are found by parent.
        QList<pid_t> doomed{static_cast<pid_t>(pid)};
        bool grew = true;
        while (grew) {
            grew = false;
            for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
                bool numeric = false;
                const pid_t child = entry.toInt(&numeric);
                if (!numeric || doomed.contains(child))
                    continue;
                QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
                if (!stat.open(QIODevice::ReadOnly))
                    continue;
                const QByteArray text = stat.readAll();
                const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
                if (doomed.contains(static_cast<pid_t>(fields.value(1).toInt()))) {
                    doomed << child;
                    grew = true;
                }
            }
        }
        for (const pid_t p : doomed)
            ::kill(p, SIGKILL);
    }
    m_sshd->waitForFinished(5000);
    m_sshd.reset();
}

QString SshServer::makeKey(const QString &name, const QString &type, const QString &format, const QString &passphrase,
                           QString *error)
{
    const QString path = m_dir.filePath(name);
    QFile::remove(path);
    QFile::remove(path + QStringLiteral(".pub"));
    QStringList args{QStringLiteral("-q"), QStringLiteral("-t"), type, QStringLiteral("-N"),
                     passphrase,           QStringLiteral("-f"), path};
    if (type == QLatin1String("rsa"))
        args << QStringLiteral("-b") << QStringLiteral("2048");
    if (format == QLatin1String("pem"))
        args << QStringLiteral("-m") << QStringLiteral("PEM");
    QString output;
    if (!runTool(QStringLiteral("ssh-keygen"), args, &output, error))
        return {};
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

bool SshServer::authorize(const QString &privateKey, QString *error)
{
    QFile pub(privateKey + QStringLiteral(".pub"));
    QFile keys(m_dir.filePath(QStringLiteral("authorized_keys")));
    if (!pub.open(QIODevice::ReadOnly) || !keys.open(QIODevice::Append)) {
        *error = QStringLiteral("cannot add %1 to authorized_keys").arg(privateKey);
        return false;
    }
    keys.write(pub.readAll().trimmed() + '\n');
    return true;
}

bool SshServer::ensurePasswordUser(const QString &password, QString *error)
{
    if (::geteuid() != 0) {
        *error = QStringLiteral("the password test needs root: sshd checks passwords against /etc/shadow, so it "
                                "creates the user %1 with a known password (CI runs as root)")
                     .arg(passwordUser());
        return false;
    }
    QString output;
    if (!::getpwnam(passwordUser().toLocal8Bit().constData()) &&
        !runTool(QStringLiteral("useradd"),
                 {QStringLiteral("--system"), QStringLiteral("--no-create-home"), QStringLiteral("--shell"),
                  QStringLiteral("/bin/sh"), passwordUser()},
                 &output, error))
        return false;
    return runTool(QStringLiteral("chpasswd"), {}, &output, error,
                   (passwordUser() + QLatin1Char(':') + password).toUtf8() + '\n');
}

QString SshServer::startAgent(const QString &privateKey, QString *error)
{
    const QString socket = m_dir.filePath(QStringLiteral("agent.sock"));
    const QString agent = QStandardPaths::findExecutable(QStringLiteral("ssh-agent"));
    if (agent.isEmpty()) {
        *error = QStringLiteral("ssh-agent is not installed (sudo apt-get install openssh-client)");
        return {};
    }
    m_agent = std::make_unique<QProcess>();
    m_agent->setProcessChannelMode(QProcess::MergedChannels);
    m_agent->start(agent, {QStringLiteral("-D"), QStringLiteral("-a"), socket});
    if (!m_agent->waitForStarted(5000)) {
        *error = QStringLiteral("ssh-agent did not start");
        return {};
    }
    const QDeadlineTimer deadline(5000);
    while (!QFileInfo::exists(socket) && !deadline.hasExpired())
        QThread::msleep(20);
    QProcess add;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SSH_AUTH_SOCK"), socket);
    add.setProcessEnvironment(env);
    add.setProcessChannelMode(QProcess::MergedChannels);
    add.start(QStringLiteral("ssh-add"), {privateKey});
    if (!add.waitForFinished(10000) || add.exitCode() != 0) {
        *error = QStringLiteral("ssh-add failed: %1").arg(QString::fromLocal8Bit(add.readAll()));
        return {};
    }
    return socket;
}

} // namespace etcd::test
