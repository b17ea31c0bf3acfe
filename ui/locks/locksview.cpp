// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "locks/locksview.h"

#include "common/icons.h"
#include "common/summarycard.h"
#include "common/theme.h"
#include "common/watchliveness.h"
#include "format/keytext.h"

#include <QCheckBox>
#include <QDateTime>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

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
    t->horizontalHeader()->setHighlightSections(false);
    return t;
}

void setWidths(QTableView *table, std::initializer_list<int> chars)
{
    const int x = table->fontMetrics().horizontalAdvance(QLatin1Char('x'));
    int column = 0;
    for (int c : chars)
        table->horizontalHeader()->resizeSection(column++, c * x);
}

QWidget *titled(const QString &title, QWidget *content, QWidget *parent, QLayout *extra = nullptr)
{
    auto *box = new QGroupBox(title, parent);
    auto *l = new QVBoxLayout(box);
    l->setContentsMargins(6, 6, 6, 6);
    l->addWidget(content, 1);
    if (extra)
        l->addLayout(extra);
    return box;
}

} // namespace

LocksView::LocksView(EtcdClient *client, const QByteArray &scope, QWidget *parent) : QWidget(parent), m_client(client)
{
    LocksMirrorOptions options;
    options.scope = scope;
    m_mirror = new LocksMirror(client, options, this);
    m_mirror->setLooking(false); // until shown
    m_recipes = new LockRecipesModel(m_mirror, this);
    m_contenders = new LockContendersModel(m_mirror, this);
    m_history = new LockHistoryModel(m_mirror, this);
    m_liveness = new WatchLiveness(client, this);

    m_recipesCard = new SummaryCard(tr("Locks and elections"), this);
    m_contendersCard = new SummaryCard(tr("Contenders"), this);
    m_handoversCard = new SummaryCard(tr("Handovers since the view opened"), this);
    m_scanCard = new SummaryCard(tr("Found by"), this);
    auto *cards = new QHBoxLayout;
    for (SummaryCard *c : {m_recipesCard, m_contendersCard, m_handoversCard, m_scanCard}) {
        c->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long details clip
        c->setMinimumWidth(160);
        cards->addWidget(c, 1);
    }

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("locksStatus"));
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // clipped, never widening the window
    m_prefix = new QLineEdit(this);
    m_prefix->setObjectName(QStringLiteral("locksPrefix"));
    m_prefix->setPlaceholderText(tr("Follow another prefix, e.g. /myapp/leader"));
    m_prefix->setToolTip(tr("For recipes of another shape: every key under NAME/ counts as a contender, the "
                            "oldest (lowest create revision) holds"));
    m_prefix->setClearButtonEnabled(true);
    m_prefix->setMinimumWidth(300);
    m_add = new QPushButton(icon(QStringLiteral("add")), tr("Follow"), this);
    m_add->setObjectName(QStringLiteral("locksAddButton"));
    auto add = [this] {
        bool ok = false;
        const QByteArray name = keyFromDisplay(m_prefix->text().trimmed(), &ok);
        if (!ok || name.isEmpty()) {
            m_outcome = tr("Cannot read that prefix: use \\xNN for bytes that are not text");
            return updateSummary();
        }
        addPrefix(name);
        m_prefix->clear();
    };
    connect(m_add, &QPushButton::clicked, this, add);
    connect(m_prefix, &QLineEdit::returnPressed, this, add);
    m_rescan = new QPushButton(icon(QStringLiteral("refresh")), tr("Rescan"), this);
    m_rescan->setObjectName(QStringLiteral("locksRescanButton"));
    m_rescan->setToolTip(tr("Look for locks and elections again (keys only; no value is read)"));
    connect(m_rescan, &QPushButton::clicked, this, &LocksView::rescan);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_prefix);
    statusRow->addWidget(m_add);
    statusRow->addWidget(m_rescan);

    m_recipeTable = makeTable(m_recipes, QStringLiteral("locksRecipes"), this);
    setWidths(m_recipeTable, {36, 16, 34, 16, 12});
    m_contenderTable = makeTable(m_contenders, QStringLiteral("locksContenders"), this);
    setWidths(m_contenderTable, {46, 11, 32, 13, 14, 24});
    m_contenderTable->setTextElideMode(Qt::ElideMiddle); // a long name elides, the lease id at the end stays
    m_contenderTable->setToolTip(tr("Double-click a contender to open its key in the key view"));
    m_historyTable = makeTable(m_history, QStringLiteral("locksHistory"), this);
    setWidths(m_historyTable, {22, 32, 20, 14, 44});

    m_revoke = new QPushButton(icon(QStringLiteral("delete")), tr("Revoke lease…"), this);
    m_revoke->setObjectName(QStringLiteral("locksRevokeButton"));
    m_resign = new QPushButton(icon(QStringLiteral("remove")), tr("Resign leader…"), this);
    m_resign->setObjectName(QStringLiteral("locksResignButton"));
    connect(m_revoke, &QPushButton::clicked, this, &LocksView::revokeSelected);
    connect(m_resign, &QPushButton::clicked, this, &LocksView::resignHolder);
    auto *actions = new QHBoxLayout;
    m_contendersTitle = new QLabel(this);
    m_contendersTitle->setObjectName(QStringLiteral("locksContendersTitle"));
    actions->addWidget(m_contendersTitle, 1);
    actions->addWidget(m_revoke);
    actions->addWidget(m_resign);

    m_allHistory = new QCheckBox(tr("Every lock and election"), this);
    m_allHistory->setObjectName(QStringLiteral("locksAllHistory"));
    connect(m_allHistory, &QCheckBox::toggled, this,
            [this](bool all) { m_history->setRecipe(all ? QByteArray() : selectedRecipe()); });
    auto *historyRow = new QHBoxLayout;
    historyRow->addStretch(1);
    historyRow->addWidget(m_allHistory);

    // Stacked, each table the window's width: the contenders' keys and proposals are long.
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("locksSplitter"));
    split->addWidget(titled(tr("Locks and elections"), m_recipeTable, this));
    split->addWidget(titled(tr("Contenders in order (the oldest key holds; each waiter watches the one before it)"),
                            m_contenderTable, this, actions));
    split->addWidget(titled(tr("Holders since the view opened"), m_historyTable, this, historyRow));
    split->setSizes({150, 210, 170});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(cards);
    layout->addLayout(statusRow);
    layout->addWidget(split, 1);

    connect(m_recipeTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LocksView::onRecipeSelected);
    connect(m_contenderTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LocksView::updateActions);
    connect(m_contenderTable, &QTableView::doubleClicked, this,
            [this](const QModelIndex &i) { Q_EMIT openKey(m_contenders->keyAt(i.row())); });
    connect(m_contenders, &QAbstractItemModel::modelReset, this, &LocksView::updateActions);
    connect(m_recipes, &QAbstractItemModel::rowsInserted, this, &LocksView::selectDefault);
    connect(m_mirror, &LocksMirror::scanned, this, &LocksView::updateSummary);
    connect(m_mirror, &LocksMirror::recipeChanged, this, [this] {
        updateSummary();
        updateActions();
        selectDefault(); // a recipe listed with a holder is a better first choice than an empty one
    });
    connect(m_mirror, &LocksMirror::recipeRemoved, this, &LocksView::updateSummary);
    connect(m_mirror, &LocksMirror::contenderChanged, this, &LocksView::checkLoaded);
    connect(m_mirror, &LocksMirror::loaded, this, [this] {
        selectDefault();
        checkLoaded();
    });
    connect(m_liveness, &WatchLiveness::changed, this, &LocksView::updateSummary);
    updateSummary();
    updateActions();
}

