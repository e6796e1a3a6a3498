#pragma once

#include "core/stream/recordingwriter.h"

#include <string>

// What the agent's stream header says beyond a recording's: the agent, the machine, whether
// /proc/slabinfo was readable, and the kernel defaults detected on that machine's kernel (a
// throwaway network namespace made there), so the window explains the remote kernel, not its own.
namespace AgentHeader {
// Detects the defaults now (a fork; milliseconds) and returns the header to write.
RecordingWriter::Header make(const std::string &namespaceLabel, int intervalMs, std::uint32_t stateMask);
}
