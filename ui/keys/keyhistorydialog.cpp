// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/keyhistorydialog.h"

#include "client/continuation.h"
#include "common/diffview.h"
#include "common/format.h"
#include "common/theme.h"
#include "format/structuralmerge.h"
#include "format/valueformat.h"
#include "keys/fieldchangesview.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace etcd::ui {

namespace {
enum Column { RevisionColumn, VersionColumn, ReplacedColumn, SizeColumn, ValueColumn, ColumnCount };

constexpr int kPreviewChars = 120;

QString versionsText(qsizetype n)
{
    // Spelled out: the app ships no translations, so tr()'s "%n version(s)" would stay "(s)".
    return n == 1 ? KeyHistoryDialog::tr("1 version") : KeyHistoryDialog::tr("%1 versions").arg(n);
}

// A line of the table must tell versions apart at a glance: the value itself on one line (JSON
// minified, other text with its lines joined by ⏎), not the "{" a pretty-printed document starts with.
QString preview(const QByteArray &value)
{
    if (value.isEmpty())
        return KeyHistoryDialog::tr("(empty)");
    const ValueFormat format = detectFormat(value);
    if (format == ValueFormat::Binary)
        return KeyHistoryDialog::tr("binary, %1 bytes").arg(value.size());
    QString line;
    if (format == ValueFormat::Json) {
        QString error;
        line = compactJson(QString::fromUtf8(value), &error);
    }
    if (line.isEmpty()) {
        QStringList parts;
        for (const QString &l : QString::fromUtf8(value).split(QLatin1Char('\n'))) {
            const QString t = l.trimmed();
            if (!t.isEmpty())
                parts << t;
            if (parts.join(QStringLiteral(" ⏎ ")).size() > kPreviewChars)
                break;
        }
        line = parts.join(QStringLiteral(" ⏎ "));
    }
    if (line.size() > kPreviewChars)
        return line.left(kPreviewChars) + QStringLiteral(" …");
    return line;
}

QString sideTitle(const KeyValue &kv, bool current)
{
    return current ? KeyHistoryDialog::tr("revision %1 · version %2 (current)").arg(kv.modRevision).arg(kv.version)
                   : KeyHistoryDialog::tr("revision %1 · version %2").arg(kv.modRevision).arg(kv.version);
}
} // namespace

KeyHistoryDialog::KeyHistoryDialog(EtcdClient *client, const QByteArray &key, QWidget *parent)
    : QDialog(parent), m_client(client), m_key(key)
{
    setObjectName(QStringLiteral("keyHistoryDialog"));
    setWindowTitle(tr("History of %1").arg(displayKey(key)));

    m_keyLabel = new QLabel(displayKey(key), this);
    m_keyLabel->setObjectName(QStringLiteral("historyKey"));
    m_keyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont keyFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    keyFont.setBold(true);
    keyFont.setPointSizeF(keyFont.pointSizeF() * 1.1);
    m_keyLabel->setFont(keyFont);
    m_extent = new QLabel(this);
    m_extent->setObjectName(QStringLiteral("historyExtent"));
    m_extent->setWordWrap(true);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("historyBusy"));
    m_busy->setRange(0, 0); // no total is known: etcd is asked one revision at a time
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(10);

    m_table = new QTreeWidget(this);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setColumnCount(ColumnCount);
    m_table->setHeaderLabels({tr("Revision"), tr("Version"), tr("Replaced at"), tr("Size"), tr("Value")});
    m_table->headerItem()->setToolTip(RevisionColumn, tr("The revision at which the key got this value"));
    m_table->headerItem()->setToolTip(VersionColumn, tr("How many times the key had been written (1: created)"));
    m_table->headerItem()->setToolTip(
        ReplacedColumn, tr("The revision at which the next version replaced this one (etcd keeps no timestamps)"));
    for (int c : {RevisionColumn, VersionColumn, ReplacedColumn, SizeColumn})
        m_table->headerItem()->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    m_table->header()->setStretchLastSection(true);
    m_table->header()->setSectionResizeMode(QHeaderView::Interactive);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &KeyHistoryDialog::onSelectionChanged);

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("historyHint"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_diff = new DiffView(this);
    m_diff->setObjectName(QStringLiteral("historyDiff"));
    m_fields = new FieldChangesView(this);
    m_fields->setObjectName(QStringLiteral("historyFields"));
    connect(m_fields, &FieldChangesView::compared, this, &KeyHistoryDialog::showFieldChanges);
    connect(m_fields, &FieldChangesView::restoreRequested, this, &KeyHistoryDialog::restoreField);
    m_compareTabs = new QTabWidget(this);
    m_compareTabs->setObjectName(QStringLiteral("historyCompareTabs"));
    m_compareTabs->setDocumentMode(true);
    m_compareTabs->addTab(m_diff, tr("Lines"));
    m_compareTabs->addTab(m_fields, tr("Fields"));
    m_compareTabs->setTabVisible(1, false);
    m_lower = new QStackedWidget(this);
    m_lower->addWidget(m_hint);
    m_lower->addWidget(m_compareTabs);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_lower);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    m_reload = new QPushButton(tr("Reload"), this);
    m_reload->setObjectName(QStringLiteral("reloadButton"));
    m_reload->setAutoDefault(false);
    m_reload->setToolTip(tr("Read the history again"));
    connect(m_reload, &QPushButton::clicked, this, &KeyHistoryDialog::reload);
    m_restore = new QPushButton(tr("Restore this version"), this);
    m_restore->setObjectName(QStringLiteral("restoreButton"));
    m_restore->setAutoDefault(false); // Enter must not start a write by accident
    connect(m_restore, &QPushButton::clicked, this, &KeyHistoryDialog::restoreSelected);
    auto *close = new QPushButton(tr("Close"), this);
    close->setObjectName(QStringLiteral("closeButton"));
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reload);
    buttons->addStretch(1);
    buttons->addWidget(m_restore);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_keyLabel);
    layout->addWidget(m_extent);
    // How to compare, always in view: one selected version against the current value, or two.
    auto *how = new QLabel(tr("Select a version to compare it with the current value; Ctrl+click a second one to "
                              "compare those two with each other."),
                           this);
    how->setObjectName(QStringLiteral("compareHint"));
    how->setForegroundRole(QPalette::PlaceholderText);
    how->setWordWrap(true);
    layout->addWidget(how);
    layout->addWidget(m_busy);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);
    resize(940, 660);

    reload();
}

