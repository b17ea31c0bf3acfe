// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/valueeditor.h"

#include "client/continuation.h"
#include "common/format.h"
#include "common/theme.h"
#include "k8s/kubevalue.h"
#include "keys/valuetextedit.h"

#include <QAction>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStringDecoder>
#include <QTimer>
#include <QVBoxLayout>

namespace etcd::ui {

ValueEditor::ValueEditor(EtcdClient *client, QWidget *parent) : QWidget(parent), m_client(client)
{
    m_keyLabel = new QLabel(this);
    m_keyLabel->setObjectName(QStringLiteral("editorKey"));
    m_keyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont keyFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    keyFont.setBold(true);
    m_keyLabel->setFont(keyFont);
    m_meta = new QLabel(this);
    m_meta->setObjectName(QStringLiteral("editorMeta"));
    m_meta->setForegroundRole(QPalette::PlaceholderText);

    m_formatBox = new QComboBox(this);
    m_formatBox->setObjectName(QStringLiteral("formatBox"));
    m_formatBox->setSizeAdjustPolicy(QComboBox::AdjustToContents); // "Kubernetes" comes and goes
    for (ValueFormat f : {ValueFormat::Text, ValueFormat::Json, ValueFormat::Yaml, ValueFormat::Binary})
        m_formatBox->addItem(f == ValueFormat::Binary ? tr("Hex") : formatName(f), static_cast<int>(f));
    connect(m_formatBox, &QComboBox::activated, this,
            [this](int i) { setFormat(static_cast<ValueFormat>(m_formatBox->itemData(i).toInt())); });
    m_prettyButton = new QPushButton(tr("Pretty"), this);
    m_prettyButton->setToolTip(tr("Re-indent without changing the content or key order"));
    connect(m_prettyButton, &QPushButton::clicked, this, &ValueEditor::prettyPrint);
    m_revertButton = new QPushButton(tr("Revert"), this);
    connect(m_revertButton, &QPushButton::clicked, this, &ValueEditor::revert);
    m_saveButton = new QPushButton(tr("Save"), this);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setToolTip(tr("Save only if nobody changed the key since it was loaded (Ctrl+S)"));
    connect(m_saveButton, &QPushButton::clicked, this, &ValueEditor::save);
    // Ctrl+S: an action (also in the window's Key menu), active while the focus is in the editor.
    m_saveAction = new QAction(tr("&Save value"), this);
    m_saveAction->setObjectName(QStringLiteral("saveValueAction"));
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_saveAction->setToolTip(m_saveButton->toolTip());
    connect(m_saveAction, &QAction::triggered, this, &ValueEditor::save);
    addAction(m_saveAction);

    m_retryButton = new QPushButton(tr("Retry"), this);
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    m_retryButton->setToolTip(tr("Load the value again"));
    m_retryButton->hide();
    connect(m_retryButton, &QPushButton::clicked, this, [this] {
        if (m_loadFailed)
            open(m_loaded.key);
    });

    m_revealButton = new QPushButton(tr("Reveal secret data"), this);
    m_revealButton->setObjectName(QStringLiteral("revealSecretsButton"));
    m_revealButton->setToolTip(tr("Show the Secret's data (base64, as kubectl shows it). It is never logged."));
    m_revealButton->hide();
    connect(m_revealButton, &QPushButton::clicked, this, [this] {
        m_revealSecrets = !m_revealSecrets;
        if (m_kube)
            showKubernetes();
    });

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("editorBanner"));
    m_banner->setWordWrap(true);
    m_banner->setMargin(6);
    m_banner->hide();

    m_edit = new ValueTextEdit(this);
    m_edit->setObjectName(QStringLiteral("valueEdit"));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Wrapped by default: a minified JSON document is one long line.
    m_edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_edit->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_wrapButton = new QPushButton(tr("Wrap"), this);
    m_wrapButton->setObjectName(QStringLiteral("wrapButton"));
    m_wrapButton->setCheckable(true);
    m_wrapButton->setChecked(true);
    connect(m_wrapButton, &QPushButton::toggled, this, [this] { applyWrap(m_hexDump); });
    applyWrap(false);
    m_edit->setTabStopDistance(4 * m_edit->fontMetrics().horizontalAdvance(QLatin1Char(' ')));
    connect(m_edit, &QPlainTextEdit::textChanged, this, &ValueEditor::updateState);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("editorStatus"));
    m_status->setWordWrap(true);

    auto *tools = new QHBoxLayout;
    tools->addWidget(new QLabel(tr("Format:"), this));
    tools->addWidget(m_formatBox);
    tools->addWidget(m_prettyButton);
    tools->addWidget(m_wrapButton);
    tools->addWidget(m_revealButton);
    tools->addStretch(1);
    tools->addWidget(m_retryButton);
    tools->addWidget(m_revertButton);
    tools->addWidget(m_saveButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_keyLabel);
    layout->addWidget(m_meta);
    layout->addLayout(tools);
    layout->addWidget(m_banner);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_status);
    setUpSchemaCheck(tools, layout); // the Schema button and the problems panel (valueeditorschema.cpp)
    setUpLargeValues(tools, layout); // pretty-printing's progress, the long-line note (valueeditorload.cpp)

    m_leaseTimer = new QTimer(this);
    m_leaseTimer->setInterval(1000);
    connect(m_leaseTimer, &QTimer::timeout, this, [this] {
        if (m_leaseTtl > 0)
            --m_leaseTtl;
        updateMeta();
    });
    clear();
}

