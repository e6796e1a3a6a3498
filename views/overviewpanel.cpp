#include "overviewpanel.h"

#include "chartcolors.h"
#include "inetaddress.h"
#include "portbudget.h"
#include "portbudgetdialog.h"
#include "portbudgettext.h"
#include "snapshottextwriter.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QHBoxLayout>
#include <QProgressBar>
#include <QPushButton>

OverviewPanel::OverviewPanel(QWidget *parent)
    : HistoryPanel(parent)
    , m_form(new QFormLayout(this))
    , m_sockets(new QLabel(this))
    , m_timeWait(new QLabel(this))
    , m_timeWaitFill(new QProgressBar(this))
    , m_memory(new QLabel(this))
    , m_rates(new QLabel(this))
    , m_overflow(new QLabel(this))
    , m_ports(new QLabel(this))
    , m_portsFill(new QProgressBar(this))
    , m_portRate(new QLabel(this))
    , m_portBudget(new QPushButton(this))
    , m_refresh(new QLabel(this))
{
    for (QLabel *label : {m_sockets, m_timeWait, m_memory, m_rates, m_overflow, m_ports, m_refresh}) {
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setWordWrap(true);
    }
    for (QProgressBar *bar : {m_timeWaitFill, m_portsFill}) {
        bar->setRange(0, 1000);
        bar->setTextVisible(true);
        bar->setMaximumHeight(14);
    }
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // The fill bar and the button to the worked budget share a row.
    auto portsRow = new QWidget(this);
    auto portsLayout = new QHBoxLayout(portsRow);
    portsLayout->setContentsMargins(0, 0, 0, 0);
    portsLayout->addWidget(m_portsFill, 1);
    portsLayout->addWidget(m_portRate);
    portsLayout->addWidget(m_portBudget);
    m_portBudget->setObjectName(QStringLiteral("portBudgetButton"));
    connect(m_portBudget, &QPushButton::clicked, this, &OverviewPanel::showPortBudget);
    QWidget *fields[] = {m_sockets, m_timeWait, m_timeWaitFill, m_memory, m_rates, m_overflow, m_ports, portsRow, m_refresh};
    for (QWidget *field : fields)
        m_form->addRow(new QLabel(this), field);
    retranslate();
}

void OverviewPanel::retranslate()
{
    const QString labels[] = {tr("Sockets"), tr("TIME-WAIT"), QString(), tr("Slab memory"), tr("Per second"),
                              tr("Overflow"), tr("Ephemeral ports"), QString(), tr("Refresh")};
    for (int i = 0; i < 9; ++i) {
        if (auto label = qobject_cast<QLabel *>(m_form->itemAt(i, QFormLayout::LabelRole)->widget()))
            label->setText(labels[i]);
    }
    m_timeWaitFill->setToolTip(tr("The timewait table against tcp_max_tw_buckets: sockstat tw, which counts TIME-WAIT "
                                  "and orphaned FIN-WAIT-2 entries, IPv4 and IPv6 together, as the limit does. Past it, "
                                  "closing sockets get no entry and TCPTimeWaitOverflow counts them (as it counts entries that could "
                                  "not be allocated)."));
    m_portBudget->setText(tr("Worked budget…"));
    m_portBudget->setToolTip(tr("New connections per second towards the busiest tuples, with and without "
                                "tcp_tw_reuse, worked out from this namespace's values."));
    if (m_portBudgetDialog)
        m_portBudgetDialog->retranslate();
    showSnapshot(m_snapshot);
}

PortBudgetDialog *OverviewPanel::showPortBudget()
{
    if (!m_portBudgetDialog) {
        m_portBudgetDialog = new PortBudgetDialog(this);
        m_portBudgetDialog->showSnapshot(m_snapshot);
    }
    m_portBudgetDialog->show();
    m_portBudgetDialog->raise();
    return m_portBudgetDialog;
}

