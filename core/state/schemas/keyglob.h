// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QRegularExpression>
#include <QString>

namespace etcd {

// A pattern for keys, as a schema names the keys it is for: `*` is any run of characters
// within one path segment (never `/`), `**` any run across segments (and `**/` also no segment
// at all, as in shells with globstar), `?` one character other than `/`; everything else stands
// for itself. `/config/checkout/*.json` matches `/config/checkout/settings.json`, not
// `/config/checkout/eu/settings.json`; `/config/**.json` matches both. Keys are read as UTF-8.
class KeyGlob
{
public:
    KeyGlob() = default;
    explicit KeyGlob(const QString &pattern);

    QString pattern() const { return m_pattern; }
    bool matches(const QString &key) const;
    bool matches(const QByteArray &key) const { return matches(QString::fromUtf8(key)); }

    // How specific a glob is, to choose when several match one key: the longer literal prefix
    // wins (`/config/checkout/*` over `/config/*`), then more literal characters in all
    // (`/config/*/settings.json` over `/config/*/*`), then fewer wildcards.
    bool moreSpecificThan(const KeyGlob &other) const;
    int literalPrefix() const { return m_literalPrefix; }

private:
    QString m_pattern;
    QRegularExpression m_re;
    int m_literalPrefix = 0;
    int m_literals = 0;
    int m_wildcards = 0;
};

} // namespace etcd