void LocksView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    start();
    m_mirror->setLooking(true);
    m_contenders->setTicking(true);
    m_history->setTicking(true);
}

void LocksView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_mirror->setLooking(false); // nobody looks: no TTL reads, no ticking
    m_contenders->setTicking(false);
    m_history->setTicking(false);
}

void LocksView::start()
{
    if (m_started)
        return;
    m_started = true;
    m_mirror->setLooking(true); // asked for now (--view locks): shown, or pictured headless
    rescan();
}

void LocksView::rescan()
{
    if (!m_client || m_mirror->isScanning())
        return;
    m_mirror->scan();
    updateSummary();
}

void LocksView::addPrefix(const QByteArray &name)
{
    m_started = true;
    m_mirror->addRecipe(name);
    QByteArray n = name;
    if (n.endsWith('/'))
        n.chop(1);
    selectRecipe(n);
}

void LocksView::setLeaseMonitor(LeaseMonitor *monitor)
{
    m_leaseMonitor = monitor;
    m_mirror->setLeaseMonitor(monitor);
    updateSummary();
}

bool LocksView::isLoaded() const
{
    return m_mirror->isLoaded() && m_mirror->ttlsKnown(selectedRecipe());
}

void LocksView::checkLoaded()
{
    if (!m_loadedOnce && isLoaded()) {
        m_loadedOnce = true;
        Q_EMIT loaded();
    }
}

