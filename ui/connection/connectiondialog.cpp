// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "connection/connectiondialog.h"

#include "client/continuation.h"
#include "connection/connectiontestview.h"
#include "connection/profileform.h"
#include "connection/profilelistdelegate.h"
#include "state/profiles/passwordvault.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace etcd::ui {

PasswordVault *sharedVault()
{
    static QPointer<PasswordVault> vault;
    if (!vault)
        vault = new PasswordVault(QCoreApplication::instance());
    return vault;
}

ConnectionDialog::ConnectionDialog(ProfileStore *store, PasswordVault *vault, QWidget *parent)
    : QDialog(parent), m_store(store), m_vault(vault ? vault : sharedVault())
{
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowTitle(tr("Connect to etcd"));
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Delete profile"), question) == QMessageBox::Yes;
    };

    auto button = [this](const QString &text, const char *name, auto slot) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(QLatin1String(name));
        b->setAutoDefault(false);
        connect(b, &QPushButton::clicked, this, slot);
        return b;
    };
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setFixedWidth(240);
    m_list->setItemDelegate(new ProfileListDelegate(m_list));
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectionDialog::onRowChanged);
    m_deleteButton = button(tr("Delete"), "deleteButton", &ConnectionDialog::deleteProfile);
    m_form = new ProfileForm(this);
    connect(m_form, &ProfileForm::edited, this, &ConnectionDialog::onEdited);
    m_testView = new ConnectionTestView(this);
    m_testButton = button(tr("Test connection"), "testButton", &ConnectionDialog::testConnection);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("inlineMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();
    m_saveButton = button(tr("Save"), "saveButton", &ConnectionDialog::saveProfile);
    m_connectButton = button(tr("Connect"), "connectButton", &ConnectionDialog::connectToProfile);
    m_connectButton->setDefault(true);

    auto *listButtons = new QHBoxLayout;
    listButtons->setSpacing(4);
    listButtons->addWidget(button(tr("New"), "newButton", &ConnectionDialog::newProfile));
    listButtons->addWidget(button(tr("Duplicate"), "duplicateButton", &ConnectionDialog::duplicateProfile));
    listButtons->addWidget(m_deleteButton);
    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("<b>Profiles</b>"), this));
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);
    auto *testTitle = new QHBoxLayout;
    testTitle->addWidget(new QLabel(tr("<b>Connection test</b>"), this));
    testTitle->addStretch(1);
    testTitle->addWidget(m_testButton);
    auto *right = new QVBoxLayout;
    right->addWidget(m_form);
    right->addLayout(testTitle);
    right->addWidget(m_testView, 1);
    auto *top = new QHBoxLayout;
    top->addLayout(left);
    top->addSpacing(6);
    top->addLayout(right, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_message, 1);
    buttons->addStretch(0); // keeps the buttons on the right while there is no message
    buttons->addWidget(m_saveButton);
    buttons->addWidget(button(tr("Cancel"), "cancelButton", &ConnectionDialog::reject));
    buttons->addWidget(m_connectButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addLayout(buttons);
    resize(1060, 760);

    connect(m_vault, &PasswordVault::availabilityChanged, this, &ConnectionDialog::onKeychainAvailability);
    onKeychainAvailability();
    if (m_vault->availability() == PasswordVault::Availability::Unknown)
        m_vault->probe(); // the answer arrives as availabilityChanged

    for (const QString &name : m_store->list()) {
        Entry e;
        e.storedName = name;
        e.draft = *m_store->load(name);
        addEntry(e, false);
    }
    if (m_entries.isEmpty()) {
        newProfile();
        m_entries.first().draft.name = tr("local");
        m_form->setProfile(m_entries.first().draft, {});
        refreshItem(0);
    } else {
        const int last = rowOfStored(m_store->lastUsed());
        m_list->setCurrentRow(last >= 0 ? last : 0);
    }
}

ConnectionDialog::~ConnectionDialog() = default; // a test under way goes with its tester (a child)

void ConnectionDialog::addEntry(const Entry &entry, bool select)
{
    m_entries.append(entry);
    m_list->addItem(new QListWidgetItem);
    refreshItem(int(m_entries.size()) - 1);
    if (select)
        m_list->setCurrentRow(int(m_entries.size()) - 1);
}

void ConnectionDialog::refreshItem(int row)
{
    const Entry &e = m_entries.at(row);
    QListWidgetItem *item = m_list->item(row);
    item->setText((e.draft.name.isEmpty() ? tr("(no name)") : e.draft.name) +
                  (e.dirty ? QStringLiteral(" *") : QString()));
    QStringList details;
    if (!e.draft.endpoints.isEmpty())
        details << (e.draft.endpoints.size() > 1
                        ? tr("%1 +%2").arg(e.draft.endpoints.first()).arg(e.draft.endpoints.size() - 1)
                        : e.draft.endpoints.first());
    if (e.draft.readOnly)
        details << tr("read-only");
    if (e.draft.toOptions().tls.enabled)
        details << (e.draft.tls.insecureSkipVerify ? tr("TLS unverified") : tr("TLS"));
    item->setData(ProfileListDelegate::DetailRole, details.join(QStringLiteral(" · ")));
    item->setData(ProfileListDelegate::ColourRole, e.draft.colour);
    QString tip = e.draft.endpoints.join(QLatin1Char('\n'));
    if (e.storedName.isEmpty() || e.dirty)
        tip += tr("\nNot saved yet");
    item->setToolTip(tip);
    QFont font = m_list->font();
    font.setItalic(e.storedName.isEmpty());
    item->setFont(font);
}

