#pragma once

#include "core/collect/coremessage.h"
#include "core/metrics/expositionwriter.h"

#include <cstdint>
#include <string>

struct Snapshot;

// The exporter's own figures, which every scrape shows whatever became of the last collection.
struct CollectionStats
{
    std::uint64_t collections = 0; // kernel walks attempted since the start
    std::uint64_t errors = 0; // of which failed
    bool lastSucceeded = false;
    double lastDurationSeconds = 0;
    double lastDumpSeconds = 0;
    double lastWallSeconds = 0; // when the last collection was made (Unix time)
};

struct MetricsOptions
{
    static constexpr int DefaultTopPorts = 20;
    static constexpr int MaximumTopPorts = 1000;
    // Local and remote TIME-WAIT ports and port tuples exported one by one; the other ports go into
    // one series port="other", so the series count stays bounded and a sum stays exact.
    int topPorts = DefaultTopPorts;
    // Ports inside ip_local_port_range one by one (--ephemeral-ports); by default they are one
    // series port="ephemeral" (RankedPorts): a server's clients' ports would each be a series
    // of an entry or two, a new set every few minutes.
    bool ephemeralPorts = false;
};

// What the exporter serves: every figure of a Snapshot that a dashboard or an alert uses, under
// one "sockscope_" namespace in base units (seconds, bytes), counters as "_total". The metric
// list is in docs/exporter.md.
namespace MetricsRenderer {
// `snapshot` is null when the collection failed: then only the exporter's own figures.
std::string render(const Snapshot *snapshot, const CollectionStats &stats, const MetricsOptions &options,
                   ExpositionWriter::Format format);
}
