#pragma once

struct Snapshot;

// Derives the counts a snapshot carries (per state, TIME-WAIT per port, ephemeral-port pressure)
// from its socket records in one pass plus small sorts. Flat per-port arrays instead of hash maps:
// a pass over 282k records costs a few milliseconds, next to ~100 ms for the kernel's dump.
namespace SnapshotAggregator {
// Needs snapshot.sockets and snapshot.ephemeralRange filled in.
void aggregate(Snapshot &snapshot);
}
