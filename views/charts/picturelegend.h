#pragma once

#include <QFont>
#include <QPen>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <vector>

class QPainter;

// A time chart's legend in a picture, where Qt Charts' own would cut a long name
// ("tcp_max_tw_bucke...") or drop entries: every name whole, the entries in as many rows as the
// width needs, and a name wider than the whole width wrapped onto lines of its own. A picture has
// no crosshair and no tooltip, so its legend is the only thing that names the lines.
class PictureLegend
{
public:
    struct Entry
    {
        QString name; // plain text
        QPen pen; // the series' line
        bool struck = false; // hidden by the user: listed, struck out
    };
    struct Placed
    {
        QRectF swatch; // the line sample, from the legend's top left
        QRectF text;
        QStringList lines; // `name` in the lines it is drawn in, together all of it
        Entry entry;
    };

    // Lays `entries` out `width` wide in `font`; the height follows.
    void layOut(const std::vector<Entry> &entries, const QFont &font, qreal width);
    qreal height() const { return m_height; }
    const std::vector<Placed> &placed() const { return m_placed; }
    void paint(QPainter *painter, const QPointF &topLeft, const QColor &textColor) const;

private:
    QFont m_font;
    qreal m_height = 0;
    std::vector<Placed> m_placed;
};