void ValueEditor::clear()
{
    ++m_generation;
    stopPrettyPrint();
    resetSchemaCheck();
    m_loaded = Loaded();
    m_loading = false;
    m_loadFailed = false;
    m_keyLabel->setText(tr("No key selected"));
    m_meta->clear();
    m_banner->hide();
    setEditorText(QString());
    m_edit->setPlaceholderText(tr("Select a key to see its value."));
    setStatus(QString(), false);
    updateState();
}

void ValueEditor::newKey(const QByteArray &key)
{
    ++m_generation;
    m_loading = false;
    m_loadFailed = false;
    show(LoadedValue::fromKv(key, nullptr));
    m_creating = true;
    updateMeta();
    updateState();
    setStatus(tr("New key: type its value and save."), false);
}

void ValueEditor::useFormat(ValueFormat format)
{
    m_format = format;
    valueEdit()->setHighlighting(m_format); // colours for the lines on screen only
    applyWrap(format == ValueFormat::Binary);
}

void ValueEditor::applyWrap(bool hexDump)
{
    // A hex dump's lines are offset, hex and text columns: wrapped, the text column would break
    // onto the next line and nothing would line up any more.
    // A line shown split is always wrapped: unwrapped, Qt measures every line of the document to
    // size the horizontal scroll bar, a second per megabyte.
    m_hexDump = hexDump;
    const bool split = valueEdit()->isSplit();
    m_wrapButton->setEnabled(!hexDump && !split);
    m_wrapButton->setToolTip(hexDump ? tr("A hex dump is never wrapped: its columns stay aligned")
                             : split ? tr("A long line shown split is always wrapped")
                                     : tr("Wrap long lines to the width of the editor"));
    m_edit->setLineWrapMode(split || (!hexDump && m_wrapButton->isChecked()) ? QPlainTextEdit::WidgetWidth
                                                                             : QPlainTextEdit::NoWrap);
}

void ValueEditor::setEditorText(const QString &text)
{
    const QSignalBlocker block(m_edit);
    m_edit->setPlainText(text);
}

QString ValueEditor::text() const
{
    return valueEdit()->text();
}

void ValueEditor::setText(const QString &text)
{
    // Through a cursor, so that the change can be undone like typing.
    QTextCursor c(m_edit->document());
    c.select(QTextCursor::Document);
    c.insertText(text);
}

void ValueEditor::setValue(const QByteArray &value)
{
    QString error;
    const bool fits = (m_format == ValueFormat::Binary || isUtf8(value)) &&
                      fromEditorText(toEditorText(value, m_format), m_format, &error) == value && error.isEmpty();
    if (!fits) {
        const ValueFormat format = detectFormat(value);
        if (format != m_format) {
            useFormat(format);
            m_formatBox->setCurrentIndex(m_formatBox->findData(static_cast<int>(m_format)));
        }
    }
    setText(toEditorText(value, m_format));
    updateState();
}

QString ValueEditor::statusText() const
{
    return m_status->text();
}

bool ValueEditor::isDirty() const
{
    if (m_loaded.key.isEmpty() || m_loading || m_kube)
        return false;
    // Asked on every keystroke: for a large value, a length other than the loaded text's says it
    // at once, without encoding megabytes (the text is the loaded one exactly when the bytes are).
    if (m_reading && m_reading->format == m_format && !valueEdit()->isSplit() &&
        m_edit->document()->characterCount() - 1 != m_reading->text.size() && m_reading->value == m_loaded.value)
        return true;
    QString error;
    const QByteArray bytes = fromEditorText(text(), m_format, &error);
    if (!error.isEmpty())
        return true; // something was typed that cannot even be encoded
    return !m_loaded.exists ? !bytes.isEmpty() : bytes != m_loaded.value;
}

