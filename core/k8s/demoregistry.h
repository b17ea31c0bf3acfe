// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QPair>
#include <QVector>

namespace etcd::k8s {

// A small, realistic /registry tree as kube-apiserver would have written it (a control plane, two
// workers, the shop and monitoring namespaces with deployments, pods, services, config maps,
// secrets, leases, events, one custom resource in JSON and one Secret encrypted at rest), encoded
// with the project's own definitions. Times are relative to `now`, so ages look real.
QVector<QPair<QByteArray, QByteArray>> demoRegistry(const QDateTime &now);

// A renewed kube-scheduler / kube-controller-manager leader lease, for the sandbox to keep live.
QPair<QByteArray, QByteArray> demoLeaderLease(const QString &name, const QString &holder, const QDateTime &acquired,
                                              const QDateTime &renewed, int transitions);

} // namespace etcd::k8s
