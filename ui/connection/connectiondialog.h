// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/profiles/connectionprofile.h"
#include "state/profiles/connectiontester.h"

#include <QDialog>
#include <QPointer>
#include <QVector>

#include <functional>

class QLabel;
class QListWidget;
class QPushButton;

namespace etcd {
class PasswordVault;
}

namespace etcd::ui {

class ConnectionTestView;
class ProfileForm;

// File > Connect…: the saved connection profiles on the left, the selected one's fields on the
// right (ProfileForm), "Test connection" (asynchronous, cancellable; version, leader, members,
// auth and round-trip latency, or the failure in plain words), Save, and Connect.
//
// Edits are drafts until saved: switching between profiles keeps what was typed in each, and a
// refused save or test only explains itself inline. Passwords never reach the ProfileStore: with
// "remember" ticked they go to the system keychain (PasswordVault), otherwise only into password().
// One vault for every dialog and window: a keychain write started by "Connect" (or a remembered
// SSH passphrase) must outlive the dialog that started it.
PasswordVault *sharedVault();

class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    // `store` must outlive the dialog. Without a vault the dialog makes its own.
    explicit ConnectionDialog(ProfileStore *store, PasswordVault *vault = nullptr, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    // After Connect: the profile as saved, and the password typed or read from the keychain
    // (empty: none given; the caller asks for it if the profile has a user).
    ConnectionProfile profile() const { return m_chosen; }
    QString password() const { return m_chosenPassword; }

    void selectProfile(const QString &name); // a saved profile, by name
    QString currentName() const;             // of the profile being edited (as typed)
    QStringList profileNames() const;        // the list as shown (drafts included)
    ProfileForm *form() const { return m_form; }

    // The buttons' actions, for tests and the keyboard.
    void newProfile();
    void duplicateProfile();
    void deleteProfile();    // asks first (see setConfirmation)
    bool saveProfile();      // false: the reason is shown inline, nothing typed is lost
    void testConnection();   // starts, or cancels the test under way
    void connectToProfile(); // save, then accept

    // Replaces the "really delete?" message box (tests).
    void setConfirmation(std::function<bool(const QString &question)> confirm) { m_confirm = std::move(confirm); }

    bool isTesting() const { return m_tester != nullptr; }
    QString messageText() const;    // the inline message (problem, warning or "Saved")
    QString testResultText() const; // plain text of the last test (or of the test under way)

Q_SIGNALS:
    void testFinished(const etcd::ConnectionTestReport &report);

private:
    struct Entry
    {
        QString storedName; // empty: not saved yet
        ConnectionProfile draft;
        QString password;
        bool passwordRead = false; // the keychain was asked already
        bool dirty = false;
    };
    enum class Tone { Error, Warning, Success, Info };

    void addEntry(const Entry &entry, bool select);
    void onRowChanged(int row);
    void onEdited();
    void refreshItem(int row);
    void readPassword(int row);
    void storePassword(const QString &oldName, const ConnectionProfile &saved, const QString &password);
    void onKeychainAvailability();
    void onTestFinished(const ConnectionTestReport &report);
    void setTesting(bool testing);
    void showMessage(Tone tone, const QString &text);
    QString uniqueName(const QString &base) const;
    int rowOfStored(const QString &name) const;

    ProfileStore *m_store = nullptr;
    PasswordVault *m_vault = nullptr;
    QVector<Entry> m_entries;
    int m_current = -1;
    std::function<bool(const QString &)> m_confirm;
    QPointer<ConnectionTester> m_tester;
    ConnectionProfile m_chosen;
    QString m_chosenPassword;

    QListWidget *m_list = nullptr;
    ProfileForm *m_form = nullptr;
    ConnectionTestView *m_testView = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_connectButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
};

} // namespace etcd::ui
