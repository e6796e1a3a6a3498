// TimeSeriesChart, part two: what is drawn over the plot and what the mouse does there. The
// crosshair with every series' value, the mouse's zoom and pan of the time axis (the arithmetic is
// TimeZoom's), the markers' labels, and a picture's legend.
#include "views/charts/timeserieschart.h"
#include "bridge/untrustedtext.h"
#include "views/charts/capturelook.h"

#include <QContextMenuEvent>
#include <QDateTime>
#include <QLineSeries>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace {
constexpr int MarkerLabelMaxWidth = 140;
constexpr int MarkerRowsMax = 3;
// A picture has no tooltip and no context menu to name a marker: its labels are whole, in as
// many rows as they need up to this many (a recording may hold hundreds of markers).
constexpr int MarkerRowsMaxInPicture = 8;

// The point of `points` (in time order) nearest to `x`, or -1 when x is outside them.
qsizetype nearestIndex(const QList<QPointF> &points, double x)
{
    if (points.isEmpty() || x < points.first().x() || x > points.last().x())
        return -1;
    const auto it =
        std::lower_bound(points.cbegin(), points.cend(), x, [](const QPointF &p, double value) { return p.x() < value; });
    qsizetype i = it - points.cbegin();
    if (i > 0 && (i == points.size() || x - points[i - 1].x() < points[i].x() - x))
        --i;
    return i;
}
}

QPointF TimeSeriesChart::chartPosition(const QPoint &viewPos) const
{
    return chart()->mapFromScene(mapToScene(viewPos));
}

qint64 TimeSeriesChart::timeAtX(qreal x) const
{
    const QRectF plot = chart()->plotArea();
    return m_zoom.timeAt(plot.width() > 0 ? (x - plot.left()) / plot.width() : 0);
}

qreal TimeSeriesChart::xAtTime(qint64 timeMs) const
{
    const QRectF plot = chart()->plotArea();
    return plot.left() + plot.width() * m_zoom.shareOf(timeMs);
}

QStringList TimeSeriesChart::valuesAt(qint64 timeMs) const
{
    struct Row
    {
        double value;
        QString text;
    };
    std::vector<Row> rows;
    const QLocale locale;
    const int decimals = m_fixedDecimals >= 0 ? m_fixedDecimals : qMax(m_decimals, 1);
    for (const QString &key : m_order) {
        if (!m_series.value(key)->isVisible())
            continue;
        for (QLineSeries *piece : pieces(key)) {
            const QList<QPointF> points = piece->points();
            const qsizetype i = nearestIndex(points, double(timeMs));
            if (i < 0)
                continue;
            rows.push_back(
                {points[i].y(), QStringLiteral("%1: %2").arg(m_names.value(key), locale.toString(points[i].y(), 'f', decimals))});
            break;
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.value > b.value; });
    QStringList lines {QDateTime::fromMSecsSinceEpoch(timeMs).toString(QStringLiteral("HH:mm:ss"))};
    if (rows.empty())
        lines << tr("no sample at this time");
    for (const Row &row : rows)
        lines << row.text;
    return lines;
}

void TimeSeriesChart::showCrosshair(qint64 timeMs)
{
    m_crosshairMs = timeMs;
    viewport()->update();
}

QList<QRectF> TimeSeriesChart::markerLabelRects() const
{
    QList<QRectF> rects;
    for (const MarkerLabel &label : m_markerLabels)
        rects.append(label.box);
    return rects;
}

void TimeSeriesChart::hideCrosshair()
{
    if (m_crosshairMs < 0)
        return;
    m_crosshairMs = -1;
    viewport()->update();
}

void TimeSeriesChart::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF pos = chartPosition(event->position().toPoint());
    if (m_dragViewFromMs >= 0 && (event->buttons() & Qt::LeftButton)) {
        const QRectF plot = chart()->plotArea();
        const double msPerPixel = double(m_zoom.spanMs()) / qMax(1.0, plot.width());
        const qint64 target = m_dragViewFromMs - qint64(double(event->position().x() - m_dragFrom.x()) * msPerPixel);
        panTime(target - m_zoom.fromMs());
    }
    if (chart()->plotArea().contains(pos))
        showCrosshair(timeAtX(pos.x()));
    else
        hideCrosshair();
    const int marker = markerAt(event->position().toPoint());
    if (marker >= 0)
        QToolTip::showText(event->globalPosition().toPoint(), UntrustedText::toolTip(m_markers[std::size_t(marker)].label), this);
    QChartView::mouseMoveEvent(event);
}

void TimeSeriesChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_zoom.isZoomed()
        && chart()->plotArea().contains(chartPosition(event->position().toPoint()))) {
        m_dragFrom = event->position().toPoint();
        m_dragViewFromMs = m_zoom.fromMs();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event); // the legend's markers take their clicks
}

void TimeSeriesChart::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_dragViewFromMs >= 0) {
        m_dragViewFromMs = -1;
        unsetCursor();
    }
    QChartView::mouseReleaseEvent(event);
}

