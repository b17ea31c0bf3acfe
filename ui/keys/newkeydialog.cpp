// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/newkeydialog.h"

#include "client/continuation.h"
#include "state/operations/keyoperations.h"
#include "common/syntaxhighlighter.h"
#include "common/theme.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStringDecoder>
#include <QTimer>
#include <QVBoxLayout>

#include <limits>

namespace etcd::ui {

namespace {

// etcd prints lease ids in hex ("694d7f3a1b2c3d4e"); people paste them with or without 0x.
qint64 parseLeaseId(QString text)
{
    text = text.trimmed();
    if (text.startsWith(QLatin1String("0x"), Qt::CaseInsensitive))
        text = text.mid(2);
    bool ok = false;
    const qint64 id = text.toLongLong(&ok, 16);
    return ok && id > 0 ? id : 0;
}

QString formatLabel(ValueFormat format)
{
    return format == ValueFormat::Binary ? NewKeyDialog::tr("Hex") : formatName(format);
}
} // namespace

NewKeyDialog::NewKeyDialog(EtcdClient *client, const QByteArray &folder, char delimiter, QWidget *parent)
    : QDialog(parent), m_client(client)
{
    setObjectName(QStringLiteral("newKeyDialog"));
    setWindowTitle(tr("New key"));
    const bool readOnly = client && client->isReadOnly();

    m_banner = new QLabel(tr("Read-only connection: keys cannot be created from here."), this);
    m_banner->setObjectName(QStringLiteral("readOnlyBanner"));
    m_banner->setMargin(6);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #1565c0; color: white; }"));
    m_banner->setVisible(readOnly);

    QByteArray prefix = folder;
    if (delimiter != 0 && !prefix.isEmpty() && !prefix.endsWith(delimiter))
        prefix += delimiter;
    m_keyEdit = new QLineEdit(displayKey(prefix), this);
    m_keyEdit->setObjectName(QStringLiteral("keyEdit"));
    m_keyEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_keyEdit->setPlaceholderText(tr("the full key, e.g. /config/service/name"));
    m_keyEdit->setToolTip(tr("Any bytes: type \\xNN for a byte that is not printable text, \\\\ for a backslash."));
    m_keyEdit->setProperty("folderPrefix", displayKey(prefix)); // only a folder is not a new key's name
    connect(m_keyEdit, &QLineEdit::textChanged, this, &NewKeyDialog::updateState);
    m_keyInfo = new QLabel(this);
    m_keyInfo->setObjectName(QStringLiteral("keyInfo"));
    m_keyInfo->setWordWrap(true);

    m_formatBox = new QComboBox(this);
    m_formatBox->setObjectName(QStringLiteral("formatBox"));
    for (ValueFormat f : {ValueFormat::Text, ValueFormat::Json, ValueFormat::Yaml, ValueFormat::Binary})
        m_formatBox->addItem(formatLabel(f), static_cast<int>(f));
    connect(m_formatBox, &QComboBox::activated, this,
            [this](int i) { setFormat(static_cast<ValueFormat>(m_formatBox->itemData(i).toInt())); });
    m_prettyButton = new QPushButton(tr("Pretty"), this);
    m_prettyButton->setObjectName(QStringLiteral("prettyButton"));
    m_prettyButton->setAutoDefault(false);
    m_prettyButton->setToolTip(tr("Re-indent without changing the content or key order"));
    connect(m_prettyButton, &QPushButton::clicked, this, [this] {
        QString error;
        const QString pretty = prettyPrint(m_format, valueText(), &error);
        if (!error.isEmpty())
            setStatus(tr("Not pretty-printed: %1").arg(error), true);
        else if (pretty != valueText())
            setValueText(pretty);
    });

    m_valueEdit = new QPlainTextEdit(this);
    m_valueEdit->setObjectName(QStringLiteral("valueEdit"));
    m_valueEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_valueEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_valueEdit->setTabStopDistance(4 * m_valueEdit->fontMetrics().horizontalAdvance(QLatin1Char(' ')));
    m_valueEdit->setPlaceholderText(tr("The value (may be empty)"));
    connect(m_valueEdit, &QPlainTextEdit::textChanged, this, &NewKeyDialog::updateState);
    m_validation = new QLabel(this);
    m_validation->setObjectName(QStringLiteral("validationLabel"));
    m_validation->setWordWrap(true);
    m_validation->setStyleSheet(Theme::errorStyleSheet());

    m_forever = new QRadioButton(tr("Until deleted (no lease)"), this);
    m_forever->setObjectName(QStringLiteral("foreverRadio"));
    m_forever->setChecked(true);
    m_ttlRadio = new QRadioButton(tr("Expires after"), this);
    m_ttlRadio->setObjectName(QStringLiteral("ttlRadio"));
    m_ttlSpin = new QSpinBox(this);
    m_ttlSpin->setObjectName(QStringLiteral("ttlSpin"));
    m_ttlSpin->setRange(1, std::numeric_limits<int>::max());
    m_ttlSpin->setValue(60);
    m_ttlSpin->setSuffix(tr(" s"));
    m_ttlSpin->setToolTip(tr("etcd raises a TTL below its minimum (about 2 election timeouts)"));
    auto *ttlNote = new QLabel(tr("(grants a new lease for this key)"), this);
    ttlNote->setForegroundRole(QPalette::PlaceholderText);
    m_leaseRadio = new QRadioButton(tr("Attached to lease"), this);
    m_leaseRadio->setObjectName(QStringLiteral("leaseRadio"));
    m_leaseEdit = new QLineEdit(this);
    m_leaseEdit->setObjectName(QStringLiteral("leaseEdit"));
    m_leaseEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_leaseEdit->setPlaceholderText(tr("lease id in hex"));
    m_leaseInfo = new QLabel(this);
    m_leaseInfo->setObjectName(QStringLiteral("leaseInfo"));
    m_leaseTimer = new QTimer(this);
    m_leaseTimer->setSingleShot(true);
    m_leaseTimer->setInterval(300); // ask etcd once typing pauses, not per keystroke
    connect(m_leaseTimer, &QTimer::timeout, this, &NewKeyDialog::lookUpLease);
    connect(m_leaseEdit, &QLineEdit::textChanged, this, [this] {
        ++m_leaseGeneration;
        m_leaseInfo->clear();
        m_leaseTimer->start();
        if (!m_leaseEdit->text().trimmed().isEmpty())
            m_leaseRadio->setChecked(true);
        updateState();
    });
    connect(m_ttlSpin, &QSpinBox::valueChanged, this, [this] { m_ttlRadio->setChecked(true); });
    auto *lifetimeGroup = new QButtonGroup(this);
    for (QRadioButton *r : {m_forever, m_ttlRadio, m_leaseRadio}) {
        lifetimeGroup->addButton(r);
        connect(r, &QRadioButton::toggled, this, &NewKeyDialog::updateState);
    }

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setAutoDefault(false);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    m_createButton = new QPushButton(tr("Create"), this);
    m_createButton->setObjectName(QStringLiteral("createButton"));
    m_createButton->setDefault(true);
    connect(m_createButton, &QPushButton::clicked, this, &NewKeyDialog::create);

    auto *formatRow = new QHBoxLayout;
    formatRow->addWidget(m_formatBox);
    formatRow->addWidget(m_prettyButton);
    formatRow->addStretch(1);
    auto *ttlRow = new QHBoxLayout;
    ttlRow->addWidget(m_ttlRadio);
    ttlRow->addWidget(m_ttlSpin);
    ttlRow->addWidget(ttlNote);
    ttlRow->addStretch(1);
    auto *leaseRow = new QHBoxLayout;
    leaseRow->addWidget(m_leaseRadio);
    leaseRow->addWidget(m_leaseEdit, 1);
    leaseRow->addWidget(m_leaseInfo, 1);
    auto *lifetime = new QVBoxLayout;
    lifetime->setSpacing(2);
    lifetime->addWidget(m_forever);
    lifetime->addLayout(ttlRow);
    lifetime->addLayout(leaseRow);

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Key:"), m_keyEdit);
    form->addRow(QString(), m_keyInfo);
    form->addRow(tr("Format:"), formatRow);
    form->addRow(tr("Value:"), m_valueEdit);
    form->addRow(QString(), m_validation);
    form->addRow(tr("Lifetime:"), lifetime);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_createButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    resize(720, 560);

    m_keyEdit->setFocus();
    m_keyEdit->setCursorPosition(int(m_keyEdit->text().size()));
    updateState();
}

QByteArray NewKeyDialog::key(bool *ok) const
{
    bool valid = false;
    const QByteArray k = keyFromDisplay(m_keyEdit->text(), &valid);
    if (ok)
        *ok = valid;
    return valid ? k : QByteArray();
}

QString NewKeyDialog::valueText() const
{
    return m_valueEdit->toPlainText();
}

QString NewKeyDialog::statusText() const
{
    return m_status->text();
}

QString NewKeyDialog::validationText() const
{
    return m_validation->text();
}

void NewKeyDialog::setKeyText(const QString &text)
{
    m_keyEdit->setText(text);
}

void NewKeyDialog::setValueText(const QString &text)
{
    // Through a cursor, so that the change can be undone like typing.
    QTextCursor c(m_valueEdit->document());
    c.select(QTextCursor::Document);
    c.insertText(text);
}

QByteArray NewKeyDialog::value(QString *error) const
{
    QString e;
    const QByteArray bytes = valueBytes(&e);
    if (error)
        *error = e;
    return e.isEmpty() ? bytes : QByteArray();
}

QByteArray NewKeyDialog::valueBytes(QString *error) const
{
    return fromEditorText(valueText(), m_format, error);
}

bool NewKeyDialog::setFormat(ValueFormat format)
{
    if (format != m_format) {
        QString error;
        const QByteArray bytes = valueBytes(&error);
        if (error.isEmpty() && format != ValueFormat::Binary && !isUtf8(bytes))
            error = tr("these bytes are not UTF-8 text; they can only be typed as hex");
        if (!error.isEmpty()) {
            m_formatBox->setCurrentIndex(m_formatBox->findData(static_cast<int>(m_format)));
            setStatus(tr("Cannot switch to %1: %2").arg(formatLabel(format), error), true);
            return false;
        }
        m_format = format;
        delete m_highlighter;
        m_highlighter = createHighlighter(m_format, m_valueEdit->document());
        setValueText(toEditorText(bytes, format));
        setStatus(QString(), false);
    }
    m_formatBox->setCurrentIndex(m_formatBox->findData(static_cast<int>(m_format)));
    updateState();
    return true;
}

void NewKeyDialog::setLifetime(Lifetime lifetime, qint64 ttlSeconds, qint64 lease)
{
    if (lifetime == Lifetime::Ttl && ttlSeconds > 0)
        m_ttlSpin->setValue(int(std::min<qint64>(ttlSeconds, m_ttlSpin->maximum())));
    if (lifetime == Lifetime::ExistingLease && lease > 0)
        m_leaseEdit->setText(QString::number(lease, 16));
    (lifetime == Lifetime::Ttl ? m_ttlRadio : lifetime == Lifetime::ExistingLease ? m_leaseRadio : m_forever)
        ->setChecked(true);
}

bool NewKeyDialog::lifetimeProblem(QString *why, qint64 *ttl, qint64 *lease) const
{
    *ttl = m_ttlRadio->isChecked() ? m_ttlSpin->value() : 0;
    *lease = 0;
    if (m_leaseRadio->isChecked()) {
        *lease = parseLeaseId(m_leaseEdit->text());
        if (*lease == 0) {
            *why = m_leaseEdit->text().trimmed().isEmpty() ? tr("Type the id of the lease to attach the key to.")
                                                           : tr("The lease id must be a positive hexadecimal number.");
            return true;
        }
    }
    return false;
}

bool NewKeyDialog::canCreate() const
{
    return m_createButton->isEnabled();
}

void NewKeyDialog::updateState()
{
    updateKeyInfo();
    m_ttlSpin->setEnabled(!m_creating);
    m_leaseEdit->setEnabled(!m_creating);
    m_prettyButton->setEnabled(m_format == ValueFormat::Json || m_format == ValueFormat::Yaml);

    // The value, validated as it is typed: the first problem with its line and column.
    QString valueProblem;
    const QString text = valueText();
    QString encodeError;
    (void)valueBytes(&encodeError);
    const FormatCheck check = validate(m_format, text);
    if (!encodeError.isEmpty())
        valueProblem = encodeError;
    else if (!check.ok && !(text.isEmpty() && m_format == ValueFormat::Binary))
        valueProblem = check.line ? tr("%1 is not valid at line %2, column %3: %4")
                                        .arg(formatLabel(m_format))
                                        .arg(check.line)
                                        .arg(check.column)
                                        .arg(check.message)
                                  : tr("%1 is not valid: %2").arg(formatLabel(m_format), check.message);
    m_validation->setText(valueProblem);
    m_validation->setVisible(!valueProblem.isEmpty());

    // Why Create cannot be pressed, said on the button itself.
    QString why;
    bool keyOk = false;
    const QByteArray k = key(&keyOk);
    qint64 ttl = 0;
    qint64 lease = 0;
    if (m_client && m_client->isReadOnly())
        why = tr("This connection is read-only: it sends no writes.");
    else if (!m_client)
        why = tr("Not connected.");
    else if (m_creating)
        why = tr("Creating…");
    else if (!keyOk)
        why = tr("The key is not valid (see below it).");
    else if (k.isEmpty() || m_keyEdit->text() == m_keyEdit->property("folderPrefix").toString())
        why = tr("Type the new key's name.");
    else if (!valueProblem.isEmpty())
        why = tr("Fix the value first, or choose Text to store it exactly as typed: %1").arg(valueProblem);
    else
        (void)lifetimeProblem(&why, &ttl, &lease);
    m_createButton->setEnabled(why.isEmpty());
    m_createButton->setToolTip(why.isEmpty() ? tr("Create the key, only if it does not exist yet") : why);
}

void NewKeyDialog::updateKeyInfo()
{
    bool ok = false;
    const QByteArray k = key(&ok);
    m_keyInfo->setStyleSheet(ok ? QString() : Theme::errorStyleSheet());
    m_keyInfo->setForegroundRole(ok ? QPalette::PlaceholderText : QPalette::WindowText);
    if (!ok) {
        m_keyInfo->setText(tr("Not a valid key: a backslash starts \\xNN (two hex digits), \\n, \\t, \\r, \\0, or "
                              "\\\\ for a backslash itself."));
        return;
    }
    if (k.isEmpty()) {
        m_keyInfo->setText(tr("Type the new key's full name."));
        return;
    }
    QString info = k.size() == 1 ? tr("1 byte") : tr("%1 bytes").arg(k.size());
    if (!isUtf8(k))
        info += tr(", not UTF-8");
    if (displayKey(k) != m_keyEdit->text())
        info += tr(" · will be shown as %1").arg(displayKey(k));
    m_keyInfo->setText(info);
}

void NewKeyDialog::lookUpLease()
{
    const qint64 id = parseLeaseId(m_leaseEdit->text());
    if (!m_client || id == 0) {
        if (!m_leaseEdit->text().trimmed().isEmpty())
            m_leaseInfo->setText(tr("not a hex lease id"));
        return;
    }
    const int generation = m_leaseGeneration;
    whenFinished(m_client->lease().timeToLive(id), this, [this, generation](const EtcdResult<LeaseTimeToLive> &r) {
        if (generation != m_leaseGeneration)
            return; // the id was edited meanwhile
        if (!r.ok())
            m_leaseInfo->setText(tr("could not look it up: %1").arg(r.error().toString()));
        else if (r->ttl < 0)
            m_leaseInfo->setText(tr("no such lease (expired or revoked)"));
        else
            m_leaseInfo->setText(tr("%1 s left of %2 s").arg(r->ttl).arg(r->grantedTtl));
    });
}

void NewKeyDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? Theme::errorStyleSheet() : QString());
}

