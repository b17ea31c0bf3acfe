// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "common/operationreportview.h"

#include "format/valueformat.h"

#include <QAbstractTableModel>
#include <QClipboard>
#include <QFont>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStringList>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace etcd::ui {

namespace {

constexpr int doneRow = -1; // a row's kind when the key was handled; else a KeyProblem::Kind

// Worst first: a failure may need the user's action, a skipped key is the safety rules at work.
int severity(int kind)
{
    switch (kind) {
    case KeyProblem::Failed: return 0;
    case KeyProblem::Changed: return 1;
    case KeyProblem::Exists: return 2;
    case KeyProblem::Missing: return 3;
    default: return 4;
    }
}

QString outcomeText(int kind, const QString &action)
{
    switch (kind) {
    case KeyProblem::Failed: return OperationReportView::tr("failed");
    case KeyProblem::Changed: return OperationReportView::tr("left alone: changed");
    case KeyProblem::Exists: return OperationReportView::tr("left alone: exists");
    case KeyProblem::Missing: return OperationReportView::tr("already gone");
    default: return action.isEmpty() ? OperationReportView::tr("done") : action.toLower();
    }
}

// Readable on the table's base colour in light and dark themes alike (`dark`: a dark base); the
// light variants also carry white text on the verdict's badge.
QColor outcomeColor(int kind, bool dark)
{
    if (kind == KeyProblem::Failed)
        return dark ? QColor(0xf8, 0x51, 0x49) : QColor(0xc6, 0x28, 0x28);
    if (kind == doneRow)
        return dark ? QColor(0x3f, 0xb9, 0x50) : QColor(0x2e, 0x7d, 0x32);
    return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0xa1, 0x58, 0x00);
}

QString keysText(qint64 n)
{
    return n == 1 ? OperationReportView::tr("1 key") : OperationReportView::tr("%1 keys").arg(QLocale().toString(n));
}

} // namespace

// The table's rows: problems by severity (report order within a kind), then the handled keys,
// at most maxRows of them, and one "… and N more" row when keys were left out.
class ReportRowsModel : public QAbstractTableModel
{
public:
    struct Row
    {
        QByteArray key;
        int kind = doneRow;
        QString detail;
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setRows(QVector<Row> rows, qint64 hidden, const QString &action)
    {
        beginResetModel();
        m_rows = std::move(rows);
        m_hidden = hidden;
        m_action = action;
        endResetModel();
    }
    int keyRows() const { return static_cast<int>(m_rows.size()); }
    qint64 hidden() const { return m_hidden; }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : keyRows() + (m_hidden > 0 ? 1 : 0);
    }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : 3; }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        const std::array<QString, 3> names = {OperationReportView::tr("Key"), OperationReportView::tr("Outcome"),
                                              OperationReportView::tr("Why")};
        return section >= 0 && section < 3 ? QVariant(names[static_cast<size_t>(section)]) : QVariant();
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid())
            return {};
        if (index.row() >= keyRows()) {
            if (index.column() == 0 && (role == Qt::DisplayRole || role == Qt::ToolTipRole))
                return OperationReportView::tr("… and %1 more (Copy as text lists every key)")
                    .arg(QLocale().toString(m_hidden));
            if (role == Qt::FontRole) {
                QFont f;
                f.setItalic(true);
                return f;
            }
            return {};
        }
        const Row &row = m_rows[index.row()];
        switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
            if (index.column() == 0)
                return displayKey(row.key);
            if (index.column() == 1)
                return outcomeText(row.kind, m_action);
            return row.detail;
        case Qt::ForegroundRole:
            if (index.column() == 1)
                return outcomeColor(row.kind, QGuiApplication::palette().color(QPalette::Base).lightness() < 128);
            return {};
        default: return {};
        }
    }

private:
    QVector<Row> m_rows;
    qint64 m_hidden = 0;
    QString m_action;
};

