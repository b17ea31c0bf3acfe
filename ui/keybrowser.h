#pragma once

#include "state/keyspacemirror.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QProgressBar;
class QStackedWidget;
class QToolBar;
class QTreeView;
class QAction;

namespace etcd::ui {

class KeySearchModel;
class KeyTreeModel;
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
    QToolBar *toolBar() const { return m_toolBar; }
    QString statusText() const;
    // Ask about unsaved edits before the browser goes away (window close).
    bool confirmClose();

Q_SIGNALS:
    void loaded(qint64 revision, qint64 keys);
    void keyOpened(const QByteArray &key);

private:
    void rebuild(const KeySpaceMirror::Options &options);
    void onCurrentChanged(const QModelIndex &current, const QModelIndex &previous);
    void onSearchActivated(const QModelIndex &index);
    void onFilterEdited(const QString &text);
    void onPathEntered();
    void onBatchApplied();
    void updateStatus();

    QPointer<EtcdClient> m_client;
    KeySpaceMirror *m_mirror = nullptr;
    KeyTreeModel *m_model = nullptr;
    KeySearchModel *m_search = nullptr;
    ValueEditor *m_editor = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLineEdit *m_path = nullptr;
    QLineEdit *m_filter = nullptr;
    QAction *m_flatAction = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTreeView *m_tree = nullptr;
    QListView *m_results = nullptr;
    bool m_restoringSelection = false;
};

} // namespace etcd::ui
