#include "views/window/overviewpanel.h"
#include "wording/coremessagetext.h"

#include "views/charts/capturelook.h"
#include "views/charts/chartcolors.h"
#include "core/snapshot/inetaddress.h"
#include "core/snapshot/portbudget.h"
#include "views/sysctl/portbudgetdialog.h"
#include "wording/portbudgettext.h"
#include "report/snapshottextwriter.h"
#include "sampling/windowstate.h"

#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QHBoxLayout>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

OverviewPanel::OverviewPanel(QWidget *parent)
    : HistoryPanel(parent)
    , m_scroll(new QScrollArea(this))
    , m_content(new QWidget(m_scroll))
    , m_form(new QFormLayout(m_content))
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
        // No fixed height: a larger font must not clip the percentage.
        bar->setMaximumHeight(fontMetrics().height() + 6);
    }
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // The fill bar and the button to the worked budget share a row.
    auto portsRow = new QWidget(this);
    auto portsLayout = new QHBoxLayout(portsRow);
    portsLayout->setContentsMargins(0, 0, 0, 0);
    portsLayout->addWidget(m_portsFill, 1);
    portsLayout->addWidget(m_portRate);
    portsLayout->addWidget(m_portBudget);
    // The row must not be wider than a narrow dock (1024 px, larger text, Chinese: "≈ 每秒 28,232
    // 个新连接" and the button made the whole Overview scroll sideways): the bar gives way down
    // to the room its percentage needs.
    m_portsFill->setMinimumWidth(m_portsFill->fontMetrics().horizontalAdvance(QStringLiteral("100.0%")) + 16);
    m_portBudget->setObjectName(QStringLiteral("portBudgetButton"));
    connect(m_portBudget, &QPushButton::clicked, this, &OverviewPanel::showPortBudget);
    QWidget *fields[] = {m_sockets, m_timeWait, m_timeWaitFill, m_memory, m_rates, m_overflow, m_ports, portsRow, m_refresh};
    for (QWidget *field : fields)
        m_form->addRow(new QLabel(this), field);
    CaptureLook::markLiveOnly(m_portBudget);
    // A dock does not give its widget the height that wrapped text needs for its width (height
    // for width): a scroll area does, and scrolls when the dock is shorter than that.
    m_scroll->setWidget(m_content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);
    retranslate();
}

bool OverviewPanel::event(QEvent *event)
{
    if (event->type() == CaptureLook::changedEvent()) {
        // A picture cannot scroll: it is as tall as the wrapped lines need at its width.
        m_content->layout()->activate();
        setMinimumHeight(CaptureLook::isCapturing(this) ? m_content->heightForWidth(m_scroll->viewport()->width()) : 0);
        return true;
    }
    return HistoryPanel::event(event);
}

void OverviewPanel::retranslate()
{
    const QString labels[] = {tr("Sockets"),  tr("TIME-WAIT"),       QString(), tr("Slab memory"), tr("Per second"),
                              tr("Overflow"), tr("Ephemeral ports"), QString(), tr("Refresh")};
    for (int i = 0; i < 9; ++i) {
        if (auto label = qobject_cast<QLabel *>(m_form->itemAt(i, QFormLayout::LabelRole)->widget()))
            label->setText(labels[i]);
    }
    m_timeWaitFill->setToolTip(
        tr("The timewait table against tcp_max_tw_buckets: sockstat tw, which counts TIME-WAIT "
           "and orphaned FIN-WAIT-2 entries, IPv4 and IPv6 together, as the limit does. Past it, "
           "closing sockets get no entry and TCPTimeWaitOverflow counts them (as it counts entries that could "
           "not be allocated).")
        + QLatin1Char(' ') + timeWaitLevelsText());
    m_portBudget->setText(tr("Worked budget…"));
    m_portBudget->setToolTip(tr("New connections per second towards the busiest tuples, with and without "
                                "tcp_tw_reuse, worked out from this namespace's values."));
    if (m_portBudgetDialog)
        m_portBudgetDialog->retranslate();
    if (m_moment)
        showMoment(*m_moment, m_snapshot);
    else
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
    m_moment.reset();
    if (!snapshot) {
        showNothing();
        return;
    }
    const Snapshot &s = *snapshot;
    const QLocale locale;
    m_sockets->setText(tr("%1 (IPv4 %2, IPv6 %3); %4 established")
                           .arg(locale.toString(s.totalSockets()), locale.toString(s.ipv4Sockets), locale.toString(s.ipv6Sockets),
                                locale.toString(s.count(TcpState::Established))));

    showTimeWait(s.count(TcpState::TimeWait), s.sockstat.valid ? s.sockstat.tcpTimeWait : -1, s.maxTimeWaitBuckets());

    showMemory(s);
    showRates(s);
    showOverflow(s);
    showPorts(s);
    if (m_portBudgetDialog)
        m_portBudgetDialog->showSnapshot(snapshot);
    m_refresh->setText(tr("%1 ms (netlink dump %2 ms)%3")
                           .arg(locale.toString(double(s.collectNs) / 1e6, 'f', 1),
                                locale.toString(double(s.dumpNs) / 1e6, 'f', 1),
                                s.consistent ? QString() : tr("; the table changed during the dump")));
}