OperationReportView::OperationReportView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("operationReportView"));
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("reportVerdict"));
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("reportCounts"));
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("reportDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->hide();

    m_model = new ReportRowsModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("reportTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle); // a key's start and end say the most
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights: a few thousand rows must not be measured one by one.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->resizeSection(0, 300);
    m_table->horizontalHeader()->resizeSection(1, 150);

    m_copy = new QPushButton(tr("Copy as text"), this);
    m_copy->setObjectName(QStringLiteral("copyReportButton"));
    m_copy->setAutoDefault(false);
    m_copy->setToolTip(tr("Copy the summary and every key with its outcome to the clipboard"));
    connect(m_copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(reportText()); });

    auto *head = new QHBoxLayout;
    head->setSpacing(8);
    head->addWidget(m_verdict);
    head->addWidget(m_counts, 1);
    head->addWidget(m_copy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(head);
    layout->addWidget(m_detail);
    layout->addWidget(m_table, 1);
}

void OperationReportView::setReport(const OperationReport &report)
{
    m_report = report;

    QString verdict;
    int tone = doneRow; // colour of the verdict, as for an outcome
    if (report.cancelled) {
        verdict = tr("Stopped on request");
        tone = KeyProblem::Changed;
    } else if (report.error) {
        verdict = tr("Stopped by an error");
        tone = KeyProblem::Failed;
    } else if (report.failed > 0) {
        verdict = tr("Finished with failures");
        tone = KeyProblem::Failed;
    } else if (report.skipped > 0) {
        verdict = tr("Finished; some keys left alone");
        tone = KeyProblem::Changed;
    } else {
        verdict = tr("Complete");
    }
    m_verdict->setText(verdict);
    m_verdict->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; font-weight: 600; "
                                            "padding: 2px 8px; border-radius: 3px; }")
                                 .arg(outcomeColor(tone, false).name()));

    const QLocale locale;
    QStringList counts;
    const QString action = report.action.isEmpty() ? tr("done") : report.action.toLower();
    counts << (report.total > 0 && report.total != report.done
                   ? tr("%1 of %2 %3").arg(locale.toString(report.done), locale.toString(report.total), action)
                   : tr("%1 %2").arg(locale.toString(report.done), action));
    if (report.unchanged > 0)
        counts << tr("%1 already as wanted").arg(locale.toString(report.unchanged));
    if (report.skipped > 0)
        counts << tr("%1 left alone").arg(locale.toString(report.skipped));
    if (report.failed > 0)
        counts << tr("%1 failed").arg(locale.toString(report.failed));
    const qint64 notReached = report.total - report.handled();
    if ((report.cancelled || report.error) && notReached > 0)
        counts << tr("%1 not attempted").arg(locale.toString(notReached));
    m_counts->setText(counts.join(QStringLiteral(" · ")));

    QString detail;
    if (report.error)
        detail = tr("Why it stopped: %1").arg(report.error.toString());
    else if (report.cancelled)
        detail = tr("Stopped between two transactions: every key above is exactly what was done.");
    if (report.revision > 0 && report.done > 0)
        detail += (detail.isEmpty() ? QString() : QStringLiteral(" ")) +
                  tr("Last change at revision %1.").arg(report.revision);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());

    QVector<KeyProblem> problems = report.problems;
    std::stable_sort(problems.begin(), problems.end(),
                     [](const KeyProblem &a, const KeyProblem &b) { return severity(a.kind) < severity(b.kind); });
    QVector<ReportRowsModel::Row> rows;
    const qint64 all = problems.size() + report.doneKeys.size();
    rows.reserve(static_cast<int>(std::min<qint64>(all, maxRows)));
    for (const KeyProblem &p : problems) {
        if (rows.size() >= maxRows)
            break;
        rows.push_back({p.key, p.kind, p.detail});
    }
    for (const QByteArray &key : report.doneKeys) {
        if (rows.size() >= maxRows)
            break;
        rows.push_back({key, doneRow, m_doneDetail ? m_doneDetail(key) : QString()});
    }
    const qint64 hidden = all - rows.size();
    m_model->setRows(std::move(rows), hidden, report.action);
    m_table->clearSpans();
    if (hidden > 0)
        m_table->setSpan(m_model->keyRows(), 0, 1, 3);
    m_copy->setEnabled(true);
}

QString OperationReportView::summaryText() const
{
    return m_verdict->text() + QStringLiteral(": ") + m_counts->text();
}

QString OperationReportView::detailText() const
{
    return m_detail->text();
}

