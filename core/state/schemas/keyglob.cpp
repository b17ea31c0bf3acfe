// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "state/schemas/keyglob.h"

#include <tuple>

namespace etcd {

KeyGlob::KeyGlob(const QString &pattern) : m_pattern(pattern)
{
    QString re;
    QString literal; // a run of literal characters, escaped as one (surrogate pairs stay together)
    auto flush = [&] {
        re += QRegularExpression::escape(literal);
        literal.clear();
    };
    bool inPrefix = true;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c != QLatin1Char('*') && c != QLatin1Char('?')) {
            literal += c;
            ++m_literals;
            m_literalPrefix += inPrefix ? 1 : 0;
            continue;
        }
        flush();
        inPrefix = false;
        ++m_wildcards;
        if (c == QLatin1Char('?')) {
            re += QLatin1String("[^/]");
        } else if (i + 1 < pattern.size() && pattern.at(i + 1) == QLatin1Char('*')) {
            const bool slash = i + 2 < pattern.size() && pattern.at(i + 2) == QLatin1Char('/');
            re += slash ? QLatin1String("(?:.*/)?") : QLatin1String(".*");
            i += slash ? 2 : 1;
        } else {
            re += QLatin1String("[^/]*");
        }
    }
    flush();
    m_re = QRegularExpression(QRegularExpression::anchoredPattern(re), QRegularExpression::DotMatchesEverythingOption);
    m_re.optimize();
}

bool KeyGlob::matches(const QString &key) const
{
    return !m_pattern.isEmpty() && m_re.match(key).hasMatch();
}

bool KeyGlob::moreSpecificThan(const KeyGlob &other) const
{
    return std::make_tuple(m_literalPrefix, m_literals, -m_wildcards) >
           std::make_tuple(other.m_literalPrefix, other.m_literals, -other.m_wildcards);
}

} // namespace etcd
