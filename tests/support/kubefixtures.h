// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QRandomGenerator>

// Kubernetes values as kube-apiserver stores them, assembled byte by byte from the documented
// protobuf field numbers (not with the project's .proto files, which they check).
namespace etcd::test::kube {

inline QByteArray varint(quint64 v)
{
    QByteArray out;
    do {
        char byte = static_cast<char>(v & 0x7f);
        v >>= 7;
        if (v)
            byte = static_cast<char>(byte | 0x80);
        out += byte;
    } while (v);
    return out;
}

// A length-delimited field (strings, bytes, messages, map entries).
inline QByteArray bytesField(int number, const QByteArray &payload)
{
    return varint(quint64(number) << 3 | 2) + varint(quint64(payload.size())) + payload;
}

inline QByteArray varintField(int number, quint64 value)
{
    return varint(quint64(number) << 3) + varint(value);
}

// One entry of a protobuf map<string, ...>.
inline QByteArray entry(const QByteArray &key, const QByteArray &value)
{
    return bytesField(1, key) + bytesField(2, value);
}

// "k8s\0" + runtime.Unknown{typeMeta{apiVersion, kind}, raw = object}.
inline QByteArray envelope(const QByteArray &apiVersion, const QByteArray &kind, const QByteArray &object)
{
    const QByteArray typeMeta = bytesField(1, apiVersion) + bytesField(2, kind);
    return QByteArray("k8s\0", 4) + bytesField(1, typeMeta) + bytesField(2, object);
}

// ObjectMeta{name, namespace, uid, creationTimestamp} as field 1 of an object.
inline QByteArray metadata(const QByteArray &name, const QByteArray &ns, qint64 created = 1700000000)
{
    QByteArray m = bytesField(1, name);
    if (!ns.isEmpty())
        m += bytesField(3, ns);
    m += bytesField(5, name + "-uid") + bytesField(8, varintField(1, quint64(created)));
    return bytesField(1, m);
}

// One to four random edits (a byte changed, inserted or removed, or the value cut short), for
// fuzzing the decoder with damaged versions of real values.
inline QByteArray mutate(QByteArray v, QRandomGenerator &random)
{
    const int edits = 1 + int(random.bounded(4));
    for (int e = 0; e < edits && !v.isEmpty(); ++e) {
        const int at = int(random.bounded(v.size()));
        switch (random.bounded(4)) {
        case 0: v[at] = char(random.bounded(256)); break;
        case 1: v.truncate(at); break;
        case 2: v.insert(at, char(random.bounded(256))); break;
        default: v.remove(at, 1); break;
        }
    }
    return v;
}

} // namespace etcd::test::kube
