#include "views/charts/picturelegend.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QTextLayout>

#include <cmath>

namespace {
constexpr qreal SwatchWidth = 18;
constexpr qreal SwatchGap = 4;
constexpr qreal EntryGap = 14;
constexpr qreal RowGap = 2;

// `text` in lines no wider than `width`: at word boundaries where it can (CJK text between any two
// characters, as Unicode line breaking allows), anywhere in a word longer than a line.
QStringList wrapped(const QString &text, const QFont &font, qreal width)
{
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    QStringList lines;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        lines << text.mid(line.textStart(), line.textLength());
    }
    layout.endLayout();
    return lines;
}
}

void PictureLegend::layOut(const std::vector<Entry> &entries, const QFont &font, qreal width)
{
    m_font = font;
    m_placed.clear();
    const QFontMetricsF metrics(font);
    const qreal lineHeight = std::ceil(metrics.height());
    const qreal textRoom = qMax(width - SwatchWidth - SwatchGap, metrics.averageCharWidth());
    qreal x = 0;
    qreal rowTop = 0;
    qreal rowHeight = 0;
    for (const Entry &entry : entries) {
        // Whole on one line when the width allows; wrapped onto lines of its own when it does not.
        const qreal advance = std::ceil(metrics.horizontalAdvance(entry.name));
        QStringList lines = advance <= textRoom ? QStringList {entry.name} : wrapped(entry.name, font, textRoom);
        qreal textWidth = 0;
        for (const QString &line : std::as_const(lines))
            textWidth = qMax(textWidth, std::ceil(metrics.horizontalAdvance(line)));
        const qreal entryWidth = SwatchWidth + SwatchGap + textWidth;
        if (x > 0 && x + entryWidth > width) {
            rowTop += rowHeight + RowGap;
            x = 0;
            rowHeight = 0;
        }
        const qreal textHeight = lineHeight * qreal(lines.size());
        Placed placed;
        placed.swatch = QRectF(x, rowTop, SwatchWidth, lineHeight);
        placed.text = QRectF(x + SwatchWidth + SwatchGap, rowTop, textWidth, textHeight);
        placed.lines = lines;
        placed.entry = entry;
        m_placed.push_back(placed);
        rowHeight = qMax(rowHeight, textHeight);
        x += entryWidth + EntryGap;
    }
    m_height = m_placed.empty() ? 0 : rowTop + rowHeight;
}

void PictureLegend::paint(QPainter *painter, const QPointF &topLeft, const QColor &textColor) const
{
    const QFontMetricsF metrics(m_font);
    const qreal lineHeight = std::ceil(metrics.height());
    painter->save();
    painter->translate(topLeft);
    for (const Placed &placed : m_placed) {
        QPen pen = placed.entry.pen;
        pen.setWidthF(qMax<qreal>(pen.widthF(), 2));
        pen.setCosmetic(true);
        painter->setPen(pen);
        const qreal y = placed.swatch.center().y();
        painter->drawLine(QPointF(placed.swatch.left() + 1, y), QPointF(placed.swatch.right() - 1, y));
        QFont font = m_font;
        font.setStrikeOut(placed.entry.struck);
        QColor color = textColor;
        color.setAlphaF(placed.entry.struck ? 0.35f : 1.0f);
        painter->setFont(font);
        painter->setPen(color);
        for (qsizetype i = 0; i < placed.lines.size(); ++i) {
            const QPointF baseline(placed.text.left(), placed.text.top() + qreal(i) * lineHeight + metrics.ascent());
            painter->drawText(baseline, placed.lines[i]);
        }
    }
    painter->restore();
}
