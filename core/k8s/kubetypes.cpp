// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "k8s/kubetypes.h"

#include <QHash>

#include <google/protobuf/descriptor.h>

#include "k8s/admissionregistration.pb.h"
#include "k8s/apiextensions.pb.h"
#include "k8s/apiextensionsv1beta1.pb.h"
#include "k8s/apiregistration.pb.h"
#include "k8s/apps.pb.h"
#include "k8s/autoscaling.pb.h"
#include "k8s/autoscalingv1.pb.h"
#include "k8s/batch.pb.h"
#include "k8s/certificates.pb.h"
#include "k8s/coordination.pb.h"
#include "k8s/core.pb.h"
#include "k8s/discovery.pb.h"
#include "k8s/events.pb.h"
#include "k8s/flowcontrol.pb.h"
#include "k8s/networking.pb.h"
#include "k8s/policy.pb.h"
#include "k8s/rbac.pb.h"
#include "k8s/scheduling.pb.h"
#include "k8s/storage.pb.h"

namespace etcd::k8s {

namespace {

namespace pb = google::protobuf;
namespace api = ::k8s::io::api;

struct Kind
{
    const char *apiVersion;
    const char *kind;
    const pb::Descriptor *(*descriptor)();
};

// Every kind with a definition in core/proto/k8s, under the apiVersion kube-apiserver stores it
// with (the group's storage version; older ones where clusters still hold them). Naming the
// generated classes here also keeps their descriptors linked in.
const Kind kKinds[] = {
    {"v1", "Pod", &api::core::v1::Pod::descriptor},
    {"v1", "Service", &api::core::v1::Service::descriptor},
    {"v1", "Endpoints", &api::core::v1::Endpoints::descriptor},
    {"v1", "ConfigMap", &api::core::v1::ConfigMap::descriptor},
    {"v1", "Secret", &api::core::v1::Secret::descriptor},
    {"v1", "Namespace", &api::core::v1::Namespace::descriptor},
    {"v1", "Node", &api::core::v1::Node::descriptor},
    {"v1", "ServiceAccount", &api::core::v1::ServiceAccount::descriptor},
    {"v1", "Event", &api::core::v1::Event::descriptor},
    {"v1", "PersistentVolume", &api::core::v1::PersistentVolume::descriptor},
    {"v1", "PersistentVolumeClaim", &api::core::v1::PersistentVolumeClaim::descriptor},
    {"v1", "ReplicationController", &api::core::v1::ReplicationController::descriptor},
    {"v1", "PodTemplate", &api::core::v1::PodTemplate::descriptor},
    {"v1", "LimitRange", &api::core::v1::LimitRange::descriptor},
    {"v1", "ResourceQuota", &api::core::v1::ResourceQuota::descriptor},
    {"v1", "RangeAllocation", &api::core::v1::RangeAllocation::descriptor},
    {"apps/v1", "Deployment", &api::apps::v1::Deployment::descriptor},
    {"apps/v1", "ReplicaSet", &api::apps::v1::ReplicaSet::descriptor},
    {"apps/v1", "StatefulSet", &api::apps::v1::StatefulSet::descriptor},
    {"apps/v1", "DaemonSet", &api::apps::v1::DaemonSet::descriptor},
    {"apps/v1", "ControllerRevision", &api::apps::v1::ControllerRevision::descriptor},
    {"batch/v1", "Job", &api::batch::v1::Job::descriptor},
    {"batch/v1", "CronJob", &api::batch::v1::CronJob::descriptor},
    {"autoscaling/v2", "HorizontalPodAutoscaler", &api::autoscaling::v2::HorizontalPodAutoscaler::descriptor},
    {"autoscaling/v1", "HorizontalPodAutoscaler", &api::autoscaling::v1::HorizontalPodAutoscaler::descriptor},
    {"autoscaling/v1", "Scale", &api::autoscaling::v1::Scale::descriptor},
    {"coordination.k8s.io/v1", "Lease", &api::coordination::v1::Lease::descriptor},
    {"events.k8s.io/v1", "Event", &api::events::v1::Event::descriptor},
    {"discovery.k8s.io/v1", "EndpointSlice", &api::discovery::v1::EndpointSlice::descriptor},
    {"networking.k8s.io/v1", "Ingress", &api::networking::v1::Ingress::descriptor},
    {"networking.k8s.io/v1", "IngressClass", &api::networking::v1::IngressClass::descriptor},
    {"networking.k8s.io/v1", "NetworkPolicy", &api::networking::v1::NetworkPolicy::descriptor},
    {"networking.k8s.io/v1", "IPAddress", &api::networking::v1::IPAddress::descriptor},
    {"networking.k8s.io/v1", "ServiceCIDR", &api::networking::v1::ServiceCIDR::descriptor},
    {"policy/v1", "PodDisruptionBudget", &api::policy::v1::PodDisruptionBudget::descriptor},
    {"rbac.authorization.k8s.io/v1", "Role", &api::rbac::v1::Role::descriptor},
    {"rbac.authorization.k8s.io/v1", "RoleBinding", &api::rbac::v1::RoleBinding::descriptor},
    {"rbac.authorization.k8s.io/v1", "ClusterRole", &api::rbac::v1::ClusterRole::descriptor},
    {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding", &api::rbac::v1::ClusterRoleBinding::descriptor},
    {"storage.k8s.io/v1", "StorageClass", &api::storage::v1::StorageClass::descriptor},
    {"storage.k8s.io/v1", "CSIDriver", &api::storage::v1::CSIDriver::descriptor},
    {"storage.k8s.io/v1", "CSINode", &api::storage::v1::CSINode::descriptor},
    {"storage.k8s.io/v1", "VolumeAttachment", &api::storage::v1::VolumeAttachment::descriptor},
    {"storage.k8s.io/v1", "CSIStorageCapacity", &api::storage::v1::CSIStorageCapacity::descriptor},
    {"storage.k8s.io/v1", "VolumeAttributesClass", &api::storage::v1::VolumeAttributesClass::descriptor},
    {"scheduling.k8s.io/v1", "PriorityClass", &api::scheduling::v1::PriorityClass::descriptor},
    {"admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration",
     &api::admissionregistration::v1::ValidatingWebhookConfiguration::descriptor},
    {"admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration",
     &api::admissionregistration::v1::MutatingWebhookConfiguration::descriptor},
    {"admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy",
     &api::admissionregistration::v1::ValidatingAdmissionPolicy::descriptor},
    {"admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding",
     &api::admissionregistration::v1::ValidatingAdmissionPolicyBinding::descriptor},
    {"admissionregistration.k8s.io/v1", "MutatingAdmissionPolicy",
     &api::admissionregistration::v1::MutatingAdmissionPolicy::descriptor},
    {"admissionregistration.k8s.io/v1", "MutatingAdmissionPolicyBinding",
     &api::admissionregistration::v1::MutatingAdmissionPolicyBinding::descriptor},
    {"flowcontrol.apiserver.k8s.io/v1", "FlowSchema", &api::flowcontrol::v1::FlowSchema::descriptor},
    {"flowcontrol.apiserver.k8s.io/v1", "PriorityLevelConfiguration",
     &api::flowcontrol::v1::PriorityLevelConfiguration::descriptor},
    {"certificates.k8s.io/v1", "CertificateSigningRequest",
     &api::certificates::v1::CertificateSigningRequest::descriptor},
    {"apiextensions.k8s.io/v1", "CustomResourceDefinition",
     &::k8s::io::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition::descriptor},
    // kube-apiserver stores every CRD as v1beta1 (the v1 shape differs on the wire: conversion).
    {"apiextensions.k8s.io/v1beta1", "CustomResourceDefinition",
     &::k8s::io::apiextensions_apiserver::pkg::apis::apiextensions::v1beta1::CustomResourceDefinition::descriptor},
    {"apiregistration.k8s.io/v1", "APIService",
     &::k8s::io::kube_aggregator::pkg::apis::apiregistration::v1::APIService::descriptor},
};

const QHash<QString, const pb::Descriptor *> &table()
{
    static const QHash<QString, const pb::Descriptor *> byName = [] {
        QHash<QString, const pb::Descriptor *> t;
        for (const Kind &k : kKinds)
            t.insert(QLatin1String(k.apiVersion) + QLatin1Char(' ') + QLatin1String(k.kind), k.descriptor());
        return t;
    }();
    return byName;
}

} // namespace

const pb::Descriptor *messageTypeFor(const QString &apiVersion, const QString &kind)
{
    return table().value(apiVersion + QLatin1Char(' ') + kind);
}

QStringList knownKinds()
{
    QStringList all = table().keys();
    all.sort();
    return all;
}

} // namespace etcd::k8s
