#include "agentonce.h"

#include "agenttext.h"
#include "counterrates.h"
#include "snapshotcollector.h"
#include "snapshotjsonwriter.h"

#include <chrono>
#include <cstdio>
#include <thread>

namespace AgentOnce {

int run(const AgentOptions &options, const std::string &namespaceLabel)
{
    SnapshotCollector collector({options.stateMask, namespaceLabel});
    CoreMessage error;
    std::shared_ptr<Snapshot> snapshot = collector.collect(&error);
    if (snapshot && options.intervalGiven) {
        const std::shared_ptr<Snapshot> first = snapshot;
        std::this_thread::sleep_for(std::chrono::milliseconds(options.intervalMs));
        snapshot = collector.collect(&error);
        if (snapshot)
            snapshot->rates = CounterRatesCalculator::between(*first, *snapshot);
    }
    if (!snapshot) {
        std::fprintf(stderr, "sockscope-agent: %s\n", AgentText::message(error).c_str());
        return 1;
    }
    bool written = false;
    if (options.format == AgentOptions::Format::Json) {
        SnapshotJsonWriter::Options json;
        json.topPorts = options.topPorts;
        json.includeSockets = options.includeSockets;
        json.wording = &AgentText::message;
        written = SnapshotJsonWriter::write(*snapshot, json, JsonStreamWriter::toFile(stdout));
    } else {
        const std::string text = AgentText::report(*snapshot, options.topPorts);
        written = std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
    }
    if (std::fflush(stdout) != 0 || !written) {
        std::fprintf(stderr, "sockscope-agent: writing the snapshot failed.\n");
        return 1;
    }
    return 0;
}

}
