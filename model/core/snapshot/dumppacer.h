#pragma once

#include <cstdint>

// Decides, sample by sample, whether the socket table is dumped again or the last dump's socket
// figures are reused, so that socket work stays within a share of one CPU whatever the socket
// count. A dump costs ~100 ns a socket in the established-hash walk plus ~200 ns a message
// (performance-notes): nothing at 10,000 sockets, ~0.12 s at 262,144, ~0.45 s at 1M. The cheap
// figures (sockstat, TcpExt/Tcp counters, slab, sysctls: tens of µs) are read every sample.
//
// A token bucket of CPU time: it fills at `budget` ms per ms of wall time, each dump (and each
// socket table encoded from it) is paid from it afterwards, and a dump may start while the
// bucket is not in debt. Small tables therefore come every sample; a 262k-socket table every
// ~3 s at the default 5 %. The bucket holds at most one second's budget, so an idle stretch
// does not buy a burst of dumps.
class DumpPacer
{
public:
    static constexpr double DefaultBudget = 0.05; // of one CPU
    static constexpr double MinimumBudget = 0.01;
    static constexpr double MaximumBudget = 1.0; // 1.0: dump every sample

    explicit DumpPacer(double budget = DefaultBudget);

    double budget() const { return m_budget; }
    // True when the next sample at `nowMs` (monotonic) should dump the sockets.
    bool dumpDue(std::int64_t nowMs);
    // Pays for socket work done at `nowMs`: a dump, or a table encoded from one.
    void spend(std::int64_t nowMs, double cpuMs);

private:
    void fill(std::int64_t nowMs);

    double m_budget;
    double m_creditMs = 0;
    std::int64_t m_lastMs = -1;
};
