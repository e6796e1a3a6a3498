#pragma once

#include "core/collect/coremessage.h"
#include "core/snapshot/snapshot.h"
#include "core/owners/socketownertracker.h"
#include "core/collect/sockdiagcollector.h"

#include <chrono>
#include <memory>
#include <string>

// Builds Snapshots: the socket dump plus the cheap /proc and /sys figures. Lives in the
// collecting thread (after it entered the observed namespace) and keeps its netlink socket
// across refreshes.
class SnapshotCollector
{
public:
    struct Options
    {
        std::uint32_t stateMask = AllTcpStatesMask;
        std::string namespaceLabel;
        // Look up the sockets' owners and attribute TIME-WAIT (SocketOwnerTracker).
        bool owners = true;
    };

    explicit SnapshotCollector(Options options);

    // Returns null and the reason when the socket table cannot be read at all; anything
    // less (slabinfo unreadable, IPv6 missing, a /proc file malformed) becomes a warning.
    std::shared_ptr<Snapshot> collect(CoreMessage *error);
    // What `--once --interval` reports (sockscope's and the agent's): a snapshot `interval` after
    // a first one, with the counter rates between them; a plain collect() when `interval` is zero.
    std::shared_ptr<Snapshot> collectWithRates(std::chrono::nanoseconds interval, CoreMessage *error);

    // A sample between dumps: the cheap figures (sockstat, counters, sysctls, slab) read now, the
    // socket-derived ones taken from `lastDump` (its table is not copied: `sockets` stays empty).
    // The slab estimate, where slabinfo is unreadable, multiplies the last dump's counts.
    std::shared_ptr<Snapshot> refresh(const Snapshot &lastDump);

    const Options &options() const { return m_options; }
    // The CPU the last collect() spent on another thread (the owners' walk beside the dump):
    // what a budget counting the collecting thread's CPU must add.
    double lastWalkCpuMs() const { return double(m_walkCpuNs) / 1e6; }
    // Hands back the socket table of a snapshot no longer needed: the next collect() fills it
    // again instead of allocating a new one (the agent keeps one table's memory, not two).
    void recycle(std::vector<SocketRecord> &&sockets);

private:
    std::shared_ptr<Snapshot> begin();
    void readSockstat(Snapshot &snapshot);
    void readCounters(Snapshot &snapshot);
    void readSlab(Snapshot &snapshot);
    void readSysctls(Snapshot &snapshot);

    Options m_options;
    SockDiagCollector m_diag;
    CgroupIdTable m_cgroups;
    SocketOwnerTracker m_owners;
    SocketPartition m_partition; // kept: its buffers are reused dump after dump
    std::size_t m_lastSocketCount = 0;
    std::vector<SocketRecord> m_spare;
    bool m_slabWarningGiven = false;
    std::int64_t m_walkCpuNs = 0;
};
