#pragma once

#include "core/snapshot/snapshot.h"

#include <cstdint>
#include <vector>

// TIME-WAIT by port as the port bars, --once and the exporter rank it. A local port inside this
// host's ip_local_port_range was (almost always) picked by connect(): one such port says little,
// and a server that closes first spreads its entries over thousands of them (its clients'
// ports, seen as remote ports), each with an entry or two. Those are one "ephemeral" entry,
// ranked by their sum, unless the user asks for them one by one. For remote ports the peer's
// range is not known: this host's own is taken as a heuristic for it (Linux peers default to
// 32768–60999, Windows to 49152–65535).
struct RankedPort
{
    std::uint16_t port = 0; // 0 for the ephemeral entry
    std::uint64_t count = 0;
    bool ephemeral = false; // the sum of every port inside the range
};

namespace RankedPorts {
// `counts` most first (Snapshot::timeWaitByLocalPort, ::timeWaitByRemotePort: every port). With
// `fold` and a valid `range`, the ports inside it become one ephemeral entry; the sum of the
// entries is the sum of `counts` either way.
std::vector<RankedPort> rank(const std::vector<PortCount> &counts, const PortRange &range, bool fold);
// The snapshot's net.ipv4.ip_local_port_range (invalid when it was not read).
PortRange localRange(const Snapshot &snapshot);
}
