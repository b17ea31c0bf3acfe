// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "mainwindow.h"

#include "common/banner.h"
#include "cluster/connectionpage.h"
#include "cluster/maintenancepanel.h"
#include "common/icons.h"
#include "keys/keybrowser.h"
#include "common/theme.h"

#include <QActionGroup>
#include <QDialog>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QApplication>
#include <QCloseEvent>
#include <QColor>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>


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
    auto *central = new QWidget(this);
    auto *column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    m_stripe = new QWidget(central);
    m_stripe->setObjectName(QStringLiteral("colorStripe"));
    m_stripe->setFixedHeight(5);
    m_stripe->hide();
    m_notice = new Banner(central);
    m_notice->setObjectName(QStringLiteral("noticeBanner"));
    m_connectionBanner = new Banner(central);
    m_connectionBanner->setObjectName(QStringLiteral("connectionBanner"));
    connect(m_connectionBanner, &Banner::actionTriggered, this, [this] {
        if (m_monitor)
            m_monitor->pollNow();
    });
    column->addWidget(m_stripe);
    column->addWidget(m_notice);
    column->addWidget(m_connectionBanner);
    column->addWidget(m_tabs, 1);
    setCentralWidget(central);
    m_connectionPage = new ConnectionPage(this);
    addView(QStringLiteral("connection"), tr("Cluster"), m_connectionPage);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction = file->addAction(tr("&Connect to cluster…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                                             this, &MainWindow::connectRequested);
    connectAction->setObjectName(QStringLiteral("connectAction"));
    connectAction->setIcon(icon(QStringLiteral("connect")));
    file->addAction(tr("&Close window"), QKeySequence::Close, this, &QWidget::close);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows)
        ->setIcon(icon(QStringLiteral("quit")));
    // Edit: the two ways to a key, from any view (they switch to Keys).
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    QAction *goTo = edit->addAction(icon(QStringLiteral("go-to")), tr("&Go to key…"), QKeySequence(Qt::CTRL | Qt::Key_L),
                                    this, [this] { focusKeys(true); });
    goTo->setObjectName(QStringLiteral("goToKeyAction"));
    QAction *filter = edit->addAction(icon(QStringLiteral("filter")), tr("&Filter keys…"), QKeySequence::Find, this,
                                      [this] { focusKeys(false); });
    filter->setObjectName(QStringLiteral("filterKeysAction"));
    // View: every view by number, the next and the previous, the theme.
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    QAction *next = m_viewMenu->addAction(tr("&Next view"), QKeySequence(Qt::CTRL | Qt::Key_Tab), this,
                                          [this] { m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count()); });
    next->setObjectName(QStringLiteral("nextViewAction"));
    QAction *previous = m_viewMenu->addAction(tr("&Previous view"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab), this, [this] {
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
    });
    previous->setObjectName(QStringLiteral("previousViewAction"));
    for (QAction *a : {next, previous})
        a->setShortcutContext(Qt::WindowShortcut);
    m_viewMenu->addSeparator();
    m_viewsSeparator = m_viewMenu->addSeparator();
    addThemeMenu(m_viewMenu);
    updateViewActions();
    // Key: the key browser's actions (filled when the Keys view arrives); Cluster: its view and a poll.
    m_keyMenu = menuBar()->addMenu(tr("&Key"));
    m_keyMenu->setObjectName(QStringLiteral("keyMenu"));
    m_keyMenu->setEnabled(false);
    QMenu *cluster = menuBar()->addMenu(tr("&Cluster"));
    cluster->setObjectName(QStringLiteral("clusterMenu"));
    QAction *pollNow = cluster->addAction(icon(QStringLiteral("refresh")), tr("&Poll the members now"),
                                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), this, [this] {
                                              if (m_monitor)
                                                  m_monitor->pollNow();
                                          });
    pollNow->setObjectName(QStringLiteral("pollNowAction"));
    m_clusterMenu = cluster;
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    m_helpMenu = help;
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, this, &MainWindow::showShortcuts);
    keys->setObjectName(QStringLiteral("shortcutsAction"));
    QAction *aboutAction =
        help->addAction(icon(QStringLiteral("about")), tr("&About etcd console"), this, &MainWindow::showAbout);
    aboutAction->setObjectName(QStringLiteral("aboutAction"));

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
    if (auto *browser = qobject_cast<KeyBrowser *>(view)) {
        // Every key action in the Key menu, with its shortcut (the tree keeps Del to itself).
        m_keyMenu->clear();
        for (QAction *a : browser->menuActions()) {
            if (a)
                m_keyMenu->addAction(a);
            else
                m_keyMenu->addSeparator();
        }
        m_keyMenu->setEnabled(true);
    }
    updateViewActions();
}

