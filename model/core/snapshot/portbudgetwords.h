#pragma once

#include "core/snapshot/portbudget.h"

#include <functional>
#include <string>

// The budget line of a report, worded from patterns (%1, %2, … as in the Qt layer's tr() texts)
// like SnapshotTextLabels: English by default (the agent's), the user's language when the Qt
// layer fills them (PortBudgetText). The choice of clauses is made here once, so the window,
// `sockscope --once` and `sockscope-agent --once` state the same budget for the same tuple.
struct PortBudgetPhrases
{
    std::string noRange = "ip_local_port_range could not be read, so no port budget can be given.";
    std::string summary = "About %1 new connections per second towards that destination (local address, remote "
                          "address, remote port) when this host closes first: %2.";
    // Reuse needs the entry to have recorded the peer's timestamp: towards another host that
    // depends on the peer, which sockscope cannot see from here.
    std::string ifPeerTimestamps = "(If the peer sends TCP timestamps.)";
    std::string loopbackAndOther = "Towards that destination (local address, remote address, remote port), when this "
                                   "host closes first: about %1 new connections per second to loopback (%2); about %3 "
                                   "to other addresses (%4).";
    std::string reuseApplies = "tcp_tw_reuse takes over TIME-WAIT entries older than %1";
    std::string reuseOff = "tcp_tw_reuse = 0: each port waits out the 60 s of TIME-WAIT";
    std::string reuseNotLoopback = "tcp_tw_reuse = 2 covers loopback only: each port waits out the 60 s of TIME-WAIT";
    std::string reuseNoTimestamps = "tcp_timestamps = 0: once the entries still carrying a peer-timestamp record from "
                                    "before have expired, tcp_tw_reuse cannot act and each port waits out the 60 s of "
                                    "TIME-WAIT";
    std::string reuseUnknown = "tcp_tw_reuse or tcp_timestamps unreadable: counted without reuse, 60 s per port";
    std::string delayAbout = "about 1 s";
    std::string delaySeconds = "%1 s";
    std::string delayMilliseconds = "%1 ms";
    // A whole number or one with one decimal, as the reader's language writes it (default:
    // English, "28,232" and "4.7").
    std::function<std::string(double value, int decimals)> number;
};

namespace PortBudgetWords {
// "471", or "4.7" below 10.
std::string rate(double perSecond, const PortBudgetPhrases &phrases = {});
// "100 ms", "1 s", or "about 1 s" when tcp_tw_reuse_delay is absent.
std::string delay(const PortBudget &budget, const PortBudgetPhrases &phrases = {});
// Why reuse does or does not apply, in one clause.
std::string reuseReason(const PortBudget &budget, const PortBudgetPhrases &phrases = {});
// "About 470 new connections per second towards that destination …: why."
std::string summary(const PortBudget &budget, const PortBudgetPhrases &phrases = {});
// The budget of a namespace without a tuple: to loopback and to other addresses, one sentence
// when both are the same.
std::string forNamespace(const PortBudgetSettings &settings, const PortBudgetPhrases &phrases = {});
// The report's budget line: the busiest tuple's, or the namespace's when no tuple is in use.
std::string forSnapshot(const Snapshot &snapshot, const PortBudgetPhrases &phrases = {});
// "28,232": digits in groups of three, as English writes them.
std::string englishNumber(double value, int decimals);
}
