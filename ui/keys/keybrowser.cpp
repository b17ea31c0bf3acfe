// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/keybrowser.h"

#include "common/watchliveness.h"

#include "keys/copykeydialog.h"
#include "keys/deletedialog.h"
#include "keys/exportdialog.h"
#include "common/icons.h"
#include "keys/importdialog.h"
#include "keys/keyhistorydialog.h"
#include "keys/keysearch.h"
#include "keys/keytreemodel.h"
#include "keys/newkeydialog.h"
#include "keys/valueeditor.h"
#include "format/valueformat.h"

#include "state/operations/etcdctlcommand.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QMenu>
#include <QToolButton>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QHBoxLayout>
#include <QProgressBar>
#include <QPushButton>
#include <QKeyEvent>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

#include <QTimer>

#include <algorithm>
#include <iterator>

namespace etcd::ui {

KeyBrowser::KeyBrowser(EtcdClient *client, const KeySpaceMirror::Options &options, QWidget *parent)
    : QWidget(parent), m_client(client)
{
    m_liveness = new WatchLiveness(client, this);
    connect(m_liveness, &WatchLiveness::changed, this, [this] { updateStatus(); });
    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName(QStringLiteral("keyToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("pathBar"));
    m_path->setPlaceholderText(tr("Go to key: type a path and press Enter (Ctrl+L)"));
    m_path->setClearButtonEnabled(true);
    connect(m_path, &QLineEdit::returnPressed, this, &KeyBrowser::onPathEntered);
    m_path->addAction(icon(QStringLiteral("go-to")), QLineEdit::LeadingPosition);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filterBox"));
    m_filter->setPlaceholderText(tr("Filter keys: text, or a glob like */config/* (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textEdited, this, &KeyBrowser::onFilterEdited);
    m_filter->addAction(icon(QStringLiteral("filter")), QLineEdit::LeadingPosition);
    auto makeAction = [this](const char *name, const QString &text, const QString &tip, const QKeySequence &shortcut,
                             std::function<void()> run) {
        auto *a = new QAction(text, this);
        a->setObjectName(QLatin1String(name));
        a->setToolTip(shortcut.isEmpty() ? tip : tr("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
        if (!shortcut.isEmpty()) {
            a->setShortcut(shortcut);
            a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        }
        connect(a, &QAction::triggered, this, std::move(run));
        addAction(a);
        return a;
    };
    m_newAction = makeAction("newKeyAction", tr("New key…"),
                             tr("Create a key in the selected folder; an existing key is never overwritten"),
                             QKeySequence::New, [this] { newKey(); });
    m_copyAction = makeAction("copyKeyAction", tr("Copy/Rename…"),
                              tr("Copy or rename the selected key or folder, in transactions that overwrite nothing"),
                              QKeySequence(Qt::Key_F2), [this] { copySelected(); });
    m_deleteAction = makeAction("deleteAction", tr("Delete…"),
                                tr("Delete the selected key, only if it is still as shown"), QKeySequence::Delete,
                                [this] { deleteSelected(); });
    m_deleteFolderAction = makeAction("deleteFolderAction", tr("Delete folder…"),
                                      tr("Delete every key under the selected folder, after you confirm the count"),
                                      QKeySequence(Qt::SHIFT | Qt::Key_Delete), [this] { deleteSelectedFolder(); });
    m_historyAction = makeAction("historyAction", tr("History…"),
                                 tr("Earlier versions of the open key: compare any two, restore one"),
                                 QKeySequence(Qt::CTRL | Qt::Key_H), [this] { showHistory(); });
    m_exportAction = makeAction("exportAction", tr("Export…"),
                                tr("Write every key under the selected folder to a JSON file"), QKeySequence(),
                                [this] { exportSelected(); });
    m_importAction = makeAction("importAction", tr("Import…"),
                                tr("Preview an export file against etcd, then create or overwrite its keys"),
                                QKeySequence(), [this] { importFile(); });
    m_copyCommandAction = makeAction("copyEtcdctlAction", tr("Selected key"),
                                     tr("Copy an etcdctl command that reads the selected key or folder"),
                                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [this] {
                                         const QString c = etcdctlForSelection();
                                         if (!c.isEmpty())
                                             QGuiApplication::clipboard()->setText(c);
                                     });
    m_copyLastCommandAction = makeAction("copyLastEtcdctlAction", tr("Last action"),
                                         tr("Copy an etcdctl command that repeats the last write made here"),
                                         QKeySequence(), [this] {
                                             if (!m_lastCommand.isEmpty())
                                                 QGuiApplication::clipboard()->setText(m_lastCommand);
                                         });
    m_refreshAction = makeAction("refreshAction", tr("Refresh"), tr("List every key again"), QKeySequence::Refresh,
                                 [this] { m_mirror->refresh(); }); // into the same tree: expansion and selection stay
    m_flatAction = new QAction(tr("Flat list"), this);
    m_flatAction->setObjectName(QStringLiteral("flatAction"));
    m_flatAction->setCheckable(true);
    m_flatAction->setToolTip(tr("Show every key in one list instead of a tree of folders"));
    connect(m_flatAction, &QAction::toggled, this, [this](bool flat) {
        const QByteArray chosen = m_delimiterBox->currentText().toLatin1();
        setDelimiter(flat ? 0 : chosen.size() == 1 ? chosen.at(0) : '/');
    });
    m_delimiterBox = new QComboBox(this);
    m_delimiterBox->setObjectName(QStringLiteral("delimiterBox"));
    m_delimiterBox->setEditable(true);
    m_delimiterBox->addItems({QStringLiteral("/"), QStringLiteral(":"), QStringLiteral("."), QStringLiteral("_"),
                              QStringLiteral("-")});
    m_delimiterBox->lineEdit()->setMaxLength(1);
    m_delimiterBox->setToolTip(tr("The character that splits keys into folders"));
    m_delimiterBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_delimiterBox, &QComboBox::currentTextChanged, this, [this](const QString &text) {
        const QByteArray c = text.toLatin1();
        if (c.size() == 1 && c != "?" && text.at(0).unicode() < 128 && !m_flatAction->isChecked())
            setDelimiter(c.at(0));
    });

    // Icons beside the toolbar's words and in the context menu (tinted to the palette: icons.h).
    const std::pair<QAction *, const char *> icons[] = {
        {m_newAction, "new-key"},        {m_copyAction, "copy"},        {m_deleteAction, "delete"},
        {m_deleteFolderAction, "delete"}, {m_historyAction, "history"}, {m_exportAction, "export"},
        {m_importAction, "import"},      {m_copyCommandAction, "terminal"}, {m_copyLastCommandAction, "terminal"},
        {m_refreshAction, "refresh"},    {m_flatAction, "list"}};
    for (const auto &[a, iconName] : icons)
        a->setIcon(icon(QLatin1String(iconName)));
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->addAction(m_newAction);
    m_toolBar->addAction(m_copyAction);
    m_toolBar->addAction(m_deleteAction);
    m_toolBar->addAction(m_historyAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_exportAction);
    m_toolBar->addAction(m_importAction);
    auto *etcdctlMenu = new QMenu(this);
    etcdctlMenu->addAction(m_copyCommandAction);
    etcdctlMenu->addAction(m_copyLastCommandAction);
    auto *etcdctlButton = new QToolButton(this);
    etcdctlButton->setObjectName(QStringLiteral("etcdctlButton"));
    etcdctlButton->setText(tr("Copy as etcdctl"));
    etcdctlButton->setIcon(icon(QStringLiteral("terminal")));
    etcdctlButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    etcdctlButton->setToolTip(tr("Copy a bash command line that does the same with etcdctl"));
    etcdctlButton->setMenu(etcdctlMenu);
    etcdctlButton->setPopupMode(QToolButton::InstantPopup);
    m_toolBar->addWidget(etcdctlButton);
    m_toolBar->addSeparator();
    m_toolBar->addWidget(new QLabel(tr(" Split at "), this));
    m_toolBar->addWidget(m_delimiterBox);
    m_toolBar->addAction(m_flatAction);
    m_toolBar->addAction(m_refreshAction);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setMaximumHeight(16);
    m_progress->setTextVisible(true);
    // A large load can take seconds: it can be stopped, keeping what was listed so far.
    m_progressRow = new QWidget(this);
    auto *progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addWidget(m_progress, 1);
    auto *cancelLoad = new QPushButton(tr("Cancel"), m_progressRow);
    cancelLoad->setObjectName(QStringLiteral("cancelLoadButton"));
    cancelLoad->setToolTip(tr("Stop listing keys; the keys listed so far stay, not kept live (Refresh lists again)"));
    progressLayout->addWidget(cancelLoad);
    connect(cancelLoad, &QPushButton::clicked, this, [this] { m_mirror->cancelLoad(); });
    m_progressRow->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("browserStatus"));

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("keyTree"));
    m_tree->setUniformRowHeights(true); // a million rows scroll smoothly only with uniform heights
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &KeyBrowser::showContextMenu);
    // Del belongs to the tree: in the value editor or a line edit it deletes text.
    for (QAction *a : {m_deleteAction, m_deleteFolderAction}) {
        removeAction(a);
        a->setShortcutContext(Qt::WidgetShortcut);
        m_tree->addAction(a);
    }
    m_results = new QTreeView(this);
    m_results->setObjectName(QStringLiteral("filterResults"));
    m_results->setUniformRowHeights(true);
    m_results->setRootIsDecorated(false);
    m_results->setAlternatingRowColors(true);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_tree);
    m_stack->addWidget(m_results);
    m_editor = new ValueEditor(client, this);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("browserSplitter"));
    splitter->addWidget(m_stack);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({520, 480}); // a ratio: the tree keeps room for its names whatever the editor's hint

    auto *top = new QHBoxLayout;
    top->addWidget(m_path, 3);
    top->addWidget(m_filter, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addLayout(top);
    layout->addWidget(m_progressRow);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    // Ctrl+L and Ctrl+F belong to the window (Edit menu: they work from any view); here, the keys
    // that move between the boxes, the results and the tree.
    m_filter->installEventFilter(this);
    m_path->installEventFilter(this);
    connect(m_editor, &ValueEditor::saved, this, [this](const QByteArray &key, qint64) {
        setLastCommand(m_editor->lastEtcdctlCommand(), tr("save of %1").arg(displayKey(key)));
    });
    connect(m_editor, &ValueEditor::valueLoaded, this, &KeyBrowser::updateActions);

    rebuild(options);
    {
        const QSignalBlocker blockFlat(m_flatAction);
        const QSignalBlocker blockBox(m_delimiterBox);
        m_flatAction->setChecked(options.delimiter == 0);
        m_delimiterBox->setEnabled(options.delimiter != 0);
        if (options.delimiter != 0)
            m_delimiterBox->setCurrentText(QString(QLatin1Char(options.delimiter)));
    }
    updateActions();
}

KeyBrowser::~KeyBrowser() = default;

void KeyBrowser::rebuild(KeySpaceMirror::Options options)
{
    // A new listing in a new tree: used for the flat/tree switch and for a manual refresh.
    const QByteArray keep = currentKey();
    delete m_search;
    delete m_model;
    delete m_mirror;
    m_mirror = new KeySpaceMirror(m_client, options, this);
    m_model = new KeyTreeModel(m_mirror, this);
    // Before the views' selection models connect: they move the current row inside a removal.
    connect(m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { m_rowsGoing = true; });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] { m_rowsGoing = false; });
    m_search = new KeySearchModel(m_mirror, this);
    connect(m_search, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { m_rowsGoing = true; });
    connect(m_search, &QAbstractItemModel::rowsRemoved, this, [this] { m_rowsGoing = false; });
    // setModel() makes a new selection model and leaves the old one to its caller.
    QItemSelectionModel *oldTreeSelection = m_tree->selectionModel();
    QItemSelectionModel *oldResultsSelection = m_results->selectionModel();
    m_tree->setModel(m_model);
    m_results->setModel(m_search);
    delete oldTreeSelection;
    delete oldResultsSelection;
    m_tree->header()->setSectionResizeMode(KeyTreeModel::Name, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    // Fixed widths, sized for large numbers: ResizeToContents would measure every shown row again
    // on each change, which made a watch storm cost the GUI thread whole seconds.
    const QFontMetrics fm(m_tree->font());
    const int pad = 3 * fm.horizontalAdvance(QLatin1Char(' '));
    const QString sample[] = {QString(), QStringLiteral("0,000,000"), QStringLiteral("00000000000"),
                              QStringLiteral("0000000"), QStringLiteral("0000000000000000"),
                              QStringLiteral("Deployment")}; // longer kinds elide
    static_assert(std::size(sample) == KeyTreeModel::ColumnCount);
    for (int c = KeyTreeModel::Keys; c < KeyTreeModel::ColumnCount; ++c) {
        m_tree->header()->setSectionResizeMode(c, QHeaderView::Interactive);
        const QString header = m_model->headerData(c, Qt::Horizontal).toString();
        m_tree->header()->resizeSection(c, std::max(fm.horizontalAdvance(header), fm.horizontalAdvance(sample[c])) + pad);
    }
    m_tree->setColumnHidden(KeyTreeModel::Kind, true); // shown when the store is Kubernetes'
    // The filter's results: the same columns (revision, version, lease) as the tree.
    m_results->header()->setStretchLastSection(false);
    m_results->header()->setSectionResizeMode(KeySearchModel::Key, QHeaderView::Stretch);
    for (int c = KeySearchModel::Revision; c < KeySearchModel::ColumnCount; ++c)
        m_results->header()->resizeSection(c, m_tree->header()->sectionSize(c - KeySearchModel::Revision + KeyTreeModel::Revision));
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &KeyBrowser::onCurrentChanged);
    connect(m_results->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onSearchActivated(current); });
    connect(m_search, &KeySearchModel::progress, this, &KeyBrowser::updateStatus);
    connect(m_search, &KeySearchModel::finished, this, &KeyBrowser::updateStatus);
    connect(m_mirror, &KeySpaceMirror::loadStarted, this, [this] {
        m_progress->setRange(0, 0);
        m_progress->setFormat(tr("Listing keys…"));
        m_progressRow->show();
    });
    connect(m_mirror, &KeySpaceMirror::loadProgress, this, [this](qint64 keys, qint64 total) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(1000 * keys / total) : 0);
        m_progress->setFormat(tr("Loading %L1 of %L2 keys").arg(keys).arg(total));
        updateStatus();
    });
    connect(m_mirror, &KeySpaceMirror::loadCancelled, this, [this](qint64 keys) {
        Q_UNUSED(keys)
        m_progressRow->hide();
        updateStatus();
    });
    m_keepAfterLoad = keep;
    connect(m_mirror, &KeySpaceMirror::loaded, this, [this](qint64 revision, qint64 keys) {
        m_listRetryMs = 0;
        m_progressRow->hide();
        updateStatus();
        // The first level shows at once: a tree whose top is one folder opens it, and "/" (keys
        // written as paths, the usual case) is open whatever else is beside it.
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex top = m_model->index(row, 0);
            const KeyTree::Node *n = m_model->nodeAt(top);
            const bool slash = n && n->segment.isEmpty() && !m_mirror->tree().isFlat();
            if ((m_model->rowCount() == 1 || slash) && m_model->hasChildren(top) && !m_tree->isExpanded(top))
                m_tree->expand(top);
        }
        // After a rebuild, the key that was selected is selected again (once).
        const QByteArray again = std::exchange(m_keepAfterLoad, QByteArray());
        if (!again.isEmpty() && m_editor->key().isEmpty())
            goToKey(again);
        else if (!m_pendingSelect.isEmpty())
            selectPending();
        // A Kubernetes store: the Kind column tells pods from services, namespaces from objects.
        m_tree->setColumnHidden(KeyTreeModel::Kind, !m_model->indexForKey("/registry").isValid());
        Q_EMIT loaded(revision, keys);
    });
    connect(m_mirror, &KeySpaceMirror::batchApplied, this, &KeyBrowser::onBatchApplied);
    connect(m_mirror, &KeySpaceMirror::failed, this, [this](const EtcdError &e) {
        m_progressRow->hide();
        if (!m_mirror->isLoaded() && (e.isUnavailable() || e.isDeadlineExceeded())) {
            m_listRetryMs = std::clamp(m_listRetryMs * 2, 2000, 30000);
            m_listRetry->start(m_listRetryMs);
            m_status->setText(tr("Cannot list keys: %1. Trying again in %2 s.").arg(e.toString()).arg(m_listRetryMs / 1000));
            return;
        }
        m_status->setText(tr("Cannot list keys: %1").arg(e.toString()));
    });
    if (!m_filter->text().isEmpty())
        onFilterEdited(m_filter->text());
}

