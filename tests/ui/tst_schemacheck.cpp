// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The value editor's schema check before a save, against real etcd with a schema stored as an
// administrator would store it: an invalid value is not saved (etcd keeps the old one) and its
// problems are listed by path; Save and Ctrl+S never save it; only "Save anyway", for the very
// text checked, does; an edit withdraws it; a valid value saves and says against what; a schema
// that cannot be used never blocks a save; the prefix is a setting; read-only is unchanged.
// SCHEMA_SHOT=FILE saves a picture of the editor listing problems.

#include "keys/schemapanel.h"
#include "keys/valueeditor.h"
#include "state/schemas/schemacatalog.h"
#include "support/testsupport.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

namespace {

const char *const kSchema =
    "{\"x-etcd-console-keys\": [\"/config/checkout/*.json\"], \"type\": \"object\",\n"
    " \"required\": [\"service\", \"currency\"],\n"
    " \"properties\": {\"service\": {\"type\": \"string\"}, \"currency\": {\"enum\": [\"EUR\", \"USD\", \"GBP\"]},\n"
    "   \"port\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 65535},\n"
    "   \"upstreams\": {\"additionalProperties\": {\"type\": \"string\", \"pattern\": \"^https?://\"}}},\n"
    " \"oneOf\": [{}]}";
const char *const kValid = "{\"service\": \"checkout\", \"currency\": \"EUR\", \"port\": 8443}";
const char *const kInvalid = "{\n  \"service\": \"checkout\",\n  \"port\": 70000,\n"
                             "  \"upstreams\": {\"payments\": \"ftp://payments:8443\"}\n}";

} // namespace

class TestSchemaCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void anInvalidValueIsSavedOnlyBySaveAnyway();
    void anEditWithdrawsSaveAnyway();
    void aValidValueSavesAndSaysAgainstWhat();
    void aSchemaThatCannotBeUsedDoesNotBlock();
    void keysWithoutSchemaSaveAsBefore();
    void theProblemListLeadsToThePlace();
    void thePrefixIsASetting();
    void readOnlyIsUnchanged();

private:
    bool put(const QByteArray &key, const QByteArray &value);
    QByteArray etcdValue(const QByteArray &key);
    static bool openAndWait(ValueEditor &editor, const QByteArray &key);
    static QPushButton *saveAnyway(ValueEditor &editor);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
};

void TestSchemaCheck::initTestCase()
{
    // Never touch the user's settings: the schema prefix is kept in a temporary directory.
    QVERIFY(m_settingsDir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("etcd-console-test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_schemacheck"));
    START_CLUSTER(cluster, 1, true);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
    QVERIFY(put("/schemas/checkout.json", kSchema));
}

bool TestSchemaCheck::put(const QByteArray &key, const QByteArray &value)
{
    const EtcdctlResult r =
        etcdctlFor(*m_cluster).run({QStringLiteral("put"), QString::fromUtf8(key), QString::fromUtf8(value)});
    if (!r.ok())
        qWarning("etcdctl put: %s", r.describe().constData());
    return r.ok();
}

QByteArray TestSchemaCheck::etcdValue(const QByteArray &key)
{
    const EtcdctlResult r =
        etcdctlFor(*m_cluster)
            .run({QStringLiteral("get"), QString::fromUtf8(key), QStringLiteral("--print-value-only")});
    return r.ok() ? r.out.chopped(r.out.endsWith('\n') ? 1 : 0) : QByteArray("<etcdctl failed>");
}

bool TestSchemaCheck::openAndWait(ValueEditor &editor, const QByteArray &key)
{
    QSignalSpy loaded(&editor, &ValueEditor::valueLoaded);
    editor.open(key);
    return loaded.wait(5000) || (!editor.isLoading() && editor.key() == key);
}

QPushButton *TestSchemaCheck::saveAnyway(ValueEditor &editor)
{
    return editor.findChild<QPushButton *>(QStringLiteral("saveAnywayButton"));
}

