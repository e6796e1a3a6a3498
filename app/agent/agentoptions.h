#pragma once

#include "core/snapshot/dumppacer.h"
#include "core/metrics/listenaddress.h"
#include "core/collect/tcpstate.h"

#include <cstdint>
#include <string>

// sockscope-agent's command line. No Qt here: the agent runs where nothing is installed.
struct AgentOptions
{
    enum class Mode { Help, Version, Stream, Once, Record, Metrics };
    enum class Format { Json, Text };

    static constexpr int MinimumIntervalMs = 250; // as sockscope's --interval: 0.25 to 10 s
    static constexpr int MaximumIntervalMs = 10000;
    // A socket table costs ~3.7 bytes a socket once compressed: at 262,144 sockets ~1 MB, so
    // every 10 s ~100 kB/s (under 1 Mbit/s) over SSH, and ~4 kB/s at 10,000 sockets. Summaries
    // (~300 bytes a sample) carry the charts; the table needs to be only as fresh as a look at it.
    static constexpr int DefaultTablePeriodMs = 10000;
    static constexpr int MinimumTablePeriodMs = 1000;
    static constexpr int MaximumTablePeriodMs = 3600000;
    // --metrics-listen: a collection is served to every scrape for this long after it started.
    static constexpr int DefaultMetricsMinimumIntervalMs = 1000;
    static constexpr int MaximumMetricsMinimumIntervalMs = 60000;

    Mode mode = Mode::Help;
    Format format = Format::Json;
    std::string recordPath;
    std::string netns;
    int intervalMs = 1000;
    bool intervalGiven = false;
    std::uint32_t stateMask = AllTcpStatesMask;
    int tablePeriodMs = DefaultTablePeriodMs;
    double dumpBudget = DumpPacer::DefaultBudget; // share of one CPU for socket dumps and tables
    int topPorts = 10; // --once; --metrics-listen exports MetricsOptions::DefaultTopPorts unless told
    bool ephemeralPorts = false; // --ephemeral-ports: ports inside ip_local_port_range one by one
    bool topGiven = false;
    ListenAddress metricsListen;
    int metricsMinimumIntervalMs = DefaultMetricsMinimumIntervalMs;
    bool includeSockets = false;
    long samples = 0; // --stream / --record: stop after this many (0: until told)
    // --lab (with --stream): make a training lab (user, network and PID namespaces) and stream it,
    // with its load generator running; --sysctl-helper is what "lab sysctl" runs inside it.
    bool lab = false;
    std::string sysctlHelper;

    // False with a one-line reason for a usage error (the caller exits 2).
    bool parse(int argc, char **argv, std::string *error);
    static const char *usage();
};
