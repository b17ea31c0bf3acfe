// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "common/icons.h"

#include <QFile>
#include <QGuiApplication>
#include <QIconEngine>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QPixmapCache>
#include <QSvgRenderer>

#include <algorithm>
#include <cmath>

// etcdui is a static library: nothing references the compiled resources, so the linker would drop
// them unless they are registered by name (outside any namespace, as Q_INIT_RESOURCE requires).
static void registerEtcdUiResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace etcd::ui {

namespace {

QColor tintFor(QIcon::Mode mode)
{
    const QPalette palette = QGuiApplication::palette();
    switch (mode) {
    case QIcon::Disabled: return palette.color(QPalette::Disabled, QPalette::WindowText);
    case QIcon::Selected: return palette.color(QPalette::Active, QPalette::HighlightedText);
    case QIcon::Normal:
    case QIcon::Active: break;
    }
    return palette.color(QPalette::Active, QPalette::WindowText);
}

// Renders the SVG at the exact pixel size asked for (so 16 px icons are drawn for 16 px, not
// scaled down from a big bitmap), tinted with the palette of the moment, cached by colour.
class SvgIconEngine final : public QIconEngine
{
public:
    explicit SvgIconEngine(const QString &name)
        : m_name(name), m_path(QStringLiteral(":/icons/%1.svg").arg(name)), m_tint(!iconKeepsColours(name))
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        const QSize pixels(int(std::lround(rect.width() * dpr)), int(std::lround(rect.height() * dpr)));
        painter->drawPixmap(rect, scaledPixmap(pixels, mode, state, dpr));
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    // `pixels` is in device pixels already (QIcon::pixmap multiplies by the ratio before asking).
    QPixmap scaledPixmap(const QSize &pixels, QIcon::Mode mode, QIcon::State, qreal scale) override
    {
        if (pixels.isEmpty())
            return {};
        const QColor colour = tintFor(mode);
        const QString key = QStringLiteral("etcd-icon/%1/%2x%3/%4/%5")
                                .arg(m_name)
                                .arg(pixels.width())
                                .arg(pixels.height())
                                .arg(m_tint ? colour.rgba() : (mode == QIcon::Disabled ? 1u : 0u), 0, 16)
                                .arg(m_tint ? 1 : 0);
        QPixmap result;
        if (QPixmapCache::find(key, &result))
            return result;

        QSvgRenderer renderer(m_path);
        if (!renderer.isValid())
            return {};
        QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            // Keep the drawing square and centred in a non-square request.
            const int side = std::min(pixels.width(), pixels.height());
            const QRectF target((pixels.width() - side) / 2.0, (pixels.height() - side) / 2.0, side, side);
            if (!m_tint && mode == QIcon::Disabled)
                p.setOpacity(0.4);
            renderer.render(&p, target);
            if (m_tint) {
                // Keep the shape's coverage (its anti-aliased edges and half-transparent parts), take
                // the colour from the palette.
                p.setCompositionMode(QPainter::CompositionMode_SourceIn);
                p.fillRect(image.rect(), colour);
            }
        }
        result = QPixmap::fromImage(image);
        result.setDevicePixelRatio(scale);
        QPixmapCache::insert(key, result);
        return result;
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override
    {
        const int side = std::min(size.width(), size.height());
        return {side, side};
    }

    QString key() const override { return QStringLiteral("etcd-svg-icon"); }
    QIconEngine *clone() const override { return new SvgIconEngine(*this); }
    QString iconName() override { return m_name; }
    bool isNull() override { return !QFile::exists(m_path); }

private:
    QString m_name;
    QString m_path;
    bool m_tint = true;
};

} // namespace

bool iconKeepsColours(const QString &name)
{
    return name == QLatin1String("etcd-console") || name == QLatin1String("warning");
}

QIcon icon(const QString &name)
{
    static const bool registered = [] {
        registerEtcdUiResources();
        return true;
    }();
    Q_UNUSED(registered);
    if (!QFile::exists(QStringLiteral(":/icons/%1.svg").arg(name))) {
        qWarning("etcd console: no icon named \"%s\"", qPrintable(name));
        return {};
    }
    return QIcon(new SvgIconEngine(name));
}

} // namespace etcd::ui
