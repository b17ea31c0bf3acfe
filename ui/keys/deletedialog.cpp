// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/deletedialog.h"

#include "client/continuation.h"
#include "client/etcdclient.h"
#include "common/operationreportview.h"
#include "common/theme.h"
#include "format/valueformat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

#include <utility>

namespace etcd::ui {

DeleteDialog::DeleteDialog(EtcdClient *client, const QByteArray &keyOrPrefix, bool isFolder, qint64 modRevision,
                           QWidget *parent)
    : BulkOperationDialog(parent), m_client(client), m_key(keyOrPrefix), m_folder(isFolder),
      m_seen(isFolder ? 0 : modRevision)
{
    setObjectName(QStringLiteral("deleteDialog"));
    setWindowTitle(isFolder ? tr("Delete folder: %1").arg(shortDisplayKey(m_key))
                            : tr("Delete key: %1").arg(shortDisplayKey(m_key)));
    const bool readOnly = client && client->isReadOnly();

    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize, iconSize));
    icon->setAlignment(Qt::AlignTop);

    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("deleteHeadline"));
    m_headline->setTextFormat(Qt::RichText);
    m_headline->setWordWrap(true);
    m_headline->setToolTip(displayKey(m_key));
    QFont headlineFont = m_headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.15);
    m_headline->setFont(headlineFont);

    m_explanation = new QLabel(this);
    m_explanation->setObjectName(QStringLiteral("deleteExplanation"));
    m_explanation->setWordWrap(true);

    m_confirmLabel = new QLabel(this);
    m_confirmLabel->setTextFormat(Qt::RichText);
    m_confirmLabel->setWordWrap(true);
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(QStringLiteral("confirmEdit"));
    m_confirm->setPlaceholderText(displayKey(m_key));
    m_confirm->setFont(QFont(QStringLiteral("monospace")));
    m_confirmLabel->setBuddy(m_confirm);
    connect(m_confirm, &QLineEdit::textChanged, this, &DeleteDialog::updateButtons);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("deleteStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_reportView = new OperationReportView(this);

    // Neither button is the default: Enter must never delete.
    m_delete = new QPushButton(tr("Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    m_delete->setAutoDefault(false);
    m_delete->setIcon(style()->standardIcon(QStyle::SP_TrashIcon, nullptr, this));
    connect(m_delete, &QPushButton::clicked, this, &DeleteDialog::startDelete);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(6);
    texts->addWidget(m_headline);
    texts->addWidget(m_explanation);
    texts->addSpacing(4);
    texts->addWidget(m_confirmLabel);
    texts->addWidget(m_confirm);
    texts->addWidget(m_status);
    auto *top = new QHBoxLayout;
    top->setSpacing(12);
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(texts, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(closeButton());
    buttons->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    if (readOnly) {
        layout->addWidget(readOnlyBanner(tr("Read-only connection: nothing can be deleted from here."), this));
        m_delete->setToolTip(tr("This connection is read-only: deleting would write to etcd."));
    }
    layout->addLayout(top);
    layout->addWidget(progress());
    layout->addWidget(m_reportView, 1);
    layout->addLayout(buttons);

    resize(isFolder ? 640 : 560, isFolder ? 280 : 180);
    load();
}

DeleteDialog::~DeleteDialog() = default;

QString DeleteDialog::keyHtml() const
{
    return QStringLiteral("<b>%1</b>").arg(shortDisplayKey(m_key).toHtmlEscaped());
}

void DeleteDialog::load()
{
    setState(State::Loading);
    if (!m_client) {
        setHeadline(tr("Not connected."));
        setState(State::Unavailable);
        return;
    }
    if (m_folder && m_key.isEmpty()) {
        setHeadline(tr("Deleting every key of the cluster is not offered here."));
        setStatus(tr("Choose a folder with a prefix."), false);
        setState(State::Unavailable);
        return;
    }
    if (m_folder) {
        setHeadline(tr("Counting the keys under %1…").arg(keyHtml()));
        whenFinished(KeyOperations(m_client).countPrefix(m_key), this, [this](const EtcdResult<PrefixCount> &r) {
            if (!r.ok()) {
                setHeadline(tr("Could not count the keys under %1.").arg(keyHtml()));
                setStatus(tr("Nothing was deleted. %1").arg(r.error().toString()), true);
                setState(State::Unavailable);
                return;
            }
            m_count = r->count;
            m_seen = r->revision;
            if (m_count == 0) {
                setHeadline(tr("There are no keys under %1.").arg(keyHtml()));
                setStatus(tr("Nothing to delete (checked at revision %1).").arg(m_seen), false);
                setState(State::Unavailable);
                return;
            }
            const QString n = QLocale().toString(m_count);
            setHeadline(m_count == 1 ? tr("This deletes 1 key under %1.").arg(keyHtml())
                                     : tr("This deletes %1 keys under %2.").arg(n, keyHtml()));
            m_explanation->setText(tr("These are the keys under the prefix at revision %1, when they were counted. "
                                      "Keys created or changed after that are left in place and listed in the "
                                      "report. A deletion cannot be undone.")
                                       .arg(m_seen));
            m_confirmLabel->setText(
                tr("To confirm, type the prefix <b>%1</b>:")
                    .arg(displayKey(m_key).toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;"))));
            m_delete->setText(m_count == 1 ? tr("Delete 1 key") : tr("Delete %1 keys").arg(n));
            setState(State::Ready);
        });
        return;
    }
    if (m_seen > 0) {
        setHeadline(tr("Delete the key %1?").arg(keyHtml()));
        m_explanation->setText(tr("It is deleted only if it is still as you saw it (revision %1). If someone changed "
                                  "it since, nothing is deleted. A deletion cannot be undone.")
                                   .arg(m_seen));
        setState(State::Ready);
        return;
    }
    // No revision known: read the key now, and compare with what the dialog shows.
    setHeadline(tr("Reading %1…").arg(keyHtml()));
    whenFinished(m_client->kv().get(m_key), this, [this](const EtcdResult<RangeResult> &r) {
        if (!r.ok() || r->kvs.isEmpty()) {
            setHeadline(r.ok() ? tr("%1 does not exist (any more).").arg(keyHtml())
                               : tr("Could not read %1.").arg(keyHtml()));
            setStatus(r.ok() ? tr("Nothing to delete.") : tr("Nothing was deleted. %1").arg(r.error().toString()),
                      !r.ok());
            setState(State::Unavailable);
            return;
        }
        m_seen = r->kvs.first().modRevision;
        setHeadline(tr("Delete the key %1?").arg(keyHtml()));
        m_explanation->setText(tr("It was last changed at revision %1 (read just now) and is deleted only if it is "
                                  "still at that revision. A deletion cannot be undone.")
                                   .arg(m_seen));
        setState(State::Ready);
    });
}

void DeleteDialog::startDelete()
{
    if (!m_delete->isEnabled() || !m_delete->isVisibleTo(this) || m_state != State::Ready || !m_client)
        return;
    setStatus(QString(), false);
    setState(State::Deleting);
    const KeyOperations ops(m_client);
    const auto done = [this](const EtcdResult<OperationReport> &r) { onDeleted(r); };
    if (m_folder)
        run(
            tr("Deleting…"), true, [&](const StopToken &stop) { return ops.deletePrefix(m_key, m_seen, stop); }, done);
    else // a single key is one transaction: nothing to stop between
        run(
            tr("Deleting…"), false, [&](const StopToken &) { return ops.deleteKey(m_key, m_seen); }, done);
}

void DeleteDialog::onDeleted(const EtcdResult<OperationReport> &result)
{
    if (!result.ok()) {
        // Nothing was deleted; the user may try again (the count and its revision still hold).
        OperationReport failed;
        failed.action = QStringLiteral("Deleted");
        failed.total = m_folder ? m_count : 1;
        failed.error = result.error();
        m_report = failed;
        setStatus(tr("Nothing was deleted: %1").arg(result.error().toString()), true);
        setState(State::Ready);
        Q_EMIT finished(m_report);
        return;
    }
    m_report = result.value();
    const QLocale locale;
    if (m_folder) {
        m_reportView->setReport(m_report);
        const QString done = locale.toString(m_report.done);
        setHeadline(m_report.done == m_count && m_report.complete()
                        ? tr("Deleted %1 keys under %2.").arg(done, keyHtml())
                        : tr("Deleted %1 of %2 keys under %3.").arg(done, locale.toString(m_count), keyHtml()));
        QString status;
        int changed = 0;
        for (const KeyProblem &p : std::as_const(m_report.problems))
            changed += p.kind == KeyProblem::Changed ? 1 : 0;
        if (changed > 0)
            status = tr("%1 left in place because they were created or changed after the count (revision %2).")
                         .arg(changed == 1 ? tr("1 key was") : tr("%1 keys were").arg(locale.toString(changed)))
                         .arg(m_seen);
        if (m_report.cancelled)
            status += (status.isEmpty() ? QString() : QStringLiteral(" ")) +
                      tr("Stopped on request: the keys not yet reached are still there.");
        else if (m_report.error)
            status += (status.isEmpty() ? QString() : QStringLiteral(" ")) +
                      tr("Stopped by an error: %1").arg(m_report.error.toString());
        setStatus(status, m_report.failed > 0 || bool(m_report.error));
        m_explanation->clear();
        resize(width() < 760 ? 760 : width(), height() < 540 ? 540 : height());
    } else if (m_report.done == 1) {
        setHeadline(tr("Deleted %1.").arg(keyHtml()));
        setStatus(tr("Deleted at revision %1.").arg(m_report.revision), false);
        m_explanation->clear();
    } else {
        setHeadline(tr("Not deleted: %1").arg(keyHtml()));
        QString why = m_report.problems.isEmpty() ? m_report.error.toString() : m_report.problems.first().detail;
        if (!m_report.problems.isEmpty() && m_report.problems.first().kind == KeyProblem::Changed)
            why = tr("It changed after you opened it: %1. Reload it to see the new value.").arg(why);
        setStatus(why, true);
        m_explanation->clear();
    }
    setState(State::Done);
    Q_EMIT finished(m_report);
}

void DeleteDialog::setState(State state)
{
    m_state = state;
    const bool over = state == State::Done || state == State::Unavailable;
    m_confirmLabel->setVisible(m_folder && (state == State::Ready || state == State::Deleting));
    m_confirm->setVisible(m_confirmLabel->isVisibleTo(this));
    m_confirm->setEnabled(state == State::Ready && !(m_client && m_client->isReadOnly()));
    m_explanation->setVisible(!m_explanation->text().isEmpty());
    m_reportView->setVisible(m_folder && state == State::Done);
    m_delete->setVisible(!over);
    if (state != State::Deleting)
        closeButton()->setText(over ? tr("Close") : tr("Cancel"));
    if (state == State::Ready && m_confirm->isVisibleTo(this) && m_confirm->isEnabled())
        m_confirm->setFocus();
    updateButtons();
}

void DeleteDialog::setHeadline(const QString &html)
{
    m_headline->setText(html);
}

void DeleteDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    m_status->setStyleSheet(error ? Theme::errorStyleSheet() : QString());
}

void DeleteDialog::updateButtons()
{
    const bool readOnly = m_client && m_client->isReadOnly();
    const bool confirmed = !m_folder || m_confirm->text() == displayKey(m_key);
    m_delete->setEnabled(m_state == State::Ready && m_client && !readOnly && confirmed);
    if (!readOnly && m_folder && m_state == State::Ready)
        m_delete->setToolTip(confirmed ? tr("Delete the keys counted under the prefix")
                                       : tr("Type the prefix exactly as shown to enable this button"));
}

QString DeleteDialog::headline() const
{
    return QTextDocumentFragment::fromHtml(m_headline->text()).toPlainText();
}

QString DeleteDialog::statusText() const
{
    return m_status->text();
}

} // namespace etcd::ui
