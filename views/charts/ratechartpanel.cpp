#include "views/charts/ratechartpanel.h"

#include "views/charts/chartcolors.h"
#include "views/charts/timeserieschart.h"

#include <QLocale>
#include <QLabel>
#include <QVBoxLayout>

namespace {
struct RateSeries
{
    TcpCounter counter;
    const char *key;
};
constexpr RateSeries Rates[] = {
    {TcpCounter::TimeWaitEntered, "TW"},
    {TcpCounter::TimeWaitOverflow, "TCPTimeWaitOverflow"},
    {TcpCounter::TimeWaitKilled, "TWKilled"},
    {TcpCounter::TimeWaitRecycled, "TWRecycled"},
};
}

RateChartPanel::RateChartPanel(QWidget *parent)
    : HistoryPanel(parent)
    , m_chart(new TimeSeriesChart(this))
    , m_alert(new QLabel(this))
{
    m_alert->setWordWrap(true);
    m_alert->setAutoFillBackground(true);
    QPalette alert = m_alert->palette();
    alert.setColor(QPalette::Window, ChartColors::warning());
    alert.setColor(QPalette::WindowText, Qt::white);
    m_alert->setPalette(alert);
    m_alert->setContentsMargins(6, 4, 6, 4);
    m_alert->hide();
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_alert);
    layout->addWidget(m_chart, 1);
    m_chart->addSeries(QLatin1String("TW"), ChartColors::state(TcpState::TimeWait), Qt::SolidLine, 2.0);
    m_chart->addSeries(QLatin1String("TCPTimeWaitOverflow"), ChartColors::warning(), Qt::SolidLine, 3.0);
    m_chart->addSeries(QLatin1String("TWKilled"), ChartColors::series(3), Qt::SolidLine, 1.5);
    m_chart->addSeries(QLatin1String("TWRecycled"), ChartColors::series(0), Qt::SolidLine, 1.5);
    m_chart->setValueDecimals(-1);
    retranslate();
}

void RateChartPanel::retranslate()
{
    m_chart->setTitle(tr("TIME-WAIT counters, per second"));
    // Legend entries are the kernel's counter names, which operators search for; the tooltip explains.
    m_chart->setSeriesName(QLatin1String("TW"), QStringLiteral("TW"));
    m_chart->setSeriesName(QLatin1String("TCPTimeWaitOverflow"), QStringLiteral("TCPTimeWaitOverflow"));
    m_chart->setSeriesName(QLatin1String("TWKilled"), QStringLiteral("TWKilled"));
    m_chart->setSeriesName(QLatin1String("TWRecycled"), QStringLiteral("TWRecycled"));
    m_chart->setToolTip(tr("TcpExt counters per second, of this network namespace:\n"
                           "TW — timewait-table entries made with a first timeout over 4 s (TIME-WAIT, or an orphaned "
                           "FIN-WAIT-2 that may become TIME-WAIT later, not counted again)\n"
                           "TCPTimeWaitOverflow — closes that got no entry: tcp_max_tw_buckets reached (or an entry could "
                           "not be allocated)\n"
                           "TWKilled — timewait-table entries made with a first timeout of 4 s or less: orphaned "
                           "FIN-WAIT-2 (tcp_fin_timeout ≤ 4 s or 61–64 s), which may become TIME-WAIT later\n"
                           "TWRecycled — entries taken over by connect(): TIME-WAIT through tcp_tw_reuse; "
                           "TIME-WAIT or orphaned FIN-WAIT-2 after bind() to an explicit port"));
    m_alert->setText(tr("<b>Timewait table full:</b> %1 closes per second get no timewait entry because "
                        "tcp_max_tw_buckets is reached (TcpExt TCPTimeWaitOverflow; older kernels logged "
                        "\"TCP: time wait bucket table overflow\").")
                         .arg(QLocale().toString(m_latestOverflow, 'f', 1)));
}

bool RateChartPanel::overflowHighlighted() const
{
    return m_alert->isVisibleTo(this);
}

void RateChartPanel::showHistory(const HistoryWindow &w)
{
    m_chart->showWindow(w);
    for (const RateSeries &rate : Rates) {
        m_chart->setSeriesPoints(QLatin1String(rate.key),
                                 w.points([&](const SampleSummary &s) { return s.rate(rate.counter); },
                                          [&](const SampleSummary &s) { return s.hasRate(rate.counter); }));
    }
    m_chart->rescale();
    const SampleSummary *latest = w.last > w.first ? &w.ring->at(w.last - 1) : nullptr;
    m_latestOverflow = latest && latest->hasRate(TcpCounter::TimeWaitOverflow) ? latest->rate(TcpCounter::TimeWaitOverflow) : 0;
    if (m_latestOverflow > 0)
        retranslate();
    m_alert->setVisible(m_latestOverflow > 0);
}
