// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// ValueEditor's loading and showing of a value, and what a large one needs: its format found, its
// text decoded and its document filled on a worker thread; its long lines shown split (read-only,
// nothing changed); pretty-printing on a worker with progress and a Stop button; validation after
// an edit in the background. The GUI thread only swaps in finished documents.

#include "keys/valueeditor.h"

#include "client/continuation.h"
#include "common/format.h"
#include "format/utf8.h"
#include "k8s/kubevalue.h"
#include "keys/valuetextedit.h"

#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace etcd::ui {

// A reading and its document, made on a worker thread.
struct ValueEditor::Presentation
{
    std::shared_ptr<const ValueReading> reading;
    ValueTextEdit::Prepared prepared;
};

struct ValueEditor::PrettyRun
{
    QString error;
    ValueTextEdit::Prepared prepared; // no document: the text was pretty already
};

namespace {

std::shared_ptr<const ValueReading> read(const QByteArray &value)
{
    auto reading = std::make_shared<ValueReading>();
    reading->value = value;
    reading->format = detectFormat(value);
    reading->text = toEditorText(value, reading->format);
    return reading;
}

bool isLarge(const LoadedValue &loaded)
{
    return loaded.value.size() >= ValueEditor::kLargeValue && k8s::storageOf(loaded.value) == k8s::Storage::Other;
}

} // namespace

ValueTextEdit *ValueEditor::valueEdit() const
{
    return static_cast<ValueTextEdit *>(m_edit);
}

void ValueEditor::setUpLargeValues(QHBoxLayout *tools, QVBoxLayout *layout)
{
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("prettyProgress"));
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_stopButton->setObjectName(QStringLiteral("prettyStopButton"));
    m_stopButton->setToolTip(tr("Stop pretty-printing; the value stays as it is"));
    m_stopButton->hide();
    connect(m_stopButton, &QPushButton::clicked, this, &ValueEditor::cancelPrettyPrint);
    const int afterPretty = tools->indexOf(m_prettyButton) + 1;
    tools->insertWidget(afterPretty, m_progress);
    tools->insertWidget(afterPretty + 1, m_stopButton);

    // Said while a line is shown split: why, and the two ways to edit it.
    m_longNote = new QFrame(this);
    m_longNote->setObjectName(QStringLiteral("longLineNote"));
    m_longNote->setStyleSheet(QStringLiteral("QFrame#longLineNote { background: palette(alternate-base);"
                                             " border: 1px solid palette(mid); border-radius: 3px; }"));
    m_longNoteText = new QLabel(m_longNote);
    m_longNoteText->setWordWrap(true);
    auto *pretty = new QPushButton(tr("Pretty-print to edit"), m_longNote);
    pretty->setObjectName(QStringLiteral("longLinePrettyButton"));
    connect(pretty, &QPushButton::clicked, this, &ValueEditor::prettyPrint);
    auto *oneLine = new QPushButton(tr("Edit as one line"), m_longNote);
    oneLine->setObjectName(QStringLiteral("editAsOneLineButton"));
    oneLine->setToolTip(tr("Show the line as it is, editable: typing in it may lag"));
    connect(oneLine, &QPushButton::clicked, this, &ValueEditor::editAsOneLine);
    auto *noteLayout = new QHBoxLayout(m_longNote);
    noteLayout->setContentsMargins(8, 5, 8, 5);
    noteLayout->addWidget(m_longNoteText, 1);
    noteLayout->addWidget(pretty);
    noteLayout->addWidget(oneLine);
    m_longNote->hide();
    layout->insertWidget(layout->indexOf(m_edit), m_longNote);
    connect(valueEdit(), &ValueTextEdit::splitChanged, this, [this, pretty, oneLine](bool split) {
        if (split) {
            m_longNoteText->setText(
                tr("<b>One line of %1 characters</b>, shown cut into display lines and read-only: laid out whole, "
                   "it would freeze the window. The cuts (marked ↩) are not in the value; Save and Copy leave them "
                   "out.")
                    .arg(QLocale().toString(qlonglong(ValueTextEdit::longestLine(text())))));
            // Both ways are edits: a read-only connection offers neither.
            const bool writable = m_client && !m_client->isReadOnly();
            pretty->setVisible(writable && (m_format == ValueFormat::Json || m_format == ValueFormat::Yaml));
            oneLine->setVisible(writable);
        }
        m_longNote->setVisible(split);
        applyWrap(m_hexDump);
        updateState();
    });

    m_checkTimer = new QTimer(this);
    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(300); // after a pause in typing: a check of a big value is not free
    connect(m_checkTimer, &QTimer::timeout, this, [this] {
        const QString checked = text();
        const ValueFormat format = m_format;
        whenFinished(QtConcurrent::run([format, checked] { return validate(format, checked); }), this,
                     [this, format, checked](const FormatCheck &check) {
                         if (format == m_format && !m_loading && isDirty() && text() == checked)
                             showCheck(check);
                     });
    });
}

