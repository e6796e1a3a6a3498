#pragma once

#include "core/owners/portownerstally.h"
#include "core/snapshot/snapshot.h"

// Who is behind the TIME-WAIT on the busiest ports of a snapshot (SocketOwnership::
// localPortOwners, ::remotePortOwners).
namespace PortOwnersCounter {
// Per side: the ports the window's bars and `--once --top` show at most by default, and more.
constexpr std::size_t PortsCounted = 20;

// A tally for the snapshot's busiest ports (its timeWaitByLocalPort and ::RemotePort, already
// aggregated), for SocketOwnerTracker::attribute to fill in its own pass.
PortOwnersTally tallyFor(const Snapshot &snapshot);
// The same in a pass of its own, for a table whose owners are known per socket (one read back
// from a recording or a stream with its OWNERS frame).
void count(Snapshot &snapshot);
}
