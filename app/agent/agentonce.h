#pragma once

#include "agentoptions.h"

#include <string>

// --once: one snapshot (two, --interval apart, for rates) as sockscope --once prints it.
namespace AgentOnce {
int run(const AgentOptions &options, const std::string &namespaceLabel);
}
