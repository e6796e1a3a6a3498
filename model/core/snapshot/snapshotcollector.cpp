#include "core/snapshot/snapshotcollector.h"

#include "core/snapshot/counterrates.h"
#include "core/collect/largetable.h"
#include "core/collect/networknamespace.h"
#include "core/snapshot/portownerscounter.h"
#include "core/collect/procfile.h"
#include "core/collect/procnetcountersparser.h"
#include "core/collect/slabestimator.h"
#include "core/collect/slabinfoparser.h"
#include "core/snapshot/snapshotaggregator.h"
#include "core/snapshot/snapshotjsonwriter.h"
#include "core/collect/sockstatparser.h"
#include "core/collect/sysctlreader.h"

#include <chrono>
#include <ctime>
#include <system_error>
#include <thread>
#include <unistd.h>

namespace {
std::int64_t monotonicNow()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

std::int64_t threadCpuNow()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// Joins the owners' walk however collect() leaves: a joinable std::thread destroyed would end the process.
struct WalkerJoin
{
    std::thread &walker;
    ~WalkerJoin()
    {
        if (walker.joinable())
            walker.join();
    }
};

}

SnapshotCollector::SnapshotCollector(Options options)
    : m_options(std::move(options))
{
}

std::shared_ptr<Snapshot> SnapshotCollector::begin()
{
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->wallTimeMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    snapshot->socketsWallTimeMs = snapshot->wallTimeMs;
    snapshot->host = SnapshotJsonWriter::hostName();
    snapshot->kernel = SnapshotJsonWriter::kernelRelease();
    snapshot->namespaceLabel = m_options.namespaceLabel;
    snapshot->namespaceId = NetworkNamespace::callingThreadNamespaceId();
    snapshot->namespaceIdentity = NamespaceIdentity::ofCallingThread();
    snapshot->stateMask = m_options.stateMask;
    return snapshot;
}

std::shared_ptr<Snapshot> SnapshotCollector::collect(CoreMessage *error)
{
    const std::int64_t start = monotonicNow();
    std::shared_ptr<Snapshot> snapshot = begin();

    // sockstat is cheap and tells roughly how many records to expect: reserve once instead of
    // letting the vector double (and briefly hold 1.5× the table) during the dump.
    readSockstat(*snapshot);
    std::size_t expected = m_lastSocketCount;
    if (snapshot->sockstat.valid) {
        expected = std::max<std::size_t>(
            expected, std::size_t(snapshot->sockstat.tcpInUse + snapshot->sockstat.tcpTimeWait + snapshot->sockstat.tcp6InUse));
    }
    snapshot->sockets = std::move(m_spare);
    snapshot->sockets.clear();
    m_spare = std::vector<SocketRecord>();
    const std::size_t capacity = snapshot->sockets.capacity();
    snapshot->sockets.reserve(expected + expected / 8 + 256);

    // The owners' walk over /proc/PID/fd needs nothing of the dump: it runs beside it, on a
    // thread of its own, so it adds to neither --once's wall time nor a refresh's (the dump
    // spends its time in the kernel, one CPU; the walk in readlinkat, another).
    std::thread walker;
    m_walkCpuNs = 0;
    if (m_options.owners && m_owners.walkDue(start / 1000000)) {
        try {
            walker = std::thread([this, start] {
                const std::int64_t cpuStart = threadCpuNow();
                m_owners.walkAhead(start / 1000000);
                m_walkCpuNs = threadCpuNow() - cpuStart;
            });
        } catch (const std::system_error &) {
            // No thread to be had (RLIMIT_NPROC, say): the attribution walks after the dump, as before.
        }
    }
    // Faulted in once the walk has started, so that the two overlap.
    if (snapshot->sockets.capacity() != capacity)
        LargeTable::prefault(snapshot->sockets.data(), snapshot->sockets.capacity() * sizeof(SocketRecord));
    const std::int64_t dumpStart = monotonicNow();
    SockDiagCollector::Request request;
    request.stateMask = m_options.stateMask;
    m_cgroups.clear();
    request.cgroups = m_options.owners ? &m_cgroups : nullptr;
    // Joined on every way out, an exception included.
    const WalkerJoin walkerJoin {walker};
    const SockDiagCollector::Outcome outcome = m_diag.dump(request, snapshot->sockets);
    snapshot->monotonicNs = monotonicNow();
    snapshot->dumpNs = snapshot->monotonicNs - dumpStart;
    if (!outcome.ok) {
        *error = outcome.error;
        return nullptr;
    }
    snapshot->consistent = outcome.consistent;
    snapshot->ipv6Available = outcome.ipv6Available;
    snapshot->warnings.insert(snapshot->warnings.end(), outcome.warnings.begin(), outcome.warnings.end());
    m_lastSocketCount = snapshot->sockets.size();

    // What needs the dump but not the walk is done while the walk, the longer of the two at
    // 18,000 descriptors, still runs.
    readCounters(*snapshot);
    readSysctls(*snapshot);
    SnapshotAggregator::aggregate(*snapshot, m_options.owners ? &m_partition : nullptr);
    readSlab(*snapshot);
    if (m_options.owners) {
        PortOwnersTally ports = PortOwnersCounter::tallyFor(*snapshot);
        if (walker.joinable())
            walker.join();
        snapshot->owners = m_owners.attribute(snapshot->sockets, m_partition, m_cgroups, snapshot->monotonicNs / 1000000, &ports);
    }

    snapshot->collectNs = monotonicNow() - start;
    return snapshot;
}

