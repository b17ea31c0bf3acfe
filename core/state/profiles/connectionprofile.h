// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/connectionoptions.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QSettings;

namespace etcd {

// A saved way to reach a cluster. It never holds a password: that lives in the system keychain
// (PasswordVault) or only in memory for one session.
struct ConnectionProfile
{
    QString name;
    QStringList endpoints; // as the user typed them: "host:port", "http://..." or "https://..."
    QString user;          // empty: no authentication
    TlsOptions tls;
    bool readOnly = false;         // the console sends no write at all (refused in core)
    QByteArray scope;              // key prefix the console starts in; any bytes; empty: whole keyspace
    QString colour;                // "#rrggbb" tag shown wherever the connection is named; empty: none
    bool rememberPassword = false; // the password is kept in the system keychain under `name`
    // Through an SSH bastion: "[user@]host[:port]" or a ~/.ssh/config alias (empty: direct), and
    // its key (empty: ssh-agent, then the config's and the default keys). Secrets are asked.
    QString sshDestination;
    QString sshKeyFile;

    // Options for EtcdClient. TLS is switched on by an https:// endpoint, any TLS file, or
    // skip-verify (which only means something over TLS).
    ConnectionOptions toOptions(const QString &password = {}) const;
    // Empty when the profile can be saved; otherwise what is wrong, in plain words.
    QString validate() const;
    // Empty when every TLS file given exists and is readable; otherwise which one is not.
    QString checkFiles() const;

    // "a:1, b:2\nc:3" -> {"a:1", "b:2", "c:3"}: commas, spaces and new lines all separate.
    static QStringList parseEndpoints(const QString &text);
    static bool isValidColour(const QString &colour); // "" or "#rrggbb"

    bool operator==(const ConnectionProfile &other) const;
    bool operator!=(const ConnectionProfile &other) const { return !(*this == other); }
};

// Connection profiles kept in a QSettings store (the application's settings, or an INI file).
// The profiles are one array "connectionProfiles" (so a name never becomes a settings key); there
// is no password key, ever.
// Names are unique without regard to case (QSettings on Windows would merge "Prod" and "prod").
class ProfileStore : public QObject
{
    Q_OBJECT
public:
    // `settings` is not owned and must outlive the store.
    explicit ProfileStore(QSettings *settings, QObject *parent = nullptr);
    // An INI file of its own (tests, --profiles FILE).
    explicit ProfileStore(const QString &iniFilePath, QObject *parent = nullptr);
    ~ProfileStore() override;

    QStringList list() const; // profile names, sorted without regard to case
    bool contains(const QString &name) const;
    std::optional<ConnectionProfile> load(const QString &name) const;
    // Creates or replaces the profile called profile.name. False (and *error) when it does not
    // validate or another profile has the same name in a different case.
    bool save(const ConnectionProfile &profile, QString *error = nullptr);
    bool remove(const QString &name);
    // Renames, keeping every field. False when `from` does not exist or `to` is taken or empty.
    bool rename(const QString &from, const QString &to, QString *error = nullptr);

    // The profile used last (to preselect it); empty when none or it was removed.
    QString lastUsed() const;
    void setLastUsed(const QString &name);

    // Writes pending changes to disk. False when the file could not be written.
    bool sync();
    QSettings *settings() const { return m_settings; }
    QString fileName() const;

Q_SIGNALS:
    void changed(); // a profile was saved, removed or renamed

private:
    std::unique_ptr<QSettings> m_owned;
    QSettings *m_settings = nullptr;
};

} // namespace etcd
