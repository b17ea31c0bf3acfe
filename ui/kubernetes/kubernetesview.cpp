// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "kubernetes/kubernetesview.h"

#include "client/continuation.h"
#include "client/etcdclient.h"
#include "client/maintenance.h"
#include "common/format.h"
#include "common/icons.h"
#include "common/summarycard.h"
#include "k8s/labelselector.h"

#include <QComboBox>
#include <QDateTime>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace etcd::ui {

namespace {

QTableView *makeTable(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *t = new QTableView(parent);
    t->setObjectName(name);
    t->setModel(model);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

QWidget *titled(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *l = new QVBoxLayout(box);
    l->setContentsMargins(6, 6, 6, 6);
    l->addWidget(content);
    return box;
}

} // namespace

KubernetesView::KubernetesView(EtcdClient *client, QWidget *parent) : QWidget(parent), m_client(client)
{
    m_leases = new k8s::ControlPlaneLeases(client, QStringLiteral("kube-system"), this);
    m_resources = new RegistryTotalsModel(RegistryTotalsModel::Mode::Resources, this);
    m_namespaces = new RegistryTotalsModel(RegistryTotalsModel::Mode::Namespaces, this);
    m_objects = new RegistryObjectsModel(this);
    m_leaseModel = new LeaderLeasesModel(m_leases, this);
    connect(m_leases, &k8s::ControlPlaneLeases::changed, this, &KubernetesView::updateSummary);
    connect(m_leases, &k8s::ControlPlaneLeases::loaded, this, [this] {
        if (isLoaded())
            Q_EMIT loaded();
    });

    // The figures at the top.
    m_objectsCard = new SummaryCard(tr("Objects"), this);
    m_bytesCard = new SummaryCard(tr("In /registry/"), this);
    m_eventsCard = new SummaryCard(tr("Events"), this);
    m_leadersCard = new SummaryCard(tr("Control-plane leaders"), this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("kubernetesStatus"));
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    m_rescan = new QPushButton(icon(QStringLiteral("refresh")), tr("Rescan"), this);
    m_rescan->setToolTip(tr("Read the /registry/ tree again (keys and metadata; values are not kept)"));
    connect(m_rescan, &QPushButton::clicked, this, &KubernetesView::rescan);
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_stopButton->hide();
    connect(m_stopButton, &QPushButton::clicked, this, &KubernetesView::stopScan);
    auto *cards = new QHBoxLayout;
    for (SummaryCard *c : {m_objectsCard, m_bytesCard, m_eventsCard, m_leadersCard}) {
        // Long details are clipped rather than widening the window.
        c->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        c->setMinimumWidth(160);
        cards->addWidget(c, 1);
    }
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_stopButton);
    statusRow->addWidget(m_rescan);

    // Totals and leases.
    m_resourceTable = makeTable(m_resources, QStringLiteral("kubeResources"), this);
    m_namespaceTable = makeTable(m_namespaces, QStringLiteral("kubeNamespaces"), this);
    m_leaseTable = makeTable(m_leaseModel, QStringLiteral("kubeLeases"), this);
    const int x = fontMetrics().horizontalAdvance(QLatin1Char('x'));
    const int resourceWidths[] = {17, 15, 8, 9};
    for (int c = 0; c < 4; ++c)
        m_resourceTable->horizontalHeader()->resizeSection(c, resourceWidths[c] * x);
    m_namespaceTable->setColumnHidden(RegistryTotalsModel::Detail, true);
    m_namespaceTable->horizontalHeader()->resizeSection(RegistryTotalsModel::Name, 15 * x);
    m_namespaceTable->horizontalHeader()->resizeSection(RegistryTotalsModel::Objects, 8 * x);
    m_namespaceTable->horizontalHeader()->resizeSection(RegistryTotalsModel::Bytes, 9 * x);
    const int leaseWidths[] = {25, 30, 9, 8, 9};
    for (int c = 0; c < 5; ++c)
        m_leaseTable->horizontalHeader()->resizeSection(c, leaseWidths[c] * x);
    // A click on a resource or a namespace filters the objects by it.
    connect(m_resourceTable, &QTableView::clicked, this, [this](const QModelIndex &i) {
        setFilter(i.data(RegistryTotalsModel::FilterRole).toString(), m_namespace->currentData().toString(),
                  m_selector->text());
    });
    connect(m_namespaceTable, &QTableView::clicked, this, [this](const QModelIndex &i) {
        setFilter(m_kind->currentData().toString(), i.data(RegistryTotalsModel::FilterRole).toString(),
                  m_selector->text());
    });
    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(titled(tr("By resource"), m_resourceTable, this));
    top->addWidget(titled(tr("By namespace"), m_namespaceTable, this));
    top->addWidget(titled(tr("Control-plane leases (kube-system, live)"), m_leaseTable, this));
    top->setSizes({560, 330, 560});