void TestSchemaCheck::anInvalidValueIsSavedOnlyBySaveAnyway()
{
    QVERIFY(put("/config/checkout/settings.json", kValid));
    ValueEditor editor(m_client.get());
    QVERIFY(openAndWait(editor, "/config/checkout/settings.json"));
    SchemaPanel *panel = editor.schemaPanel();
    QVERIFY(panel->isHidden());
    editor.setText(QString::fromUtf8(kInvalid));
    auto *saveButton = editor.findChild<QPushButton *>(QStringLiteral("saveButton"));
    QSignalSpy saved(&editor, &ValueEditor::saved);
    saveButton->click();
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isHidden(), 10000);
    // Not saved, nothing lost, and the problems listed by where they are.
    QCOMPARE(etcdValue("/config/checkout/settings.json"), QByteArray(kValid));
    QCOMPARE(editor.text(), QString::fromUtf8(kInvalid));
    QCOMPARE(saved.count(), 0);
    QCOMPARE(panel->problemCount(), 3);
    QCOMPARE(panel->problemPath(0), QString());
    QCOMPARE(panel->problemText(0), QStringLiteral("required field \"currency\" is missing"));
    QCOMPARE(panel->problemPath(1), QStringLiteral("port"));
    QCOMPARE(panel->problemText(1), QStringLiteral("is 70000, more than the maximum 65535"));
    QCOMPARE(panel->problemPath(2), QStringLiteral("upstreams.payments"));
    QVERIFY2(editor.statusText().startsWith(QLatin1String("Not saved: the value does not match the schema "
                                                          "/schemas/checkout.json (3 problems")),
             qPrintable(editor.statusText()));
    QVERIFY(editor.statusText().contains(QLatin1String("Save anyway")));
    QVERIFY(panel->findChild<QLabel *>(QStringLiteral("schemaUnchecked"))->text().contains(QLatin1String("oneOf")));
    QVERIFY(saveAnyway(editor)->isEnabled());
    if (!qEnvironmentVariableIsEmpty("SCHEMA_SHOT")) {
        editor.resize(820, 560);
        editor.QWidget::show();
        QTest::qWait(200);
        QVERIFY(editor.grab().save(qEnvironmentVariable("SCHEMA_SHOT")));
    }

    // Save (and Ctrl+S, the same action) checks again and refuses again: it is not the confirmation.
    QSignalSpy dirty(&editor, &ValueEditor::dirtyChanged);
    editor.saveAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(editor.statusText().startsWith(QLatin1String("Not saved: the value does not match")),
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(!editor.isSaving(), 10000);
    QCOMPARE(etcdValue("/config/checkout/settings.json"), QByteArray(kValid));
    QCOMPARE(saved.count(), 0);

    // The explicit second confirmation saves exactly this text, as a compare-and-swap.
    saveAnyway(editor)->click();
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
    QCOMPARE(etcdValue("/config/checkout/settings.json"), QByteArray(kInvalid));
    QVERIFY2(editor.statusText().contains(QLatin1String("It does not match the schema /schemas/checkout.json (3 "
                                                        "problems): saved anyway, as asked.")),
             qPrintable(editor.statusText()));
    QVERIFY(panel->isHidden());
    QVERIFY(!editor.isDirty());
}

