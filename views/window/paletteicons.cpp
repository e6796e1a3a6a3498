#include "views/window/paletteicons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace {

template <typename Draw> QIcon drawn(const QPalette &palette, Draw draw)
{
    QIcon icon;
    for (const int size : {16, 24, 32, 48}) {
        for (const QIcon::Mode mode : {QIcon::Normal, QIcon::Disabled}) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(Qt::NoPen);
            painter.setBrush(
                palette.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::WindowText));
            painter.scale(size / 16.0, size / 16.0);
            draw(painter);
            painter.end();
            icon.addPixmap(pixmap, mode);
        }
    }
    return icon;
}

}

namespace PaletteIcons {

QIcon pause(const QPalette &palette)
{
    return drawn(palette, [](QPainter &p) {
        p.drawRect(QRectF(3.5, 3, 3, 10));
        p.drawRect(QRectF(9.5, 3, 3, 10));
    });
}

QIcon play(const QPalette &palette)
{
    return drawn(palette, [](QPainter &p) {
        QPainterPath path;
        path.moveTo(4, 2.5);
        path.lineTo(13, 8);
        path.lineTo(4, 13.5);
        path.closeSubpath();
        p.drawPath(path);
    });
}

}
