// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// ValueEditor's schema check before a save: the schema for the key comes from core's
// SchemaCatalog (state/schemas/schemacatalog.h), the check runs on a worker thread, and what it
// finds is listed in a SchemaPanel. A value that does not match is never saved by Save or Ctrl+S:
// saving it takes "Save anyway", pressed for the very text that was checked (any edit, another
// key or a revert withdraws it). A schema that cannot be read or used never blocks a save; the
// status says what was not checked.

#include "keys/valueeditor.h"
#include "keys/valuetextedit.h"

#include "client/continuation.h"
#include "format/jsonpath.h"
#include "format/keytext.h"
#include "keys/schemapanel.h"
#include "state/schemas/schemacatalog.h"

#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

namespace etcd::ui {

namespace {

const char *const kPrefixSetting = "schemas/prefix";

// The place around `path`: `servers[2].port` -> `servers[2]` -> `servers` -> "".
QString parentPath(const QString &path)
{
    if (path.endsWith(QLatin1String("\"]")))
        return path.left(std::max<qsizetype>(0, path.lastIndexOf(QLatin1String("[\""))));
    if (path.endsWith(QLatin1Char(']')))
        return path.left(std::max<qsizetype>(0, path.lastIndexOf(QLatin1Char('['))));
    return path.left(std::max<qsizetype>(0, path.lastIndexOf(QLatin1Char('.'))));
}

} // namespace

QByteArray ValueEditor::savedSchemaPrefix()
{
    const QVariant saved = QSettings().value(QLatin1String(kPrefixSetting));
    if (!saved.isValid())
        return SchemaCatalog::defaultPrefix();
    bool ok = false;
    const QByteArray prefix = keyFromDisplay(saved.toString(), &ok);
    return ok ? prefix : SchemaCatalog::defaultPrefix();
}

void ValueEditor::setUpSchemaCheck(QHBoxLayout *tools, QVBoxLayout *layout)
{
    m_schemas = new SchemaCatalog(m_client.data(), savedSchemaPrefix(), this);
    m_schemaPanel = new SchemaPanel(this);
    layout->insertWidget(layout->indexOf(m_status), m_schemaPanel);
    connect(m_schemaPanel, &SchemaPanel::saveAnywayClicked, this, &ValueEditor::saveDespiteSchema);
    connect(m_schemaPanel, &SchemaPanel::pathActivated, this, &ValueEditor::goToJsonPath);
    // Any edit withdraws "Save anyway": it was granted for the text that was checked.
    connect(m_edit, &QPlainTextEdit::textChanged, m_schemaPanel, &SchemaPanel::setStale);

    m_schemaButton = new QToolButton(this);
    m_schemaButton->setObjectName(QStringLiteral("schemaButton"));
    m_schemaButton->setText(tr("Schema"));
    m_schemaButton->setToolTip(tr("JSON Schemas stored in etcd that values are checked against before a save"));
    m_schemaButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_schemaButton);
    m_schemaButton->setMenu(menu);
    connect(menu, &QMenu::aboutToShow, this, [this, menu] { fillSchemaMenu(menu); });
    auto refill = [this, menu] {
        if (menu->isVisible())
            fillSchemaMenu(menu);
    };
    connect(m_schemas, &SchemaCatalog::loaded, menu, refill);
    connect(m_schemas, &SchemaCatalog::changed, menu, refill);
    connect(m_schemas, &SchemaCatalog::failed, menu, refill);
    tools->insertWidget(tools->indexOf(m_revealButton) + 1, m_schemaButton);
}

void ValueEditor::setSchemaPrefix(const QByteArray &prefix)
{
    QSettings().setValue(QLatin1String(kPrefixSetting), displayKey(prefix));
    if (prefix == m_schemas->prefix())
        return;
    m_schemas->setPrefix(prefix);
    resetSchemaCheck();
    setStatus(
        prefix.isEmpty()
            ? tr("Values are no longer checked against schemas.")
            : tr("Values are checked against the schemas under %1 before they are saved.").arg(displayKey(prefix)),
        false);
}

