// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/conflictdialog.h"

#include "format/structuraldiff.h"

#include "client/continuation.h"
#include "common/diffview.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace etcd::ui {

namespace {
// Keys can be long paths; the sentence must stay readable, the tooltip has the whole key.
QString shortKey(const QString &key)
{
    constexpr int kMax = 96;
    if (key.size() <= kMax)
        return key;
    return key.left(kMax / 2 - 1) + QStringLiteral("…") + key.right(kMax / 2);
}

QString revisionText(qint64 revision)
{
    return ConflictDialog::tr("revision %1").arg(revision);
}
} // namespace

ConflictDialog::ConflictDialog(const QString &key, const Side &base, const Side &mine, const Side &theirs,
                               QWidget *parent)
    : QDialog(parent), m_theirsDeleted(theirs.deleted), m_base(base.text), m_mine(mine.text), m_theirs(theirs.text)
{
    setWindowTitle(tr("Save conflict: %1").arg(shortKey(key)));
    setObjectName(QStringLiteral("conflictDialog"));

    // What happened, in one sentence, and what it means for the user's text.
    const QString keyHtml = QStringLiteral("<b>%1</b>").arg(shortKey(key).toHtmlEscaped());
    QString what;
    if (theirs.deleted) {
        what = theirs.modRevision > 0
                   ? tr("%1 was deleted in etcd (%2) after you opened it. Nothing was saved.")
                         .arg(keyHtml, revisionText(theirs.modRevision))
                   : tr("%1 was deleted in etcd after you opened it. Nothing was saved.").arg(keyHtml);
    } else if (base.modRevision == 0) {
        what = tr("%1 was created in etcd (%2) by someone else while you were writing it. Nothing was saved.")
                   .arg(keyHtml, revisionText(theirs.modRevision));
    } else {
        // One arg() call: a key may itself contain "%2" (URL-encoded keys do).
        what = tr("%1 was changed in etcd (revision %2 → %3) after you opened it. Nothing was saved.")
                   .arg(keyHtml, QString::number(base.modRevision), QString::number(theirs.modRevision));
    }
    auto *headline = new QLabel(what, this);
    headline->setObjectName(QStringLiteral("conflictHeadline"));
    headline->setTextFormat(Qt::RichText);
    headline->setWordWrap(true);
    headline->setToolTip(key);
    QFont headlineFont = headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.1);
    headline->setFont(headlineFont);

    QString detail = tr("Your text is still in the editor. Compare the changes below, then choose how to go on.");
    if (!theirs.deleted && theirs.text == mine.text)
        detail += QLatin1Char(' ') + tr("The value in etcd is already identical to your text.");
    auto *detailLabel = new QLabel(detail, this);
    detailLabel->setWordWrap(true);
    detailLabel->setForegroundRole(QPalette::PlaceholderText);

    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize, iconSize));
    icon->setAlignment(Qt::AlignTop);

    // Three views of the same conflict; theirs first: it is the news.
    const QString loaded = base.modRevision > 0 ? tr("loaded (%1)").arg(revisionText(base.modRevision)) : tr("new key");
    const QString inEtcd =
        theirs.deleted ? tr("etcd now (deleted)") : tr("etcd now (%1)").arg(revisionText(theirs.modRevision));
    const QString yours = tr("your text");
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    struct Tab
    {
        QString name;
        QString objectName;
        const QString *a;
        const QString *b;
        QString aTitle;
        QString bTitle;
    };
    const Tab tabs[] = {
        {tr("Their change"), QStringLiteral("theirChangeView"), &base.text, &theirs.text, loaded, inEtcd},
        {tr("Your change"), QStringLiteral("yourChangeView"), &base.text, &mine.text, loaded, yours},
        {tr("Yours vs theirs"), QStringLiteral("yoursVsTheirsView"), &theirs.text, &mine.text, inEtcd, yours},
    };
    for (const Tab &tab : tabs) {
        auto *view = new DiffView(m_tabs);
        view->setObjectName(tab.objectName);
        const int index = m_tabs->addTab(view, tab.name);
        connect(view, &DiffView::compared, this, [this, view, index, name = tab.name] {
            const DiffStats stats = view->stats();
            m_tabs->setTabText(index,
                               stats.added + stats.removed == 0
                                   ? tr("%1 (none)").arg(name)
                                   : QStringLiteral("%1  +%2 −%3").arg(name).arg(stats.added).arg(stats.removed));
        });
        view->setTexts(*tab.a, *tab.b, tab.aTitle, tab.bTitle);
    }

    addFieldsTab(base.text, mine.text, theirs.deleted ? QString() : theirs.text);

    m_mergeStatus = new QLabel(this);
    m_mergeStatus->setObjectName(QStringLiteral("mergeStatus"));
    m_mergeStatus->setWordWrap(true);

    // Fields changed on both sides (JSON and YAML): one row each, and whose value to keep.
    m_conflicts = new QTreeWidget(this);
    m_conflicts->setObjectName(QStringLiteral("mergeConflicts"));
    m_conflicts->setRootIsDecorated(false);
    m_conflicts->setColumnCount(5);
    m_conflicts->setHeaderLabels({tr("Field"), tr("Loaded"), tr("Yours"), tr("Theirs"), tr("Keep")});
    m_conflicts->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_conflicts->header()->setStretchLastSection(false);
    m_conflicts->hide();

    // Nothing is the default button: Enter must not overwrite anyone's change by accident.
    auto makeButton = [this](const QString &text, const QString &name, Choice choice) {
        auto *button = new QPushButton(text, this);
        button->setObjectName(name);
        button->setAutoDefault(false);
        connect(button, &QPushButton::clicked, this, [this, choice] { choose(choice); });
        return button;
    };
    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setAutoDefault(false);
    cancel->setToolTip(tr("Back to the editor with your text; nothing is saved or changed (Esc)."));
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    m_keepTheirs =
        makeButton(theirs.deleted ? tr("Keep it deleted (discard my edit)") : tr("Keep theirs (discard my edit)"),
                   QStringLiteral("keepTheirsButton"), Choice::KeepTheirs);
    m_keepTheirs->setToolTip(theirs.deleted ? tr("Drop your edit; the key stays deleted. Nothing is written.")
                                            : tr("Load the value now in etcd into the editor; your edit is discarded. "
                                                 "Nothing is written."));
    m_overwrite = makeButton(theirs.deleted ? tr("Re-create it with mine") : tr("Overwrite theirs with mine"),
                             QStringLiteral("overwriteButton"), Choice::OverwriteTheirs);
    m_overwrite->setToolTip(
        theirs.deleted
            ? tr("Write your text to etcd as the key's new value.")
            : tr("Write your text to etcd, replacing their change (%1).").arg(revisionText(theirs.modRevision)));
    m_mergeButton = makeButton(tr("Merge into the editor"), QStringLiteral("mergeButton"), Choice::MergeInEditor);
    m_mergeButton->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->setSpacing(12);
    top->addWidget(icon, 0, Qt::AlignTop);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(4);
    texts->addWidget(headline);
    texts->addWidget(detailLabel);
    top->addLayout(texts, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_keepTheirs);
    buttons->addWidget(m_overwrite);
    buttons->addWidget(m_mergeButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(4);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_mergeStatus);
    layout->addWidget(m_conflicts);
    layout->addLayout(buttons);
    resize(920, 620);

    if (theirs.deleted) {
        m_merge = QtFuture::makeReadyFuture(Merge{false, MergeResult{QString(), false, 0}, StructuralMerge()});
        m_mergeStatus->setText(tr("There is nothing to merge with: the key no longer exists in etcd."));
        m_mergeButton->setToolTip(tr("Not available: the key was deleted in etcd."));
        return;
    }
    startMerge();
}

