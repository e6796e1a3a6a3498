#include "core/metrics/metricsrenderer.h"

#include "core/snapshot/inetaddress.h"
#include "core/snapshot/portbudget.h"
#include "core/snapshot/rankedports.h"
#include "core/snapshot/snapshot.h"
#include "core/collect/textscan.h"
#include "core/collect/utf8text.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace {

using Type = ExpositionWriter::Type;

void writeSelf(ExpositionWriter &out, const CollectionStats &stats)
{
    out.family("sockscope_build", Type::Info, "The sockscope-agent serving these metrics.");
    out.sample({{"version", SOCKSCOPE_VERSION}}, std::int64_t(1));
    out.family("sockscope_collections", Type::Counter,
               "Collections (kernel socket walks plus /proc reads) made; scrapes within the minimum interval share one.");
    out.sample(std::int64_t(stats.collections));
    out.family("sockscope_collection_errors", Type::Counter, "Collections that failed (the socket table could not be read).");
    out.sample(std::int64_t(stats.errors));
    out.family("sockscope_collection_success", Type::Gauge, "1 when the collection served here succeeded, 0 when it failed.");
    out.sample(std::int64_t(stats.lastSucceeded ? 1 : 0));
    out.family("sockscope_collection_duration_seconds", Type::Gauge, "Time the collection served here took, in seconds.");
    out.sample({}, stats.lastDurationSeconds);
    out.family("sockscope_collection_timestamp_seconds", Type::Gauge,
               "When the collection served here was made, in seconds since the Unix epoch.");
    out.sample({}, stats.lastWallSeconds);
}

// Top `top` ports one by one (those inside ip_local_port_range as one port="ephemeral" unless
// asked for, RankedPorts), the rest summed into port="other": the series add up to the
// TIME-WAIT count exactly, whatever the number of distinct ports.
void writePorts(ExpositionWriter &out, const std::vector<PortCount> &counts, const PortFold &portFold, bool fold, int top)
{
    const std::vector<RankedPort> ranked = RankedPorts::rank(counts, portFold, fold);
    const std::size_t shown = std::min<std::size_t>(ranked.size(), std::size_t(top));
    std::uint64_t other = 0;
    for (std::size_t i = shown; i < ranked.size(); ++i)
        other += ranked[i].count;
    for (std::size_t i = 0; i < shown; ++i)
        out.sample({{"port", ranked[i].ephemeral ? std::string("ephemeral") : std::to_string(ranked[i].port)}},
                   std::int64_t(ranked[i].count));
    out.sample({{"port", "other"}}, std::int64_t(other));
}

void writeSockets(ExpositionWriter &out, const Snapshot &s)
{
    // Per family and state in one pass over the table (the aggregator counts states over both).
    std::array<std::array<std::uint32_t, TcpStateCount>, 2> counts {};
    for (const SocketRecord &record : s.sockets)
        ++counts[record.family == AF_INET6 ? 1 : 0][static_cast<int>(record.state)];
    out.family("sockscope_sockets", Type::Gauge,
               "TCP sockets by state and address family (NEW-SYN-RECV: request sockets of half-open connections).");
    for (int family = 0; family < 2; ++family) {
        if (family == 1 && !s.ipv6Available)
            continue;
        for (const TcpState state : tcpStatesInDisplayOrder()) {
            if (!(s.stateMask & tcpStateBit(state)))
                continue; // not dumped (--states): no series rather than a made-up 0
            out.sample({{"family", family ? "ipv6" : "ipv4"}, {"state", tcpStateKey(state)}},
                       std::int64_t(counts[family][static_cast<int>(state)]));
        }
    }
}

