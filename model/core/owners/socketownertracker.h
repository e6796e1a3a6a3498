#pragma once

#include "core/collect/cgroupidtable.h"
#include "core/owners/cgroupnames.h"
#include "core/owners/clientendpoints.h"
#include "core/owners/flatidmap.h"
#include "core/owners/portownerstally.h"
#include "core/owners/processsocketmap.h"
#include "core/owners/socketownership.h"
#include "core/owners/socketpartition.h"
#include "core/collect/socketrecord.h"

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

// Finds the owners of one dump's sockets and attributes its TIME-WAIT entries, keeping what it
// learnt for the next dump: the process map (ProcessSocketMap), cgroup names, and a bounded
// memory of which process owned which socket cookie (the kernel keeps a socket's cookie when it
// becomes a TIME-WAIT entry). Rules, in this order, for a TIME-WAIT entry (docs/owners.md):
//   exact     its cookie was held by a process in an earlier dump (or this one);
//   listener  its local port is listened on, and every listener on that port has the same
//             holders: the owner is those processes together (SocketOwner::processes), never
//             one pid, for which of them closed is not known;
//   cgroup    its cookie was seen earlier on a socket no readable process held: the socket's
//             cgroup names a unit (for an accepted socket, the listener creator's);
//   likely    exactly one owner holds live connections (from ports nobody listens on) to its
//             remote address and port, its processes merged by command and unit (the workers
//             of a pre-fork client are one owner); connections of no known owner there do not
//             cancel it, but make it "likely, N unknown" (LikelyUnknown). Found once, it holds
//             while no other owner shows up there, for at most HoldMs after live processes last
//             confirmed it and while one of them is still running (ClientEndpoints, guessClient());
//   none      otherwise. Never a guess where two owners would fit.
class SocketOwnerTracker
{
public:
    struct Options
    {
        ProcessSocketMap::Options processes;
        std::size_t rememberedCookies = 262144; // per generation; two generations are kept
    };

    SocketOwnerTracker();
    explicit SocketOwnerTracker(Options options);

    // `cgroups`: the table the dump's cgroupSlots index. `nowMs`: a monotonic clock.
    // `partition`: the sockets split as SnapshotAggregator's pass found them. `ports`, when given,
    // counts the owners of the busiest ports' TIME-WAIT in the same pass.
    SocketOwnership attribute(const std::vector<SocketRecord> &sockets, const SocketPartition &partition,
                              const CgroupIdTable &cgroups, std::int64_t nowMs, PortOwnersTally *ports = nullptr);

    // No attribute() follows the next one (a one-shot report): it does not remember the live
    // sockets' cookies, which only a later dump reads. At 18,000 live sockets that memory is a
    // map grown by doubling to 64K slots and a 256 KB bitmap: ~450 fresh pages, each a page
    // fault (dear in a VM), on the path from the dump's end to the report.
    void lastAttribution() { m_rememberCookies = false; }

    // The walk over /proc that the next attribute() needs, if any (ProcessSocketMap::walk), done
    // ahead: on another thread while the dump runs. attribute() does it itself otherwise.
    bool walkDue(std::int64_t nowMs) const { return m_processes.walkDue(nowMs, passWanted()); }
    void walkAhead(std::int64_t nowMs)
    {
        m_processes.walk(nowMs, passWanted());
        m_walkedAhead = true;
    }

    const ProcessSocketMap &processes() const { return m_processes; }
    // Owners remembered (the pool the cookie memory points into), for tests: it grows with new
    // owners only, and is flushed whole when full.
    std::size_t ownersRemembered() const { return m_pool.size(); }

private:
    struct Pass;
    struct ClientGuess
    {
        std::uint32_t pool = 0xffffffffu; // none
        std::uint32_t unknown = 0;
        ClientEndpoints::Clients *clients = nullptr;
        bool fromHold = false; // the owner held from before: no live process confirmed it now
    };
    // A pass over /proc may find new owners: live sockets it has not seen, or client TIME-WAIT
    // with no owner grew (passForGrowth()).
    bool passWanted() const { return m_unknownInodes || m_growthPassPending; }
    // Whether `clientUnattributed` entries, grown from the last ones, call for a pass (rate-limited).
    void passForGrowth(std::uint32_t clientUnattributed);
    // After a pass over /proc: the held owners whose processes have all exited go.
    void dropExitedHolds();
    // The sections of attribute(), in order.
    void refreshProcesses(const std::vector<SocketRecord> &sockets, std::int64_t nowMs, SocketOwnership &ownership);
    void attributeLive(const std::vector<SocketRecord> &sockets, const SocketPartition &partition, const CgroupIdTable &cgroups,
                       std::int64_t nowMs, Pass &pass);
    void attributeTimeWait(const std::vector<SocketRecord> &sockets, const SocketPartition &partition, Pass &pass,
                           PortOwnersTally *ports);
    ClientEndpoints outgoingClients(const std::vector<SocketRecord> &sockets, const SocketPartition &partition,
                                    const Pass &pass) const;
    ClientGuess guessClient(ClientEndpoints &clients, const Endpoint &endpoint);
    std::uint32_t poolIndexOfClients(const ClientEndpoints::Clients &clients);
    void rememberLive(const std::vector<SocketRecord> &sockets, const SocketPartition &partition, const Pass &pass);