void ValueEditor::open(const QByteArray &key)
{
    if (!m_client)
        return;
    const int generation = ++m_generation;
    stopPrettyPrint();
    m_loading = true;
    m_creating = false;
    m_changedUnderneath = false;
    m_banner->hide();
    if (key != m_loaded.key) {
        // Another key: from now on the editor is about it (key() says so), empty until it loads.
        m_loaded = LoadedValue::fromKv(key, nullptr);
        m_loadFailed = false;
        setEditorText(QString());
        m_meta->clear();
    }
    m_keyLabel->setText(displayKey(key));
    setStatus(tr("Loading…"), false);
    updateState();
    whenFinished(m_client->kv().get(key), this, [this, key, generation](const EtcdResult<RangeResult> &r) {
        if (generation != m_generation)
            return; // the user has moved on
        if (!r.ok()) {
            // Nothing to compare a save with: nothing can be saved until it loads.
            m_loading = false;
            m_loaded = LoadedValue::fromKv(key, nullptr);
            m_loadFailed = true;
            setEditorText(QString());
            m_edit->setPlaceholderText(tr("The value could not be loaded."));
            setStatus(tr("Could not load the value: %1. It cannot be edited or saved until it loads: Retry.")
                          .arg(r.error().plainReason()),
                      true);
            m_status->setToolTip(r.error().toString());
            updateState();
            return;
        }
        m_loadFailed = false;
        m_status->setToolTip(QString());
        m_edit->setPlaceholderText(QString());
        const Loaded loaded = LoadedValue::fromKv(key, r->kvs.isEmpty() ? nullptr : &r->kvs.constFirst());
        if (isLarge(loaded)) {
            setStatus(tr("Loading… (%1)").arg(formatBytes(loaded.value.size())), false);
            showInBackground(loaded, [this, key] { Q_EMIT valueLoaded(key); });
            return;
        }
        m_loading = false;
        show(loaded);
        if (r->kvs.isEmpty())
            setStatus(tr("This key is not in etcd (as of revision %1): deleted, expired with its lease, or never "
                         "created. Type a value and save to create it.")
                          .arg(r->header.revision),
                      false);
        Q_EMIT valueLoaded(key);
    });
}

