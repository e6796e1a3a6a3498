#pragma once

#include "core/collect/coremessage.h"
#include "core/snapshot/portbudgetwords.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

struct Snapshot;
struct SysctlReading;

// The `--format text` summary, in the spirit of `ss -s`, for people at a terminal. The core
// writes it from patterns (%1, %2, … as in the Qt layer's tr() texts): English by default (the
// agent's), the user's language when the window's CLI fills them (SnapshotTextWriter).
struct SnapshotTextLabels
{
    std::string program = "sockscope";
    std::string header = "%7 %1 — host %2, kernel %3, network namespace %4 (%5), %6\n";
    std::string sockets = "TCP sockets: %1 (IPv4 %2, IPv6 %3), listed in %4 ms%5\n";
    std::string inconsistent = " — inconsistent: the table changed during the dump";
    std::string statesCounted = "states counted: %1 (filter)\n";
    std::string states = "States: %1\n";
    std::string rows = "%1 rows";
    std::string notCounted = "not counted (not in --states)";
    std::string timeWaitTable = "TIME-WAIT: %1; timewait table (sockstat tw, TIME-WAIT and orphaned FIN-WAIT-2) %2 of "
                                "tcp_max_tw_buckets %3 (%4%)\n";
    std::string timeWait = "TIME-WAIT: %1\n";
    std::string byLocalPort = "  by local port:  %1\n";
    std::string byRemotePort = "  by remote port: %1\n";
    // Whom TIME-WAIT is attributed to (docs/owners.md): command, pid, count; and how.
    std::string byProcess = "  by process:     %1\n";
    std::string processCount = "%1[%2] ×%3";
    std::string unitCount = "%1 ×%2";
    // The holders of a listener (SocketOwner::processes): command(s), then the count of entries.
    std::string listenerHolder = "%1 (the process holding the listener) ×%2";
    std::string listenerHolders = "%1 (%2 processes holding the listener) ×%3";
    // Processes of one command and unit with connections to where the entries went (a pre-fork client).
    std::string clientProcesses = "%1 (%2 processes with connections there) ×%3";
    // A count of processes that is a floor (SocketOwner::processesAtLeast): the number.
    std::string atLeast = "at least %1";
    std::string evidenceCounts = " (%1 exact, %2 via listener, %3 likely, %4 by cgroup)";
    // The same when some likely entries went where connections of no known owner went too.
    std::string evidenceCountsUnknown =
        " (%1 exact, %2 via listener, %3 likely, %4 likely with %5 unknown connections there, %6 by cgroup)";
    // Once, after the line, when some entries were attributed via a listener.
    std::string listenerNote = "                  via listener: to the processes holding the port's listening socket, "
                               "not necessarily the one that served and closed the connection\n";
    std::string unattributed = "not attributed ×%1";
    // The ports inside ip_local_port_range as one entry: low, high, count.
    std::string ephemeralPorts = "ephemeral %1–%2 ×%3";
    std::string ephemeral = "Ephemeral ports %1–%2 (%3 per destination):";
    std::string noneInUse = " none in use\n";
    std::string busiest = " busiest %1 → %2 uses %3 (%4%)\n";
    std::string budget = "  budget: %1\n";
    PortBudgetPhrases budgetPhrases;
    std::string sockstat = "sockstat: this namespace inuse %1, tw %3; host-wide orphan %2, alloc %4, mem %5 pages\n";
    std::string slabCache = "%1 %2 objects, %3%4";
    std::string estimate = " (estimate)";
    std::string slab = "Slab: %1\n";
    std::string estimated = "  estimated (%1): %2\n";
    std::string counters = "Counters: %1\n";
    std::string perSecond = "Per second over %1 s: %2\n";
    std::string absent = "(%1)";
    std::string absentNote = "not present here";
    std::string unreadable = "(unreadable: %1)";
    std::string empty = "(empty)";
    std::string negativeHash = "%1 (negative: this namespace shares the host's hash table)";
    std::string stillRecycle = "%1 (this kernel still has it; it was removed in Linux 4.12)";
    std::string sysctls = "Sysctls:\n%1\n";
    std::string warning = "Warning: %1\n";

    // What only the caller can say: a message in words (default: its code and arguments), why a
    // sysctl is absent (default: absentNote).
    std::function<std::string(const CoreMessage &)> message;
    std::function<std::string(const SysctlReading &)> whyAbsent;
};

namespace SnapshotTextReport {
// `ephemeralPorts`: list the ports inside ip_local_port_range one by one (RankedPorts).
std::string format(const Snapshot &snapshot, int topPorts, const SnapshotTextLabels &labels = {}, bool ephemeralPorts = false);
// "36.0 KiB", as QLocale::formattedDataSize(bytes, 1, DataSizeIecFormat) writes it in the C locale.
std::string formatBytes(std::int64_t bytes);
// `pattern` with %1…%9 replaced by `args`, all at once.
std::string fill(const std::string &pattern, const std::vector<std::string> &args);
// The local time with its UTC offset ("2026-11-25T01:04:50+01:00", "…Z" at UTC).
std::string localIsoTime(std::int64_t msSinceEpoch);
}
