// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/importdialog.h"

#include "client/continuation.h"
#include "client/etcdclient.h"
#include "common/operationreportview.h"
#include "common/theme.h"
#include "format/valueformat.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QVBoxLayout>

namespace etcd::ui {

namespace {

QLabel *explanationLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setContentsMargins(22, 0, 0, 4); // under the radio button's text, not its circle
    return label;
}

QString keyCount(int n)
{
    return n == 1 ? ImportDialog::tr("1 key") : ImportDialog::tr("%1 keys").arg(QLocale().toString(n));
}

} // namespace

ImportDialog::ImportDialog(EtcdClient *client, QWidget *parent) : BulkOperationDialog(parent), m_client(client)
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import keys"));
    const bool readOnly = client && client->isReadOnly();

    auto *headline = new QLabel(tr("Import keys from an export file"), this);
    QFont headlineFont = headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.15);
    headlineFont.setBold(true);
    headline->setFont(headlineFont);

    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("fileEdit"));
    m_file->setPlaceholderText(tr("Path of a file written by Export…"));
    connect(m_file, &QLineEdit::editingFinished, this, [this] {
        if (m_file->isModified())
            startPreview();
        m_file->setModified(false);
    });
    m_browse = new QPushButton(tr("Browse…"), this);
    m_browse->setObjectName(QStringLiteral("browseButton"));
    m_browse->setAutoDefault(false);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import from"), m_file->text(),
                                                          tr("etcd console export (*.json);;All files (*)"));
        if (!path.isEmpty())
            setFilePath(path);
    });
    m_reRoot = new QCheckBox(tr("Import under another prefix:"), this);
    m_reRoot->setObjectName(QStringLiteral("reRootCheck"));
    m_reRoot->setToolTip(tr("Replace the prefix the keys were exported under with this one"));
    m_target = new QLineEdit(this);
    m_target->setObjectName(QStringLiteral("targetEdit"));
    m_target->setFont(QFont(QStringLiteral("monospace")));
    m_target->setEnabled(false);
    m_targetTimer = new QTimer(this);
    m_targetTimer->setSingleShot(true);
    m_targetTimer->setInterval(500); // preview again once typing pauses
    connect(m_targetTimer, &QTimer::timeout, this, &ImportDialog::startPreview);
    connect(m_target, &QLineEdit::textEdited, this, [this] {
        ++m_previewGeneration; // the preview shown is no longer for this target: no import from it
        m_stale = true;
        updateButtons();
        m_targetTimer->start();
    });
    connect(m_reRoot, &QCheckBox::toggled, this, [this](bool on) {
        m_target->setEnabled(on);
        if (on && m_target->text().isEmpty())
            m_target->setText(displayKey(m_preview.filePrefix));
        startPreview();
    });

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(new QLabel(tr("File:"), this));
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_reRoot);
    targetRow->addWidget(m_target, 1);

    m_previewBox = new QGroupBox(tr("What the file would do now"), this);
    m_previewLabel = new QLabel(m_previewBox);
    m_previewLabel->setObjectName(QStringLiteral("previewLabel"));
    m_previewLabel->setTextFormat(Qt::RichText);
    m_previewLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_previewLabel->setWordWrap(true);
    m_leaseWarning = new QLabel(m_previewBox);
    m_leaseWarning->setObjectName(QStringLiteral("leaseWarning"));
    m_leaseWarning->setWordWrap(true);
    m_leaseWarning->setStyleSheet(Theme::warningBoxStyleSheet());
    auto *previewLayout = new QVBoxLayout(m_previewBox);
    previewLayout->addWidget(m_previewLabel);
    previewLayout->addWidget(m_leaseWarning);

    m_modeBox = new QGroupBox(tr("Keys that already exist"), this);
    m_createOnly = new QRadioButton(tr("Create only"), m_modeBox);
    m_createOnly->setObjectName(QStringLiteral("createOnlyButton"));
    m_createOnly->setChecked(true); // the mode that cannot replace anything is the default
    m_overwrite = new QRadioButton(tr("Overwrite"), m_modeBox);
    m_overwrite->setObjectName(QStringLiteral("overwriteButton"));
    m_createOnlyText = explanationLabel(m_modeBox);
    m_overwriteText = explanationLabel(m_modeBox);
    auto *modeLayout = new QVBoxLayout(m_modeBox);
    modeLayout->setSpacing(2);
    modeLayout->addWidget(m_createOnly);
    modeLayout->addWidget(m_createOnlyText);
    modeLayout->addWidget(m_overwrite);
    modeLayout->addWidget(m_overwriteText);
    connect(m_createOnly, &QRadioButton::toggled, this, &ImportDialog::updateButtons);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reportView = new OperationReportView(this);

    m_import = new QPushButton(tr("Import"), this);
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setAutoDefault(false); // a write: never on Enter
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(closeButton());
    buttons->addWidget(m_import);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    if (readOnly) {
        layout->addWidget(readOnlyBanner(tr("Read-only connection: files can be previewed, not imported."), this));
        m_import->setToolTip(tr("This connection is read-only: importing would write to etcd."));
    }
    layout->addWidget(headline);
    layout->addLayout(fileRow);
    layout->addLayout(targetRow);
    layout->addWidget(m_previewBox);
    layout->addWidget(m_modeBox);
    layout->addWidget(progress());
    layout->addWidget(m_status);
    layout->addWidget(m_reportView, 1);
    layout->addStretch(0);
    layout->addLayout(buttons);

    resize(720, 520);
    setState(State::NoPreview);
}