void writeTimeWait(ExpositionWriter &out, const Snapshot &s, int top, bool ephemeralPorts)
{
    if (!(s.stateMask & tcpStateBit(TcpState::TimeWait)))
        return;
    out.family("sockscope_timewait_local_port_sockets", Type::Gauge,
               "TIME-WAIT sockets by local port: the busiest ports, those inside net.ipv4.ip_local_port_range as one "
               "port=\"ephemeral\" (unless --ephemeral-ports), then port=\"other\" for the rest (the series sum to the "
               "TIME-WAIT count).");
    writePorts(out, s.timeWaitByLocalPort, RankedPorts::foldOf(s, true), !ephemeralPorts, top);
    out.family("sockscope_timewait_remote_port_sockets", Type::Gauge,
               "TIME-WAIT sockets by remote port: the busiest ports, those inside this host's net.ipv4.ip_local_port_range "
               "as one port=\"ephemeral\" (unless --ephemeral-ports; the peers' own range is not known, this host's "
               "stands for it), then port=\"other\" for the rest (the series sum to the TIME-WAIT count).");
    writePorts(out, s.timeWaitByRemotePort, RankedPorts::foldOf(s, false), !ephemeralPorts, top);
    out.family("sockscope_timewait_local_ports", Type::Gauge, "Distinct local ports holding TIME-WAIT sockets.");
    out.sample(std::int64_t(s.timeWaitByLocalPort.size()));
    out.family("sockscope_timewait_remote_ports", Type::Gauge, "Distinct remote ports holding TIME-WAIT sockets.");
    out.sample(std::int64_t(s.timeWaitByRemotePort.size()));
}

void writeTable(ExpositionWriter &out, const Snapshot &s)
{
    if (s.sockstat.valid) {
        out.family("sockscope_timewait_table_entries", Type::Gauge,
                   "Entries in the TIME_WAIT table (/proc/net/sockstat tw; includes orphaned FIN-WAIT-2 sockets kept there).");
        out.sample(s.sockstat.tcpTimeWait);
    }
    const std::int64_t buckets = s.maxTimeWaitBuckets();
    if (buckets >= 0) {
        out.family("sockscope_timewait_table_max_entries", Type::Gauge,
                   "net.ipv4.tcp_max_tw_buckets: the TIME_WAIT table's size; a close beyond it gets no TIME-WAIT "
                   "(TCPTimeWaitOverflow).");
        out.sample(buckets);
    }
}

// The label values of one (local address, remote address, remote port) tuple.
struct TupleLabels
{
    explicit TupleLabels(const PortPressure &p)
        : family(InetAddress::familyName(p.family))
        , localAddress(InetAddress::toString(p.family, p.localAddress))
        , remoteAddress(InetAddress::toString(p.family, p.remoteAddress))
        , remotePort(std::to_string(p.remotePort))
    {
    }
    const char *family;
    std::string localAddress;
    std::string remoteAddress;
    std::string remotePort;
};

void writePressure(ExpositionWriter &out, const Snapshot &s, int top)
{
    if (!s.ephemeralRange.valid)
        return;
    out.family("sockscope_ephemeral_port_range_size", Type::Gauge,
               "Ports in net.ipv4.ip_local_port_range. One (local address, remote address, remote port) tuple can have as many "
               "connections as the range has ports outside net.ipv4.ip_local_reserved_ports.");
    out.sample(std::int64_t(s.ephemeralRange.size()));
    out.family("sockscope_ephemeral_ports_busiest_tuple", Type::Gauge,
               "Ephemeral ports in use (TIME-WAIT included) by the busiest (local address, remote address, remote port) tuple.");
    out.sample(std::int64_t(s.portPressure.empty() ? 0 : s.portPressure.front().inUse));
    out.family("sockscope_ephemeral_ports_in_use", Type::Gauge,
               "Ephemeral ports in use (TIME-WAIT included) by the busiest (local address, remote address, remote port) tuples. "
               "When one holds every port of the range outside net.ipv4.ip_local_reserved_ports, connect() fails with "
               "EADDRNOTAVAIL unless tcp_tw_reuse applies to the tuple (loopback with 2, any tuple with 1) and the entries hold "
               "a record of the peer's timestamp (timestamps on both ends, or inherited by a takeover); then it fails only while "
               "every entry is younger than tcp_tw_reuse_delay.");
    const std::size_t shown = std::min<std::size_t>(s.portPressure.size(), std::size_t(top));
    for (std::size_t i = 0; i < shown; ++i) {
        const TupleLabels t(s.portPressure[i]);
        out.sample({{"family", t.family},
                    {"local_address", t.localAddress},
                    {"remote_address", t.remoteAddress},
                    {"remote_port", t.remotePort}},
                   std::int64_t(s.portPressure[i].inUse));
    }
}

