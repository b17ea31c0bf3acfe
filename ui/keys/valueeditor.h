// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "keys/conflictdialog.h"
#include "format/valueformat.h"
#include "state/operations/valuesave.h"

#include <QFuture>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QMenu;
class QFrame;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTimer;
class QToolButton;
class QVBoxLayout;

namespace etcd {
class SchemaCatalog;
struct SchemaVerdict;
} // namespace etcd

namespace etcd::ui {

class SchemaPanel;
class ValueTextEdit;

// A large value as the editor read it (on a worker): its format and its text. Kept for the value
// loaded, so that Revert and the dirty check need not read it again.
struct ValueReading
{
    QByteArray value;
    ValueFormat format = ValueFormat::Text;
    QString text;
};

// Shows and edits one key's value. Saving is a transaction comparing the key's mod_revision with
// the revision that was loaded (create_revision == 0 for a key that did not exist): if someone
// else changed it meanwhile, nothing is written and the conflict is resolved by a person (the
// ConflictDialog) or, in tests, by a resolver function. There is no blind put anywhere here.
// Edits are never thrown away by a failure: a lost connection or a refused save leaves the text
// as it is, with the reason shown.
class ValueEditor : public QWidget
{
    Q_OBJECT
public:
    using Loaded = LoadedValue;
    // Decides a conflict: base (what was loaded), mine (the editor's bytes), theirs (etcd now).
    using ConflictResolver = std::function<ConflictDialog::Choice(const Loaded &base, const QByteArray &mine,
                                                                  const Loaded &theirs, QString *merged)>;

    explicit ValueEditor(EtcdClient *client, QWidget *parent = nullptr);

    void open(const QByteArray &key);          // loads the value (does not ask about unsaved edits)
    void newKey(const QByteArray &key);        // an empty editor for a key that does not exist yet
    void clear();
    // Ask the user what to do with unsaved edits: true when it is fine to move on.
    bool confirmDiscard();
    void save();
    void revert();
    void prettyPrint();
    void setFormat(ValueFormat format);
    void setConflictResolver(ConflictResolver resolver) { m_resolver = std::move(resolver); }
    // The key changed in etcd (from the live tree): reload when clean, warn when edited.
    void keyChangedInEtcd(qint64 modRevision, bool deleted);

    QByteArray key() const { return m_loaded.key; }
    const Loaded &loaded() const { return m_loaded; }
    bool isLoading() const { return m_loading; }
    bool isSaving() const { return m_saving; }
    // The last load failed: Save is off and Retry is offered until a load succeeds.
    bool loadFailed() const { return m_loadFailed; }
    // Ctrl+S, enabled exactly when Save is.
    QAction *saveAction() const { return m_saveAction; }
    bool isDirty() const;
    ValueFormat format() const { return m_format; }
    QString text() const;
    void setText(const QString &text);
    // Put exactly these bytes in the editor, as an edit that can be undone (switching to a format that
    // can hold them, e.g. hex for binary); nothing is saved until save().
    void setValue(const QByteArray &value);
    // Put `value` back (History's restore) as a compare-and-swap against `base`, the version the
    // person compared it with: a change made since comes up as a conflict.
    void restore(const Loaded &base, const QByteArray &value);
    QString statusText() const;
    QString lastEtcdctlCommand() const { return m_lastCommand; }

    // JSON Schemas (valueeditorschema.cpp): before a save the value is checked against the schema
    // stored in etcd for its key (state/schemas/schemacatalog.h); an invalid value is not saved
    // but its problems are listed, and only "Save anyway" (for the very text checked) saves it.
    SchemaCatalog *schemaCatalog() const { return m_schemas; }
    SchemaPanel *schemaPanel() const { return m_schemaPanel; }
    // Where the schemas are read (empty: values are not checked); kept in the settings.
    void setSchemaPrefix(const QByteArray &prefix);
    static QByteArray savedSchemaPrefix();
    void checkSchema();       // check the text now, without saving
    void saveDespiteSchema(); // "Save anyway": only the text that was checked and refused