    // Objects, filtered.
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kubeKindFilter"));
    m_kind->setMinimumContentsLength(18);
    m_namespace = new QComboBox(this);
    m_namespace->setObjectName(QStringLiteral("kubeNamespaceFilter"));
    m_namespace->setMinimumContentsLength(14);
    m_selector = new QLineEdit(this);
    m_selector->setObjectName(QStringLiteral("kubeLabelSelector"));
    m_selector->setPlaceholderText(tr("Label selector, e.g. app=web,tier!=db or env in (prod,staging)"));
    m_selector->setClearButtonEnabled(true);
    m_filterStatus = new QLabel(this);
    m_filterStatus->setObjectName(QStringLiteral("kubeFilterStatus"));
    connect(m_kind, &QComboBox::activated, this, &KubernetesView::applyFilter);
    connect(m_namespace, &QComboBox::activated, this, &KubernetesView::applyFilter);
    connect(m_selector, &QLineEdit::textChanged, this, &KubernetesView::applyFilter);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(new QLabel(tr("Kind"), this));
    filterRow->addWidget(m_kind);
    filterRow->addWidget(new QLabel(tr("Namespace"), this));
    filterRow->addWidget(m_namespace);
    filterRow->addWidget(m_selector, 1);
    filterRow->addWidget(m_filterStatus);
    m_objectTable = makeTable(m_objects, QStringLiteral("kubeObjects"), this);
    m_objectTable->setSortingEnabled(true);
    m_objectTable->horizontalHeader()->setSortIndicator(RegistryObjectsModel::Size, Qt::DescendingOrder);
    const int objectWidths[] = {22, 16, 40, 10, 50};
    for (int c = 0; c < 5; ++c)
        m_objectTable->horizontalHeader()->resizeSection(c, objectWidths[c] * x);
    m_objectTable->setToolTip(tr("Double-click an object to open it in the key view"));
    connect(m_objectTable, &QTableView::doubleClicked, this,
            [this](const QModelIndex &i) { Q_EMIT openKey(m_objects->keyAt(i.row())); });
    auto *objects = new QWidget(this);
    auto *objectsLayout = new QVBoxLayout(objects);
    objectsLayout->setContentsMargins(0, 0, 0, 0);
    objectsLayout->addLayout(filterRow);
    objectsLayout->addWidget(m_objectTable, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(titled(tr("Objects (largest first)"), objects, this));
    split->setSizes({300, 420});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(cards);
    layout->addLayout(statusRow);
    layout->addWidget(split, 1);
    updateSummary();
}

KubernetesView::~KubernetesView()
{
    m_stop.requestStop();
}

void KubernetesView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    start();
}

void KubernetesView::start()
{
    if (m_started)
        return;
    m_started = true;
    m_leases->start();
    rescan();
}

void KubernetesView::rescan()
{
    if (!m_client || m_scanning)
        return;
    m_scanning = true;
    m_stop = StopToken();
    m_progress->setRange(0, 0);
    m_progress->show();
    m_stopButton->show();
    m_rescan->setEnabled(false);
    updateSummary();
    auto future = k8s::scanRegistry(m_client, m_stop);
    auto *watcher = new QFutureWatcher<EtcdResult<k8s::RegistryScan>>(this);
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, m_progress, &QProgressBar::setRange);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(future);
    whenFinished(future, this, [this](const EtcdResult<k8s::RegistryScan> &r) { onScanned(r); });
}

void KubernetesView::stopScan()
{
    m_stop.requestStop();
}

void KubernetesView::onScanned(const EtcdResult<k8s::RegistryScan> &result)
{
    m_scanning = false;
    m_progress->hide();
    m_stopButton->hide();
    m_rescan->setEnabled(true);
    if (!result.ok()) {
        m_status->setText(tr("Cannot read /registry/: %1").arg(result.error().toString()));
        return;
    }
    if (result->cancelled) {
        m_status->setText(tr("Scan stopped; the figures shown are from the previous scan."));
        return;
    }
    m_scan = std::make_shared<const k8s::RegistryScan>(result.value());
    // The database's size, for events' share of it (one status call per scan).
    whenFinished(m_client->maintenance().statusAll(), this, [this](const QVector<EndpointStatus> &all) {
        for (const EndpointStatus &st : all)
            if (st.ok() && st.dbSize > 0) {
                m_dbSize = st.dbSizeInUse > 0 ? st.dbSizeInUse : st.dbSize;
                updateSummary();
                return;
            }
    });
    m_resources->setScan(m_scan);
    m_namespaces->setScan(m_scan);
    fillFilterChoices();
    applyFilter();
    updateSummary();
    if (isLoaded())
        Q_EMIT loaded();
}

void KubernetesView::fillFilterChoices()
{
    const QString kind = m_kind->currentData().toString(), ns = m_namespace->currentData().toString();
    m_kind->clear();
    m_kind->addItem(tr("All kinds"), QString());
    QStringList kinds;
    for (const k8s::ResourceTotals &r : m_scan->resources)
        kinds << (r.info.kind.isEmpty() ? r.info.kindOrResource() : r.info.kind);
    kinds.removeDuplicates();
    kinds.sort(Qt::CaseInsensitive);
    for (const QString &k : kinds)
        m_kind->addItem(k, k);
    m_namespace->clear();
    m_namespace->addItem(tr("All namespaces"), QString());
    QStringList namespaces;
    for (const k8s::NamespaceTotals &n : m_scan->namespaces)
        if (!n.ns.isEmpty())
            namespaces << n.ns;
    namespaces.sort();
    for (const QString &n : namespaces)
        m_namespace->addItem(n, n);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(kind)));
    m_namespace->setCurrentIndex(std::max(0, m_namespace->findData(ns)));
}

