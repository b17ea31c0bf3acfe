// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>
#include <QStringList>

namespace google::protobuf {
class Descriptor;
}

namespace etcd::k8s {

// The message this project defines for a kind as kube-apiserver stores it ("apps/v1",
// "Deployment"), or nullptr when there is none (the object is then read by field number).
const google::protobuf::Descriptor *messageTypeFor(const QString &apiVersion, const QString &kind);

// "apps/v1 Deployment" for every kind with a definition here, sorted.
QStringList knownKinds();

} // namespace etcd::k8s
