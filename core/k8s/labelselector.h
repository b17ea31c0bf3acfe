// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

namespace etcd::k8s {

// A label selector as kubectl -l takes it: `app=web,tier!=db`, `env in (prod,staging)`,
// `env notin (dev)`, `release` (has the label), `!canary` (has not). Comma means and.
class LabelSelector
{
public:
    // An empty text selects everything. On a syntax error, isValid() is false and error() says
    // where and what was expected.
    static LabelSelector parse(const QString &text);

    bool isValid() const { return m_error.isEmpty(); }
    bool isEmpty() const { return m_requirements.isEmpty(); }
    QString error() const { return m_error; }
    bool matches(const QMap<QString, QString> &labels) const;

private:
    struct Requirement
    {
        enum Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist } op = Equals;
        QString key;
        QStringList values;
    };
    QVector<Requirement> m_requirements;
    QString m_error;
};

} // namespace etcd::k8s