void OverviewPanel::showNothing()
{
    // Nothing sampled from the watched place yet (it was just chosen): no figure of the place
    // watched before stays under the new one's name.
    for (QLabel *label : {m_sockets, m_timeWait, m_memory, m_rates, m_overflow, m_ports, m_portRate, m_refresh}) {
        label->clear();
        label->setToolTip(QString());
    }
    m_sockets->setText(tr("No sample from this place yet."));
    for (QProgressBar *bar : {m_timeWaitFill, m_portsFill}) {
        bar->setValue(0);
        bar->setFormat(QString());
    }
    if (m_portBudgetDialog)
        m_portBudgetDialog->showSnapshot(nullptr);
}

void OverviewPanel::showMemory(const Snapshot &s)
{
    const SlabCacheFigure &tw4 = s.slab.cache(SlabCache::TimeWaitV4);
    const SlabCacheFigure &tw6 = s.slab.cache(SlabCache::TimeWaitV6);
    const qint64 twBytes = tw4.bytes + tw6.bytes;
    qint64 allBytes = 0;
    for (const SlabCacheFigure &f : s.slab.caches)
        allBytes += f.bytes;
    m_memory->setToolTip(s.slab.slabinfoReadable ? tr("From /proc/slabinfo: the whole host, every namespace.")
                                                 : tr("Estimated: %1.").arg(CoreMessageText::text(s.slab.objectSizeBasis)));
    m_memory->setText((s.slab.slabinfoReadable ? tr("TIME-WAIT %1 of %2 for all TCP (host-wide)")
                                               : tr("TIME-WAIT ≈ %1 of ≈ %2 for all TCP (estimate)"))
                          .arg(SnapshotTextWriter::formatBytes(twBytes), SnapshotTextWriter::formatBytes(allBytes)));
}

void OverviewPanel::showRates(const Snapshot &s)
{
    if (s.rates && (s.rates->has(TcpCounter::TimeWaitEntered) || s.rates->has(TcpCounter::TimeWaitKilled))) {
        const auto rate = [&](TcpCounter c) { return s.rates->has(c) ? std::optional<double>(s.rates->rate(c)) : std::nullopt; };
        m_rates->setText(ratesText(rate(TcpCounter::TimeWaitEntered), rate(TcpCounter::TimeWaitKilled),
                                   s.rates->rate(TcpCounter::ActiveOpens), s.rates->rate(TcpCounter::PassiveOpens)));
    } else {
        m_rates->setText(tr("after the next refresh"));
    }
}