ImportDialog::~ImportDialog()
{
    m_previewFuture.cancel(); // an import under way is stopped by BulkOperationDialog
}

void ImportDialog::setFilePath(const QString &path)
{
    m_file->setText(path);
    startPreview();
}

void ImportDialog::setTargetPrefix(const std::optional<QByteArray> &prefix)
{
    const QSignalBlocker blocker(m_reRoot); // one preview, not one per widget change
    m_reRoot->setChecked(prefix.has_value());
    m_target->setEnabled(prefix.has_value());
    m_target->setText(prefix ? displayKey(*prefix) : QString());
    startPreview();
}

void ImportDialog::setMode(ImportMode mode)
{
    (mode == ImportMode::CreateOnly ? m_createOnly : m_overwrite)->setChecked(true);
}

ImportMode ImportDialog::mode() const
{
    return m_overwrite->isChecked() ? ImportMode::Overwrite : ImportMode::CreateOnly;
}

void ImportDialog::startPreview()
{
    if (m_state == State::Importing || m_state == State::Done || !m_client)
        return;
    m_targetTimer->stop();
    m_previewFuture.cancel(); // an older preview's answer is not wanted any more
    m_stale = false;
    const quint64 generation = ++m_previewGeneration;
    const QString path = m_file->text().trimmed();
    if (path.isEmpty()) {
        setStatus(QString(), false);
        setState(State::NoPreview);
        return;
    }
    std::optional<QByteArray> target;
    if (m_reRoot->isChecked()) {
        bool ok = false;
        target = keyFromDisplay(m_target->text(), &ok);
        if (!ok) {
            setStatus(tr("The target prefix is not valid: write a backslash as \\\\ and other bytes as \\xNN."), true);
            setState(State::NoPreview);
            return;
        }
    }
    setStatus(QString(), false);
    setState(State::Previewing);
    m_previewFuture = previewImport(m_client, QDir::fromNativeSeparators(path), target);
    progress()->follow(m_previewFuture, tr("Reading the file and comparing it with etcd…"));
    whenFinished(m_previewFuture, this, [this, generation](const EtcdResult<ImportPreview> &r) {
        if (generation == m_previewGeneration)
            onPreview(r);
    });
}

void ImportDialog::onPreview(const EtcdResult<ImportPreview> &result)
{
    if (!result.ok()) {
        m_preview = ImportPreview();
        setStatus(tr("Cannot import this file: %1").arg(result.error().toString()), true);
        setState(State::NoPreview);
        Q_EMIT previewChanged();
        return;
    }
    m_preview = result.value();
    showPreview();
    setState(State::Ready);
    Q_EMIT previewChanged();
}

void ImportDialog::showPreview()
{
    const ImportPreview &p = m_preview;
    const QLocale locale;
    const QString target = displayKey(p.targetPrefix).toHtmlEscaped();
    const QString source = displayKey(p.filePrefix).toHtmlEscaped();
    QString rows;
    auto row = [&rows](const QString &count, const QString &what) {
        rows += QStringLiteral("<tr><td align='right' style='padding-right:10px'><b>%1</b></td><td>%2</td></tr>")
                    .arg(count, what);
    };
    row(locale.toString(p.entries.size()),
        tr("keys in the file, exported from <tt>%1</tt> at revision %2 (%3)")
            .arg(source, QString::number(p.fileRevision), p.exportedAt.toHtmlEscaped()));
    row(locale.toString(p.newKeys), tr("new: not in etcd yet"));
    row(locale.toString(p.identicalKeys), tr("identical: already in etcd with the same value; not written"));
    row(locale.toString(p.differentKeys), tr("different: in etcd with another value"));
    QString where = p.targetPrefix == p.filePrefix
                        ? tr("Keys go back under <tt>%1</tt>.").arg(target)
                        : tr("Keys go under <tt>%1</tt> instead of <tt>%2</tt>.").arg(target, source);
    m_previewLabel->setText(QStringLiteral("<table>%1</table><p>%2 Compared with etcd at revision %3.</p>")
                                .arg(rows, where, QString::number(p.revision)));
    m_leaseWarning->setText(
        tr("⚠ %1 attached to a lease when exported. An import does not re-attach leases: these keys will be "
           "written without one and will not expire.")
            .arg(p.leasedInFile == 1 ? tr("1 key was") : tr("%1 keys were").arg(locale.toString(p.leasedInFile))));
    m_leaseWarning->setVisible(p.leasedInFile > 0);

    m_createOnlyText->setText(tr("Only keys that do not exist yet are written (%1). Existing keys are left alone, "
                                 "even where their value differs, and listed in the report.")
                                  .arg(keyCount(p.newKeys)));
    m_overwriteText->setText(tr("Also replace the %1 whose value differs: replace what is there now, but only if "
                                "it is still what this preview saw (revision %2). A key changed after the preview "
                                "is left as it is and reported as a conflict.")
                                 .arg(keyCount(p.differentKeys))
                                 .arg(p.revision));
}