    std::uint32_t poolIndexOfProcess(std::uint32_t pid);
    std::uint32_t poolIndexOfCgroup(std::uint64_t cgroupId, std::int64_t nowMs);
    // The holders of a listening socket's inode as one owner (SocketOwner::processes); Ambiguous
    // (~0) when no process is known to hold it.
    std::uint32_t poolIndexOfHolders(std::uint32_t inode);
    // `identity` tells apart owners described alike (two listeners, each held by its own process).
    std::uint32_t poolIndex(SocketOwner owner, std::uint32_t identity = 0);
    std::string userName(std::uint32_t uid);
    void remember(std::uint64_t cookie, std::uint32_t poolIndex, bool held);
    // The pool index remembered for `cookie`, with HeldBit when a process held it (not only its
    // cgroup was known), or Ambiguous (~0) when none.
    std::uint32_t remembered(std::uint64_t cookie) const;
    void rotate();

    Options m_options;
    ProcessSocketMap m_processes;
    CgroupNames m_cgroupNames;
    // Every owner seen recently, once: what the cookie memory points into.
    std::vector<SocketOwner> m_pool;
    std::unordered_map<std::string, std::uint32_t> m_poolIndex;
    FlatIdMap m_pidPool; // pid -> pool index, valid for one pass of m_processes
    FlatIdMap m_holdersPool; // listener inode -> pool index of its holders, likewise
    std::uint64_t m_pidPoolPass = ~std::uint64_t(0);
    std::unordered_map<std::uint64_t, std::uint32_t> m_cgroupPool;
    std::unordered_map<std::uint32_t, std::string> m_userNames;
    // Cookie -> pool index: the current generation and the one before it.
    FlatIdMap m_cookies;
    FlatIdMap m_olderCookies;
    // One bit per hash of every remembered cookie (both generations): most TIME-WAIT entries were
    // never seen owned, and a bit in 256 KB says so faster than a probe of the map.
    std::vector<std::uint64_t> m_cookieBits;
    // The last attribution met a live socket inode no pass over /proc has seen.
    bool m_unknownInodes = true;
    // Remote endpoint -> pool index of its likely owner, from the last attribution (and the
    // next one's, while it is made).
    // An endpoint's likely owner, when live processes last confirmed it (monotonic ms), and up
    // to four of those processes (0: none; none at all for an owner known only by its cgroup):
    // once all of them have exited, the owner makes no more entries there, and the hold ends.
    // Four, not every worker of a pool: inline, so the map rebuilt each sample allocates no list
    // per endpoint; four workers all gone while others live only ends a hold the next sample
    // with live connections there sets again.
    struct HeldClient
    {
        std::uint32_t pool;
        std::int64_t confirmedMs;
        std::array<std::uint32_t, 4> pids;
    };
    std::unordered_map<Endpoint, HeldClient, EndpointHash> m_heldClients;
    std::unordered_map<Endpoint, HeldClient, EndpointHash> m_nextHeldClients;
    std::int64_t m_nowMs = 0; // the clock of the attribution under way
    // Client TIME-WAIT entries attributed to nobody (or only to an unconfirmed hold): the fewest
    // since the last pass over /proc, whether they grew enough to want a pass, and when the last
    // such pass was asked for.
    std::uint32_t m_clientUnattributedLow = 0;
    bool m_growthPassPending = false;
    std::int64_t m_growthPassMs = 0;
    bool m_growthPassAsked = false; // m_growthPassMs is set
    bool m_passCompleted = false; // the attribution under way follows a completed pass
    bool m_walkedAhead = false; // walkAhead() did this attribution's share of the walk
    bool m_rememberCookies = true; // false after lastAttribution()
    // ProcessSocketMap::passes() at the last attribution.
    std::uint64_t m_attributedPass = ~std::uint64_t(0);
};
