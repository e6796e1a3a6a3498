#pragma once

#include "core/lab/labload.h"

#include <cstdint>
#include <string>

// The lab's own frame in the agent's stream (RecordingFormat::Lab, which older readers skip): one
// JSON object after each sample, with what the load generator did since the lab started and
// its settings now, and, after a "lab sysctl" command, the sysctl helper's report as it wrote it.
//   {"time_ms": N, "load": {"rate": 20, ... as LabLoadSettings::words()},
//    "figures": {"attempts": N, "connected": N, "connected_with_timestamps": N, ...},
//    "connect_errors": {"EADDRNOTAVAIL": N, ...}, "bind_errors": {...},
//    "sysctl_report": "..." (only after a change), "sysctl_status": N}
namespace LabFrame {
constexpr std::size_t MaximumPayload = 256 * 1024;
constexpr std::size_t MaximumReport = 64 * 1024;

std::string encode(std::int64_t timeMs, const LabLoadSettings &settings, const LabLoad::Figures &figures);
// The same with a sysctl helper's report (what it printed, cut at MaximumReport) and exit status.
std::string encodeWithReport(std::int64_t timeMs, const LabLoadSettings &settings, const LabLoad::Figures &figures,
                             const std::string &report, int status);
// "EADDRNOTAVAIL" for the errors a lab meets, "E" and the number for others.
std::string errnoName(int number);
}