void ValueEditor::showKubernetes()
{
    if (m_formatBox->findData(kKubernetesFormat) < 0)
        m_formatBox->insertItem(0, tr("Kubernetes"), kKubernetesFormat);
    useFormat(m_kubeDecoded ? ValueFormat::Yaml : ValueFormat::Binary);
    m_formatBox->setCurrentIndex(m_formatBox->findData(m_kubeDecoded ? kKubernetesFormat : static_cast<int>(ValueFormat::Binary)));
    k8s::DecodeOptions options;
    options.revealSecrets = m_revealSecrets;
    const k8s::Decoded decoded = k8s::decode(m_loaded.value, options);
    QString banner;
    if (decoded.ok) {
        const QString what = decoded.ns.isEmpty() ? decoded.name : decoded.ns + QLatin1Char('/') + decoded.name;
        banner = tr("<b>Kubernetes %1 %2</b> (%3), as kube-apiserver stored it in protobuf: read-only here. Writing "
                    "it behind the API server's back is how clusters break; change it with kubectl.")
                     .arg(decoded.kind.toHtmlEscaped(), what.toHtmlEscaped(), decoded.apiVersion.toHtmlEscaped());
        if (!decoded.note.isEmpty())
            banner += QStringLiteral(" ") + tr("Note: %1.").arg(decoded.note.toHtmlEscaped());
    } else {
        banner = tr("<b>Kubernetes value</b>: %1. Shown as hex, read-only.").arg(decoded.error.toHtmlEscaped());
    }
    m_banner->setText(banner);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #326ce5; color: white; }")); // Kubernetes blue
    m_banner->show();
    m_revealButton->setVisible(decoded.ok && (decoded.secretMasked || m_revealSecrets));
    m_revealButton->setText(m_revealSecrets ? tr("Hide secret data") : tr("Reveal secret data"));
    setEditorText(decoded.ok && m_kubeDecoded ? decoded.yaml : toEditorText(m_loaded.value, ValueFormat::Binary));
    if (!decoded.ok && m_kubeDecoded) {
        m_formatBox->setCurrentIndex(m_formatBox->findData(static_cast<int>(ValueFormat::Binary)));
        applyWrap(true); // shown as hex after all
    }
}

void ValueEditor::setFormat(ValueFormat format)
{
    if (m_kube) {
        // Decoded or hex: Kubernetes' bytes are not text to edit in another form.
        if (static_cast<int>(format) != kKubernetesFormat && format != ValueFormat::Binary) {
            setStatus(tr("A Kubernetes value is shown decoded or as hex."), true);
            m_formatBox->setCurrentIndex(
                m_formatBox->findData(m_kubeDecoded ? kKubernetesFormat : static_cast<int>(ValueFormat::Binary)));
            return;
        }
        m_kubeDecoded = static_cast<int>(format) == kKubernetesFormat;
        showKubernetes();
        updateState();
        return;
    }
    if (format == m_format)
        return;
    QString error;
    const QByteArray bytes = fromEditorText(text(), m_format, &error);
    if (error.isEmpty() && format != ValueFormat::Binary && !isUtf8(bytes))
        error = tr("this value is not UTF-8 text; it can only be edited as hex");
    if (!error.isEmpty()) {
        m_formatBox->setCurrentIndex(m_formatBox->findData(static_cast<int>(m_format)));
        setStatus(tr("Cannot switch to %1: %2").arg(formatName(format), error), true);
        return;
    }
    useFormat(format);
    // Text, JSON and YAML share one text: nothing to replace (and a long line stays shown split).
    if (const QString converted = toEditorText(bytes, format); converted != text())
        setText(converted);
    m_formatBox->setCurrentIndex(m_formatBox->findData(static_cast<int>(m_format)));
    updateState();
}

void ValueEditor::revert()
{
    if (!m_loaded.key.isEmpty())
        showInBackground(m_loaded, [] {}); // a large value: its document is made again on a worker
}

bool ValueEditor::confirmDiscard()
{
    if (!isDirty())
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                    tr("The value of %1 has unsaved changes.").arg(displayKey(m_loaded.key)),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setInformativeText(tr("Save them (compared with the revision you loaded), discard them, or stay here?"));
    switch (box.exec()) {
    case QMessageBox::Discard: return true;
    case QMessageBox::Save: save(); return false; // the save finishes asynchronously; stay put
    default: return false;
    }
}

void ValueEditor::setStatus(const QString &text, bool error)
{
    m_showingValidation = false;
    m_status->setText(text);
    m_status->setStyleSheet(error ? Theme::errorStyleSheet() : QString());
}

