// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/demoseeder.h"

#include "client/continuation.h"
#include "k8s/demoregistry.h"
#include "sandbox/demolargevalue.h"
#include "state/services/serviceregistration.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>

namespace etcd {

namespace {

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

// Configuration documents: what an operator edits in a console, in the formats teams use.
void addConfig(QVector<QPair<QByteArray, QByteArray>> &out)
{
    // The checkout settings have history: three revisions, as if two people tuned them.
    for (int timeoutMs : {800, 1200, 1500}) {
        out.append({"/config/checkout/settings.json",
                    json({{QStringLiteral("service"), QStringLiteral("checkout")},
                          {QStringLiteral("paymentTimeoutMs"), timeoutMs},
                          {QStringLiteral("retries"), 3},
                          {QStringLiteral("currency"), QStringLiteral("EUR")},
                          {QStringLiteral("upstreams"), QJsonObject{{QStringLiteral("payments"),
                                                                     QStringLiteral("http://payments:8443")},
                                                                    {QStringLiteral("inventory"),
                                                                     QStringLiteral("http://inventory:8081")}}}})});
    }
    out.append({QByteArray("/config/checkout/features.yaml"),
                "# Feature switches for checkout, read at start-up and on change (watch).\n"
                "express_checkout: true\n"
                "saved_cards:\n"
                "  enabled: true\n"
                "  max_per_user: 5\n"
                "regions:\n"
                "  - eu-west\n"
                "  - us-east\n"});
    const char *services[] = {"payments", "search", "inventory", "notifications", "auth"};
    int port = 8440;
    for (const char *s : services) {
        const QString name = QLatin1String(s);
        out.append({"/config/" + QByteArray(s) + "/settings.json",
                    json({{QStringLiteral("service"), name},
                          {QStringLiteral("listen"), QStringLiteral(":%1").arg(port++)},
                          {QStringLiteral("logLevel"), QStringLiteral("info")},
                          {QStringLiteral("maxConnections"), 512},
                          {QStringLiteral("tracing"), QJsonObject{{QStringLiteral("enabled"), true},
                                                                  {QStringLiteral("sampleRate"), 0.05}}}})});
        out.append({"/config/" + QByteArray(s) + "/limits.yaml",
                    QByteArray("# Rate limits for ") + s + "\n"
                    "requests_per_second: 2000\n"
                    "burst: 400\n"
                    "per_client:\n"
                    "  requests_per_second: 50\n"
                    "  burst: 20\n"});
    }
    out.append({"/config/global/regions.json",
                json({{QStringLiteral("primary"), QStringLiteral("eu-west")},
                      {QStringLiteral("failover"), QStringLiteral("us-east")},
                      {QStringLiteral("readOnly"), QJsonObject{{QStringLiteral("ap-south"), true}}}})});
    out.append({QByteArray("/config/global/maintenance-window"), QByteArray("Sun 02:00-04:00 UTC")});
    // The edge gateway's route table as its controller writes it: 1 MiB of JSON on one line, the
    // kind of value that reaches etcd's request limit (1.5 MiB by default).
    out.append({QByteArray("/config/gateway/routes.json"), demo::routeTableJson(1024 * 1024)});
}

// JSON Schemas for that configuration (state/schemas/schemacatalog.h): the value editor checks a
// save against them. Both name /config/checkout/settings.json; the checkout one, more specific, wins.
void addSchemas(QVector<QPair<QByteArray, QByteArray>> &out)
{
    out.append({QByteArray("/schemas/checkout.json"), QByteArray(R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Checkout settings",
  "x-etcd-console-keys": ["/config/checkout/*.json"],
  "type": "object",
  "required": ["service", "paymentTimeoutMs", "currency"],
  "properties": {
    "service": {"const": "checkout"},
    "paymentTimeoutMs": {"type": "integer", "minimum": 100, "maximum": 30000},
    "retries": {"type": "integer", "minimum": 0, "maximum": 10},
    "currency": {"enum": ["EUR", "USD", "GBP"]},
    "upstreams": {
      "type": "object",
      "additionalProperties": {"type": "string", "pattern": "^https?://[a-z0-9.-]+(:[0-9]+)?$"}
    }
  },
  "additionalProperties": false
}
)")});
    out.append({QByteArray("/schemas/service-settings.json"), QByteArray(R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Settings of any service",
  "x-etcd-console-keys": ["/config/*/settings.json"],
  "type": "object",
  "required": ["service", "listen"],
  "properties": {
    "service": {"type": "string", "minLength": 1},
    "listen": {"type": "string", "pattern": "^[a-z0-9.-]*:[0-9]{1,5}$"},
    "logLevel": {"enum": ["debug", "info", "warn", "error"]},
    "maxConnections": {"type": "integer", "minimum": 1, "maximum": 65535},
    "tracing": {
      "type": "object",
      "properties": {"enabled": {"type": "boolean"}, "sampleRate": {"type": "number", "minimum": 0, "maximum": 1}}
    }
  }
}
)")});
}

// Values that are not text: a session ticket key and a small PNG, shown as hex by the editor.
void addBinary(QVector<QPair<QByteArray, QByteArray>> &out)
{
    QRandomGenerator random(42); // the same bytes in every sandbox
    QByteArray ticket(48, Qt::Uninitialized);
    for (char &c : ticket)
        c = static_cast<char>(random.bounded(256));
    out.append({"/secrets/tls/session-ticket.key", ticket});
    out.append({"/assets/logo.png", QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")});
}

// The bulk: a hierarchy deep and wide enough to need a lazy tree.
void addHierarchy(QVector<QPair<QByteArray, QByteArray>> &out)
{
    const char *plans[] = {"free", "team", "business", "enterprise"};
    for (int t = 1; t <= 40; ++t) {
        const QByteArray tenant = "/tenants/tenant-" + QByteArray::number(t).rightJustified(2, '0');
        out.append({tenant + "/quota",
                    json({{QStringLiteral("plan"), QLatin1String(plans[t % 4])},
                          {QStringLiteral("storageGb"), 10 * (1 + t % 4) * (1 + t % 4)},
                          {QStringLiteral("seats"), 50}})});
        for (int u = 1; u <= 50; ++u) {
            const QByteArray user = "user-" + QByteArray::number(t * 1000 + u);
            out.append({tenant + "/users/" + user,
                        QJsonDocument(QJsonObject{{QStringLiteral("email"),
                                                   QStringLiteral("%1@tenant-%2.example").arg(QLatin1String(user)).arg(t)},
                                                  {QStringLiteral("role"), u == 1 ? QStringLiteral("owner")
                                                                                  : QStringLiteral("member")},
                                                  {QStringLiteral("active"), u % 7 != 0}})
                            .toJson(QJsonDocument::Compact)});
        }
    }
    const char *regions[] = {"eu-west", "us-east", "ap-south"};
    for (const char *region : regions) {
        for (char zone = 'a'; zone <= 'c'; ++zone) {
            for (int h = 1; h <= 60; ++h) {
                const QByteArray host = QByteArray(region) + '-' + zone + '-' + QByteArray::number(h).rightJustified(3, '0');
                out.append({"/inventory/" + QByteArray(region) + "/zone-" + zone + "/" + host,
                            QJsonDocument(QJsonObject{{QStringLiteral("cpu"), 16 << (h % 3)},
                                                      {QStringLiteral("memoryGb"), 64 << (h % 3)},
                                                      {QStringLiteral("state"), h % 11 == 0 ? QStringLiteral("draining")
                                                                                            : QStringLiteral("ready")}})
                                .toJson(QJsonDocument::Compact)});
            }
        }
    }
    for (int j = 1; j <= 300; ++j)
        out.append({"/jobs/queue/" + QByteArray::number(100000 + j),
                    QJsonDocument(QJsonObject{{QStringLiteral("kind"), j % 3 ? QStringLiteral("thumbnail")
                                                                              : QStringLiteral("reindex")},
                                              {QStringLiteral("attempts"), j % 4}})
                        .toJson(QJsonDocument::Compact)});
    for (int f = 1; f <= 60; ++f)
        out.append({"/feature-flags/flag-" + QByteArray::number(f).rightJustified(2, '0'), f % 3 ? "true" : "false"});
}

} // namespace

DemoSeeder::DemoSeeder(EtcdClient *client, QObject *parent) : QObject(parent), m_client(client) {}

DemoSeeder::~DemoSeeder() = default;

QVector<QPair<QByteArray, QByteArray>> DemoSeeder::plainKeys()
{
    QVector<QPair<QByteArray, QByteArray>> out;
    out.append({QByteArray(kReadmeKey),
                "This is a local etcd sandbox started by etcd console: three etcd members on loopback ports,\n"
                "with demo data. Everything here is removed when the console exits.\n\n"
                "Try: edit /config/checkout/settings.json (Ctrl+S saves with compare-and-swap, after checking\n"
                "the value against its JSON Schema, /schemas/checkout.json), look at its history (Ctrl+H),\n"
                "watch the services under /services/ expire in the Services view, or start the Failover demo.\n\n"
                "To connect to a real cluster: File > Connect..., or run\n"
                "  etcd-console --endpoints https://etcd-1:2379 --cacert ca.pem --user root\n"});
    addConfig(out);
    addSchemas(out);
    addBinary(out);
    addHierarchy(out);
    out += k8s::demoRegistry(QDateTime::currentDateTimeUtc()); // what kube-apiserver would have written
    return out;
}

QVector<DemoSeeder::Service> DemoSeeder::services()
{
    return {{QStringLiteral("api-gateway"), QStringLiteral("gw-1"), 8080},
            {QStringLiteral("api-gateway"), QStringLiteral("gw-2"), 8080},
            {QStringLiteral("payments"), QStringLiteral("payments-7d9f"), 8443},
            {QStringLiteral("payments"), QStringLiteral("payments-b21c"), 8443},
            {QStringLiteral("search"), QStringLiteral("search-0"), 9200}};
}

void DemoSeeder::start()
{
    m_keys = plainKeys();
    m_written = 0;
    writeNextBatch();
}

void DemoSeeder::writeNextBatch()
{
    if (m_written >= m_keys.size()) {
        registerServices();
        return;
    }
    // One transaction per batch; a key may appear only once in a transaction, so a key written again
    // (a revision of history) starts the next batch.
    TxnSpec txn;
    QSet<QByteArray> inBatch;
    int end = m_written;
    while (end < m_keys.size() && txn.success.size() < kBatch && !inBatch.contains(m_keys[end].first)) {
        inBatch.insert(m_keys[end].first);
        txn.success << TxnOp::putKey(m_keys[end].first, m_keys[end].second);
        ++end;
    }
    whenFinished(m_client->kv().txn(txn), this, [this, end](const EtcdResult<TxnResult> &r) {
        if (!r.ok())
            return finish(r.error());
        m_written = end;
        Q_EMIT progress(m_written, m_keys.size());
        writeNextBatch();
    });
}

void DemoSeeder::registerServices()
{
    const auto list = services();
    m_pendingRegistrations = list.size();
    for (const Service &s : list) {
        ServiceRegistration::Instance instance;
        instance.service = s.name;
        instance.id = s.id;
        instance.port = s.port;
        instance.ttl = kServiceTtl;
        auto *registration = new ServiceRegistration(m_client, instance, this);
        m_registrations << registration;
        connect(registration, &ServiceRegistration::registered, this, [this] {
            if (--m_pendingRegistrations == 0)
                finish(EtcdError());
        });
        connect(registration, &ServiceRegistration::failed, this, [this](const EtcdError &e) {
            if (!m_finished)
                finish(e);
        });
        registration->start();
    }
}

void DemoSeeder::finish(const EtcdError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(error);
}

} // namespace etcd
