// sockscope-agent: the collection core with nothing else, for a server that has no Qt and no
// sockscope installed (issue 12). The window runs it over SSH and reads its stream.
#include "agentlab.h"
#include "agentloop.h"
#include "agentmetrics.h"
#include "agentonce.h"
#include "agentoptions.h"
#include "core/snapshot/dumppacer.h"
#include "core/lab/labnamespace.h"
#include "core/collect/networknamespace.h"

#include <cstdio>
#include <string>

int main(int argc, char **argv)
{
    AgentOptions options;
    std::string usageError;
    if (!options.parse(argc, argv, &usageError)) {
        std::fprintf(stderr, "sockscope-agent: %s\nTry 'sockscope-agent --help'.\n", usageError.c_str());
        return 2;
    }
    switch (options.mode) {
    case AgentOptions::Mode::Help: std::fputs(AgentOptions::usage(), stdout); return 0;
    case AgentOptions::Mode::Version: std::puts("sockscope-agent " SOCKSCOPE_VERSION); return 0;
    case AgentOptions::Mode::Stream:
    case AgentOptions::Mode::Once:
    case AgentOptions::Mode::Record:
    case AgentOptions::Mode::Metrics: break;
    }

    if (options.lab) {
        // Made while the agent is one thread (a user namespace needs that); returns in the lab.
        CoreMessage error;
        AgentLab lab(options.sysctlHelper);
        if (!LabNamespace::enter(&error) || !lab.start(&error)) {
            std::fprintf(stderr, "sockscope-agent: %s\n", coreMessagePlain(error).c_str());
            return 1;
        }
        AgentOptions stream = options;
        // A lab's sockets are few: a dump and its table with every sample, for its checkpoints.
        stream.tablePeriodMs = 0;
        stream.dumpBudget = DumpPacer::MaximumBudget;
        return AgentLoop::run(stream, "lab", &lab);
    }

    NetworkNamespace netns;
    CoreMessage error;
    if (!options.netns.empty() && !netns.open(options.netns, &error)) {
        std::fprintf(stderr, "sockscope-agent: %s\n", coreMessagePlain(error).c_str());
        return 1;
    }
    const std::string label = netns.isCurrent() ? std::string("current") : netns.label();
    // The exporter listens where the agent was started and collects in the namespace: it enters
    // it itself, once its listening socket is made (a socket stays in the namespace it was made in).
    // Whether it may enter is found first: an agent without CAP_SYS_ADMIN over the namespace
    // fails before it listens, rather than binding the port and then exiting.
    if (options.mode == AgentOptions::Mode::Metrics) {
        if (!netns.mayEnter(&error)) {
            std::fprintf(stderr,
                         "sockscope-agent: %s (entering a network namespace needs CAP_SYS_ADMIN over it: run the agent as "
                         "root or through sudo); not listening on %s.\n",
                         coreMessagePlain(error).c_str(), options.metricsListen.toString().c_str());
            return 1;
        }
        return AgentMetrics::run(options, netns, label);
    }
    // The agent is one thread: entering the namespace moves all of it (its netlink socket and
    // /proc/thread-self views follow), as the window's collecting thread does.
    if (!netns.isCurrent() && !netns.enterInCallingThread(&error)) {
        std::fprintf(stderr, "sockscope-agent: %s\n", coreMessagePlain(error).c_str());
        return 1;
    }
    return options.mode == AgentOptions::Mode::Once ? AgentOnce::run(options, label) : AgentLoop::run(options, label);
}