void NewKeyDialog::fail(const QString &why)
{
    setStatus(why, true);
    Q_EMIT createFailed(why);
}

void NewKeyDialog::create()
{
    if (!m_client || m_creating)
        return;
    if (!m_createButton->isEnabled()) {
        // The reason is the button's tooltip; nothing is sent.
        fail(tr("Not created: %1").arg(m_createButton->toolTip()));
        return;
    }
    const QByteArray k = key();
    QString error;
    const QByteArray value = valueBytes(&error);
    qint64 ttl = 0;
    qint64 lease = 0;
    QString why;
    if (!error.isEmpty() || lifetimeProblem(&why, &ttl, &lease)) {
        fail(tr("Not created: %1").arg(error.isEmpty() ? why : error));
        return;
    }
    m_creating = true;
    setStatus(ttl > 0 ? tr("Granting a %1 s lease and creating %2…").arg(ttl).arg(displayKey(k))
                      : tr("Creating %1…").arg(displayKey(k)),
              false);
    updateState();
    whenFinished(KeyOperations(m_client).create(k, value, ttl, lease), this,
                 [this, k](const EtcdResult<OperationReport> &r) {
                     m_creating = false;
                     updateState();
                     const QString kept = tr("Everything you typed is still here.");
                     if (!r.ok())
                         return fail(tr("Not created: %1. %2").arg(r.error().toString(), kept));
                     if (r->done == 1) {
                         setStatus(tr("Created at revision %1.").arg(r->revision), false);
                         Q_EMIT created(k, r->revision);
                         accept();
                         return;
                     }
                     if (!r->problems.isEmpty() && r->problems.constFirst().kind == KeyProblem::Exists)
                         return fail(tr("Not created: %1 %2. Choose another name, or open the existing key to "
                                        "edit it. %3")
                                         .arg(displayKey(k), r->problems.constFirst().detail, kept));
                     QString reason = r->error ? r->error.toString() : r->summary();
                     if (r->error.isOutcomeUnknown())
                         reason += QLatin1Char(' ') + tr("etcd may have created it anyway: look for the key before "
                                                         "trying again.");
                     fail(tr("Not created: %1 %2").arg(reason, kept));
                 });
}

} // namespace etcd::ui