    // Large values (valueeditorload.cpp). From kLargeValue bytes on, a value is read (format, text,
    // document) on a worker thread, checked after an edit in the background, and pretty-printed
    // on a worker with progress, cancellable. A line longer than kLongLine characters is shown split
    // into display lines, read-only, until the person pretty-prints it or asks to edit it as it is.
    static constexpr qsizetype kLargeValue = 256 * 1024;
    static constexpr qsizetype kLongLine = 64 * 1024;
    bool isPrettyPrinting() const { return m_prettyRunning; }
    void cancelPrettyPrint();
    bool isShownSplit() const;
    void editAsOneLine();

Q_SIGNALS:
    void valueLoaded(const QByteArray &key);
    void saved(const QByteArray &key, qint64 revision);
    void saveFailed(const etcd::EtcdError &error);
    void conflictResolved(etcd::ui::ConflictDialog::Choice choice);
    void dirtyChanged(bool dirty);
    // prettyPrint() is done: the text changed, or not (refused, stopped, or pretty already).
    void prettyPrintFinished(bool changed);

private:
    struct Presentation;
    struct PrettyRun;
    // The Kubernetes entry of the format box (not a ValueFormat).
    static constexpr int kKubernetesFormat = 100;

    void onLoaded(const EtcdResult<RangeResult> &r, int generation);
    void show(const Loaded &loaded);
    // Shows a value as read on a worker (presentation) or, small, read here (nullptr).
    void present(const Loaded &loaded, const Presentation *presentation);
    // show() for a large value: read on a worker, then `then`.
    void showInBackground(const Loaded &loaded, const std::function<void()> &then);
    void setUpLargeValues(QHBoxLayout *tools, QVBoxLayout *layout);
    void stopPrettyPrint(); // quietly: another value is shown
    void checkFormat();     // the text's JSON or YAML: now, or for a large text in the background
    void showCheck(const FormatCheck &check);
    ValueTextEdit *valueEdit() const;
    void saveAgainst(const Loaded &base, const QByteArray &mine);
    void resolveConflict(const Loaded &base, const QByteArray &mine, const Loaded &theirs);
    void updateState();
    void updateMeta();
    void refreshLeaseTtl();
    void setStatus(const QString &text, bool error);
    void setEditorText(const QString &text);
    void useFormat(ValueFormat format); // the editor's format: highlighting and wrapping
    void applyWrap(bool hexDump);       // the Wrap button's choice, except for a hex dump
    // A value kube-apiserver wrote (protobuf or encrypted at rest): shown decoded, read-only.
    void showKubernetes();
    void setUpSchemaCheck(QHBoxLayout *tools, QVBoxLayout *layout);
    void checkThenSave(const QByteArray &mine, bool save);
    void resetSchemaCheck(); // another key or value: the last check's problems no longer apply
    void fillSchemaMenu(QMenu *menu);
    void goToJsonPath(const QString &path);

    QPointer<EtcdClient> m_client;
    Loaded m_loaded;
    ValueFormat m_format = ValueFormat::Text;
    ConflictResolver m_resolver;
    int m_generation = 0;
    bool m_loading = false;
    bool m_saving = false;
    bool m_loadFailed = false; // the last load failed: no base to compare a save with
    bool m_creating = false;   // opened with newKey(): a key the person is creating
    bool m_wasDirty = false;
    bool m_changedUnderneath = false;
    bool m_showingValidation = false; // the status line shows a validation problem (cleared when fixed)
    qint64 m_leaseTtl = -1;
    QString m_lastCommand;
    bool m_kube = false;            // the loaded value is Kubernetes' (protobuf or encrypted)
    bool m_kubeDecoded = true;      // ...shown decoded (else as hex)
    bool m_revealSecrets = false;   // a Secret's data in clear

    QLabel *m_keyLabel = nullptr;
    QLabel *m_meta = nullptr;
    QComboBox *m_formatBox = nullptr;
    QPushButton *m_prettyButton = nullptr;
    QPushButton *m_revertButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QAction *m_saveAction = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_revealButton = nullptr;
    QPlainTextEdit *m_edit = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_banner = nullptr;
    QPushButton *m_wrapButton = nullptr;
    bool m_hexDump = false; // the editor shows a hex dump, which is never wrapped
    QTimer *m_leaseTimer = nullptr;
    SchemaCatalog *m_schemas = nullptr;
    SchemaPanel *m_schemaPanel = nullptr;
    QToolButton *m_schemaButton = nullptr;
    QByteArray m_schemaRefused;   // the bytes the last check refused: what "Save anyway" may save
    QString m_saveNote;           // said after "Saved at revision N." (what the schema check found)
    bool m_saveNoteWarns = false; // ...and it is something not checked: shown as a problem

    // Large values (valueeditorload.cpp).
    std::shared_ptr<const ValueReading> m_reading; // the loaded value's format and text, when large
    QFuture<std::shared_ptr<const PrettyRun>> m_prettyRun;
    bool m_prettyRunning = false;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_stopButton = nullptr;
    QFrame *m_longNote = nullptr; // why a line is shown split
    QLabel *m_longNoteText = nullptr;
    QTimer *m_checkTimer = nullptr;
};

} // namespace etcd::ui
