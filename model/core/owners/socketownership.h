#pragma once

#include <cstdint>
#include <string>
#include <vector>

// Who a socket belongs to: a process (pid, command, user) and the systemd unit or container of
// its cgroup. Plain data, shared by the collector, the JSON writer, the table codec and the views.
struct SocketOwner
{
    // One process (pid set, `processes` 1): the process holding the socket; when processes share
    // a live socket (fork shares descriptors), the lowest pid.
    // The holders of a listening socket (pid 0, `processes` >= 1): what a TIME-WAIT entry "via
    // listener" is attributed to. Which of them served and closed the connection is not known
    // (systemd keeps a socket-activated service's listener, a pre-fork server's master never
    // serves), so no pid is named: the command, user and unit they share, or each distinct one,
    // in pid order, joined by ", " (HolderList).
    // Processes of one command and unit with live connections to a remote endpoint (pid 0,
    // `processes` >= 2): what a TIME-WAIT entry "likely" towards it is attributed to when
    // several hold such connections (the workers of a pre-fork client), never one pid of them.
    // Only a cgroup (pid 0, `processes` 0, command empty): no process known, only the unit.
    std::uint32_t pid = 0;
    std::uint32_t uid = 0;
    std::string command; // /proc/PID/comm
    std::string user; // the uid's name, or the number when it has none
    std::string unit; // "nginx.service", "docker:3f2a1b…", a cgroup path, or empty
    std::uint32_t processes = 0; // how many processes the owner stands for (see above)
    // The full cgroup path of the process (or of the socket, when only that is known): what tells
    // apart owners whose unit names are alike (nginx.service in two containers, the root cgroup's
    // processes). Not shown and not stored: the unit is what a reader sees.
    std::string cgroup;
    // `processes` is a floor: a client's processes at one endpoint are counted up to
    // ClientEndpoints::MaximumProcesses (4,096), and more were there ("at least 4,096 processes").
    bool processesAtLeast = false;

    // What names the owner in a word: its command, or its unit when no process is known.
    const std::string &name() const { return command.empty() ? unit : command; }
    // The holders of a listener, or the processes of a client (see above): not one process.
    // Which of the two, the evidence of the entries attributed to it says (Listener or Likely).
    bool isListenerHolders() const { return pid == 0 && processes > 0; }
    // Some process is known (command and user are its, or its holders').
    bool hasProcess() const { return pid != 0 || processes > 0; }
};

// How an owner was found. For a live socket: its descriptor in the process (Descriptor) or only
// the socket's cgroup (Cgroup). For a TIME-WAIT entry, which has no descriptor and no owner in
// the kernel: Exact (the same socket, by its cookie, was held by this process in an earlier
// sample), Cgroup (the same socket was seen earlier, but known only by its cgroup: an accepted
// socket carries the cgroup of the process that created the listener, sk_clone_lock() ->
// cgroup_sk_clone(), so it names a unit, never who held it), Listener (its local port is
// listened on, and every listener there has the same holders: the owner is those holders, not
// the one that closed), Likely (one owner, its processes merged by command and unit, holds live
// connections to the same remote address and port, or did when last seen: a guess, said as
// one), LikelyUnknown (the same, but live connections whose owner is not known go there too:
// "likely, N unknown").
enum class OwnerEvidence : std::uint8_t {
    None = 0,
    Descriptor = 1,
    Cgroup = 2,
    Exact = 3,
    Listener = 4,
    Likely = 5,
    LikelyUnknown = 6
};
constexpr int OwnerEvidenceCount = 7;
// "fd", "cgroup", "exact", "listener", "likely", "likely-unknown", "none"
const char *ownerEvidenceKey(OwnerEvidence evidence);

// Which processes the descriptors were read of: all (root, or the agent through sudo), only the
// user's own (others' /proc/PID/fd refuse with EACCES), or none (owners not looked up).
enum class OwnerScope : std::uint8_t { NotLookedUp = 0, AllProcesses = 1, OwnProcesses = 2 };
const char *ownerScopeKey(OwnerScope scope); // "off", "all-processes", "own-processes"

struct OwnerRef
{
    std::uint32_t owner = 0; // index + 1 into SocketOwnership::owners; 0: none
    OwnerEvidence evidence = OwnerEvidence::None;
};

// TIME-WAIT entries attributed to one owner, by how.
struct OwnerTimeWait
{
    std::uint32_t owner = 0; // index + 1 into SocketOwnership::owners
    std::uint32_t count = 0;
    std::uint32_t exact = 0;
    std::uint32_t listener = 0;
    std::uint32_t likely = 0;
    std::uint32_t cgroup = 0; // the socket was seen, known only by its cgroup
    // Likely, but beside live connections of no known owner (OwnerEvidence::LikelyUnknown), and
    // how many such connections went to those entries' remote endpoints: the "N" of "likely, N unknown".
    std::uint32_t likelyUnknown = 0;
    std::uint32_t unknownLive = 0;