void OverviewPanel::showSnapshot(const SnapshotPtr &snapshot)
{
    m_snapshot = snapshot;
    if (!snapshot)
        return;
    const Snapshot &s = *snapshot;
    const QLocale locale;
    m_sockets->setText(tr("%1 (IPv4 %2, IPv6 %3); %4 established")
                           .arg(locale.toString(s.totalSockets()), locale.toString(s.ipv4Sockets),
                                locale.toString(s.ipv6Sockets), locale.toString(s.count(TcpState::Established))));

    const qint64 buckets = s.maxTimeWaitBuckets();
    const quint32 timeWait = s.count(TcpState::TimeWait);
    // Like with like: the limit caps the whole timewait table, which sockstat's tw counts.
    if (buckets > 0 && s.sockstat.valid) {
        const qint64 table = s.sockstat.tcpTimeWait;
        m_timeWait->setText(tr("%1 of %2 (sockstat tw)").arg(locale.toString(table), locale.toString(buckets)));
        m_timeWait->setToolTip(tr("sockstat tw: %1 entries in the timewait table, TIME-WAIT and orphaned FIN-WAIT-2, "
                                  "IPv4 and IPv6 together; tcp_max_tw_buckets (%2) caps exactly that. %3 of the "
                                  "socket table's rows are TIME-WAIT.")
                                   .arg(locale.toString(table), locale.toString(buckets), locale.toString(timeWait)));
        m_timeWaitFill->setValue(int(qMin<qint64>(1000, 1000 * table / buckets)));
        m_timeWaitFill->setFormat(QStringLiteral("%1%").arg(100.0 * double(table) / double(buckets), 0, 'f', 1));
    } else {
        m_timeWait->setText(locale.toString(timeWait));
        m_timeWait->setToolTip(tr("TIME-WAIT rows in the socket table"));
        m_timeWaitFill->setValue(0);
        m_timeWaitFill->setFormat(QString());
    }

    const SlabCacheFigure &tw4 = s.slab.cache(SlabCache::TimeWaitV4);
    const SlabCacheFigure &tw6 = s.slab.cache(SlabCache::TimeWaitV6);
    const qint64 twBytes = tw4.bytes + tw6.bytes;
    qint64 allBytes = 0;
    for (const SlabCacheFigure &f : s.slab.caches)
        allBytes += f.bytes;
    m_memory->setToolTip(s.slab.slabinfoReadable ? tr("From /proc/slabinfo: the whole host, every namespace.")
                                                 : tr("Estimated: %1.").arg(s.slab.objectSizeBasis));
    m_memory->setText((s.slab.slabinfoReadable ? tr("TIME-WAIT %1 of %2 for all TCP (host-wide)")
                                               : tr("TIME-WAIT ≈ %1 of ≈ %2 for all TCP (estimate)"))
                          .arg(SnapshotTextWriter::formatBytes(twBytes), SnapshotTextWriter::formatBytes(allBytes)));

    if (s.rates && s.rates->has(TcpCounter::TimeWaitEntered)) {
        m_rates->setText(tr("%1 enter TIME-WAIT, %2 connections opened, %3 accepted")
                             .arg(locale.toString(s.rates->rate(TcpCounter::TimeWaitEntered), 'f', 1),
                                  locale.toString(s.rates->rate(TcpCounter::ActiveOpens), 'f', 1),
                                  locale.toString(s.rates->rate(TcpCounter::PassiveOpens), 'f', 1)));
    } else {
        m_rates->setText(tr("after the next refresh"));
    }

    const double overflowRate = s.rates && s.rates->has(TcpCounter::TimeWaitOverflow) ? s.rates->rate(TcpCounter::TimeWaitOverflow) : 0;
    // TcpExt counters belong to the network namespace: in a child namespace they start at its creation.
    m_overflow->setText(tr("%1 per second now, %2 in this namespace so far (TCPTimeWaitOverflow)")
                            .arg(locale.toString(overflowRate, 'f', 1),
                                 locale.toString(s.counters.value(TcpCounter::TimeWaitOverflow))));
    QPalette overflowPalette = palette();
    if (overflowRate > 0)
        overflowPalette.setColor(QPalette::WindowText, ChartColors::warning());
    m_overflow->setPalette(overflowPalette);

    if (!s.portPressure.empty() && s.ephemeralRange.valid) {
        const PortPressure &p = s.portPressure.front();
        m_ports->setText(tr("busiest: %1 → %2 uses %3 of %4")
                             .arg(InetAddress::toString(p.family, p.localAddress),
                                  InetAddress::endpoint(p.family, p.remoteAddress, p.remotePort),
                                  locale.toString(p.inUse), locale.toString(s.ephemeralRange.size())));
        m_portsFill->setValue(int(qMin<qint64>(1000, 1000LL * p.inUse / s.ephemeralRange.size())));
        m_portsFill->setFormat(QStringLiteral("%1%").arg(100.0 * p.inUse / s.ephemeralRange.size(), 0, 'f', 1));
        const PortBudget budget = PortBudget::forTuple(s, p);
        m_portRate->setText(tr("≈ %1 new/s").arg(PortBudgetText::rate(budget.perSecond)));
        const QString why = PortBudgetText::summary(budget) + QLatin1Char(' ') + PortBudgetText::whenFull(budget);
        m_ports->setToolTip(why);
        m_portRate->setToolTip(why);
        m_portsFill->setToolTip(tr("Local ports in use towards the busiest destination, against the size of "
                                   "ip_local_port_range.") + QLatin1Char(' ') + why);
    } else {
        m_ports->setText(s.ephemeralRange.valid ? tr("none in use (range %1–%2)").arg(s.ephemeralRange.low).arg(s.ephemeralRange.high)
                                                : tr("ip_local_port_range unreadable"));
        m_ports->setToolTip(PortBudgetText::forNamespace(PortBudgetSettings::fromReadings(s.sysctls)));
        m_portsFill->setToolTip(m_ports->toolTip());
        m_portRate->setToolTip(m_ports->toolTip());
        m_portRate->clear();
        m_portsFill->setValue(0);
        m_portsFill->setFormat(QString());
    }
    if (m_portBudgetDialog)
        m_portBudgetDialog->showSnapshot(snapshot);
    m_refresh->setText(tr("%1 ms (netlink dump %2 ms)%3")
                           .arg(locale.toString(double(s.collectNs) / 1e6, 'f', 1),
                                locale.toString(double(s.dumpNs) / 1e6, 'f', 1),
                                s.consistent ? QString() : tr("; the table changed during the dump")));
}
