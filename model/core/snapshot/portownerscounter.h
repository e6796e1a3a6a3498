#pragma once

#include "snapshot.h"

// Sets SocketOwnership::localPortOwners and ::remotePortOwners of a snapshot whose owners are
// known per socket: for each of its busiest ports by TIME-WAIT, whom those entries are
// attributed to. One pass over the sockets; the collector calls it after attributing a dump, and
// a table read back from a recording or a stream after its OWNERS frame.
namespace PortOwnersCounter {
// Per side: the ports the window's bars and `--once --top` show at most by default, and more.
constexpr std::size_t PortsCounted = 20;

void count(Snapshot &snapshot);
}
