#include "views/lab/labchart.h"

#include "views/charts/chartcolors.h"
#include "views/charts/chartfonts.h"
#include "views/charts/niceticks.h"

#include <QEvent>
#include <QLineSeries>
#include <QValueAxis>

#include <cmath>

namespace {
constexpr int KeptSeconds = 120;
const QString Unavailable = QStringLiteral("EADDRNOTAVAIL");

void trim(QLineSeries *series, double fromSeconds)
{
    int drop = 0;
    while (drop < series->count() && series->at(drop).x() < fromSeconds)
        ++drop;
    if (drop > 0)
        series->removePoints(0, drop);
}
}

LabChart::LabChart(QWidget *parent)
    : QChartView(parent)
    , m_connected(new QLineSeries(this))
    , m_unavailable(new QLineSeries(this))
    , m_otherFailures(new QLineSeries(this))
    , m_time(new QValueAxis(this))
    , m_rate(new QValueAxis(this))
{
    auto chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(2, 2, 2, 2));
    for (QLineSeries *series : {m_connected, m_unavailable, m_otherFailures}) {
        chart->addSeries(series);
    }
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_rate, Qt::AlignLeft);
    for (QLineSeries *series : {m_connected, m_unavailable, m_otherFailures}) {
        series->attachAxis(m_time);
        series->attachAxis(m_rate);
    }
    m_connected->setColor(ChartColors::state(TcpState::Established));
    m_unavailable->setPen(QPen(ChartColors::warning(), 2));
    m_otherFailures->setColor(ChartColors::series(3));
    m_rate->setLabelFormat(QStringLiteral("%d"));
    NiceTicks::useLocaleNumbers(chart);
    ChartFonts::apply(chart, font());
    // The series' names say "per second"; the time labels carry the SI symbol "s" (their format
    // goes through printf, ASCII only) rather than an axis title the narrow panel has no room for.
    m_time->setLabelFormat(QStringLiteral("%d s"));
    m_rate->setMin(0);
    m_rate->setTickCount(3); // 0, half, top: readable even where the panel leaves the chart short
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(150);
    applyPalette();
    clear();
    retranslate();
}

void LabChart::applyPalette()
{
    ChartColors::applyPalette(chart(), palette());
    chart()->legend()->setLabelColor(palette().color(QPalette::Text));
}

void LabChart::retranslate()
{
    m_connected->setName(tr("connections/s"));
    m_unavailable->setName(tr("EADDRNOTAVAIL/s"));
    m_otherFailures->setName(tr("other failures/s"));
}

void LabChart::clear()
{
    for (QLineSeries *series : {m_connected, m_unavailable, m_otherFailures})
        series->clear();
    m_hasLast = false;
    m_time->setRange(0, 30);
    m_time->setTickCount(7);
    m_rate->setRange(0, 10);
}

void LabChart::add(const LabFigures &figures)
{
    if (!m_hasLast || figures.timeMs <= m_last.timeMs) {
        if (!m_hasLast)
            m_firstMs = figures.timeMs;
        m_last = figures;
        m_hasLast = true;
        return;
    }
    const double seconds = double(figures.timeMs - m_last.timeMs) / 1000.0;
    // A frame sent right after a command comes fractions of a second after the last one: rates
    // over such a short stretch only jump about.
    if (seconds < 0.5)
        return;
    const double at = double(figures.timeMs - m_firstMs) / 1000.0;
    const qint64 unavailable = figures.connectErrors.value(Unavailable) - m_last.connectErrors.value(Unavailable);
    const qint64 others = (figures.failures() - figures.connectErrors.value(Unavailable))
        - (m_last.failures() - m_last.connectErrors.value(Unavailable));
    m_connected->append(at, double(qMax<qint64>(0, figures.connected - m_last.connected)) / seconds);
    m_unavailable->append(at, double(qMax<qint64>(0, unavailable)) / seconds);
    m_otherFailures->append(at, double(qMax<qint64>(0, others)) / seconds);
    m_last = figures;
    const double from = qMax(0.0, at - KeptSeconds);
    double top = 10;
    for (QLineSeries *series : {m_connected, m_unavailable, m_otherFailures}) {
        trim(series, from);
        for (const QPointF &point : series->points())
            top = qMax(top, point.y());
    }
    // Round spans with ticks on round seconds: 30 s every 5 s, longer spans every 15 s.
    const double span = std::ceil(qMax(30.0, at - from) / 30.0) * 30.0;
    m_time->setRange(from, from + span);
    m_time->setTickCount(span <= 30 ? 7 : int(span / 15) + 1);
    m_rate->setRange(0, std::ceil(top * 1.1 / 20) * 20);
}

void LabChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    if (event->type() == QEvent::FontChange)
        ChartFonts::apply(chart(), font());
    QChartView::changeEvent(event);
}
