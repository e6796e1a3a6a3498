#include "views/charts/statechartpanel.h"
#include "wording/tcpstatetext.h"

#include "views/charts/capturelook.h"
#include "views/charts/chartcolors.h"
#include "views/charts/timeserieschart.h"

#include <QLocale>
#include <QCheckBox>
#include <QSettings>
#include <QHBoxLayout>

namespace {
QString keyOf(TcpState state)
{
    return QLatin1String(tcpStateKey(state));
}
}

StateChartPanel::StateChartPanel(QWidget *parent)
    : HistoryPanel(parent)
    , m_chart(new TimeSeriesChart(this))
    , m_logScale(new QCheckBox(this))
{
    // Log scale beside the chart, not above it: on a short screen (1024×640) the states chart's
    // tab group (with slab memory and counter rates) needs those pixels of height for its tab bar.
    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_chart, 1);
    layout->addWidget(m_logScale, 0, Qt::AlignTop);
    CaptureLook::markLiveOnly(m_logScale);
    for (const TcpState state : tcpStatesInDisplayOrder())
        m_chart->addSeries(keyOf(state), ChartColors::state(state), Qt::SolidLine,
                           state == TcpState::TimeWait || state == TcpState::Established ? 2.5 : 1.5);
    connect(m_logScale, &QCheckBox::toggled, this, [this](bool on) {
        m_chart->setLogarithmic(on);
        m_chart->rescale();
    });
    retranslate();
}

void StateChartPanel::retranslate()
{
    m_logScale->setText(tr("Log scale"));
    m_logScale->setToolTip(tr("Use a logarithmic axis when TIME-WAIT dwarfs the other states."));
    m_chart->setTitle(tr("Sockets by TCP state"));
    m_chart->setValueTitle(tr("sockets"));
    for (const TcpState state : tcpStatesInDisplayOrder())
        m_chart->setSeriesName(keyOf(state), tcpStateDisplayName(state));
    // The legend names the limit line short enough for a row at 1024x640; what it caps is said here.
    m_chart->setToolTip(tr("The dashed line is tcp_max_tw_buckets: it caps TIME-WAIT and orphaned FIN-WAIT-2 together."));
    if (m_limit > 0)
        m_chart->setLimit(double(m_limit), limitName(m_limit));
}

QString StateChartPanel::limitName(qint64 limit)
{
    return tr("tcp_max_tw_buckets (%1)").arg(QLocale().toString(limit));
}

void StateChartPanel::showHistory(const HistoryWindow &w)
{
    m_chart->showWindow(w);
    for (const TcpState state : tcpStatesInDisplayOrder()) {
        const int index = static_cast<int>(state);
        bool occurs = false;
        for (int i = w.first; i < w.last && !occurs; ++i)
            occurs = w.ring->at(i).states[index] != 0;
        m_chart->setSeriesActive(keyOf(state), occurs);
        if (!occurs) {
            m_chart->setSeriesPoints(keyOf(state), {});
            continue;
        }
        m_chart->setSeriesPoints(keyOf(state), w.points([&](const SampleSummary &s) { return s.states[index]; }));
    }
    const qint64 limit = w.last > w.first ? w.ring->at(w.last - 1).maxTimeWaitBuckets : -1;
    if (limit != m_limit) {
        m_limit = limit;
        if (limit > 0)
            m_chart->setLimit(double(limit), limitName(limit));
        else
            m_chart->setLimit(qQNaN(), QString());
    }
    m_chart->rescale();
}

void StateChartPanel::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("states/logScale"), m_logScale->isChecked());
    QStringList hidden;
    for (const QString &key : m_chart->seriesKeys()) {
        if (m_chart->isSeriesHidden(key))
            hidden << key;
    }
    settings.setValue(QStringLiteral("states/hidden"), hidden);
}

void StateChartPanel::restoreSettings(const QSettings &settings)
{
    m_logScale->setChecked(settings.value(QStringLiteral("states/logScale"), false).toBool());
    const QStringList hidden = settings.value(QStringLiteral("states/hidden")).toStringList();
    for (const QString &key : m_chart->seriesKeys())
        m_chart->setSeriesHidden(key, hidden.contains(key));
}
