#include "agentmetrics.h"

#include "core/collect/networknamespace.h"
#include "core/metrics/metricscollection.h"
#include "metricsserver.h"

#include <csignal>
#include <cstdio>
#include <pthread.h>

namespace AgentMetrics {

int run(const AgentOptions &options, const NetworkNamespace &netns, const std::string &namespaceLabel)
{
    // SIGINT and SIGTERM are taken by sigwait() below: blocked here, before any thread starts,
    // so that every thread inherits the mask and none is interrupted by them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    MetricsOptions metrics;
    metrics.topPorts = options.topPorts;
    metrics.ephemeralPorts = options.ephemeralPorts;
    MetricsCollection collection({options.stateMask, namespaceLabel}, metrics, [](const CoreMessage &error) {
        if (error.isEmpty())
            std::fputs("sockscope-agent: collecting works again.\n", stderr);
        else
            std::fprintf(stderr, "sockscope-agent: collecting failed (sockscope_collection_success is 0): %s\n",
                         coreMessagePlain(error).c_str());
    });
    SharedCollection shared([&collection] { return collection.collect(); },
                            std::chrono::milliseconds(options.metricsMinimumIntervalMs));
    MetricsServer server(shared);
    std::string error;
    if (!server.start(options.metricsListen, &error)) {
        std::fprintf(stderr, "sockscope-agent: %s\n", error.c_str());
        return 1;
    }
    CoreMessage enterError;
    if (!netns.isCurrent() && !netns.enterInCallingThread(&enterError)) {
        std::fprintf(stderr, "sockscope-agent: %s\n", coreMessagePlain(enterError).c_str());
        shared.stop(); // resumes a scrape that came meanwhile, before the server goes
        server.stop();
        return 1;
    }
    shared.start();
    if (netns.isCurrent())
        std::fprintf(stderr, "sockscope-agent: serving metrics on http://%s/metrics\n", options.metricsListen.toString().c_str());
    else
        std::fprintf(stderr,
                     "sockscope-agent: serving metrics of network namespace %s on http://%s/metrics (listening in the "
                     "namespace the agent was started in)\n",
                     options.netns.c_str(), options.metricsListen.toString().c_str());

    int signalNumber = 0;
    while (sigwait(&stopSignals, &signalNumber) != 0) {
    }
    // The collecting thread first, so suspended scrapes are resumed (with the last result)
    // before the HTTP server goes.
    shared.stop();
    server.stop();
    return 0;
}

}