void ValueEditor::updateMeta()
{
    if (m_loaded.key.isEmpty() || !m_loaded.exists) {
        m_meta->setText(m_loaded.key.isEmpty() ? QString() : m_creating ? tr("new key: not in etcd yet") : tr("not in etcd"));
        return;
    }
    QString meta = tr("revision %1 · created %2 · version %3 · %4")
                       .arg(m_loaded.modRevision)
                       .arg(m_loaded.createRevision)
                       .arg(m_loaded.version)
                       .arg(formatBytes(m_loaded.value.size()));
    if (m_loaded.lease)
        meta += m_leaseTtl >= 0 ? tr(" · lease %1 (%2 s left)").arg(QString::number(m_loaded.lease, 16)).arg(m_leaseTtl)
                                : tr(" · lease %1").arg(QString::number(m_loaded.lease, 16));
    m_meta->setText(meta);
}

void ValueEditor::refreshLeaseTtl()
{
    m_leaseTimer->stop();
    if (!m_loaded.lease || !m_client)
        return;
    const qint64 lease = m_loaded.lease;
    whenFinished(m_client->lease().timeToLive(lease), this, [this, lease](const EtcdResult<LeaseTimeToLive> &r) {
        if (lease != m_loaded.lease || !r.ok())
            return;
        m_leaseTtl = r->ttl;
        updateMeta();
        m_leaseTimer->start();
    });
}

void ValueEditor::updateState()
{
    const bool hasKey = !m_loaded.key.isEmpty();
    const bool readOnly = m_client && m_client->isReadOnly();
    const bool dirty = isDirty();
    m_retryButton->setVisible(m_loadFailed && !m_loading);
    // A long line shown split is not edited; nor is the text a worker is pretty-printing.
    m_edit->setReadOnly(!hasKey || m_loading || readOnly || m_loadFailed || m_kube || valueEdit()->isSplit() ||
                        m_prettyRunning);
    if (m_edit->isReadOnly()) // still read with the keyboard: Ctrl+End, Page Down, Shift+arrows to copy
        m_edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_formatBox->setEnabled(hasKey && !m_loading && !m_prettyRunning);
    m_prettyButton->setEnabled(hasKey && !m_loading && !readOnly && !m_kube && !m_prettyRunning &&
                               (m_format == ValueFormat::Json || m_format == ValueFormat::Yaml));
    m_revertButton->setEnabled(dirty && !m_saving);
    // A key that is not in etcd is saved (created) once something was typed, or, when the person
    // asked to create it (New key), also empty.
    m_saveButton->setEnabled(hasKey && !readOnly && !m_loading && !m_saving && !m_loadFailed && !m_kube &&
                             (dirty || (!m_loaded.exists && m_creating)));
    m_saveAction->setEnabled(m_saveButton->isEnabled());
    m_saveButton->setToolTip(m_loadFailed ? tr("The value did not load: nothing to compare a save with. Retry first.")
                                          : tr("Save only if nobody changed the key since it was loaded (Ctrl+S)"));
    if (readOnly && hasKey && !m_kube) {
        m_banner->setText(tr("Read-only connection: values cannot be changed from here."));
        m_banner->setStyleSheet(QStringLiteral("QLabel { background: #1565c0; color: white; }"));
        m_banner->show();
    }
    if (hasKey && !m_loading && dirty)
        checkFormat(); // now, or for a large text when typing pauses (valueeditorload.cpp)
    if (dirty != m_wasDirty) {
        m_wasDirty = dirty;
        Q_EMIT dirtyChanged(dirty);
    }
}

void ValueEditor::showCheck(const FormatCheck &check)
{
    if (!check.ok) {
        setStatus(check.line ? tr("%1 is not valid at line %2, column %3: %4")
                                   .arg(formatName(m_format))
                                   .arg(check.line)
                                   .arg(check.column)
                                   .arg(check.message)
                             : tr("%1 is not valid: %2").arg(formatName(m_format), check.message),
                  true);
        m_showingValidation = true;
    } else if (m_showingValidation) {
        setStatus(QString(), false); // fixed: only a validation message goes away by itself
    }
}

void ValueEditor::keyChangedInEtcd(qint64 modRevision, bool deleted)
{
    if (m_loaded.key.isEmpty() || m_loading || m_saving)
        return;
    if (!deleted && modRevision == m_loaded.modRevision)
        return;
    if (deleted && !m_loaded.exists)
        return;
    if (!isDirty()) {
        open(m_loaded.key); // follow the live value
        return;
    }
    m_changedUnderneath = true;
    m_banner->setText(deleted ? tr("This key was deleted in etcd after you opened it. Saving re-creates it only "
                                   "after showing you what happened.")
                              : tr("This key changed in etcd (now revision %1) after you opened it. Saving will show "
                                   "both versions first; nothing is overwritten silently.")
                                    .arg(modRevision));
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #ef6c00; color: white; }"));
    m_banner->show();
}

} // namespace etcd::ui
