// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QVector>

#include <algorithm>

namespace etcd::test {

// How long the GUI thread could not run a short timer, one sample per tick (microseconds late):
// the key browser's and the large-value benchmarks' measure of a freeze.
struct Stalls
{
    QVector<qint64> gapsUs;
    qint64 percentile(double p) const
    {
        if (gapsUs.isEmpty())
            return 0;
        QVector<qint64> s = gapsUs;
        std::sort(s.begin(), s.end());
        return s.at(std::min<qsizetype>(s.size() - 1, qsizetype(p * double(s.size()))));
    }
    qint64 max() const { return gapsUs.isEmpty() ? 0 : *std::max_element(gapsUs.begin(), gapsUs.end()); }
    QByteArray text() const // "p99 / max ms"
    {
        return QByteArray::number(double(percentile(0.99)) / 1000, 'f', 1) + " / " +
               QByteArray::number(double(max()) / 1000, 'f', 1) + " ms";
    }
};

} // namespace etcd::test
