#include "core/snapshot/snapshottextreport.h"

#include "core/snapshot/rankedports.h"
#include "core/snapshot/inetaddress.h"
#include "core/snapshot/snapshot.h"
#include "core/snapshot/snapshotjsonwriter.h"
#include "core/collect/utf8text.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {

std::string fixed(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string join(const std::vector<std::string> &parts, const char *separator)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i ? separator : "") + parts[i];
    return out;
}

// "80 ×604 (nginx)": a port, its TIME-WAIT and, when attributed, its busiest owner (", …" when
// others share the port: the JSON lists them).
std::string portList(const std::vector<RankedPort> &counts, int top, const PortRange &range, const SocketOwnership &ownership,
                     bool remote, const SnapshotTextLabels &l)
{
    std::vector<std::string> parts;
    const auto shown = std::min<std::size_t>(counts.size(), std::size_t(std::max(top, 0)));
    for (std::size_t i = 0; i < shown; ++i) {
        if (counts[i].ephemeral) {
            parts.push_back(SnapshotTextReport::fill(
                l.ephemeralPorts, {std::to_string(range.low), std::to_string(range.high), std::to_string(counts[i].count)}));
            continue;
        }
        std::string part = std::to_string(counts[i].port) + " ×" + std::to_string(counts[i].count);
        const std::string owner = ownership.busiestOwnerOfPort(remote, counts[i].port);
        if (!owner.empty())
            part += " (" + Utf8Text::plain(owner) + ")";
        parts.push_back(part);
    }
    return join(parts, ", ");
}

std::string lower(std::string text)
{
    for (char &c : text)
        c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    return text;
}

}