void KeyBrowser::start()
{
    if (!m_listRetry) {
        m_listRetry = new QTimer(this);
        m_listRetry->setSingleShot(true);
        connect(m_listRetry, &QTimer::timeout, this, [this] {
            if (!m_mirror->isLoaded())
                m_mirror->start();
        });
    }
    m_listRetry->stop();
    m_mirror->start();
}

void KeyBrowser::setDelimiter(char delimiter)
{
    if (delimiter == m_mirror->options().delimiter)
        return;
    KeySpaceMirror::Options o = m_mirror->options();
    o.delimiter = delimiter;
    const QSignalBlocker block(m_flatAction);
    m_flatAction->setChecked(delimiter == 0);
    m_delimiterBox->setEnabled(delimiter != 0);
    if (delimiter != 0) {
        const QSignalBlocker blockBox(m_delimiterBox);
        m_delimiterBox->setCurrentText(QString(QLatin1Char(delimiter)));
    }
    rebuild(o);
    start();
}

QByteArray KeyBrowser::currentKey() const
{
    return m_editor ? m_editor->key() : QByteArray();
}

bool KeyBrowser::goToKey(const QByteArray &key)
{
    if (!m_mirror->tree().inScope(key)) {
        m_status->setText(tr("%1 is outside this connection's scope (%2)").arg(displayKey(key), displayKey(m_mirror->options().scope)));
        return false;
    }
    const QModelIndex index = m_model->indexForKey(key);
    const QVector<KeyInterval> readable = m_mirror->ranges();
    if (!index.isValid() && m_mirror->access() != KeySpaceMirror::Access::Full
        && std::none_of(readable.begin(), readable.end(), [&key](const KeyInterval &r) { return r.contains(key); })) {
        m_status->setText(tr("User %1 may not read %2 (readable: %3)")
                              .arg(m_mirror->readAccess().user, displayKey(key), m_mirror->readAccess().describeRanges()));
        return false;
    }
    if (!index.isValid()) {
        // Not in the tree: offer to create it by opening an empty editor. Nothing else stays
        // selected: the path bar, the editor and the tree all speak of this key.
        if (!m_editor->confirmDiscard())
            return false;
        m_tree->selectionModel()->clear();
        m_path->setText(displayKey(key));
        m_editor->newKey(key);
        m_status->setText(tr("%1 does not exist; type a value and save to create it.").arg(displayKey(key)));
        return false;
    }
    m_stack->setCurrentWidget(m_tree);
    m_tree->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_tree->setCurrentIndex(index);
    return m_tree->currentIndex() == index;
}

