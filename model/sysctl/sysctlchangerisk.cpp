#include "sysctl/sysctlchangerisk.h"

#include "core/snapshot/snapshot.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlvalue.h"

#include <QLocale>

#include <utility>

namespace {

const QString PortRangeName = QStringLiteral("net.ipv4.ip_local_port_range");
const QString ReservedName = QStringLiteral("net.ipv4.ip_local_reserved_ports");
const QString TimeWaitName = QStringLiteral("net.ipv4.tcp_max_tw_buckets");
const QString SomaxconnName = QStringLiteral("net.core.somaxconn");
const QString SynCookiesName = QStringLiteral("net.ipv4.tcp_syncookies");
const QString SynBacklogName = QStringLiteral("net.ipv4.tcp_max_syn_backlog");

// "low-high" or "port"; false when malformed.
bool parseSpan(const QString &text, int *low, int *high)
{
    const QStringList ends = text.split(QLatin1Char('-'));
    bool okLow = false, okHigh = true;
    *low = ends.value(0).toInt(&okLow);
    *high = ends.size() == 2 ? ends[1].toInt(&okHigh) : *low;
    return ends.size() <= 2 && okLow && okHigh && *low <= *high;
}

// Whether every port of [low, high] is in the reserved list (canonical: sorted, merged).
bool coversRange(const QString &reserved, int low, int high)
{
    int next = low; // the first port of the range not yet known to be reserved
    const QStringList items = reserved.isEmpty() ? QStringList() : reserved.split(QLatin1Char(','));
    for (const QString &item : items) {
        int from = 0, to = 0;
        if (!parseSpan(item, &from, &to))
            return false;
        if (from <= next && to >= next)
            next = to + 1;
    }
    return next > high;
}

}

SysctlRiskFigures SysctlRiskFigures::fromSnapshot(const Snapshot &snapshot)
{
    SysctlRiskFigures figures;
    for (const SysctlReading &reading : snapshot.sysctls) {
        const QString name = QString::fromStdString(reading.name);
        const SysctlEntry *entry = SysctlCatalog::find(name);
        if (entry && reading.state == SysctlReading::State::Present)
            figures.current.insert(name, SysctlValue::fromProcText(*entry, QString::fromStdString(reading.value)));
    }
    if (snapshot.sockstat.valid)
        figures.timeWaitEntries = snapshot.sockstat.tcpTimeWait;
    figures.listenersKnown = snapshot.stateMask & tcpStateBit(TcpState::Listen);
    // For a listener, sock_diag's idiag_wqueue is sk_max_ack_backlog (tcp_diag_get_info), which
    // the collector keeps as the send queue.
    for (const SocketRecord &socket : snapshot.sockets) {
        if (socket.state == TcpState::Listen && socket.sendQueue > figures.largestBacklog) {
            figures.largestBacklog = socket.sendQueue;
            figures.largestBacklogPort = socket.localPort;
        }
    }
    return figures;
}