void ConflictDialog::startMerge()
{
    m_mergeButton->setEnabled(false);
    m_mergeStatus->setText(tr("Merging both changes…"));
    m_mergeButton->setToolTip(tr("Merging both changes…"));
    const int generation = ++m_mergeGeneration;
    m_merge = QtConcurrent::run([b = m_base, m = m_mine, t = m_theirs, take = m_takeTheirs] {
        Merge merge;
        merge.fields = mergeStructured(b.toUtf8(), m.toUtf8(), t.toUtf8(), take);
        merge.structural = merge.fields.ok;
        if (!merge.structural)
            merge.lines = merge3(b, m, t);
        return merge;
    });
    whenFinished(m_merge, this, [this, generation](const Merge &merge) {
        if (generation == m_mergeGeneration) // a newer choice is being merged
            showMerge(merge);
    });
}

QString ConflictDialog::mergedText() const
{
    const Merge &merge = m_merge.result();
    return merge.structural ? QString::fromUtf8(merge.fields.text) : merge.lines.text;
}

bool ConflictDialog::mergeIsClean() const
{
    if (m_theirsDeleted)
        return false;
    const Merge &merge = m_merge.result();
    return merge.structural || merge.lines.clean;
}

int ConflictDialog::mergeConflicts() const
{
    const Merge &merge = m_merge.result();
    return merge.structural ? int(merge.fields.conflicts.size()) : merge.lines.conflicts;
}