void OverviewPanel::showOverflow(const Snapshot &s)
{
    const QLocale locale;
    const double overflowRate =
        s.rates && s.rates->has(TcpCounter::TimeWaitOverflow) ? s.rates->rate(TcpCounter::TimeWaitOverflow) : 0;
    // TcpExt counters belong to the network namespace: in a child namespace they start at its creation.
    m_overflow->setText(
        tr("%1 per second now, %2 in this namespace so far (TCPTimeWaitOverflow)")
            .arg(locale.toString(overflowRate, 'f', 1), locale.toString(s.counters.value(TcpCounter::TimeWaitOverflow))));
    QPalette overflowPalette = palette();
    if (overflowRate > 0)
        overflowPalette.setColor(QPalette::WindowText, ChartColors::warning());
    m_overflow->setPalette(overflowPalette);
}

void OverviewPanel::showPorts(const Snapshot &s)
{
    const QLocale locale;
    if (!s.portPressure.empty() && s.ephemeralRange.valid) {
        const PortPressure &p = s.portPressure.front();
        const PortBudget budget = PortBudget::forTuple(s, p);
        // The limit is the range less its reserved ports (connect() skips them); the budget has
        // counted them when the sysctls were read, else the range is all that is known.
        const qint64 usable = budget.valid ? budget.usablePorts : s.ephemeralRange.size();
        m_ports->setText(tr("busiest: %1 → %2 uses %3 of %4 usable ports")
                             .arg(QString::fromStdString(InetAddress::toString(p.family, p.localAddress)),
                                  QString::fromStdString(InetAddress::endpoint(p.family, p.remoteAddress, p.remotePort)),
                                  locale.toString(p.inUse), locale.toString(usable)));
        m_portsFill->setValue(usable > 0 ? int(qMin<qint64>(1000, 1000LL * p.inUse / usable)) : 1000);
        m_portsFill->setFormat(QStringLiteral("%1%").arg(usable > 0 ? 100.0 * p.inUse / usable : 100.0, 0, 'f', 1));
        m_portRate->setText(tr("≈ %1 new/s").arg(PortBudgetText::rate(budget.perSecond)));
        const QString why = PortBudgetText::summary(budget) + QLatin1Char(' ') + PortBudgetText::whenFull(budget);
        m_ports->setToolTip(why);
        m_portRate->setToolTip(why);
        m_portsFill->setToolTip(tr("Local ports in use towards the busiest destination, against the ports of "
                                   "ip_local_port_range outside ip_local_reserved_ports.")
                                + QLatin1Char(' ') + portLevelsText() + QLatin1Char(' ') + why);
        showFillLevel(m_portsFill, FillLevel::portsTowardsOneDestination(p.inUse, usable > 0 ? usable : 0));
    } else {
        m_ports->setText(s.ephemeralRange.valid
                             ? tr("none in use (range %1–%2)").arg(s.ephemeralRange.low).arg(s.ephemeralRange.high)
                             : tr("ip_local_port_range unreadable"));
        m_ports->setToolTip(PortBudgetText::forNamespace(PortBudgetSettings::fromReadings(s.sysctls)));
        m_portsFill->setToolTip(m_ports->toolTip());
        m_portRate->setToolTip(m_ports->toolTip());
        m_portRate->clear();
        m_portsFill->setValue(0);
        m_portsFill->setFormat(QString());
        showFillLevel(m_portsFill, FillLevel::Level::Normal);
    }
}

void OverviewPanel::showFillLevel(QProgressBar *bar, FillLevel::Level level)
{
    if (level == FillLevel::Level::Normal) {
        bar->setPalette(QPalette()); // the window's, light or dark, as it changes
        return;
    }
    QPalette fill;
    fill.setColor(QPalette::Highlight, ChartColors::fill(level, QColor()));
    fill.setColor(QPalette::HighlightedText, Qt::white);
    bar->setPalette(fill);
}

QString OverviewPanel::timeWaitLevelsText()
{
    return tr("Amber from %1 % of tcp_max_tw_buckets, red from %2 %; at 100 % the kernel makes no more timewait entries.")
        .arg(FillLevel::TimeWaitWarningPerMille / 10)
        .arg(FillLevel::TimeWaitCriticalPerMille / 10);
}