void KeyBrowser::onCurrentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    if (m_restoringSelection)
        return;
    if (m_rowsGoing) {
        // The open key's row went (deleted in etcd) and the view moved the highlight to a
        // neighbour: that is not the person choosing another key. The editor stays with the key
        // (it says it is gone); nothing else is highlighted.
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_model->keyAt(m_tree->currentIndex()) != m_editor->key()) {
                    m_restoringSelection = true;
                    m_tree->selectionModel()->clear();
                    m_restoringSelection = false;
                    updateActions();
                }
            },
            Qt::QueuedConnection);
        return;
    }
    updateActions();
    if (!current.isValid())
        return;
    const QByteArray key = m_model->keyAt(current);
    if (key == m_editor->key()) {
        m_path->setText(displayKey(key));
        m_pendingSelect.clear();
        return;
    }
    if (!m_editor->confirmDiscard()) {
        // Stay on the key with the unsaved edit.
        m_restoringSelection = true;
        m_tree->setCurrentIndex(previous);
        m_restoringSelection = false;
        return;
    }
    m_path->setText(displayKey(key));
    if (current.data(KeyTreeModel::IsKeyRole).toBool()) {
        m_editor->open(key);
        updateActions();
        Q_EMIT keyOpened(key);
    } else {
        m_editor->clear();
        updateActions();
    }
}

