// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/schemas/schemacatalog.h"

#include "client/continuation.h"
#include "format/keytext.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPromise>
#include <QRegularExpression>
#include <QThreadPool>

namespace etcd {

namespace {

// The keys a schema is for, from a schema that is not JSON: a typo elsewhere in the document must
// not hide which keys it was meant for, or its problem could never be shown where it matters.
QJsonValue salvageKeys(const QByteArray &value)
{
    static const QRegularExpression re(
        QStringLiteral(R"re("x-etcd-console-keys"\s*:\s*(\[[^\]]*\]|"(?:[^"\\]|\\.)*"))re"));
    const QRegularExpressionMatch m = re.match(QString::fromUtf8(value));
    if (!m.hasMatch())
        return {};
    QString error;
    return parseJsonValue(m.captured(1).toUtf8(), &error);
}

} // namespace

SchemaCatalog::SchemaCatalog(EtcdClient *client, const QByteArray &prefix, QObject *parent)
    : QObject(parent), m_client(client), m_prefix(prefix)
{}

SchemaEntry SchemaCatalog::readEntry(const QByteArray &key, const QByteArray &value, qint64 modRevision)
{
    SchemaEntry e;
    e.key = key;
    e.modRevision = modRevision;
    QJsonValue keys;
    QString error;
    const QJsonValue document = value.size() > kMaxSchemaBytes ? QJsonValue() : parseJsonValue(value, &error);
    if (value.size() > kMaxSchemaBytes) {
        e.problem = QStringLiteral("larger than %1 KiB, too large for a schema").arg(kMaxSchemaBytes / 1024);
        keys = salvageKeys(value.left(4096));
    } else if (!error.isEmpty()) {
        e.problem = QStringLiteral("not JSON: %1").arg(error);
        keys = salvageKeys(value);
    } else {
        keys = document.toObject().value(QLatin1String(kKeysKeyword));
        e.schema = JsonSchema::fromJson(document);
        if (!e.schema.isValid())
            e.problem = e.schema.error();
    }
    const QJsonArray globs = keys.isArray() ? keys.toArray() : QJsonArray{keys};
    for (const QJsonValue &glob : globs)
        if (glob.isString() && !glob.toString().isEmpty())
            e.globs.append(KeyGlob(glob.toString()));
    if (e.globs.isEmpty() && e.problem.isEmpty())
        e.problem = QStringLiteral("names no keys: add \"%1\": [\"/config/app/*.json\"] (a glob or a list of globs)")
                        .arg(QLatin1String(kKeysKeyword));
    return e;
}

void SchemaCatalog::setPrefix(const QByteArray &prefix)
{
    if (prefix == m_prefix)
        return;
    m_prefix = prefix;
    ++m_generation;
    delete m_watcher;
    m_entries.clear();
    m_listing.clear();
    m_state = State::Idle;
    m_loadError = {};
    if (!m_waiting.isEmpty()) {
        if (m_prefix.isEmpty())
            settle();
        else
            load();
    }
    Q_EMIT changed();
}

void SchemaCatalog::load()
{
    if (m_prefix.isEmpty()) {
        settle(); // checking is off: the waiting checks answer Off
        return;
    }
    if (!m_client) { // the client is gone (its window is closing): nothing can be read, nothing may hang
        m_state = State::Failed;
        m_loadError = EtcdError::client(ErrorCode::Cancelled, QStringLiteral("no connection"));
        settle();
        return;
    }
    delete m_watcher;
    const int generation = ++m_generation;
    if (m_state != State::Loaded)
        m_state = State::Loading; // a relist keeps the schemas it has in use until the new ones are in
    m_listing.clear();
    PagedRangeOptions o;
    o.range = RangeOptions::prefix(m_prefix);
    auto walk = m_client->kv().pagedRange(o, this, [this, generation](const RangePage &page) {
        if (generation != m_generation)
            return;
        for (const KeyValue &kv : page.kvs)
            m_listing[kv.key] = readEntry(kv.key, kv.value, kv.modRevision);
    });
    whenFinished(walk, this, [this, generation](const EtcdResult<PagedRangeSummary> &r) {
        if (generation != m_generation)
            return;
        if (!r.ok()) {
            m_listing.clear();
            m_state = State::Failed;
            m_loadError = r.error();
            Q_EMIT failed(r.error());
            settle();
            return;
        }
        m_entries = std::move(m_listing);
        m_listing.clear();
        m_state = State::Loaded;
        m_loadError = {};
        startWatch(r->header.revision + 1);
        Q_EMIT loaded();
        settle();
    });
}

void SchemaCatalog::startWatch(qint64 fromRevision)
{
    m_watcher = m_client->watch(WatchOptions::prefix(m_prefix, fromRevision), this);
    connect(m_watcher, &Watcher::events, this, &SchemaCatalog::onEvents);
    connect(m_watcher, &Watcher::compacted, this, [this] { load(); });
    connect(m_watcher, &Watcher::failed, this, [this](const EtcdError &error) {
        // No longer followed, so no longer trusted: the next check lists again.
        m_state = State::Failed;
        m_loadError = error;
        Q_EMIT failed(error);
    });
}

void SchemaCatalog::onEvents(const WatchEvents &events)
{
    for (const WatchEvent &e : events) {
        if (e.type == WatchEvent::Delete)
            m_entries.erase(e.kv.key);
        else
            m_entries[e.kv.key] = readEntry(e.kv.key, e.kv.value, e.kv.modRevision);
    }
    if (!events.isEmpty())
        Q_EMIT changed();
}

void SchemaCatalog::settle()
{
    const QVector<std::function<void()>> waiting = std::move(m_waiting);
    m_waiting.clear();
    for (const auto &run : waiting)
        run();
}

const SchemaEntry *SchemaCatalog::match(const QByteArray &key, QString *glob, QVector<QByteArray> *others) const
{
    const QString text = QString::fromUtf8(key);
    const SchemaEntry *best = nullptr;
    const KeyGlob *bestGlob = nullptr;
    for (const auto &[schemaKey, entry] : m_entries) {
        const KeyGlob *mine = nullptr; // this schema's most specific glob for the key
        for (const KeyGlob &g : entry.globs)
            if (g.matches(text) && (!mine || g.moreSpecificThan(*mine)))
                mine = &g;
        if (!mine)
            continue;
        if (best && !mine->moreSpecificThan(*bestGlob)) { // a tie goes to the smaller schema key
            if (others)
                others->append(schemaKey);
            continue;
        }
        if (best && others)
            others->append(best->key);
        best = &entry;
        bestGlob = mine;
    }
    if (glob)
        *glob = bestGlob ? bestGlob->pattern() : QString();
    return best;
}

SchemaVerdict SchemaCatalog::verdictFor(const QByteArray &key) const
{
    SchemaVerdict v;
    v.prefix = m_prefix;
    if (m_prefix.isEmpty()) {
        v.kind = SchemaVerdict::Kind::Off;
        return v;
    }
    if (m_state == State::Failed) {
        v.kind = SchemaVerdict::Kind::Unavailable;
        v.problem = QStringLiteral("the schemas under %1 could not be read: %2")
                        .arg(displayKey(m_prefix), m_loadError.plainReason());
        return v;
    }
    const SchemaEntry *entry = match(key, &v.glob, &v.alsoMatching);
    if (!entry) {
        v.kind = SchemaVerdict::Kind::NoSchema;
        for (const auto &[schemaKey, e] : m_entries)
            if (e.globs.isEmpty())
                v.broken.append(schemaKey);
        return v;
    }
    v.schemaKey = entry->key;
    v.schemaRevision = entry->modRevision;
    v.kind = entry->usable() ? SchemaVerdict::Kind::Valid : SchemaVerdict::Kind::Unusable; // Valid: to be checked
    v.problem = entry->problem;
    return v;
}

QFuture<SchemaVerdict> SchemaCatalog::check(const QByteArray &key, const QByteArray &value)
{
    auto promise = std::make_shared<QPromise<SchemaVerdict>>();
    promise->start();
    QFuture<SchemaVerdict> future = promise->future();
    auto run = [this, promise, key, value] {
        SchemaVerdict verdict = verdictFor(key);
        if (verdict.kind != SchemaVerdict::Kind::Valid) {
            promise->addResult(verdict);
            promise->finish();
            return;
        }
        // A large value takes a while to check: never on this (the GUI's) thread.
        const JsonSchema schema = m_entries.at(verdict.schemaKey).schema;
        QThreadPool::globalInstance()->start([promise, schema, value, verdict]() mutable {
            verdict.validation = schema.validate(value);
            verdict.unchecked = schema.uncheckedKeywords();
            if (!verdict.validation.valid())
                verdict.kind = SchemaVerdict::Kind::Invalid;
            promise->addResult(verdict);
            promise->finish();
        });
    };
    if (m_prefix.isEmpty() || m_state == State::Loaded) {
        run();
    } else {
        m_waiting.append(run);
        if (m_state != State::Loading)
            load();
    }
    return future;
}

} // namespace etcd
