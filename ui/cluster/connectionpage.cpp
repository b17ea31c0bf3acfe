// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "cluster/connectionpage.h"

#include "state/cluster/requestrate.h"

#include "cluster/sandboxactions.h"

#include "cluster/clustereventsmodel.h"
#include "cluster/maintenancepanel.h"

#include "cluster/endpointstatusmodel.h"
#include "common/format.h"
#include "cluster/membersmodel.h"
#include "common/summarycard.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QTableView>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

namespace etcd::ui {

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return view;
}

// A table as tall as its rows (a 3-member cluster shows 3 rows, not 3 rows and a scroll bar): the
// room left goes to the event log.
void fitToRows(QTableView *view)
{
    const int rows = view->model() ? view->model()->rowCount() : 0;
    const int height = view->horizontalHeader()->sizeHint().height() +
                       std::max(1, rows) * view->verticalHeader()->defaultSectionSize() + 2 * view->frameWidth() +
                       (view->horizontalScrollBar()->isVisible() ? view->horizontalScrollBar()->sizeHint().height() : 0);
    view->setFixedHeight(std::min(height, 12 * view->verticalHeader()->defaultSectionSize()));
}

void keepFitted(QTableView *view)
{
    QAbstractItemModel *model = view->model();
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        QObject::connect(model, signal, view, [view] { fitToRows(view); });
    QObject::connect(model, &QAbstractItemModel::modelReset, view, [view] { fitToRows(view); });
    fitToRows(view);
}

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    label->setFont(f);
    return label;
}

} // namespace

ConnectionPage::ConnectionPage(QWidget *parent) : QWidget(parent)
{
    m_endpointModel = new EndpointStatusModel(this);
    m_membersModel = new MembersModel(this);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("connectionBanner"));
    m_banner->setTextFormat(Qt::RichText);
    m_banner->setWordWrap(true);
    m_banner->setMargin(12);

    m_endpoints = makeTable(m_endpointModel, this);
    m_endpoints->setObjectName(QStringLiteral("endpointTable"));
    m_members = makeTable(m_membersModel, this);
    m_members->setObjectName(QStringLiteral("memberTable"));
    keepFitted(m_endpoints);
    keepFitted(m_members);

    m_leaderCard = new SummaryCard(tr("Leader"), this);
    m_revisionCard = new SummaryCard(tr("Revision"), this);
    m_membersCard = new SummaryCard(tr("Members"), this);
    m_dbCard = new SummaryCard(tr("Database"), this);
    m_versionCard = new SummaryCard(tr("etcd"), this);
    m_loadCard = new SummaryCard(tr("This console"), this);
    m_loadCard->setObjectName(QStringLiteral("consoleLoadCard"));
    auto *cards = new QHBoxLayout;
    for (SummaryCard *card : {m_leaderCard, m_revisionCard, m_membersCard, m_dbCard, m_versionCard, m_loadCard})
        cards->addWidget(card, 1);

    auto *layout = new QVBoxLayout(this);
    m_layout = layout;
    layout->addWidget(m_banner);
    layout->addLayout(cards);
    layout->addSpacing(6);
    layout->addWidget(sectionTitle(tr("Endpoints"), this));
    layout->addWidget(m_endpoints);
    layout->addSpacing(6);
    layout->addWidget(sectionTitle(tr("Members"), this));
    layout->addWidget(m_members);
    layout->addSpacing(6);
    layout->addWidget(sectionTitle(tr("Events (leader changes, members down and up, alarms)"), this));
    m_events = new QTableView(this);
    m_events->setObjectName(QStringLiteral("eventsTable"));
    m_events->verticalHeader()->hide();
    m_events->setAlternatingRowColors(true);
    m_events->horizontalHeader()->setStretchLastSection(true);
    m_events->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_events, 1);
    showMessage(tr("Not connected"), QString(), false);
}

