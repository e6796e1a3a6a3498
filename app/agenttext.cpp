#include "agenttext.h"

#include "inetaddress.h"
#include "snapshot.h"
#include "snapshotjsonwriter.h"

#include <algorithm>
#include <cstdio>

namespace {

std::string format(const char *pattern, double value)
{
    char text[64];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

std::string portList(const std::vector<PortCount> &counts, int top)
{
    std::string out;
    const auto shown = std::min<std::size_t>(counts.size(), std::size_t(std::max(top, 0)));
    for (std::size_t i = 0; i < shown; ++i)
        out += (i ? ", " : "") + std::to_string(counts[i].port) + " ×" + std::to_string(counts[i].count);
    return out;
}

}

namespace AgentText {

std::string message(const CoreMessage &message)
{
    return coreMessagePlain(message);
}

std::string report(const Snapshot &s, int topPorts)
{
    std::string out = "sockscope-agent " SOCKSCOPE_VERSION " — host " + SnapshotJsonWriter::hostName() + ", kernel "
        + SnapshotJsonWriter::kernelRelease() + ", network namespace " + s.namespaceLabel + " (" + s.namespaceId + "), "
        + SnapshotJsonWriter::isoTimeUtc(s.wallTimeMs) + "\n";
    out += "TCP sockets: " + std::to_string(s.totalSockets()) + " (IPv4 " + std::to_string(s.ipv4Sockets) + ", IPv6 "
        + std::to_string(s.ipv6Sockets) + "), listed in " + format("%.1f", double(s.dumpNs) / 1e6) + " ms"
        + (s.consistent ? "" : " — inconsistent: the table changed during the dump") + "\n";
    std::string states;
    for (const TcpState state : tcpStatesInDisplayOrder()) {
        if (!(s.stateMask & tcpStateBit(state)))
            continue;
        if (s.count(state) || state == TcpState::Established || state == TcpState::TimeWait)
            states += (states.empty() ? "" : ", ") + std::string(tcpStateKey(state)) + ' ' + std::to_string(s.count(state));
    }
    out += "States: " + states + "\n";
    const std::int64_t buckets = s.maxTimeWaitBuckets();
    out += "TIME-WAIT: " + std::to_string(s.count(TcpState::TimeWait)) + " rows";
    if (buckets > 0 && s.sockstat.valid)
        out += "; timewait table (sockstat tw) " + std::to_string(s.sockstat.tcpTimeWait) + " of tcp_max_tw_buckets "
            + std::to_string(buckets);
    out += "\n";
    if (!s.timeWaitByLocalPort.empty())
        out += "  by local port:  " + portList(s.timeWaitByLocalPort, topPorts) + "\n";
    if (!s.timeWaitByRemotePort.empty())
        out += "  by remote port: " + portList(s.timeWaitByRemotePort, topPorts) + "\n";
    if (s.ephemeralRange.valid && !s.portPressure.empty()) {
        const PortPressure &p = s.portPressure.front();
        out += "Ephemeral ports " + std::to_string(s.ephemeralRange.low) + "–" + std::to_string(s.ephemeralRange.high)
            + ": busiest " + InetAddress::toString(p.family, p.localAddress) + " → "
            + InetAddress::endpoint(p.family, p.remoteAddress, p.remotePort) + " uses " + std::to_string(p.inUse) + "\n";
    }
    std::string slab;
    for (int c = 0; c < SlabCacheCount; ++c) {
        const SlabCacheFigure &f = s.slab.caches[c];
        if (f.source != SlabCacheFigure::Source::None)
            slab += (slab.empty() ? "" : "; ") + std::string(slabCacheName(static_cast<SlabCache>(c))) + ' '
                + std::to_string(f.activeObjects) + " objects, " + std::to_string(f.bytes) + " bytes"
                + (f.exact() ? "" : " (estimate)");
    }
    out += "Slab: " + slab + "\n";
    for (const SysctlReading &r : s.sysctls)
        out += "  " + r.name + " = "
            + (r.state == SysctlReading::State::Present ? r.value
                   : r.state == SysctlReading::State::Absent ? std::string("(absent)")
                                                             : "(unreadable: " + r.error + ")")
            + "\n";
    for (const CoreMessage &warning : s.warnings)
        out += "Warning: " + message(warning) + "\n";
    return out;
}

}
