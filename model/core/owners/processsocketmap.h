#pragma once

#include "core/owners/flatidmap.h"
#include "core/owners/socketownership.h"
#include "core/collect/socketrecord.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// Which processes hold which socket inodes, from the /proc/PID/fd links ("socket:[INODE]"), as
// `ss -p` finds them — but kept from one sample to the next: a pass over the processes runs
// only when the dump shows socket inodes it does not know (new connections), at most once per
// `rescanMs`, and reads at most `descriptorBudget` links per sample (a pass over a host with
// 40,000 descriptors then spreads over a few samples instead of doubling one refresh). As root
// every process is read; otherwise the user's own (others' fd directories refuse with EACCES),
// and scope() says which.
class ProcessSocketMap
{
public:
    struct Options
    {
        std::int64_t rescanMs = 5000;
        std::uint32_t descriptorBudget = 50000; // per update(), after the first pass (which is whole)
        std::string procRoot = "/proc";
    };
    struct Process
    {
        std::uint32_t uid = 0;
        std::string command;
        std::string cgroup; // the cgroup v2 path ("/system.slice/nginx.service"), empty when unknown
    };

    ProcessSocketMap();
    explicit ProcessSocketMap(Options options);

    // Looks up what `sockets` hold that is not known yet (see above). `nowMs`: a monotonic clock.
    // `unknownSeen`: some live socket inode is neither held by a known process nor known unowned
    // (SocketOwnerTracker finds out while attributing, so no pass over the records is needed here).
    void update(const std::vector<SocketRecord> &sockets, std::int64_t nowMs, bool unknownSeen);
    // update() in two halves, so the walk over /proc can run on another thread while the socket
    // dump runs (it needs nothing of the dump): walk() reads the descriptors a pass is due to
    // read; finish() ends a pass the walk completed (it judges the dump's unowned inodes).
    // Neither may run while the other does.
    bool walkDue(std::int64_t nowMs, bool unknownSeen) const;
    void walk(std::int64_t nowMs, bool unknownSeen);
    void finish(const std::vector<SocketRecord> &sockets, std::int64_t nowMs);
    // The last complete pass found this live socket inode in no readable process.
    bool knownUnowned(std::uint32_t inode) const { return m_unowned.find(inode) != nullptr; }

    // The process holding the socket inode (the lowest pid when several share it), or 0.
    std::uint32_t holderOf(std::uint32_t inode) const
    {
        const std::uint32_t *pid = m_inodes.find(inode);
        return pid ? *pid & ~SharedBit : 0;
    }
    // Every process holding the socket inode, lowest pid first (empty when none is known): the
    // master and workers of a pre-fork server, systemd and the service of a socket unit.
    std::vector<std::uint32_t> holdersOf(std::uint32_t inode) const;
    const Process *process(std::uint32_t pid) const;
    // The process was in /proc when the last complete pass listed it (holding sockets or not):
    // false once it has exited and been reaped, for an owner whose processes are all gone.
    bool listed(std::uint32_t pid) const { return std::binary_search(m_listed.begin(), m_listed.end(), pid); }
    OwnerScope scope() const { return m_scope; }
    std::uint32_t processesUnreadable() const { return m_unreadable; }
    // Passes completed so far (for tests and the benchmark).
    std::uint64_t passes() const { return m_passes; }

private:
    // Set in m_inodes' value when more processes than that pid hold the inode (m_sharers lists them).
    static constexpr std::uint32_t SharedBit = 0x80000000u;

    void startPass();
    // Reads processes of the pass in progress until `budget` links are read; true when the pass is complete.
    bool continuePass(std::uint64_t budget);
    std::uint64_t scanProcess(std::uint32_t pid);
    void finishPass(const std::vector<SocketRecord> &sockets, std::int64_t nowMs);

    Options m_options;
    FlatIdMap m_inodes; // inode -> lowest pid (| SharedBit)
    // (inode, pid) of every holder of a shared inode but the lowest, sorted: few (listeners,
    // descriptors inherited across fork), so a sorted list rather than a map of lists.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_sharers;
    std::unordered_map<std::uint32_t, Process> m_processes;
    // Live socket inodes the last complete pass found in no readable process (other users'
    // sockets, orphans): they alone do not start another pass.
    FlatIdMap m_unowned;
    // The pass in progress.
    bool m_passActive = false;
    bool m_walkComplete = false; // walk() read the last process of the pass
    std::vector<std::uint32_t> m_pids;
    std::size_t m_cursor = 0;
    FlatIdMap m_found;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_foundSharers;
    std::unordered_map<std::uint32_t, Process> m_foundProcesses;
    std::uint32_t m_foundUnreadable = 0;
    std::vector<std::uint32_t> m_listed; // the pids of the last complete pass, sorted

    std::int64_t m_lastPassMs = 0;
    std::uint64_t m_passes = 0;
    OwnerScope m_scope = OwnerScope::NotLookedUp;
    std::uint32_t m_unreadable = 0;
};