void TimeSeriesChart::mouseDoubleClickEvent(QMouseEvent *event)
{
    resetZoom();
    event->accept();
}

void TimeSeriesChart::wheelEvent(QWheelEvent *event)
{
    const QPointF pos = chartPosition(event->position().toPoint());
    const int steps = event->angleDelta().y() / 120;
    if (steps == 0 || !chart()->plotArea().contains(pos)) {
        QChartView::wheelEvent(event);
        return;
    }
    zoomTime(std::pow(0.8, steps), timeAtX(pos.x()));
    showCrosshair(timeAtX(pos.x()));
    event->accept();
}

void TimeSeriesChart::leaveEvent(QEvent *event)
{
    hideCrosshair();
    QChartView::leaveEvent(event);
}

int TimeSeriesChart::markerAt(const QPoint &viewPos) const
{
    const QPointF pos = chartPosition(viewPos);
    const QRectF plot = chart()->plotArea();
    for (const MarkerLabel &label : m_markerLabels) {
        const bool onLine = qAbs(pos.x() - label.x) <= 3 && pos.y() >= label.box.top() && pos.y() <= plot.bottom();
        if (label.box.contains(pos) || onLine)
            return label.index;
    }
    return -1;
}

void TimeSeriesChart::contextMenuEvent(QContextMenuEvent *event)
{
    const int index = markerAt(event->pos());
    QMenu menu(this);
    if (index >= 0) {
        const QString label = m_markers[std::size_t(index)].label;
        menu.addAction(tr("Rename marker “%1”…").arg(label), this, [this, index] { emit markerRenameRequested(index); });
        menu.addAction(tr("Delete marker “%1”").arg(label), this, [this, index] { emit markerRemoveRequested(index); });
        menu.addSeparator();
    }
    QAction *reset = menu.addAction(tr("Show the whole window"), this, &TimeSeriesChart::resetZoom);
    reset->setEnabled(m_zoom.isZoomed());
    menu.exec(event->globalPos());
}

void TimeSeriesChart::setMarkers(const std::vector<RecordingMarker> &markers)
{
    const bool same = markers.size() == m_markers.size()
        && std::equal(markers.begin(), markers.end(), m_markers.begin(), [](const RecordingMarker &a, const RecordingMarker &b) {
                          return a.timeMs == b.timeMs && a.label == b.label;
                      });
    if (same)
        return;
    m_markers = markers;
    layOutMarkers();
    viewport()->update();
}

void TimeSeriesChart::layOutMarkers()
{
    // Labels sit in rows above the plot, never over the data: each goes to the first row where it
    // clears its left neighbour; one that fits no row is elided to what room is left. A label
    // near the right edge ends at the edge, left of its line.
    const QFontMetrics metrics(font());
    const qreal rowHeight = metrics.height() + 2;
    const QRectF plot = chart()->plotArea();
    const bool picture = CaptureLook::isCapturing(this);
    const int labelMaxWidth = picture ? qMax(MarkerLabelMaxWidth, int(plot.width()) - 6) : MarkerLabelMaxWidth;
    // A short chart keeps its height for the data: one row of labels, elided.
    const int rowsMax = picture ? MarkerRowsMaxInPicture : height() < 260 ? 1 : MarkerRowsMax;
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < m_markers.size(); ++i) {
        if (m_zoom.contains(m_markers[i].timeMs))
            order.push_back(i);
    }
    std::sort(order.begin(), order.end(),
              [this](std::size_t a, std::size_t b) { return m_markers[a].timeMs < m_markers[b].timeMs; });
    std::vector<qreal> rowEnds;
    m_markerLabels.clear();
    for (const std::size_t i : order) {
        const qreal x = xAtTime(m_markers[i].timeMs);
        const QString text = metrics.elidedText(m_markers[i].label, Qt::ElideRight, labelMaxWidth);
        const qreal width = metrics.horizontalAdvance(text) + 6;
        const qreal left = qMax(qMin(x - 2, plot.right() - width), 0.0);
        int row = 0;
        while (row < int(rowEnds.size()) && rowEnds[std::size_t(row)] > left)
            ++row;
        QString shown = text;
        qreal shownWidth = width;
        if (row >= rowsMax) {
            // No row is free: the row that frees up first gets what room is left, elided.
            row = int(std::min_element(rowEnds.begin(), rowEnds.end()) - rowEnds.begin());
            shown = metrics.elidedText(m_markers[i].label, Qt::ElideRight,
                                       qMax(12, int(plot.right() - rowEnds[std::size_t(row)]) - 6));
            shownWidth = metrics.horizontalAdvance(shown) + 6;
        }
        if (row >= int(rowEnds.size()))
            rowEnds.push_back(0);
        const qreal boxLeft = qMax(left, rowEnds[std::size_t(row)]);
        if (boxLeft + shownWidth > plot.right()) {
            // Not even "…" fits before the plot's right edge (markers crowded at the latest
            // moment): only the line, named by its context menu, rather than a box cut by the edge.
            m_markerLabels.push_back({int(i), x, QRectF(x, plot.top(), 0, 0), QString()});
            continue;
        }
        rowEnds[std::size_t(row)] = boxLeft + shownWidth + 4;
        m_markerLabels.push_back({int(i), x, QRectF(boxLeft, 2 + row * rowHeight, shownWidth, rowHeight), shown});
    }
    const int rows = int(rowEnds.size());
    if (rows != m_markerRows) {
        m_markerRows = rows;
        applyMargins(); // the rows take room at the top: the plot moves down under them
    }
}

