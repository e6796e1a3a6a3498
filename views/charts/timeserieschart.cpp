#include "views/charts/timeserieschart.h"

#include "views/charts/capturelook.h"
#include "views/charts/chartcolors.h"
#include "views/charts/chartfonts.h"
#include "views/charts/historypanel.h"
#include "views/charts/niceticks.h"

#include <QCategoryAxis>
#include <QDateTime>
#include <QEvent>
#include <QGraphicsLayout>
#include <QPainter>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <cmath>

namespace {
// Below these sizes the legend gives its room to the plot; the crosshair still names every series.
constexpr int LegendMinHeight = 190;
constexpr int LegendMinWidth = 300;
}

TimeSeriesChart::TimeSeriesChart(QWidget *parent)
    : QChartView(parent)
    , m_timeAxis(new QCategoryAxis)
{
    setRenderHint(QPainter::Antialiasing);
    // The crosshair, its values and the markers' labels are drawn over the whole view: a partial
    // update (one series changed) would leave pieces of the previous ones behind.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    // Small enough for a dock on a 1024×640 screen; the legend hides when the chart is this small.
    setMinimumSize(220, 110);
    setMouseTracking(true);
    QChart *c = chart();
    c->setAnimationOptions(QChart::NoAnimation); // live data: animation would lag every refresh
    NiceTicks::useLocaleNumbers(c);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));
    // Ticks at round times (whole minutes, 10 s...), which a QDateTimeAxis cannot place: it only
    // divides its range evenly. A category axis draws its labels where we put them.
    m_timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_timeAxis->setTruncateLabels(false);
    c->addAxis(m_timeAxis, Qt::AlignBottom);
    replaceValueAxis();
    applyPalette();
    // The plot's width is known once the chart has laid out (a legend placed, larger text): the
    // ticks follow it. Same width, same ticks: no loop.
    connect(c, &QChart::plotAreaChanged, this, [this] { applyTimeAxis(); });
}

void TimeSeriesChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    applyCompactness();
    applyTimeAxis();
    layOutMarkers();
}

void TimeSeriesChart::applyCompactness()
{
    QLegend *legend = chart()->legend();
    // A picture has no crosshair to name the lines: it always has its legend.
    const bool roomy = (height() >= LegendMinHeight && width() >= LegendMinWidth) || CaptureLook::isCapturing(this);
    if (legend->isVisible() != roomy)
        legend->setVisible(roomy);
    // A vertical axis title longer than the plot is elided to "⋮" by Qt Charts: show it only
    // when it fits (the chart's tooltip still says what the values are).
    if (m_valueAxis) {
        const QFontMetrics metrics(m_valueAxis->titleFont());
        const int room = height() - 90 - 4 * m_markerRows;
        const bool fits = !m_valueTitle.isEmpty() && metrics.horizontalAdvance(m_valueTitle) <= room;
        m_valueAxis->setTitleVisible(fits && !m_ownValueTitle);
        m_drawnValueTitle = fits && m_ownValueTitle;
        applyMargins();
    }
}

void TimeSeriesChart::applyMargins()
{
    // Room above the plot for the markers' label rows, left of it for a title we draw.
    const QFontMetrics metrics(font());
    const QMargins margins(4 + (m_drawnValueTitle ? QFontMetrics(m_valueAxis->titleFont()).height() + 2 : 0),
                           4 + (metrics.height() + 2) * m_markerRows, 4, 4);
    if (chart()->margins() != margins)
        chart()->setMargins(margins);
}

void TimeSeriesChart::drawValueTitle(QPainter *painter)
{
    if (!m_drawnValueTitle)
        return;
    const QRectF plot = chart()->plotArea();
    QFont font = m_valueAxis->titleFont();
    painter->save();
    painter->setFont(font);
    painter->setPen(palette().color(QPalette::Text));
    painter->translate(4 + QFontMetrics(font).ascent(), plot.center().y());
    painter->rotate(-90);
    const QRectF box(-plot.height() / 2, -QFontMetrics(font).ascent(), plot.height(), QFontMetrics(font).height());
    painter->drawText(box, Qt::AlignCenter, m_valueTitle);
    painter->restore();
}

bool TimeSeriesChart::event(QEvent *event)
{
    if (event->type() == CaptureLook::changedEvent()) {
        fitLegendForPicture();
        applyCompactness();
        layOutMarkers();
        return true;
    }
    return QChartView::event(event);
}