QString OverviewPanel::portLevelsText()
{
    return tr("Amber from %1 % of the usable ports: connect() tries the ports of one parity first, and past half the "
              "range those are mostly taken, so each connect() scans longer; red from %2 %; at 100 % connect() fails "
              "with EADDRNOTAVAIL.")
        .arg(FillLevel::PortsWarningPerMille / 10)
        .arg(FillLevel::PortsCriticalPerMille / 10);
}

QString OverviewPanel::ratesText(std::optional<double> timeWait, std::optional<double> timeWaitKilled, double opened,
                                 double accepted)
{
    const QLocale locale;
    const auto number = [&](double rate) { return locale.toString(rate, 'f', 1); };
    if (timeWait && timeWaitKilled)
        return tr("%1 timewait entries made (TW + TWKilled), %2 connections opened, %3 accepted")
            .arg(number(*timeWait + *timeWaitKilled), number(opened), number(accepted));
    if (timeWait)
        return tr("at least %1 timewait entries made (TW; TWKilled not known), %2 connections opened, %3 accepted")
            .arg(number(*timeWait), number(opened), number(accepted));
    return tr("at least %1 timewait entries made (TWKilled; TW not known), %2 connections opened, %3 accepted")
        .arg(number(timeWaitKilled.value_or(0)), number(opened), number(accepted));
}

void OverviewPanel::showTimeWait(quint32 timeWait, qint64 table, qint64 buckets)
{
    const QLocale locale;
    // Like with like: tcp_max_tw_buckets caps the whole timewait table (TIME-WAIT and orphaned
    // FIN-WAIT-2), which sockstat's tw counts; the socket table's TIME-WAIT rows are only part of it.
    const qint64 used = table >= 0 ? table : qint64(timeWait);
    if (buckets > 0 && table >= 0) {
        m_timeWait->setText(tr("%1 of %2 (sockstat tw)").arg(locale.toString(table), locale.toString(buckets)));
        m_timeWait->setToolTip(tr("sockstat tw: %1 entries in the timewait table, TIME-WAIT and orphaned FIN-WAIT-2, "
                                  "IPv4 and IPv6 together; tcp_max_tw_buckets (%2) caps exactly that. %3 of the "
                                  "socket table's rows are TIME-WAIT.")
                                   .arg(locale.toString(table), locale.toString(buckets), locale.toString(timeWait)));
    } else if (buckets > 0) {
        m_timeWait->setText(
            tr("%1 TIME-WAIT rows; tcp_max_tw_buckets %2").arg(locale.toString(timeWait), locale.toString(buckets)));
        m_timeWait->setToolTip(tr("tcp_max_tw_buckets caps the whole timewait table (sockstat tw: TIME-WAIT and "
                                  "orphaned FIN-WAIT-2), which this sample does not hold: the TIME-WAIT rows "
                                  "shown are a lower bound of it."));
    } else {
        m_timeWait->setText(locale.toString(timeWait));
        m_timeWait->setToolTip(tr("TIME-WAIT rows in the socket table"));
    }
    if (buckets > 0) {
        m_timeWaitFill->setValue(int(qMin<qint64>(1000, 1000 * used / buckets)));
        m_timeWaitFill->setFormat(QStringLiteral("%1%").arg(100.0 * double(used) / double(buckets), 0, 'f', 1));
    } else {
        m_timeWaitFill->setValue(0);
        m_timeWaitFill->setFormat(QString());
    }
    showFillLevel(m_timeWaitFill, FillLevel::timeWaitTable(used, buckets));
}

void OverviewPanel::follow(const WindowState *state, SnapshotUpdates snapshots)
{
    HistoryPanel::follow(state, snapshots);
    connect(state, &WindowState::momentChanged, this,
            [this, state](const SampleSummary &summary) { showMoment(summary, state->latest()); });
}

