// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "connection/connectiontestview.h"

#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

namespace etcd::ui {

namespace {
QString tableRow(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style='color:#757575; padding-right:16px'>%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value);
}

QString grey(const QString &text)
{
    return QStringLiteral("<span style='color:#757575'>%1</span>").arg(text.toHtmlEscaped());
}
} // namespace

ConnectionTestView::ConnectionTestView(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("testResultFrame"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("testResult"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_label->setMinimumHeight(m_label->fontMetrics().lineSpacing() * 7);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(6);
    m_busy->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_busy);
    showIdle();
}

void ConnectionTestView::showIdle()
{
    m_text.clear();
    m_busy->hide();
    m_label->setText(grey(tr("“Test connection” tries the profile with a client of its own: etcd version, leader, "
                             "members, authentication and the round trip of a status call. Nothing is written.")));
}

void ConnectionTestView::showRunning(const QStringList &endpoints)
{
    m_text = tr("Testing %1…").arg(endpoints.join(QStringLiteral(", ")));
    m_busy->show();
    m_label->setText(m_text.toHtmlEscaped());
}

void ConnectionTestView::showCancelled()
{
    m_text = tr("Test cancelled.");
    m_busy->hide();
    m_label->setText(grey(m_text));
}

void ConnectionTestView::showReport(const ConnectionTestReport &report)
{
    m_text = report.summary();
    m_busy->hide();
    m_label->setText(html(report));
}

QString ConnectionTestView::html(const ConnectionTestReport &report)
{
    QString html;
    if (report.ok()) {
        html = tr("<p style='color:#2e7d32; font-weight:bold'>✔ Connected (%1 ms)</p>").arg(report.elapsedMs);
        QString leader = tr("<span style='color:#c62828'>none: the cluster has no leader</span>");
        if (report.leaderId != 0) {
            const QString name = report.leaderName.isEmpty() ? tr("unnamed member") : report.leaderName;
            leader =
                QStringLiteral("<b>%1</b> &nbsp;id %2").arg(name.toHtmlEscaped(), QString::number(report.leaderId, 16));
            if (!report.leaderEndpoint.isEmpty())
                leader += tr(" &nbsp;at %1").arg(report.leaderEndpoint.toHtmlEscaped());
        }
        QString table = tableRow(tr("etcd version"), QStringLiteral("<b>%1</b>").arg(report.version.toHtmlEscaped()));
        table += tableRow(tr("Leader"), leader);
        if (report.memberCount >= 0)
            table +=
                tableRow(tr("Members"), report.learnerCount > 0
                                            ? tr("%1 (%2 learners)").arg(report.memberCount).arg(report.learnerCount)
                                            : QString::number(report.memberCount));
        table += tableRow(tr("Authentication"), report.auth == ConnectionTestReport::Auth::On    ? tr("on")
                                                : report.auth == ConnectionTestReport::Auth::Off ? tr("off")
                                                                                                 : tr("unknown"));
        if (report.latencyMs >= 0)
            table += tableRow(tr("Round trip"), tr("<b>%1 ms</b> &nbsp;status call to %2")
                                                    .arg(report.latencyMs, 0, 'f', 1)
                                                    .arg(report.latencyEndpoint.toHtmlEscaped()));
        html += QStringLiteral("<table cellspacing='3'>%1</table>").arg(table);
    } else {
        html = tr("<p style='color:#c62828; font-weight:bold'>✖ Connection failed</p><p>%1</p>")
                   .arg(report.error.toString().toHtmlEscaped());
        if (!report.hint.isEmpty())
            html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("What to do:"), report.hint.toHtmlEscaped());
    }
    for (const QString &w : report.warnings)
        html += QStringLiteral("<p style='color:#b26a00'>⚠ %1</p>").arg(w.toHtmlEscaped());
    return html;
}

} // namespace etcd::ui