void ValueEditor::showInBackground(const Loaded &loaded, const std::function<void()> &then)
{
    if (!isLarge(loaded)) {
        m_loading = false;
        show(loaded);
        then();
        return;
    }
    const int generation = m_generation;
    m_loading = true; // read-only and not dirty until it is shown
    updateState();
    // Two workers at once: the format (for YAML a parse of the whole value, the slow part) and the
    // document, which needs only to know whether the value is text. Revert knows the format.
    const QByteArray value = loaded.value;
    const std::shared_ptr<const ValueReading> known =
        m_reading && m_reading->value == value ? m_reading : std::shared_ptr<const ValueReading>();
    const QFuture<ValueFormat> format = known ? QtConcurrent::run([f = known->format] { return f; })
                                              : QtConcurrent::run([value] { return detectFormat(value); });
    const QFont font = valueEdit()->documentFont();
    const QTextOption option = valueEdit()->documentOption();
    QThread *gui = thread();
    const QFuture<ValueTextEdit::Prepared> document = QtConcurrent::run([value, known, font, option, gui] {
        const bool binary = !value.isEmpty() && !utf8::isPlainText(value); // as detectFormat() decides
        const QString text =
            known ? known->text : toEditorText(value, binary ? ValueFormat::Binary : ValueFormat::Text);
        return ValueTextEdit::prepare(text, kLongLine, font, option, gui);
    });
    auto presentation = std::make_shared<Presentation>();
    auto reading = std::make_shared<ValueReading>();
    reading->value = value;
    auto arrived = std::make_shared<int>(0);
    const auto bothArrived = [this, loaded, generation, then, presentation, reading, arrived] {
        if (++*arrived < 2 || generation != m_generation)
            return;
        reading->text = presentation->prepared.text;
        presentation->reading = reading;
        m_loading = false;
        present(loaded, presentation.get());
        then();
    };
    whenFinished(format, this, [reading, bothArrived](ValueFormat f) {
        reading->format = f;
        bothArrived();
    });
    whenFinished(document, this, [presentation, bothArrived](const ValueTextEdit::Prepared &p) {
        presentation->prepared = p;
        bothArrived();
    });
}

void ValueEditor::show(const Loaded &loaded)
{
    if (!isLarge(loaded)) {
        present(loaded, nullptr);
        return;
    }
    // Rare on the GUI thread (a conflict's "keep theirs", a restore): open() and revert() do it on a worker.
    Presentation p;
    p.reading = m_reading && m_reading->value == loaded.value ? m_reading : read(loaded.value);
    p.prepared = ValueTextEdit::prepare(p.reading->text, kLongLine, valueEdit()->documentFont(),
                                        valueEdit()->documentOption(), thread());
    present(loaded, &p);
}

void ValueEditor::present(const Loaded &loaded, const Presentation *presentation)
{
    resetSchemaCheck();
    stopPrettyPrint();
    m_loaded = loaded;
    m_changedUnderneath = false;
    m_banner->hide();
    m_keyLabel->setText(displayKey(loaded.key));
    const bool wasKube = m_kube;
    m_kube = k8s::storageOf(loaded.value) != k8s::Storage::Other;
    if (m_kube) {
        if (!wasKube) {
            m_kubeDecoded = true;
            m_revealSecrets = false;
        }
        showKubernetes();
        m_leaseTtl = -1;
        refreshLeaseTtl();
        setStatus(QString(), false);
        updateMeta();
        updateState();
        return;
    }
    if (const int kube = m_formatBox->findData(kKubernetesFormat); kube >= 0)
        m_formatBox->removeItem(kube);
    m_revealButton->hide();
    if (presentation) {
        m_reading = presentation->reading;
        useFormat(presentation->reading->format);
        valueEdit()->adopt(presentation->prepared);
    } else {
        m_reading.reset();
        useFormat(detectFormat(loaded.value));
        setEditorText(toEditorText(loaded.value, m_format));
    }
    m_formatBox->setCurrentIndex(m_formatBox->findData(static_cast<int>(m_format)));
    m_edit->setPlaceholderText(QString());
    m_leaseTtl = -1;
    refreshLeaseTtl();
    setStatus(QString(), false);
    updateMeta();
    updateState();
}

void ValueEditor::editAsOneLine()
{
    if (!valueEdit()->isSplit())
        return;
    valueEdit()->adopt(
        ValueTextEdit::prepare(text(), 0, valueEdit()->documentFont(), valueEdit()->documentOption(), thread()));
    setStatus(tr("The long line is shown as it is: typing in it may lag."), false);
}

