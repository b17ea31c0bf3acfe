// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "k8s/labelselector.h"

#include <QRegularExpression>

namespace etcd::k8s {

namespace {

// A label key: an optional DNS prefix and "/", then a name; values are names or empty.
bool validKey(const QString &key)
{
    static const QRegularExpression re(
        QStringLiteral("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"));
    return key.size() <= 316 && re.match(key).hasMatch();
}

bool validValue(const QString &value)
{
    static const QRegularExpression re(QStringLiteral("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$"));
    return value.size() <= 63 && re.match(value).hasMatch();
}

// Splits at commas that are not inside parentheses.
QStringList splitTerms(const QString &text, QString *error)
{
    QStringList terms;
    int depth = 0;
    QString current;
    for (const QChar c : text) {
        if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')') && --depth < 0) {
            *error = QStringLiteral("a \")\" without its \"(\"");
            return {};
        }
        if (c == QLatin1Char(',') && depth == 0) {
            terms << current;
            current.clear();
        } else {
            current += c;
        }
    }
    if (depth != 0) {
        *error = QStringLiteral("a \"(\" without its \")\"");
        return {};
    }
    terms << current;
    return terms;
}

} // namespace

LabelSelector LabelSelector::parse(const QString &text)
{
    LabelSelector s;
    if (text.trimmed().isEmpty())
        return s;
    const QStringList terms = splitTerms(text, &s.m_error);
    if (!s.m_error.isEmpty())
        return s;
    static const QRegularExpression setTerm(QStringLiteral("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$"));
    for (const QString &raw : terms) {
        const QString term = raw.trimmed();
        Requirement r;
        if (term.isEmpty()) {
            s.m_error = QStringLiteral("an empty requirement (two commas, or a comma at an end)");
            return s;
        }
        if (const QRegularExpressionMatch m = setTerm.match(term); m.hasMatch()) {
            r.key = m.captured(1);
            r.op = m.captured(2) == QLatin1String("in") ? Requirement::In : Requirement::NotIn;
            for (const QString &v : m.captured(3).split(QLatin1Char(',')))
                r.values << v.trimmed();
        } else if (const qsizetype ne = term.indexOf(QLatin1String("!=")); ne > 0) {
            r.key = term.left(ne).trimmed();
            r.op = Requirement::NotEquals;
            r.values << term.mid(ne + 2).trimmed();
        } else if (const qsizetype eq = term.indexOf(QLatin1Char('=')); eq > 0) {
            r.key = term.left(eq).trimmed();
            r.op = Requirement::Equals;
            // "==" means the same as "=".
            r.values << term.mid(term.mid(eq, 2) == QLatin1String("==") ? eq + 2 : eq + 1).trimmed();
        } else if (term.startsWith(QLatin1Char('!'))) {
            r.key = term.mid(1).trimmed();
            r.op = Requirement::DoesNotExist;
        } else {
            r.key = term;
            r.op = Requirement::Exists;
        }
        if (!validKey(r.key)) {
            s.m_error = QStringLiteral("\"%1\" is not a label key (in \"%2\")").arg(r.key, term);
            return s;
        }
        for (const QString &v : r.values) {
            if (!validValue(v)) {
                s.m_error = QStringLiteral("\"%1\" is not a label value (in \"%2\")").arg(v, term);
                return s;
            }
        }
        if ((r.op == Requirement::In || r.op == Requirement::NotIn) && r.values == QStringList{QString()}) {
            s.m_error = QStringLiteral("\"%1\" lists no values").arg(term);
            return s;
        }
        s.m_requirements << r;
    }
    return s;
}

bool LabelSelector::matches(const QMap<QString, QString> &labels) const
{
    for (const Requirement &r : m_requirements) {
        const auto it = labels.constFind(r.key);
        const bool has = it != labels.constEnd();
        switch (r.op) {
        case Requirement::Equals:
            if (!has || *it != r.values.first())
                return false;
            break;
        case Requirement::NotEquals:
            if (has && *it == r.values.first())
                return false;
            break;
        case Requirement::In:
            if (!has || !r.values.contains(*it))
                return false;
            break;
        case Requirement::NotIn:
            if (has && r.values.contains(*it))
                return false;
            break;
        case Requirement::Exists:
            if (!has)
                return false;
            break;
        case Requirement::DoesNotExist:
            if (has)
                return false;
            break;
        }
    }
    return true;
}

} // namespace etcd::k8s
