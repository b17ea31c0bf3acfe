// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/conflictdialog.h"

#include "format/structuraldiff.h"

#include "client/continuation.h"
#include "common/diffview.h"

#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QFontDatabase>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

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
    : QDialog(parent), m_theirsDeleted(theirs.deleted)
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
    layout->addLayout(buttons);
    resize(920, 620);

    if (theirs.deleted) {
        m_merge = QtFuture::makeReadyFuture(MergeResult{QString(), false, 0});
        m_mergeStatus->setText(tr("There is nothing to merge with: the key no longer exists in etcd."));
        m_mergeButton->setToolTip(tr("Not available: the key was deleted in etcd."));
        return;
    }
    m_mergeStatus->setText(tr("Merging both changes…"));
    m_mergeButton->setToolTip(tr("Merging both changes…"));
    m_merge = QtConcurrent::run([b = base.text, m = mine.text, t = theirs.text] { return merge3(b, m, t); });
    whenFinished(m_merge, this, [this](const MergeResult &merge) { showMerge(merge); });
}

QString ConflictDialog::mergedText() const
{
    return m_merge.result().text;
}

bool ConflictDialog::mergeIsClean() const
{
    return !m_theirsDeleted && m_merge.result().clean;
}

int ConflictDialog::mergeConflicts() const
{
    return m_merge.result().conflicts;
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

void ConflictDialog::showMerge(const MergeResult &merge)
{
    const QString nothingSaved = tr("Nothing is saved until you save again.");
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
