#pragma once

struct Snapshot;
struct SocketPartition;

// Derives the counts a snapshot carries (per state, TIME-WAIT per port, ephemeral-port pressure)
// from its socket records in one pass plus small sorts. Flat per-port arrays instead of hash maps:
// a pass over 282k records costs a few milliseconds, next to ~100 ms for the kernel's dump.
namespace SnapshotAggregator {
// Needs snapshot.sockets and snapshot.sysctls filled in; sets ephemeralRange from
// ip_local_port_range, which port pressure is measured against.
// `partition`, when given, receives the sockets split for the owner attribution in the same pass.
void aggregate(Snapshot &snapshot, SocketPartition *partition = nullptr);
}