void TimeSeriesChart::fitLegendForPicture()
{
    // Qt Charts cuts a legend that does not fit (a row elided at the bottom, entries dropped at
    // the right): a picture, which has no crosshair to name the lines, gets room for all of it.
    QLegend *legend = chart()->legend();
    if (!CaptureLook::isCapturing(this)) {
        if (m_liveLegendAlignment) {
            legend->setAlignment(*m_liveLegendAlignment);
            setMinimumHeight(m_liveMinimumHeight);
            setMaximumHeight(m_liveMaximumHeight);
            m_liveLegendAlignment.reset();
        }
        return;
    }
    m_liveLegendAlignment = legend->alignment();
    m_liveMinimumHeight = minimumHeight();
    m_liveMaximumHeight = maximumHeight();
    setMaximumHeight(QWIDGETSIZE_MAX);
    legend->setVisible(true);
    const int plotRoom = 2 * fontMetrics().height() + 80; // title, time labels, a plot to see
    const int rowHeight = QFontMetrics(legend->font()).height() + 8; // a marker's label and padding
    // The entries the legend lists: every active series (one the user hid is listed, struck
    // out), and the limit line when it is drawn.
    int rows = 0;
    int rowWidth = 0;
    const QFontMetrics metrics(legend->font());
    for (const QString &key : std::as_const(m_order)) {
        if (!m_inactive.contains(key)) {
            ++rows;
            rowWidth += metrics.horizontalAdvance(m_names.value(key, key)) + rowHeight + 12;
        }
    }
    if (m_limit && m_limit->isVisible()) {
        ++rows;
        rowWidth += metrics.horizontalAdvance(m_limit->name()) + rowHeight + 12;
    }
    // A row wider than the chart becomes a column beside the plot.
    if (legend->alignment() == Qt::AlignBottom && rowWidth > width() - 20)
        legend->setAlignment(Qt::AlignRight);
    const int height = plotRoom + (legend->alignment() == Qt::AlignBottom ? rowHeight : rows * rowHeight + 10);
    setMinimumHeight(qMax(minimumHeight(), height));
}

void TimeSeriesChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyPalette();
    if (event->type() == QEvent::FontChange) {
        applyPalette(); // with the fonts: the legend's entries keep their strike-out
        applyCompactness();
        layOutMarkers();
    }
    QChartView::changeEvent(event);
}

void TimeSeriesChart::applyPalette()
{
    QChart *c = chart();
    ChartColors::applyPalette(c, palette());
    ChartFonts::apply(c, font());
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
        // Ticks at multiples of a 1/2/5 step from 0, whatever the range's end.
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0);
        axis->setTickInterval(m_valueStep);
        axis->setTruncateLabels(false);
        axis->setLabelFormat(QStringLiteral("%.") + QString::number(m_decimals) + QStringLiteral("f"));
        m_valueAxis = axis;
    }
    m_valueAxis->setTitleText(m_valueTitle);
    c->addAxis(m_valueAxis, Qt::AlignLeft);
    for (QAbstractSeries *s : all)
        s->attachAxis(m_valueAxis);
    applyPalette();
    applyCompactness();
}

void TimeSeriesChart::attach(QLineSeries *series, bool withLegend)
{
    chart()->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_valueAxis);
    const auto markers = chart()->legend()->markers(series);
    for (QLegendMarker *marker : markers) {
        if (!withLegend) {
            marker->setVisible(false);
            continue;
        }
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
    attach(series, true);
}

void TimeSeriesChart::removeSeries(const QString &key)
{
    QLineSeries *series = m_series.take(key);
    if (!series)
        return;
    m_order.removeAll(key);
    m_maxima.remove(key);
    m_names.remove(key);
    m_hidden.remove(key);
    m_inactive.remove(key);
    const QList<QLineSeries *> earlier = m_earlier.take(key);
    for (QLineSeries *s : earlier + QList<QLineSeries *> {series}) {
        chart()->removeSeries(s);
        s->deleteLater();
    }
}

QList<QLineSeries *> TimeSeriesChart::pieces(const QString &key) const
{
    QList<QLineSeries *> all = m_earlier.value(key);
    if (QLineSeries *series = m_series.value(key))
        all.append(series);
    return all;
}

void TimeSeriesChart::setSeriesName(const QString &key, const QString &name)
{
    // Qt Charts lays legend labels out as HTML: a process named "<b>x" would be drawn bold.
    m_names.insert(key, name);
    for (QLineSeries *series : pieces(key))
        series->setName(name.toHtmlEscaped());
}

void TimeSeriesChart::setSeriesPen(const QString &key, const QColor &color, Qt::PenStyle style, qreal width)
{
    QPen pen(color, width, style);
    pen.setCosmetic(true);
    for (QLineSeries *series : pieces(key))
        series->setPen(pen);
}