void KeyBrowser::onSearchActivated(const QModelIndex &index)
{
    if (!index.isValid() || m_rowsGoing)
        return; // a result that went moves the current row: not the person's choice
    const QByteArray key = m_search->keyAt(index.row());
    if (key == m_editor->key() || !m_editor->confirmDiscard())
        return;
    m_path->setText(displayKey(key));
    m_editor->open(key);
    updateActions();
    Q_EMIT keyOpened(key);
}

void KeyBrowser::onFilterEdited(const QString &text)
{
    m_search->search(text);
    m_stack->setCurrentWidget(text.isEmpty() ? static_cast<QWidget *>(m_tree) : m_results);
    updateStatus();
}

void KeyBrowser::onPathEntered()
{
    bool ok = false;
    const QByteArray key = keyFromDisplay(m_path->text(), &ok);
    if (!ok) {
        m_status->setText(tr("Cannot read that path: use \\xNN for bytes that are not text"));
        return;
    }
    if (goToKey(key))
        m_tree->setFocus(); // Enter: on to the key's row
}

void KeyBrowser::focusPathBar()
{
    m_path->setFocus(Qt::ShortcutFocusReason);
    m_path->selectAll();
}

void KeyBrowser::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

QList<QAction *> KeyBrowser::menuActions() const
{
    // nullptr: a separator.
    return {m_newAction,         m_editor->saveAction(), m_copyAction,      m_deleteAction,    m_deleteFolderAction,
            nullptr,             m_historyAction,        m_exportAction,    m_importAction,    nullptr,
            m_copyCommandAction, m_copyLastCommandAction, nullptr,          m_refreshAction,   m_flatAction};
}