bool ConflictDialog::isStructuralMerge() const
{
    return !m_theirsDeleted && m_merge.result().structural;
}

QStringList ConflictDialog::conflictPaths() const
{
    QStringList paths;
    for (const MergeConflict &c : m_merge.result().fields.conflicts)
        paths << c.path;
    return paths;
}

void ConflictDialog::setTakeTheirs(const QString &path, bool theirs)
{
    if (m_takeTheirs.contains(path) == theirs)
        return;
    if (theirs)
        m_takeTheirs << path;
    else
        m_takeTheirs.removeAll(path);
    for (int row = 0; row < m_conflicts->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_conflicts->topLevelItem(row);
        if (item->data(0, Qt::UserRole).toString() != path)
            continue;
        if (auto *box = qobject_cast<QComboBox *>(m_conflicts->itemWidget(item, 4))) {
            const QSignalBlocker blocker(box);
            box->setCurrentIndex(theirs ? 1 : 0);
        }
    }
    startMerge();
}

bool ConflictDialog::mergeLosesComments() const
{
    return isStructuralMerge() && m_merge.result().fields.commentsLost;
}

QString ConflictDialog::mergeNote() const
{
    if (m_theirsDeleted || !isMergeReady())
        return QString();
    const Merge &merge = m_merge.result();
    if (!merge.structural)
        return merge.lines.clean ? tr("Merged their change with yours: review, then save.")
                                 : tr("Merged with conflicts: resolve the marked lines, then save.");
    QString note = tr("Merged their change with yours field by field: review, then save.");
    const qsizetype both = merge.fields.conflicts.size();
    if (both > 0) {
        const qsizetype theirs = m_takeTheirs.size();
        note = tr("Merged field by field; of the %1 changed on both sides, %2 kept yours and %3 took theirs: "
                  "review, then save.")
                   .arg(both == 1 ? tr("1 field") : tr("%1 fields").arg(both))
                   .arg(both - theirs)
                   .arg(theirs);
    }
    if (merge.fields.commentsLost)
        note += QLatin1Char(' ') + tr("Your YAML comments are gone: the merged document had to be written anew.");
    else if (merge.fields.rewritten)
        note += QLatin1Char(' ') + tr("The merged document was written anew in your text's style.");
    return note;
}

bool ConflictDialog::isMergeReady() const
{
    return !m_theirsDeleted && m_mergeButton->isEnabled();
}

void ConflictDialog::choose(Choice choice)
{
    m_choice = choice;
    accept();
}

void ConflictDialog::showMerge(const Merge &result)
{
    const QString nothingSaved = tr("Nothing is saved until you save again.");
    if (result.structural) {
        const StructuralMerge &fields = result.fields;
        QString status;
        if (fields.conflicts.isEmpty()) {
            status = tr("Both changes combine without conflicts.");
            m_mergeButton->setToolTip(tr("Put the merge of both changes into the editor: clean, no conflicts, "
                                         "merged field by field with your formatting kept. %1")
                                          .arg(nothingSaved));
        } else {
            const qsizetype n = fields.conflicts.size();
            status = tr("%1 changed on both sides: choose whose value to keep for each (yours unless you "
                        "choose theirs; you can still edit it afterwards). Everything else merges.")
                         .arg(n == 1 ? tr("1 field was") : tr("%1 fields were").arg(n));
            m_mergeButton->setToolTip(tr("Put the merge into the editor, with the value you chose for each field "
                                         "changed on both sides; no conflict markers. %1")
                                          .arg(nothingSaved));
        }
        if (fields.commentsLost)
            status += QLatin1Char(' ') +
                      tr("Your text cannot be edited in place, so the merged YAML is written anew: its comments "
                         "will be lost (yaml-cpp cannot keep them). Check the result before saving.");
        else if (fields.rewritten)
            status += QLatin1Char(' ') + tr("Your text cannot be edited in place, so the merged document is "
                                            "written anew in its style.");
        m_mergeStatus->setText(status);
        if (m_conflicts->topLevelItemCount() == 0 && !fields.conflicts.isEmpty())
            showConflicts(fields.conflicts);
        m_mergeButton->setEnabled(true);
        Q_EMIT mergeReady();
        return;
    }
    const MergeResult &merge = result.lines;
    if (merge.clean) {
        m_mergeStatus->setText(tr("Both changes combine without conflicts."));
        m_mergeButton->setToolTip(
            tr("Put the merge of both changes into the editor: clean, no conflicts. %1").arg(nothingSaved));
    } else {
        // Spelled out: the app ships no translations, so tr()'s "%n conflict(s)" would stay "(s)".
        const QString conflicts = merge.conflicts == 1 ? tr("1 conflict") : tr("%1 conflicts").arg(merge.conflicts);
        m_mergeStatus->setText(tr("Merging both changes gives %1 to resolve in the editor.").arg(conflicts));
        m_mergeButton->setToolTip(tr("Put the merge of both changes into the editor, with %1 marked "
                                     "<<<<<<< … >>>>>>> to resolve by hand. %2")
                                      .arg(conflicts, nothingSaved));
    }
    m_mergeButton->setEnabled(true);
    Q_EMIT mergeReady();
}