QString LocksView::statusText() const
{
    return m_status->text();
}

void LocksView::selectRecipe(const QByteArray &name)
{
    const int row = m_recipes->rowOf(name);
    if (row >= 0)
        m_recipeTable->setCurrentIndex(m_recipes->index(row, 0));
}

QByteArray LocksView::selectedRecipe() const
{
    const QModelIndex current = m_recipeTable->currentIndex();
    return current.isValid() ? m_recipes->nameAt(current.row()) : QByteArray();
}

void LocksView::selectContender(const QByteArray &key)
{
    const int row = m_contenders->rowOf(key);
    if (row >= 0)
        m_contenderTable->setCurrentIndex(m_contenders->index(row, 0));
}

QByteArray LocksView::selectedContender() const
{
    const QModelIndex current = m_contenderTable->currentIndex();
    return current.isValid() ? m_contenders->keyAt(current.row()) : QByteArray();
}

void LocksView::selectDefault()
{
    // Until the user picks one: the first recipe somebody holds, else the first one.
    const QByteArray current = selectedRecipe();
    const LockRecipe *shown = m_mirror->recipe(current);
    if (m_userChose || (shown && shown->holder()))
        return;
    m_autoSelecting = true;
    for (int row = 0; row < m_recipes->rowCount(); ++row) {
        const LockRecipe *r = m_mirror->recipe(m_recipes->nameAt(row));
        if (r && r->holder()) {
            selectRecipe(r->name);
            m_autoSelecting = false;
            return;
        }
    }
    if (current.isEmpty() && m_recipes->rowCount() > 0)
        selectRecipe(m_recipes->nameAt(0));
    m_autoSelecting = false;
}

void LocksView::onRecipeSelected()
{
    const QByteArray name = selectedRecipe();
    if (!m_autoSelecting && !name.isEmpty())
        m_userChose = true;
    m_contenders->setRecipe(name);
    if (!m_allHistory->isChecked())
        m_history->setRecipe(name);
    m_mirror->setFocus(name);
    updateActions();
    checkLoaded();
}

