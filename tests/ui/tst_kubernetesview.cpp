// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// The Kubernetes view against real etcd holding the demo /registry tree: the totals per resource and
// namespace, events' share, the control-plane leases (a handover by etcdctl shows live), filters
// by kind, namespace and label selector (a bad selector says why and keeps what was typed), the
// largest objects first, a double-click opening the key, a second scan after new objects, and the
// key tree's Kind column. Every model under QAbstractItemModelTester.

#include "client/etcdclient.h"
#include "k8s/demoregistry.h"
#include "keys/keybrowser.h"
#include "keys/keytreemodel.h"
#include "kubernetes/kubernetesmodels.h"
#include "kubernetes/kubernetesview.h"
#include "support/etcdctl.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTreeView>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

class TestKubernetesView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void showsTheClusterAsKubernetesDoes();
    void filtersAndSaysWhyWhenTheSelectorIsWrong();
    void leasesHandOverLive();
    void rescanSeesNewObjects();
    void keyTreeShowsKinds();

private:
    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
    std::unique_ptr<KubernetesView> m_view;
    QVector<QPair<QByteArray, QByteArray>> m_demo;
};

void TestKubernetesView::initTestCase()
{
    START_CLUSTER(cluster, 1, true);
    m_cluster = std::move(cluster);
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
    m_demo = k8s::demoRegistry(QDateTime::currentDateTimeUtc());
    for (const auto &[key, value] : m_demo)
        QVERIFY_OK(resultOf(m_client->kv().put(key, value)));
    m_view = std::make_unique<KubernetesView>(m_client.get());
    new QAbstractItemModelTester(m_view->resourcesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_view.get());
    new QAbstractItemModelTester(m_view->namespacesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_view.get());
    new QAbstractItemModelTester(m_view->objectsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_view.get());
    new QAbstractItemModelTester(m_view->leasesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_view.get());
    QSignalSpy loaded(m_view.get(), &KubernetesView::loaded);
    m_view->resize(1400, 900);
    m_view->show(); // the first show starts the scan and the lease watch
    QVERIFY(loaded.wait(20000));
    QVERIFY(m_view->isLoaded());
}

void TestKubernetesView::cleanupTestCase()
{
    m_view.reset();
    m_client.reset();
    m_cluster.reset();
}

void TestKubernetesView::showsTheClusterAsKubernetesDoes()
{
    RegistryTotalsModel *resources = m_view->resourcesModel();
    QVERIFY(resources->rowCount() >= 15);
    // Largest first; Pod, Event and Node are there with their counts.
    QHash<QString, int> objects;
    qint64 previous = std::numeric_limits<qint64>::max();
    for (int r = 0; r < resources->rowCount(); ++r) {
        objects.insert(resources->index(r, RegistryTotalsModel::Name).data().toString(),
                       resources->index(r, RegistryTotalsModel::Objects).data().toString().toInt());
        const qint64 bytes = m_view->scan()->resources[r].bytes;
        QVERIFY(bytes <= previous);
        previous = bytes;
    }
    QCOMPARE(objects.value(QStringLiteral("Pod")), 11);
    QCOMPARE(objects.value(QStringLiteral("Event")), 12);
    QCOMPARE(objects.value(QStringLiteral("Node")), 3);
    QCOMPARE(objects.value(QStringLiteral("widgets.example.com")) + objects.value(QStringLiteral("Widget")), 1);
    QVERIFY(m_view->summaryText().contains(QLatin1String("Scanned at revision")));
    // Namespaces: shop has the most bytes here.
    QCOMPARE(m_view->namespacesModel()->index(0, RegistryTotalsModel::Name).data().toString(), QStringLiteral("shop"));
    // Objects: every one, largest first.
    RegistryObjectsModel *list = m_view->objectsModel();
    QTRY_COMPARE(list->rowCount(), int(m_demo.size()));
    qint64 largest = 0;
    for (const auto &[key, value] : m_demo)
        largest = std::max<qint64>(largest, value.size());
    QCOMPARE(m_view->scan()->index[m_view->scan()->largest.first()].bytes, largest);
    const QByteArray firstKey = list->keyAt(0);
    for (const auto &[key, value] : m_demo)
        if (key == firstKey)
            QCOMPARE(qint64(value.size()), largest);
    // A double-click asks for the key view.
    QSignalSpy open(m_view.get(), &KubernetesView::openKey);
    auto *table = m_view->findChild<QTableView *>(QStringLiteral("kubeObjects"));
    QVERIFY(table);
    Q_EMIT table->doubleClicked(list->index(0, RegistryObjectsModel::Name));
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().first().toByteArray(), firstKey);
    // Sorting by name keeps every row.
    list->sort(RegistryObjectsModel::Name, Qt::AscendingOrder);
    QCOMPARE(list->rowCount(), int(m_demo.size()));
    QVERIFY(list->index(0, RegistryObjectsModel::Name).data().toString() <=
            list->index(1, RegistryObjectsModel::Name).data().toString());
    list->sort(RegistryObjectsModel::Size, Qt::DescendingOrder);
}

