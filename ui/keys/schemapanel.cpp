// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "keys/schemapanel.h"

#include "common/theme.h"
#include "format/keytext.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace etcd::ui {

namespace {
constexpr int kVisibleRows = 6; // the editor stays the larger part
} // namespace

SchemaPanel::SchemaPanel(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("schemaPanel"));
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("schemaHeader"));
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::PlainText);
    m_header->setStyleSheet(Theme::warningBoxStyleSheet());
    m_saveAnyway = new QPushButton(tr("Save anyway"), this);
    m_saveAnyway->setObjectName(QStringLiteral("saveAnywayButton"));
    m_saveAnyway->setToolTip(tr("Save this value although it does not match its schema (a compare-and-swap, as "
                                "every save)"));
    connect(m_saveAnyway, &QPushButton::clicked, this, &SchemaPanel::saveAnywayClicked);
    m_hide = new QPushButton(tr("Hide"), this);
    m_hide->setToolTip(tr("Hide the list; Save checks the value again"));
    connect(m_hide, &QPushButton::clicked, this, &SchemaPanel::clearProblems);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("schemaProblems"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Where"), tr("Problem")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_list->setToolTip(tr("Double-click (or Enter) to go to that place in the value"));
    connect(m_list, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { Q_EMIT pathActivated(item->data(0, Qt::UserRole).toString()); });

    m_unchecked = new QLabel(this);
    m_unchecked->setObjectName(QStringLiteral("schemaUnchecked"));
    m_unchecked->setWordWrap(true);
    m_unchecked->setForegroundRole(QPalette::PlaceholderText);

    auto *top = new QHBoxLayout;
    top->addWidget(m_header, 1);
    top->addWidget(m_saveAnyway, 0, Qt::AlignTop);
    top->addWidget(m_hide, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_list);
    layout->addWidget(m_unchecked);
    hide();
}

QString SchemaPanel::problemsText(int count)
{
    return count == 1 ? tr("1 problem") : tr("%1 problems").arg(count);
}

void SchemaPanel::showProblems(const SchemaVerdict &verdict)
{
    m_verdict = verdict;
    m_stale = false;
    m_list->clear();
    QList<QTreeWidgetItem *> items;
    for (const SchemaError &e : verdict.validation.errors) {
        auto *item =
            new QTreeWidgetItem({e.instancePath.isEmpty() ? tr("(the whole value)") : e.instancePath, e.message});
        item->setData(0, Qt::UserRole, e.instancePath);
        item->setToolTip(1, tr("%1 (schema keyword \"%2\")").arg(e.message, e.keyword));
        items << item;
    }
    m_list->addTopLevelItems(items);
    if (!items.isEmpty())
        m_list->setCurrentItem(items.constFirst());
    const int count = int(verdict.validation.errors.size());
    // As tall as its rows, up to a few: the value being fixed keeps most of the room.
    const int rowHeight = std::max(m_list->sizeHintForRow(0), m_list->fontMetrics().height() + 2);
    m_list->setFixedHeight(m_list->header()->sizeHint().height() +
                           std::min(std::max(count, 1), kVisibleRows) * rowHeight + 2 * m_list->frameWidth() + 2);
    const QString more = verdict.validation.truncated ? tr(" (the first %1; there are more)").arg(count) : QString();
    m_header->setText(tr("%1 against the schema %2%3, which is for %4.")
                          .arg(problemsText(count), displayKey(verdict.schemaKey), more, verdict.glob));
    m_header->setToolTip(tr("Schema %1 (revision %2) applies to this key through its pattern %3.")
                             .arg(displayKey(verdict.schemaKey))
                             .arg(verdict.schemaRevision)
                             .arg(verdict.glob));
    m_unchecked->setText(verdict.unchecked.isEmpty() ? QString()
                                                     : tr("Not checked (keywords this console does not know): %1")
                                                           .arg(verdict.unchecked.join(QLatin1String(", "))));
    m_unchecked->setVisible(!verdict.unchecked.isEmpty());
    m_saveAnyway->setEnabled(true);
    show();
}

void SchemaPanel::setStale()
{
    if (m_stale || isHidden())
        return;
    m_stale = true;
    m_saveAnyway->setEnabled(false);
    m_header->setText(tr("%1 against the schema %2 when last checked. The value has changed since: Save checks it "
                         "again.")
                          .arg(problemsText(int(m_verdict.validation.errors.size())), displayKey(m_verdict.schemaKey)));
}

void SchemaPanel::clearProblems()
{
    m_verdict = SchemaVerdict();
    m_stale = false;
    m_list->clear();
    m_saveAnyway->setEnabled(false);
    hide();
}

int SchemaPanel::problemCount() const
{
    return m_list->topLevelItemCount();
}

QString SchemaPanel::problemPath(int row) const
{
    const QTreeWidgetItem *item = m_list->topLevelItem(row);
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

QString SchemaPanel::problemText(int row) const
{
    const QTreeWidgetItem *item = m_list->topLevelItem(row);
    return item ? item->text(1) : QString();
}

} // namespace etcd::ui
