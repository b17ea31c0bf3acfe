// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>

namespace google::protobuf {
class Message;
}

namespace etcd::k8s {

// How kube-apiserver stored a value under /registry/.
enum class Storage {
    Other,     // not recognisably Kubernetes'
    Protobuf,  // "k8s\0" + runtime.Unknown (built-in kinds)
    Encrypted, // "k8s:enc:<provider>:v1:<key name>:" + ciphertext (encryption at rest)
};
Storage storageOf(const QByteArray &value);

// What the prefix of an encrypted value says (the ciphertext itself stays unreadable).
struct Encryption
{
    QString provider; // aescbc, aesgcm, secretbox, kms, ...
    QString version;  // "v1", "v2"
    QString keyName;  // the key's name in the EncryptionConfiguration (for kms v2: the provider's)
    qint64 payloadBytes = 0;
    QString describe() const; // "encrypted at rest (aescbc, key key1), 245 bytes"
};
bool parseEncryption(const QByteArray &value, Encryption *out);

struct DecodeOptions
{
    bool revealSecrets = false; // Secret data in clear; masked otherwise ("<hidden: 12 bytes>")
    int maxDepth = 48;          // nested messages shown as such up to here; deeper as bytes
};

// A protobuf value read as `kubectl get -o yaml` would show it: apiVersion and kind from the
// envelope, then the object through the kind's definition here (k8s/kubetypes.h): JSON field
// names, keys sorted, times in RFC 3339, IntOrString and Quantity in their string forms, bytes in
// base64, embedded JSON as the value it is. A kind without a definition gets its metadata decoded
// and the rest as a field tree by number (nested messages, strings, numbers, base64 bytes), as do
// fields newer than a definition. Never throws; a value that is not what it claims to be gives
// ok = false and a "cannot decode: ..." error, the raw bytes being the caller's to show.
struct Decoded
{
    bool ok = false;
    QString error;
    QString apiVersion;
    QString kind;
    QString name;
    QString ns;
    QString yaml;
    bool secretMasked = false; // Secret data was hidden
    bool typed = false;        // decoded through the kind's definition, not only by field number
    QString note;              // why a known kind was read by field number (does not match)
};
Decoded decode(const QByteArray &value, const DecodeOptions &options = {});

// The envelope and the object's metadata only, for scanning many objects: the rest of the object
// is skipped, not parsed. ok is false for values that are not readable Kubernetes protobuf.
struct ObjectInfo
{
    bool ok = false;
    Storage storage = Storage::Other;
    QString apiVersion;
    QString kind;
    QString name;
    QString ns;
    QString uid;
    QDateTime created;
    QMap<QString, QString> labels;
};
ObjectInfo readObjectInfo(const QByteArray &value);

// The value kube-apiserver would store for `object`: "k8s\0" + runtime.Unknown{typeMeta, raw}.
QByteArray encodeObject(const QByteArray &apiVersion, const QByteArray &kind, const google::protobuf::Message &object);

} // namespace etcd::k8s
