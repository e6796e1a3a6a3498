#pragma once

#include "agentoptions.h"

// --metrics-listen: a Prometheus exporter until SIGINT or SIGTERM. Returns the exit status.
namespace AgentMetrics {
int run(const AgentOptions &options, const std::string &namespaceLabel);
}