int ImportDialog::keysToWrite() const
{
    return m_preview.newKeys + (mode() == ImportMode::Overwrite ? m_preview.differentKeys : 0);
}

void ImportDialog::startImport()
{
    if (m_state != State::Ready || !m_import->isEnabled() || !m_client)
        return;
    setStatus(QString(), false);
    setState(State::Importing);
    run(
        tr("Importing…"), true,
        [this](const StopToken &stop) { return applyImport(m_client, m_preview, mode(), stop); },
        [this](const EtcdResult<OperationReport> &r) { onImported(r); });
}

void ImportDialog::stop()
{
    if (m_state == State::Previewing) {
        ++m_previewGeneration;
        m_previewFuture.cancel();
        setStatus(tr("Preview stopped. Nothing was imported."), false);
        setState(State::NoPreview);
    } else {
        BulkOperationDialog::stop();
    }
}

void ImportDialog::reject()
{
    if (!isRunning())
        stop(); // a preview under way
    BulkOperationDialog::reject();
}

void ImportDialog::onImported(const EtcdResult<OperationReport> &result)
{
    if (!result.ok()) {
        OperationReport failed;
        failed.action = QStringLiteral("Imported");
        failed.total = m_preview.entries.size();
        failed.error = result.error();
        m_report = failed;
        setStatus(tr("Nothing was imported: %1").arg(result.error().toString()), true);
        setState(State::Ready); // nothing was written: the preview still holds, the user may try again
        Q_EMIT finished(m_report);
        return;
    }
    m_report = result.value();
    m_reportView->setReport(m_report);
    setStatus(QString(), false);
    setState(State::Done);
    resize(width() < 780 ? 780 : width(), height() < 600 ? 600 : height());
    Q_EMIT finished(m_report);
}

void ImportDialog::setState(State state)
{
    m_state = state;
    const bool choosing = state == State::NoPreview || state == State::Previewing || state == State::Ready;
    m_file->setEnabled(choosing);
    m_browse->setEnabled(choosing);
    m_reRoot->setEnabled(choosing);
    m_target->setEnabled(choosing && m_reRoot->isChecked());
    // While a new preview runs, the last one stays in view (greyed): no flicker on each keystroke.
    const bool shown = state == State::Ready || state == State::Importing ||
                       (state == State::Previewing && !m_preview.filePath.isEmpty());
    m_previewBox->setVisible(shown);
    m_previewBox->setEnabled(state != State::Previewing);
    m_modeBox->setVisible(shown);
    m_modeBox->setEnabled(state == State::Ready);
    progress()->setVisible(state == State::Previewing || state == State::Importing);
    m_reportView->setVisible(state == State::Done);
    m_import->setVisible(state != State::Done);
    if (state != State::Importing)
        closeButton()->setText(state == State::Done ? tr("Close") : tr("Cancel"));
    updateButtons();
}

void ImportDialog::updateButtons()
{
    const bool readOnly = m_client && m_client->isReadOnly();
    const int n = m_state == State::Ready && !m_stale ? keysToWrite() : 0;
    m_import->setEnabled(m_state == State::Ready && !readOnly && n > 0 && m_client);
    m_import->setText(m_state == State::Ready && n > 0 ? tr("Import %1").arg(keyCount(n)) : tr("Import"));
    if (!readOnly)
        m_import->setToolTip(m_state == State::Ready && n == 0
                                 ? tr("Nothing to write: every key in the file is already in etcd%1.")
                                       .arg(mode() == ImportMode::CreateOnly ? tr(" (Create only leaves existing "
                                                                                  "keys alone)")
                                                                             : QString())
                                 : QString());
}

void ImportDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    m_status->setStyleSheet(error ? Theme::errorStyleSheet() : QString());
}

QString ImportDialog::statusText() const
{
    return m_status->text();
}

QString ImportDialog::previewText() const
{
    QString text = QTextDocumentFragment::fromHtml(m_previewLabel->text()).toPlainText();
    if (m_leaseWarning->isVisibleTo(this))
        text += QLatin1Char('\n') + m_leaseWarning->text();
    return text;
}

} // namespace etcd::ui
