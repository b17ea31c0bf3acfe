// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "kubernetes/kubernetesmodels.h"
#include "state/operations/operationreport.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace etcd {
class EtcdClient;
}

namespace etcd::ui {

class SummaryCard;

// The cluster as Kubernetes sees it, from the /registry tree: objects and bytes per resource and
// per namespace, the share of events (in /registry/ and in the database), the control-plane leader leases (live by
// watch), and every object filtered by kind, namespace and label selector, largest first. The tree is read once when
// the view is first shown (and on Rescan), a page at a time on a worker thread, keeping only keys and metadata: nothing
// runs while nobody looks, and memory does not grow with values.
class KubernetesView : public QWidget
{
    Q_OBJECT
public:
    explicit KubernetesView(EtcdClient *client, QWidget *parent = nullptr);
    ~KubernetesView() override;

    void start(); // scan now (otherwise on first show)
    void rescan();
    void stopScan();
    bool isLoaded() const { return m_scan != nullptr && m_leases->isLoaded(); }
    bool isScanning() const { return m_scanning; }
    SharedScan scan() const { return m_scan; }

    // The objects' filter (also set by clicking a resource or namespace row).
    void setFilter(const QString &kind, const QString &ns, const QString &labelSelector);
    QString filterError() const; // the label selector's syntax error, if any

    RegistryTotalsModel *resourcesModel() const { return m_resources; }
    RegistryTotalsModel *namespacesModel() const { return m_namespaces; }
    RegistryObjectsModel *objectsModel() const { return m_objects; }
    LeaderLeasesModel *leasesModel() const { return m_leaseModel; }
    QString summaryText() const;

Q_SIGNALS:
    void loaded();
    void filtered(int rows);
    void openKey(const QByteArray &key); // an object double-clicked: show it in the key view

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onScanned(const EtcdResult<k8s::RegistryScan> &result);
    void applyFilter();
    void fillFilterChoices();
    void updateSummary();

    QPointer<EtcdClient> m_client;
    k8s::ControlPlaneLeases *m_leases = nullptr;
    SharedScan m_scan;
    qint64 m_dbSize = 0; // bytes in use in etcd's database, when a member said
    bool m_scanning = false;
    bool m_started = false;
    int m_filterGeneration = 0;
    StopToken m_stop;

    SummaryCard *m_objectsCard = nullptr;
    SummaryCard *m_bytesCard = nullptr;
    SummaryCard *m_eventsCard = nullptr;
    SummaryCard *m_leadersCard = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_rescan = nullptr;
    QPushButton *m_stopButton = nullptr;
    RegistryTotalsModel *m_resources = nullptr;
    RegistryTotalsModel *m_namespaces = nullptr;
    RegistryObjectsModel *m_objects = nullptr;
    LeaderLeasesModel *m_leaseModel = nullptr;
    QTableView *m_resourceTable = nullptr;
    QTableView *m_namespaceTable = nullptr;
    QTableView *m_objectTable = nullptr;
    QTableView *m_leaseTable = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_namespace = nullptr;
    QLineEdit *m_selector = nullptr;
    QLabel *m_filterStatus = nullptr;
};

} // namespace etcd::ui
