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

// Which ports fold into the ephemeral entry: those inside `range` but not `keptApart` — ports of
// ip_local_reserved_ports (connect() and bind(0) never pick them) and, for local ports, the ports
// a socket listens on (a server's own port inside the range is a service, not a client's pick).
struct PortFold
{
    PortRange range;
    std::vector<std::uint16_t> keptApart; // sorted

    bool folds(std::uint16_t port) const;
};

namespace RankedPorts {
// `counts` most first (Snapshot::timeWaitByLocalPort, ::timeWaitByRemotePort: every port). With
// `fold` and a valid range, the ports it folds become one ephemeral entry; the sum of the
// entries is the sum of `counts` either way.
std::vector<RankedPort> rank(const std::vector<PortCount> &counts, const PortFold &portFold, bool fold);
// The fold of `snapshot`'s local (`local`) or remote ports: its ip_local_port_range without its
// ip_local_reserved_ports, and for local ports without its listening ports. For remote ports the
// peers' reserved and listening ports are not known: this host's reserved ports stand for them.
PortFold foldOf(const Snapshot &snapshot, bool local);
// The snapshot's net.ipv4.ip_local_port_range (invalid when it was not read).
PortRange localRange(const Snapshot &snapshot);
}