std::vector<SysctlRisk> SysctlChangeRisk::risks(const QMap<QString, QString> &pending, const SysctlRiskFigures &figures)
{
    std::vector<SysctlRisk> found;
    const QLocale locale;
    const auto value = [&](const QString &name) { return pending.contains(name) ? pending[name] : figures.current.value(name); };

    if (pending.contains(PortRangeName) || pending.contains(ReservedName)) {
        int low = 0, high = 0;
        if (parseSpan(value(PortRangeName), &low, &high) && coversRange(value(ReservedName), low, high)) {
            // Measured on 6.18: connect() fails with EADDRNOTAVAIL, bind() to port 0 with EADDRINUSE.
            found.push_back({SysctlRisk::Kind::NoPortForConnect, pending.contains(ReservedName) ? ReservedName : PortRangeName,
                             tr("The reserved ports cover the whole local port range %1–%2: no port is left for "
                                "connect(). Outgoing connections without an explicit bind() fail with "
                                "EADDRNOTAVAIL (\"Cannot assign requested address\"), and bind() to port 0 fails "
                                "with EADDRINUSE.")
                                 .arg(low)
                                 .arg(high)});
        }
    }
    if (pending.contains(TimeWaitName)) {
        const qint64 buckets = pending[TimeWaitName].toLongLong();
        // inet_twsk_alloc() refuses a new entry once the table holds tcp_max_tw_buckets.
        if (buckets == 0) {
            found.push_back({SysctlRisk::Kind::NoTimeWait, TimeWaitName,
                             tr("tcp_max_tw_buckets 0: every close that would enter TIME-WAIT (or wait as an orphaned "
                                "FIN-WAIT-2 entry) skips it. The socket is freed at once, TcpExt "
                                "TCPTimeWaitOverflow rises with each such close, and nothing protects a new "
                                "connection on the same ports from delayed segments of the old one.")});
        } else if (figures.timeWaitEntries >= buckets) {
            found.push_back({SysctlRisk::Kind::TimeWaitFull, TimeWaitName,
                             tr("tcp_max_tw_buckets %1 is not above the %2 entries in the timewait table now "
                                "(sockstat tw): until the table drains below %1, every close that would enter TIME-WAIT "
                                "skips it and TcpExt TCPTimeWaitOverflow rises.")
                                 .arg(locale.toString(buckets), locale.toString(figures.timeWaitEntries))});
        }
    }
    if (pending.contains(SomaxconnName) && figures.listenersKnown) {
        const qint64 somaxconn = pending[SomaxconnName].toLongLong();
        // __sys_listen() caps the backlog when listen() is called; a running listener keeps its own.
        if (somaxconn < figures.largestBacklog) {
            found.push_back({SysctlRisk::Kind::BacklogCapped, SomaxconnName,
                             tr("somaxconn %1 is below the backlog of the largest listener here (port %2: %3). "
                                "Listeners keep their backlog until they call listen() again, as on a restart; "
                                "from then on their accept queue and half-open queue are capped at %1, and "
                                "connections beyond it wait or are dropped (TcpExt ListenOverflows rises).")
                                 .arg(locale.toString(somaxconn))
                                 .arg(figures.largestBacklogPort)
                                 .arg(locale.toString(qint64(figures.largestBacklog)))});
        }
    }
    if (pending.value(SynCookiesName) == QLatin1String("0")) {
        const QString synBacklog = value(SynBacklogName);
        found.push_back({SysctlRisk::Kind::SynCookiesOff, SynCookiesName,
                         tr("tcp_syncookies 0 turns SYN cookies off, the SYN Flood protection: once a listener's "
                            "half-open queue is past its backlog (min(listen() backlog, somaxconn)), further SYNs "
                            "are dropped, and SYNs from peers the kernel has no record of are dropped already "
                            "past three quarters of tcp_max_syn_backlog (%1). During a SYN Flood genuine "
                            "clients' connections are dropped.")
                             .arg(synBacklog.isEmpty() ? tr("unknown here") : synBacklog)});
    }
    return found;
}

QStringList SysctlChangeRisk::largeReasons(const QMap<QString, QString> &pending, bool persist, const SysctlRiskFigures &figures)
{
    QStringList reasons;
    if (pending.size() >= ManySettings)
        reasons << tr("It changes %1 settings at once.").arg(pending.size());
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        const SysctlEntry *entry = SysctlCatalog::find(it.key());
        const QString before = figures.current.value(it.key());
        if (!entry || before.isEmpty())
            continue;
        if (entry->kind == SysctlEntry::Kind::Integer) {
            const qint64 from = before.toLongLong(), to = it.value().toLongLong();
            if (from > 0 && to > 0 && (from >= to * LargeFactor || to >= from * LargeFactor))
                reasons << tr("%1 changes tenfold or more: %2 → %3.").arg(it.key(), before, it.value());
        } else if (entry->kind == SysctlEntry::Kind::PortRange) {
            int fromLow = 0, fromHigh = 0, toLow = 0, toHigh = 0;
            if (parseSpan(before, &fromLow, &fromHigh) && parseSpan(it.value(), &toLow, &toHigh)
                && 2 * (toHigh - toLow + 1) < fromHigh - fromLow + 1) {
                reasons
                    << tr("%1 shrinks from %2 to %3 ports.").arg(it.key()).arg(fromHigh - fromLow + 1).arg(toHigh - toLow + 1);
            }
        }
    }
    if (persist)
        reasons << tr("It is kept after reboot (saved to /etc/sysctl.d).");
    return reasons;
}