bool ValueEditor::isShownSplit() const
{
    return valueEdit()->isSplit();
}

void ValueEditor::prettyPrint()
{
    if (m_prettyRunning)
        return;
    const QString current = text();
    if (current.size() < kLargeValue) {
        QString error;
        const QString pretty = etcd::prettyPrint(m_format, current, &error);
        if (!error.isEmpty())
            setStatus(tr("Not pretty-printed: %1").arg(error), true);
        else if (pretty != current)
            setText(pretty);
        Q_EMIT prettyPrintFinished(error.isEmpty() && pretty != current);
        return;
    }
    // On a worker, document and all; the editor is read-only meanwhile, so no typing gets lost.
    m_prettyRunning = true;
    m_progress->setValue(0);
    m_progress->show();
    m_stopButton->show();
    setStatus(tr("Pretty-printing %1…").arg(formatBytes(current.size())), false);
    updateState();
    const ValueFormat format = m_format;
    const QFont font = valueEdit()->documentFont();
    const QTextOption option = valueEdit()->documentOption();
    QThread *gui = thread();
    m_prettyRun =
        QtConcurrent::run([format, current, font, option, gui](QPromise<std::shared_ptr<const PrettyRun>> &promise) {
            promise.setProgressRange(0, 100);
            auto run = std::make_shared<PrettyRun>();
            const QString pretty = etcd::prettyPrint(format, current, &run->error, [&promise](int percent) {
                promise.setProgressValue(percent * 9 / 10); // the rest is the document
                return !promise.isCanceled();
            });
            if (run->error.isEmpty() && pretty != current)
                run->prepared = ValueTextEdit::prepare(pretty, kLongLine, font, option, gui);
            promise.setProgressValue(100);
            promise.addResult(std::shared_ptr<const PrettyRun>(std::move(run)));
        });
    auto *progress = new QFutureWatcher<std::shared_ptr<const PrettyRun>>(this);
    connect(progress, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(progress, &QFutureWatcherBase::finished, progress, &QObject::deleteLater);
    progress->setFuture(m_prettyRun);
    const int generation = m_generation;
    whenFinished(m_prettyRun, this, [this, generation](const std::shared_ptr<const PrettyRun> &run) {
        if (generation != m_generation || !m_prettyRunning)
            return;
        stopPrettyPrint();
        const bool changed = run->error.isEmpty() && run->prepared.document;
        if (!run->error.isEmpty()) {
            setStatus(tr("Not pretty-printed: %1").arg(run->error), true);
        } else if (changed) {
            valueEdit()->adopt(run->prepared, true);
            setStatus(tr("Pretty-printed: %1 lines. Save writes this layout; Revert brings back the value as etcd "
                         "has it.")
                          .arg(QLocale().toString(m_edit->document()->blockCount())),
                      false);
        } else {
            setStatus(tr("Already pretty-printed."), false);
        }
        updateState();
        Q_EMIT prettyPrintFinished(changed);
    });
}

void ValueEditor::cancelPrettyPrint()
{
    if (!m_prettyRunning)
        return;
    stopPrettyPrint();
    setStatus(tr("Pretty-printing stopped; the value is as it was."), false);
    updateState();
    Q_EMIT prettyPrintFinished(false);
}

void ValueEditor::stopPrettyPrint()
{
    if (!m_prettyRunning)
        return;
    m_prettyRunning = false;
    m_prettyRun.cancel(); // the worker stops at its next progress report; its result is dropped
    m_progress->hide();
    m_stopButton->hide();
}

void ValueEditor::checkFormat()
{
    if (!valueEdit()->isSplit() && m_edit->document()->characterCount() < kLargeValue)
        showCheck(validate(m_format, text()));
    else
        m_checkTimer->start(); // on a worker once typing pauses
}

} // namespace etcd::ui
