#pragma once

#include "core/collect/kernelfigures.h"
#include "core/collect/namespaceidentity.h"
#include "core/owners/socketownership.h"
#include "core/collect/socketrecord.h"
#include "core/collect/tcpstate.h"

#include "core/collect/coremessage.h"

#include <array>
#include <cstdint>
#include <string>
#include <memory>
#include <optional>
#include <vector>

struct PortCount
{
    std::uint16_t port = 0;
    std::uint32_t count = 0;
};

// How many sockets share one (local address, remote address, remote port) with a local port in
// the ephemeral range. connect() needs a free local port per such tuple, so `inUse` against the
// size of ip_local_port_range is how close a client is to EADDRNOTAVAIL.
struct PortPressure
{
    std::uint8_t family = 0;
    std::array<std::uint8_t, 16> localAddress {};
    std::array<std::uint8_t, 16> remoteAddress {};
    std::uint16_t remotePort = 0;
    std::uint32_t inUse = 0;
};

struct PortRange
{
    bool valid = false;
    std::uint16_t low = 0;
    std::uint16_t high = 0;
    int size() const { return valid ? int(high) - int(low) + 1 : 0; }
    // From ip_local_port_range as read ("32768 60999"); invalid when absent or malformed.
    static PortRange fromSysctl(const SysctlReading *reading);
    bool contains(std::uint16_t port) const { return valid && port >= low && port <= high; }
};

// Everything one refresh learned about the TCP stack of one namespace. Built by
// SnapshotCollector in a worker thread and never changed afterwards: the GUI gets it as a
// shared_ptr<const Snapshot>.
struct Snapshot
{
    std::int64_t wallTimeMs = 0; // ms since the epoch, UTC
    // When the socket-derived figures (sockets, state counts, ports, pressure) were dumped: equal
    // to wallTimeMs, or earlier when this sample reused the last dump's (DumpPacer) and read only
    // the cheap /proc figures afresh.
    std::int64_t socketsWallTimeMs = 0;
    std::int64_t monotonicNs = 0; // CLOCK_MONOTONIC, for rates
    std::int64_t collectNs = 0; // the whole refresh
    std::int64_t dumpNs = 0; // the netlink dump alone
    // The machine it was taken on (gethostname(), uname's release), kept with the figures so that a
    // snapshot read back from a recording or a stream is written out naming its own host, not the reader's.
    std::string host;
    std::string kernel;
    std::string namespaceLabel; // what the user named (--netns); empty for the current namespace
    std::string namespaceId; // "net:[4026531840]"
    NamespaceIdentity namespaceIdentity; // what a program compares (not recorded: replays never write)
    std::uint32_t stateMask = AllTcpStatesMask;
    bool consistent = true;
    bool ipv6Available = true;
    std::vector<CoreMessage> warnings;

    std::vector<SocketRecord> sockets;
    TcpStateCounts stateCounts {};
    std::uint32_t ipv4Sockets = 0;
    std::uint32_t ipv6Sockets = 0;
    // TIME-WAIT rows by port, largest first.
    std::vector<PortCount> timeWaitByLocalPort;
    std::vector<PortCount> timeWaitByRemotePort;
    PortRange ephemeralRange;
    std::vector<PortPressure> portPressure; // busiest first, at most PortPressureLimit
    // Sockets of this namespace by the slab cache that holds them (TIME_WAIT entries, request
    // sockets, full sockets; per family): what a slab estimate multiplies.
    std::array<std::uint32_t, SlabCacheCount> socketsPerSlabCache {};
    // Who owns the sockets and whom their TIME-WAIT is attributed to (perSocket parallel to
    // `sockets`); scope NotLookedUp when not asked for.
    SocketOwnership owners;

    SockstatFigures sockstat;
    bool countersValid = false;
    TcpCounters counters;
    SlabFigures slab;
    std::vector<SysctlReading> sysctls;
    std::optional<CounterRates> rates; // against the previous sample, when there was one

    static constexpr int PortPressureLimit = 100;

    std::uint32_t count(TcpState state) const { return stateCounts[static_cast<int>(state)]; }
    std::uint32_t totalSockets() const { return ipv4Sockets + ipv6Sockets; }
    std::int64_t socketAgeMs() const { return wallTimeMs - socketsWallTimeMs; }
    const SysctlReading *sysctl(const std::string &name) const;
    // tcp_max_tw_buckets as a number, or -1 when unknown.
    std::int64_t maxTimeWaitBuckets() const;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;
