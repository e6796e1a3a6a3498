#pragma once

#include "agentoptions.h"

// --stream and --record: sample every interval into the recording format, on stdout (commands
// read from stdin) or into a file. Returns the exit status.
namespace AgentLoop {
int run(const AgentOptions &options, const std::string &namespaceLabel);
}
