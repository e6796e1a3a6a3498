#pragma once

#include "core/collect/coremessage.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

// Figures the kernel keeps outside the socket table: cheap to read every refresh, whatever the
// number of sockets.

// /proc/net/sockstat and sockstat6, for this namespace.
struct SockstatFigures
{
    bool valid = false;
    std::int64_t tcpInUse = 0;
    std::int64_t tcpOrphans = 0;
    // Entries in the TIME_WAIT table: also counts orphaned FIN-WAIT-2 sockets kept there, so it can
    // exceed the number of TIME-WAIT rows.
    std::int64_t tcpTimeWait = 0;
    std::int64_t tcpAllocated = 0;
    std::int64_t tcpMemoryPages = 0; // host-wide, in pages
    bool tcp6Valid = false;
    std::int64_t tcp6InUse = 0;
};

// Counters from /proc/net/netstat (TcpExt) and /proc/net/snmp (Tcp).
enum class TcpCounter {
    // TcpExt TW and TWKilled count entries scheduled into the TIME_WAIT table
    // (__inet_twsk_schedule): TWKilled when the timeout was 4 s or less, TW otherwise.
    TimeWaitEntered,
    TimeWaitRecycled, // TcpExt TWRecycled: TIME_WAIT 4-tuples taken over by connect() (tcp_tw_reuse)
    TimeWaitKilled,
    TimeWaitOverflow, // TcpExt TCPTimeWaitOverflow: closes that got no TIME_WAIT (tcp_max_tw_buckets)
    PawsActive,
    PawsEstab,
    ListenOverflows,
    ListenDrops,
    AbortOnMemory,
    ActiveOpens, // Tcp
    PassiveOpens,
    AttemptFails,
    EstabResets,
    CurrEstab, // a gauge, not a counter
    InSegs,
    OutSegs,
    RetransSegs,
    InErrs,
    OutRsts,
    // PAWS rejects by where they happened; on newer kernels (6.18 here) a reject in TIME-WAIT counts in
    // PAWSTimewait (tcp_timewait_state_process: LINUX_MIB_PAWS_TW_REJECTED), not in PAWSEstab.
    // Newer kernels only: appended, so that recordings with the counters before stay readable.
    PawsTimewait,
    PawsOldAck,
    COUNT
};
constexpr int TcpCounterCount = static_cast<int>(TcpCounter::COUNT);

struct TcpCounterInfo
{
    TcpCounter counter;
    const char *table; // "TcpExt" or "Tcp"
    const char *name; // column name in the /proc file
    bool gauge;
    // A column only newer kernels have: left out of the JSON document where this kernel lacks it.
    bool newerKernelsOnly = false;
};
const std::array<TcpCounterInfo, TcpCounterCount> &tcpCounterInfo();

struct TcpCounters
{
    std::array<std::int64_t, TcpCounterCount> values {};
    std::array<bool, TcpCounterCount> present {};

    std::int64_t value(TcpCounter c) const { return values[static_cast<int>(c)]; }
    bool has(TcpCounter c) const { return present[static_cast<int>(c)]; }
};

// Per-second rates between two snapshots. A counter that went backwards (namespace recreated,
// overflow) has no rate rather than a negative one.
struct CounterRates
{
    double intervalSeconds = 0;
    std::array<double, TcpCounterCount> perSecond {};
    std::array<bool, TcpCounterCount> valid {};

    double rate(TcpCounter c) const { return perSecond[static_cast<int>(c)]; }
    bool has(TcpCounter c) const { return valid[static_cast<int>(c)]; }
};

// Slab caches that hold TCP sockets. /proc/slabinfo is host-wide and root-only; without it the
// figures are estimates from this namespace's socket counts, flagged as such.
enum class SlabCache { TimeWaitV4, TimeWaitV6, TcpV4, TcpV6, RequestV4, RequestV6, COUNT };
constexpr int SlabCacheCount = static_cast<int>(SlabCache::COUNT);
const char *slabCacheName(SlabCache cache); // "tw_sock_TCP", ...

struct SlabCacheFigure
{
    enum class Source {
        None, // neither read nor estimated (e.g. the dump skipped these states)
        Slabinfo, // exact, from /proc/slabinfo
        Estimate, // objects counted in this namespace × this kernel's object size
    };
    Source source = Source::None;
    std::int64_t activeObjects = 0;
    std::int64_t totalObjects = 0;
    std::int64_t objectSize = 0;
    std::int64_t bytes = 0; // slabs × pages per slab × page size, as slabtop shows; estimate: objects × size
    bool exact() const { return source == Source::Slabinfo; }
};

struct SlabFigures
{
    bool slabinfoReadable = false;
    CoreMessage slabinfoError; // why /proc/slabinfo could not be used
    CoreMessage objectSizeBasis; // for estimates: where the object size came from
    std::array<SlabCacheFigure, SlabCacheCount> caches {};

    const SlabCacheFigure &cache(SlabCache c) const { return caches[static_cast<int>(c)]; }
    SlabCacheFigure &cache(SlabCache c) { return caches[static_cast<int>(c)]; }
};

// One sysctl as read from /proc/sys in the observed namespace.
struct SysctlReading
{
    enum class State { Present, Absent, Unreadable };
    std::string name; // "net.ipv4.tcp_tw_reuse"
    State state = State::Absent;
    std::string value; // whitespace-normalised ("32768 60999")
    std::string error; // the C library's errno text when Unreadable
};
