#include "core/snapshot/snapshotjsonwriter.h"

#include "core/snapshot/rankedports.h"
#include "core/snapshot/inetaddress.h"
#include "core/snapshot/jsonstreamwriter.h"
#include "core/snapshot/portbudget.h"
#include "core/snapshot/snapshot.h"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <sys/utsname.h>
#include <unistd.h>

namespace {

const char *slabSourceKey(SlabCacheFigure::Source source)
{
    switch (source) {
    case SlabCacheFigure::Source::Slabinfo: return "slabinfo";
    case SlabCacheFigure::Source::Estimate: return "estimate";
    case SlabCacheFigure::Source::None: break;
    }
    return "none";
}

const char *sysctlStateKey(SysctlReading::State state)
{
    switch (state) {
    case SysctlReading::State::Present: return "present";
    case SysctlReading::State::Absent: return "absent";
    case SysctlReading::State::Unreadable: return "unreadable";
    }
    return "unknown";
}


// pid is null unless one process is meant (the holders of a listener are `processes` of them,
// which of them closed a connection not known); command and user are null for an owner known
// only by its cgroup.
void writeOwner(JsonStreamWriter &json, const SocketOwner &owner)
{
    json.key("pid");
    if (owner.pid)
        json.value(owner.pid);
    else
        json.null();
    json.key("command");
    if (owner.hasProcess())
        json.value(owner.command);
    else
        json.null();
    json.key("user");
    if (owner.hasProcess())
        json.value(owner.user);
    else
        json.null();
    json.field("unit", owner.unit);
    json.field("processes", owner.processes);
    // Only when true (a client of more than 4,096 processes at one place): `processes` is a floor.
    if (owner.processesAtLeast)
        json.field("processes_at_least", true);
}

// One owner's TIME-WAIT entries and how they were attributed.
void writeOwnerTimeWait(JsonStreamWriter &json, const SocketOwner &owner, const OwnerTimeWait &entry)
{
    json.beginObject(true);
    writeOwner(json, owner);
    json.field("count", entry.count);
    json.field("exact", entry.exact);
    json.field("listener", entry.listener);
    json.field("likely", entry.likely);
    json.field("cgroup", entry.cgroup);
    // Added in 0.3, read as 0 when absent: "likely" beside connections of no known owner.
    json.field("likely_unknown", entry.likelyUnknown);
    json.field("unknown_connections", entry.unknownLive);
    json.endObject();
}

// TIME-WAIT by port, busiest first, as a list of {port, count, owners} where `port` is always a
// number (what readers of sockscope.snapshot/1 expect). With the fold on, the ports inside
// ip_local_port_range are not in the list but summed beside it as NAME_ephemeral {range, count}.
void writePortCounts(JsonStreamWriter &json, const char *name, const std::vector<RankedPort> &counts, int top,
                     const PortRange &range, const SocketOwnership &ownership, bool remote)
{
    json.key(name);
    json.beginArray();
    const RankedPort *ephemeral = nullptr;
    std::size_t shown = 0;
    for (const RankedPort &port : counts) {
        if (port.ephemeral) {
            ephemeral = &port;
            continue;
        }
        if (shown++ >= std::size_t(std::max(top, 0)))
            continue;
        json.beginObject(true);
        json.field("port", int(port.port));
        json.field("count", port.count);
        if (const PortOwners *owners = ownership.ofPort(remote, port.port)) {
            json.key("owners");
            json.beginArray();
            std::uint64_t other = owners->otherOwners;
            for (const OwnerTimeWait &entry : owners->owners) {
                if (const SocketOwner *owner = ownership.owner(entry.owner))
                    writeOwnerTimeWait(json, *owner, entry);
                else
                    other += entry.count;
            }
            json.endArray();
            json.field("owners_other", other);
            json.field("unattributed", owners->unattributed);
        }
        json.endObject();
    }
    json.endArray();
    if (!ephemeral)
        return;
    const std::string ephemeralKey = std::string(name) + "_ephemeral";
    json.key(ephemeralKey.c_str());
    json.beginObject(true);
    json.key("range");
    json.beginArray();
    json.value(int(range.low));
    json.value(int(range.high));
    json.endArray();
    json.field("count", ephemeral->count);
    json.endObject();
}

// TIME-WAIT by owner: the top N, and what the rest add up to.
void writeOwnerCounts(JsonStreamWriter &json, const SocketOwnership &o, int top)
{
    json.key("by_process");
    json.beginArray();
    const auto shown = std::min<std::size_t>(o.timeWaitByOwner.size(), std::size_t(std::max(top, 0)));
    std::uint64_t other = o.timeWaitBeyond(shown);
    for (std::size_t i = 0; i < shown; ++i) {
        const OwnerTimeWait &entry = o.timeWaitByOwner[i];
        const SocketOwner *owner = o.owner(entry.owner);
        if (!owner) { // a recording's entry naming no owner: counted with the others, as the window does
            other += entry.count;
            continue;
        }
        writeOwnerTimeWait(json, *owner, entry);
    }
    json.endArray();
    json.field("by_process_other", other);
    json.field("unattributed", o.timeWaitUnattributed);
}

}