void KubernetesView::setFilter(const QString &kind, const QString &ns, const QString &labelSelector)
{
    if (m_kind->findData(kind) < 0 && !kind.isEmpty())
        m_kind->addItem(kind, kind);
    if (m_namespace->findData(ns) < 0 && !ns.isEmpty())
        m_namespace->addItem(ns, ns);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(kind)));
    m_namespace->setCurrentIndex(std::max(0, m_namespace->findData(ns)));
    if (m_selector->text() != labelSelector)
        m_selector->setText(labelSelector); // applies through textChanged
    else
        applyFilter();
}

QString KubernetesView::filterError() const
{
    return k8s::LabelSelector::parse(m_selector->text()).error();
}

void KubernetesView::applyFilter()
{
    const QString error = filterError();
    if (!error.isEmpty()) {
        // What the user typed stays; the list keeps its last good result.
        m_filterStatus->setText(tr("<span style='color:#c62828'>%1</span>").arg(error.toHtmlEscaped()));
        m_selector->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #c62828; }"));
        return;
    }
    m_selector->setStyleSheet(QString());
    if (!m_scan)
        return;
    const k8s::RegistryFilter filter{m_kind->currentData().toString(), m_namespace->currentData().toString(),
                                     m_selector->text()};
    const int generation = ++m_filterGeneration;
    const SharedScan scan = m_scan;
    // Labels are parsed per object: off the GUI thread, the newest filter wins.
    auto future = QtConcurrent::run([scan, filter] { return k8s::filterObjects(*scan, filter); });
    whenFinished(future, this, [this, generation, scan](const QVector<int> &rows) {
        if (generation != m_filterGeneration)
            return;
        m_objects->setRows(scan, rows);
        m_filterStatus->setText(
            tr("%1 of %2 objects").arg(QLocale().toString(rows.size()), QLocale().toString(scan->index.size())));
        Q_EMIT filtered(int(rows.size()));
    });
}

QString KubernetesView::summaryText() const
{
    return m_status->text();
}

void KubernetesView::updateSummary()
{
    int leaders = 0, held = 0;
    QStringList holders;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const auto &[key, lease] : m_leases->leases()) {
        if (!lease.isLeaderElection())
            continue;
        ++leaders;
        held += lease.isFresh(now) ? 1 : 0;
        holders << lease.name + QStringLiteral(": ") + lease.holder.section(QLatin1Char('_'), 0, 0);
    }
    m_leadersCard->setValue(m_leases->isLoaded() ? tr("%1 of %2 held").arg(held).arg(leaders) : tr("…"),
                            holders.join(QStringLiteral(" · ")));
    if (!m_scan) {
        m_objectsCard->setValue(tr("…"));
        m_bytesCard->setValue(tr("…"));
        m_eventsCard->setValue(tr("…"));
        m_status->setText(m_scanning ? tr("Reading /registry/ (keys and metadata)…") : QString());
        return;
    }
    const k8s::RegistryScan &s = *m_scan;
    const QLocale locale;
    qint64 encrypted = 0;
    for (const k8s::ResourceTotals &r : s.resources)
        encrypted += r.encrypted;
    m_objectsCard->setValue(locale.toString(s.objects),
                            tr("%n kind(s), %1 namespaces", nullptr, int(s.resources.size()))
                                    .arg(std::max<qsizetype>(0, s.namespaces.size() - 1)) +
                                (encrypted ? tr(" · %n encrypted at rest", nullptr, int(encrypted)) : QString()));
    m_bytesCard->setValue(formatBytes(s.bytes), tr("values' bytes at revision %1").arg(s.revision));
    const qint64 events = s.eventBytes();
    m_eventsCard->setValue(
        s.bytes > 0 ? QStringLiteral("%1 %").arg(100.0 * double(events) / double(s.bytes), 0, 'f', 1)
                    : QStringLiteral("0 %"),
        tr("%1 events, %2 of the bytes").arg(locale.toString(s.eventObjects()), formatBytes(events)) +
            (m_dbSize > 0 ? tr("; %1 % of %2 in use")
                                .arg(100.0 * double(events) / double(m_dbSize), 0, 'f', 1)
                                .arg(formatBytes(m_dbSize))
                          : QString()));
    if (!m_scanning) {
        QString text = tr("Scanned at revision %1").arg(s.revision);
        if (s.otherKeys > 0)
            text += tr("; %n other key(s) under /registry/ of no known layout", nullptr, int(s.otherKeys));
        if (s.objects == 0)
            text = tr("No Kubernetes objects: this etcd holds no /registry/ tree (kube-apiserver's).");
        m_status->setText(text);
    }
}

} // namespace etcd::ui
