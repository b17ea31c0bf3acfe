// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/copykeydialog.h"

#include "client/continuation.h"
#include "common/theme.h"
#include "format/valueformat.h"
#include "state/operations/keyoperations.h"

#include <QButtonGroup>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace etcd::ui {

namespace {
// "/a/x" -> "/a/x-copy"; a folder "/a/" -> "/a-copy/": "/a/-copy" would lie inside the folder itself.
QByteArray defaultDestination(const QByteArray &source, bool folder)
{
    if (folder && source.size() > 1 && !QChar::isLetterOrNumber(uchar(source.back())))
        return source.left(source.size() - 1) + "-copy" + source.back();
    return source + "-copy";
}

QString keysText(qint64 n)
{
    return n == 1 ? CopyKeyDialog::tr("1 key") : CopyKeyDialog::tr("%1 keys").arg(QLocale().toString(n));
}

QString quoted(const QByteArray &key)
{
    return QStringLiteral("“%1”").arg(displayKey(key));
}

} // namespace

CopyKeyDialog::CopyKeyDialog(EtcdClient *client, const QByteArray &source, bool isFolder, QWidget *parent)
    : BulkOperationDialog(parent), m_client(client), m_source(source), m_isFolder(isFolder)
{
    setObjectName(QStringLiteral("copyKeyDialog"));
    setWindowTitle(isFolder ? tr("Copy or rename the folder %1").arg(displayKey(source))
                            : tr("Copy or rename %1").arg(displayKey(source)));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_banner = new QLabel(tr("Read-only connection: keys cannot be copied or renamed from here."), this);
    m_banner->setObjectName(QStringLiteral("readOnlyBanner"));
    m_banner->setMargin(6);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #1565c0; color: white; }"));
    m_banner->setVisible(client && client->isReadOnly());

    m_sourceLabel = new QLabel(this);
    m_sourceLabel->setObjectName(QStringLiteral("sourceLabel"));
    m_sourceLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sourceLabel->setWordWrap(true);
    m_copyRadio = new QRadioButton(tr("Copy (the source stays)"), this);
    m_copyRadio->setObjectName(QStringLiteral("copyRadio"));
    m_copyRadio->setChecked(true);
    m_renameRadio = new QRadioButton(tr("Rename (move: the source is removed)"), this);
    m_renameRadio->setObjectName(QStringLiteral("renameRadio"));
    auto *modes = new QButtonGroup(this);
    modes->addButton(m_copyRadio);
    modes->addButton(m_renameRadio);
    connect(m_copyRadio, &QRadioButton::toggled, this, &CopyKeyDialog::updateState);
    m_destEdit = new QLineEdit(displayKey(defaultDestination(source, isFolder)), this);
    m_destEdit->setObjectName(QStringLiteral("destinationEdit"));
    m_destEdit->setFont(fixed);
    m_destEdit->setToolTip(tr("Any bytes: type \\xNN for a byte that is not printable text, \\\\ for a backslash."));
    connect(m_destEdit, &QLineEdit::textChanged, this, &CopyKeyDialog::updateState);
    m_explain = new QLabel(this);
    m_explain->setObjectName(QStringLiteral("explanation"));
    m_explain->setWordWrap(true);
    m_explain->setTextFormat(Qt::PlainText);
    m_explain->setMargin(8);
    m_explain->setAutoFillBackground(true);
    m_explain->setBackgroundRole(QPalette::AlternateBase);
    m_explain->setMinimumHeight(m_explain->fontMetrics().lineSpacing() * 4 + 16);
    m_explain->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_reportView = new OperationReportView(this);
    m_reportView->setDoneDetail(
        [this](const QByteArray &key) { return tr("→ %1").arg(displayKey(destinationOf(key))); });
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);

    m_runButton = new QPushButton(tr("Copy"), this);
    m_runButton->setObjectName(QStringLiteral("copyButton"));
    m_runButton->setDefault(true);
    connect(m_runButton, &QPushButton::clicked, this, &CopyKeyDialog::start);

    auto *modeRow = new QVBoxLayout;
    modeRow->setSpacing(2);
    modeRow->addWidget(m_copyRadio);
    modeRow->addWidget(m_renameRadio);
    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(isFolder ? tr("Folder:") : tr("Key:"), m_sourceLabel);
    form->addRow(tr("Action:"), modeRow);
    form->addRow(tr("To:"), m_destEdit);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(closeButton());
    buttons->addStretch(1);
    buttons->addWidget(m_runButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_explain);
    layout->addWidget(progress());
    layout->addWidget(m_reportView, 1);
    layout->addStretch(0); // takes the room while the report is hidden
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    resize(760, 420);

    m_reportView->hide();
    count();
}

