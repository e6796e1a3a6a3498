#include "timeserieschart.h"

#include "chartcolors.h"
#include "historypanel.h"

#include <QLocale>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>

namespace {

// 1, 2, 2.5, 5 × 10^k at or above `value`: axis ends people can read.
double niceCeiling(double value)
{
    if (value <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (step * magnitude >= value)
            return step * magnitude;
    }
    return 10 * magnitude;
}

}

TimeSeriesChart::TimeSeriesChart(QWidget *parent)
    : QChartView(parent)
    , m_timeAxis(new QDateTimeAxis)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(300, 160);
    QChart *c = chart();
    c->setAnimationOptions(QChart::NoAnimation); // live data: animation would lag every refresh
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));
    c->addAxis(m_timeAxis, Qt::AlignBottom);
    m_timeAxis->setTickCount(6);
    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    replaceValueAxis();
    applyPalette();
}

void TimeSeriesChart::resizeEvent(QResizeEvent *event)
{
    // One time label per ~110 px, so "HH:mm:ss" is never elided.
    m_timeAxis->setTickCount(qBound(3, width() / 110, 7));
    QChartView::resizeEvent(event);
}

void TimeSeriesChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyPalette();
    QChartView::changeEvent(event);
}

void TimeSeriesChart::applyPalette()
{
    QChart *c = chart();
    ChartColors::applyPalette(c, palette());
    c->legend()->setLabelColor(palette().color(QPalette::Text));
    const auto markers = c->legend()->markers();
    for (QLegendMarker *marker : markers)
        styleMarker(marker, marker->series()->isVisible());
}

void TimeSeriesChart::replaceValueAxis()
{
    QChart *c = chart();
    const auto all = c->series();
    if (m_valueAxis) {
        for (QAbstractSeries *s : all)
            s->detachAxis(m_valueAxis);
        c->removeAxis(m_valueAxis);
        delete m_valueAxis;
    }
    if (m_logarithmic) {
        auto axis = new QLogValueAxis;
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%g"));
        axis->setMinorTickCount(-1);
        m_valueAxis = axis;
    } else {
        auto axis = new QValueAxis;
        axis->setTickCount(5);
        axis->setTruncateLabels(false);
        axis->setLabelFormat(QStringLiteral("%.") + QString::number(m_decimals) + QStringLiteral("f"));
        m_valueAxis = axis;
    }
    m_valueAxis->setTitleText(m_valueTitle);
    c->addAxis(m_valueAxis, Qt::AlignLeft);
    for (QAbstractSeries *s : all)
        s->attachAxis(m_valueAxis);
    applyPalette();
}

void TimeSeriesChart::attach(QLineSeries *series)
{
    chart()->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_valueAxis);
    connect(series, &QLineSeries::hovered, this,
            [this, series](const QPointF &point, bool state) { showHover(series, point, state); });
    const auto markers = chart()->legend()->markers(series);
    for (QLegendMarker *marker : markers) {
        connect(marker, &QLegendMarker::clicked, this, [this, marker] {
            const QString key = m_series.key(static_cast<QLineSeries *>(marker->series()));
            if (key.isEmpty())
                return; // the limit line stays
            setSeriesHidden(key, !m_hidden.contains(key));
            emit seriesVisibilityChanged(key, !m_hidden.contains(key));
            rescale();
        });
        styleMarker(marker, series->isVisible());
    }
}

void TimeSeriesChart::styleMarker(QLegendMarker *marker, bool visible)
{
    QColor label = palette().color(QPalette::Text);
    label.setAlphaF(visible ? 1.0f : 0.35f);
    marker->setLabelBrush(label);
    QFont font = marker->font();
    font.setStrikeOut(!visible);
    marker->setFont(font);
}

void TimeSeriesChart::addSeries(const QString &key, const QColor &color, Qt::PenStyle style, qreal width)
{
    if (m_series.contains(key))
        return;
    auto series = new QLineSeries(this);
    series->setName(key);
    m_series.insert(key, series);
    m_order.append(key);
    setSeriesPen(key, color, style, width);
    attach(series);
}