void ConnectionPage::setMonitor(ClusterMonitor *monitor, EtcdClient *client)
{
    delete m_maintenance;
    m_maintenance = nullptr;
    if (client) {
        m_maintenance = new MaintenancePanel(client, monitor, this);
        m_maintenance->setObjectName(QStringLiteral("maintenancePanel"));
        m_layout->insertWidget(2, m_maintenance); // under the summary cards
    }
    connect(monitor, &ClusterMonitor::updated, this, &ConnectionPage::onUpdated);
    delete m_requestRate;
    m_requestRate = nullptr;
    if (client) {
        // What the console costs the cluster, counted in the client: an operator sees it is harmless.
        m_requestRate = new RequestRate(client, 10, this);
        connect(m_requestRate, &RequestRate::updated, this, [this] {
            m_loadCard->setValue(m_requestRate->summary(), tr("sent to etcd (10 s average)"));
            m_loadCard->setToolTip(m_requestRate->breakdown());
        });
        m_requestRate->start();
    }
    delete m_eventsModel;
    delete m_eventLog;
    m_eventLog = new ClusterEventLog(monitor, 1000, this);
    if (m_sandbox)
        m_sandbox->setEventLog(m_eventLog);
    m_eventsModel = new ClusterEventsModel(m_eventLog, this);
    m_events->setModel(m_eventsModel);
    const int x = fontMetrics().horizontalAdvance(QLatin1Char('x'));
    m_events->horizontalHeader()->resizeSection(ClusterEventsModel::Time, 24 * x);
    m_events->horizontalHeader()->resizeSection(ClusterEventsModel::Kind, 16 * x);
    setBanner(QStringLiteral("#607d8b"), tr("Connecting…"), QString());
}

void ConnectionPage::setSandbox(SandboxActions *actions)
{
    m_sandbox = actions;
    if (m_eventLog)
        actions->setEventLog(m_eventLog);
    delete m_sandboxRow;
    m_memberButtons.clear();
    m_sandboxRow = new QWidget(this);
    m_sandboxRow->setObjectName(QStringLiteral("sandboxMembers"));
    auto *row = new QHBoxLayout(m_sandboxRow);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Sandbox members:"), m_sandboxRow));
    SandboxControl *control = actions->control();
    for (int i = 0; i < control->memberCount(); ++i) {
        auto *button = new QToolButton(m_sandboxRow);
        button->setObjectName(QStringLiteral("sandboxMember%1").arg(i));
        button->setPopupMode(QToolButton::InstantPopup);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        auto *menu = new QMenu(button);
        connect(menu, &QMenu::aboutToShow, this, [this, menu, i] { m_sandbox->fillMemberMenu(menu, i); });
        m_sandbox->fillMemberMenu(menu, i);
        button->setMenu(menu);
        row->addWidget(button);
        m_memberButtons << button;
    }
    auto *all = new QToolButton(m_sandboxRow);
    all->setObjectName(QStringLiteral("sandboxRestartAll"));
    all->setText(tr("Restart all that are down"));
    all->setToolTip(tr("Every member that is stopped, killed or paused runs again; running members stay as they are"));
    connect(all, &QToolButton::clicked, this, [this] { m_sandbox->restartAll(); });
    row->addWidget(all);
    row->addStretch(1);
    // Under the endpoint table.
    m_layout->insertWidget(m_layout->indexOf(m_endpoints) + 1, m_sandboxRow);
    connect(control, &SandboxControl::membersChanged, this, &ConnectionPage::updateMemberButtons);
    updateMemberButtons();
    m_endpoints->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_endpoints, &QTableView::customContextMenuRequested, this, &ConnectionPage::showEndpointMenu);
}

void ConnectionPage::updateMemberButtons()
{
    if (!m_sandbox || !m_sandbox->control())
        return;
    SandboxControl *control = m_sandbox->control();
    for (int i = 0; i < m_memberButtons.size(); ++i) {
        m_memberButtons[i]->setText(tr("%1 · %2").arg(control->memberName(i), control->stateText(i)));
        m_memberButtons[i]->setToolTip(tr("%1 at %2: stop, kill, pause, resume or restart it").arg(control->memberName(i), control->endpoint(i)));
    }
}

void ConnectionPage::showEndpointMenu(const QPoint &at)
{
    if (!m_sandbox || !m_sandbox->control())
        return;
    const QModelIndex index = m_endpoints->indexAt(at);
    if (!index.isValid())
        return;
    const QString endpoint = m_endpointModel->index(index.row(), EndpointStatusModel::Endpoint).data().toString();
    SandboxControl *control = m_sandbox->control();
    for (int i = 0; i < control->memberCount(); ++i) {
        if (!control->endpoint(i).endsWith(endpoint))
            continue;
        QMenu menu(this);
        m_sandbox->fillMemberMenu(&menu, i);
        menu.exec(m_endpoints->viewport()->mapToGlobal(at));
        return;
    }
}

void ConnectionPage::showMessage(const QString &title, const QString &detail, bool isError)
{
    setBanner(isError ? QStringLiteral("#c62828") : QStringLiteral("#607d8b"), title, detail);
}

QString ConnectionPage::bannerText() const
{
    return m_banner->text();
}