namespace SnapshotJsonWriter {

std::string hostName()
{
    char name[256] = {};
    return ::gethostname(name, sizeof name - 1) == 0 ? std::string(name) : std::string();
}

std::string kernelRelease()
{
    struct utsname name
    {
    };
    return ::uname(&name) == 0 ? std::string(name.release) : std::string();
}

std::string isoTimeUtc(std::int64_t msSinceEpoch)
{
    std::int64_t seconds = msSinceEpoch / 1000;
    std::int64_t ms = msSinceEpoch % 1000;
    if (ms < 0) {
        ms += 1000;
        --seconds;
    }
    const std::time_t t = std::time_t(seconds);
    struct tm utc
    {
    };
    if (!gmtime_r(&t, &utc))
        return std::string();
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                  utc.tm_hour, utc.tm_min, utc.tm_sec, int(ms));
    return text;
}

void writeSocket(JsonStreamWriter &json, const SocketRecord &r, const SocketOwnership *ownership, std::size_t index)
{
    json.beginObject(true);
    json.field("family", InetAddress::familyName(r.family));
    json.field("state", tcpStateKey(r.state));
    json.field("local", InetAddress::toString(r.family, r.localAddress));
    json.field("local_port", int(r.localPort));
    json.field("remote", InetAddress::toString(r.family, r.remoteAddress));
    json.field("remote_port", int(r.remotePort));
    json.field("timer", socketTimerKey(r.timer));
    json.field("expires_ms", r.expiresMs);
    json.field("retransmits", int(r.retransmits));
    json.field("recv_q", r.receiveQueue);
    json.field("send_q", r.sendQueue);
    json.field("uid", r.uid);
    json.field("inode", r.inode);
    json.field("cookie", r.cookie);
    if (ownership && ownership->scope != OwnerScope::NotLookedUp) {
        const OwnerRef *ref = ownership->of(index);
        const SocketOwner *owner = ref ? ownership->owner(ref->owner) : nullptr;
        json.key("owner");
        if (owner) {
            json.beginObject(true);
            writeOwner(json, *owner);
            json.field("evidence", ownerEvidenceKey(ref->evidence));
            json.endObject();
        } else {
            json.null();
        }
    }
    json.endObject();
}


