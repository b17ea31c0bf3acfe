// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "k8s/registrypath.h"

#include <QHash>
#include <QList>

namespace etcd::k8s {

const QByteArray kRegistryPrefix("/registry/");

namespace {

struct BuiltIn
{
    const char *path;
    const char *group;
    const char *kind;
    bool namespaced;
};

// Storage paths as kube-apiserver's registries choose them (k8s.io/kubernetes/pkg/registry/...).
constexpr BuiltIn kBuiltIns[] = {
    {"pods", "", "Pod", true},
    {"services/specs", "", "Service", true},
    {"services/endpoints", "", "Endpoints", true},
    {"configmaps", "", "ConfigMap", true},
    {"secrets", "", "Secret", true},
    {"namespaces", "", "Namespace", false},
    {"minions", "", "Node", false},
    {"serviceaccounts", "", "ServiceAccount", true},
    {"events", "", "Event", true},
    {"persistentvolumes", "", "PersistentVolume", false},
    {"persistentvolumeclaims", "", "PersistentVolumeClaim", true},
    {"controllers", "", "ReplicationController", true},
    {"podtemplates", "", "PodTemplate", true},
    {"limitranges", "", "LimitRange", true},
    {"resourcequotas", "", "ResourceQuota", true},
    {"ranges/serviceips", "", "RangeAllocation", false},
    {"ranges/servicenodeports", "", "RangeAllocation", false},
    {"masterleases", "", "Endpoints", false},
    {"deployments", "apps", "Deployment", true},
    {"replicasets", "apps", "ReplicaSet", true},
    {"statefulsets", "apps", "StatefulSet", true},
    {"daemonsets", "apps", "DaemonSet", true},
    {"controllerrevisions", "apps", "ControllerRevision", true},
    {"jobs", "batch", "Job", true},
    {"cronjobs", "batch", "CronJob", true},
    {"horizontalpodautoscalers", "autoscaling", "HorizontalPodAutoscaler", true},
    {"leases", "coordination.k8s.io", "Lease", true},
    {"endpointslices", "discovery.k8s.io", "EndpointSlice", true},
    {"ingress", "networking.k8s.io", "Ingress", true},
    {"ingressclasses", "networking.k8s.io", "IngressClass", false},
    {"ipaddresses", "networking.k8s.io", "IPAddress", false},
    {"servicecidrs", "networking.k8s.io", "ServiceCIDR", false},
    {"networkpolicies", "networking.k8s.io", "NetworkPolicy", true},
    {"poddisruptionbudgets", "policy", "PodDisruptionBudget", true},
    {"roles", "rbac.authorization.k8s.io", "Role", true},
    {"rolebindings", "rbac.authorization.k8s.io", "RoleBinding", true},
    {"clusterroles", "rbac.authorization.k8s.io", "ClusterRole", false},
    {"clusterrolebindings", "rbac.authorization.k8s.io", "ClusterRoleBinding", false},
    {"storageclasses", "storage.k8s.io", "StorageClass", false},
    {"csidrivers", "storage.k8s.io", "CSIDriver", false},
    {"csinodes", "storage.k8s.io", "CSINode", false},
    {"volumeattachments", "storage.k8s.io", "VolumeAttachment", false},
    {"csistoragecapacities", "storage.k8s.io", "CSIStorageCapacity", true},
    {"volumeattributesclasses", "storage.k8s.io", "VolumeAttributesClass", false},
    {"priorityclasses", "scheduling.k8s.io", "PriorityClass", false},
    {"runtimeclasses", "node.k8s.io", "RuntimeClass", false},
    {"validatingwebhookconfigurations", "admissionregistration.k8s.io", "ValidatingWebhookConfiguration", false},
    {"mutatingwebhookconfigurations", "admissionregistration.k8s.io", "MutatingWebhookConfiguration", false},
    {"validatingadmissionpolicies", "admissionregistration.k8s.io", "ValidatingAdmissionPolicy", false},
    {"validatingadmissionpolicybindings", "admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding", false},
    {"mutatingadmissionpolicies", "admissionregistration.k8s.io", "MutatingAdmissionPolicy", false},
    {"mutatingadmissionpolicybindings", "admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding", false},
    {"flowschemas", "flowcontrol.apiserver.k8s.io", "FlowSchema", false},
    {"prioritylevelconfigurations", "flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration", false},
    {"certificatesigningrequests", "certificates.k8s.io", "CertificateSigningRequest", false},
    {"apiextensions.k8s.io/customresourcedefinitions", "apiextensions.k8s.io", "CustomResourceDefinition", false},
    {"apiregistration.k8s.io/apiservices", "apiregistration.k8s.io", "APIService", false},
};

const QHash<QString, ResourceInfo> &builtIns()
{
    static const QHash<QString, ResourceInfo> table = [] {
        QHash<QString, ResourceInfo> t;
        for (const BuiltIn &b : kBuiltIns) {
            ResourceInfo r;
            r.resource = QString::fromLatin1(b.path);
            r.group = QString::fromLatin1(b.group);
            r.kind = QString::fromLatin1(b.kind);
            r.namespaced = b.namespaced;
            t.insert(r.resource, r);
        }
        return t;
    }();
    return table;
}

// First path segments that are folders of two-segment storage paths.
bool isTwoSegmentGroup(const QString &first)
{
    return first == QLatin1String("services") || first == QLatin1String("ranges") ||
           first.contains(QLatin1Char('.')); // apiextensions.k8s.io, example.com: <group>/<plural>
}

} // namespace

QString ResourceInfo::kindOrResource() const
{
    if (!kind.isEmpty())
        return kind;
    const qsizetype slash = resource.indexOf(QLatin1Char('/'));
    return slash < 0 ? resource : resource.mid(slash + 1) + QLatin1Char('.') + resource.left(slash);
}

ResourceInfo builtInResource(const QString &storagePath)
{
    return builtIns().value(storagePath);
}

RegistryPath RegistryPath::parse(const QByteArray &key, bool folder)
{
    RegistryPath p;
    if (key == "/registry" || key == kRegistryPrefix) {
        p.level = Level::Registry;
        return p;
    }
    if (!key.startsWith(kRegistryPrefix))
        return p;
    QList<QByteArray> parts = key.mid(kRegistryPrefix.size()).split('/');
    if (!parts.isEmpty() && parts.last().isEmpty())
        parts.removeLast(); // a folder written with its trailing slash
    if (parts.isEmpty() || parts.first().isEmpty())
        return p;
    const QString first = QString::fromUtf8(parts.first());
    int used = 1;
    ResourceInfo resource = builtIns().value(first);
    if (!resource.isValid() && isTwoSegmentGroup(first)) {
        if (parts.size() == 1) {
            p.level = Level::Group;
            p.resource.resource = first; // "services", "ranges" or a group's name
            return p;
        }
        const QString path = first + QLatin1Char('/') + QString::fromUtf8(parts[1]);
        resource = builtIns().value(path);
        if (!resource.isValid() && first.contains(QLatin1Char('.'))) {
            resource.resource = path;
            resource.group = first;
            resource.custom = true;
            // Namespaced or not shows in the depth of the keys, which a folder alone cannot tell.
            resource.namespaced = parts.size() != 3 || folder;
        }
        used = 2;
    }
    if (!resource.isValid())
        return p;
    p.resource = resource;
    const int rest = int(parts.size()) - used;
    if (rest == 0) {
        p.level = Level::Resource;
    } else if (resource.namespaced && rest == 1) {
        p.level = Level::Namespace;
        p.ns = QString::fromUtf8(parts[used]);
    } else if (resource.namespaced) {
        p.level = Level::Object;
        p.ns = QString::fromUtf8(parts[used]);
        p.name = QString::fromUtf8(parts.mid(used + 1).join('/'));
    } else {
        p.level = Level::Object;
        p.name = QString::fromUtf8(parts.mid(used).join('/'));
    }
    return p;
}

QString RegistryPath::label() const
{
    switch (level) {
    case Level::None: return {};
    case Level::Registry: return QStringLiteral("Kubernetes");
    case Level::Group:
        if (resource.resource == QLatin1String("services"))
            return QStringLiteral("Service, Endpoints");
        if (resource.resource == QLatin1String("ranges"))
            return QStringLiteral("RangeAllocation");
        return QStringLiteral("API group");
    case Level::Resource: return resource.custom ? QStringLiteral("custom resource") : resource.kind;
    case Level::Namespace: return QStringLiteral("namespace");
    case Level::Object: return resource.kindOrResource();
    }
    return {};
}

} // namespace etcd::k8s
