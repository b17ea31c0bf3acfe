// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/keyspace/keyspacemirror.h"

#include <QPointer>
#include <QDateTime>
#include <QWidget>

class QLabel;
class QTimer;
class QLineEdit;
class QProgressBar;
class QStackedWidget;
class QToolBar;
class QTreeView;
class QAction;
class QComboBox;

namespace etcd::ui {

class WatchLiveness;

class CopyKeyDialog;
class DeleteDialog;
class ExportDialog;
class ImportDialog;
class KeyHistoryDialog;
class KeySearchModel;
class KeyTreeModel;
class NewKeyDialog;
class ValueEditor;

// The key browser: a live tree (or flat list) of every key under the connection's scope, a path
// bar to go to any key by typing it, a filter that stays quick at a million keys, and the value
// editor for the key that is open.
class KeyBrowser : public QWidget
{
    Q_OBJECT
public:
    KeyBrowser(EtcdClient *client, const KeySpaceMirror::Options &options, QWidget *parent = nullptr);
    ~KeyBrowser() override;

    void start();
    // Switch between the tree (split at `delimiter`) and a flat list (0). Reloads.
    void setDelimiter(char delimiter);
    // Select and open a key (or reveal a folder). False, with a message, when there is no such key.
    bool goToKey(const QByteArray &key);
    QByteArray currentKey() const;

    KeySpaceMirror *mirror() const { return m_mirror; }
    KeyTreeModel *model() const { return m_model; }
    KeySearchModel *searchModel() const { return m_search; }
    ValueEditor *editor() const { return m_editor; }
    QTreeView *treeView() const { return m_tree; }
    // Ctrl+L and Ctrl+F (the window's Edit menu calls these).
    void focusPathBar();
    void focusFilter();
    // The key actions in menu order (nullptr: a separator), for the window's Key menu.
    QList<QAction *> menuActions() const;
    // What Tab in the path bar offers for `typed`: the keys and folders (ending with the delimiter)
    // of the folder typed so far whose names start with what follows it.
    QStringList completionsFor(const QString &typed) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

public:
    QToolBar *toolBar() const { return m_toolBar; }
    QString statusText() const;
    // Ask about unsaved edits before the browser goes away (window close).
    bool confirmClose();

    // What is selected in the tree: a key, a folder (prefix ends with the delimiter), or both at
    // once (a key that also has keys under it). Empty when nothing is selected.
    struct Selection
    {
        QByteArray key;    // set when the selected row is a key
        QByteArray prefix; // set when the selected row is a folder: its keys all start with this
        qint64 modRevision = 0;
        bool isEmpty() const { return key.isEmpty() && prefix.isEmpty(); }
    };
    Selection selection() const;

    // The key actions (toolbar, context menu, shortcuts). Each opens its dialog non-modally and
    // returns it (nullptr when the action is not possible now), so tests can drive it.
    NewKeyDialog *newKey();
    CopyKeyDialog *copySelected();
    // Del: the selected key (compare-and-delete); a folder without a key of its own: the folder.
    DeleteDialog *deleteSelected();
    DeleteDialog *deleteSelectedFolder();
    KeyHistoryDialog *showHistory();
    ExportDialog *exportSelected();
    ImportDialog *importFile();
    // "Copy as etcdctl command": for the selected key (or folder), and for the last write done
    // here. Also put on the clipboard by the actions; empty when there is nothing to copy.
    QString etcdctlForSelection() const;
    QString etcdctlForLastAction() const { return m_lastCommand; }
    QAction *action(const QString &objectName) const;

Q_SIGNALS:
    void loaded(qint64 revision, qint64 keys);
    void keyOpened(const QByteArray &key);
    // The revision the tree has applied (a listing, or a batch of watch events).
    void revisionApplied(qint64 revision);

private:
    void rebuild(KeySpaceMirror::Options options); // by value: callers pass the old mirror's options
    void showCreated(const QByteArray &key);
    void selectPending();
    void onCurrentChanged(const QModelIndex &current, const QModelIndex &previous);
    void onSearchActivated(const QModelIndex &index);
    void onFilterEdited(const QString &text);
    void onPathEntered();
    void onBatchApplied();
    void updateStatus();
    void updateActions();
    void setLastCommand(const QString &command, const QString &what);
    void showContextMenu(const QPoint &pos);
    template<typename Dialog> Dialog *adopt(Dialog *dialog);

    QPointer<EtcdClient> m_client;
    KeySpaceMirror *m_mirror = nullptr;
    KeyTreeModel *m_model = nullptr;
    KeySearchModel *m_search = nullptr;
    ValueEditor *m_editor = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLineEdit *m_path = nullptr;
    QLineEdit *m_filter = nullptr;
    QAction *m_flatAction = nullptr;
    QComboBox *m_delimiterBox = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_deleteFolderAction = nullptr;
    QAction *m_historyAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_copyCommandAction = nullptr;
    QAction *m_copyLastCommandAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QString m_lastCommand;
    QProgressBar *m_progress = nullptr;
    QWidget *m_progressRow = nullptr; // the bar and its Cancel button
    QLabel *m_status = nullptr;
    // A listing that failed on an unreachable cluster (or a tunnel still asking for a passphrase)
    // is tried again, at growing intervals, until it loads.
    QTimer *m_listRetry = nullptr;
    int m_listRetryMs = 0;
    WatchLiveness *m_liveness = nullptr;
    QByteArray m_keepAfterLoad; // after a rebuild: select this key again
    QByteArray m_pendingSelect; // created, open in the editor: select its row once the tree has it
    bool m_rowsGoing = false;   // inside a removal of rows: current changes are the view's, not the person's
    QDateTime m_lastApplied;
    QStackedWidget *m_stack = nullptr;
    QTreeView *m_tree = nullptr;
    QTreeView *m_results = nullptr;
    bool m_restoringSelection = false;
};

} // namespace etcd::ui