void OverviewPanel::showMoment(const SampleSummary &sample, const SnapshotPtr &table)
{
    showSnapshot(table); // the table's figures first; those the sample has replace them
    m_moment = sample;
    const QLocale locale;
    const QString sockets =
        tr("%1; %2 established").arg(locale.toString(sample.totalSockets), locale.toString(sample.count(TcpState::Established)));
    // Between two dumps of a large table the agent repeats the last dump's socket figures: say how old.
    const QString age = locale.toString(double(sample.socketAgeMs) / 1000, 'f', 1);
    m_sockets->setText(sample.socketAgeMs == 0 ? sockets : tr("%1 (counted %2 s ago)").arg(sockets, age));
    showTimeWait(sample.count(TcpState::TimeWait), -1, sample.maxTimeWaitBuckets); // sockstat tw is not in a summary
    qint64 allBytes = 0;
    bool exact = true;
    for (int i = 0; i < SlabCacheCount; ++i) {
        if (sample.hasSlab(SlabCache(i))) {
            allBytes += sample.slabBytes[std::size_t(i)];
            exact = exact && sample.slabExact(SlabCache(i));
        }
    }
    const qint64 twBytes =
        sample.slabBytes[std::size_t(SlabCache::TimeWaitV4)] + sample.slabBytes[std::size_t(SlabCache::TimeWaitV6)];
    m_memory->setText(
        (exact ? tr("TIME-WAIT %1 of %2 for all TCP (host-wide)") : tr("TIME-WAIT ≈ %1 of ≈ %2 for all TCP (estimate)"))
            .arg(SnapshotTextWriter::formatBytes(twBytes), SnapshotTextWriter::formatBytes(allBytes)));
    if (sample.hasRate(TcpCounter::TimeWaitEntered) || sample.hasRate(TcpCounter::TimeWaitKilled)) {
        const auto rate = [&](TcpCounter c) { return sample.hasRate(c) ? std::optional<double>(sample.rate(c)) : std::nullopt; };
        m_rates->setText(ratesText(rate(TcpCounter::TimeWaitEntered), rate(TcpCounter::TimeWaitKilled),
                                   sample.rate(TcpCounter::ActiveOpens), sample.rate(TcpCounter::PassiveOpens)));
    } else {
        m_rates->setText(tr("not known for this sample"));
    }
    const double overflowRate = sample.hasRate(TcpCounter::TimeWaitOverflow) ? sample.rate(TcpCounter::TimeWaitOverflow) : 0;
    m_overflow->setText(tr("%1 per second at this sample (TCPTimeWaitOverflow)").arg(locale.toString(overflowRate, 'f', 1)));
    QPalette overflowPalette = palette();
    if (overflowRate > 0)
        overflowPalette.setColor(QPalette::WindowText, ChartColors::warning());
    m_overflow->setPalette(overflowPalette);
    m_refresh->setText(tr("%1 ms").arg(locale.toString(double(sample.collectMs), 'f', 1)));
    m_refresh->setToolTip(QString());
    if (sample.socketAgeMs > 0) {
        m_refresh->setText(
            tr("%1 ms: counters only; sockets counted %2 s ago").arg(locale.toString(double(sample.collectMs), 'f', 1), age));
        m_refresh->setToolTip(tr("Dumping every socket costs CPU in proportion to their number, so the agent spaces its "
                                 "dumps to stay within its CPU budget (sockscope-agent --dump-budget, 5 % of one CPU by "
                                 "default). In between, the counters, slab and sysctls are read afresh every sample and "
                                 "the state and port figures repeat the last dump's."));
    }
    // The busiest destination needs a socket table: say which one, and how far from this sample (the
    // one under a replay's slider, or the newest of a stream whose tables come less often).
    if (!table) {
        m_ports->setText(tr("needs a socket table; none recorded"));
        return;
    }
    const qint64 ago = (sample.timeMs - table->wallTimeMs) / 1000;
    const QString when = QDateTime::fromMSecsSinceEpoch(table->wallTimeMs).toString(QStringLiteral("HH:mm:ss t"));
    const QString note = ago == 0 ? tr("socket table from %1").arg(when)
        : ago > 0                 ? tr("socket table from %1, %2 s before this sample").arg(when, locale.toString(ago))
                                  : tr("socket table from %1, %2 s after this sample").arg(when, locale.toString(-ago));
    m_ports->setText(m_ports->text() + QStringLiteral(" (") + note + QLatin1Char(')'));
}
