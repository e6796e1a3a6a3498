#include "views/charts/slabchartpanel.h"
#include "wording/coremessagetext.h"

#include "views/charts/chartcolors.h"
#include "views/charts/timeserieschart.h"

#include <QLabel>
#include <QVBoxLayout>

namespace {

const char *const GroupKeys[] = {"tw", "tcp", "request"};

SlabCache cacheOf(int group, bool v6)
{
    switch (group) {
    case SlabChartPanel::TimeWait: return v6 ? SlabCache::TimeWaitV6 : SlabCache::TimeWaitV4;
    case SlabChartPanel::Sockets: return v6 ? SlabCache::TcpV6 : SlabCache::TcpV4;
    default: return v6 ? SlabCache::RequestV6 : SlabCache::RequestV4;
    }
}

qint64 groupBytes(const SampleSummary &s, int group)
{
    return s.slabBytes[static_cast<int>(cacheOf(group, false))] + s.slabBytes[static_cast<int>(cacheOf(group, true))];
}

bool groupPresent(const SampleSummary &s, int group)
{
    return s.hasSlab(cacheOf(group, false)) || s.hasSlab(cacheOf(group, true));
}

}

SlabChartPanel::SlabChartPanel(QWidget *parent)
    : HistoryPanel(parent)
    , m_chart(new TimeSeriesChart(this))
    , m_note(new QLabel(this))
{
    m_note->setWordWrap(true);
    m_note->hide();
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_note);
    layout->addWidget(m_chart, 1);
    m_chart->addSeries(QLatin1String(GroupKeys[TimeWait]), ChartColors::state(TcpState::TimeWait), Qt::SolidLine, 2.5);
    m_chart->addSeries(QLatin1String(GroupKeys[Sockets]), ChartColors::state(TcpState::Established));
    m_chart->addSeries(QLatin1String(GroupKeys[Requests]), ChartColors::state(TcpState::SynRecv));
    m_chart->setValueDecimals(-1);
    retranslate();
}

void SlabChartPanel::retranslate()
{
    m_chart->setTitle(tr("Slab memory of TCP sockets"));
    applyNames();
}

void SlabChartPanel::applyNames()
{
    // Short legend entries (the dock is small); the slab caches behind them are in the tooltip.
    //: Chart series: memory of sockets in TIME-WAIT
    const QString names[] = {tr("TIME-WAIT"), tr("sockets"), tr("half-open")};
    m_chart->setToolTip(tr("TIME-WAIT: slab caches tw_sock_TCP and tw_sock_TCPv6\n"
                           "sockets: TCP and TCPv6 (every other TCP socket)\n"
                           "half-open: request_sock_TCP and request_sock_TCPv6 (NEW-SYN-RECV)"));
    for (int g = 0; g < GROUP_COUNT; ++g) {
        m_chart->setSeriesName(QLatin1String(GroupKeys[g]), m_estimated ? tr("%1 (estimate)").arg(names[g]) : names[g]);
        const QColor color = g == TimeWait ? ChartColors::state(TcpState::TimeWait)
            : g == Sockets                 ? ChartColors::state(TcpState::Established)
                                           : ChartColors::state(TcpState::SynRecv);
        m_chart->setSeriesPen(QLatin1String(GroupKeys[g]), color, m_estimated ? Qt::DashLine : Qt::SolidLine,
                              g == TimeWait ? 2.5 : 2.0);
    }
    m_note->setText(tr("<b>Estimated:</b> %1. Figures are this namespace's sockets × this kernel's object "
                       "sizes; run as root for the kernel's own figures.")
                        .arg(m_reason.toHtmlEscaped()));
    m_note->setVisible(m_estimated);
}

void SlabChartPanel::showSnapshot(const SnapshotPtr &snapshot)
{
    if (!snapshot)
        return;
    const bool estimated = !snapshot->slab.slabinfoReadable;
    const QString reason = CoreMessageText::text(snapshot->slab.slabinfoError);
    if (estimated != m_estimated || m_reason != reason) {
        m_estimated = estimated;
        m_reason = reason;
        applyNames();
    }
}

void SlabChartPanel::showHistory(const HistoryWindow &w)
{
    qint64 maximum = 0;
    for (int i = w.first; i < w.last; ++i) {
        for (int g = 0; g < GROUP_COUNT; ++g)
            maximum = qMax(maximum, groupBytes(w.ring->at(i), g));
    }
    // One unit for the whole axis, chosen by the largest value shown.
    double unit = 1;
    QString unitName = tr("bytes");
    if (maximum >= 1024LL * 1024 * 1024) {
        unit = 1024.0 * 1024 * 1024;
        unitName = tr("GiB");
    } else if (maximum >= 1024 * 1024) {
        unit = 1024.0 * 1024;
        unitName = tr("MiB");
    } else if (maximum >= 1024) {
        unit = 1024.0;
        unitName = tr("KiB");
    }
    if (unitName != m_unitName) {
        m_unitName = unitName;
        m_chart->setValueTitle(unitName);
    }
    m_chart->showWindow(w);
    for (int g = 0; g < GROUP_COUNT; ++g) {
        m_chart->setSeriesPoints(QLatin1String(GroupKeys[g]),
                                 w.points([&](const SampleSummary &s) { return double(groupBytes(s, g)) / unit; },
                                          [&](const SampleSummary &s) { return groupPresent(s, g); }));
    }
    m_chart->rescale();
}