void TimeSeriesChart::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    drawValueTitle(painter);
    drawPictureLegend(painter);
    drawMarkers(painter);
    drawZoomHint(painter);
    drawCrosshair(painter);
}

QString TimeSeriesChart::zoomHint() const
{
    return m_zoom.isZoomed() ? tr("Zoomed in, not following new samples: double-click for the whole window") : QString();
}

void TimeSeriesChart::drawZoomHint(QPainter *painter)
{
    const QString hint = zoomHint();
    if (hint.isEmpty())
        return;
    const QRectF plot = chart()->plotArea();
    const QFontMetrics metrics(font());
    const QString text = metrics.elidedText(hint, Qt::ElideRight, int(plot.width()) - 12);
    const QRectF box(plot.right() - metrics.horizontalAdvance(text) - 10, plot.top() + 2, metrics.horizontalAdvance(text) + 8,
                     metrics.height() + 2);
    QColor background = palette().color(QPalette::Base);
    background.setAlphaF(0.85f);
    painter->save();
    painter->fillRect(box, background);
    painter->setPen(palette().color(QPalette::Text));
    painter->setFont(font());
    painter->drawText(box, Qt::AlignCenter, text);
    painter->restore();
}

void TimeSeriesChart::drawPictureLegend(QPainter *painter)
{
    if (showsPictureLegend())
        m_pictureLegend.paint(painter, pictureLegendRect().topLeft(), palette().color(QPalette::Text));
}

void TimeSeriesChart::drawMarkers(QPainter *painter)
{
    if (m_markerLabels.empty())
        return;
    const QRectF plot = chart()->plotArea();
    QColor line = palette().color(QPalette::Text);
    line.setAlphaF(0.6f);
    painter->save();
    painter->setFont(font());
    for (const MarkerLabel &label : m_markerLabels) {
        if (label.x < plot.left() || label.x > plot.right())
            continue;
        painter->setPen(QPen(line, 1, Qt::DashLine));
        painter->drawLine(QPointF(label.x, label.box.bottom()), QPointF(label.x, plot.bottom()));
        if (label.text.isEmpty())
            continue;
        painter->fillRect(label.box, palette().color(QPalette::Base));
        painter->setPen(palette().color(QPalette::Text));
        painter->drawRect(label.box);
        painter->drawText(label.box, Qt::AlignCenter, label.text);
    }
    painter->restore();
}

void TimeSeriesChart::drawCrosshair(QPainter *painter)
{
    if (m_crosshairMs < 0 || CaptureLook::isCapturing(this))
        return; // where the mouse happened to be is no part of a picture
    const QRectF plot = chart()->plotArea();
    const qreal x = xAtTime(m_crosshairMs);
    if (x < plot.left() || x > plot.right())
        return;
    painter->save();
    QColor line = palette().color(QPalette::Text);
    line.setAlphaF(0.7f);
    painter->setPen(QPen(line, 1));
    painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    // The values in a box beside the line, on the side with more room.
    QStringList lines = valuesAt(m_crosshairMs);
    const QFontMetrics metrics(font());
    // As many rows as the chart has room for (the largest values come first), then how many more.
    const int fit = qMax(2, (height() - 16) / metrics.height());
    if (lines.size() > fit) {
        const qsizetype hidden = lines.size() - fit + 1;
        lines = lines.mid(0, fit - 1);
        lines << tr("… %n more", nullptr, int(hidden));
    }
    qreal width = 0;
    for (const QString &text : lines)
        width = qMax<qreal>(width, metrics.horizontalAdvance(text));
    const QSizeF size(width + 12, qreal(lines.size()) * metrics.height() + 8);
    const qreal left = x + 8 + size.width() <= plot.right() ? x + 8 : x - 8 - size.width();
    const qreal top = qMax<qreal>(4, qMin(plot.top() + 4, height() - size.height() - 4));
    const QRectF box(QPointF(qMax<qreal>(4, left), top), size);
    QColor background = palette().color(QPalette::ToolTipBase);
    background.setAlphaF(0.92f);
    painter->setPen(line);
    painter->setBrush(background);
    painter->drawRect(box);
    painter->setPen(palette().color(QPalette::ToolTipText));
    painter->setFont(font());
    for (int i = 0; i < lines.size(); ++i)
        painter->drawText(QPointF(box.left() + 6, box.top() + 4 + metrics.ascent() + i * metrics.height()), lines[i]);
    painter->restore();
}