void ConnectionDialog::onRowChanged(int row)
{
    if (row < 0 || row >= m_entries.size()) {
        m_current = -1;
        return;
    }
    m_current = row;
    const Entry &e = m_entries.at(row);
    m_form->setProfile(e.draft, e.password);
    showMessage(Tone::Info, {});
    readPassword(row);
}

void ConnectionDialog::onEdited()
{
    if (m_current < 0)
        return;
    Entry &e = m_entries[m_current];
    e.draft = m_form->profile();
    e.password = m_form->password();
    e.dirty = true;
    refreshItem(m_current);
    showMessage(Tone::Info, {});
}

void ConnectionDialog::readPassword(int row)
{
    Entry &e = m_entries[row];
    if (e.storedName.isEmpty() || !e.draft.rememberPassword || e.passwordRead || !e.password.isEmpty() ||
        m_vault->availability() == PasswordVault::Availability::Unavailable)
        return;
    e.passwordRead = true;
    const QString name = e.storedName;
    m_form->setPasswordNote(tr("Reading the password from the keychain…"));
    whenFinished(m_vault->read(name), this, [this, name](const VaultResult &r) {
        const int i = rowOfStored(name);
        if (i < 0)
            return;
        Entry &entry = m_entries[i];
        if (r.ok() && entry.password.isEmpty())
            entry.password = r.password;
        if (i != m_current)
            return;
        if (r.ok() && m_form->password().isEmpty())
            m_form->setPassword(r.password);
        m_form->setPasswordNote(r.ok() ? tr("Password read from the system keychain.") : r.message);
    });
}

void ConnectionDialog::newProfile()
{
    Entry e;
    e.draft.name = uniqueName(tr("new profile"));
    e.draft.endpoints = {QStringLiteral("127.0.0.1:2379")};
    e.dirty = true;
    e.passwordRead = true;
    addEntry(e, true);
    m_form->setFocus();
}

void ConnectionDialog::duplicateProfile()
{
    if (m_current < 0)
        return;
    Entry e = m_entries.at(m_current);
    e.storedName.clear();
    e.draft.name = uniqueName(tr("%1 (copy)").arg(e.draft.name));
    e.dirty = true;
    e.passwordRead = true;
    addEntry(e, true);
}

void ConnectionDialog::deleteProfile()
{
    if (m_current < 0)
        return;
    const Entry e = m_entries.at(m_current);
    if (!e.storedName.isEmpty()) {
        if (!m_confirm(tr("Delete the profile “%1”? A password remembered for it is removed from the keychain too.")
                           .arg(e.storedName)))
            return;
        m_store->remove(e.storedName);
        m_store->sync();
        if (m_vault->availability() != PasswordVault::Availability::Unavailable)
            m_vault->remove(e.storedName);
    }
    const int row = m_current;
    m_entries.remove(row);
    m_current = -1;
    {
        const QSignalBlocker blocker(m_list);
        delete m_list->takeItem(row);
    }
    if (m_entries.isEmpty()) {
        newProfile();
    } else {
        const int next = std::min(row, int(m_entries.size()) - 1);
        {
            const QSignalBlocker blocker(m_list);
            m_list->setCurrentRow(next);
        }
        onRowChanged(next);
    }
    showMessage(Tone::Info, tr("Deleted “%1”.").arg(e.draft.name));
}

bool ConnectionDialog::saveProfile()
{
    if (m_current < 0)
        return false;
    if (const QString problem = m_form->check(); !problem.isEmpty()) {
        showMessage(Tone::Error, problem);
        return false;
    }
    Entry &e = m_entries[m_current];
    e.draft = m_form->profile();
    e.password = m_form->password();
    for (int i = 0; i < m_entries.size(); ++i) {
        if (i != m_current && m_entries.at(i).draft.name.compare(e.draft.name, Qt::CaseInsensitive) == 0) {
            showMessage(
                Tone::Error,
                tr("Another profile is already called “%1”: choose another name.").arg(m_entries.at(i).draft.name));
            return false;
        }
    }
    const QString oldName = e.storedName;
    QString error;
    const bool renamed = !oldName.isEmpty() && oldName != e.draft.name;
    if ((renamed && !m_store->rename(oldName, e.draft.name, &error)) || !m_store->save(e.draft, &error)) {
        showMessage(Tone::Error, error);
        return false;
    }
    if (!m_store->sync()) {
        showMessage(Tone::Error, tr("The profiles could not be written to %1.").arg(m_store->fileName()));
        return false;
    }
    e.storedName = e.draft.name;
    e.dirty = false;
    refreshItem(m_current);
    showMessage(Tone::Success, tr("Saved “%1”.").arg(e.draft.name));
    storePassword(oldName, e.draft, e.password);
    return true;
}