void MainWindow::updateViewActions()
{
    if (!m_viewMenu)
        return; // the constructor's first view comes before the menus; they list it when made
    // Alt+1..9 in tab order, whatever order the views were added in.
    for (QAction *a : std::as_const(m_viewActions))
        delete a;
    m_viewActions.clear();
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *a = new QAction(m_tabs->tabText(i), this);
        a->setObjectName(QStringLiteral("showView%1Action").arg(i + 1));
        if (i < 9)
            a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, [this, i] { m_tabs->setCurrentIndex(i); });
        m_viewMenu->insertAction(m_viewsSeparator, a);
        m_viewActions << a;
    }
}

void MainWindow::focusKeys(bool pathBar)
{
    const int i = m_viewIds.indexOf(QStringLiteral("keys"));
    auto *browser = i < 0 ? nullptr : qobject_cast<KeyBrowser *>(m_tabs->widget(i));
    if (!browser)
        return;
    m_tabs->setCurrentIndex(i);
    if (pathBar)
        browser->focusPathBar();
    else
        browser->focusFilter();
}

QString MainWindow::shortcutList() const
{
    QStringList lines;
    std::function<void(const QMenu *, const QString &)> walk = [&](const QMenu *menu, const QString &where) {
        for (QAction *a : menu->actions()) {
            if (a->isSeparator())
                continue;
            const QString name = QString(a->text()).remove(QLatin1Char('&'));
            if (a->menu()) {
                walk(a->menu(), where + QStringLiteral(" ▸ ") + name);
                continue;
            }
            if (!a->shortcut().isEmpty())
                lines << QStringLiteral("%1\t%2\t%3").arg(a->shortcut().toString(QKeySequence::NativeText), where.mid(3), name);
        }
    };
    for (QAction *top : menuBar()->actions())
        if (top->menu())
            walk(top->menu(), QStringLiteral(" ▸ ") + QString(top->text()).remove(QLatin1Char('&')));
    return lines.join(QLatin1Char('\n'));
}

void MainWindow::showShortcuts()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("shortcutsDialog"));
    dialog->setWindowTitle(tr("Keyboard shortcuts"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *table = new QTableWidget(dialog);
    const QStringList lines = shortcutList().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    table->setColumnCount(3);
    table->setRowCount(int(lines.size()));
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Menu"), tr("Action")});
    for (int r = 0; r < lines.size(); ++r) {
        const QStringList cells = lines.at(r).split(QLatin1Char('\t'));
        for (int c = 0; c < 3 && c < cells.size(); ++c)
            table->setItem(r, c, new QTableWidgetItem(cells.at(c)));
    }
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnsToContents();
    auto *note = new QLabel(tr("Also: Down or Enter in the filter box moves into the results; Enter in the path bar "
                               "goes to the key's row; Tab in the path bar completes a key from the tree; Del and "
                               "Shift+Del act on the tree only."),
                            dialog);
    note->setWordWrap(true);
    auto *close = new QPushButton(tr("Close"), dialog);
    connect(close, &QPushButton::clicked, dialog, &QDialog::accept);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(table, 1);
    layout->addWidget(note);
    layout->addWidget(close, 0, Qt::AlignRight);
    dialog->resize(640, 520);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
    table->setFocus();
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
    saveLayout();
    event->accept();
    Q_EMIT aboutToClose();
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/view"), m_viewIds.value(m_tabs->currentIndex()));
    for (const QSplitter *splitter : findChildren<QSplitter *>())
        if (!splitter->objectName().isEmpty())
            settings.setValue(QStringLiteral("splitters/") + splitter->objectName(), splitter->saveState());
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        const QByteArray state = settings.value(QStringLiteral("splitters/") + splitter->objectName()).toByteArray();
        if (!splitter->objectName().isEmpty() && !state.isEmpty())
            splitter->restoreState(state);
    }
}

void MainWindow::setColorTag(const QString &color)
{
    m_colorTag = QColor::isValidColorName(color) ? QColor(color).name() : QString();
    m_stripe->setVisible(!m_colorTag.isEmpty());
    m_stripe->setStyleSheet(QStringLiteral("background: %1;").arg(m_colorTag));
    setConnectionTitle(m_title, m_readOnly, m_sandbox);
}