void ValueEditor::resetSchemaCheck()
{
    if (m_schemaPanel)
        m_schemaPanel->clearProblems();
    m_schemaRefused.clear();
}

void ValueEditor::checkSchema()
{
    if (!m_schemas || m_loaded.key.isEmpty() || m_loading || m_saving || m_kube)
        return;
    QString error;
    const QByteArray mine = fromEditorText(text(), m_format, &error);
    if (!error.isEmpty()) {
        setStatus(tr("Not checked: %1").arg(error), true);
        return;
    }
    checkThenSave(mine, false);
}

void ValueEditor::checkThenSave(const QByteArray &mine, bool save)
{
    using Kind = SchemaVerdict::Kind;
    m_saveNote.clear();
    m_saveNoteWarns = false;
    if (!m_schemas || m_schemas->prefix().isEmpty()) {
        if (save)
            saveAgainst(m_loaded, mine);
        else
            setStatus(tr("Values are not checked against schemas (Schema ▸ Schema prefix…)."), false);
        return;
    }
    m_saving = true; // Save stays off until the check has answered
    setStatus(tr("Checking against the schemas under %1…").arg(displayKey(m_schemas->prefix())), false);
    updateState();
    const int generation = m_generation;
    whenFinished(m_schemas->check(m_loaded.key, mine), this, [this, mine, save, generation](const SchemaVerdict &v) {
        m_saving = false;
        if (generation != m_generation) { // another key meanwhile: this check is about nothing shown
            updateState();
            return;
        }
        const QString schema = displayKey(v.schemaKey);
        const QString unchecked =
            v.unchecked.isEmpty() ? QString() : tr(" (not checked: %1)").arg(v.unchecked.join(QLatin1String(", ")));
        QString note;
        bool warn = false;
        switch (v.kind) {
        case Kind::Invalid:
            m_schemaRefused = mine;
            m_schemaPanel->showProblems(v);
            setStatus(save ? tr("Not saved: the value does not match the schema %1 (%2, listed above). Fix them and "
                                "save, or press \"Save anyway\" to save it as it is.")
                                 .arg(schema, SchemaPanel::problemsText(int(v.validation.errors.size())))
                           : tr("The value does not match the schema %1: %2, listed above.")
                                 .arg(schema, SchemaPanel::problemsText(int(v.validation.errors.size()))),
                      true);
            updateState();
            return;
        case Kind::Valid: note = tr("Valid against %1%2.").arg(schema, unchecked); break;
        case Kind::Unusable:
            note = tr("Not checked: the schema %1 cannot be used (%2).").arg(schema, v.problem);
            warn = true;
            break;
        case Kind::Unavailable:
            note = tr("Not checked: %1.").arg(v.problem);
            warn = true;
            break;
        case Kind::NoSchema: {
            QStringList broken;
            for (const QByteArray &key : v.broken)
                broken << displayKey(key);
            note = broken.isEmpty()
                       ? (save ? QString() : tr("No schema under %1 is for this key.").arg(displayKey(v.prefix)))
                       : tr("No schema is for this key, but these under %1 cannot be read (one may be "
                            "meant for it): %2.")
                             .arg(displayKey(v.prefix), broken.join(QLatin1String(", ")));
            warn = !broken.isEmpty();
            break;
        }
        case Kind::Off: break;
        }
        resetSchemaCheck();
        if (!save) {
            setStatus(note, warn);
            updateState();
            return;
        }
        m_saveNote = note;
        m_saveNoteWarns = warn;
        saveAgainst(m_loaded, mine);
    });
}

