// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/exportdialog.h"

#include "client/continuation.h"
#include "client/etcdclient.h"
#include "common/format.h"
#include "common/operationreportview.h"
#include "common/theme.h"
#include "format/valueformat.h"
#include "state/operations/keyoperations.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QVBoxLayout>

namespace etcd::ui {

ExportDialog::ExportDialog(EtcdClient *client, const QByteArray &prefix, QWidget *parent)
    : BulkOperationDialog(parent), m_client(client)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export keys"));

    auto *headline = new QLabel(tr("Export keys to a file"), this);
    QFont headlineFont = headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.15);
    headlineFont.setBold(true);
    headline->setFont(headlineFont);
    auto *explanation = new QLabel(tr("Writes every key under the prefix with its value and metadata to a JSON "
                                      "file, all as of one revision. Values are kept byte for byte (what is not "
                                      "UTF-8 text is stored as base64). Leases are recorded but not exported."),
                                   this);
    explanation->setWordWrap(true);

    const QFont mono(QStringLiteral("monospace"));
    m_prefix = new QLineEdit(displayKey(prefix), this);
    m_prefix->setObjectName(QStringLiteral("prefixEdit"));
    m_prefix->setFont(mono);
    m_prefix->setPlaceholderText(tr("(empty: every key of the cluster)"));
    m_prefix->setToolTip(tr("Keys are shown as text; type other bytes as \\xNN"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("countLabel"));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    m_count->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0,000,000 keys now")));

    m_file = new QLineEdit(suggestedPath(prefix), this);
    m_file->setObjectName(QStringLiteral("fileEdit"));
    m_browse = new QPushButton(tr("Browse…"), this);
    m_browse->setObjectName(QStringLiteral("browseButton"));
    m_browse->setAutoDefault(false);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export to"), m_file->text(),
                                                          tr("etcd console export (*.json);;All files (*)"));
        if (!path.isEmpty())
            setFilePath(path);
    });
    m_fileNote = new QLabel(this);
    m_fileNote->setObjectName(QStringLiteral("fileNote"));
    m_fileNote->setWordWrap(true);

    m_form = new QWidget(this);
    auto *prefixRow = new QHBoxLayout;
    prefixRow->addWidget(m_prefix, 1);
    prefixRow->addWidget(m_count);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Prefix:"), prefixRow);
    form->addRow(tr("&File:"), fileRow);
    form->addRow(QString(), m_fileNote);
    qobject_cast<QLabel *>(form->labelForField(prefixRow))->setBuddy(m_prefix);
    qobject_cast<QLabel *>(form->labelForField(fileRow))->setBuddy(m_file);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("exportSummary"));
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setWordWrap(true);
    m_export = new QPushButton(tr("Export"), this);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setDefault(true); // a read: Enter may start it
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(closeButton());
    buttons->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(headline);
    layout->addWidget(explanation);
    layout->addWidget(m_form);
    layout->addWidget(progress());
    layout->addWidget(m_status);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addLayout(buttons);

    // Counting is a cheap count-only read; wait for a pause in typing before asking.
    m_countTimer = new QTimer(this);
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(300);
    connect(m_countTimer, &QTimer::timeout, this, &ExportDialog::countSoon);
    connect(m_prefix, &QLineEdit::textChanged, this, [this] {
        ++m_countGeneration;
        m_count->clear();
        m_countTimer->start();
        validate();
    });
    connect(m_file, &QLineEdit::textChanged, this, &ExportDialog::validate);

    resize(680, 300);
    setState(State::Editing);
    countSoon();
}

ExportDialog::~ExportDialog() = default; // a run under way is stopped by BulkOperationDialog