void ConnectionPage::setBanner(const QString &color, const QString &title, const QString &detail)
{
    m_banner->setStyleSheet(
        QStringLiteral("QLabel#connectionBanner { background: %1; color: white; border-radius: 4px; }").arg(color));
    QString html = QStringLiteral("<span style='font-size:14pt; font-weight:600'>%1</span>").arg(title.toHtmlEscaped());
    if (!detail.isEmpty())
        html += QStringLiteral("<br>%1").arg(detail.toHtmlEscaped());
    m_banner->setText(html);
}

void ConnectionPage::updateCards(const ClusterMonitor::Snapshot &s)
{
    if (s.leaderId)
        m_leaderCard->setValue(
            s.leaderName,
            tr("term %1 · since %2").arg(s.raftTerm).arg(s.leaderSince.toString(QStringLiteral("HH:mm:ss"))));
    else
        m_leaderCard->setValue(tr("none"), s.endpoints.isEmpty() ? QString() : tr("no raft leader"));
    m_revisionCard->setValue(QString::number(s.revision),
                             tr("polled %1").arg(s.polledAt.toString(QStringLiteral("HH:mm:ss"))));
    int healthy = 0;
    qint64 dbSize = 0;
    qint64 inUse = 0;
    QString version;
    for (const EndpointStatus &e : s.endpoints) {
        if (!e.ok())
            continue;
        if (e.errors.isEmpty())
            ++healthy;
        dbSize = std::max(dbSize, e.dbSize);
        inUse = std::max(inUse, e.dbSizeInUse);
        version = e.version;
    }
    int learners = 0;
    for (const Member &m : s.members)
        learners += m.isLearner ? 1 : 0;
    m_membersCard->setValue(QString::number(s.members.size()),
                            tr("%1 of %2 endpoints healthy%3")
                                .arg(healthy)
                                .arg(s.endpoints.size())
                                .arg(learners ? tr(" · %1 learner(s)").arg(learners) : QString()));
    m_dbCard->setValue(formatBytes(dbSize), tr("%1 in use").arg(formatBytes(inUse)));
    m_versionCard->setValue(version, s.currentEndpoint.isEmpty() ? QString() : tr("via %1").arg(s.currentEndpoint));
}

void ConnectionPage::onUpdated(const ClusterMonitor::Snapshot &s)
{
    m_endpointModel->update(s);
    QSet<QString> unreachable;
    for (const ClusterMonitor::EndpointHealth &h : s.health)
        if (!h.answering && !h.member.isEmpty())
            unreachable.insert(h.member);
    m_membersModel->setMembers(s.members, s.leaderId, unreachable);
    updateCards(s);
    int up = 0;
    QString version;
    for (const EndpointStatus &e : s.endpoints) {
        if (e.ok()) {
            ++up;
            version = e.version;
        }
    }
    const QString counts = tr("%1 of %2 endpoints answering").arg(up).arg(s.endpoints.size());
    switch (s.state) {
    case ClusterMonitor::State::Connected:
        setBanner(QStringLiteral("#2e7d32"), tr("Connected to %1").arg(s.currentEndpoint),
                  tr("etcd %1 · leader %2 · revision %3 · %4").arg(version, s.leaderName).arg(s.revision).arg(counts));
        break;
    case ClusterMonitor::State::Degraded: {
        const QStringList down = s.downInWords();
        setBanner(QStringLiteral("#ef6c00"),
                  s.leaderId ? tr("Degraded: some endpoints do not answer") : tr("Degraded: no leader (an election?)"),
                  tr("%1 · leader %2 · revision %3%4")
                      .arg(counts, s.leaderId ? s.leaderName : tr("none"))
                      .arg(s.revision)
                      .arg(down.isEmpty() ? QString() : QStringLiteral(" · ") + down.join(QStringLiteral("; "))));
        break;
    }
    case ClusterMonitor::State::NoQuorum:
        setBanner(QStringLiteral("#b71c1c"), tr("No quorum: writes and linearizable reads fail"),
                  tr("%1 of %2 members answer, %3 are needed. %4. The views show what they had at %5.")
                      .arg(s.answering)
                      .arg(s.voters)
                      .arg(s.quorum)
                      .arg(s.downInWords().join(QStringLiteral("; ")))
                      .arg(s.lastQuorumAt.isValid() ? s.lastQuorumAt.toString(QStringLiteral("HH:mm:ss")) : tr("their last update")));
        break;
    case ClusterMonitor::State::Unreachable:
        setBanner(QStringLiteral("#c62828"), tr("Cannot reach etcd"),
                  tr("%1. Retrying every few seconds. %2").arg(counts, s.downInWords().join(QStringLiteral("; "))));
        break;
    case ClusterMonitor::State::Connecting: setBanner(QStringLiteral("#607d8b"), tr("Connecting…"), QString()); break;
    }
}

} // namespace etcd::ui