void LocksView::updateSummary()
{
    const auto &recipes = m_mirror->recipes();
    int locks = 0, elections = 0, contenders = 0, handovers = 0;
    for (const auto &entry : recipes) {
        locks += entry.second.kind == RecipeKind::Lock ? 1 : 0;
        elections += entry.second.kind == RecipeKind::Election ? 1 : 0;
        contenders += int(entry.second.contenders.size());
        handovers += entry.second.handovers;
    }
    const int held =
        int(std::count_if(recipes.begin(), recipes.end(), [](const auto &e) { return e.second.holder(); }));
    const bool scanned = m_mirror->scanCount() > 0;
    m_recipesCard->setValue(scanned ? QString::number(recipes.size()) : QStringLiteral("…"),
                            (locks == 1 ? tr("1 lock") : tr("%1 locks").arg(locks)) + QStringLiteral(", ") +
                                (elections == 1 ? tr("1 election") : tr("%1 elections").arg(elections)) +
                                tr(", %1 held or led").arg(held));
    m_contendersCard->setValue(scanned ? QString::number(contenders) : QStringLiteral("…"),
                               tr("%1 holding or leading, %2 waiting").arg(held).arg(contenders - held));
    QString last;
    for (auto it = m_mirror->history().rbegin(); it != m_mirror->history().rend(); ++it)
        if (!it->wasThere) {
            last = tr("last at %1 in %2").arg(lockstext::since(it->startMs, false, false), displayKey(it->recipe));
            break;
        }
    m_handoversCard->setValue(QString::number(handovers), last.isEmpty() ? tr("none seen yet") : last);

    const RecipeScan &s = m_mirror->lastScan();
    const QLocale locale;
    QString method, cost;
    switch (s.method) {
    case RecipeScan::Method::NoLeases:
        method = tr("no lease exists");
        cost = tr("1 request: without a lease there is no recipe");
        break;
    case RecipeScan::Method::LeaseKeys:
        method = s.leases == 1 ? tr("1 lease asked") : tr("%1 leases asked").arg(s.leases);
        cost = tr("%1 requests, %2 keys, no value read").arg(s.requests).arg(locale.toString(s.keysRead));
        break;
    case RecipeScan::Method::KeysOnly:
        method = tr("keys-only walk");
        cost = tr("%1 keys in %2 requests, no value read").arg(locale.toString(s.keysRead)).arg(s.requests);
        break;
    }
    m_scanCard->setValue(scanned ? method : QStringLiteral("…"), scanned ? cost : QString());

    QString status;
    if (m_mirror->isScanning())
        status = tr("Looking for locks and elections (keys only)…");
    else if (!m_mirror->scanError().isOk())
        status = tr("Cannot look for locks and elections: %1").arg(m_mirror->scanError().toString());
    else if (scanned)
        status = tr("Scanned at %1, each one followed by a watch; %2")
                     .arg(lockstext::since(m_mirror->lastScanMs(), false, false),
                          m_leaseMonitor ? tr("new ones appear with their leases") : tr("new ones appear on Rescan")) +
                 m_liveness->suffix({});
    else
        status = tr("Nothing read yet: the view looks for recipes when it is first shown.");
    if (!m_outcome.isEmpty())
        status += QStringLiteral(" · ") + m_outcome;
    m_status->setText(status);
    m_status->setToolTip(status);
}

void LocksView::updateActions()
{
    const LockRecipe *r = m_mirror->recipe(selectedRecipe());
    const LockContender *c = r ? r->contender(selectedContender()) : nullptr;
    const bool election = r && r->kind == RecipeKind::Election;
    m_resign->setText(election || !r ? tr("Resign leader…") : tr("Release lock…"));
    m_contendersTitle->setText(
        r ? QStringLiteral("%1: %2, %3")
                .arg(displayKey(r->name), lockrecipe::kindName(r->kind),
                     r->contenders.size() == 1 ? tr("1 contender") : tr("%1 contenders").arg(r->contenders.size()))
          : tr("Select a lock or election"));
    const bool writable = m_client && !m_client->isReadOnly();
    if (!writable) {
        const QString why = tr("Read-only connection: leases cannot be revoked nor holders resigned from here");
        for (QPushButton *b : {m_revoke, m_resign}) {
            b->setEnabled(false);
            b->setToolTip(why);
        }
        return;
    }
    m_revoke->setEnabled(c && c->lease != 0);
    m_revoke->setToolTip(c && c->lease ? tr("Revoke lease %1: etcd deletes every key on it, so this contender leaves "
                                            "every lock and election it is in")
                                             .arg(c->lease, 0, 16)
                                       : tr("Select a contender with a lease"));
    m_resign->setEnabled(r && r->holder());
    m_resign->setToolTip(
        r && r->holder()
            ? tr("Delete the holder's key %1 (only if it is still the same key)").arg(displayKey(r->holder()->key))
            : tr("Nobody holds this one"));
}

} // namespace etcd::ui