void TestSchemaCheck::anEditWithdrawsSaveAnyway()
{
    QVERIFY(put("/config/checkout/edit.json", kValid));
    ValueEditor editor(m_client.get());
    QVERIFY(openAndWait(editor, "/config/checkout/edit.json"));
    editor.setText(QString::fromUtf8(kInvalid));
    editor.save();
    QTRY_VERIFY_WITH_TIMEOUT(!editor.schemaPanel()->isHidden(), 10000);
    QVERIFY(saveAnyway(editor)->isEnabled());
    // Any edit, even one undone again, withdraws the confirmation; the problems stay listed.
    auto *edit = editor.findChild<QPlainTextEdit *>(QStringLiteral("valueEdit"));
    edit->appendPlainText(QStringLiteral(" "));
    QVERIFY(editor.schemaPanel()->isStale());
    QVERIFY(!saveAnyway(editor)->isEnabled());
    QCOMPARE(editor.schemaPanel()->problemCount(), 3);
    edit->undo();
    QCOMPARE(editor.text(), QString::fromUtf8(kInvalid));
    QVERIFY(!saveAnyway(editor)->isEnabled());
    QSignalSpy saved(&editor, &ValueEditor::saved);
    editor.saveDespiteSchema(); // even when called directly
    QTest::qWait(300);
    QCOMPARE(saved.count(), 0);
    QCOMPARE(etcdValue("/config/checkout/edit.json"), QByteArray(kValid));
    // Save checks again, and the confirmation is offered again for this text.
    editor.save();
    QTRY_VERIFY_WITH_TIMEOUT(saveAnyway(editor)->isEnabled(), 10000);
    QVERIFY(!editor.schemaPanel()->isStale());
    // Revert (or another key) clears the list.
    editor.revert();
    QVERIFY(editor.schemaPanel()->isHidden());
}

void TestSchemaCheck::aValidValueSavesAndSaysAgainstWhat()
{
    QVERIFY(put("/config/checkout/valid.json", kValid));
    ValueEditor editor(m_client.get());
    QVERIFY(openAndWait(editor, "/config/checkout/valid.json"));
    const QByteArray changed = "{\"service\": \"checkout\", \"currency\": \"GBP\", \"port\": 9443}";
    editor.setText(QString::fromUtf8(changed));
    QSignalSpy saved(&editor, &ValueEditor::saved);
    editor.save();
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
    QCOMPARE(etcdValue("/config/checkout/valid.json"), changed);
    QVERIFY2(editor.statusText().startsWith(QLatin1String("Saved at revision ")), qPrintable(editor.statusText()));
    QVERIFY2(editor.statusText().endsWith(QLatin1String(" Valid against /schemas/checkout.json (not checked: oneOf).")),
             qPrintable(editor.statusText()));
    QVERIFY(editor.schemaPanel()->isHidden());
}

void TestSchemaCheck::aSchemaThatCannotBeUsedDoesNotBlock()
{
    QVERIFY(put("/schemas/broken.json", "{\"x-etcd-console-keys\": \"/config/broken/*\", \"pattern\": \"(\"}"));
    QVERIFY(put("/config/broken/a", "{}"));
    ValueEditor editor(m_client.get());
    QVERIFY(openAndWait(editor, "/config/broken/a"));
    editor.setText(QStringLiteral("{\"a\": 1}"));
    QSignalSpy saved(&editor, &ValueEditor::saved);
    editor.save();
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
    QCOMPARE(etcdValue("/config/broken/a"), QByteArray("{\"a\": 1}"));
    QVERIFY2(
        editor.statusText().contains(QLatin1String("Not checked: the schema /schemas/broken.json cannot be used "
                                                   "(#/pattern: the pattern \"(\" is not a valid regular expression")),
        qPrintable(editor.statusText()));
    QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("del"), QStringLiteral("/schemas/broken.json")}).ok());
}

void TestSchemaCheck::keysWithoutSchemaSaveAsBefore()
{
    QVERIFY(put("/plain/key", "one"));
    ValueEditor editor(m_client.get());
    QVERIFY(openAndWait(editor, "/plain/key"));
    editor.setText(QStringLiteral("two"));
    QSignalSpy saved(&editor, &ValueEditor::saved);
    editor.save();
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
    QCOMPARE(editor.statusText(), QStringLiteral("Saved at revision %1.").arg(editor.loaded().modRevision));
    // "Check the value now" says so too, without saving.
    editor.setText(QStringLiteral("three"));
    editor.checkSchema();
    QTRY_COMPARE_WITH_TIMEOUT(editor.statusText(), QStringLiteral("No schema under /schemas/ is for this key."), 10000);
    QCOMPARE(etcdValue("/plain/key"), QByteArray("two"));
}