void TimeSeriesChart::setSeriesPoints(const QString &key, const QList<QPointF> &points)
{
    QLineSeries *series = m_series.value(key);
    if (!series)
        return;
    // Split at breaks: Qt Charts 6.4 joins every point of a QLineSeries, NaN included, so a
    // gap needs a series of its own for each stretch.
    QList<QList<QPointF>> stretches(1);
    double maximum = 0;
    for (const QPointF &p : points) {
        if (std::isnan(p.y())) {
            if (!stretches.last().isEmpty())
                stretches.append(QList<QPointF>());
            continue;
        }
        maximum = qMax(maximum, p.y());
        stretches.last().append(m_logarithmic ? QPointF(p.x(), qMax(p.y(), 1.0)) : p); // a log axis cannot place 0
    }
    if (stretches.size() > 1 && stretches.last().isEmpty())
        stretches.removeLast();
    m_maxima.insert(key, maximum);
    QList<QLineSeries *> &earlier = m_earlier[key];
    const int needed = int(stretches.size()) - 1;
    while (earlier.size() > needed) {
        QLineSeries *spare = earlier.takeLast();
        chart()->removeSeries(spare);
        spare->deleteLater();
    }
    while (earlier.size() < needed) {
        auto piece = new QLineSeries(this);
        piece->setName(series->name());
        piece->setPen(series->pen());
        piece->setVisible(series->isVisible());
        attach(piece, false);
        earlier.append(piece);
    }
    for (int i = 0; i < needed; ++i)
        earlier[i]->replace(stretches[i]);
    series->replace(stretches.last());
    if (earlier.isEmpty())
        m_earlier.remove(key);
}