void ValueEditor::saveDespiteSchema()
{
    if (!m_client || m_client->isReadOnly() || m_saving || m_loading || m_loadFailed || !m_schemaPanel ||
        m_schemaPanel->isHidden() || m_schemaPanel->isStale())
        return;
    QString error;
    const QByteArray mine = fromEditorText(text(), m_format, &error);
    if (!error.isEmpty() || mine != m_schemaRefused) {
        m_schemaPanel->setStale(); // not the text that was checked: check it again first
        return;
    }
    const SchemaVerdict refused = m_schemaPanel->verdict();
    resetSchemaCheck();
    m_saveNote =
        tr("It does not match the schema %1 (%2): saved anyway, as asked.")
            .arg(displayKey(refused.schemaKey), SchemaPanel::problemsText(int(refused.validation.errors.size())));
    m_saveNoteWarns = false;
    saveAgainst(m_loaded, mine);
}

void ValueEditor::goToJsonPath(const QString &path)
{
    // A field that is missing has no place of its own: go to the object that should hold it.
    const QString content = text();
    qsizetype offset = jsonPathOffset(content, path);
    for (QString p = path; offset < 0 && !p.isEmpty();) {
        p = parentPath(p);
        offset = jsonPathOffset(content, p);
    }
    if (offset < 0)
        return;
    QTextCursor cursor(m_edit->document());
    // A very long line is shown cut into display lines: the text's offset moves by the cuts.
    cursor.setPosition(valueEdit()->displayPosition(offset));
    m_edit->setTextCursor(cursor);
    m_edit->centerCursor();
    m_edit->setFocus();
}

void ValueEditor::fillSchemaMenu(QMenu *menu)
{
    menu->clear();
    const QByteArray prefix = m_schemas->prefix();
    auto info = [menu](const QString &text) { menu->addAction(text)->setEnabled(false); };
    if (prefix.isEmpty()) {
        info(tr("Values are not checked against schemas"));
    } else {
        const QString where = displayKey(prefix);
        switch (m_schemas->state()) {
        case SchemaCatalog::State::Idle:
            m_schemas->load(); // asked for: read them now (the menu fills in when they arrive)
            [[fallthrough]];
        case SchemaCatalog::State::Loading: info(tr("Reading the schemas under %1…").arg(where)); break;
        case SchemaCatalog::State::Failed:
            info(tr("The schemas under %1 could not be read: %2").arg(where, m_schemas->loadError().plainReason()));
            break;
        case SchemaCatalog::State::Loaded: {
            info(tr("%1 under %2")
                     .arg(m_schemas->entries().size() == 1 ? tr("1 schema")
                                                           : tr("%1 schemas").arg(m_schemas->entries().size()),
                          where));
            QString glob;
            if (!m_loaded.key.isEmpty()) {
                const SchemaEntry *entry = m_schemas->match(m_loaded.key, &glob);
                info(entry ? tr("For this key: %1 (%2)").arg(displayKey(entry->key), glob)
                           : tr("No schema is for this key"));
            }
            for (const auto &[key, entry] : m_schemas->entries())
                if (!entry.usable())
                    info(tr("Cannot be used: %1: %2").arg(displayKey(key), entry.problem.left(120)));
            break;
        }
        }
    }
    menu->addSeparator();
    QAction *check = menu->addAction(tr("Check the value now"), this, &ValueEditor::checkSchema);
    check->setEnabled(!prefix.isEmpty() && !m_loaded.key.isEmpty() && !m_loading && !m_saving && !m_kube);
    menu->addAction(tr("Read the schemas again"), m_schemas, &SchemaCatalog::load)->setEnabled(!prefix.isEmpty());
    menu->addAction(tr("Schema prefix…"), this, [this] {
        bool ok = false;
        const QString text = QInputDialog::getText(
            this, tr("Schema prefix"),
            tr("Check values before saving against the JSON Schemas stored under this prefix. Each schema names the "
               "keys it is for in \"x-etcd-console-keys\". Empty: do not check."),
            QLineEdit::Normal, displayKey(m_schemas->prefix()), &ok);
        if (!ok)
            return;
        bool valid = false;
        const QByteArray chosen = keyFromDisplay(text.trimmed(), &valid);
        if (!valid) {
            setStatus(tr("Cannot read that prefix: use \\xNN for bytes that are not text."), true);
            return;
        }
        setSchemaPrefix(chosen);
    });
}

} // namespace etcd::ui
