// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "k8s/demoregistry.h"

#include "k8s/kubetypes.h"
#include "k8s/kubevalue.h"

#include <QRandomGenerator>
#include <QStringList>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/text_format.h>

#include <memory>

namespace etcd::k8s {

namespace {

namespace pb = google::protobuf;

class Builder
{
public:
    explicit Builder(const QDateTime &now) : m_now(now) {}

    // "seconds: N" of a time `agoSeconds` before now.
    QString ago(qint64 agoSeconds) const
    {
        return QStringLiteral("{ seconds: %1 }").arg(m_now.toSecsSinceEpoch() - agoSeconds);
    }
    QString agoMicro(qint64 agoMs) const
    {
        const qint64 ms = m_now.toMSecsSinceEpoch() - agoMs;
        return QStringLiteral("{ seconds: %1 nanos: %2 }").arg(ms / 1000).arg((ms % 1000) * 1000000 + 417000);
    }
    QString uid()
    {
        const quint64 a = m_random.generate64(), b = m_random.generate64();
        return QStringLiteral("%1-%2-4%3-a%4-%5")
            .arg(a >> 32, 8, 16, QLatin1Char('0'))
            .arg((a >> 16) & 0xffff, 4, 16, QLatin1Char('0'))
            .arg(a & 0xfff, 3, 16, QLatin1Char('0'))
            .arg(b >> 52, 3, 16, QLatin1Char('0'))
            .arg(b & 0xffffffffffffULL, 12, 16, QLatin1Char('0'));
    }
    // ObjectMeta in text format.
    QString meta(const QString &name, const QString &ns, qint64 ageSeconds, const QString &extra = {})
    {
        QString m = QStringLiteral("metadata { name: \"%1\" ").arg(name);
        if (!ns.isEmpty())
            m += QStringLiteral("namespace: \"%1\" ").arg(ns);
        m += QStringLiteral("uid: \"%1\" creationTimestamp %2 %3 } ").arg(uid(), ago(ageSeconds), extra);
        return m;
    }
    static QString labels(const QStringList &kv)
    {
        QString out;
        for (int i = 0; i + 1 < kv.size(); i += 2)
            out += QStringLiteral("labels { key: \"%1\" value: \"%2\" } ").arg(kv[i], kv[i + 1]);
        return out;
    }

    void add(const QByteArray &key, const char *apiVersion, const char *kind, const QString &text)
    {
        const pb::Descriptor *type = messageTypeFor(QLatin1String(apiVersion), QLatin1String(kind));
        Q_ASSERT(type);
        std::unique_ptr<pb::Message> m(pb::MessageFactory::generated_factory()->GetPrototype(type)->New());
        const bool parsed = pb::TextFormat::ParseFromString(text.toStdString(), m.get());
        Q_ASSERT_X(parsed, "demoRegistry", key.constData());
        Q_UNUSED(parsed)
        m_out.append({key, encodeObject(QByteArray(apiVersion), QByteArray(kind), *m)});
    }
    void addRaw(const QByteArray &key, const QByteArray &value) { m_out.append({key, value}); }

