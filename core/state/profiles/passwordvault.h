// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QFuture>
#include <QMetaType>
#include <QObject>
#include <QString>

namespace etcd {

// What a keychain operation came to.
struct VaultResult
{
    enum class Status {
        Ok,         // done (read: `password` holds it)
        NotFound,   // nothing stored for that profile
        NoKeychain, // no keychain service here (no Secret Service / KWallet on D-Bus, ...)
        Denied,     // the keychain is there but refused (locked, the user said no)
        Failed,     // anything else; `message` says what
    };
    Status status = Status::Failed;
    QString password; // read only
    QString message;  // plain words when not Ok

    bool ok() const { return status == Status::Ok; }
};

// Passwords of connection profiles in the system keychain, through QtKeychain: service
// "etcd-console", key = the profile name. QtKeychain's plain-text fallback is switched off on
// every job: when no keychain answers, the operation fails with NoKeychain and nothing is written
// anywhere; the caller then asks for the password each time.
//
// Every call returns at once; the future completes on this object's thread (its jobs run on this
// thread's event loop), so continue with whenFinished(). Destroying the vault cancels what is
// under way (the futures are cancelled, not completed).
class PasswordVault : public QObject
{
    Q_OBJECT
public:
    enum class Availability { Unknown, Available, Unavailable };
    Q_ENUM(Availability)

    explicit PasswordVault(QObject *parent = nullptr);
    // Another service name keeps tests away from the user's real entries.
    explicit PasswordVault(const QString &service, QObject *parent = nullptr);
    ~PasswordVault() override;

    static QString defaultService() { return QStringLiteral("etcd-console"); }
    QString service() const { return m_service; }

    QFuture<VaultResult> read(const QString &profileName);
    // An empty password removes the entry.
    QFuture<VaultResult> write(const QString &profileName, const QString &password);
    // Removing an entry that does not exist is Ok.
    QFuture<VaultResult> remove(const QString &profileName);
    // Looks up an entry that never exists: Ok when a keychain answered, NoKeychain otherwise.
    QFuture<VaultResult> probe();

    // What the last operation showed (Unknown before the first one completes).
    Availability availability() const { return m_availability; }
    // Why there is no keychain, in plain words (empty while available or unknown).
    QString unavailableReason() const { return m_unavailableReason; }

Q_SIGNALS:
    void availabilityChanged(etcd::PasswordVault::Availability availability);

private:
    enum class Op { Read, Write, Remove, Probe };
    QFuture<VaultResult> run(Op op, const QString &key, const QString &password);
    void noteAvailability(const VaultResult &result);

    QString m_service;
    Availability m_availability = Availability::Unknown;
    QString m_unavailableReason;
};

} // namespace etcd

Q_DECLARE_METATYPE(etcd::VaultResult)