// The busiest tuples' port budget (PortBudget, the window's and --once's calculation): the same
// tuples and labels as sockscope_ephemeral_ports_in_use, so one divides the other.
void writeBudget(ExpositionWriter &out, const Snapshot &s, int top)
{
    const PortBudgetSettings settings = PortBudgetSettings::fromReadings(s.sysctls);
    if (!settings.rangeValid)
        return;
    const std::size_t shown = std::min<std::size_t>(s.portPressure.size(), std::size_t(top));
    std::vector<PortBudget> budgets;
    for (std::size_t i = 0; i < shown; ++i)
        budgets.push_back(PortBudget::forTuple(s, s.portPressure[i]));
    out.family("sockscope_port_budget_connections_per_second", Type::Gauge,
               "New connections per second one (local address, remote address, remote port) tuple can open when this host closes "
               "first: the ports of net.ipv4.ip_local_port_range outside net.ipv4.ip_local_reserved_ports over the 60 s of "
               "TIME-WAIT (reuse=\"without\"), or over the tcp_tw_reuse delay (reuse=\"with\": net.ipv4.tcp_tw_reuse_delay, "
               "about 1 s where the kernel has none). The busiest tuples, as sockscope_ephemeral_ports_in_use.");
    for (std::size_t i = 0; i < shown; ++i) {
        const TupleLabels t(s.portPressure[i]);
        for (const bool with : {false, true})
            out.sample({{"family", t.family},
                        {"local_address", t.localAddress},
                        {"remote_address", t.remoteAddress},
                        {"remote_port", t.remotePort},
                        {"reuse", with ? "with" : "without"}},
                       with ? budgets[i].perSecondWithReuse : budgets[i].perSecondWithoutReuse);
    }
    out.family("sockscope_port_budget_reuse_applies", Type::Gauge,
               "1 when tcp_tw_reuse takes over this tuple's TIME-WAIT entries (net.ipv4.tcp_tw_reuse 1, or 2 towards loopback, "
               "and net.ipv4.tcp_timestamps on), so reuse=\"with\" of sockscope_port_budget_connections_per_second holds; 0 when "
               "it does not (with tcp_timestamps 0, entries still carrying a peer-timestamp record from before are taken over "
               "until they expire). No series while a sysctl is unreadable.");
    for (std::size_t i = 0; i < shown; ++i) {
        if (budgets[i].reuse == PortBudget::Reuse::Unknown)
            continue;
        const TupleLabels t(s.portPressure[i]);
        out.sample({{"family", t.family},
                    {"local_address", t.localAddress},
                    {"remote_address", t.remoteAddress},
                    {"remote_port", t.remotePort}},
                   std::int64_t(budgets[i].reuseApplies() ? 1 : 0));
    }
}

void writeSlab(ExpositionWriter &out, const Snapshot &s)
{
    out.family(
        "sockscope_slabinfo_readable", Type::Gauge,
        "1 when /proc/slabinfo was readable (root only): slab figures are exact; 0: estimates from this namespace's sockets.");
    out.sample(std::int64_t(s.slab.slabinfoReadable ? 1 : 0));
    const auto each = [&](const char *name, const char *help, std::int64_t SlabCacheFigure::*field) {
        out.family(name, Type::Gauge, help);
        for (int c = 0; c < SlabCacheCount; ++c) {
            const SlabCacheFigure &figure = s.slab.caches[c];
            if (figure.source == SlabCacheFigure::Source::None)
                continue;
            out.sample({{"cache", slabCacheName(static_cast<SlabCache>(c))}, {"exact", figure.exact() ? "true" : "false"}},
                       figure.*field);
        }
    };
    each("sockscope_slab_bytes",
         "Memory of the slab caches holding TCP sockets, in bytes (exact=\"true\": /proc/slabinfo, host-wide; \"false\": this "
         "namespace's sockets times the object size).",
         &SlabCacheFigure::bytes);
    each("sockscope_slab_objects", "Objects in use in the slab caches holding TCP sockets.", &SlabCacheFigure::activeObjects);
}