void TestKubernetesView::filtersAndSaysWhyWhenTheSelectorIsWrong()
{
    QSignalSpy filtered(m_view.get(), &KubernetesView::filtered);
    m_view->setFilter(QStringLiteral("Pod"), QStringLiteral("shop"), QStringLiteral("app=web,tier!=db"));
    QTRY_VERIFY(!filtered.isEmpty() && filtered.last().first().toInt() == 3);
    QCOMPARE(m_view->objectsModel()->rowCount(), 3);
    for (int r = 0; r < 3; ++r)
        QVERIFY(m_view->objectsModel()->keyAt(r).startsWith("/registry/pods/shop/web-"));

    // A selector that does not parse: the reason shows, the text stays, the list keeps its rows.
    auto *selector = m_view->findChild<QLineEdit *>(QStringLiteral("kubeLabelSelector"));
    auto *status = m_view->findChild<QLabel *>(QStringLiteral("kubeFilterStatus"));
    QVERIFY(selector && status);
    selector->setText(QStringLiteral("app=web,tier in (db"));
    QVERIFY(!m_view->filterError().isEmpty());
    QVERIFY(status->text().contains(QLatin1String("without its")));
    QCOMPARE(selector->text(), QStringLiteral("app=web,tier in (db"));
    QCOMPARE(m_view->objectsModel()->rowCount(), 3);
    selector->setText(QStringLiteral("app=web,tier in (db)"));
    QTRY_COMPARE(m_view->objectsModel()->rowCount(), 0);
    // Any kind in shop with app=web: the custom resource (JSON) too.
    m_view->setFilter(QString(), QStringLiteral("shop"), QStringLiteral("app=web"));
    QTRY_VERIFY(m_view->objectsModel()->rowCount() >= 8);
    bool widget = false;
    for (int r = 0; r < m_view->objectsModel()->rowCount(); ++r)
        widget = widget || m_view->objectsModel()->keyAt(r) == "/registry/example.com/widgets/shop/blue";
    QVERIFY(widget);
    m_view->setFilter(QString(), QString(), QString());
    QTRY_COMPARE(m_view->objectsModel()->rowCount(), int(m_demo.size()));
}

void TestKubernetesView::leasesHandOverLive()
{
    LeaderLeasesModel *leases = m_view->leasesModel();
    QCOMPARE(leases->rowCount(), 3);
    // Leader elections first, bold; then the API server's identity lease.
    QCOMPARE(leases->index(0, LeaderLeasesModel::Lease).data().toString(),
             QStringLiteral("kube-system/kube-controller-manager"));
    QCOMPARE(leases->index(1, LeaderLeasesModel::Lease).data().toString(),
             QStringLiteral("kube-system/kube-scheduler"));
    QVERIFY(leases->index(1, LeaderLeasesModel::Holder).data().toString().startsWith(QLatin1String("cp-1_")));
    QCOMPARE(leases->index(1, LeaderLeasesModel::State).data().toString(), QStringLiteral("held"));
    // Written by etcdctl, as another scheduler taking over would.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto taken = k8s::demoLeaderLease(QStringLiteral("kube-scheduler"), QStringLiteral("cp-2_b7e1"), now, now, 3);
    const Etcdctl ctl = etcdctlFor(*m_cluster);
    // The value (binary: protobuf) from stdin.
    const EtcdctlResult put = ctl.run({QStringLiteral("put"), QString::fromUtf8(taken.first)}, 15000, taken.second);
    QVERIFY2(put.ok(), put.describe().constData());
    QTRY_COMPARE_WITH_TIMEOUT(leases->index(1, LeaderLeasesModel::Holder).data().toString(),
                              QStringLiteral("cp-2_b7e1"), 10000);
    QCOMPARE(leases->index(1, LeaderLeasesModel::Transitions).data().toString(), QStringLiteral("3"));
    // Not renewed for a minute: expired.
    leases->setNow(now.addSecs(60));
    QCOMPARE(leases->index(1, LeaderLeasesModel::State).data().toString(), QStringLiteral("expired"));
    // A lease deleted goes from the list.
    QVERIFY(ctl.run({QStringLiteral("del"), QStringLiteral("/registry/leases/kube-system/kube-scheduler")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(leases->rowCount(), 2, 10000);
}

void TestKubernetesView::rescanSeesNewObjects()
{
    const qint64 before = m_view->scan()->objects;
    QVERIFY_OK(resultOf(m_client->kv().put("/registry/configmaps/shop/extra", m_demo.first().second)));
    QSignalSpy loaded(m_view.get(), &KubernetesView::loaded);
    m_view->rescan();
    QVERIFY(m_view->isScanning());
    QVERIFY(loaded.wait(20000));
    QCOMPARE(m_view->scan()->objects, before); // the scheduler lease deleted above, one config map more
}

void TestKubernetesView::keyTreeShowsKinds()
{
    KeySpaceMirror::Options options;
    KeyBrowser browser(m_client.get(), options);
    QSignalSpy loaded(&browser, &KeyBrowser::loaded);
    browser.start();
    QVERIFY(loaded.wait(20000));
    QTreeView *tree = browser.treeView();
    KeyTreeModel *model = browser.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!tree->isColumnHidden(KeyTreeModel::Kind)); // a Kubernetes store
    auto kindOf = [model](const QByteArray &key) {
        const QModelIndex i = model->indexForKey(key);
        return model->index(i.row(), KeyTreeModel::Kind, i.parent()).data().toString();
    };
    QCOMPARE(kindOf("/registry/pods"), QStringLiteral("Pod"));
    QCOMPARE(kindOf("/registry/pods/shop"), QStringLiteral("namespace"));
    QCOMPARE(kindOf("/registry/pods/shop/web-7d9f8c6b5d-4xk2p"), QStringLiteral("Pod"));
    QCOMPARE(kindOf("/registry/minions/cp-1"), QStringLiteral("Node"));
    QCOMPARE(kindOf("/registry/services/specs/shop/web"), QStringLiteral("Service"));
    // Counts per resource: the Keys column of the resource's folder.
    const QModelIndex pods = model->indexForKey("/registry/pods");
    QCOMPARE(model->index(pods.row(), KeyTreeModel::Keys, pods.parent()).data().toString(), QStringLiteral("11"));
}

QTEST_MAIN(TestKubernetesView)
#include "tst_kubernetesview.moc"
