#include "mainwindow.h"

#include "connectionpage.h"
#include "keybrowser.h"

#include <QApplication>
#include <QCloseEvent>
#include <QTabWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

#include <grpcpp/grpcpp.h>

namespace etcd::ui {

namespace {
QLabel *statusLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setContentsMargins(6, 0, 6, 0);
    return label;
}
} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("views"));
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    m_connectionPage = new ConnectionPage(this);
    addView(QStringLiteral("connection"), tr("Cluster"), m_connectionPage);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About etcd console"), this, &MainWindow::showAbout);

    m_state = statusLabel(this, QStringLiteral("statusState"));
    m_endpoint = statusLabel(this, QStringLiteral("statusEndpoint"));
    m_leader = statusLabel(this, QStringLiteral("statusLeader"));
    m_revision = statusLabel(this, QStringLiteral("statusRevision"));
    m_badge = statusLabel(this, QStringLiteral("statusBadge"));
    m_badge->hide();
    statusBar()->addWidget(m_state);
    statusBar()->addWidget(m_endpoint);
    statusBar()->addWidget(m_leader);
    statusBar()->addWidget(m_revision);
    statusBar()->addPermanentWidget(m_badge);
    m_state->setText(tr("Not connected"));
    resize(1180, 720);
    setConnectionTitle(QString(), false, false);
}

void MainWindow::addView(const QString &id, const QString &title, QWidget *view, bool first)
{
    view->setObjectName(id + QStringLiteral("View"));
    if (first) {
        m_viewIds.prepend(id);
        m_tabs->insertTab(0, view, title);
    } else {
        m_viewIds << id;
        m_tabs->addTab(view, title);
    }
}

bool MainWindow::showView(const QString &id)
{
    const int i = m_viewIds.indexOf(id);
    if (i < 0)
        return false;
    m_tabs->setCurrentIndex(i);
    return true;
}

QWidget *MainWindow::view(const QString &id) const
{
    const int i = m_viewIds.indexOf(id);
    return i < 0 ? nullptr : m_tabs->widget(i);
}

QStringList MainWindow::viewIds() const
{
    return m_viewIds;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Unsaved edits are not thrown away by closing the window.
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *browser = qobject_cast<KeyBrowser *>(m_tabs->widget(i)); browser && !browser->confirmClose()) {
            m_tabs->setCurrentIndex(i);
            event->ignore();
            return;
        }
    }
    event->accept();
}

void MainWindow::setConnectionTitle(const QString &name, bool readOnly, bool sandbox)
{
    QString title = QStringLiteral("etcd console");
    if (!name.isEmpty())
        title += QStringLiteral(" — ") + name;
    QStringList badges;
    if (sandbox)
        badges << tr("SANDBOX");
    if (readOnly)
        badges << tr("READ-ONLY");
    if (!badges.isEmpty())
        title += QStringLiteral(" [%1]").arg(badges.join(QLatin1String(", ")));
    setWindowTitle(title);
    m_badge->setVisible(!badges.isEmpty());
    m_badge->setText(badges.join(QLatin1String(" · ")));
    m_badge->setStyleSheet(
        readOnly ? QStringLiteral("QLabel { background: #1565c0; color: white; font-weight: 600; padding: 1px 6px; }")
                 : QStringLiteral("QLabel { background: #6a1b9a; color: white; font-weight: 600; padding: 1px 6px; }"));
}

void MainWindow::attach(EtcdClient *client, ClusterMonitor *monitor)
{
    m_client = client;
    m_monitor = monitor;
    m_connectionPage->setMonitor(monitor, client);
    connect(monitor, &ClusterMonitor::updated, this, &MainWindow::onUpdated);
    m_state->setText(tr("● Connecting…"));
    m_endpoint->setText(tr("Endpoint: %1").arg(client->currentEndpoint()));
}

void MainWindow::showMessage(const QString &title, const QString &detail, bool isError)
{
    m_connectionPage->showMessage(title, detail, isError);
    m_state->setText(title);
}

QString MainWindow::statusSummary() const
{
    QStringList parts{m_state->text(), m_endpoint->text(), m_leader->text(), m_revision->text()};
    if (m_badge->isVisible())
        parts << m_badge->text();
    parts.removeAll(QString());
    return parts.join(QLatin1String(" | "));
}

void MainWindow::onUpdated(const ClusterMonitor::Snapshot &s)
{
    static const char *colors[] = {"#607d8b", "#2e7d32", "#ef6c00", "#c62828"};
    const char *color = colors[static_cast<int>(s.state)];
    m_state->setText(QStringLiteral("<span style='color:%1'>●</span> %2")
                         .arg(QLatin1String(color), ClusterMonitor::stateName(s.state)));
    m_endpoint->setText(tr("Endpoint: %1").arg(s.currentEndpoint));
    m_leader->setText(s.leaderId ? tr("Leader: %1").arg(s.leaderName) : tr("Leader: none"));
    m_revision->setText(s.revision ? tr("Revision: %1").arg(s.revision) : QString());
    for (const EndpointStatus &e : s.endpoints)
        if (e.ok())
            m_etcdVersion = e.version;
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About etcd console"),
                       tr("<h3>etcd console %1</h3>"
                          "<p>A desktop dashboard and admin console for etcd v3 clusters.</p>"
                          "<p>Qt %2 · gRPC %3 · etcd %4</p>")
                           .arg(QLatin1String(ETCDCONSOLE_VERSION), QLatin1String(qVersion()),
                                QString::fromStdString(grpc::Version()),
                                m_etcdVersion.isEmpty() ? tr("(not connected)") : m_etcdVersion));
}

} // namespace etcd::ui
