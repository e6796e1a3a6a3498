#include "core/snapshot/snapshotaggregator.h"

#include "core/collect/largetable.h"
#include "core/snapshot/snapshot.h"
#include "core/owners/socketpartition.h"

#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <tuple>
#include <unordered_map>

namespace {

struct TupleKey
{
    std::array<std::uint8_t, 16> local;
    std::array<std::uint8_t, 16> remote;
    std::uint16_t remotePort;
    std::uint8_t family;

    bool operator==(const TupleKey &other) const
    {
        return remotePort == other.remotePort && family == other.family && local == other.local && remote == other.remote;
    }
};

struct TupleKeyHash
{
    std::size_t operator()(const TupleKey &key) const
    {
        std::uint64_t words[4];
        std::memcpy(words, key.local.data(), 16);
        std::memcpy(words + 2, key.remote.data(), 16);
        std::uint64_t h = (std::uint64_t(key.remotePort) << 8) | key.family;
        for (std::uint64_t word : words)
            h = (h ^ word) * 0x9E3779B97F4A7C15ull;
        return std::size_t(h ^ (h >> 29));
    }
};

std::vector<PortCount> sortedNonZero(const std::vector<std::uint32_t> &perPort)
{
    std::vector<PortCount> counts;
    for (std::size_t port = 0; port < perPort.size(); ++port) {
        if (perPort[port])
            counts.push_back({std::uint16_t(port), perPort[port]});
    }
    std::sort(counts.begin(), counts.end(),
              [](const PortCount &a, const PortCount &b) { return a.count != b.count ? a.count > b.count : a.port < b.port; });
    return counts;
}

}

namespace SnapshotAggregator {

void aggregate(Snapshot &snapshot, SocketPartition *partition)
{
    snapshot.stateCounts.fill(0);
    snapshot.socketsPerSlabCache.fill(0);
    snapshot.ipv4Sockets = 0;
    snapshot.ipv6Sockets = 0;
    std::vector<std::uint32_t> timeWaitByLocal(65536, 0);
    std::vector<std::uint32_t> timeWaitByRemote(65536, 0);
    std::unordered_map<TupleKey, std::uint32_t, TupleKeyHash> pressure;
    // The tuple leaves the local port out, and the dump meets one client's connections to one
    // server one after the other (the ports differ, the tuple does not): the last count found is
    // tried first, which spares most of a quarter of a million hash lookups (the map's nodes
    // stay where they are as it grows).
    TupleKey lastKey {};
    std::uint32_t *lastCount = nullptr;
    snapshot.ephemeralRange = PortRange::fromSysctl(snapshot.sysctl("net.ipv4.ip_local_port_range"));
    const PortRange range = snapshot.ephemeralRange;

    if (partition) {
        partition->clear();
        const std::size_t capacity = partition->timeWait.capacity();
        partition->timeWait.reserve(snapshot.sockets.size());
        if (partition->timeWait.capacity() != capacity)
            LargeTable::prefault(partition->timeWait.data(), partition->timeWait.capacity() * sizeof(SocketPartition::TimeWait));
    }
    for (std::size_t i = 0; i < snapshot.sockets.size(); ++i) {
        const SocketRecord &record = snapshot.sockets[i];
        if (partition)
            partition->add(record, std::uint32_t(i));
        ++snapshot.stateCounts[static_cast<int>(record.state)];
        const bool v6 = record.family == AF_INET6;
        if (v6)
            ++snapshot.ipv6Sockets;
        else
            ++snapshot.ipv4Sockets;
        // Orphaned FIN-WAIT-2 sockets live in the TIME_WAIT table too (timer 3).
        const SlabCache cache = record.timer == SocketTimer::TimeWait || record.state == TcpState::TimeWait
            ? (v6 ? SlabCache::TimeWaitV6 : SlabCache::TimeWaitV4)
            : record.state == TcpState::NewSynRecv ? (v6 ? SlabCache::RequestV6 : SlabCache::RequestV4)
                                                   : (v6 ? SlabCache::TcpV6 : SlabCache::TcpV4);
        ++snapshot.socketsPerSlabCache[static_cast<int>(cache)];
        if (record.state == TcpState::TimeWait) {
            ++timeWaitByLocal[record.localPort];
            ++timeWaitByRemote[record.remotePort];
        }
        // A local port in the ephemeral range on a connected socket was (almost always) picked
        // by connect(); it stays taken for this tuple until the socket, TIME-WAIT included, is gone.
        if (record.state != TcpState::Listen && record.state != TcpState::Close && range.contains(record.localPort)) {
            const TupleKey key {record.localAddress, record.remoteAddress, record.remotePort, record.family};
            if (!lastCount || !(key == lastKey)) {
                lastKey = key;
                lastCount = &pressure[key];
            }
            ++*lastCount;
        }
    }

    snapshot.timeWaitByLocalPort = sortedNonZero(timeWaitByLocal);
    snapshot.timeWaitByRemotePort = sortedNonZero(timeWaitByRemote);

    std::vector<PortPressure> tuples;
    tuples.reserve(pressure.size());
    for (const auto &[key, inUse] : pressure)
        tuples.push_back({key.family, key.local, key.remote, key.remotePort, inUse});
    const auto byLoad = [](const PortPressure &a, const PortPressure &b) {
        if (a.inUse != b.inUse)
            return a.inUse > b.inUse;
        if (a.remotePort != b.remotePort)
            return a.remotePort < b.remotePort;
        return std::tie(a.family, a.remoteAddress, a.localAddress) < std::tie(b.family, b.remoteAddress, b.localAddress);
    };
    const std::size_t kept = std::min<std::size_t>(tuples.size(), Snapshot::PortPressureLimit);
    std::partial_sort(tuples.begin(), tuples.begin() + kept, tuples.end(), byLoad);
    tuples.resize(kept);
    snapshot.portPressure = std::move(tuples);
}

}
