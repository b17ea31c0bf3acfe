#include "keybrowser.h"

#include "keysearch.h"
#include "keytreemodel.h"
#include "valueeditor.h"
#include "valueformat.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProgressBar>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace etcd::ui {

KeyBrowser::KeyBrowser(EtcdClient *client, const KeySpaceMirror::Options &options, QWidget *parent)
    : QWidget(parent), m_client(client)
{
    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName(QStringLiteral("keyToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("pathBar"));
    m_path->setPlaceholderText(tr("Go to key: type a path and press Enter (Ctrl+L)"));
    m_path->setClearButtonEnabled(true);
    connect(m_path, &QLineEdit::returnPressed, this, &KeyBrowser::onPathEntered);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filterBox"));
    m_filter->setPlaceholderText(tr("Filter keys: text, or a glob like */config/* (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textEdited, this, &KeyBrowser::onFilterEdited);
    m_flatAction = new QAction(tr("Flat list"), this);
    m_flatAction->setCheckable(true);
    m_flatAction->setToolTip(tr("Show every key in one list instead of a tree of folders"));
    connect(m_flatAction, &QAction::toggled, this, [this](bool flat) { setDelimiter(flat ? 0 : '/'); });
    m_toolBar->addAction(m_flatAction);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setMaximumHeight(16);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("browserStatus"));

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("keyTree"));
    m_tree->setUniformRowHeights(true); // a million rows scroll smoothly only with uniform heights
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results = new QListView(this);
    m_results->setObjectName(QStringLiteral("filterResults"));
    m_results->setUniformItemSizes(true);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_tree);
    m_stack->addWidget(m_results);
    m_editor = new ValueEditor(client, this);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("browserSplitter"));
    splitter->addWidget(m_stack);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *top = new QHBoxLayout;
    top->addWidget(m_path, 3);
    top->addWidget(m_filter, 2);
    top->addWidget(m_toolBar);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_progress);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    new QShortcut(QKeySequence::Find, this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this, [this] {
        m_path->setFocus();
        m_path->selectAll();
    });
    new QShortcut(QKeySequence::Refresh, this, [this] { rebuild(m_mirror->options()); });

    rebuild(options);
}

KeyBrowser::~KeyBrowser() = default;

void KeyBrowser::rebuild(const KeySpaceMirror::Options &options)
{
    // A new listing in a new tree: used for the flat/tree switch and for a manual refresh.
    const QByteArray keep = currentKey();
    delete m_search;
    delete m_model;
    delete m_mirror;
    m_mirror = new KeySpaceMirror(m_client, options, this);
    m_model = new KeyTreeModel(m_mirror, this);
    m_search = new KeySearchModel(m_mirror, this);
    m_tree->setModel(m_model);
    m_results->setModel(m_search);
    m_tree->header()->setSectionResizeMode(KeyTreeModel::Name, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    for (int c = KeyTreeModel::Keys; c < KeyTreeModel::ColumnCount; ++c)
        m_tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &KeyBrowser::onCurrentChanged);
    connect(m_results->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onSearchActivated(current); });
    connect(m_search, &KeySearchModel::progress, this, &KeyBrowser::updateStatus);
    connect(m_search, &KeySearchModel::finished, this, &KeyBrowser::updateStatus);
    connect(m_mirror, &KeySpaceMirror::loadStarted, this, [this] {
        m_progress->setRange(0, 0);
        m_progress->setFormat(tr("Listing keys…"));
        m_progress->show();
    });
    connect(m_mirror, &KeySpaceMirror::loadProgress, this, [this](qint64 keys, qint64 total) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(1000 * keys / total) : 0);
        m_progress->setFormat(tr("Loading %L1 of %L2 keys").arg(keys).arg(total));
        updateStatus();
    });
    connect(m_mirror, &KeySpaceMirror::loaded, this, [this, keep](qint64 revision, qint64 keys) {
        m_progress->hide();
        updateStatus();
        if (!keep.isEmpty() && m_editor->key().isEmpty())
            goToKey(keep);
        Q_EMIT loaded(revision, keys);
    });
    connect(m_mirror, &KeySpaceMirror::batchApplied, this, &KeyBrowser::onBatchApplied);
    connect(m_mirror, &KeySpaceMirror::failed, this, [this](const EtcdError &e) {
        m_progress->hide();
        m_status->setText(tr("Cannot list keys: %1").arg(e.toString()));
    });
    if (!m_filter->text().isEmpty())
        onFilterEdited(m_filter->text());
}

void KeyBrowser::start()
{
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
    if (!index.isValid()) {
        // Not in the tree: offer to create it by opening an empty editor.
        if (!m_editor->confirmDiscard())
            return false;
        m_tree->setCurrentIndex(QModelIndex());
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
    if (!current.isValid())
        return;
    const QByteArray key = m_model->keyAt(current);
    if (key == m_editor->key())
        return;
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
        Q_EMIT keyOpened(key);
    } else {
        m_editor->clear();
    }
}

void KeyBrowser::onSearchActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QByteArray key = m_search->keyAt(index.row());
    if (key == m_editor->key() || !m_editor->confirmDiscard())
        return;
    m_path->setText(displayKey(key));
    m_editor->open(key);
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
    goToKey(key);
}

void KeyBrowser::onBatchApplied()
{
    const QByteArray open = m_editor->key();
    if (!open.isEmpty() && !m_mirror->isLoading()) {
        const KeyTree::Node *n = m_mirror->tree().find(open);
        const bool present = n && n->isKey && m_mirror->tree().keyOf(n) == open;
        m_editor->keyChangedInEtcd(present ? n->modRevision : 0, !present);
    }
    updateStatus();
}

void KeyBrowser::updateStatus()
{
    QString s;
    if (m_mirror->isLoading())
        s = tr("Loading… %L1 keys so far").arg(m_mirror->loadedKeys());
    else if (m_mirror->isLoaded())
        s = tr("%L1 keys under %2 · revision %3 · live").arg(m_mirror->tree().keyCount())
                .arg(m_mirror->options().scope.isEmpty() ? tr("the whole keyspace") : displayKey(m_mirror->options().scope))
                .arg(m_mirror->revision());
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

} // namespace etcd::ui