void MainWindow::setConnectionTitle(const QString &name, bool readOnly, bool sandbox)
{
    m_title = name;
    m_readOnly = readOnly;
    m_sandbox = sandbox;
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
    if (!m_colorTag.isEmpty() && !name.isEmpty())
        badges.prepend(name);
    m_badge->setVisible(!badges.isEmpty());
    m_badge->setText(badges.join(QLatin1String(" · ")));
    QString background = readOnly ? QStringLiteral("#1565c0") : QStringLiteral("#6a1b9a");
    if (!m_colorTag.isEmpty())
        background = m_colorTag;
    const QString foreground =
        QColor(background).lightnessF() > 0.6 ? QStringLiteral("black") : QStringLiteral("white");
    m_badge->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; font-weight: 600; padding: 1px 6px; }")
                               .arg(background, foreground));
}

void MainWindow::attach(EtcdClient *client, ClusterMonitor *monitor)
{
    m_client = client;
    m_monitor = monitor;
    m_connectionPage->setMonitor(monitor, client);
    if (MaintenancePanel *maintenance = m_connectionPage->maintenancePanel()) {
        m_clusterMenu->addSeparator();
        maintenance->fillMenu(m_clusterMenu);
    }
    connect(monitor, &ClusterMonitor::updated, this, &MainWindow::onUpdated);
    m_state->setText(tr("● Connecting…"));
    m_endpoint->setText(tr("Endpoint: %1").arg(client->currentEndpoint()));
    if (client->configError()) {
        // Nothing can work until the settings are fixed: say so, not "degraded".
        m_configError = client->configError().toString();
        m_state->setText(tr("<span style='color:#c62828'>●</span> Configuration error"));
        m_state->setToolTip(m_configError);
        m_connectionBanner->showMessage(Banner::Kind::Error,
                                        tr("<b>Configuration error</b>: %1").arg(m_configError.toHtmlEscaped()));
    }
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
    if (!m_configError.isEmpty())
        return; // every call fails with the same error: the polls have nothing to add
    static const char *colors[] = {"#607d8b", "#2e7d32", "#ef6c00", "#c62828", "#b71c1c"};
    const char *color = colors[static_cast<int>(s.state)];
    m_state->setText(QStringLiteral("<span style='color:%1'>●</span> %2")
                         .arg(QLatin1String(color), ClusterMonitor::stateName(s.state)));
    m_endpoint->setText(tr("Endpoint: %1").arg(s.currentEndpoint));
    m_leader->setText(s.leaderId ? tr("Leader: %1").arg(s.leaderName) : tr("Leader: none"));
    m_clusterRevision = s.revision;
    updateRevision();
    for (const EndpointStatus &e : s.endpoints)
        if (e.ok())
            m_etcdVersion = e.version;
    updateConnectionBanner(s);
}

void MainWindow::setAppliedRevision(qint64 revision)
{
    m_appliedRevision = revision;
    updateRevision();
}

void MainWindow::updateRevision()
{
    // One revision: the one the views applied. etcd's own head (from the status poll) is a tooltip.
    const qint64 shown = m_appliedRevision > 0 ? m_appliedRevision : m_clusterRevision;
    m_revision->setText(shown ? tr("Revision: %1").arg(shown) : QString());
    m_revision->setToolTip(m_appliedRevision > 0
                               ? tr("The views have applied every change up to revision %1; etcd reported %2 at its "
                                    "last status poll.")
                                     .arg(m_appliedRevision)
                                     .arg(m_clusterRevision)
                               : tr("etcd's revision at its last status poll."));
}