void ConnectionDialog::storePassword(const QString &oldName, const ConnectionProfile &saved, const QString &password)
{
    if (m_vault->availability() == PasswordVault::Availability::Unavailable)
        return; // nothing was ever stored; nothing may be written anywhere else either
    if (!oldName.isEmpty() && oldName != saved.name)
        m_vault->remove(oldName);
    if (!saved.rememberPassword) {
        m_vault->remove(saved.name); // "remember" switched off: forget what was remembered
        return;
    }
    if (password.isEmpty())
        return;
    const QString name = saved.name;
    whenFinished(m_vault->write(name, password), this, [this, name](const VaultResult &r) {
        if (r.ok())
            showMessage(Tone::Success, tr("Saved “%1”; its password is in the system keychain.").arg(name));
        else
            showMessage(Tone::Warning, tr("Saved “%1”, but its password is not in the keychain and will be asked "
                                          "for when connecting. %2")
                                           .arg(name, r.message));
    });
}

void ConnectionDialog::connectToProfile()
{
    if (!saveProfile())
        return;
    if (m_tester) {
        m_tester->cancel();
        m_tester = nullptr;
    }
    const Entry &e = m_entries.at(m_current);
    m_chosen = e.draft;
    m_chosenPassword = e.password;
    m_store->setLastUsed(e.draft.name);
    m_store->sync();
    accept();
}

void ConnectionDialog::testConnection()
{
    if (m_tester) { // the button says "Cancel test"
        m_tester->cancel();
        m_tester = nullptr;
        setTesting(false);
        m_testView->showCancelled();
        return;
    }
    if (const QString problem = m_form->check(); !problem.isEmpty()) {
        showMessage(Tone::Error, problem);
        return;
    }
    showMessage(Tone::Info, {});
    const ConnectionProfile p = m_form->profile();
    m_tester = new ConnectionTester(p.toOptions(m_form->password()), this);
    connect(m_tester, &ConnectionTester::finished, this, &ConnectionDialog::onTestFinished);
    m_tester->start();
    m_testView->showRunning(p.endpoints);
    setTesting(true);
}

void ConnectionDialog::onTestFinished(const ConnectionTestReport &report)
{
    if (m_tester)
        m_tester->deleteLater(); // idle now: its client goes without waiting
    m_tester = nullptr;
    setTesting(false);
    m_testView->showReport(report);
    Q_EMIT testFinished(report);
}

void ConnectionDialog::setTesting(bool testing)
{
    m_testButton->setText(testing ? tr("Cancel test") : tr("Test connection"));
}

void ConnectionDialog::onKeychainAvailability()
{
    const bool available = m_vault->availability() != PasswordVault::Availability::Unavailable;
    m_form->setKeychainAvailable(available, m_vault->unavailableReason());
}

void ConnectionDialog::showMessage(Tone tone, const QString &text)
{
    static const char *const styles[] = {
        "QLabel { color: #b71c1c; background: #ffebee; border: 1px solid #e57373; border-radius: 3px; padding: 5px; }",
        "QLabel { color: #8a4b00; background: #fff8e1; border: 1px solid #ffb74d; border-radius: 3px; padding: 5px; }",
        "QLabel { color: #1b5e20; background: #e8f5e9; border: 1px solid #81c784; border-radius: 3px; padding: 5px; }",
        "QLabel { padding: 5px; }",
    };
    m_message->setStyleSheet(QLatin1String(styles[int(tone)]));
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString ConnectionDialog::messageText() const
{
    return m_message->text();
}

QString ConnectionDialog::testResultText() const
{
    return m_testView->text();
}

QString ConnectionDialog::currentName() const
{
    return m_current < 0 ? QString() : m_form->profile().name;
}

QStringList ConnectionDialog::profileNames() const
{
    QStringList names;
    for (const Entry &e : m_entries)
        names << e.draft.name;
    return names;
}

void ConnectionDialog::selectProfile(const QString &name)
{
    const int i = rowOfStored(name);
    if (i >= 0)
        m_list->setCurrentRow(i);
}

QString ConnectionDialog::uniqueName(const QString &base) const
{
    const QStringList taken = profileNames();
    QString name = base;
    for (int n = 2; taken.contains(name, Qt::CaseInsensitive); ++n)
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    return name;
}

int ConnectionDialog::rowOfStored(const QString &name) const
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (!name.isEmpty() && m_entries.at(i).storedName == name)
            return i;
    return -1;
}

} // namespace etcd::ui
