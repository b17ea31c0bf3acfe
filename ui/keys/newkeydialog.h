// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "format/valueformat.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QSyntaxHighlighter;
class QTimer;

namespace etcd::ui {

// Create one key: its name (typed as displayKey shows keys, so \xNN reaches any byte), its value in
// a format (validated live, with the position of the first error), and how long it lives: until
// deleted, a TTL (a new lease of its own), or an existing lease. Create is KeyOperations::create, a
// transaction that writes only if the key does not exist: an existing key is reported, never
// overwritten. A failure keeps everything typed.
class NewKeyDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Lifetime { Forever, Ttl, ExistingLease };

    NewKeyDialog(EtcdClient *client, const QByteArray &folder, char delimiter, QWidget *parent = nullptr);

    // What is typed, read back. key(): empty (ok false) when the text is not a valid key.
    QByteArray key(bool *ok = nullptr) const;
    QString valueText() const;
    // The value's bytes as they would be written (empty, with `error` set, when the text cannot be encoded).
    QByteArray value(QString *error = nullptr) const;
    ValueFormat format() const { return m_format; }
    bool isCreating() const { return m_creating; }
    bool canCreate() const; // everything typed is complete and valid, and the connection may write
    QString statusText() const; // the last outcome or problem, in plain words
    QString validationText() const; // the value's validation message (empty when valid)

    void setKeyText(const QString &text);
    void setValueText(const QString &text);
    // Switches the editor's format, converting the text (to and from hex). False when the value
    // cannot be shown in `format` (bytes that are not UTF-8 as text); the format stays as it was.
    bool setFormat(ValueFormat format);
    void setLifetime(Lifetime lifetime, qint64 ttlSeconds = 0, qint64 lease = 0);

    void create();

Q_SIGNALS:
    void created(const QByteArray &key, qint64 revision);
    void createFailed(const QString &why); // nothing was created (the text is kept)

private:
    void updateState();
    void updateKeyInfo();
    void lookUpLease();
    bool lifetimeProblem(QString *why, qint64 *ttl, qint64 *lease) const;
    QByteArray valueBytes(QString *error) const;
    void setStatus(const QString &text, bool error);
    void fail(const QString &why);

    QPointer<EtcdClient> m_client;
    ValueFormat m_format = ValueFormat::Text;
    bool m_creating = false;
    int m_leaseGeneration = 0;

    QLabel *m_banner = nullptr;
    QLineEdit *m_keyEdit = nullptr;
    QLabel *m_keyInfo = nullptr;
    QComboBox *m_formatBox = nullptr;
    QPushButton *m_prettyButton = nullptr;
    QPlainTextEdit *m_valueEdit = nullptr;
    QSyntaxHighlighter *m_highlighter = nullptr;
    QLabel *m_validation = nullptr;
    QRadioButton *m_forever = nullptr;
    QRadioButton *m_ttlRadio = nullptr;
    QSpinBox *m_ttlSpin = nullptr;
    QRadioButton *m_leaseRadio = nullptr;
    QLineEdit *m_leaseEdit = nullptr;
    QLabel *m_leaseInfo = nullptr;
    QTimer *m_leaseTimer = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_createButton = nullptr;
};

} // namespace etcd::ui