    void add(OwnerEvidence evidence)
    {
        ++count;
        exact += evidence == OwnerEvidence::Exact;
        listener += evidence == OwnerEvidence::Listener;
        likely += evidence == OwnerEvidence::Likely;
        cgroup += evidence == OwnerEvidence::Cgroup;
        likelyUnknown += evidence == OwnerEvidence::LikelyUnknown;
    }
    void add(const OwnerTimeWait &other)
    {
        count += other.count;
        exact += other.exact;
        listener += other.listener;
        likely += other.likely;
        cgroup += other.cgroup;
        likelyUnknown += other.likelyUnknown;
        unknownLive += other.unknownLive;
    }
};

// Whom the TIME-WAIT on one port is attributed to: "who is behind the TIME-WAIT on port 80".
struct PortOwners
{
    static constexpr std::size_t OwnersListed = 3;

    std::uint16_t port = 0;
    std::vector<OwnerTimeWait> owners; // at most OwnersListed, most first
    std::uint32_t otherOwners = 0; // entries attributed to owners beyond those
    std::uint32_t unattributed = 0;
};

// The owners of one snapshot's sockets. `perSocket` runs parallel to Snapshot::sockets (empty
// when owners were not looked up, or for a table from a reader that had none).
struct SocketOwnership
{
    OwnerScope scope = OwnerScope::NotLookedUp;
    std::uint32_t processesUnreadable = 0; // processes whose descriptors could not be read
    std::vector<SocketOwner> owners;
    std::vector<OwnerRef> perSocket;
    // TIME-WAIT by owner, most first (all of them: a host has few), and the entries attributed to nobody.
    std::vector<OwnerTimeWait> timeWaitByOwner;
    std::uint32_t timeWaitUnattributed = 0;
    // Attributed to owners not in timeWaitByOwner: a recording lists only its top owners.
    std::uint32_t timeWaitOtherOwners = 0;
    // The owners of the TIME-WAIT on the busiest ports (PortOwnersCounter), in the order of
    // Snapshot::timeWaitByLocalPort and ::timeWaitByRemotePort.
    std::vector<PortOwners> localPortOwners;
    std::vector<PortOwners> remotePortOwners;

    // TIME-WAIT attributed to owners past the first `shown` of timeWaitByOwner (and to those a
    // recording left out): what a top N lists as "other".
    std::uint64_t timeWaitBeyond(std::size_t shown) const
    {
        std::uint64_t other = timeWaitOtherOwners;
        for (std::size_t i = shown; i < timeWaitByOwner.size(); ++i)
            other += timeWaitByOwner[i].count;
        return other;
    }

    const SocketOwner *owner(std::uint32_t ref) const { return ref > 0 && ref <= owners.size() ? &owners[ref - 1] : nullptr; }
    // The name of the busiest owner of `port`'s TIME-WAIT, with ", …" when others share the
    // port ("nginx, …"); empty when the port is not among the busiest or nobody is attributed.
    std::string busiestOwnerOfPort(bool remote, std::uint16_t port) const;
    // The owners of `port`'s TIME-WAIT when it is among the busiest ports; null otherwise.
    const PortOwners *ofPort(bool remote, std::uint16_t port) const
    {
        for (const PortOwners &p : remote ? remotePortOwners : localPortOwners) {
            if (p.port == port)
                return &p;
        }
        return nullptr;
    }
    const OwnerRef *of(std::size_t socketIndex) const
    {
        return socketIndex < perSocket.size() ? &perSocket[socketIndex] : nullptr;
    }
    // Sets timeWaitByOwner and timeWaitUnattributed from perSocket (`isTimeWait`: per socket).
    template <typename IsTimeWait> void countTimeWait(std::size_t socketCount, IsTimeWait isTimeWait);
    void sortTimeWait();
};

template <typename IsTimeWait> void SocketOwnership::countTimeWait(std::size_t socketCount, IsTimeWait isTimeWait)
{
    std::vector<OwnerTimeWait> byOwner(owners.size());
    timeWaitUnattributed = 0;
    for (std::size_t i = 0; i < socketCount; ++i) {
        if (!isTimeWait(i))
            continue;
        const OwnerRef ref = i < perSocket.size() ? perSocket[i] : OwnerRef();
        if (ref.owner == 0 || ref.owner > owners.size()) {
            ++timeWaitUnattributed;
            continue;
        }
        OwnerTimeWait &entry = byOwner[ref.owner - 1];
        entry.owner = ref.owner;
        entry.add(ref.evidence);
    }
    timeWaitByOwner.clear();
    for (const OwnerTimeWait &entry : byOwner) {
        if (entry.count > 0)
            timeWaitByOwner.push_back(entry);
    }
    sortTimeWait();
}
