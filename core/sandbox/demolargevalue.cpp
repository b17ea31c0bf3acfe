// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "sandbox/demolargevalue.h"

#include <QVector>

#include <algorithm>
#include <utility>

namespace etcd::demo {

namespace {

// A document small enough to build in memory and write as JSON or YAML from the same content.
struct Node
{
    enum Kind { Scalar, Object, Array };
    Kind kind = Scalar;
    QByteArray scalar; // as JSON writes it: "quoted", 12, true
    QVector<std::pair<QByteArray, Node>> members;
    QVector<Node> items;
};

QByteArray quoted(const QByteArray &s)
{
    QByteArray out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

Node str(const QByteArray &s)
{
    return Node{Node::Scalar, quoted(s), {}, {}};
}

Node num(qint64 n)
{
    return Node{Node::Scalar, QByteArray::number(n), {}, {}};
}

Node boolean(bool b)
{
    return Node{Node::Scalar, b ? "true" : "false", {}, {}};
}

Node object(std::initializer_list<std::pair<QByteArray, Node>> members)
{
    return Node{Node::Object, {}, QVector<std::pair<QByteArray, Node>>(members), {}};
}

Node array(std::initializer_list<Node> items)
{
    return Node{Node::Array, {}, {}, QVector<Node>(items)};
}

void writeJson(const Node &n, QByteArray &out)
{
    switch (n.kind) {
    case Node::Scalar: out += n.scalar; return;
    case Node::Object:
        out += '{';
        for (qsizetype i = 0; i < n.members.size(); ++i) {
            if (i > 0)
                out += ',';
            out += quoted(n.members[i].first);
            out += ':';
            writeJson(n.members[i].second, out);
        }
        out += '}';
        return;
    case Node::Array:
        out += '[';
        for (qsizetype i = 0; i < n.items.size(); ++i) {
            if (i > 0)
                out += ',';
            writeJson(n.items[i], out);
        }
        out += ']';
        return;
    }
}

// A string YAML reads as the same string without quotes: no indicator first, nothing that looks
// like a number, a boolean or null, no ": " or " #".
QByteArray yamlScalar(const QByteArray &json)
{
    if (!json.startsWith('"'))
        return json;
    const QByteArray s = json.mid(1, json.size() - 2);
    bool plain = !s.isEmpty() && QByteArray("-?:,[]{}#&*!|>'\"%@`0123456789 .").indexOf(s[0]) < 0 && !s.endsWith(' ') &&
                 !s.contains(": ") && !s.contains(" #") && !s.contains('\\') && !s.endsWith(':');
    static const char *const words[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"};
    for (const char *w : words)
        plain = plain && s.toLower() != w;
    return plain ? s : json;
}

void writeYaml(const Node &n, int indent, QByteArray &out)
{
    const QByteArray pad(indent, ' ');
    if (n.kind == Node::Object) {
        for (const auto &[key, value] : n.members) {
            out += pad + key + ':';
            if (value.kind == Node::Scalar || (value.members.isEmpty() && value.items.isEmpty())) {
                out += ' ' + (value.kind == Node::Scalar ? yamlScalar(value.scalar)
                                                         : QByteArray(value.kind == Node::Object ? "{}" : "[]"));
                out += '\n';
            } else {
                // As kubectl writes it: a sequence under a key starts in the key's column.
                out += '\n';
                writeYaml(value, value.kind == Node::Array ? indent : indent + 2, out);
            }
        }
        return;
    }
    for (const Node &item : n.items) {
        if (item.kind == Node::Scalar) {
            out += pad + "- " + yamlScalar(item.scalar) + '\n';
            continue;
        }
        // "- first: 1" then the other members under it.
        QByteArray nested;
        writeYaml(item, indent + 2, nested);
        out += pad + "- " + nested.mid(indent + 2);
    }
}

Node route(int i)
{
    static const char *const services[] = {"orders",   "payments", "catalog", "search",
                                           "accounts", "shipping", "reviews"};
    static const char *const regions[] = {"eu-west", "us-east", "ap-south"};
    static const char *const methods[] = {"GET", "POST", "PUT", "DELETE"};
    const QByteArray tenant = "tenant-" + QByteArray::number(i / 28 % 90 + 1).rightJustified(2, '0');
    const QByteArray service = services[i % 7];
    const QByteArray version = "v" + QByteArray::number(1 + i % 3);
    const QByteArray region = regions[i / 7 % 3];
    const QByteArray method = methods[i / 21 % 4];
    const QByteArray name = tenant + '-' + service + '-' + version + '-' + method.toLower();
    const QByteArray cluster = service + '-' + version + '.' + region;
    Node endpoints{Node::Array, {}, {}, {}};
    for (int e = 0; e < 2 + i % 3; ++e)
        endpoints.items << object(
            {{"address", str("10." + QByteArray::number(i % 200) + '.' + QByteArray::number(e * 17 % 250) + '.' +
                             QByteArray::number((i * 7 + e) % 250 + 2))},
             {"port", num(8080 + e)},
             {"weight", num(e == 0 ? 60 : 40 / (1 + i % 3))},
             {"zone", str(region + '-' + char('a' + e))}});
    return object(
        {{"name", str(name)},
         {"match", object({{"prefix", str("/api/" + version + "/tenants/" + tenant + '/' + service)},
                           {"methods", array({str(method), str("HEAD")})},
                           {"headers", array({object({{"name", str("x-tenant")}, {"exact", str(tenant)}})})}})},
         {"upstream", object({{"cluster", str(cluster)},
                              {"loadBalancing", str(i % 5 ? "least_request" : "ring_hash")},
                              {"endpoints", endpoints}})},
         {"timeouts",
          object({{"connectMs", num(250)}, {"requestMs", num(5000 + i % 4 * 5000)}, {"idleMs", num(60000)}})},
         {"retries", object({{"attempts", num(i % 4)},
                             {"on", array({str("5xx"), str("reset"), str("connect-failure")})},
                             {"backoffMs", object({{"base", num(25)}, {"max", num(250)}})}})},
         {"rateLimit", object({{"requestsPerSecond", num(100 * (1 + i % 20))}, {"burst", num(25 * (1 + i % 8))}})},
         {"canary", boolean(i % 13 == 0)},
         {"description", str("Sends " + method + " requests for " + service + " of " + tenant + " to " + cluster +
                             "; owned by team-" + service + ". Timeout raised in CHG-" + QByteArray::number(4000 + i) +
                             " after the incident of 2026-10-" + QByteArray::number(10 + i % 18) + '.')}});
}

Node routeTableDocument(qsizetype routes)
{
    Node list{Node::Array, {}, {}, {}};
    for (qsizetype i = 0; i < routes; ++i)
        list.items << route(int(i));
    return object(
        {{"apiVersion", str("gateway.example.com/v1")},
         {"kind", str("RouteTable")},
         {"metadata", object({{"name", str("edge")},
                              {"namespace", str("gateway-system")},
                              {"resourceVersion", str("48213377")},
                              {"generation", num(412)},
                              {"labels", object({{"app.kubernetes.io/name", str("edge-gateway")},
                                                 {"app.kubernetes.io/managed-by", str("route-controller")}})}})},
         {"spec", object({{"defaults", object({{"timeoutMs", num(15000)}, {"retries", num(2)}})}, {"routes", list}})}});
}

// The route table with as many routes as make it about `bytes` long in the writer's form: the
// length of a route is measured on the first 64, in place.
template<typename Write> QByteArray routeTable(qsizetype bytes, Write write)
{
    constexpr qsizetype kSample = 64;
    QByteArray empty, sample;
    write(routeTableDocument(0), empty);
    write(routeTableDocument(kSample), sample);
    const qsizetype perRoute = std::max<qsizetype>(1, (sample.size() - empty.size()) / kSample);
    QByteArray out;
    out.reserve(bytes + 4096);
    write(routeTableDocument(std::max<qsizetype>(1, (bytes - empty.size()) / perRoute)), out);
    return out;
}

} // namespace

QByteArray routeTableJson(qsizetype bytes)
{
    return routeTable(bytes, [](const Node &n, QByteArray &out) { writeJson(n, out); });
}

QByteArray routeTableYaml(qsizetype bytes)
{
    return routeTable(bytes, [](const Node &n, QByteArray &out) { writeYaml(n, 0, out); });
}

QByteArray accessLog(qsizetype bytes)
{
    static const char *const paths[] = {"orders", "payments", "catalog", "search", "accounts"};
    static const int statuses[] = {200, 200, 200, 201, 204, 304, 404, 500, 503};
    QByteArray out;
    out.reserve(bytes + 256);
    for (int i = 0; out.size() < bytes; ++i) {
        const int ms = i * 37 % 1000;
        const int second = i / 9;
        out += "2026-11-21T" + QByteArray::number(10 + second / 3600 % 14).rightJustified(2, '0') + ':' +
               QByteArray::number(second / 60 % 60).rightJustified(2, '0') + ':' +
               QByteArray::number(second % 60).rightJustified(2, '0') + '.' +
               QByteArray::number(ms).rightJustified(3, '0') + "Z INFO  edge route=tenant-" +
               QByteArray::number(i % 90 + 1).rightJustified(2, '0') + '-' + paths[i % 5] +
               " status=" + QByteArray::number(statuses[i % 9]) + " upstream=10." + QByteArray::number(i % 200) +
               ".3." + QByteArray::number(i % 250 + 2) + ":8080 duration_ms=" + QByteArray::number(i * 13 % 900 + 1) +
               " bytes=" + QByteArray::number(i * 131 % 65000) +
               " trace=" + QByteArray::number(quint64(i) * 0x9e3779b97f4a7c15ULL, 16).rightJustified(16, '0') + '\n';
    }
    return out;
}

} // namespace etcd::demo