qint64 KeyHistoryDialog::currentRevision() const
{
    return m_history.versions.isEmpty() ? 0 : m_history.versions.constFirst().modRevision;
}

void KeyHistoryDialog::reload()
{
    if (!m_client)
        return;
    const int generation = ++m_generation;
    m_loaded = false;
    m_history = KeyHistory();
    m_table->clear();
    m_busy->show();
    m_reload->setEnabled(false);
    m_extent->setStyleSheet(QString());
    m_extent->setText(tr("Reading the key's earlier versions from etcd…"));
    onSelectionChanged();
    whenFinished(loadKeyHistory(m_client, m_key, kMaxVersions), this,
                 [this, generation](const EtcdResult<KeyHistory> &r) {
                     if (generation != m_generation)
                         return; // a newer reload is under way
                     m_busy->hide();
                     m_reload->setEnabled(true);
                     if (r.ok())
                         showHistory(r.value());
                     else
                         showError(r.error());
                     m_loaded = true;
                     Q_EMIT loaded();
                 });
}

void KeyHistoryDialog::showHistory(const KeyHistory &history)
{
    m_history = history;
    const QVector<KeyValue> &versions = history.versions;
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QList<QTreeWidgetItem *> items;
    for (qsizetype i = 0; i < versions.size(); ++i) {
        const KeyValue &kv = versions.at(i);
        auto *item = new QTreeWidgetItem;
        item->setText(RevisionColumn, QString::number(kv.modRevision));
        item->setText(VersionColumn, QString::number(kv.version));
        item->setText(ReplacedColumn, i == 0 ? tr("current") : QString::number(versions.at(i - 1).modRevision));
        item->setText(SizeColumn, formatBytes(kv.value.size()));
        item->setText(ValueColumn, preview(kv.value));
        item->setToolTip(ValueColumn, tr("%1 bytes").arg(kv.value.size()));
        item->setFont(ValueColumn, fixed);
        for (int c : {RevisionColumn, VersionColumn, ReplacedColumn, SizeColumn})
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        if (kv.lease)
            item->setToolTip(RevisionColumn, tr("attached to lease %1").arg(QString::number(kv.lease, 16)));
        items << item;
    }
    m_table->addTopLevelItems(items);
    for (int c = 0; c < ValueColumn; ++c)
        m_table->resizeColumnToContents(c);
    m_extent->setText(extentText());
    if (versions.size() > 1)
        selectVersions(1); // the question usually is "what did the last change do?"
    else
        onSelectionChanged();
}

void KeyHistoryDialog::showError(const EtcdError &error)
{
    m_extent->setStyleSheet(Theme::errorStyleSheet());
    m_extent->setText(tr("Could not read the history: %1").arg(error.toString()));
    showHint(tr("Nothing to show. Reload to try again."));
}

