#include "views/charts/timeserieschart.h"

#include "views/charts/capturelook.h"
#include "views/charts/chartcolors.h"
#include "views/charts/chartfonts.h"
#include "views/charts/historypanel.h"
#include "views/charts/niceticks.h"

#include <QCategoryAxis>
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
    if (showsPictureLegend())
        layOutPictureLegend(); // as wide as the picture
    applyCompactness();
    applyTimeAxis();
    layOutMarkers();
}

void TimeSeriesChart::applyCompactness()
{
    QLegend *legend = chart()->legend();
    // A picture has no crosshair to name the lines: it always has a legend, our own
    // (fitLegendForPicture).
    const bool roomy = height() >= LegendMinHeight && width() >= LegendMinWidth && !showsPictureLegend();
    if (legend->isVisible() != roomy)
        legend->setVisible(roomy);
    // A vertical axis title longer than the plot is elided to "⋮" by Qt Charts: show it only
    // when it fits (the chart's tooltip still says what the values are).
    if (m_valueAxis) {
        const QFontMetrics metrics(m_valueAxis->titleFont());
        const int room = height() - 90 - 4 * m_markerRows - pictureLegendRoom();
        const bool fits = !m_valueTitle.isEmpty() && metrics.horizontalAdvance(m_valueTitle) <= room;
        m_valueAxis->setTitleVisible(fits && !m_ownValueTitle);
        m_drawnValueTitle = fits && m_ownValueTitle;
        applyMargins();
    }
}

void TimeSeriesChart::applyMargins()
{
    // Room above the plot for the markers' label rows, left of it for a title we draw, below it
    // for a picture's legend.
    const QFontMetrics metrics(font());
    const QMargins margins(4 + (m_drawnValueTitle ? QFontMetrics(m_valueAxis->titleFont()).height() + 2 : 0),
                           4 + (metrics.height() + 2) * m_markerRows, 4, 4 + pictureLegendRoom());
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
    if (!CaptureLook::isCapturing(this)) {
        if (showsPictureLegend()) {
            setMinimumHeight(*m_liveMinimumHeight);
            setMaximumHeight(m_liveMaximumHeight);
            m_liveMinimumHeight.reset();
            m_pictureLegend = PictureLegend();
        }
        return;
    }
    if (!showsPictureLegend()) { // the first notice: what the screen had
        m_liveMinimumHeight = minimumHeight();
        m_liveMaximumHeight = maximumHeight();
    }
    setMaximumHeight(QWIDGETSIZE_MAX);
    layOutPictureLegend();
}

void TimeSeriesChart::layOutPictureLegend()
{
    // The entries Qt Charts' legend lists: every active series (one the user hid is listed,
    // struck out), and the limit line when it is drawn.
    std::vector<PictureLegend::Entry> entries;
    for (const QString &key : std::as_const(m_order)) {
        if (!m_inactive.contains(key))
            entries.push_back({m_names.value(key, key), m_series.value(key)->pen(), m_hidden.contains(key)});
    }
    if (m_limit && m_limit->isVisible())
        entries.push_back({m_limit->name(), m_limit->pen(), false});
    m_pictureLegend.layOut(entries, chart()->legend()->font(), qMax(40, width() - 16));
    const int plotRoom = 2 * fontMetrics().height() + 120; // title, time labels, a plot with its value title
    setMinimumHeight(qMax(*m_liveMinimumHeight, plotRoom + int(std::ceil(m_pictureLegend.height())) + 8));
    applyMargins();
}

int TimeSeriesChart::pictureLegendRoom() const
{
    return showsPictureLegend() ? int(std::ceil(m_pictureLegend.height())) + 6 : 0;
}

QRectF TimeSeriesChart::pictureLegendRect() const
{
    if (!showsPictureLegend())
        return QRectF();
    return QRectF(8, height() - 4 - m_pictureLegend.height(), width() - 16, m_pictureLegend.height());
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
    m_zoom.setWindow(fromMs, toMs);
    applyTimeAxis();
    placeLimit();
}

void TimeSeriesChart::applyTimeAxis()
{
    const qint64 viewFromMs = m_zoom.fromMs();
    const qint64 viewToMs = m_zoom.toMs();
    const qint64 span = m_zoom.spanMs();
    if (span <= 0)
        return;
    const QFontMetrics metrics(m_timeAxis->labelsFont());
    const double plotWidth = qMax(50.0, chart()->plotArea().width() > 0 ? chart()->plotArea().width() : width() - 80.0);
    // One "HH:mm:ss" label and a gap per tick, across the plot (not the widget: a legend beside
    // the plot takes its share), so labels never run into each other, also with larger text.
    const int labelRoom = metrics.horizontalAdvance(QStringLiteral("00:00:00")) + 3 * metrics.averageCharWidth();
    const qint64 step = NiceTicks::timeStepMs(span, qMax(2, int(plotWidth) / qMax(1, labelRoom)));
    // A label is centred on its tick: none so close to the right end that it would be cut off.
    const int halfLabel = metrics.horizontalAdvance(NiceTicks::timeLabelFormat(step)) / 2 + 6;
    const auto ticks = NiceTicks::timeTicks(viewFromMs, viewToMs - qint64(double(halfLabel) * double(span) / plotWidth), step);
    if (ticks != m_timeTicks) {
        const QStringList old = m_timeAxis->categoriesLabels();
        for (const QString &label : old)
            m_timeAxis->remove(label);
        for (const auto &tick : std::as_const(ticks))
            m_timeAxis->append(tick.second, double(tick.first));
        m_timeTicks = ticks;
    }
    m_timeAxis->setStartValue(double(viewFromMs));
    m_timeAxis->setRange(double(viewFromMs), double(viewToMs));
    layOutMarkers();
}

void TimeSeriesChart::zoomTime(double factor, qint64 anchorMs)
{
    m_zoom.zoom(factor, anchorMs);
    applyTimeAxis();
    viewport()->update();
}

void TimeSeriesChart::panTime(qint64 deltaMs)
{
    if (!m_zoom.isZoomed())
        return;
    m_zoom.pan(deltaMs);
    applyTimeAxis();
    viewport()->update();
}

void TimeSeriesChart::resetZoom()
{
    m_zoom.reset();
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
    placeLimit();
}

void TimeSeriesChart::placeLimit()
{
    // Across the whole window: panning a zoomed view never shows its ends.
    if (m_limit)
        m_limit->replace(
            {QPointF(double(m_zoom.windowFromMs()), m_limitValue), QPointF(double(m_zoom.windowToMs()), m_limitValue)});
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
    const NiceTicks::ValueScale scale = NiceTicks::valueScale(maximum, height() < 200 ? 3 : 5, m_fixedDecimals);
    auto axis = qobject_cast<QValueAxis *>(m_valueAxis);
    if (!axis)
        return;
    if (scale.decimals != m_decimals) {
        m_decimals = scale.decimals;
        axis->setLabelFormat(QStringLiteral("%.") + QString::number(scale.decimals) + QStringLiteral("f"));
    }
    if (scale.step != m_valueStep) {
        m_valueStep = scale.step;
        axis->setTickInterval(scale.step);
    }
    axis->setRange(0.0, scale.top);
}