void TestSchemaCheck::theProblemListLeadsToThePlace()
{
    QVERIFY(put("/config/checkout/cursor.json", kValid));
    ValueEditor editor(m_client.get());
    QVERIFY(openAndWait(editor, "/config/checkout/cursor.json"));
    editor.setText(QString::fromUtf8(kInvalid));
    editor.checkSchema(); // checking without saving lists the same problems
    QTRY_COMPARE_WITH_TIMEOUT(editor.schemaPanel()->problemCount(), 3, 10000);
    QCOMPARE(etcdValue("/config/checkout/cursor.json"), QByteArray(kValid));
    auto *edit = editor.findChild<QPlainTextEdit *>(QStringLiteral("valueEdit"));
    QTreeWidget *list = editor.schemaPanel()->problemList();
    Q_EMIT list->itemActivated(list->topLevelItem(2), 0);
    QCOMPARE(edit->textCursor().position(), editor.text().indexOf(QLatin1String("\"payments\"")));
    Q_EMIT list->itemActivated(list->topLevelItem(1), 0);
    QCOMPARE(edit->textCursor().position(), editor.text().indexOf(QLatin1String("\"port\"")));
    Q_EMIT list->itemActivated(list->topLevelItem(0), 0); // the missing field: the object that lacks it
    QCOMPARE(edit->textCursor().position(), 0);
}

void TestSchemaCheck::thePrefixIsASetting()
{
    QCOMPARE(ValueEditor::savedSchemaPrefix(), QByteArray("/schemas/"));
    QVERIFY(put("/config/checkout/off.json", kValid));
    {
        ValueEditor editor(m_client.get());
        editor.setSchemaPrefix(QByteArray());
        QVERIFY(openAndWait(editor, "/config/checkout/off.json"));
        editor.setText(QString::fromUtf8(kInvalid));
        QSignalSpy saved(&editor, &ValueEditor::saved);
        editor.save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000); // checking is off
        QCOMPARE(editor.schemaCatalog()->state(), SchemaCatalog::State::Idle);
    }
    QSettings().sync();
    QCOMPARE(QSettings().value(QStringLiteral("schemas/prefix")).toString(), QString());
    QCOMPARE(ValueEditor::savedSchemaPrefix(), QByteArray());
    {
        ValueEditor editor(m_client.get()); // a new editor (window) reads the setting
        QCOMPARE(editor.schemaCatalog()->prefix(), QByteArray());
        editor.setSchemaPrefix("/team/schemas/");
    }
    QCOMPARE(ValueEditor::savedSchemaPrefix(), QByteArray("/team/schemas/"));
    ValueEditor editor(m_client.get());
    QCOMPARE(editor.schemaCatalog()->prefix(), QByteArray("/team/schemas/"));
    editor.setSchemaPrefix(SchemaCatalog::defaultPrefix());
    QCOMPARE(ValueEditor::savedSchemaPrefix(), QByteArray("/schemas/"));
}

void TestSchemaCheck::readOnlyIsUnchanged()
{
    QVERIFY(put("/config/checkout/ro.json", kValid));
    ConnectionOptions o = optionsFor(*m_cluster);
    o.readOnly = true;
    EtcdClient client(o);
    ValueEditor editor(&client);
    QVERIFY(openAndWait(editor, "/config/checkout/ro.json"));
    editor.save();
    QVERIFY(editor.statusText().contains(QLatin1String("read-only")));
    QCOMPARE(editor.schemaCatalog()->state(), SchemaCatalog::State::Idle); // nothing read for a save that cannot be
    QVERIFY(editor.schemaPanel()->isHidden());
}

QTEST_MAIN(TestSchemaCheck)
#include "tst_schemacheck.moc"
