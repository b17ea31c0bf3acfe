// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/profiles/passwordvault.h"

#include <QPromise>

#include <qt6keychain/keychain.h>

#include <memory>

namespace etcd {

namespace {
// A key no profile uses: reading it tells whether a keychain answers at all.
const QString kProbeKey = QStringLiteral("etcd-console availability probe (never stored)");

QString noKeychainText(const QString &detail)
{
    // QtKeychain says "Unknown error" when neither libsecret nor libgnome-keyring could be loaded.
    const bool vague = detail.isEmpty() || detail == QLatin1String("Unknown error");
    return QStringLiteral("No system keychain is available (%1): the password is asked for when connecting "
                          "and never written to disk.")
        .arg(vague ? QStringLiteral("no Secret Service or KWallet found") : detail);
}
} // namespace

PasswordVault::PasswordVault(QObject *parent) : PasswordVault(defaultService(), parent) {}

PasswordVault::PasswordVault(const QString &service, QObject *parent) : QObject(parent), m_service(service)
{
    qRegisterMetaType<VaultResult>();
}

PasswordVault::~PasswordVault() = default; // jobs are children: they go, their futures are cancelled

QFuture<VaultResult> PasswordVault::read(const QString &profileName)
{
    return run(Op::Read, profileName, {});
}

QFuture<VaultResult> PasswordVault::write(const QString &profileName, const QString &password)
{
    if (password.isEmpty())
        return remove(profileName);
    return run(Op::Write, profileName, password);
}

QFuture<VaultResult> PasswordVault::remove(const QString &profileName)
{
    return run(Op::Remove, profileName, {});
}

QFuture<VaultResult> PasswordVault::probe()
{
    return run(Op::Probe, kProbeKey, {});
}

QFuture<VaultResult> PasswordVault::run(Op op, const QString &key, const QString &password)
{
    // Shared with the job's finished handler. If the vault (and with it the job and the handler)
    // goes first, the promise is destroyed unfinished, which cancels the future.
    auto promise = std::make_shared<QPromise<VaultResult>>();
    promise->start();
    const QFuture<VaultResult> future = promise->future();

    QKeychain::Job *job = nullptr;
    switch (op) {
    case Op::Read:
    case Op::Probe: job = new QKeychain::ReadPasswordJob(m_service, this); break;
    case Op::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service, this);
        write->setTextData(password);
        job = write;
        break;
    }
    case Op::Remove: job = new QKeychain::DeletePasswordJob(m_service, this); break;
    }
    job->setKey(key);
    // Never the plain-text QSettings fallback: without a keychain the password stays in memory.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, promise, op](QKeychain::Job *done) {
        VaultResult r;
        switch (done->error()) {
        case QKeychain::NoError:
            r.status = VaultResult::Status::Ok;
            if (op == Op::Read) // (a probe's entry never exists; if one did, it is no one's password)
                r.password = static_cast<QKeychain::ReadPasswordJob *>(done)->textData();
            break;
        case QKeychain::EntryNotFound:
            // Removing what is not there is done; a probe that got an answer found a keychain.
            r.status = op == Op::Read ? VaultResult::Status::NotFound : VaultResult::Status::Ok;
            if (op == Op::Read)
                r.message = QStringLiteral("No password is stored in the keychain for “%1”.").arg(done->key());
            break;
        case QKeychain::AccessDenied:
        case QKeychain::AccessDeniedByUser:
            r.status = VaultResult::Status::Denied;
            r.message = QStringLiteral("The keychain refused access (is it locked?): %1").arg(done->errorString());
            break;
        case QKeychain::NoBackendAvailable:
        case QKeychain::NotImplemented:
            r.status = VaultResult::Status::NoKeychain;
            r.message = noKeychainText(done->errorString());
            break;
        case QKeychain::OtherError:
            // Without a keychain service, the backends fail with D-Bus errors reported as
            // OtherError ("The name org.freedesktop.secrets was not provided by any .service
            // files", "Could not open wallet"). Until one operation has worked, that is what it means.
            if (m_availability != Availability::Available) {
                r.status = VaultResult::Status::NoKeychain;
                r.message = noKeychainText(done->errorString());
            } else {
                r.status = VaultResult::Status::Failed;
                r.message = QStringLiteral("The keychain failed: %1").arg(done->errorString());
            }
            break;
        case QKeychain::CouldNotDeleteEntry:
            r.status = VaultResult::Status::Failed;
            r.message = QStringLiteral("The keychain could not delete the password: %1").arg(done->errorString());
            break;
        }
        noteAvailability(r);
        promise->addResult(r);
        promise->finish();
    });
    job->start();
    return future;
}

void PasswordVault::noteAvailability(const VaultResult &result)
{
    Availability now = m_availability;
    switch (result.status) {
    case VaultResult::Status::Ok:
    case VaultResult::Status::NotFound:
    case VaultResult::Status::Denied: now = Availability::Available; break;
    case VaultResult::Status::NoKeychain: now = Availability::Unavailable; break;
    case VaultResult::Status::Failed: break;
    }
    m_unavailableReason = now == Availability::Unavailable ? result.message : QString();
    if (now != m_availability) {
        m_availability = now;
        Q_EMIT availabilityChanged(now);
    }
}

} // namespace etcd
