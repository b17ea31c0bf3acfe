// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "state/services/serviceregistration.h"
#include "state/services/serviceregistry.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeView;

namespace etcd::ui {

class ServicesModel;

// Registered services under a prefix (default /services/), grouped by service, live; and a small
// form to register a test instance (lease + keepalive) and deregister it, to show how registration
// works. On a read-only connection the form is disabled.
class ServicesView : public QWidget
{
    Q_OBJECT
public:
    explicit ServicesView(EtcdClient *client, QWidget *parent = nullptr);

    void start();
    void setPrefix(const QByteArray &prefix); // lists again under the new prefix
    void setLeaseMonitor(LeaseMonitor *monitor); // TTLs from it rather than polled a second time
    ServiceRegistry *registry() const { return m_registry; }
    ServicesModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    QString statusText() const;

    // The form's actions (also used by tests). registerTestInstance() returns the registration
    // (nullptr when read-only); deregisterTestInstances() revokes every lease registered here.
    ServiceRegistration *registerTestInstance(const QString &service, const QString &id, qint64 ttl);
    void deregisterTestInstances();
    int testInstanceCount() const { return int(m_registrations.size()); }

Q_SIGNALS:
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateStatus();
    void rebuild(const QByteArray &prefix);

    QPointer<EtcdClient> m_client;
    ServiceRegistry *m_registry = nullptr;
    ServicesModel *m_model = nullptr;
    QLineEdit *m_prefix = nullptr;
    QTreeView *m_tree = nullptr;
    QLabel *m_status = nullptr;
    class WatchLiveness *m_liveness = nullptr;
    QLineEdit *m_service = nullptr;
    QLineEdit *m_instance = nullptr;
    QSpinBox *m_ttl = nullptr;
    QPushButton *m_register = nullptr;
    QPushButton *m_deregister = nullptr;
    QVector<QPointer<ServiceRegistration>> m_registrations;
    bool m_started = false;
    QPointer<LeaseMonitor> m_leaseMonitor;
};

} // namespace etcd::ui
