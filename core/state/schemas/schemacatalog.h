// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcdclient.h"
#include "format/jsonschema.h"
#include "state/schemas/keyglob.h"

#include <QFuture>
#include <QObject>
#include <QPointer>

#include <functional>
#include <map>

namespace etcd {

// One schema stored in etcd, as read.
struct SchemaEntry
{
    QByteArray key; // where it is stored: /schemas/checkout.json
    qint64 modRevision = 0;
    QVector<KeyGlob> globs; // the keys it is for (its "x-etcd-console-keys")
    JsonSchema schema;
    QString problem; // why it cannot be used (not JSON, a bad pattern, no keys named); "" when fine

    bool usable() const { return problem.isEmpty(); }
};

// What checking a value before saving it came to.
struct SchemaVerdict
{
    enum class Kind {
        Off,         // no schema prefix is set: nothing is checked
        NoSchema,    // no schema names this key
        Valid,       // the value matches its schema
        Invalid,     // it does not: validation.errors say where and why
        Unusable,    // the schema for this key cannot be used (problem says why): not checked
        Unavailable, // the schemas could not be read from etcd (problem says why): not checked
    };
    Kind kind = Kind::NoSchema;
    QByteArray prefix;                // where the schemas were read
    QByteArray schemaKey;             // Valid, Invalid, Unusable: the schema that applies
    QString glob;                     // ...and the pattern of its that matched the key
    qint64 schemaRevision = 0;        // ...its mod revision
    QVector<QByteArray> alsoMatching; // less specific schemas that name the key too
    SchemaValidation validation;      // Invalid: the errors (Valid: none)
    QStringList unchecked;            // Valid, Invalid: keywords of the schema that were not checked
    QString problem;                  // Unusable, Unavailable: why nothing was checked
    // NoSchema: schemas under the prefix that cannot be read at all, so it is unknown which keys
    // they are for (this one, perhaps).
    QVector<QByteArray> broken;
};

// The JSON Schemas stored in etcd under a prefix (default /schemas/), for checking values before
// they are saved. Convention: each value under the prefix is a JSON Schema document naming the
// keys it is for with the custom keyword "x-etcd-console-keys", a glob or a list of globs (see
// KeyGlob), e.g. {"x-etcd-console-keys": ["/config/checkout/settings.json", "/config/pay*.json"],
// "type": "object", ...}. Other validators ignore that keyword. When several schemas match a key,
// the most specific glob wins (KeyGlob::moreSpecificThan; then the one stored under the smaller
// key). (No star right after a slash in this header: automoc would read a comment there and miss
// Q_OBJECT.)
//
// Nothing is read until the first check() or load(): a console that never saves never asks.
// Then it lists the prefix once and follows it with a watch (which costs etcd nothing while the
// schemas do not change; no polling), relisting quietly after a compaction. A listing that fails
// (permission denied, cluster down) makes checks Unavailable and is tried again at the next check.
class SchemaCatalog : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *kKeysKeyword = "x-etcd-console-keys";
    static constexpr qsizetype kMaxSchemaBytes = 1 << 20;
    static QByteArray defaultPrefix() { return QByteArrayLiteral("/schemas/"); }

    enum class State { Idle, Loading, Loaded, Failed };

    explicit SchemaCatalog(EtcdClient *client, const QByteArray &prefix = defaultPrefix(), QObject *parent = nullptr);

    QByteArray prefix() const { return m_prefix; }
    // Empty: checking is off. A new prefix forgets the old schemas; they are read at the next check.
    void setPrefix(const QByteArray &prefix);
    State state() const { return m_state; }
    EtcdError loadError() const { return m_loadError; }
    void load(); // list (again) now

    const std::map<QByteArray, SchemaEntry> &entries() const { return m_entries; }
    // The entry that applies to `key` (nullptr: none), the glob that matched, and the others.
    const SchemaEntry *match(const QByteArray &key, QString *glob = nullptr,
                             QVector<QByteArray> *others = nullptr) const;

    // Checks `value` for `key`: reads the schemas first if needed; validates on a worker thread.
    // The future completes on a worker or this object's thread; continue with whenFinished().
    QFuture<SchemaVerdict> check(const QByteArray &key, const QByteArray &value);

    // A stored schema as the catalogue reads it (public for tests).
    static SchemaEntry readEntry(const QByteArray &key, const QByteArray &value, qint64 modRevision);

Q_SIGNALS:
    void loaded();  // a listing arrived
    void changed(); // schemas were added, changed or removed (watch)
    void failed(const etcd::EtcdError &error);

private:
    void startWatch(qint64 fromRevision);
    void onEvents(const WatchEvents &events);
    void settle(); // runs the checks that waited for the listing
    SchemaVerdict verdictFor(const QByteArray &key) const;

    QPointer<EtcdClient> m_client;
    QByteArray m_prefix;
    State m_state = State::Idle;
    EtcdError m_loadError;
    std::map<QByteArray, SchemaEntry> m_entries;
    std::map<QByteArray, SchemaEntry> m_listing; // a listing in progress
    QPointer<Watcher> m_watcher;
    int m_generation = 0;
    QVector<std::function<void()>> m_waiting; // checks waiting for the listing
};

} // namespace etcd