namespace SnapshotTextReport {

std::string fill(const std::string &pattern, const std::vector<std::string> &args)
{
    std::string out;
    out.reserve(pattern.size() + 64);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '%' && i + 1 < pattern.size() && pattern[i + 1] >= '1' && pattern[i + 1] <= '9') {
            const std::size_t index = std::size_t(pattern[i + 1] - '1');
            if (index < args.size()) {
                out += args[index];
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

std::string formatBytes(std::int64_t bytes)
{
    if (bytes < 1024 && bytes > -1024)
        return std::to_string(bytes) + " bytes";
    static const char *const Units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    const std::uint64_t magnitude = bytes < 0 ? std::uint64_t(-(bytes + 1)) + 1 : std::uint64_t(bytes);
    const int power = (63 - __builtin_clzll(magnitude)) / 10; // as Qt: the 1024-power below the value
    return fixed(double(bytes) / double(std::uint64_t(1) << (10 * power)), 1) + ' ' + Units[power - 1];
}

std::string localIsoTime(std::int64_t msSinceEpoch)
{
    const std::time_t t = std::time_t(msSinceEpoch / 1000);
    struct tm local
    {
    };
    if (!localtime_r(&t, &local))
        return std::string();
    char text[64];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &local);
    const long offset = local.tm_gmtoff;
    if (offset == 0)
        return std::string(text) + 'Z';
    char zone[40];
    std::snprintf(zone, sizeof zone, "%c%02ld:%02ld", offset < 0 ? '-' : '+', std::labs(offset) / 3600,
                  std::labs(offset) % 3600 / 60);
    return std::string(text) + zone;
}

namespace {

std::string worded(const SnapshotTextLabels &l, const CoreMessage &m)
{
    return l.message ? l.message(m) : coreMessagePlain(m);
}

bool isCounted(const Snapshot &s, TcpState state)
{
    return (s.stateMask & tcpStateBit(state)) != 0;
}

// Names are someone else's bytes (a process's comm, a cgroup directory, a recording's or a
// server's header) printed on a terminal, often root's: never an escape sequence or ill-formed UTF-8.
std::string headerLines(const Snapshot &s, const SnapshotTextLabels &l)
{
    std::string out =
        fill(l.header,
             {SOCKSCOPE_VERSION, Utf8Text::plain(s.host), Utf8Text::plain(s.kernel), Utf8Text::plain(s.namespaceLabel),
              Utf8Text::plain(s.namespaceId), localIsoTime(s.wallTimeMs), l.program});
    out += fill(l.sockets,
                {std::to_string(s.totalSockets()), std::to_string(s.ipv4Sockets), std::to_string(s.ipv6Sockets),
                 fixed(double(s.dumpNs) / 1e6, 1), s.consistent ? std::string() : l.inconsistent});
    return out;
}

// With --states the kernel dumped only those: every other state is unknown, not 0.
std::string stateLines(const Snapshot &s, const SnapshotTextLabels &l)
{
    const bool filtered = (s.stateMask & AllTcpStatesMask) != AllTcpStatesMask;
    std::vector<std::string> states, countedNames;
    for (const TcpState state : tcpStatesInDisplayOrder()) {
        if (filtered && isCounted(s, state))
            countedNames.push_back(lower(tcpStateKey(state)));
        if (filtered ? isCounted(s, state) : (s.count(state) || state == TcpState::Established || state == TcpState::TimeWait))
            states.push_back(std::string(tcpStateKey(state)) + ' ' + std::to_string(s.count(state)));
    }
    std::string out;
    if (filtered)
        out += fill(l.statesCounted, {join(countedNames, ", ")});
    out += fill(l.states, {join(states, ", ")});
    return out;
}

// "nginx (pid 812) ×604", then how each entry was attributed.
std::string ownerEntry(const SocketOwner &owner, const OwnerTimeWait &entry, const SnapshotTextLabels &l)
{
    const std::string count = std::to_string(entry.count);
    const std::string processes =
        owner.processesAtLeast ? fill(l.atLeast, {std::to_string(owner.processes)}) : std::to_string(owner.processes);
    std::string who;
    if (owner.pid)
        who = fill(l.processCount, {Utf8Text::plain(owner.command), std::to_string(owner.pid), count});
    else if (owner.processes == 1)
        who = fill(l.listenerHolder, {Utf8Text::plain(owner.command), count});
    else if (owner.processes > 1 && entry.listener == 0)
        who = fill(l.clientProcesses, {Utf8Text::plain(owner.command), processes, count});
    else if (owner.processes > 1)
        who = fill(l.listenerHolders, {Utf8Text::plain(owner.command), processes, count});
    else
        who = fill(l.unitCount, {Utf8Text::plain(owner.unit), count});
    if (entry.likelyUnknown > 0)
        return who
            + fill(l.evidenceCountsUnknown,
                   {std::to_string(entry.exact), std::to_string(entry.listener), std::to_string(entry.likely),
                    std::to_string(entry.likelyUnknown), std::to_string(entry.unknownLive), std::to_string(entry.cgroup)});
    return who
        + fill(l.evidenceCounts,
               {std::to_string(entry.exact), std::to_string(entry.listener), std::to_string(entry.likely),
                std::to_string(entry.cgroup)});
}

std::string ownerLines(const Snapshot &s, int topPorts, const SnapshotTextLabels &l)
{
    if (s.owners.timeWaitByOwner.empty() && s.owners.timeWaitUnattributed == 0)
        return std::string();
    std::vector<std::string> parts;
    bool viaListener = false;
    const auto shown = std::min<std::size_t>(s.owners.timeWaitByOwner.size(), std::size_t(std::max(topPorts, 0)));
    for (std::size_t i = 0; i < shown; ++i) {
        const OwnerTimeWait &entry = s.owners.timeWaitByOwner[i];
        const SocketOwner *owner = s.owners.owner(entry.owner);
        if (!owner)
            continue;
        parts.push_back(ownerEntry(*owner, entry, l));
        viaListener = viaListener || entry.listener > 0;
    }
    if (s.owners.timeWaitUnattributed > 0)
        parts.push_back(fill(l.unattributed, {std::to_string(s.owners.timeWaitUnattributed)}));
    std::string out = fill(l.byProcess, {join(parts, ", ")});
    if (viaListener)
        out += l.listenerNote;
    return out;
}

std::string timeWaitLines(const Snapshot &s, int topPorts, const SnapshotTextLabels &l, bool ephemeralPorts)
{
    const std::int64_t buckets = s.maxTimeWaitBuckets();
    // tcp_max_tw_buckets caps the whole timewait table (TIME-WAIT and orphaned FIN-WAIT-2, both
    // families): compare it with sockstat tw, which counts exactly that, not with TIME-WAIT rows.
    // sockstat is read whatever --states asked the dump for, so the gauge stays valid under it.
    const std::string rows =
        isCounted(s, TcpState::TimeWait) ? fill(l.rows, {std::to_string(s.count(TcpState::TimeWait))}) : l.notCounted;
    std::string out;
    if (buckets > 0 && s.sockstat.valid) {
        out += fill(l.timeWaitTable,
                    {rows, std::to_string(s.sockstat.tcpTimeWait), std::to_string(buckets),
                     fixed(100.0 * double(s.sockstat.tcpTimeWait) / double(buckets), 2)});
    } else {
        out += fill(l.timeWait, {rows});
    }
    const PortRange range = RankedPorts::localRange(s);
    if (!s.timeWaitByLocalPort.empty())
        out += fill(l.byLocalPort,
                    {portList(RankedPorts::rank(s.timeWaitByLocalPort, RankedPorts::foldOf(s, true), !ephemeralPorts), topPorts,
                              range, s.owners, false, l)});
    if (!s.timeWaitByRemotePort.empty())
        out += fill(l.byRemotePort,
                    {portList(RankedPorts::rank(s.timeWaitByRemotePort, RankedPorts::foldOf(s, false), !ephemeralPorts), topPorts,
                              range, s.owners, true, l)});
    return out + ownerLines(s, topPorts, l);
}

std::string portPressureLines(const Snapshot &s, const SnapshotTextLabels &l)
{
    if (!s.ephemeralRange.valid)
        return std::string();
    std::string out = fill(
        l.ephemeral,
        {std::to_string(s.ephemeralRange.low), std::to_string(s.ephemeralRange.high), std::to_string(s.ephemeralRange.size())});
    if (s.portPressure.empty()) {
        out += l.noneInUse;
    } else {
        const PortPressure &p = s.portPressure.front();
        out +=
            fill(l.busiest,
                 {InetAddress::toString(p.family, p.localAddress), InetAddress::endpoint(p.family, p.remoteAddress, p.remotePort),
                  std::to_string(p.inUse), fixed(100.0 * p.inUse / s.ephemeralRange.size(), 2)});
    }
    out += fill(l.budget, {PortBudgetWords::forSnapshot(s, l.budgetPhrases)});
    return out;
}

std::string memoryLines(const Snapshot &s, const SnapshotTextLabels &l)
{
    std::string out;
    if (s.sockstat.valid) {
        out += fill(l.sockstat,
                    {std::to_string(s.sockstat.tcpInUse), std::to_string(s.sockstat.tcpOrphans),
                     std::to_string(s.sockstat.tcpTimeWait), std::to_string(s.sockstat.tcpAllocated),
                     std::to_string(s.sockstat.tcpMemoryPages)});
    }
    std::vector<std::string> slab;
    for (int c = 0; c < SlabCacheCount; ++c) {
        const SlabCacheFigure &f = s.slab.caches[c];
        if (f.source != SlabCacheFigure::Source::None)
            slab.push_back(fill(l.slabCache,
                                {slabCacheName(static_cast<SlabCache>(c)), std::to_string(f.activeObjects), formatBytes(f.bytes),
                                 f.exact() ? std::string() : l.estimate}));
    }
    out += fill(l.slab, {join(slab, "; ")});
    if (!s.slab.slabinfoReadable)
        out += fill(l.estimated, {worded(l, s.slab.slabinfoError), worded(l, s.slab.objectSizeBasis)});
    return out;
}

std::string counterLines(const Snapshot &s, const SnapshotTextLabels &l)
{
    std::vector<std::string> counters;
    for (const auto &info : tcpCounterInfo()) {
        if (s.counters.has(info.counter))
            counters.push_back(std::string(info.name) + ' ' + std::to_string(s.counters.value(info.counter)));
    }
    std::string out = fill(l.counters, {join(counters, ", ")});
    if (s.rates) {
        std::vector<std::string> rates;
        for (const TcpCounter c : {TcpCounter::TimeWaitEntered, TcpCounter::TimeWaitOverflow, TcpCounter::TimeWaitRecycled,
                                   TcpCounter::TimeWaitKilled, TcpCounter::ActiveOpens, TcpCounter::PassiveOpens}) {
            if (s.rates->has(c))
                rates.push_back(std::string(tcpCounterInfo()[static_cast<int>(c)].name) + ' ' + fixed(s.rates->rate(c), 1));
        }
        out += fill(l.perSecond, {fixed(s.rates->intervalSeconds, 2), join(rates, ", ")});
    }
    return out;
}

std::string sysctlValue(const SysctlReading &r, const SnapshotTextLabels &l)
{
    const std::string value = Utf8Text::plain(r.value);
    if (r.state == SysctlReading::State::Present && r.value.empty())
        return l.empty;
    // The kernel's way of saying a child namespace has no hash of its own (ip-sysctl.rst).
    if (r.name == "net.ipv4.tcp_ehash_entries" && !r.value.empty() && r.value.front() == '-')
        return fill(l.negativeHash, {value});
    if (r.name == "net.ipv4.tcp_tw_recycle" && r.state == SysctlReading::State::Present)
        return fill(l.stillRecycle, {value});
    return r.state == SysctlReading::State::Present ? value
        : r.state == SysctlReading::State::Absent   ? fill(l.absent, {l.whyAbsent ? l.whyAbsent(r) : l.absentNote})
                                                    : fill(l.unreadable, {Utf8Text::plain(r.error)});
}

std::string sysctlLines(const Snapshot &s, const SnapshotTextLabels &l)
{
    std::vector<std::string> sysctls;
    for (const SysctlReading &r : s.sysctls)
        sysctls.push_back("  " + Utf8Text::plain(r.name) + " = " + sysctlValue(r, l));
    return fill(l.sysctls, {join(sysctls, "\n")});
}

}

std::string format(const Snapshot &s, int topPorts, const SnapshotTextLabels &l, bool ephemeralPorts)
{
    std::string out = headerLines(s, l);
    out += stateLines(s, l);
    out += timeWaitLines(s, topPorts, l, ephemeralPorts);
    out += portPressureLines(s, l);
    out += memoryLines(s, l);
    out += counterLines(s, l);
    out += sysctlLines(s, l);
    for (const CoreMessage &warning : s.warnings)
        out += fill(l.warning, {Utf8Text::plain(worded(l, warning))});
    return out;
}

}