std::shared_ptr<Snapshot> SnapshotCollector::refresh(const Snapshot &lastDump)
{
    const std::int64_t start = monotonicNow();
    std::shared_ptr<Snapshot> snapshot = begin();
    snapshot->socketsWallTimeMs = lastDump.socketsWallTimeMs;
    snapshot->consistent = lastDump.consistent;
    snapshot->ipv6Available = lastDump.ipv6Available;
    snapshot->stateCounts = lastDump.stateCounts;
    snapshot->ipv4Sockets = lastDump.ipv4Sockets;
    snapshot->ipv6Sockets = lastDump.ipv6Sockets;
    snapshot->timeWaitByLocalPort = lastDump.timeWaitByLocalPort;
    snapshot->timeWaitByRemotePort = lastDump.timeWaitByRemotePort;
    snapshot->portPressure = lastDump.portPressure;
    snapshot->socketsPerSlabCache = lastDump.socketsPerSlabCache;
    snapshot->owners.scope = lastDump.owners.scope;
    snapshot->owners.processesUnreadable = lastDump.owners.processesUnreadable;
    snapshot->owners.owners = lastDump.owners.owners;
    snapshot->owners.timeWaitByOwner = lastDump.owners.timeWaitByOwner;
    snapshot->owners.timeWaitUnattributed = lastDump.owners.timeWaitUnattributed;
    snapshot->owners.localPortOwners = lastDump.owners.localPortOwners;
    snapshot->owners.remotePortOwners = lastDump.owners.remotePortOwners;
    readSockstat(*snapshot);
    snapshot->monotonicNs = monotonicNow();
    readCounters(*snapshot);
    readSysctls(*snapshot);
    // The range is read afresh: pressure is judged against the range in force now.
    snapshot->ephemeralRange = PortRange::fromSysctl(snapshot->sysctl("net.ipv4.ip_local_port_range"));
    readSlab(*snapshot);
    snapshot->collectNs = monotonicNow() - start;
    return snapshot;
}

void SnapshotCollector::recycle(std::vector<SocketRecord> &&sockets)
{
    m_spare = std::move(sockets);
}

void SnapshotCollector::readSockstat(Snapshot &snapshot)
{
    const ProcFile sockstat = ProcFile::read(ProcFile::threadNetPath("sockstat"));
    if (!sockstat.ok()) {
        snapshot.warnings.push_back({CoreMessageCode::ProcUnreadable, {"/proc/net/sockstat", sockstat.error}});
    } else if (!SockstatParser::parseSockstat(sockstat.contents, &snapshot.sockstat)) {
        snapshot.warnings.push_back({CoreMessageCode::SockstatNoTcpLine, {}});
    }
    const ProcFile sockstat6 = ProcFile::read(ProcFile::threadNetPath("sockstat6"));
    if (sockstat6.ok())
        SockstatParser::parseSockstat6(sockstat6.contents, &snapshot.sockstat);
    // sockstat6 is absent when IPv6 is disabled: nothing to report.
}

void SnapshotCollector::readCounters(Snapshot &snapshot)
{
    bool ok = true;
    for (const char *file : {"netstat", "snmp"}) {
        const ProcFile counters = ProcFile::read(ProcFile::threadNetPath(file));
        CoreMessage error;
        if (!counters.ok()) {
            snapshot.warnings.push_back({CoreMessageCode::ProcUnreadable, {std::string("/proc/net/") + file, counters.error}});
            ok = false;
        } else if (!ProcNetCountersParser::parse(counters.contents, &snapshot.counters, &error, file)) {
            snapshot.warnings.push_back(error);
            ok = false;
        }
    }
    snapshot.countersValid = ok;
}

void SnapshotCollector::readSlab(Snapshot &snapshot)
{
    const ProcFile slabinfo = ProcFile::read("/proc/slabinfo");
    CoreMessage error;
    if (slabinfo.ok()) {
        if (!SlabinfoParser::parse(slabinfo.contents, sysconf(_SC_PAGESIZE), &snapshot.slab, &error)) {
            snapshot.slab = SlabFigures();
            snapshot.slab.slabinfoError = error;
        }
    } else {
        snapshot.slab.slabinfoError = slabinfo.status == ProcFile::Status::PermissionDenied
            ? CoreMessage {CoreMessageCode::SlabinfoRootOnly, {}}
            : CoreMessage {CoreMessageCode::SlabinfoUnreadable, {slabinfo.error}};
    }
    SlabEstimator::estimateMissing(snapshot.slab, snapshot.stateMask, snapshot.socketsPerSlabCache);
    if (!snapshot.slab.slabinfoReadable && !m_slabWarningGiven) {
        // Said once per collector: the status bar shows it for good, a warning every second would drown others.
        m_slabWarningGiven = true;
        CoreMessage warning {CoreMessageCode::SlabEstimated, {coreMessageKey(snapshot.slab.slabinfoError.code)}};
        warning.args.insert(warning.args.end(), snapshot.slab.slabinfoError.args.begin(), snapshot.slab.slabinfoError.args.end());
        snapshot.warnings.push_back(std::move(warning));
    }
}

void SnapshotCollector::readSysctls(Snapshot &snapshot)
{
    snapshot.sysctls.reserve(SysctlReader::snapshotSet().size());
    for (const std::string &name : SysctlReader::snapshotSet())
        snapshot.sysctls.push_back(SysctlReader::read(name));
}

std::shared_ptr<Snapshot> SnapshotCollector::collectWithRates(std::chrono::nanoseconds interval, CoreMessage *error)
{
    if (interval.count() <= 0) {
        m_owners.lastAttribution();
        return collect(error);
    }
    std::shared_ptr<Snapshot> first = collect(error);
    if (!first)
        return first;
    std::this_thread::sleep_for(interval);
    m_owners.lastAttribution();
    std::shared_ptr<Snapshot> second = collect(error);
    if (second)
        second->rates = CounterRatesCalculator::between(*first, *second);
    return second;
}
