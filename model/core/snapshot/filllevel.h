#pragma once

#include <cstdint>

// How full the two kernel resources that fail outright may get before the window colours them:
// the timewait table (tcp_max_tw_buckets) and the local ports towards one destination
// (ip_local_port_range). One place for the thresholds, so the Overview's colours, its tooltips,
// docs/window.md and any later verdict agree. They are this program's choice, not kernel limits:
// the kernel's limit is 100 %, where it stops making timewait entries (TCPTimeWaitOverflow) or
// connect() fails with EADDRNOTAVAIL; the steps before it leave time to act.
namespace FillLevel {

enum class Level { Normal, Warning, Critical };

// In per mille, as the Overview's fill bars count.
constexpr int TimeWaitWarningPerMille = 750;
constexpr int TimeWaitCriticalPerMille = 900;
// connect() picks a local port by scanning the range (__inet_hash_connect), ports of one parity
// first (the parity of the range's low end: even ports for the default 32768; bind() starts with
// the other parity), then the other. A client towards one destination fills that first half first: past half the range,
// every connect() walks the whole first half, taking each port's bucket lock, before it finds a
// port. Hence amber from 50 %; red from 85 %, with 15 % of the range left as headroom.
constexpr int PortsWarningPerMille = 500;
constexpr int PortsCriticalPerMille = 850;

// used of `limit`; Normal when the limit is unknown (0 or less).
Level timeWaitTable(int64_t used, int64_t limit);
Level portsTowardsOneDestination(int64_t inUse, int64_t usable);

}
