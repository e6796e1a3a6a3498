#pragma once

#include "agentoptions.h"

class NetworkNamespace;

// --metrics-listen: a Prometheus exporter until SIGINT or SIGTERM. Returns the exit status.
// It listens in the namespace it is called in and collects in `netns` (entered by the calling
// thread once the listening socket and the HTTP threads are made; the collecting thread is
// started after that and so runs there).
namespace AgentMetrics {
int run(const AgentOptions &options, const NetworkNamespace &netns, const std::string &namespaceLabel);
}