void ConflictDialog::showConflicts(const QVector<MergeConflict> &conflicts)
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const MergeConflict &c : conflicts) {
        auto *item = new QTreeWidgetItem(
            m_conflicts, {c.path.isEmpty() ? tr("(whole document)") : c.path, c.base, c.mine, c.theirs});
        item->setData(0, Qt::UserRole, c.path);
        for (int column = 0; column < 4; ++column) {
            item->setFont(column, fixed);
            item->setToolTip(column, item->text(column));
        }
        auto *box = new QComboBox(m_conflicts);
        box->setObjectName(QStringLiteral("conflictChoice"));
        box->addItems({tr("Yours"), tr("Theirs")});
        box->setCurrentIndex(m_takeTheirs.contains(c.path) ? 1 : 0);
        connect(box, &QComboBox::currentIndexChanged, this,
                [this, path = c.path](int index) { setTakeTheirs(path, index == 1); });
        m_conflicts->setItemWidget(item, 4, box);
    }
    for (int column = 0; column < 5; ++column)
        m_conflicts->resizeColumnToContents(column);
    // As tall as its rows (up to about six), not a large empty box under one conflict.
    const int rows = std::min(int(conflicts.size()), 6);
    m_conflicts->setFixedHeight(m_conflicts->header()->sizeHint().height() +
                                rows * (m_conflicts->sizeHintForRow(0) + 2) + 2 * m_conflicts->frameWidth() + 4);
    m_conflicts->show();
}

void ConflictDialog::addFieldsTab(const QString &base, const QString &mine, const QString &theirs)
{
    // JSON and YAML documents: what changed field by field, whatever the formatting (a value
    // stored minified by another program differs from mine on every line, not in every field).
    constexpr int kLargest = 512 * 1024; // computed here, on the GUI thread: small documents only
    if (theirs.isEmpty() || base.size() + mine.size() + theirs.size() > kLargest)
        return;
    const StructuralDiff their = structuralDiff(base.toUtf8(), theirs.toUtf8());
    const StructuralDiff your = structuralDiff(base.toUtf8(), mine.toUtf8());
    if (!their.ok || !your.ok || !their.structured || !your.structured)
        return;
    QStringList lines;
    lines << tr("Their changes (etcd now against what you loaded):");
    for (const FieldChange &c : their.changes)
        lines << QStringLiteral("  ") + c.describe();
    if (their.changes.isEmpty())
        lines << tr("  none");
    lines << QString() << tr("Your changes (your text against what you loaded):");
    for (const FieldChange &c : your.changes)
        lines << QStringLiteral("  ") + c.describe();
    if (your.changes.isEmpty())
        lines << tr("  none");
    QStringList both;
    for (const FieldChange &t : their.changes)
        for (const FieldChange &y : your.changes)
            if (t.path == y.path || y.path.startsWith(t.path + QLatin1Char('.')) ||
                t.path.startsWith(y.path + QLatin1Char('.')) || y.path.startsWith(t.path + QLatin1Char('[')) ||
                t.path.startsWith(y.path + QLatin1Char('['))) {
                both << (t.path.size() <= y.path.size() ? t.path : y.path);
            }
    both.removeDuplicates();
    lines << QString()
          << (both.isEmpty() ? tr("No field was changed on both sides.")
                             : tr("Changed on both sides: %1").arg(both.join(QStringLiteral(", "))));
    auto *view = new QPlainTextEdit(m_tabs);
    view->setObjectName(QStringLiteral("fieldChangesView"));
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setPlainText(lines.join(QLatin1Char('\n')));
    m_tabs->addTab(view, tr("Fields  %1 theirs · %2 yours · %3 both")
                             .arg(their.changes.size())
                             .arg(your.changes.size())
                             .arg(both.size()));
}

} // namespace etcd::ui
