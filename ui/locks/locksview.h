// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "locks/locksmodels.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace etcd::ui {

class SummaryCard;
class WatchLiveness;

// Elections and locks, on any cluster: every recipe of etcd's concurrency layout (Go's Mutex and
// Election, etcdctl lock/elect, the v3lock and v3election services), with its holder or leader,
// its contenders in order with their leases' TTLs, and the holders seen since the view opened,
// live by watch. A contender's lease can be revoked and a holder resigned, each after a
// confirmation that says exactly what happens; both are off on a read-only connection.
//
// Nothing is read until the view is first shown (or start()), then only on Rescan: see LocksMirror.
class LocksView : public QWidget
{
    Q_OBJECT
public:
    explicit LocksView(EtcdClient *client, const QByteArray &scope = {}, QWidget *parent = nullptr);

    void start(); // scan now (otherwise on first show)
    void rescan();
    void addPrefix(const QByteArray &name);
    void setLeaseMonitor(LeaseMonitor *monitor); // TTLs (and new recipes) from it, not asked twice
    // The first scan and its listings are in, and the shown recipe's TTLs have been read.
    bool isLoaded() const;

    LocksMirror *mirror() const { return m_mirror; }
    LockRecipesModel *recipesModel() const { return m_recipes; }
    LockContendersModel *contendersModel() const { return m_contenders; }
    LockHistoryModel *historyModel() const { return m_history; }
    QPushButton *revokeButton() const { return m_revoke; }
    QPushButton *resignButton() const { return m_resign; }
    QString statusText() const;

    void selectRecipe(const QByteArray &name);
    QByteArray selectedRecipe() const;
    void selectContender(const QByteArray &key);
    QByteArray selectedContender() const;

    // The actions, each after a question; `confirm` replaces the message box (tests).
    void revokeSelected(); // the selected contender's lease
    void resignHolder();   // the selected recipe's holder (or leader)
    void setConfirmation(std::function<bool(const QString &question)> confirm) { m_confirm = std::move(confirm); }
    QString lastOutcome() const { return m_outcome; }

Q_SIGNALS:
    void loaded();
    void actionDone(bool ok);            // a revoke or resign was answered (or refused)
    void openKey(const QByteArray &key); // a contender double-clicked: show it in the key view

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onRecipeSelected();
    void selectDefault();
    void updateActions();
    void updateSummary();
    void checkLoaded();
    bool confirm(const QString &title, const QString &question);
    void report(const QString &outcome, bool ok);

    QPointer<EtcdClient> m_client;
    LocksMirror *m_mirror = nullptr;
    LockRecipesModel *m_recipes = nullptr;
    LockContendersModel *m_contenders = nullptr;
    LockHistoryModel *m_history = nullptr;
    WatchLiveness *m_liveness = nullptr;
    SummaryCard *m_recipesCard = nullptr;
    SummaryCard *m_contendersCard = nullptr;
    SummaryCard *m_handoversCard = nullptr;
    SummaryCard *m_scanCard = nullptr;
    QTableView *m_recipeTable = nullptr;
    QTableView *m_contenderTable = nullptr;
    QTableView *m_historyTable = nullptr;
    QLabel *m_contendersTitle = nullptr;
    QCheckBox *m_allHistory = nullptr;
    QLineEdit *m_prefix = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_rescan = nullptr;
    QPushButton *m_revoke = nullptr;
    QPushButton *m_resign = nullptr;
    QLabel *m_status = nullptr;
    QPointer<LeaseMonitor> m_leaseMonitor;
    std::function<bool(const QString &)> m_confirm;
    QString m_outcome;
    bool m_started = false;
    bool m_loadedOnce = false;
    bool m_autoSelecting = false;
    bool m_userChose = false; // a recipe picked by the user (or selectRecipe) stays selected
};

} // namespace etcd::ui
