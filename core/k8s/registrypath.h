// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>

namespace etcd::k8s {

// A resource kube-apiserver stores under /registry/: the path segment(s) it uses, its kind and
// whether its objects live in namespaces. Built-in resources are known by their storage path
// (nodes are "minions", services "services/specs"); a custom resource is
// /registry/<group>/<plural>/..., its kind unknown until its definition is read.
struct ResourceInfo
{
    QString resource; // storage path under /registry/ ("pods", "services/specs", "example.com/widgets")
    QString group;    // "" for the core group
    QString kind;     // "Pod"; empty for a custom resource
    bool namespaced = true;
    bool custom = false;
    bool isValid() const { return !resource.isEmpty(); }
    QString kindOrResource() const; // "Pod", else "widgets.example.com"
};

// Where a key sits in the /registry tree.
struct RegistryPath
{
    enum class Level {
        None,      // not under /registry/
        Registry,  // /registry itself
        Group,     // /registry/<group> of custom resources, or "services"
        Resource,  // /registry/pods
        Namespace, // /registry/pods/<ns> (a folder)
        Object,    // /registry/pods/<ns>/<name>, /registry/namespaces/<name>
    };
    Level level = Level::None;
    ResourceInfo resource;
    QString ns;
    QString name;

    // A key or folder path; folders may end with "/" or not. `folder` tells a custom resource's
    // namespace folder from a cluster-scoped object of the same depth.
    static RegistryPath parse(const QByteArray &key, bool folder = false);
    // What the key tree shows for it: "Pod", "namespace", "pods: Pod" ...; empty when nothing.
    QString label() const;
};

extern const QByteArray kRegistryPrefix; // "/registry/"

// The built-in resource stored under this path segment ("pods", "minions", "services/specs"), or an
// invalid one.
ResourceInfo builtInResource(const QString &storagePath);

} // namespace etcd::k8s
