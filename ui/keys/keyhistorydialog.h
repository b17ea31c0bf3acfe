// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/keyspace/keyhistory.h"

#include <QDialog>

#include <QPointer>
#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;

namespace etcd::ui {

class DiffView;
class FieldChangesView;

// The earlier versions of one key, as etcd still has them (loadKeyHistory: back to the key's
// creation, a compacted revision, or kMaxVersions), newest first. One selected version is compared
// with the current value (the current one with the version before it), two with each other.
// JSON and YAML values are compared field by field too. "Restore this version" hands the old
// value to whoever opened the dialog and closes it, "Restore this field" the current value with one
// field as it was: the value editor saves either as a compare-and-swap, so this dialog never writes.
class KeyHistoryDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kMaxVersions = 50;

    KeyHistoryDialog(EtcdClient *client, const QByteArray &key, QWidget *parent = nullptr);

    QByteArray key() const { return m_key; }
    bool isLoaded() const { return m_loaded; }
    int versionCount() const { return int(m_history.versions.size()); }
    const KeyHistory &history() const { return m_history; }
    // The key's mod revision when the history was read (0 before that, or when it does not exist):
    // what a restore should compare against.
    qint64 currentRevision() const;
    // Select rows (0 = newest); b < 0 selects `a` alone. Rows outside the table are ignored.
    void selectVersions(int a, int b = -1);
    DiffView *diffView() const { return m_diff; }
    FieldChangesView *fieldChanges() const { return m_fields; }
    QString extentText() const; // what the list covers: creation reached, compacted, truncated
    void reload();
    // "Restore this version" asks first (the comparison with the current value is on screen);
    // tests answer here instead of a message box.
    void setConfirmation(std::function<bool(const QString &question)> confirm) { m_confirm = std::move(confirm); }

Q_SIGNALS:
    void loaded();
    // The user chose to restore `value`, the key's value as of revision `fromRevision`.
    void restoreRequested(const QByteArray &value, qint64 fromRevision);
    // The user chose to put field `path` back as it was at revision `fromRevision`: `value` is the
    // current value with that one field changed back.
    void restoreFieldRequested(const QByteArray &value, const QString &path, qint64 fromRevision);

private:
    void showHistory(const KeyHistory &history);
    void showError(const EtcdError &error);
    void onSelectionChanged();
    void compare(int olderRow, int newerRow);
    void showHint(const QString &text);
    void restoreSelected();
    void restoreField(const QString &path);
    void showFieldChanges();
    QVector<int> selectedRows() const;

    QPointer<EtcdClient> m_client;
    QByteArray m_key;
    KeyHistory m_history;
    bool m_loaded = false;
    int m_generation = 0;

    QLabel *m_keyLabel = nullptr;
    QLabel *m_extent = nullptr;
    QProgressBar *m_busy = nullptr;
    QTreeWidget *m_table = nullptr;
    QStackedWidget *m_lower = nullptr;
    QLabel *m_hint = nullptr;
    DiffView *m_diff = nullptr;
    QTabWidget *m_compareTabs = nullptr;
    FieldChangesView *m_fields = nullptr;
    int m_olderRow = -1;
    int m_newerRow = -1;
    QPushButton *m_restore = nullptr;
    QPushButton *m_reload = nullptr;
    std::function<bool(const QString &)> m_confirm;
};

} // namespace etcd::ui