void TimeSeriesChart::removeSeries(const QString &key)
{
    QLineSeries *series = m_series.take(key);
    if (!series)
        return;
    m_order.removeAll(key);
    m_maxima.remove(key);
    m_hidden.remove(key);
    m_inactive.remove(key);
    chart()->removeSeries(series);
    series->deleteLater();
}

void TimeSeriesChart::setSeriesName(const QString &key, const QString &name)
{
    if (QLineSeries *series = m_series.value(key))
        series->setName(name);
}

void TimeSeriesChart::setSeriesPen(const QString &key, const QColor &color, Qt::PenStyle style, qreal width)
{
    QLineSeries *series = m_series.value(key);
    if (!series)
        return;
    QPen pen(color, width, style);
    pen.setCosmetic(true);
    series->setPen(pen);
}

void TimeSeriesChart::setSeriesPoints(const QString &key, const QList<QPointF> &points)
{
    QLineSeries *series = m_series.value(key);
    if (!series)
        return;
    double maximum = 0;
    for (const QPointF &p : points)
        maximum = qMax(maximum, p.y());
    m_maxima.insert(key, maximum);
    if (m_logarithmic) {
        // A log axis cannot place 0: draw it on the axis floor.
        QList<QPointF> lifted = points;
        for (QPointF &p : lifted)
            p.setY(qMax(p.y(), 1.0));
        series->replace(lifted);
    } else {
        series->replace(points);
    }
}

void TimeSeriesChart::setSeriesHidden(const QString &key, bool hidden)
{
    if (!m_series.contains(key))
        return;
    if (hidden)
        m_hidden.insert(key);
    else
        m_hidden.remove(key);
    applyVisibility(key);
}

void TimeSeriesChart::setSeriesActive(const QString &key, bool active)
{
    if (!m_series.contains(key) || m_inactive.contains(key) == !active)
        return;
    if (active)
        m_inactive.remove(key);
    else
        m_inactive.insert(key);
    applyVisibility(key);
}

void TimeSeriesChart::applyVisibility(const QString &key)
{
    QLineSeries *series = m_series.value(key);
    const bool active = !m_inactive.contains(key);
    const bool shown = active && !m_hidden.contains(key);
    series->setVisible(shown);
    const auto markers = chart()->legend()->markers(series);
    for (QLegendMarker *marker : markers) {
        // Hiding a series hides its marker too; a series the user hid keeps its entry.
        marker->setVisible(active);
        styleMarker(marker, shown);
    }
}

bool TimeSeriesChart::isSeriesHidden(const QString &key) const
{
    return m_hidden.contains(key);
}

void TimeSeriesChart::setTitle(const QString &title)
{
    chart()->setTitle(title);
}

void TimeSeriesChart::setValueTitle(const QString &title)
{
    m_valueTitle = title;
    m_valueAxis->setTitleText(title);
}

void TimeSeriesChart::setValueDecimals(int decimals)
{
    m_fixedDecimals = decimals;
    m_decimals = qMax(decimals, 0);
    if (auto axis = qobject_cast<QValueAxis *>(m_valueAxis))
        axis->setLabelFormat(QStringLiteral("%.") + QString::number(m_decimals) + QStringLiteral("f"));
}

void TimeSeriesChart::showWindow(const HistoryWindow &window)
{
    setTimeRange(window.fromMs, window.toMs);
    setMarkers(window.markers ? *window.markers : std::vector<RecordingMarker>());
}

void TimeSeriesChart::setTimeRange(qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = qMax(toMs, fromMs + 1000);
    m_timeAxis->setFormat(m_toMs - m_fromMs > 20 * 60 * 1000 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(m_fromMs), QDateTime::fromMSecsSinceEpoch(m_toMs));
    if (m_limit)
        m_limit->replace({QPointF(double(m_fromMs), m_limitValue), QPointF(double(m_toMs), m_limitValue)});
}

