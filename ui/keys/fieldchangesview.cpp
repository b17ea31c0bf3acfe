// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/fieldchangesview.h"

#include "client/continuation.h"
#include "common/theme.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace etcd::ui {

namespace {
enum Column { ChangeColumn, PathColumn, BeforeColumn, AfterColumn, ColumnCount };
} // namespace

FieldChangesView::FieldChangesView(QWidget *parent) : QWidget(parent)
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("fieldChangesSummary"));
    m_summary->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("fieldChangesList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({QString(), tr("Field"), tr("Before"), tr("After")});
    m_list->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_list->header()->setStretchLastSection(true);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &FieldChangesView::updateRestore);
    m_restore = new QPushButton(tr("Restore this field"), this);
    m_restore->setObjectName(QStringLiteral("restoreFieldButton"));
    m_restore->setAutoDefault(false);
    m_restore->hide();
    connect(m_restore, &QPushButton::clicked, this, [this] {
        const QString path = selectedPath();
        if (m_restore->isEnabled() && !m_list->selectedItems().isEmpty())
            Q_EMIT restoreRequested(path);
    });

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(m_restore);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(bottom);
}

void FieldChangesView::compare(const QByteArray &before, const QByteArray &after)
{
    const int generation = ++m_generation;
    m_comparing = true;
    m_summary->setText(tr("Comparing field by field…"));
    whenFinished(QtConcurrent::run([before, after] { return structuralDiff(before, after); }), this,
                 [this, generation](const StructuralDiff &diff) {
                     if (generation != m_generation)
                         return; // the user has moved on to another pair
                     m_comparing = false;
                     show(diff);
                     Q_EMIT compared();
                 });
}

void FieldChangesView::show(const StructuralDiff &diff)
{
    m_result = diff;
    m_list->clear();
    if (!diff.ok || !diff.structured) {
        m_summary->setText(diff.ok ? tr("Not a JSON or YAML document with fields: see the line comparison.")
                                   : diff.error);
        updateRestore();
        return;
    }
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QList<QTreeWidgetItem *> items;
    for (const FieldChange &c : diff.changes) {
        auto *item = new QTreeWidgetItem;
        switch (c.kind) {
        case FieldChange::Kind::Added:
            item->setText(ChangeColumn, QStringLiteral("+"));
            item->setToolTip(ChangeColumn, tr("added"));
            item->setForeground(ChangeColumn, Theme::successColor());
            break;
        case FieldChange::Kind::Removed:
            item->setText(ChangeColumn, QStringLiteral("−"));
            item->setToolTip(ChangeColumn, tr("removed"));
            item->setForeground(ChangeColumn, Theme::errorColor());
            break;
        case FieldChange::Kind::Changed:
            item->setText(ChangeColumn, QStringLiteral("~"));
            item->setToolTip(ChangeColumn, tr("changed"));
            break;
        }
        item->setText(PathColumn, c.path.isEmpty() ? tr("(whole document)") : c.path);
        item->setData(PathColumn, Qt::UserRole, c.path);
        item->setText(BeforeColumn, c.before);
        item->setText(AfterColumn, c.after);
        for (int column : {PathColumn, BeforeColumn, AfterColumn}) {
            item->setFont(column, fixed);
            item->setToolTip(column, item->text(column));
        }
        items << item;
    }
    m_list->addTopLevelItems(items);
    for (int column : {ChangeColumn, PathColumn, BeforeColumn})
        m_list->resizeColumnToContents(column);
    const qsizetype n = diff.changes.size();
    m_summary->setText(n == 0   ? tr("No field differs (only the formatting).")
                       : n == 1 ? tr("1 field differs.")
                                : tr("%1 fields differ.").arg(n));
    updateRestore();
}

void FieldChangesView::setRestore(bool enabled, const QString &toolTip)
{
    m_restoreAllowed = enabled;
    m_restore->setVisible(true);
    m_restore->setToolTip(toolTip);
    updateRestore();
}

QString FieldChangesView::selectedPath() const
{
    const QList<QTreeWidgetItem *> selected = m_list->selectedItems();
    return selected.isEmpty() ? QString() : selected.constFirst()->data(PathColumn, Qt::UserRole).toString();
}

void FieldChangesView::selectPath(const QString &path)
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (item->data(PathColumn, Qt::UserRole).toString() == path) {
            m_list->setCurrentItem(item);
            return;
        }
    }
}

void FieldChangesView::updateRestore()
{
    m_restore->setEnabled(m_restoreAllowed && !m_comparing && !m_list->selectedItems().isEmpty());
}

} // namespace etcd::ui