    QVector<QPair<QByteArray, QByteArray>> take() { return std::move(m_out); }

private:
    QDateTime m_now;
    QRandomGenerator m_random{20261203};
    QVector<QPair<QByteArray, QByteArray>> m_out;
};

QString container(const QString &name, const QString &image, int port, const QString &cpu, const QString &memory)
{
    return QStringLiteral(
               "containers { name: \"%1\" image: \"%2\" ports { name: \"http\" containerPort: %3 protocol: \"TCP\" } "
               "resources { requests { key: \"cpu\" value { string: \"%4\" } } requests { key: \"memory\" value { "
               "string: \"%5\" } } limits { key: \"memory\" value { string: \"%5\" } } } "
               "readinessProbe { handler { httpGet { path: \"/healthz\" port { type: 1 strVal: \"http\" } } } "
               "periodSeconds: 5 } imagePullPolicy: \"IfNotPresent\" terminationMessagePath: \"/dev/termination-log\" "
               "} ")
        .arg(name, image)
        .arg(port)
        .arg(cpu, memory);
}

void addPod(Builder &b, const QString &ns, const QString &name, const QString &node, const QString &ip,
            const QStringList &labels, const QString &containers, qint64 age, const QString &owner = {})
{
    const QString meta = b.meta(name, ns, age, Builder::labels(labels) + owner);
    b.add("/registry/pods/" + ns.toUtf8() + '/' + name.toUtf8(), "v1", "Pod",
          meta +
              QStringLiteral("spec { %1 restartPolicy: \"Always\" terminationGracePeriodSeconds: 30 dnsPolicy: "
                             "\"ClusterFirst\" serviceAccountName: \"default\" nodeName: \"%2\" schedulerName: "
                             "\"default-scheduler\" } "
                             "status { phase: \"Running\" hostIP: \"10.0.0.%3\" podIP: \"%4\" startTime %5 qosClass: "
                             "\"Burstable\" conditions { type: \"Ready\" status: \"True\" lastTransitionTime %6 } "
                             "conditions { type: \"PodScheduled\" status: \"True\" lastTransitionTime %5 } }")
                  .arg(containers, node)
                  .arg(node.endsWith(QLatin1Char('1')) ? 11 : 12)
                  .arg(ip, b.ago(age), b.ago(age - 20)));
}

} // namespace

QPair<QByteArray, QByteArray> demoLeaderLease(const QString &name, const QString &holder, const QDateTime &acquired,
                                              const QDateTime &renewed, int transitions)
{
    Builder b(renewed);
    const qint64 acquiredAgoMs = acquired.msecsTo(renewed);
    b.add("/registry/leases/kube-system/" + name.toUtf8(), "coordination.k8s.io/v1", "Lease",
          b.meta(name, QStringLiteral("kube-system"), acquiredAgoMs / 1000 + 60) +
              QStringLiteral("spec { holderIdentity: \"%1\" leaseDurationSeconds: 15 acquireTime %2 renewTime %3 "
                             "leaseTransitions: %4 }")
                  .arg(holder, b.agoMicro(acquiredAgoMs), b.agoMicro(0))
                  .arg(transitions));
    return b.take().constFirst();
}

QVector<QPair<QByteArray, QByteArray>> demoRegistry(const QDateTime &now)
{
    Builder b(now);
    const qint64 day = 86400;
    // Cluster-scoped objects.
    for (const QString &ns : {QStringLiteral("default"), QStringLiteral("kube-system"),
                              QStringLiteral("kube-node-lease"), QStringLiteral("shop"), QStringLiteral("monitoring")})
        b.add("/registry/namespaces/" + ns.toUtf8(), "v1", "Namespace",
              b.meta(ns, {}, ns == QLatin1String("shop") ? 12 * day : 41 * day,
                     Builder::labels({QStringLiteral("kubernetes.io/metadata.name"), ns})) +
                  QStringLiteral("spec { finalizers: \"kubernetes\" } status { phase: \"Active\" }"));
    const QStringList nodes{QStringLiteral("cp-1"), QStringLiteral("worker-1"), QStringLiteral("worker-2")};
    for (int i = 0; i < nodes.size(); ++i) {
        const QString &n = nodes[i];
        b.add("/registry/minions/" + n.toUtf8(), "v1", "Node",
              b.meta(n, {}, 41 * day,
                     Builder::labels({QStringLiteral("kubernetes.io/hostname"), n, QStringLiteral("kubernetes.io/os"),
                                      QStringLiteral("linux")}) +
                         (i == 0 ? Builder::labels({QStringLiteral("node-role.kubernetes.io/control-plane"), QString()})
                                 : QString())) +
                  QStringLiteral(
                      "spec { podCIDR: \"10.244.%1.0/24\" %2 } status { capacity { key: \"cpu\" value { string: "
                      "\"4\" } } capacity { key: \"memory\" value { string: \"16374112Ki\" } } capacity { key: "
                      "\"pods\" value { string: \"110\" } } allocatable { key: \"cpu\" value { string: \"3800m\" } } "
                      "conditions { type: \"Ready\" status: \"True\" reason: \"KubeletReady\" lastHeartbeatTime %3 "
                      "lastTransitionTime %4 } addresses { type: \"InternalIP\" address: \"10.0.0.%5\" } addresses { "
                      "type: \"Hostname\" address: \"%6\" } nodeInfo { kubeletVersion: \"v1.30.2\" osImage: "
                      "\"Debian GNU/Linux 12 (bookworm)\" containerRuntimeVersion: \"containerd://1.7.13\" "
                      "architecture: \"amd64\" operatingSystem: \"linux\" kernelVersion: \"6.1.0-21-amd64\" } }")
                      .arg(i)
                      .arg(i == 0 ? QStringLiteral("taints { key: \"node-role.kubernetes.io/control-plane\" effect: "
                                                   "\"NoSchedule\" }")
                                  : QString())
                      .arg(b.ago(40), b.ago(41 * day - 60))
                      .arg(10 + i)
                      .arg(n));
        b.add("/registry/leases/kube-node-lease/" + n.toUtf8(), "coordination.k8s.io/v1", "Lease",
              b.meta(n, QStringLiteral("kube-node-lease"), 41 * day) +
                  QStringLiteral("spec { holderIdentity: \"%1\" leaseDurationSeconds: 40 renewTime %2 }")
                      .arg(n, b.agoMicro(7000 + i * 1500)));
    }
    b.add("/registry/clusterroles/view-shop", "rbac.authorization.k8s.io/v1", "ClusterRole",
          b.meta(QStringLiteral("view-shop"), {}, 12 * day) +
              QStringLiteral(
                  "rules { verbs: \"get\" verbs: \"list\" verbs: \"watch\" apiGroups: \"\" apiGroups: \"apps\" "
                  "resources: \"pods\" resources: \"deployments\" resources: \"services\" }"));
    b.add("/registry/clusterrolebindings/view-shop", "rbac.authorization.k8s.io/v1", "ClusterRoleBinding",
          b.meta(QStringLiteral("view-shop"), {}, 12 * day) +
              QStringLiteral(
                  "subjects { kind: \"Group\" apiGroup: \"rbac.authorization.k8s.io\" name: \"shop-devs\" } "
                  "roleRef { apiGroup: \"rbac.authorization.k8s.io\" kind: \"ClusterRole\" name: \"view-shop\" }"));
    b.add("/registry/priorityclasses/shop-critical", "scheduling.k8s.io/v1", "PriorityClass",
          b.meta(QStringLiteral("shop-critical"), {}, 12 * day) +
              QStringLiteral("value: 100000 globalDefault: false description: \"Checkout path\" preemptionPolicy: "
                             "\"PreemptLowerPriority\""));
    b.add(
        "/registry/storageclasses/standard", "storage.k8s.io/v1", "StorageClass",
        b.meta(QStringLiteral("standard"), {}, 41 * day,
               QStringLiteral("annotations { key: \"storageclass.kubernetes.io/is-default-class\" value: \"true\" }")) +
            QStringLiteral("provisioner: \"rancher.io/local-path\" reclaimPolicy: \"Delete\" volumeBindingMode: "
                           "\"WaitForFirstConsumer\""));
    b.add("/registry/apiextensions.k8s.io/customresourcedefinitions/widgets.example.com", "apiextensions.k8s.io/v1",
          "CustomResourceDefinition",
          b.meta(QStringLiteral("widgets.example.com"), {}, 9 * day) +
              QStringLiteral(
                  "spec { group: \"example.com\" names { plural: \"widgets\" singular: \"widget\" kind: "
                  "\"Widget\" listKind: \"WidgetList\" } scope: \"Namespaced\" versions { name: \"v1\" served: "
                  "true storage: true schema { openAPIV3Schema { type: \"object\" properties { key: \"spec\" "
                  "value { type: \"object\" properties { key: \"color\" value { type: \"string\" } } properties "
                  "{ key: \"size\" value { type: \"integer\" } } } } } } } }"));
    b.addRaw("/registry/example.com/widgets/shop/blue",
             QByteArray(R"({"apiVersion":"example.com/v1","kind":"Widget","metadata":{"creationTimestamp":")") +
                 now.addDays(-9).toString(Qt::ISODate).toUtf8() +
                 R"(","generation":1,"labels":{"app":"web"},"name":"blue","namespace":"shop","uid":")" +
                 b.uid().toUtf8() + R"("},"spec":{"color":"blue","size":3}})");

    // kube-system: the control plane.
    const QString cpOwner = QStringLiteral("ownerReferences { apiVersion: \"v1\" kind: \"Node\" name: \"cp-1\" uid: "
                                           "\"%1\" controller: true }")
                                .arg(b.uid());
    for (const auto &[name, image] :
         {std::pair{"kube-apiserver", "registry.k8s.io/kube-apiserver:v1.30.2"},
          std::pair{"kube-controller-manager", "registry.k8s.io/kube-controller-manager:v1.30.2"},
          std::pair{"kube-scheduler", "registry.k8s.io/kube-scheduler:v1.30.2"},
          std::pair{"etcd", "registry.k8s.io/etcd:3.5.12-0"}})
        addPod(
            b, QStringLiteral("kube-system"), QLatin1String(name) + QStringLiteral("-cp-1"), QStringLiteral("cp-1"),
            QStringLiteral("10.0.0.10"),
            {QStringLiteral("component"), QLatin1String(name), QStringLiteral("tier"), QStringLiteral("control-plane")},
            container(QLatin1String(name), QLatin1String(image), 10257, QStringLiteral("100m"),
                      QStringLiteral("256Mi")),
            41 * day, cpOwner);
    for (const QString &suffix : {QStringLiteral("5dd5756b68-7xkqp"), QStringLiteral("5dd5756b68-m2c9w")})
        addPod(b, QStringLiteral("kube-system"), QStringLiteral("coredns-") + suffix, QStringLiteral("worker-1"),
               QStringLiteral("10.244.1.%1").arg(suffix.size() + 2),
               {QStringLiteral("k8s-app"), QStringLiteral("kube-dns")},
               container(QStringLiteral("coredns"), QStringLiteral("registry.k8s.io/coredns/coredns:v1.11.1"), 8181,
                         QStringLiteral("100m"), QStringLiteral("70Mi")),
               41 * day);
    for (const auto &lease :
         {demoLeaderLease(QStringLiteral("kube-controller-manager"),
                          QStringLiteral("cp-1_6f4e2c1a-93d1-4f6e-b0a2-5b1f2c3d4e5f"), now.addDays(-3),
                          now.addMSecs(-1200), 3),
          demoLeaderLease(QStringLiteral("kube-scheduler"), QStringLiteral("cp-1_0c2b7d4e-1a5f-4e8b-9c3d-7e6f5a4b3c2d"),
                          now.addDays(-3), now.addMSecs(-800), 2)})
        b.addRaw(lease.first, lease.second);
    b.add("/registry/leases/kube-system/apiserver-kq3v7zr2d4ph5ecx6t2xkm3ocq", "coordination.k8s.io/v1", "Lease",
          b.meta(
              QStringLiteral("apiserver-kq3v7zr2d4ph5ecx6t2xkm3ocq"), QStringLiteral("kube-system"), 3 * day,
              Builder::labels({QStringLiteral("apiserver.kubernetes.io/identity"), QStringLiteral("kube-apiserver")})) +
              QStringLiteral("spec { holderIdentity: \"apiserver-kq3v7zr2d4ph5ecx6t2xkm3ocq_5e1e\" "
                             "leaseDurationSeconds: 3600 renewTime %1 }")
                  .arg(b.agoMicro(4000)));

    // default: the API server's own service.
    b.add("/registry/services/specs/default/kubernetes", "v1", "Service",
          b.meta(QStringLiteral("kubernetes"), QStringLiteral("default"), 41 * day,
                 Builder::labels({QStringLiteral("component"), QStringLiteral("apiserver"), QStringLiteral("provider"),
                                  QStringLiteral("kubernetes")})) +
              QStringLiteral("spec { ports { name: \"https\" protocol: \"TCP\" port: 443 targetPort { type: 0 intVal: "
                             "6443 } } clusterIP: \"10.96.0.1\" type: \"ClusterIP\" sessionAffinity: \"None\" }"));
    b.add("/registry/services/endpoints/default/kubernetes", "v1", "Endpoints",
          b.meta(QStringLiteral("kubernetes"), QStringLiteral("default"), 41 * day) +
              QStringLiteral("subsets { addresses { ip: \"10.0.0.10\" } ports { name: \"https\" port: 6443 protocol: "
                             "\"TCP\" } }"));

    // shop: a web deployment, its replica set and pods, a service, settings, credentials, events.
    const QString deployUid = b.uid();
    b.add("/registry/deployments/shop/web", "apps/v1", "Deployment",
          b.meta(QStringLiteral("web"), QStringLiteral("shop"), 12 * day,
                 Builder::labels({QStringLiteral("app"), QStringLiteral("web"), QStringLiteral("tier"),
                                  QStringLiteral("frontend")}) +
                     QStringLiteral(
                         "generation: 4 annotations { key: \"deployment.kubernetes.io/revision\" value: \"4\" }")) +
              QStringLiteral(
                  "spec { replicas: 3 selector { matchLabels { key: \"app\" value: \"web\" } } template { "
                  "metadata { labels { key: \"app\" value: \"web\" } labels { key: \"tier\" value: \"frontend\" "
                  "} } spec { %1 } } strategy { type: \"RollingUpdate\" rollingUpdate { maxUnavailable { type: 1 "
                  "strVal: \"25%\" } maxSurge { type: 1 strVal: \"25%\" } } } revisionHistoryLimit: 10 "
                  "progressDeadlineSeconds: 600 } status { observedGeneration: 4 replicas: 3 updatedReplicas: 3 "
                  "readyReplicas: 3 availableReplicas: 3 conditions { type: \"Available\" status: \"True\" "
                  "reason: \"MinimumReplicasAvailable\" lastUpdateTime %2 lastTransitionTime %2 } }")
                  .arg(container(QStringLiteral("web"), QStringLiteral("ghcr.io/example/shop-web:2.14.1"), 8080,
                                 QStringLiteral("250m"), QStringLiteral("256Mi")),
                       b.ago(2 * day)));
    const QString rsOwner =
        QStringLiteral("ownerReferences { apiVersion: \"apps/v1\" kind: \"Deployment\" name: \"web\" uid: \"%1\" "
                       "controller: true blockOwnerDeletion: true }")
            .arg(deployUid);
    const QString rsUid = b.uid();
    b.add("/registry/replicasets/shop/web-7d9f8c6b5d", "apps/v1", "ReplicaSet",
          b.meta(QStringLiteral("web-7d9f8c6b5d"), QStringLiteral("shop"), 2 * day,
                 Builder::labels({QStringLiteral("app"), QStringLiteral("web"), QStringLiteral("pod-template-hash"),
                                  QStringLiteral("7d9f8c6b5d")}) +
                     rsOwner) +
              QStringLiteral("spec { replicas: 3 selector { matchLabels { key: \"app\" value: \"web\" } } } status { "
                             "replicas: 3 readyReplicas: 3 availableReplicas: 3 }"));
    const QString podOwner =
        QStringLiteral("ownerReferences { apiVersion: \"apps/v1\" kind: \"ReplicaSet\" name: \"web-7d9f8c6b5d\" uid: "
                       "\"%1\" controller: true blockOwnerDeletion: true }")
            .arg(rsUid);
    const QStringList webPods{QStringLiteral("web-7d9f8c6b5d-4xk2p"), QStringLiteral("web-7d9f8c6b5d-9qzrt"),
                              QStringLiteral("web-7d9f8c6b5d-hc7vn")};
    for (int i = 0; i < webPods.size(); ++i)
        addPod(b, QStringLiteral("shop"), webPods[i], i % 2 ? QStringLiteral("worker-2") : QStringLiteral("worker-1"),
               QStringLiteral("10.244.%1.%2").arg(1 + i % 2).arg(20 + i),
               {QStringLiteral("app"), QStringLiteral("web"), QStringLiteral("pod-template-hash"),
                QStringLiteral("7d9f8c6b5d"), QStringLiteral("tier"), QStringLiteral("frontend")},
               container(QStringLiteral("web"), QStringLiteral("ghcr.io/example/shop-web:2.14.1"), 8080,
                         QStringLiteral("250m"), QStringLiteral("256Mi")),
               2 * day - i * 30, podOwner);
    addPod(b, QStringLiteral("shop"), QStringLiteral("payments-db-0"), QStringLiteral("worker-2"),
           QStringLiteral("10.244.2.31"),
           {QStringLiteral("app"), QStringLiteral("payments"), QStringLiteral("tier"), QStringLiteral("db")},
           container(QStringLiteral("postgres"), QStringLiteral("postgres:16.3"), 5432, QStringLiteral("500m"),
                     QStringLiteral("1Gi")),
           12 * day);
    b.add("/registry/services/specs/shop/web", "v1", "Service",
          b.meta(QStringLiteral("web"), QStringLiteral("shop"), 12 * day,
                 Builder::labels({QStringLiteral("app"), QStringLiteral("web")})) +
              QStringLiteral("spec { ports { name: \"http\" protocol: \"TCP\" port: 80 targetPort { type: 1 strVal: "
                             "\"http\" } } selector { key: \"app\" value: \"web\" } clusterIP: \"10.96.41.7\" type: "
                             "\"ClusterIP\" sessionAffinity: \"None\" }"));
    b.add(
        "/registry/services/endpoints/shop/web", "v1", "Endpoints",
        b.meta(QStringLiteral("web"), QStringLiteral("shop"), 12 * day,
               Builder::labels({QStringLiteral("app"), QStringLiteral("web")})) +
            QStringLiteral("subsets { addresses { ip: \"10.244.1.20\" } addresses { ip: \"10.244.2.21\" } addresses { "
                           "ip: \"10.244.1.22\" } ports { name: \"http\" port: 8080 protocol: \"TCP\" } }"));
    b.add("/registry/configmaps/shop/web-settings", "v1", "ConfigMap",
          b.meta(QStringLiteral("web-settings"), QStringLiteral("shop"), 12 * day,
                 Builder::labels({QStringLiteral("app"), QStringLiteral("web")})) +
              QStringLiteral("data { key: \"PAYMENT_TIMEOUT_MS\" value: \"1500\" } data { key: \"CURRENCY\" value: "
                             "\"EUR\" } data { key: \"features.yaml\" value: \"checkout:\\n  express: true\\n  "
                             "giftCards: false\\n\" }"));
    b.add("/registry/secrets/shop/db-credentials", "v1", "Secret",
          b.meta(QStringLiteral("db-credentials"), QStringLiteral("shop"), 12 * day,
                 Builder::labels({QStringLiteral("app"), QStringLiteral("payments")})) +
              QStringLiteral("data { key: \"username\" value: \"shop\" } data { key: \"password\" value: "
                             "\"s3cr3t-demo-only\" } type: \"Opaque\""));
    {
        QByteArray cipher(180, '\0');
        QRandomGenerator random(7);
        for (char &c : cipher)
            c = char(random.bounded(256));
        b.addRaw("/registry/secrets/shop/payment-keys", QByteArray("k8s:enc:aescbc:v1:key1:") + cipher);
    }
    const char *reasons[][3] = {
        {"Scheduled", "Normal", "Successfully assigned shop/%1 to worker-1"},
        {"Pulled", "Normal", "Container image \\\"ghcr.io/example/shop-web:2.14.1\\\" already present"},
        {"Started", "Normal", "Started container web"},
        {"Unhealthy", "Warning", "Readiness probe failed: HTTP probe failed with statuscode: 503"}};
    int e = 0;
    for (const QString &pod : webPods) {
        for (const auto &r : reasons) {
            const QString name = pod + QStringLiteral(".17d%1a4c9e2b%2").arg(e).arg(e * 7 % 10);
            b.add("/registry/events/shop/" + name.toUtf8(), "v1", "Event",
                  b.meta(name, QStringLiteral("shop"), 3600 - e * 60) +
                      QStringLiteral(
                          "involvedObject { kind: \"Pod\" namespace: \"shop\" name: \"%1\" apiVersion: \"v1\" } "
                          "reason: \"%2\" message: \"%3\" source { component: \"kubelet\" host: \"worker-1\" } "
                          "firstTimestamp %4 lastTimestamp %4 count: 1 type: \"%5\" reportingComponent: "
                          "\"kubelet\"")
                          .arg(pod, QLatin1String(r[0]), QString::fromLatin1(r[2]).replace(QLatin1String("%1"), pod),
                               b.ago(3600 - e * 60), QLatin1String(r[1])));
            ++e;
        }
    }

    // monitoring: a stateful set with its claim.
    b.add(
        "/registry/statefulsets/monitoring/prometheus", "apps/v1", "StatefulSet",
        b.meta(QStringLiteral("prometheus"), QStringLiteral("monitoring"), 30 * day,
               Builder::labels({QStringLiteral("app"), QStringLiteral("prometheus")})) +
            QStringLiteral("spec { replicas: 1 selector { matchLabels { key: \"app\" value: \"prometheus\" } } "
                           "serviceName: \"prometheus\" template { metadata { labels { key: \"app\" value: "
                           "\"prometheus\" } } spec { %1 } } volumeClaimTemplates { metadata { name: \"data\" } spec { "
                           "accessModes: \"ReadWriteOnce\" resources { requests { key: \"storage\" value { string: "
                           "\"50Gi\" } } } } } } status { replicas: 1 readyReplicas: 1 currentReplicas: 1 }")
                .arg(container(QStringLiteral("prometheus"), QStringLiteral("quay.io/prometheus/prometheus:v2.53.0"),
                               9090, QStringLiteral("500m"), QStringLiteral("2Gi"))));
    addPod(b, QStringLiteral("monitoring"), QStringLiteral("prometheus-0"), QStringLiteral("worker-1"),
           QStringLiteral("10.244.1.40"), {QStringLiteral("app"), QStringLiteral("prometheus")},
           container(QStringLiteral("prometheus"), QStringLiteral("quay.io/prometheus/prometheus:v2.53.0"), 9090,
                     QStringLiteral("500m"), QStringLiteral("2Gi")),
           30 * day);
    b.add("/registry/persistentvolumeclaims/monitoring/data-prometheus-0", "v1", "PersistentVolumeClaim",
          b.meta(QStringLiteral("data-prometheus-0"), QStringLiteral("monitoring"), 30 * day,
                 Builder::labels({QStringLiteral("app"), QStringLiteral("prometheus")})) +
              QStringLiteral("spec { accessModes: \"ReadWriteOnce\" resources { requests { key: \"storage\" value { "
                             "string: \"50Gi\" } } } storageClassName: \"standard\" volumeName: "
                             "\"pvc-3f9a1c2e\" } status { phase: \"Bound\" capacity { key: \"storage\" value { string: "
                             "\"50Gi\" } } }"));
    b.add("/registry/serviceaccounts/monitoring/prometheus", "v1", "ServiceAccount",
          b.meta(QStringLiteral("prometheus"), QStringLiteral("monitoring"), 30 * day));
    return b.take();
}

} // namespace etcd::k8s