QStringList KeyBrowser::completionsFor(const QString &typed) const
{
    // The folder typed so far (up to its last delimiter) and the start of the next segment.
    const char delimiter = m_mirror->tree().delimiter();
    bool ok = false;
    const QByteArray bytes = keyFromDisplay(typed, &ok);
    if (!ok || delimiter == 0)
        return {};
    const qsizetype cut = bytes.lastIndexOf(delimiter);
    const QByteArray folderKey = cut < 0 ? QByteArray() : bytes.left(cut + 1);
    const QByteArray partial = bytes.mid(cut + 1);
    const KeyTree &tree = m_mirror->tree();
    const KeyTree::Node *folder = folderKey.isEmpty() ? tree.root() : tree.find(folderKey);
    if (!folder && folderKey == tree.scope())
        folder = tree.root();
    if (!folder)
        return {};
    QStringList out;
    for (const auto &child : folder->children) {
        if (!child->segment.startsWith(partial))
            continue;
        QByteArray full = folderKey + child->segment;
        if (child->isFolder())
            full += delimiter;
        out << displayKey(full);
    }
    return out;
}

bool KeyBrowser::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    if (watched == m_filter && (key->key() == Qt::Key_Down || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
        !m_filter->text().isEmpty()) {
        // Into the results, on the first one.
        m_results->setFocus(Qt::TabFocusReason);
        if (!m_results->currentIndex().isValid() && m_search->rowCount() > 0)
            m_results->setCurrentIndex(m_search->index(0, 0));
        return true;
    }
    if (watched == m_path && key->key() == Qt::Key_Tab && key->modifiers() == Qt::NoModifier) {
        // Complete the key name from the tree: all the way when one fits, else as far as all agree.
        const QStringList options = completionsFor(m_path->text());
        if (options.isEmpty())
            return true; // nothing to complete: stay in the path bar
        QString common = options.first();
        for (const QString &o : options) {
            qsizetype n = 0;
            while (n < common.size() && n < o.size() && common.at(n) == o.at(n))
                ++n;
            common.truncate(n);
        }
        if (common.size() > m_path->text().size())
            m_path->setText(common);
        m_status->setText(options.size() == 1 ? QString()
                                              : tr("%n key(s) or folder(s) fit: %1", nullptr, int(options.size()))
                                                    .arg(options.mid(0, 8).join(QStringLiteral("  "))));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void KeyBrowser::showCreated(const QByteArray &key)
{
    // It exists in etcd now; the tree learns of it from the watch a moment later. Until then the
    // editor and the path bar show it and nothing else is selected; then its row is.
    if (m_model->indexForKey(key).isValid()) {
        goToKey(key);
        return;
    }
    m_stack->setCurrentWidget(m_tree);
    m_tree->selectionModel()->clear();
    m_path->setText(displayKey(key));
    m_editor->open(key);
    m_pendingSelect = key;
    updateActions();
}

void KeyBrowser::selectPending()
{
    if (m_editor->key() != m_pendingSelect) {
        m_pendingSelect.clear(); // the person has moved on
        return;
    }
    const QModelIndex index = m_model->indexForKey(m_pendingSelect);
    if (!index.isValid())
        return;
    m_pendingSelect.clear();
    m_tree->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_tree->setCurrentIndex(index); // the editor has it open already: onCurrentChanged leaves it be
}

void KeyBrowser::onBatchApplied()
{
    if (!m_pendingSelect.isEmpty())
        selectPending();
    m_lastApplied = QDateTime::currentDateTime();
    Q_EMIT revisionApplied(m_mirror->revision());
    const QByteArray open = m_editor->key();
    if (!open.isEmpty() && !m_mirror->isLoading()) {
        const KeyTree::Node *n = m_mirror->tree().find(open);
        const bool present = n && n->isKey && m_mirror->tree().keyOf(n) == open;
        m_editor->keyChangedInEtcd(present ? n->modRevision : 0, !present);
    }
    updateActions();
    updateStatus();
}

void KeyBrowser::updateStatus()
{
    QString s;
    if (m_mirror->isLoading())
        s = tr("Loading… %L1 keys so far").arg(m_mirror->loadedKeys());
    else if (m_mirror->isCancelled())
        s = tr("Loading cancelled: showing the %L1 keys listed so far, not kept live. Refresh (F5) lists "
               "everything again.")
                .arg(m_mirror->loadedKeys());
    else if (m_mirror->isLoaded() && m_mirror->access() == KeySpaceMirror::Access::None)
        s = tr("User %1 has no read permission %2; ask an administrator for a role with read on a prefix.")
                .arg(m_mirror->readAccess().user, m_mirror->options().scope.isEmpty()
                                                      ? tr("in this cluster")
                                                      : tr("under %1").arg(displayKey(m_mirror->options().scope)));
    else if (m_mirror->isLoaded())
        s = tr("%L1 keys under %2 · revision %3").arg(m_mirror->tree().keyCount())
                .arg(m_mirror->options().scope.isEmpty() ? tr("the whole keyspace") : displayKey(m_mirror->options().scope))
                .arg(m_mirror->revision()) +
            m_liveness->suffix(m_lastApplied);
    if (m_mirror->isLoaded() && m_mirror->access() == KeySpaceMirror::Access::Partial)
        s += tr(" · user %1 may read only %2").arg(m_mirror->readAccess().user, m_mirror->readAccess().describeRanges());
    if (!m_search->text().isEmpty())
        s += tr(" · filter: %L1 match(es)%2").arg(m_search->rowCount())
                 .arg(m_search->isSearching() ? tr(" (searching…)") : m_search->truncated() ? tr(" (first %L1 shown)").arg(KeySearchModel::kMaxResults) : QString());
    m_status->setText(s);
}

QString KeyBrowser::statusText() const
{
    return m_status->text();
}

bool KeyBrowser::confirmClose()
{
    return m_editor->confirmDiscard();
}

KeyBrowser::Selection KeyBrowser::selection() const
{
    Selection sel;
    const QModelIndex index = m_stack->currentWidget() == m_tree ? m_tree->currentIndex() : QModelIndex();
    if (index.isValid()) {
        const QByteArray key = m_model->keyAt(index);
        if (index.data(KeyTreeModel::IsKeyRole).toBool()) {
            sel.key = key;
            sel.modRevision = index.data(KeyTreeModel::ModRevisionRole).toLongLong();
        }
        const char delimiter = m_mirror->options().delimiter;
        if (index.data(KeyTreeModel::IsFolderRole).toBool() && delimiter != 0)
            sel.prefix = key + delimiter;
    } else if (!m_editor->key().isEmpty()) {
        // A key opened from the filter results (or a new key not yet in the tree).
        sel.key = m_editor->key();
        const KeyTree::Node *n = m_mirror->tree().find(sel.key);
        if (n && n->isKey && m_mirror->tree().keyOf(n) == sel.key)
            sel.modRevision = n->modRevision;
        else
            sel.key.clear();
    }
    return sel;
}

template<typename Dialog> Dialog *KeyBrowser::adopt(Dialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Typing goes to the dialog, never to the window behind it, and it has the focus at once.
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

NewKeyDialog *KeyBrowser::newKey()
{
    if (!m_client || m_client->isReadOnly())
        return nullptr;
    const Selection sel = selection();
    const char delimiter = m_mirror->options().delimiter;
    QByteArray folder = sel.prefix;
    if (folder.isEmpty() && !sel.key.isEmpty() && delimiter != 0) {
        const int cut = sel.key.lastIndexOf(delimiter);
        folder = cut >= 0 ? sel.key.left(cut + 1) : QByteArray();
    }
    if (folder.isEmpty() || !m_mirror->tree().inScope(folder))
        folder = m_mirror->options().scope;
    auto *dialog = new NewKeyDialog(m_client, folder, delimiter, this);
    connect(dialog, &NewKeyDialog::created, this, [this, dialog](const QByteArray &key, qint64) {
        setLastCommand(EtcdctlCommand(m_client->options()).compareAndSwap(key, dialog->value(), 0),
                       tr("creation of %1").arg(displayKey(key)));
        m_status->setText(tr("Created %1").arg(displayKey(key)));
        showCreated(key);
    });
    return adopt(dialog);
}

CopyKeyDialog *KeyBrowser::copySelected()
{
    const Selection sel = selection();
    if (!m_client || m_client->isReadOnly() || sel.isEmpty())
        return nullptr;
    const bool folder = sel.key.isEmpty();
    auto *dialog = new CopyKeyDialog(m_client, folder ? sel.prefix : sel.key, folder, this);
    connect(dialog, &CopyKeyDialog::finished, this, [this](const OperationReport &report) {
        m_status->setText(report.summary());
    });
    return adopt(dialog);
}

DeleteDialog *KeyBrowser::deleteSelected()
{
    const Selection sel = selection();
    if (!m_client || m_client->isReadOnly() || sel.isEmpty())
        return nullptr;
    if (sel.key.isEmpty())
        return deleteSelectedFolder();
    auto *dialog = new DeleteDialog(m_client, sel.key, false, sel.modRevision, this);
    connect(dialog, &DeleteDialog::finished, this, [this, dialog](const OperationReport &report) {
        if (report.error)
            return;
        setLastCommand(EtcdctlCommand(m_client->options()).compareAndDelete(dialog->keyOrPrefix(), dialog->seenRevision()),
                       tr("deletion of %1").arg(displayKey(dialog->keyOrPrefix())));
        m_status->setText(report.summary());
    });
    return adopt(dialog);
}

DeleteDialog *KeyBrowser::deleteSelectedFolder()
{
    const Selection sel = selection();
    if (!m_client || m_client->isReadOnly() || sel.prefix.isEmpty())
        return nullptr;
    auto *dialog = new DeleteDialog(m_client, sel.prefix, true, 0, this);
    connect(dialog, &DeleteDialog::finished, this, [this, dialog](const OperationReport &report) {
        if (report.error)
            return;
        setLastCommand(EtcdctlCommand(m_client->options()).delPrefix(dialog->keyOrPrefix()),
                       tr("deletion of the folder %1").arg(displayKey(dialog->keyOrPrefix())));
        m_status->setText(report.summary());
    });
    return adopt(dialog);
}

KeyHistoryDialog *KeyBrowser::showHistory()
{
    QByteArray key = selection().key;
    if (key.isEmpty())
        key = m_editor->key();
    if (!m_client || key.isEmpty())
        return nullptr;
    auto *dialog = new KeyHistoryDialog(m_client, key, this);
    // A restore is an edit like any other, saved as a compare-and-swap on the version the person
    // compared it with (the history's current one): a change made since comes up as a conflict.
    auto restore = [this, key, dialog](const QByteArray &value, const QString &what) {
        if (m_editor->key() != key) {
            m_status->setText(tr("Not restored: %1 is no longer open").arg(displayKey(key)));
            return;
        }
        if (!m_editor->confirmDiscard())
            return;
        const QVector<KeyValue> &versions = dialog->history().versions;
        const LoadedValue base = LoadedValue::fromKv(key, versions.isEmpty() ? nullptr : &versions.constFirst());
        m_status->setText(what);
        m_editor->revert();
        m_editor->restore(base, value);
    };
    connect(dialog, &KeyHistoryDialog::restoreRequested, this,
            [this, key, restore](const QByteArray &value, qint64 fromRevision) {
                restore(value, tr("Restoring %1 as of revision %2…").arg(displayKey(key)).arg(fromRevision));
            });
    connect(dialog, &KeyHistoryDialog::restoreFieldRequested, this,
            [this, key, restore](const QByteArray &value, const QString &path, qint64 fromRevision) {
                restore(value, tr("Restoring the field %1 of %2 as of revision %3…")
                                   .arg(path, displayKey(key))
                                   .arg(fromRevision));
            });
    return adopt(dialog);
}

ExportDialog *KeyBrowser::exportSelected()
{
    if (!m_client)
        return nullptr;
    const Selection sel = selection();
    QByteArray prefix = sel.prefix;
    if (prefix.isEmpty())
        prefix = !sel.key.isEmpty() ? sel.key : m_mirror->options().scope;
    return adopt(new ExportDialog(m_client, prefix, this));
}

ImportDialog *KeyBrowser::importFile()
{
    if (!m_client || m_client->isReadOnly())
        return nullptr;
    auto *dialog = new ImportDialog(m_client, this);
    connect(dialog, &ImportDialog::finished, this, [this](const OperationReport &report) {
        m_status->setText(report.summary());
    });
    return adopt(dialog);
}

QString KeyBrowser::etcdctlForSelection() const
{
    if (!m_client)
        return {};
    const Selection sel = selection();
    const EtcdctlCommand etcdctl(m_client->options());
    if (!sel.key.isEmpty())
        return etcdctl.get(sel.key);
    if (!sel.prefix.isEmpty())
        return etcdctl.getPrefix(sel.prefix);
    return {};
}

QAction *KeyBrowser::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void KeyBrowser::setLastCommand(const QString &command, const QString &what)
{
    m_lastCommand = command;
    m_copyLastCommandAction->setText(command.isEmpty() ? tr("Last action") : tr("Last action: %1").arg(what));
    updateActions();
}

void KeyBrowser::updateActions()
{
    const Selection sel = selection();
    const bool writable = m_client && !m_client->isReadOnly();
    const QString readOnly = tr("Read-only connection: nothing can be written from here");
    m_newAction->setEnabled(writable);
    m_copyAction->setEnabled(writable && !sel.isEmpty());
    m_deleteAction->setEnabled(writable && !sel.isEmpty());
    m_deleteFolderAction->setEnabled(writable && !sel.prefix.isEmpty());
    m_importAction->setEnabled(writable);
    for (QAction *a : {m_newAction, m_copyAction, m_deleteAction, m_deleteFolderAction, m_importAction})
        a->setStatusTip(writable ? QString() : readOnly);
    m_historyAction->setEnabled(!sel.key.isEmpty() || !m_editor->key().isEmpty());
    m_copyCommandAction->setEnabled(!sel.isEmpty());
    m_copyLastCommandAction->setEnabled(!m_lastCommand.isEmpty());
}

void KeyBrowser::showContextMenu(const QPoint &pos)
{
    updateActions();
    QMenu menu(this);
    menu.addAction(m_newAction);
    menu.addAction(m_copyAction);
    menu.addAction(m_deleteAction);
    if (!selection().prefix.isEmpty() && !selection().key.isEmpty())
        menu.addAction(m_deleteFolderAction);
    menu.addAction(m_historyAction);
    menu.addSeparator();
    menu.addAction(m_exportAction);
    menu.addAction(m_importAction);
    menu.addSeparator();
    QMenu *etcdctl = menu.addMenu(tr("Copy as etcdctl"));
    etcdctl->addAction(m_copyCommandAction);
    etcdctl->addAction(m_copyLastCommandAction);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

} // namespace etcd::ui