void TimeSeriesChart::setLimit(double value, const QString &label)
{
    if (std::isnan(value)) {
        if (m_limit) {
            chart()->removeSeries(m_limit);
            m_limit->deleteLater();
            m_limit = nullptr;
        }
        m_limitValue = value;
        return;
    }
    if (!m_limit) {
        m_limit = new QLineSeries(this);
        QPen pen(ChartColors::warning(), 1.5, Qt::DashLine);
        pen.setCosmetic(true);
        m_limit->setPen(pen);
        attach(m_limit);
    }
    m_limit->setName(label);
    m_limitValue = value;
    m_limit->replace({QPointF(double(m_fromMs), value), QPointF(double(m_toMs), value)});
}

void TimeSeriesChart::setLogarithmic(bool logarithmic)
{
    if (logarithmic == m_logarithmic)
        return;
    m_logarithmic = logarithmic;
    replaceValueAxis();
}

void TimeSeriesChart::rescale()
{
    double maximum = 0;
    for (auto it = m_maxima.cbegin(); it != m_maxima.cend(); ++it) {
        const QLineSeries *series = m_series.value(it.key());
        if (series && series->isVisible())
            maximum = qMax(maximum, it.value());
    }
    if (m_limit && (m_logarithmic || maximum >= 0.25 * m_limitValue))
        maximum = qMax(maximum, m_limitValue);
    if (m_logarithmic) {
        m_valueAxis->setRange(1.0, qMax(10.0, std::pow(10.0, std::ceil(std::log10(qMax(maximum, 1.0) * 1.05)))));
    } else {
        const int decimals = m_fixedDecimals >= 0 ? m_fixedDecimals : (maximum < 10 ? 1 : 0);
        if (decimals != m_decimals) {
            m_decimals = decimals;
            if (auto axis = qobject_cast<QValueAxis *>(m_valueAxis))
                axis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f"));
        }
        const double top = niceCeiling(maximum * 1.05);
        m_valueAxis->setRange(0.0, m_decimals == 0 ? qMax(top, 4.0) : qMax(top, 1.0));
    }
}

void TimeSeriesChart::showHover(QLineSeries *series, const QPointF &point, bool entered)
{
    if (!entered) {
        QToolTip::hideText();
        return;
    }
    const QString time = QDateTime::fromMSecsSinceEpoch(qint64(point.x())).toString(QStringLiteral("HH:mm:ss"));
    QToolTip::showText(QCursor::pos(), QStringLiteral("%1\n%2: %3")
                                           .arg(time, series->name(), QLocale().toString(point.y(), 'f', m_decimals)),
                       this);
}

void TimeSeriesChart::setMarkers(const std::vector<RecordingMarker> &markers)
{
    m_markers = markers;
    viewport()->update();
}

void TimeSeriesChart::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    QLineSeries *anchor = m_order.isEmpty() ? m_limit : m_series.value(m_order.first());
    if (m_markers.empty() || !anchor)
        return;
    const QRectF plot = chart()->plotArea();
    QColor color = palette().color(QPalette::Text);
    color.setAlphaF(0.6f);
    QFont font = painter->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    painter->save();
    painter->setFont(font);
    for (const RecordingMarker &marker : m_markers) {
        if (marker.timeMs < m_fromMs || marker.timeMs > m_toMs)
            continue;
        const qreal x = chart()->mapToPosition(QPointF(double(marker.timeMs), 0), anchor).x();
        if (x < plot.left() || x > plot.right())
            continue;
        painter->setPen(QPen(color, 1, Qt::DashLine));
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        const QRectF label = painter->fontMetrics().boundingRect(marker.label).adjusted(-3, -1, 3, 1);
        const QRectF box(QPointF(qMin(x + 2, plot.right() - label.width()), plot.top() + 2), label.size());
        painter->fillRect(box, palette().color(QPalette::Base));
        painter->setPen(palette().color(QPalette::Text));
        painter->drawText(box, Qt::AlignCenter, marker.label);
    }
    painter->restore();
}
