// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "format/jsonpath.h"

namespace etcd {

namespace {

constexpr int kMaxDepth = 256;

bool isPlainIdentifier(const QString &key)
{
    // The same rule as structuraldiff's paths: [A-Za-z_][A-Za-z0-9_-]*
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        const bool letter = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                            (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_');
        const bool digit = (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-');
        if (!letter && (i == 0 || !digit))
            return false;
    }
    return true;
}

// A forgiving walk over JSON text that stops at the wanted path. It descends only into containers
// on the way to it (the others are skipped without building paths), so a large document costs
// one pass of character reads.
class Scanner
{
public:
    Scanner(const QString &text, const QString &target) : m_s(text), m_target(target) {}

    qsizetype find()
    {
        ws();
        if (m_target.isEmpty())
            return m_i < m_s.size() ? m_i : -1;
        value(QString(), true, 0);
        return m_found;
    }

private:
    void ws()
    {
        while (m_i < m_s.size() && m_s.at(m_i).isSpace())
            ++m_i;
    }

    bool string(QString *out)
    {
        if (m_i >= m_s.size() || m_s.at(m_i) != QLatin1Char('"'))
            return false;
        ++m_i;
        while (m_i < m_s.size()) {
            const QChar c = m_s.at(m_i++);
            if (c == QLatin1Char('"'))
                return true;
            if (c != QLatin1Char('\\')) {
                if (out)
                    out->append(c);
                continue;
            }
            if (m_i >= m_s.size())
                return false;
            const QChar e = m_s.at(m_i++);
            if (!out)
                continue;
            switch (e.unicode()) {
            case 'n': out->append(QLatin1Char('\n')); break;
            case 't': out->append(QLatin1Char('\t')); break;
            case 'r': out->append(QLatin1Char('\r')); break;
            case 'b': out->append(QLatin1Char('\b')); break;
            case 'f': out->append(QLatin1Char('\f')); break;
            case 'u': {
                bool ok = false;
                const ushort code = m_s.mid(m_i, 4).toUShort(&ok, 16);
                if (!ok)
                    return false;
                out->append(QChar(code));
                m_i += 4;
                break;
            }
            default: out->append(e); break;
            }
        }
        return false;
    }

    // Whether the target lies inside the container at `path`.
    bool leadsToTarget(const QString &path) const
    {
        if (!m_target.startsWith(path) || m_target.size() == path.size())
            return false;
        const QChar next = m_target.at(path.size());
        return path.isEmpty() || next == QLatin1Char('.') || next == QLatin1Char('[');
    }

    // Reads one value at m_i. `path` is its path when `tracking`; returns false on a syntax error
    // or once the target was found (either way the walk is over).
    bool value(const QString &path, bool tracking, int depth)
    {
        ws();
        if (m_i >= m_s.size() || depth > kMaxDepth)
            return false;
        const QChar c = m_s.at(m_i);
        if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            const bool object = c == QLatin1Char('{');
            const QChar close = object ? QLatin1Char('}') : QLatin1Char(']');
            const bool descend = tracking && leadsToTarget(path);
            ++m_i;
            ws();
            if (m_i < m_s.size() && m_s.at(m_i) == close) {
                ++m_i;
                return true;
            }
            for (qsizetype index = 0;; ++index) {
                ws();
                QString childPath;
                if (object) {
                    const qsizetype keyStart = m_i;
                    QString key;
                    if (!string(descend ? &key : nullptr))
                        return false;
                    if (descend) {
                        childPath = jsonPathKey(path, key);
                        if (childPath == m_target) {
                            m_found = keyStart;
                            return false;
                        }
                    }
                    ws();
                    if (m_i >= m_s.size() || m_s.at(m_i) != QLatin1Char(':'))
                        return false;
                    ++m_i;
                } else if (descend) {
                    childPath = jsonPathIndex(path, index);
                    ws();
                    if (childPath == m_target) {
                        m_found = m_i;
                        return false;
                    }
                }
                if (!value(childPath, descend, depth + 1))
                    return false;
                ws();
                if (m_i >= m_s.size())
                    return false;
                const QChar sep = m_s.at(m_i++);
                if (sep == close)
                    return true;
                if (sep != QLatin1Char(','))
                    return false;
            }
        }
        if (c == QLatin1Char('"'))
            return string(nullptr);
        // A number, true, false or null: everything up to the next delimiter.
        const qsizetype start = m_i;
        while (m_i < m_s.size() && !m_s.at(m_i).isSpace() && m_s.at(m_i) != QLatin1Char(',') &&
               m_s.at(m_i) != QLatin1Char('}') && m_s.at(m_i) != QLatin1Char(']'))
            ++m_i;
        return m_i > start;
    }

    const QString &m_s;
    const QString &m_target;
    qsizetype m_i = 0;
    qsizetype m_found = -1;
};

} // namespace

QString jsonPathKey(const QString &parent, const QString &key)
{
    if (isPlainIdentifier(key))
        return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
    QString escaped = key;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return parent + QLatin1String("[\"") + escaped + QLatin1String("\"]");
}

QString jsonPathIndex(const QString &parent, qsizetype index)
{
    return parent + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

qsizetype jsonPathOffset(const QString &text, const QString &path)
{
    return Scanner(text, path).find();
}

} // namespace etcd