// The kernel's column names in Prometheus's snake_case: "TCPTimeWaitOverflow" -> "tcp_time_wait_overflow",
// "TWKilled" -> "tw_killed", "InErrs" -> "in_errs". HELP keeps the name as /proc spells it.
std::string snakeCase(const char *name)
{
    std::string out;
    const std::size_t length = std::strlen(name);
    const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    for (std::size_t i = 0; i < length; ++i) {
        const char c = name[i];
        if (upper(c) && i > 0 && (!upper(name[i - 1]) || (i + 1 < length && !upper(name[i + 1]) && name[i + 1] != '\0')))
            out += '_';
        out += upper(c) ? char(c - 'A' + 'a') : c;
    }
    return out;
}

std::string lowerCase(std::string text)
{
    for (char &c : text)
        c = c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
    return text; // "TcpExt" -> "tcpext", as node_exporter's netstat collector names the table
}

void writeCounters(ExpositionWriter &out, const Snapshot &s)
{
    for (const TcpCounterInfo &info : tcpCounterInfo()) {
        if (!s.counters.has(info.counter))
            continue;
        const std::string name = "sockscope_netstat_" + lowerCase(info.table) + '_' + snakeCase(info.name);
        const std::string help = std::string(info.table) + ' ' + info.name + " from /proc/net/"
            + (std::strcmp(info.table, "Tcp") == 0 ? "snmp" : "netstat") + " (this network namespace).";
        out.family(name, info.gauge ? Type::Gauge : Type::Counter, help);
        out.sample(s.counters.value(info.counter));
    }
}

void writeSockstat(ExpositionWriter &out, const Snapshot &s)
{
    if (!s.sockstat.valid)
        return;
    out.family("sockscope_sockstat_tcp_orphans", Type::Gauge,
               "Orphaned TCP sockets, host-wide: every network namespace (/proc/net/sockstat orphan, tcp_orphan_count_sum()).");
    out.sample(s.sockstat.tcpOrphans);
    out.family("sockscope_sockstat_tcp_memory_bytes", Type::Gauge,
               "Memory of TCP socket buffers, host-wide, in bytes (/proc/net/sockstat mem, in pages, times the page size).");
    out.sample(s.sockstat.tcpMemoryPages * std::int64_t(sysconf(_SC_PAGESIZE)));
}

// The TIME-WAIT sysctls, each one gauge named after it: single numbers only (the port range is
// sockscope_ephemeral_port_range_size; the reserved ports list has no number).
void writeSysctls(ExpositionWriter &out, const Snapshot &s)
{
    for (const SysctlReading &reading : s.sysctls) {
        std::int64_t value = 0;
        if (reading.state != SysctlReading::State::Present || !TextScan::toInt64(reading.value, &value))
            continue;
        std::string name = "sockscope_sysctl_" + reading.name;
        std::replace(name.begin(), name.end(), '.', '_');
        out.family(name, Type::Gauge, reading.name + " as read in this network namespace.");
        out.sample(value);
    }
}