CopyKeyDialog::~CopyKeyDialog() = default; // a run under way is stopped by BulkOperationDialog

CopyKeyDialog::Mode CopyKeyDialog::mode() const
{
    return m_renameRadio->isChecked() ? Mode::Rename : Mode::Copy;
}

void CopyKeyDialog::setMode(Mode mode)
{
    (mode == Mode::Rename ? m_renameRadio : m_copyRadio)->setChecked(true);
}

void CopyKeyDialog::setDestinationText(const QString &text)
{
    m_destEdit->setText(text);
}

QByteArray CopyKeyDialog::destination(bool *ok) const
{
    bool valid = false;
    const QByteArray key = keyFromDisplay(m_destEdit->text(), &valid);
    if (ok)
        *ok = valid;
    return valid ? key : QByteArray();
}

QString CopyKeyDialog::explanationText() const
{
    return m_explain->text();
}

QString CopyKeyDialog::statusText() const
{
    return m_status->text();
}

bool CopyKeyDialog::canStart() const
{
    return problem().isEmpty();
}

QByteArray CopyKeyDialog::destinationOf(const QByteArray &sourceKey) const
{
    return m_isFolder ? m_runDestination + sourceKey.mid(m_source.size()) : m_runDestination;
}

void CopyKeyDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? Theme::errorStyleSheet() : QString());
}

void CopyKeyDialog::count()
{
    if (!m_client)
        return;
    m_counting = true;
    setStatus(m_isFolder ? tr("Counting the keys under %1…").arg(quoted(m_source))
                         : tr("Reading %1…").arg(quoted(m_source)),
              false);
    updateState();
    auto done = [this](qint64 count, qint64 revision) {
        m_counting = false;
        m_count = count;
        m_seenRevision = revision;
        setStatus(QString(), false);
        updateState();
    };
    auto failed = [this](const EtcdError &error) {
        m_counting = false;
        setStatus(tr("Could not read the source: %1").arg(error.toString()), true);
        updateState();
    };
    if (m_isFolder) {
        whenFinished(KeyOperations(m_client).countPrefix(m_source), this,
                     [done, failed](const EtcdResult<PrefixCount> &r) {
                         if (r.ok())
                             done(r->count, r->revision);
                         else
                             failed(r.error());
                     });
    } else {
        // The read's revision is what "as you saw it" means for the single key too.
        whenFinished(m_client->kv().get(m_source), this, [done, failed](const EtcdResult<RangeResult> &r) {
            if (r.ok())
                done(r->kvs.size(), r->header.revision);
            else
                failed(r.error());
        });
    }
}

QString CopyKeyDialog::inputProblem() const
{
    if (m_count == 0)
        return m_isFolder ? tr("There are no keys under %1: nothing to do.").arg(quoted(m_source))
                          : tr("%1 does not exist (any more): nothing to do.").arg(quoted(m_source));
    bool ok = false;
    const QByteArray to = destination(&ok);
    if (!ok)
        return tr("The destination is not a valid key: a backslash starts \\xNN (two hex digits), \\n, \\t, "
                  "\\r, \\0, or \\\\ for a backslash itself.");
    if (to.isEmpty())
        return tr("Type the destination.");
    QString why = KeyOperations::copyProblem(m_source, to, m_isFolder, mode() == Mode::Rename);
    if (why.isEmpty())
        return {};
    why[0] = why[0].toUpper();
    return tr("Cannot start: %1.").arg(why);
}

QString CopyKeyDialog::problem() const
{
    if (!m_client)
        return tr("Not connected.");
    if (m_client->isReadOnly())
        return tr("This connection is read-only: it sends no writes.");
    if (isRunning())
        return tr("Running…");
    if (m_hasReport)
        return tr("Done: the report is below.");
    if (m_counting)
        return m_isFolder ? tr("Counting the keys first…") : tr("Reading the key first…");
    if (m_count < 0)
        return tr("The source could not be read.");
    return inputProblem();
}

