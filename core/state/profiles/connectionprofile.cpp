// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/profiles/connectionprofile.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

#include <algorithm>

namespace etcd {

namespace {
// Everything lives under one array, so profile names never become settings keys: a name may
// contain '/', '\' or '%' (which QSettings would treat as separators or escape), and the store
// may share the application's settings with other groups.
const QString kArray = QStringLiteral("connectionProfiles");
const QString kLastUsed = QStringLiteral("lastConnectionProfile");

// Readable for ordinary prefixes ("/app/config/"), exact for any byte.
const QByteArray kScopeKeep = QByteArrayLiteral("/:@!$&'()*+,;=");

bool lessWithoutCase(const ConnectionProfile &a, const ConnectionProfile &b)
{
    const int c = a.name.compare(b.name, Qt::CaseInsensitive);
    return c != 0 ? c < 0 : a.name < b.name;
}

QString fileProblem(const QString &what, const QString &path)
{
    if (path.isEmpty())
        return {};
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("The %1 “%2” does not exist.").arg(what, path);
    if (!info.isFile())
        return QStringLiteral("The %1 “%2” is not a file.").arg(what, path);
    if (!info.isReadable())
        return QStringLiteral("The %1 “%2” cannot be read (check its permissions).").arg(what, path);
    return {};
}

ConnectionProfile readProfile(const QSettings &s)
{
    ConnectionProfile p;
    p.name = s.value(QStringLiteral("name")).toString();
    p.endpoints = s.value(QStringLiteral("endpoints")).toStringList();
    p.user = s.value(QStringLiteral("user")).toString();
    p.tls.enabled = s.value(QStringLiteral("tls/enabled"), false).toBool();
    p.tls.caFile = s.value(QStringLiteral("tls/caFile")).toString();
    p.tls.certFile = s.value(QStringLiteral("tls/certFile")).toString();
    p.tls.keyFile = s.value(QStringLiteral("tls/keyFile")).toString();
    p.tls.serverNameOverride = s.value(QStringLiteral("tls/serverNameOverride")).toString();
    p.tls.insecureSkipVerify = s.value(QStringLiteral("tls/insecureSkipVerify"), false).toBool();
    p.readOnly = s.value(QStringLiteral("readOnly"), false).toBool();
    p.scope = QByteArray::fromPercentEncoding(s.value(QStringLiteral("scope")).toString().toLatin1());
    p.colour = s.value(QStringLiteral("colour")).toString();
    if (!ConnectionProfile::isValidColour(p.colour))
        p.colour.clear(); // a hand-edited file must not break the UI
    p.rememberPassword = s.value(QStringLiteral("rememberPassword"), false).toBool();
    p.sshDestination = s.value(QStringLiteral("ssh/destination")).toString();
    p.sshKeyFile = s.value(QStringLiteral("ssh/keyFile")).toString();
    return p;
}

void writeProfile(QSettings &s, const ConnectionProfile &p)
{
    s.setValue(QStringLiteral("name"), p.name);
    s.setValue(QStringLiteral("endpoints"), p.endpoints);
    s.setValue(QStringLiteral("user"), p.user);
    s.setValue(QStringLiteral("tls/enabled"), p.tls.enabled);
    s.setValue(QStringLiteral("tls/caFile"), p.tls.caFile);
    s.setValue(QStringLiteral("tls/certFile"), p.tls.certFile);
    s.setValue(QStringLiteral("tls/keyFile"), p.tls.keyFile);
    s.setValue(QStringLiteral("tls/serverNameOverride"), p.tls.serverNameOverride);
    s.setValue(QStringLiteral("tls/insecureSkipVerify"), p.tls.insecureSkipVerify);
    s.setValue(QStringLiteral("readOnly"), p.readOnly);
    s.setValue(QStringLiteral("scope"), QString::fromLatin1(p.scope.toPercentEncoding(kScopeKeep)));
    s.setValue(QStringLiteral("colour"), p.colour);
    s.setValue(QStringLiteral("rememberPassword"), p.rememberPassword);
    s.setValue(QStringLiteral("ssh/destination"), p.sshDestination);
    s.setValue(QStringLiteral("ssh/keyFile"), p.sshKeyFile);
}

QVector<ConnectionProfile> readAll(QSettings &s)
{
    QVector<ConnectionProfile> all;
    const int n = s.beginReadArray(kArray);
    for (int i = 0; i < n; ++i) {
        s.setArrayIndex(i);
        ConnectionProfile p = readProfile(s);
        if (!p.name.isEmpty())
            all.append(std::move(p));
    }
    s.endArray();
    std::sort(all.begin(), all.end(), lessWithoutCase);
    return all;
}

void writeAll(QSettings &s, QVector<ConnectionProfile> all)
{
    std::sort(all.begin(), all.end(), lessWithoutCase);
    s.remove(kArray); // a shorter array must not leave old entries behind
    s.beginWriteArray(kArray, int(all.size()));
    for (int i = 0; i < all.size(); ++i) {
        s.setArrayIndex(i);
        writeProfile(s, all.at(i));
    }
    s.endArray();
}

int indexWithoutCase(const QVector<ConnectionProfile> &all, const QString &name)
{
    for (int i = 0; i < all.size(); ++i)
        if (all.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}
} // namespace

ConnectionOptions ConnectionProfile::toOptions(const QString &password) const
{
    ConnectionOptions o;
    for (const QString &e : endpoints)
        if (!e.trimmed().isEmpty())
            o.endpoints.append(e.trimmed());
    o.user = user;
    o.password = user.isEmpty() ? QString() : password;
    o.tls = tls;
    bool https = false;
    for (const QString &e : std::as_const(o.endpoints)) {
        bool isHttps = false;
        ConnectionOptions::normalizeEndpoint(e, &isHttps);
        https = https || isHttps;
    }
    o.tls.enabled = tls.enabled || https || !tls.caFile.isEmpty() || !tls.certFile.isEmpty() ||
                    !tls.keyFile.isEmpty() || tls.insecureSkipVerify;
    o.readOnly = readOnly;
    o.ssh.destination = sshDestination.trimmed();
    o.ssh.keyFile = sshKeyFile.trimmed();
    return o;
}

QString ConnectionProfile::validate() const
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("Give the profile a name.");
    if (name != name.trimmed())
        return QStringLiteral("The profile name cannot start or end with a space.");
    if (endpoints.isEmpty())
        return QStringLiteral("Give at least one endpoint, for example 127.0.0.1:2379.");
    for (const QString &e : endpoints) {
        if (!ConnectionOptions::endpointProblem(e).isEmpty())
            return QStringLiteral("“%1” is not an endpoint: write host:port, http://host:port or "
                                  "https://host:port (for example 127.0.0.1:2379).")
                .arg(e.size() > 60 ? e.left(57) + QStringLiteral("…") : e);
    }
    if (!tls.certFile.isEmpty() && tls.keyFile.isEmpty())
        return QStringLiteral("A client certificate needs its private key: choose the key file too.");
    if (tls.certFile.isEmpty() && !tls.keyFile.isEmpty())
        return QStringLiteral("A client key needs its certificate: choose the certificate file too.");
    if (!isValidColour(colour))
        return QStringLiteral("The colour tag “%1” is not of the form #rrggbb.").arg(colour);
    return toOptions().validate(); // anything the client itself would refuse
}

QString ConnectionProfile::checkFiles() const
{
    for (const QString &problem : {fileProblem(QStringLiteral("CA file"), tls.caFile),
                                   fileProblem(QStringLiteral("client certificate"), tls.certFile),
                                   fileProblem(QStringLiteral("client key"), tls.keyFile),
                                   fileProblem(QStringLiteral("SSH key"), sshKeyFile)}) {
        if (!problem.isEmpty())
            return problem;
    }
    return {};
}

QStringList ConnectionProfile::parseEndpoints(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

bool ConnectionProfile::isValidColour(const QString &colour)
{
    static const QRegularExpression rgb(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    return colour.isEmpty() || rgb.match(colour).hasMatch();
}

bool ConnectionProfile::operator==(const ConnectionProfile &o) const
{
    return name == o.name && endpoints == o.endpoints && user == o.user && tls.enabled == o.tls.enabled &&
           tls.caFile == o.tls.caFile && tls.certFile == o.tls.certFile && tls.keyFile == o.tls.keyFile &&
           tls.serverNameOverride == o.tls.serverNameOverride && tls.insecureSkipVerify == o.tls.insecureSkipVerify &&
           readOnly == o.readOnly && scope == o.scope && colour == o.colour && rememberPassword == o.rememberPassword &&
           sshDestination == o.sshDestination && sshKeyFile == o.sshKeyFile;
}

ProfileStore::ProfileStore(QSettings *settings, QObject *parent) : QObject(parent), m_settings(settings) {}

ProfileStore::ProfileStore(const QString &iniFilePath, QObject *parent)
    : QObject(parent), m_owned(std::make_unique<QSettings>(iniFilePath, QSettings::IniFormat)),
      m_settings(m_owned.get())
{}

ProfileStore::~ProfileStore()
{
    if (m_settings)
        m_settings->sync();
}

QStringList ProfileStore::list() const
{
    QStringList names;
    for (const ConnectionProfile &p : readAll(*m_settings))
        names.append(p.name);
    return names;
}

bool ProfileStore::contains(const QString &name) const
{
    return load(name).has_value();
}

std::optional<ConnectionProfile> ProfileStore::load(const QString &name) const
{
    for (ConnectionProfile &p : readAll(*m_settings))
        if (p.name == name)
            return std::move(p);
    return std::nullopt;
}

bool ProfileStore::save(const ConnectionProfile &profile, QString *error)
{
    const QString problem = profile.validate();
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    QVector<ConnectionProfile> all = readAll(*m_settings);
    const int i = indexWithoutCase(all, profile.name);
    if (i >= 0 && all.at(i).name != profile.name) {
        if (error)
            *error = QStringLiteral("A profile named “%1” already exists (names are compared without regard to case).")
                         .arg(all.at(i).name);
        return false;
    }
    if (i >= 0)
        all[i] = profile;
    else
        all.append(profile);
    writeAll(*m_settings, all);
    Q_EMIT changed();
    return true;
}

bool ProfileStore::remove(const QString &name)
{
    QVector<ConnectionProfile> all = readAll(*m_settings);
    const auto it = std::find_if(all.begin(), all.end(), [&](const ConnectionProfile &p) { return p.name == name; });
    if (it == all.end())
        return false;
    all.erase(it);
    writeAll(*m_settings, all);
    if (m_settings->value(kLastUsed).toString() == name)
        setLastUsed({});
    Q_EMIT changed();
    return true;
}

bool ProfileStore::rename(const QString &from, const QString &to, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    QVector<ConnectionProfile> all = readAll(*m_settings);
    const auto it = std::find_if(all.begin(), all.end(), [&](const ConnectionProfile &p) { return p.name == from; });
    if (it == all.end())
        return fail(QStringLiteral("There is no profile named “%1”.").arg(from));
    ConnectionProfile renamed = *it;
    renamed.name = to;
    if (const QString problem = renamed.validate(); !problem.isEmpty())
        return fail(problem);
    const int clash = indexWithoutCase(all, to);
    if (clash >= 0 && all.at(clash).name != from) // "prod" -> "Prod" is a rename, not a clash
        return fail(QStringLiteral("A profile named “%1” already exists.").arg(all.at(clash).name));
    *it = renamed;
    writeAll(*m_settings, all);
    if (m_settings->value(kLastUsed).toString() == from)
        setLastUsed(to);
    Q_EMIT changed();
    return true;
}

QString ProfileStore::lastUsed() const
{
    const QString name = m_settings->value(kLastUsed).toString();
    return contains(name) ? name : QString();
}

void ProfileStore::setLastUsed(const QString &name)
{
    if (name.isEmpty())
        m_settings->remove(kLastUsed);
    else
        m_settings->setValue(kLastUsed, name);
}

bool ProfileStore::sync()
{
    m_settings->sync();
    return m_settings->status() == QSettings::NoError;
}

QString ProfileStore::fileName() const
{
    return m_settings->fileName();
}

} // namespace etcd