// TIME-WAIT by the process (or unit) it is attributed to, with how (issue 15): owners merged by
// command and unit (OwnerLabel, as the window's chart), so a service's workers and the holders of
// its listener are one series per evidence and never two series with the same labels; the top
// `top` of them, then the rest and the unattributed in metrics of their own, so no process
// name can pass for them (a process may call itself "other"). The three sum to the TIME-WAIT
// count. No pid label: it changes at every restart, and a series per pid would grow
// Prometheus's series without bound on a host that restarts its workers.
void writeTimeWaitByProcess(ExpositionWriter &out, const Snapshot &s, int top)
{
    const SocketOwnership &o = s.owners;
    if (!(s.stateMask & tcpStateBit(TcpState::TimeWait)) || o.scope == OwnerScope::NotLookedUp)
        return;
    // Keyed by the label values as written (names that differ only in bytes that are not UTF-8 are one).
    struct Merged
    {
        std::string command;
        std::string unit;
        OwnerTimeWait counts;
    };
    std::vector<Merged> merged;
    std::map<std::pair<std::string, std::string>, std::size_t> byLabel;
    std::uint64_t other = o.timeWaitOtherOwners;
    for (const OwnerTimeWait &entry : o.timeWaitByOwner) {
        const SocketOwner *owner = o.owner(entry.owner);
        if (!owner) {
            other += entry.count;
            continue;
        }
        auto label = std::make_pair(Utf8Text::repaired(owner->command), Utf8Text::repaired(owner->unit));
        const auto [it, added] = byLabel.emplace(label, merged.size());
        if (added)
            merged.push_back({std::move(label.first), std::move(label.second), OwnerTimeWait()});
        merged[it->second].counts.add(entry);
    }
    std::stable_sort(merged.begin(), merged.end(),
                     [](const Merged &a, const Merged &b) { return a.counts.count > b.counts.count; });
    const std::size_t shown = std::min<std::size_t>(merged.size(), std::size_t(std::max(top, 0)));
    for (std::size_t i = shown; i < merged.size(); ++i)
        other += merged[i].counts.count;

    out.family("sockscope_timewait_process_sockets", Type::Gauge,
               "TIME-WAIT sockets by the command and unit they are attributed to, processes with the same ones summed "
               "(evidence: exact = the same socket was seen held by such a process; listener = its local port's "
               "listening socket is held by such processes, which of them closed not known; cgroup = the same socket "
               "was seen, known only by its cgroup; likely = a guess from live connections; likely-unknown = the same "
               "guess where connections of no known owner went too). With "
               "sockscope_timewait_other_processes_sockets and sockscope_timewait_unattributed_sockets they sum to "
               "the TIME-WAIT count.");
    for (std::size_t i = 0; i < shown; ++i) {
        const OwnerTimeWait &counts = merged[i].counts;
        const std::pair<const char *, std::uint32_t> byEvidence[] = {{"exact", counts.exact},
                                                                     {"listener", counts.listener},
                                                                     {"cgroup", counts.cgroup},
                                                                     {"likely", counts.likely},
                                                                     {"likely-unknown", counts.likelyUnknown}};
        for (const auto &[evidence, count] : byEvidence) {
            if (count > 0)
                out.sample({{"command", merged[i].command}, {"unit", merged[i].unit}, {"evidence", evidence}},
                           std::int64_t(count));
        }
    }
    out.family("sockscope_timewait_other_processes_sockets", Type::Gauge,
               "TIME-WAIT sockets attributed to commands and units beyond the top N of sockscope_timewait_process_sockets.");
    out.sample(std::int64_t(other));
    out.family("sockscope_timewait_unattributed_sockets", Type::Gauge, "TIME-WAIT sockets attributed to no process or unit.");
    out.sample(std::int64_t(o.timeWaitUnattributed));
    out.family("sockscope_owners_all_processes", Type::Gauge,
               "1 when the owners were looked up in every process's descriptors, 0 when only in the agent user's own.");
    out.sample(std::int64_t(o.scope == OwnerScope::AllProcesses ? 1 : 0));
}

}

namespace MetricsRenderer {

std::string render(const Snapshot *snapshot, const CollectionStats &stats, const MetricsOptions &options,
                   ExpositionWriter::Format format)
{
    ExpositionWriter out(format);
    writeSelf(out, stats);
    if (snapshot) {
        const Snapshot &s = *snapshot;
        out.family("sockscope_collection_dump_duration_seconds", Type::Gauge,
                   "Time the kernel's socket dump (sock_diag) took in the collection served here, in seconds.");
        out.sample({}, stats.lastDumpSeconds);
        out.family("sockscope_collection_consistent", Type::Gauge,
                   "0 when the socket table changed under the dump twice in a row (counts may be off by the churn).");
        out.sample(std::int64_t(s.consistent ? 1 : 0));
        writeSockets(out, s);
        writeTimeWait(out, s, options.topPorts, options.ephemeralPorts);
        writeTimeWaitByProcess(out, s, options.topPorts);
        writeTable(out, s);
        writePressure(out, s, options.topPorts);
        writeBudget(out, s, options.topPorts);
        writeSlab(out, s);
        writeCounters(out, s);
        writeSockstat(out, s);
        writeSysctls(out, s);
    }
    return out.finish();
}

}