QString CopyKeyDialog::explanation(bool rename) const
{
    if (m_count < 0)
        return m_isFolder ? tr("Counting the keys under %1…").arg(quoted(m_source))
                          : tr("Reading %1…").arg(quoted(m_source));
    const QString to = quoted(destination());
    const QString seen = QString::number(m_seenRevision);
    if (!m_isFolder)
        return rename ? tr("Moves %1 to %2 in one transaction (written there, removed here), only if %1 is still as "
                           "you saw it (revision %3) and nothing exists at %2. It keeps its lease.")
                            .arg(quoted(m_source), to, seen)
                      : tr("Copies %1 to %2, only if %1 is still as you saw it (revision %3) and nothing exists at "
                           "%2. The copy is not attached to any lease.")
                            .arg(quoted(m_source), to, seen);
    const QString n = keysText(m_count);
    QString text = rename ? tr("Moves %1 under %2 to %3: each key is written at its destination and removed from %2 "
                               "in the same transaction, only if it still is as you saw it (revision %4) and nothing "
                               "exists at its destination. Any other key stays where it is and is listed. Keys keep "
                               "their leases.")
                                .arg(n, quoted(m_source), to, seen)
                          : tr("Copies %1 under %2 to %3, keeping each key's name below the folder: each key only if "
                               "it still is as you saw it (revision %4) and nothing exists at its destination. Any "
                               "other key is left alone and listed. Copies are not attached to any lease.")
                                .arg(n, quoted(m_source), to, seen);
    text += QLatin1Char(' ') + tr("Up to 64 keys are written per transaction: the folder is not copied as one.");
    // "/a/" to "/b" would make "/a/x" into "/bx": rarely what was meant, so say it.
    const QByteArray dest = destination();
    const char last = m_source.isEmpty() ? '\0' : m_source.back();
    if (!dest.isEmpty() && !QChar::isLetterOrNumber(uchar(last)) && !dest.endsWith(last))
        text += QLatin1Char('\n') +
                tr("Note: the destination does not end with “%1”, so %2 becomes %3.")
                    .arg(QString(QLatin1Char(last)), displayKey(m_source + "x"), displayKey(dest + "x"));
    return text;
}

void CopyKeyDialog::updateState()
{
    const bool rename = mode() == Mode::Rename;
    const bool editable = !isRunning() && !m_hasReport;
    m_copyRadio->setEnabled(editable);
    m_renameRadio->setEnabled(editable);
    m_destEdit->setReadOnly(!editable);

    QString source = displayKey(m_source);
    if (m_isFolder && m_count >= 0)
        source += tr("   (%1 at revision %2)").arg(keysText(m_count)).arg(m_seenRevision);
    else if (m_count >= 0)
        source += m_count ? tr("   (as of revision %1)").arg(m_seenRevision) : tr("   (does not exist)");
    m_sourceLabel->setText(source);

    // What will happen, before anything happens; or why nothing can.
    const QString blocked = m_count >= 0 ? inputProblem() : QString();
    m_explain->setText(blocked.isEmpty() ? explanation(rename) : blocked);
    m_explain->setStyleSheet(blocked.isEmpty() ? QString() : Theme::errorStyleSheet());

    const QString why = problem();
    const bool retry = m_count < 0 && !m_counting && m_client && !m_client->isReadOnly();
    const QString verb = rename ? tr("Rename") : tr("Copy");
    m_runButton->setText(retry                       ? tr("Read again")
                         : m_isFolder && m_count > 0 ? tr("%1 %2").arg(verb, keysText(m_count))
                                                     : verb);
    m_runButton->setEnabled(why.isEmpty() || retry);
    m_runButton->setToolTip(why.isEmpty() ? tr("%1, leaving alone whatever changed or is in the way").arg(verb) : why);
    m_runButton->setVisible(!m_hasReport);
}

void CopyKeyDialog::start()
{
    if (isRunning() || m_hasReport || m_counting)
        return;
    if (m_count < 0 && m_client && !m_client->isReadOnly()) {
        count();
        return;
    }
    const QString why = problem();
    if (!why.isEmpty()) {
        setStatus(tr("Not started: %1").arg(why), true);
        return;
    }
    m_runDestination = destination();
    m_runRename = mode() == Mode::Rename;
    setStatus(QString(), false);
    const KeyOperations ops(m_client);
    // A single key is one transaction: nothing to stop between.
    run(
        m_runRename ? tr("Renaming…") : tr("Copying…"), m_isFolder,
        [&](const StopToken &stop) {
            return ops.copy(m_source, m_runDestination, m_isFolder, m_runRename, m_seenRevision, stop);
        },
        [this](const EtcdResult<OperationReport> &r) { onFinished(r); });
}

void CopyKeyDialog::onRunningChanged(bool running)
{
    Q_UNUSED(running)
    updateState();
}

void CopyKeyDialog::onFinished(const EtcdResult<OperationReport> &result)
{
    if (!result.ok()) {
        // Nothing was done: everything stays as typed, to try again.
        setStatus(tr("Nothing was %1: %2").arg(m_runRename ? tr("renamed") : tr("copied"), result.error().toString()),
                  true);
        closeButton()->setText(tr("Cancel"));
        updateState();
        return;
    }
    m_report = result.value();
    m_hasReport = true;
    m_reportView->setReport(m_report);
    m_reportView->show();
    if (height() < 560)
        resize(width(), 560);
    updateState();
    Q_EMIT finished(m_report);
}

} // namespace etcd::ui