int OperationReportView::shownRows() const
{
    return m_model->keyRows();
}

int OperationReportView::hiddenRows() const
{
    return static_cast<int>(m_model->hidden());
}

QString OperationReportView::reportText() const
{
    QStringList lines;
    lines << summaryText();
    if (!m_detail->text().isEmpty())
        lines << m_detail->text();
    lines << m_report.summary() << QString() << QStringLiteral("key\toutcome\twhy");
    QVector<KeyProblem> problems = m_report.problems;
    std::stable_sort(problems.begin(), problems.end(),
                     [](const KeyProblem &a, const KeyProblem &b) { return severity(a.kind) < severity(b.kind); });
    // Keys in their displayKey form: tabs and newlines in a key cannot break the columns.
    for (const KeyProblem &p : problems)
        lines << displayKey(p.key) + QLatin1Char('\t') + outcomeText(p.kind, m_report.action) + QLatin1Char('\t') +
                     p.detail;
    const QString done = outcomeText(doneRow, m_report.action);
    for (const QByteArray &key : m_report.doneKeys)
        lines << displayKey(key) + QLatin1Char('\t') + done +
                     (m_doneDetail ? QLatin1Char('\t') + m_doneDetail(key) : QString());
    if (m_report.unchanged > 0)
        lines << tr("(%1 already as wanted, not written, not listed)").arg(keysText(m_report.unchanged));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

OperationProgress::OperationProgress(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("operationProgress"));
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("progressText"));
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("progressBar"));
    m_bar->setRange(0, 0);
    m_bar->setTextVisible(true);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setAutoDefault(false);
    m_stop->setToolTip(tr("Stop after the transaction in flight; what was done so far is reported"));
    connect(m_stop, &QPushButton::clicked, this, &OperationProgress::stopRequested);

    auto *row = new QHBoxLayout;
    row->addWidget(m_bar, 1);
    row->addWidget(m_stop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addLayout(row);
}

void OperationProgress::connectWatcher(QFutureWatcherBase *watcher, const QString &startText)
{
    if (m_watcher)
        m_watcher->deleteLater(); // the previous operation's progress must not move the bar any more
    m_watcher = watcher;
    m_text->setText(startText);
    m_bar->setRange(0, 0); // busy until the operation knows how much there is to do
    m_bar->setValue(0);
    m_stopping = false;
    m_stop->setEnabled(true);
    m_stop->setText(tr("Stop"));
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, m_bar, [this](int minimum, int maximum) {
        if (maximum > minimum)
            m_bar->setRange(minimum, maximum);
    });
    connect(watcher, &QFutureWatcherBase::progressValueChanged, m_bar, [this](int value) {
        if (m_bar->maximum() > 0)
            m_bar->setValue(value);
    });
    connect(watcher, &QFutureWatcherBase::progressTextChanged, m_text, [this](const QString &text) {
        if (!text.isEmpty() && !m_stopping)
            m_text->setText(text);
    });
}

void OperationProgress::setStopping(const QString &text)
{
    m_stopping = true;
    m_stop->setEnabled(false);
    m_stop->setText(tr("Stopping…"));
    m_text->setText(text);
}

void OperationProgress::setStopEnabled(bool enabled)
{
    m_stop->setEnabled(enabled);
}

QString OperationProgress::text() const
{
    return m_text->text();
}

QString shortDisplayKey(const QByteArray &key)
{
    constexpr int maxChars = 80;
    const QString text = displayKey(key);
    if (text.size() <= maxChars)
        return text;
    return text.left(maxChars / 2 - 1) + QStringLiteral("…") + text.right(maxChars / 2);
}

QLabel *readOnlyBanner(const QString &text, QWidget *parent)
{
    auto *banner = new QLabel(text, parent);
    banner->setObjectName(QStringLiteral("readOnlyBanner"));
    banner->setWordWrap(true);
    // The same blue as the main window's READ-ONLY badge and the value editor's banner.
    banner->setStyleSheet(QStringLiteral("QLabel { background: #1565c0; color: white; padding: 6px 8px; "
                                         "border-radius: 3px; }"));
    return banner;
}

} // namespace etcd::ui
