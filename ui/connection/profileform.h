// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/profiles/connectionprofile.h"

#include <QWidget>

class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace etcd::ui {

class ColourTagPicker;

// The fields of one connection profile: name, colour tag, endpoints, user and password, TLS files
// and options, read-only and scope. It checks what was typed and points at the field that is
// wrong, never changing or clearing it. ConnectionDialog puts it next to the profile list.
class ProfileForm : public QWidget
{
    Q_OBJECT
public:
    explicit ProfileForm(QWidget *parent = nullptr);

    void setProfile(const ConnectionProfile &profile, const QString &password);
    // What the fields say now (name and user trimmed, endpoints split, TLS empty when switched off).
    ConnectionProfile profile() const;
    QString password() const;
    void setPassword(const QString &password); // e.g. read from the keychain; not an edit
    void setPasswordNote(const QString &note);
    void setColour(const QString &colour); // "" or "#rrggbb"

    // Whether "remember in keychain" can be offered; `explanation` says why not.
    void setKeychainAvailable(bool available, const QString &explanation = {});

    // Empty when the profile can be used; otherwise the problem in plain words, and the field
    // that holds it is marked and focused. `files` also checks that the TLS files exist.
    QString check(bool files = true);
    void clearMarks();

Q_SIGNALS:
    void edited(); // the user changed a field

private:
    QWidget *browseRow(QLineEdit *edit, const QString &title);
    void mark(QWidget *field);
    void onEdited();
    void updateTlsState();

    bool m_loading = false;
    QWidget *m_marked = nullptr;
    QLineEdit *m_name = nullptr;
    ColourTagPicker *m_colour = nullptr;
    QPlainTextEdit *m_endpoints = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_passwordNote = nullptr;
    bool m_keychainAvailable = true;
    QGroupBox *m_tls = nullptr;
    QLineEdit *m_ca = nullptr;
    QLineEdit *m_cert = nullptr;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_serverName = nullptr;
    QCheckBox *m_skipVerify = nullptr;
    QLabel *m_skipWarning = nullptr;
    QCheckBox *m_readOnly = nullptr;
    QLineEdit *m_scope = nullptr;
    QLineEdit *m_sshDestination = nullptr;
    QLineEdit *m_sshKey = nullptr;
};

} // namespace etcd::ui
