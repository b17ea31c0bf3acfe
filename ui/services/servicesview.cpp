// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "services/servicesview.h"

#include "common/watchliveness.h"

#include "common/icons.h"
#include "services/servicesmodel.h"
#include "format/valueformat.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QTreeView>
#include <QVBoxLayout>

namespace etcd::ui {

ServicesView::ServicesView(EtcdClient *client, QWidget *parent) : QWidget(parent), m_client(client)
{
    m_liveness = new WatchLiveness(client, this);
    connect(m_liveness, &WatchLiveness::changed, this, &ServicesView::updateStatus);
    m_prefix = new QLineEdit(QStringLiteral("/services/"), this);
    m_prefix->setObjectName(QStringLiteral("servicesPrefix"));
    m_prefix->setToolTip(tr("Where services register: <prefix><service>/<instance> or <prefix><service>/instances/<id>"));
    connect(m_prefix, &QLineEdit::returnPressed, this, [this] {
        bool ok = false;
        const QByteArray p = keyFromDisplay(m_prefix->text(), &ok);
        if (ok && !p.isEmpty())
            setPrefix(p);
        else
            m_status->setText(tr("Cannot read that prefix: use \\xNN for bytes that are not text"));
    });

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("servicesTree"));
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("servicesStatus"));

    // The demonstration: register an instance with a lease and keep it alive.
    auto *demo = new QGroupBox(tr("Register a test instance"), this);
    m_service = new QLineEdit(QStringLiteral("demo-api"), demo);
    m_instance = new QLineEdit(demo);
    m_instance->setPlaceholderText(tr("generated"));
    m_ttl = new QSpinBox(demo);
    m_ttl->setRange(2, 3600);
    m_ttl->setValue(10);
    m_ttl->setSuffix(tr(" s"));
    m_register = new QPushButton(icon(QStringLiteral("add")), tr("Register"), demo);
    m_register->setObjectName(QStringLiteral("registerButton"));
    m_register->setToolTip(tr("Grant a lease, put the instance's JSON on it (only if the key is free) and keep the lease alive"));
    m_deregister = new QPushButton(icon(QStringLiteral("remove")), tr("Deregister all"), demo);
    m_deregister->setObjectName(QStringLiteral("deregisterButton"));
    m_deregister->setToolTip(tr("Revoke the leases of the instances registered here: etcd deletes their keys at once"));
    connect(m_register, &QPushButton::clicked, this, [this] {
        QString id = m_instance->text().trimmed();
        if (id.isEmpty())
            id = QStringLiteral("i-%1").arg(QRandomGenerator::global()->bounded(0x10000), 4, 16, QLatin1Char('0'));
        registerTestInstance(m_service->text().trimmed(), id, m_ttl->value());
    });
    connect(m_deregister, &QPushButton::clicked, this, &ServicesView::deregisterTestInstances);
    auto *form = new QHBoxLayout(demo);
    form->addWidget(new QLabel(tr("Service"), demo));
    form->addWidget(m_service, 2);
    form->addWidget(new QLabel(tr("Instance"), demo));
    form->addWidget(m_instance, 2);
    form->addWidget(new QLabel(tr("TTL"), demo));
    form->addWidget(m_ttl);
    form->addWidget(m_register);
    form->addWidget(m_deregister);
    const bool writable = m_client && !m_client->isReadOnly();
    demo->setEnabled(writable);
    if (!writable)
        demo->setToolTip(tr("Read-only connection: nothing can be registered from here"));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Prefix:"), this));
    top->addWidget(m_prefix, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);
    layout->addWidget(demo);
    layout->addWidget(m_status);

    rebuild("/services/");
}

void ServicesView::rebuild(const QByteArray &prefix)
{
    delete m_model;
    delete m_registry;
    m_registry = new ServiceRegistry(m_client, prefix, this);
    m_registry->setLeaseMonitor(m_leaseMonitor);
    m_registry->setLooking(isVisible());
    m_model = new ServicesModel(m_registry, this);
    m_tree->setModel(m_model);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    const QFontMetrics fm(font());
    const int widths[] = {20, 22, 10, 19, 19, 22, 40};
    for (int c = 0; c < ServicesModel::ColumnCount; ++c)
        m_tree->header()->resizeSection(c, widths[c] * fm.horizontalAdvance(QLatin1Char('x')));
    m_tree->header()->setStretchLastSection(true);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (!parent.isValid())
            m_tree->expandAll();
        updateStatus();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_tree->expandAll();
        updateStatus();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ServicesView::updateStatus);
    connect(m_registry, &ServiceRegistry::loaded, this, [this] {
        updateStatus();
        Q_EMIT loaded();
    });
    connect(m_registry, &ServiceRegistry::failed, this,
            [this](const EtcdError &e) { m_status->setText(tr("Cannot read the services: %1").arg(e.toString())); });
    if (m_started)
        m_registry->start();
}

void ServicesView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_registry->setLooking(true);
}

void ServicesView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_registry->setLooking(false); // nobody looks at the TTLs: no TTL requests for them
}

void ServicesView::setLeaseMonitor(LeaseMonitor *monitor)
{
    m_leaseMonitor = monitor;
    m_registry->setLeaseMonitor(monitor);
    m_registry->setLooking(isVisible());
}

void ServicesView::start()
{
    m_started = true;
    m_registry->start();
}

void ServicesView::setPrefix(const QByteArray &prefix)
{
    m_prefix->setText(displayKey(prefix));
    rebuild(prefix);
}

QString ServicesView::statusText() const
{
    return m_status->text();
}

void ServicesView::updateStatus()
{
    if (!m_registry->isLoaded()) {
        m_status->setText(tr("Listing services…"));
        return;
    }
    const int services = m_model->rowCount();
    const int instances = int(m_registry->instances().size());
    m_status->setText(tr("%n service(s)", nullptr, services) + QStringLiteral(", ") +
                      tr("%n instance(s)", nullptr, instances) +
                      tr(" under %1").arg(displayKey(m_registry->prefix())) + m_liveness->suffix({}));
}

ServiceRegistration *ServicesView::registerTestInstance(const QString &service, const QString &id, qint64 ttl)
{
    if (!m_client || m_client->isReadOnly())
        return nullptr;
    ServiceRegistration::Instance instance;
    instance.prefix = m_registry->prefix();
    instance.service = service;
    instance.id = id;
    instance.ttl = ttl;
    instance.port = 8000 + int(QRandomGenerator::global()->bounded(1000));
    auto *registration = new ServiceRegistration(m_client, instance, this);
    connect(registration, &ServiceRegistration::registered, this, [this](const QByteArray &key, qint64 lease) {
        m_status->setText(tr("Registered %1 on lease %2, kept alive by this console").arg(displayKey(key)).arg(lease, 0, 16));
    });
    connect(registration, &ServiceRegistration::failed, this, [this, registration](const EtcdError &e) {
        m_status->setText(tr("Not registered: %1").arg(e.toString()));
        m_registrations.removeAll(registration);
        registration->deleteLater();
    });
    connect(registration, &ServiceRegistration::deregistered, registration, &QObject::deleteLater);
    m_registrations << registration;
    registration->start();
    return registration;
}

void ServicesView::deregisterTestInstances()
{
    for (const QPointer<ServiceRegistration> &r : std::as_const(m_registrations))
        if (r)
            r->deregister();
    m_registrations.clear();
}

} // namespace etcd::ui