void MainWindow::updateConnectionBanner(const ClusterMonitor::Snapshot &s)
{
    if (s.state == ClusterMonitor::State::NoQuorum) {
        if (!m_noQuorumSince.isValid())
            m_noQuorumSince = QDateTime::currentDateTime();
        m_connectionBanner->showMessage(
            Banner::Kind::Error,
            tr("<b>No quorum: writes and linearizable reads fail.</b> %1 of %2 members answer, %3 are needed: %4. "
               "Lease keep-alives fail too. The views show what they had at %5 and catch up once a majority is "
               "back; unsaved edits are kept.")
                .arg(s.answering)
                .arg(s.voters)
                .arg(s.quorum)
                .arg(s.downInWords().join(QStringLiteral("; ")).toHtmlEscaped(),
                     s.lastQuorumAt.isValid() ? s.lastQuorumAt.toString(QStringLiteral("HH:mm:ss")) : tr("their last update")),
            tr("Retry now"));
        m_connectionBanner->setToolTip(s.lastError.toString());
        return;
    }
    if (m_noQuorumSince.isValid() && s.state != ClusterMonitor::State::Connecting && s.state != ClusterMonitor::State::Unreachable &&
        s.leaderId != 0) {
        const qint64 seconds = m_noQuorumSince.secsTo(QDateTime::currentDateTime());
        m_noQuorumSince = QDateTime();
        m_connectionBanner->showMessage(Banner::Kind::Success,
                                        tr("<b>Quorum restored</b> after %n second(s): %1 leads; writes work again.",
                                           nullptr, int(seconds))
                                            .arg(s.leaderName.toHtmlEscaped()));
        QTimer::singleShot(6000, m_connectionBanner, [banner = m_connectionBanner] {
            if (banner->kind() == Banner::Kind::Success)
                banner->clear();
        });
        return;
    }
    if (s.state == ClusterMonitor::State::Unreachable) {
        if (!m_lostSince.isValid())
            m_lostSince = QDateTime::currentDateTime();
        const QString endpoints = m_client ? m_client->options().endpoints.join(QLatin1String(", ")) : QString();
        m_connectionBanner->showMessage(
            Banner::Kind::Error,
            tr("<b>Connection lost</b> to %1 since %2: %3<br>Reconnecting automatically (retrying at least every "
               "2 s). Views resume where they were; unsaved edits are kept.")
                .arg(endpoints.toHtmlEscaped(), m_lostSince.toString(QStringLiteral("HH:mm:ss")),
                     (s.downInWords().isEmpty() ? s.lastError.plainReason() : s.downInWords().join(QStringLiteral("; ")))
                         .toHtmlEscaped()),
            tr("Retry now"));
        return;
    }
    if (m_lostSince.isValid() && s.state != ClusterMonitor::State::Connecting) {
        const qint64 seconds = m_lostSince.secsTo(QDateTime::currentDateTime());
        m_lostSince = QDateTime();
        m_connectionBanner->showMessage(
            Banner::Kind::Success,
            tr("<b>Reconnected</b> to %1 after %n second(s) without a connection.", nullptr, int(seconds))
                .arg(s.currentEndpoint.toHtmlEscaped()));
        QTimer::singleShot(6000, m_connectionBanner, [banner = m_connectionBanner] {
            if (banner->kind() == Banner::Kind::Success)
                banner->clear();
        });
    }
}

QString MainWindow::aboutText() const
{
    return tr("<h3>etcd console %1</h3>"
              "<p>A desktop dashboard and admin console for etcd v3 clusters.</p>"
              "<p>Qt %2 · gRPC %3 · etcd %4</p>")
        .arg(QLatin1String(ETCDCONSOLE_VERSION), QLatin1String(qVersion()), EtcdClient::grpcVersion(),
             m_etcdVersion.isEmpty() ? tr("(not connected)") : m_etcdVersion);
}

QMenu *MainWindow::sandboxMenu()
{
    if (!m_sandboxMenu) {
        m_sandboxMenu = new QMenu(tr("&Sandbox"), this);
        m_sandboxMenu->setObjectName(QStringLiteral("sandboxMenu"));
        menuBar()->insertMenu(m_helpMenu->menuAction(), m_sandboxMenu);
    }
    return m_sandboxMenu;
}

void MainWindow::showAbout()
{
    QMessageBox box(QMessageBox::NoIcon, tr("About etcd console"), aboutText(), QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("aboutBox"));
    box.setIconPixmap(icon(QStringLiteral("etcd-console")).pixmap(64, 64));
    box.exec();
}

void MainWindow::addThemeMenu(QMenu *view)
{
    // System follows the desktop; Light and Dark are the same everywhere. Kept for the next start.
    QMenu *menu = view->addMenu(icon(QStringLiteral("theme")), tr("&Theme"));
    auto *group = new QActionGroup(menu);
    const std::pair<Theme::Mode, QString> modes[] = {
        {Theme::Mode::System, tr("&System")}, {Theme::Mode::Light, tr("&Light")}, {Theme::Mode::Dark, tr("&Dark")}};
    for (const auto &[mode, text] : modes) {
        QAction *a = menu->addAction(text);
        a->setObjectName(QStringLiteral("theme%1Action").arg(Theme::name(mode)));
        a->setCheckable(true);
        a->setChecked(Theme::mode() == mode);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [m = mode] {
            Theme::apply(m);
            Theme::save(m);
        });
    }
    // Another window (or --theme) may have changed it since this menu was made.
    connect(menu, &QMenu::aboutToShow, menu, [group] {
        for (QAction *a : group->actions())
            a->setChecked(a->objectName() == QStringLiteral("theme%1Action").arg(Theme::name(Theme::mode())));
    });
}

} // namespace etcd::ui