QString KeyHistoryDialog::extentText() const
{
    const QVector<KeyValue> &versions = m_history.versions;
    if (versions.isEmpty())
        return tr("This key does not exist now, so there is no history to show.");
    const QString count = versionsText(versions.size());
    const KeyValue &oldest = versions.constLast();
    if (m_history.reachedCreation)
        return tr("%1, back to the key's creation at revision %2.").arg(count).arg(oldest.createRevision);
    if (m_history.compacted)
        return tr("%1. Older versions (back to its creation at revision %2) are gone: etcd has compacted its "
                  "history.")
            .arg(count)
            .arg(oldest.createRevision);
    if (m_history.truncated)
        return tr("The latest %1; older ones exist (the list stops at %2).").arg(count).arg(kMaxVersions);
    return count + QLatin1Char('.');
}

QVector<int> KeyHistoryDialog::selectedRows() const
{
    QVector<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void KeyHistoryDialog::selectVersions(int a, int b)
{
    QItemSelection selection;
    for (int row : {a, b}) {
        QTreeWidgetItem *item = row >= 0 ? m_table->topLevelItem(row) : nullptr;
        if (!item)
            continue;
        const QModelIndex first = m_table->indexFromItem(item, 0);
        selection.select(first, first.siblingAtColumn(ColumnCount - 1));
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (a >= 0 && a < m_table->topLevelItemCount())
        m_table->scrollToItem(m_table->topLevelItem(a));
}

void KeyHistoryDialog::onSelectionChanged()
{
    const QVector<int> rows = selectedRows();
    const int count = int(m_history.versions.size());
    const bool readOnly = m_client && m_client->isReadOnly();
    const bool oneOld = rows.size() == 1 && rows.constFirst() > 0;
    m_restore->setEnabled(oneOld && !readOnly);
    if (readOnly)
        m_restore->setToolTip(tr("Not available: this connection is read-only, it sends no writes."));
    else if (oneOld)
        m_restore->setToolTip(
            tr("Put the value of revision %1 back. It is saved like an edit: only if the key is still "
               "at revision %2 (compare-and-swap).")
                .arg(m_history.versions.at(rows.constFirst()).modRevision)
                .arg(currentRevision()));
    else
        m_restore->setToolTip(tr("Select one earlier version to restore it."));

    if (count == 0) {
        showHint(m_loaded ? QString() : tr("Loading…"));
        return;
    }
    if (rows.isEmpty()) {
        showHint(tr("Select a version to compare it with the current value, or two versions to compare them "
                    "with each other (Ctrl+click)."));
    } else if (rows.size() > 2) {
        showHint(tr("Select at most two versions to compare."));
    } else if (rows.size() == 2) {
        compare(rows.at(1), rows.at(0));
    } else if (rows.constFirst() > 0) {
        compare(rows.constFirst(), 0);
    } else if (count > 1) {
        compare(1, 0); // the current version alone: what its change did
    } else {
        showHint(tr("This is the only version: the key has not changed since it was created."));
    }
}

void KeyHistoryDialog::compare(int olderRow, int newerRow)
{
    const KeyValue &older = m_history.versions.at(olderRow);
    const KeyValue &newer = m_history.versions.at(newerRow);
    // Both sides in one format, the newer value's: a value that became binary (or stopped being)
    // is compared as hex on both sides, so bytes are never shown as garbled text.
    ValueFormat format = detectFormat(newer.value);
    if (detectFormat(older.value) == ValueFormat::Binary)
        format = ValueFormat::Binary;
    m_diff->setTexts(toEditorText(older.value, format), toEditorText(newer.value, format),
                     sideTitle(older, olderRow == 0), sideTitle(newer, newerRow == 0));
    m_lower->setCurrentWidget(m_compareTabs);
    // Field by field, for JSON and YAML: shown once the worker has compared them.
    m_olderRow = olderRow;
    m_newerRow = newerRow;
    const bool readOnly = m_client && m_client->isReadOnly();
    if (readOnly)
        m_fields->setRestore(false, tr("Not available: this connection is read-only, it sends no writes."));
    else if (newerRow != 0)
        m_fields->setRestore(false, tr("Compare an earlier version with the current one to restore one of its "
                                       "fields."));
    else
        m_fields->setRestore(true, tr("Put the selected field back as it was at revision %1, the rest of the "
                                      "current value unchanged. Saved like an edit, only if the key is still at "
                                      "revision %2.")
                                       .arg(older.modRevision)
                                       .arg(newer.modRevision));
    m_fields->compare(older.value, newer.value);
}

void KeyHistoryDialog::showFieldChanges()
{
    const bool structured = m_fields->isStructured();
    m_compareTabs->setTabVisible(1, structured);
    if (structured) {
        const qsizetype n = m_fields->result().changes.size();
        m_compareTabs->setTabText(1, n == 1 ? tr("Fields  1 changed") : tr("Fields  %1 changed").arg(n));
    } else {
        m_compareTabs->setCurrentIndex(0);
    }
}

void KeyHistoryDialog::restoreField(const QString &path)
{
    if (m_newerRow != 0 || m_olderRow <= 0 || m_olderRow >= m_history.versions.size() ||
        (m_client && m_client->isReadOnly()))
        return;
    const KeyValue older = m_history.versions.at(m_olderRow);
    const KeyValue current = m_history.versions.constFirst();
    QString change;
    for (const FieldChange &c : m_fields->result().changes)
        if (c.path == path)
            change = c.kind == FieldChange::Kind::Added     ? tr("it is removed (it did not exist then)")
                     : c.kind == FieldChange::Kind::Removed ? tr("it comes back as %1").arg(c.before)
                                                            : tr("%1 becomes %2 again").arg(c.after, c.before);
    // Parsing and patching a value of megabytes is no work for the GUI thread.
    m_fields->restoreButton()->setEnabled(false);
    whenFinished(QtConcurrent::run(
                     [cur = current.value, old = older.value, path] { return etcd::restoreField(cur, old, path); }),
                 this,
                 [this, path, change, olderRevision = older.modRevision,
                  shownRevision = current.modRevision](const FieldRestore &restore) {
                     m_fields->restoreButton()->setEnabled(true);
                     if (shownRevision != currentRevision())
                         return; // reloaded meanwhile: the person asks again on what is shown
                     if (!restore.ok) {
                         QMessageBox::warning(this, tr("Restore this field"),
                                              tr("Not restored: %1").arg(restore.error));
                         return;
                     }
                     QString question =
                         tr("Restore the field %1 of %2 to its value of revision %3: %4? The rest of the current "
                            "value (revision %5) stays as it is. It is saved like an edit, only if the key is still "
                            "at revision %5; otherwise you get the conflict view.")
                             .arg(path, displayKey(m_key))
                             .arg(olderRevision)
                             .arg(change)
                             .arg(shownRevision);
                     if (restore.commentsLost)
                         question += QLatin1Char(' ') +
                                     tr("The value has to be written anew for this: its YAML comments will be lost.");
                     const bool yes = m_confirm ? m_confirm(question)
                                                : QMessageBox::question(this, tr("Restore this field"), question,
                                                                        QMessageBox::Yes | QMessageBox::Cancel,
                                                                        QMessageBox::Cancel) == QMessageBox::Yes;
                     if (!yes)
                         return;
                     Q_EMIT restoreFieldRequested(restore.text, path, olderRevision);
                     accept();
                 });
}

void KeyHistoryDialog::showHint(const QString &text)
{
    m_hint->setText(text);
    m_lower->setCurrentWidget(m_hint);
}

void KeyHistoryDialog::restoreSelected()
{
    const QVector<int> rows = selectedRows();
    if (rows.size() != 1 || rows.constFirst() <= 0 || (m_client && m_client->isReadOnly()))
        return;
    const KeyValue &kv = m_history.versions.at(rows.constFirst());
    // The comparison of this version with the current one (on screen since it was selected) is
    // what the restore undoes: say it in numbers and ask.
    const DiffStats stats = m_diff->stats();
    const QString change = m_diff->isComparing()
                               ? tr("the comparison below shows what changes")
                               : tr("going from it to the current value added %1 and removed %2 line(s), as the "
                                    "comparison below shows; the restore undoes that")
                                     .arg(stats.added)
                                     .arg(stats.removed);
    const QString question = tr("Restore %1 to its value of revision %2? The current value (revision %3) is replaced: "
                                "%4. It is saved like an edit, only if the key is still at revision %3; otherwise you "
                                "get the conflict view.")
                                 .arg(displayKey(m_key))
                                 .arg(kv.modRevision)
                                 .arg(currentRevision())
                                 .arg(change);
    const bool yes = m_confirm ? m_confirm(question)
                               : QMessageBox::question(this, tr("Restore this version"), question,
                                                       QMessageBox::Yes | QMessageBox::Cancel,
                                                       QMessageBox::Cancel) == QMessageBox::Yes;
    if (!yes)
        return;
    Q_EMIT restoreRequested(kv.value, kv.modRevision);
    accept();
}

} // namespace etcd::ui