namespace {

std::string worded(const Options &options, const CoreMessage &message)
{
    return options.wording ? options.wording(message) : coreMessagePlain(message);
}

bool isCounted(const Snapshot &s, TcpState state)
{
    return (s.stateMask & tcpStateBit(state)) != 0;
}

void writeHeader(JsonStreamWriter &json, const Snapshot &s, const Options &options)
{
    json.field("schema", "sockscope.snapshot/1");
    json.field("sockscope_version", SOCKSCOPE_VERSION);
    json.field("time", isoTimeUtc(s.wallTimeMs));
    json.field("host", s.host);
    json.field("kernel", s.kernel);
    json.key("netns");
    json.beginObject(true);
    json.field("label", s.namespaceLabel);
    json.field("id", s.namespaceId);
    json.endObject();
    json.field("collect_ms", double(s.collectNs) / 1e6);
    json.field("dump_ms", double(s.dumpNs) / 1e6);
    // Counts from the dump are exact unless the table changed under it twice in a row.
    json.field("consistent", s.consistent);
    json.field("ipv6_available", s.ipv6Available);
    json.key("warnings");
    json.beginArray();
    for (const CoreMessage &warning : s.warnings)
        json.value(worded(options, warning));
    json.endArray();
}

void writeStateCounts(JsonStreamWriter &json, const Snapshot &s)
{
    json.key("state_filter");
    json.beginArray(true);
    for (const TcpState state : tcpStatesInDisplayOrder()) {
        if (isCounted(s, state))
            json.value(tcpStateKey(state));
    }
    json.endArray();

    json.key("sockets_total");
    json.beginObject(true);
    json.field("all", s.totalSockets());
    json.field("ipv4", s.ipv4Sockets);
    json.field("ipv6", s.ipv6Sockets);
    json.endObject();

    // A state outside the dump's filter (--states) was not counted: null, never a made-up 0.
    json.key("states");
    json.beginObject();
    for (const TcpState state : tcpStatesInDisplayOrder()) {
        if (isCounted(s, state)) {
            json.field(tcpStateKey(state), s.count(state));
        } else {
            json.key(tcpStateKey(state));
            json.null();
        }
    }
    json.endObject();
}

void writeTimeWait(JsonStreamWriter &json, const Snapshot &s, const Options &options)
{
    json.key("time_wait");
    json.beginObject();
    if (isCounted(s, TcpState::TimeWait)) {
        json.field("total", s.count(TcpState::TimeWait));
    } else {
        json.key("total");
        json.null();
    }
    json.field("max_tw_buckets", s.maxTimeWaitBuckets());
    json.field("distinct_local_ports", std::uint64_t(s.timeWaitByLocalPort.size()));
    json.field("distinct_remote_ports", std::uint64_t(s.timeWaitByRemotePort.size()));
    const PortRange range = RankedPorts::localRange(s);
    writePortCounts(json, "by_local_port",
                    RankedPorts::rank(s.timeWaitByLocalPort, RankedPorts::foldOf(s, true), !options.ephemeralPorts),
                    options.topPorts, range, s.owners, false);
    writePortCounts(json, "by_remote_port",
                    RankedPorts::rank(s.timeWaitByRemotePort, RankedPorts::foldOf(s, false), !options.ephemeralPorts),
                    options.topPorts, range, s.owners, true);
    if (s.owners.scope != OwnerScope::NotLookedUp)
        writeOwnerCounts(json, s.owners, options.topProcesses < 0 ? options.topPorts : options.topProcesses);
    json.endObject();

    if (s.owners.scope != OwnerScope::NotLookedUp) {
        json.key("owners");
        json.beginObject();
        json.field("scope", ownerScopeKey(s.owners.scope));
        json.field("processes_unreadable", s.owners.processesUnreadable);
        json.endObject();
    }
}

// The connections a second a tuple sustains when this host closes first (PortBudget).
void writeBudget(JsonStreamWriter &json, const PortBudget &budget)
{
    json.key("budget");
    if (!budget.valid) {
        json.null();
        return;
    }
    json.beginObject(true);
    json.field("usable_ports", budget.usablePorts);
    json.field("reuse", PortBudget::reuseKey(budget.reuse));
    json.field("reuse_delay_seconds", budget.reuseDelaySeconds);
    json.field("reuse_delay_approximate", budget.delayApproximate);
    json.field("per_second_without_reuse", budget.perSecondWithoutReuse);
    json.field("per_second_with_reuse", budget.perSecondWithReuse);
    json.field("per_second", budget.perSecond);
    json.endObject();
}

void writePortPressure(JsonStreamWriter &json, const Snapshot &s, const Options &options)
{
    json.key("port_pressure");
    json.beginObject();
    json.key("ephemeral_range");
    if (s.ephemeralRange.valid) {
        json.beginArray(true);
        json.value(int(s.ephemeralRange.low));
        json.value(int(s.ephemeralRange.high));
        json.endArray();
    } else {
        json.null();
    }
    json.field("range_size", s.ephemeralRange.size());
    json.key("tuples");
    json.beginArray();
    const auto shownTuples = std::min<std::size_t>(s.portPressure.size(), std::size_t(std::max(options.topPorts, 0)));
    for (std::size_t i = 0; i < shownTuples; ++i) {
        const PortPressure &p = s.portPressure[i];
        json.beginObject(true);
        json.field("local_address", InetAddress::toString(p.family, p.localAddress));
        json.field("remote_address", InetAddress::toString(p.family, p.remoteAddress));
        json.field("remote_port", int(p.remotePort));
        json.field("in_use", p.inUse);
        json.field("fraction", s.ephemeralRange.size() ? double(p.inUse) / s.ephemeralRange.size() : 0.0);
        writeBudget(json, PortBudget::forTuple(s, p));
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

void writeSockstat(JsonStreamWriter &json, const Snapshot &s)
{
    json.key("sockstat");
    json.beginObject();
    json.field("exact", s.sockstat.valid);
    json.field("tcp_inuse", s.sockstat.tcpInUse);
    json.field("tcp_orphan", s.sockstat.tcpOrphans);
    json.field("tcp_tw", s.sockstat.tcpTimeWait);
    json.field("tcp_alloc", s.sockstat.tcpAllocated);
    json.field("tcp_mem_pages", s.sockstat.tcpMemoryPages);
    json.key("tcp6_inuse");
    if (s.sockstat.tcp6Valid)
        json.value(s.sockstat.tcp6InUse);
    else
        json.null();
    json.endObject();
}

void writeSlab(JsonStreamWriter &json, const Snapshot &s, const Options &options)
{
    json.key("slab");
    json.beginObject();
    json.field("slabinfo_readable", s.slab.slabinfoReadable);
    if (!s.slab.slabinfoReadable)
        json.field("slabinfo_error", worded(options, s.slab.slabinfoError));
    if (!s.slab.objectSizeBasis.isEmpty())
        json.field("estimate_basis", worded(options, s.slab.objectSizeBasis));
    json.key("caches");
    json.beginArray();
    for (int c = 0; c < SlabCacheCount; ++c) {
        const SlabCacheFigure &f = s.slab.caches[c];
        json.beginObject(true);
        json.field("name", slabCacheName(static_cast<SlabCache>(c)));
        json.field("source", slabSourceKey(f.source));
        json.field("exact", f.exact());
        json.field("active_objects", f.activeObjects);
        json.field("objects", f.totalObjects);
        json.field("object_size", f.objectSize);
        json.field("bytes", f.bytes);
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

void writeCounters(JsonStreamWriter &json, const Snapshot &s)
{
    json.key("counters");
    json.beginObject();
    json.field("exact", s.countersValid);
    for (const char *table : {"TcpExt", "Tcp"}) {
        json.key(table);
        json.beginObject();
        for (const auto &info : tcpCounterInfo()) {
            if (std::strcmp(info.table, table) != 0 || (info.newerKernelsOnly && !s.counters.has(info.counter)))
                continue;
            json.key(info.name);
            if (s.counters.has(info.counter))
                json.value(s.counters.value(info.counter));
            else
                json.null();
        }
        json.endObject();
    }
    json.endObject();
}

void writeRates(JsonStreamWriter &json, const Snapshot &s)
{
    if (!s.rates)
        return;
    json.key("rates_per_second");
    json.beginObject();
    json.field("interval_s", s.rates->intervalSeconds);
    for (const auto &info : tcpCounterInfo()) {
        if (info.gauge || (info.newerKernelsOnly && !s.counters.has(info.counter)))
            continue;
        json.key((std::string(info.table) + '.' + info.name).c_str());
        if (s.rates->has(info.counter))
            json.value(s.rates->rate(info.counter));
        else
            json.null();
    }
    json.endObject();
}

void writeSysctls(JsonStreamWriter &json, const Snapshot &s)
{
    json.key("sysctls");
    json.beginObject();
    for (const SysctlReading &reading : s.sysctls) {
        json.key(reading.name.c_str());
        json.beginObject(true);
        json.field("state", sysctlStateKey(reading.state));
        json.key("value");
        if (reading.state == SysctlReading::State::Present)
            json.value(reading.value);
        else
            json.null();
        if (!reading.error.empty())
            json.field("error", reading.error);
        json.endObject();
    }
    json.endObject();
}

void writeSockets(JsonStreamWriter &json, const Snapshot &s)
{
    json.key("sockets");
    json.beginArray();
    for (std::size_t i = 0; i < s.sockets.size(); ++i)
        writeSocket(json, s.sockets[i], &s.owners, i);
    json.endArray();
}

}

bool write(const Snapshot &s, const Options &options, JsonStreamWriter::Sink sink)
{
    JsonStreamWriter json(std::move(sink));
    json.beginObject();
    writeHeader(json, s, options);
    writeStateCounts(json, s);
    writeTimeWait(json, s, options);
    writePortPressure(json, s, options);
    writeSockstat(json, s);
    writeSlab(json, s, options);
    writeCounters(json, s);
    writeRates(json, s);
    writeSysctls(json, s);
    if (options.includeSockets)
        writeSockets(json, s);
    json.endObject();
    return json.flush();
}

}