QList<QList<QPointF>> TimeSeriesChart::segments(const QString &key) const
{
    QList<QList<QPointF>> all;
    for (QLineSeries *series : pieces(key)) {
        if (series->count() > 0)
            all.append(series->points());
    }
    return all;
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

void TimeSeriesChart::setSeriesOrder(const QStringList &keys)
{
    QStringList order;
    for (const QString &key : keys) {
        if (m_series.contains(key) && !order.contains(key))
            order.append(key);
    }
    for (const QString &key : std::as_const(m_order)) {
        if (!order.contains(key))
            order.append(key);
    }
    if (order == m_order)
        return;
    // The legend lists series in the order the chart holds them: take them out and put them
    // back (their points, pens and axes stay; legend markers are made anew).
    m_order = order;
    for (const QString &key : std::as_const(m_order)) {
        QLineSeries *series = m_series.value(key);
        chart()->removeSeries(series);
        attach(series, true);
        applyVisibility(key);
    }
    if (m_limit) {
        chart()->removeSeries(m_limit);
        attach(m_limit, true);
    }
}

void TimeSeriesChart::applyVisibility(const QString &key)
{
    QLineSeries *series = m_series.value(key);
    const bool active = !m_inactive.contains(key);
    const bool shown = active && !m_hidden.contains(key);
    for (QLineSeries *piece : pieces(key))
        piece->setVisible(shown);
    const auto markers = chart()->legend()->markers(series);
    for (QLegendMarker *marker : markers) {
        // Hiding a series hides its marker too; a series the user hid keeps its entry.
        marker->setVisible(active);
        styleMarker(marker, shown);
    }
    for (QLineSeries *piece : m_earlier.value(key)) {
        const auto pieceMarkers = chart()->legend()->markers(piece);
        for (QLegendMarker *marker : pieceMarkers)
            marker->setVisible(false);
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
    // Qt Charts reserves room for a vertical title by the height of "..." in the title font and
    // elides the title to "⋮" when its glyphs are taller, as those of a fallback CJK font are
    // (seen at scale 1 with WenQuanYi). Such a title we draw ourselves (drawValueTitle).
    // The same comparison Qt Charts makes (ChartPresenter::truncatedText against the room of "...").
    const QFontMetricsF metrics(m_valueAxis->titleFont());
    m_ownValueTitle = metrics.boundingRect(title).height() > metrics.boundingRect(QStringLiteral("...")).height();
    applyCompactness();
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
    if (m_zoomed) {
        // A zoomed view stays on the moment it shows, inside the window.
        const qint64 span = qMin(m_viewToMs - m_viewFromMs, m_toMs - m_fromMs);
        m_viewFromMs = qBound(m_fromMs, m_viewFromMs, m_toMs - span);
        m_viewToMs = m_viewFromMs + span;
        m_zoomed = span < m_toMs - m_fromMs;
    }
    if (!m_zoomed) {
        m_viewFromMs = m_fromMs;
        m_viewToMs = m_toMs;
    }
    applyTimeAxis();
    if (m_limit)
        m_limit->replace({QPointF(double(m_fromMs), m_limitValue), QPointF(double(m_toMs), m_limitValue)});
}

void TimeSeriesChart::applyTimeAxis()
{
    const qint64 span = m_viewToMs - m_viewFromMs;
    if (span <= 0)
        return;
    const QFontMetrics metrics(m_timeAxis->labelsFont());
    const double plotWidth = qMax(50.0, chart()->plotArea().width() > 0 ? chart()->plotArea().width() : width() - 80.0);
    // One "HH:mm:ss" label and a gap per tick, across the plot (not the widget: a legend beside
    // the plot takes its share), so labels never run into each other, also with larger text.
    const int labelRoom = metrics.horizontalAdvance(QStringLiteral("00:00:00")) + 3 * metrics.averageCharWidth();
    const qint64 step = NiceTicks::timeStepMs(span, qMax(2, int(plotWidth) / qMax(1, labelRoom)));
    const QString format = step >= 60000 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss");
    QList<QPair<qint64, QString>> ticks;
    // Ticks at multiples of the step in local time (a 15-min tick at :00, :15, ... local).
    const qint64 offsetMs = qint64(QDateTime::fromMSecsSinceEpoch(m_viewFromMs).offsetFromUtc()) * 1000;
    qint64 t = ((m_viewFromMs + offsetMs + step - 1) / step) * step - offsetMs;
    // A label is centred on its tick: none so close to the right end that it would be cut off.
    const qint64 margin = qint64(double(metrics.horizontalAdvance(format) / 2 + 6) * double(span) / plotWidth);
    for (; t <= m_viewToMs - margin; t += step)
        ticks.append({t, QDateTime::fromMSecsSinceEpoch(t).toString(format)});
    if (ticks != m_timeTicks) {
        const QStringList old = m_timeAxis->categoriesLabels();
        for (const QString &label : old)
            m_timeAxis->remove(label);
        for (const auto &tick : std::as_const(ticks))
            m_timeAxis->append(tick.second, double(tick.first));
        m_timeTicks = ticks;
    }
    m_timeAxis->setStartValue(double(m_viewFromMs));
    m_timeAxis->setRange(double(m_viewFromMs), double(m_viewToMs));
    layOutMarkers();
}

void TimeSeriesChart::zoomTime(double factor, qint64 anchorMs)
{
    const qint64 window = m_toMs - m_fromMs;
    const qint64 span = qBound<qint64>(qMin<qint64>(10000, window), qint64(double(m_viewToMs - m_viewFromMs) * factor), window);
    anchorMs = qBound(m_viewFromMs, anchorMs, m_viewToMs);
    const double share = double(anchorMs - m_viewFromMs) / double(qMax<qint64>(1, m_viewToMs - m_viewFromMs));
    m_viewFromMs = qBound(m_fromMs, anchorMs - qint64(share * double(span)), m_toMs - span);
    m_viewToMs = m_viewFromMs + span;
    m_zoomed = span < window;
    applyTimeAxis();
    viewport()->update();
}

void TimeSeriesChart::panTime(qint64 deltaMs)
{
    if (!m_zoomed)
        return;
    const qint64 span = m_viewToMs - m_viewFromMs;
    m_viewFromMs = qBound(m_fromMs, m_viewFromMs + deltaMs, m_toMs - span);
    m_viewToMs = m_viewFromMs + span;
    applyTimeAxis();
    viewport()->update();
}

void TimeSeriesChart::resetZoom()
{
    m_zoomed = false;
    m_viewFromMs = m_fromMs;
    m_viewToMs = m_toMs;
    applyTimeAxis();
    viewport()->update();
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
        attach(m_limit, true);
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
        return;
    }
    // At most 5 intervals of a round step, the top a multiple of it: 0, 50, 100 ... not 0.3/0.8.
    const int intervals = height() < 200 ? 3 : 5;
    const double wanted = qMax(maximum * 1.05, m_fixedDecimals == 0 ? 4.0 : 1.0);
    double step = NiceTicks::valueStep(wanted, intervals);
    if (m_fixedDecimals == 0)
        step = qMax(step, 1.0); // counts: no ticks between whole numbers
    const double top = std::ceil(wanted / step - 1e-9) * step;
    const int decimals = m_fixedDecimals >= 0 ? m_fixedDecimals : NiceTicks::decimalsFor(step);
    auto axis = qobject_cast<QValueAxis *>(m_valueAxis);
    if (!axis)
        return;
    if (decimals != m_decimals) {
        m_decimals = decimals;
        axis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f"));
    }
    if (step != m_valueStep) {
        m_valueStep = step;
        axis->setTickInterval(step);
    }
    axis->setRange(0.0, top);
}
