#include "snapshottextwriter.h"

#include "coremessagetext.h"
#include "inetaddress.h"
#include "portbudgettext.h"
#include "snapshot.h"
#include "qtstd.h"
#include "sysctlcatalog.h"

#include <QDateTime>
#include <QLocale>
#include <QSysInfo>

#include <algorithm>

namespace {

QString portList(const std::vector<PortCount> &counts, int top)
{
    QStringList parts;
    const auto shown = std::min<std::size_t>(counts.size(), std::size_t(std::max(top, 0)));
    for (std::size_t i = 0; i < shown; ++i)
        parts << QStringLiteral("%1 ×%2").arg(counts[i].port).arg(counts[i].count);
    return parts.join(QStringLiteral(", "));
}

}

QString SnapshotTextWriter::formatBytes(std::int64_t bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString SnapshotTextWriter::format(const Snapshot &s, int topPorts)
{
    QString out;
    // With the UTC offset ("2026-11-25T01:04:50+01:00"): a pasted report must say which time.
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(s.wallTimeMs);
    const QString time = local.toOffsetFromUtc(local.offsetFromUtc()).toString(Qt::ISODate);
    out += tr("sockscope %1 — host %2, kernel %3, network namespace %4 (%5), %6\n")
               .arg(QLatin1String(SOCKSCOPE_VERSION), QSysInfo::machineHostName(), QSysInfo::kernelVersion(),
                    toQString(s.namespaceLabel), toQString(s.namespaceId), time);
    out += tr("TCP sockets: %1 (IPv4 %2, IPv6 %3), listed in %4 ms%5\n")
               .arg(s.totalSockets())
               .arg(s.ipv4Sockets)
               .arg(s.ipv6Sockets)
               .arg(double(s.dumpNs) / 1e6, 0, 'f', 1)
               .arg(s.consistent ? QString() : tr(" — inconsistent: the table changed during the dump"));

    // With --states the kernel dumped only those: every other state is unknown, not 0.
    const bool filtered = (s.stateMask & AllTcpStatesMask) != AllTcpStatesMask;
    const auto counted = [&](TcpState state) { return (s.stateMask & tcpStateBit(state)) != 0; };
    QStringList states;
    QStringList countedNames;
    for (const TcpState state : tcpStatesInDisplayOrder()) {
        if (filtered && counted(state))
            countedNames << QString::fromLatin1(tcpStateKey(state)).toLower();
        if (filtered ? counted(state) : (s.count(state) || state == TcpState::Established || state == TcpState::TimeWait))
            states << QStringLiteral("%1 %2").arg(QLatin1String(tcpStateKey(state))).arg(s.count(state));
    }
    if (filtered)
        out += tr("states counted: %1 (filter)\n").arg(countedNames.join(QStringLiteral(", ")));
    out += tr("States: %1\n").arg(states.join(QStringLiteral(", ")));

    const std::int64_t buckets = s.maxTimeWaitBuckets();
    // tcp_max_tw_buckets caps the whole timewait table (TIME-WAIT and orphaned FIN-WAIT-2, both
    // families): compare it with sockstat tw, which counts exactly that, not with TIME-WAIT rows.
    // sockstat is read whatever --states asked the dump for, so the gauge stays valid under it.
    const QString rows = counted(TcpState::TimeWait) ? tr("%1 rows").arg(s.count(TcpState::TimeWait))
                                                     : tr("not counted (not in --states)");
    if (buckets > 0 && s.sockstat.valid) {
        out += tr("TIME-WAIT: %1; timewait table (sockstat tw, TIME-WAIT and orphaned FIN-WAIT-2) %2 of "
                  "tcp_max_tw_buckets %3 (%4%)\n")
                   .arg(rows)
                   .arg(s.sockstat.tcpTimeWait)
                   .arg(buckets)
                   .arg(100.0 * s.sockstat.tcpTimeWait / double(buckets), 0, 'f', 2);
    } else {
        out += tr("TIME-WAIT: %1\n").arg(rows);
    }
    if (!s.timeWaitByLocalPort.empty())
        out += tr("  by local port:  %1\n").arg(portList(s.timeWaitByLocalPort, topPorts));
    if (!s.timeWaitByRemotePort.empty())
        out += tr("  by remote port: %1\n").arg(portList(s.timeWaitByRemotePort, topPorts));

    if (s.ephemeralRange.valid) {
        out += tr("Ephemeral ports %1–%2 (%3 per destination):")
                   .arg(s.ephemeralRange.low)
                   .arg(s.ephemeralRange.high)
                   .arg(s.ephemeralRange.size());
        if (s.portPressure.empty()) {
            out += tr(" none in use\n");
        } else {
            const PortPressure &p = s.portPressure.front();
            out += tr(" busiest %1 → %2 uses %3 (%4%)\n")
                       .arg(toQString(InetAddress::toString(p.family, p.localAddress)),
                            toQString(InetAddress::endpoint(p.family, p.remoteAddress, p.remotePort)))
                       .arg(p.inUse)
                       .arg(100.0 * p.inUse / s.ephemeralRange.size(), 0, 'f', 2);
        }
        const QString budget = s.portPressure.empty()
            ? PortBudgetText::forNamespace(PortBudgetSettings::fromReadings(s.sysctls))
            : PortBudgetText::summary(PortBudget::forTuple(s, s.portPressure.front()));
        out += tr("  budget: %1\n").arg(budget);
    }

    if (s.sockstat.valid) {
        out += tr("sockstat: inuse %1, orphan %2, tw %3, alloc %4, mem %5 pages\n")
                   .arg(s.sockstat.tcpInUse)
                   .arg(s.sockstat.tcpOrphans)
                   .arg(s.sockstat.tcpTimeWait)
                   .arg(s.sockstat.tcpAllocated)
                   .arg(s.sockstat.tcpMemoryPages);
    }

    QStringList slab;
    for (int c = 0; c < SlabCacheCount; ++c) {
        const SlabCacheFigure &f = s.slab.caches[c];
        if (f.source == SlabCacheFigure::Source::None)
            continue;
        slab << tr("%1 %2 objects, %3%4")
                    .arg(QLatin1String(slabCacheName(static_cast<SlabCache>(c))))
                    .arg(f.activeObjects)
                    .arg(formatBytes(f.bytes), f.exact() ? QString() : tr(" (estimate)"));
    }
    out += tr("Slab: %1\n").arg(slab.join(QStringLiteral("; ")));
    if (!s.slab.slabinfoReadable)
        out += tr("  estimated (%1): %2\n").arg(CoreMessageText::text(s.slab.slabinfoError), CoreMessageText::text(s.slab.objectSizeBasis));

    QStringList counters;
    for (const auto &info : tcpCounterInfo()) {
        if (s.counters.has(info.counter))
            counters << QStringLiteral("%1 %2").arg(QLatin1String(info.name)).arg(s.counters.value(info.counter));
    }
    out += tr("Counters: %1\n").arg(counters.join(QStringLiteral(", ")));
    if (s.rates) {
        QStringList rates;
        for (const TcpCounter c : {TcpCounter::TimeWaitEntered, TcpCounter::TimeWaitOverflow,
                                   TcpCounter::TimeWaitRecycled, TcpCounter::TimeWaitKilled,
                                   TcpCounter::ActiveOpens, TcpCounter::PassiveOpens}) {
            if (s.rates->has(c)) {
                rates << QStringLiteral("%1 %2")
                             .arg(QLatin1String(tcpCounterInfo()[static_cast<int>(c)].name))
                             .arg(s.rates->rate(c), 0, 'f', 1);
            }
        }
        out += tr("Per second over %1 s: %2\n").arg(s.rates->intervalSeconds, 0, 'f', 2).arg(rates.join(QStringLiteral(", ")));
    }

    QStringList sysctls;
    for (const SysctlReading &r : s.sysctls) {
        const QString name = toQString(r.name);
        const QString value = r.state == SysctlReading::State::Present ? toQString(r.value)
            : r.state == SysctlReading::State::Absent
            ? tr("(%1)").arg(SysctlCatalog::absentText(SysctlCatalog::find(name)))
                                                                       : tr("(unreadable: %1)").arg(toQString(r.error));
        QString shown = value;
        if (r.state == SysctlReading::State::Present && value.isEmpty())
            shown = tr("(empty)");
        // The kernel's way of saying a child namespace has no hash of its own (ip-sysctl.rst).
        else if (r.name == "net.ipv4.tcp_ehash_entries" && value.startsWith(QLatin1Char('-')))
            shown = tr("%1 (negative: this namespace shares the host's hash table)").arg(value);
        else if (r.name == "net.ipv4.tcp_tw_recycle" && r.state == SysctlReading::State::Present)
            shown = tr("%1 (this kernel still has it; it was removed in Linux 4.12)").arg(value);
        sysctls << QStringLiteral("  %1 = %2").arg(name, shown);
    }
    out += tr("Sysctls:\n%1\n").arg(sysctls.join(QLatin1Char('\n')));
    for (const QString &warning : CoreMessageText::texts(s.warnings))
        out += tr("Warning: %1\n").arg(warning);
    return out;
}