QString ExportDialog::suggestedPath(const QByteArray &prefix)
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QDir::homePath();
    // A file name that says what is in it and when, and never replaces an earlier export.
    QString name =
        QString::fromUtf8(prefix).replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    while (name.startsWith(QLatin1Char('-')) || name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    while (name.endsWith(QLatin1Char('-')))
        name.chop(1);
    name = QStringLiteral("etcd-%1%2.json")
               .arg(name.isEmpty() ? QString() : name.left(60) + QLatin1Char('-'),
                    QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    return QDir(dir).filePath(name);
}

void ExportDialog::setFilePath(const QString &path)
{
    m_file->setText(path);
}

void ExportDialog::countSoon()
{
    bool ok = false;
    const QByteArray prefix = keyFromDisplay(m_prefix->text(), &ok);
    if (!ok || !m_client)
        return;
    const quint64 generation = m_countGeneration;
    m_count->setText(tr("counting…"));
    whenFinished(KeyOperations(m_client).countPrefix(prefix), this,
                 [this, generation](const EtcdResult<PrefixCount> &r) {
                     if (generation != m_countGeneration)
                         return;
                     m_count->setText(!r.ok()         ? tr("count unknown")
                                      : r->count == 1 ? tr("1 key now")
                                                      : tr("%1 keys now").arg(QLocale().toString(r->count)));
                     m_count->setToolTip(r.ok() ? tr("at revision %1").arg(r->revision) : r.error().toString());
                 });
}

void ExportDialog::validate()
{
    if (m_state != State::Editing)
        return;
    bool ok = false;
    keyFromDisplay(m_prefix->text(), &ok);
    const QString path = m_file->text().trimmed();
    const QFileInfo info(path);
    QString note;
    bool noteIsError = false;
    if (!ok) {
        note = tr("The prefix is not valid: write a backslash as \\\\ and other bytes as \\xNN.");
        noteIsError = true;
    } else if (path.isEmpty()) {
        note = tr("Choose the file to write.");
    } else if (info.isDir()) {
        note = tr("This is a folder; choose a file name in it.");
        noteIsError = true;
    } else if (!info.absoluteDir().exists()) {
        note = tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(info.absolutePath()));
        noteIsError = true;
    } else if (info.exists()) {
        note = tr("The file exists and will be replaced once the export is complete.");
    }
    m_fileNote->setText(note);
    m_fileNote->setVisible(!note.isEmpty());
    m_fileNote->setStyleSheet(noteIsError ? Theme::errorStyleSheet() : QString());
    m_export->setEnabled(ok && !path.isEmpty() && !noteIsError && m_client);
}

void ExportDialog::startExport()
{
    if (m_state != State::Editing || !m_export->isEnabled() || !m_client)
        return;
    bool ok = false;
    const QByteArray prefix = keyFromDisplay(m_prefix->text(), &ok);
    if (!ok)
        return;
    setStatus(QString(), false);
    setState(State::Exporting);
    const QString path = QFileInfo(m_file->text().trimmed()).absoluteFilePath();
    run(
        tr("Reading the first keys…"), true,
        [&](const StopToken &stop) { return exportPrefix(m_client, prefix, path, stop); },
        [this](const EtcdResult<ExportSummary> &r) { onExported(r); });
}

QString ExportDialog::stoppingText() const
{
    return tr("Stopping; the file will not be written…");
}

void ExportDialog::onExported(const EtcdResult<ExportSummary> &result)
{
    if (!result.ok()) {
        setState(State::Editing);
        setStatus(tr("Nothing was exported: %1").arg(result.error().toString()), true);
        return;
    }
    m_summary = result.value();
    const QLocale locale;
    if (m_summary.cancelled) {
        setState(State::Editing);
        setStatus(
            tr("Stopped on request after reading %1 keys. No file was written.").arg(locale.toString(m_summary.keys)),
            false);
        return;
    }
    QString rows;
    auto row = [&rows](const QString &name, const QString &value) {
        rows += QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>").arg(name, value);
    };
    QString keys = m_summary.keys == 1 ? tr("1 key") : tr("%1 keys").arg(locale.toString(m_summary.keys));
    if (m_summary.base64Keys + m_summary.base64Values > 0)
        keys += tr(" (%1 keys and %2 values are not UTF-8 text: stored as base64)")
                    .arg(locale.toString(m_summary.base64Keys), locale.toString(m_summary.base64Values));
    row(tr("Prefix"), displayKey(m_summary.prefix).toHtmlEscaped());
    row(tr("Keys"), keys.toHtmlEscaped());
    row(tr("Revision"), tr("%1 (every key as it was at this revision)").arg(m_summary.revision));
    row(tr("File"), QDir::toNativeSeparators(m_summary.filePath).toHtmlEscaped());
    row(tr("Size"), formatBytes(m_summary.fileBytes).toHtmlEscaped());
    m_result->setText(QStringLiteral("<table>%1</table>").arg(rows));
    setStatus(tr("Export complete."), false);
    setState(State::Done);
    Q_EMIT exported(m_summary);
}

void ExportDialog::setState(State state)
{
    m_state = state;
    m_form->setEnabled(state == State::Editing);
    m_form->setVisible(state != State::Done);
    m_result->setVisible(state == State::Done);
    m_export->setVisible(state != State::Done);
    if (state != State::Exporting)
        closeButton()->setText(state == State::Done ? tr("Close") : tr("Cancel"));
    if (state == State::Exporting)
        m_export->setEnabled(false);
    validate();
    Q_EMIT stateChanged();
}

void ExportDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    m_status->setStyleSheet(error ? Theme::errorStyleSheet() : QStringLiteral("QLabel { font-weight: 600; }"));
}

QString ExportDialog::statusText() const
{
    return m_status->text();
}

QString ExportDialog::summaryText() const
{
    return m_result->isVisibleTo(this) ? QTextDocumentFragment::fromHtml(m_result->text()).toPlainText() : QString();
}

} // namespace etcd::ui
